#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each for SECONDS (default 10), seeded
# with corpus/ and slices of ../shared/corpora. A crash stops with the input saved under
# build-fuzz/crashes/<target>/; copy it to fuzz/regressions/<target>/ to keep it as a test.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
trap 'echo "fuzz.sh: failed at line $LINENO" >&2' ERR
cd "$(dirname "$0")/.."
seconds=${1:-10}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(decode page jsonl entities analyzer query tokens record spelling)

command -v clang++ >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq clang >/dev/null; }
scripts/deps.sh  # the libraries the targets link; building build/ as well was minutes of CI for nothing
cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDSEARCH_FUZZ=ON >/dev/null
cmake --build build-fuzz --parallel "$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null

seeds=build-fuzz/seeds
if [ ! -d "$seeds" ]; then
  mkdir -p "$seeds/text" "$seeds/jsonl" "$seeds/query"
  cp corpus/*.txt "$seeds/text/"
  shared=../shared/corpora
  if [ -d "$shared" ]; then
    # Python reads the archives itself: a pipe into head would die of SIGPIPE under pipefail.
    python3 - "$shared" "$seeds" <<'PY'
import gzip, json, sys
shared, seeds = sys.argv[1], sys.argv[2]
for i, name in enumerate(["reuters21578/reuters21578", "trafilatura-eval/trafilatura-eval", "gnad10k-test/gnad10k-test"]):
    with gzip.open(f"{shared}/{name}.jsonl.gz", "rt", encoding="utf-8") as f, open(f"{seeds}/jsonl/{i}.jsonl", "w") as out:
        for n, line in zip(range(20), f):
            out.write(line)
with gzip.open(f"{shared}/trafilatura-eval/trafilatura-eval.jsonl.gz", "rt", encoding="utf-8") as f:
    for n, line in zip(range(5), f):
        open(f"{seeds}/text/page{n}.txt", "w").write(json.loads(line)["body"][:20000])
PY
  fi
  printf '%s\n' 'special envoy Putin' '"special envoy" -Xinhua' 'country:"North Korea" date:2014-11-01..2014-11-30' \
    'title:envo* OR (Putin AND +Moscow)' '((a b) NOT c' 'person:"Kim Jong-un" org:KCNA source:DW lang:en' |
    split -l 1 - "$seeds/query/q"
fi

status=0
for t in "${targets[@]}"; do
  case $t in query) seed=$seeds/query ;; jsonl) seed=$seeds/jsonl ;; *) seed=$seeds/text ;; esac
  work=build-fuzz/work/$t crashes=build-fuzz/crashes/$t
  rm -rf "$crashes"  # count only what this run finds
  mkdir -p "$work" "$crashes"
  regress=fuzz/regressions/$t
  dirs=("$work" "$seed")
  [ -d "$regress" ] && dirs+=("$regress")
  out=$(build-fuzz/fuzz/fuzz_$t -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$crashes/" -print_final_stats=1 "${dirs[@]}" 2>&1) || status=1
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' <<<"$out" | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' <<<"$out" | tail -1 | grep -o '[0-9]*' || echo 0)
  crashes_found=$(find "$crashes" -type f | wc -l)
  echo "fuzz_$t: ${execs} executions, coverage ${cov} edges, ${crashes_found} crash inputs"
done
exit $status
