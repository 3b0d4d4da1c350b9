#!/usr/bin/env bash
# bench/speed/run.sh [options]            the speed comparison (bench/SPEED.md)
# bench/speed/run.sh --growth [options]   index/query figures at growing corpus sizes
#
# Builds dindex, dsearch and bench_query (Release), then runs the peers harness
# (../shared/peers/run_all.sh) with dsearch plugged in (bench/peer/dsearch) on the 14k mix
# (reuters21578 + bbc-news + gnad10k-test), times dindex re-runs (nothing changed; 1% of bodies
# changed), whole dsearch processes, and fi-news indexing (345k short items, same peers), and
# prints every dsearch figure next to the best peer's as a ratio. Every figure is also written as
# JSON (default WORK/speed.json).
#
# Options:
#   --build-dir DIR   build folder (default $DSEARCH_BUILD, else build-release); configured as
#                     Release when new. --no-build uses the binaries as they are.
#   --work DIR        where corpora copies, indexes and raw outputs go (default BUILD/speed)
#   --peers "LIST"    peers besides dsearch (default: lucene xapian fts5, plus omega and sphinx
#                     when their Debian packages are installed)
#   --install-peers   apt-get install the Debian packages of the chosen peers that are missing
#                     (as root); without it a peer whose packages are missing is named with the
#                     apt-get line, and the harness skips it
#   --warmup N, --reps N   query passes (default 1 and 3)
#   --index-reps N    after each harness run, build N more indexes with Lucene and dsearch
#                     alternately (default 3; 0: none): the ratio of a pair is steadier than that
#                     of two builds minutes apart
#   --no-fi           skip the fi-news run;  --fi-peers "LIST" peers for it (default --peers)
#   --json FILE       where to write the JSON (default WORK/speed.json, WORK/growth/growth.json)
#   --growth          growth mode: builds sets of --sizes articles (default 10000,100000) with
#                     fresh ids from all corpora, and measures dindex time/size/RSS and query
#                     p50/p99 and facet time at each size (dsearch alone). 1000000 takes ~2 min more.
# Shared data: $DSEARCH_CORPORA (default ../shared/corpora), $DSEARCH_PEERS (../shared/peers).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/bench/speed
BUILD=${DSEARCH_BUILD:-$ROOT/build-release}
WORK="" JSON="" PEERS_LIST="" FI_PEERS="" NO_BUILD=0 NO_FI=0 GROWTH=0 SIZES=10000,100000 INSTALL=0 INDEX_REPS=3
WARMUP=${WARMUP:-1} REPS=${REPS:-3}
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) BUILD=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --peers) PEERS_LIST=$2; shift 2 ;;
    --fi-peers) FI_PEERS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --reps) REPS=$2; shift 2 ;;
    --index-reps) INDEX_REPS=$2; shift 2 ;;
    --no-fi) NO_FI=1; shift ;;
    --no-build) NO_BUILD=1; shift ;;
    --install-peers) INSTALL=1; shift ;;
    --json) JSON=$2; shift 2 ;;
    --growth) GROWTH=1; shift ;;
    --sizes) SIZES=$2; shift 2 ;;
    -h|--help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
export WARMUP REPS

CORPORA=${DSEARCH_CORPORA:-$ROOT/../shared/corpora}
PEERS_DIR=${DSEARCH_PEERS:-$ROOT/../shared/peers}
[ -d "$CORPORA" ] || { echo "run.sh: no shared corpora at $CORPORA (set DSEARCH_CORPORA)" >&2; exit 2; }
[ -x "$PEERS_DIR/run_all.sh" ] || { echo "run.sh: no peers harness at $PEERS_DIR (set DSEARCH_PEERS)" >&2; exit 2; }
MIX_PARTS=("$CORPORA/reuters21578/reuters21578.jsonl.gz" "$CORPORA/bbc-news/bbc-news.jsonl.gz"
           "$CORPORA/gnad10k-test/gnad10k-test.jsonl.gz")
FI=$CORPORA/fi-news/fi-news.jsonl.gz
for f in "${MIX_PARTS[@]}" "$FI"; do [ -f "$f" ] || { echo "run.sh: missing corpus $f" >&2; exit 2; }; done
# What building dsearch needs, and GNU time, which times every engine: a fresh machine lacks them.
"$ROOT/scripts/deps.sh"
"$ROOT/scripts/deps.sh" time
TIME=/usr/bin/time

# Each step's line also goes to WORK/steps.log with the load average: this VM may be shared, and a
# busy neighbour shows up there.
log() {
  echo "[$(date +%H:%M:%S)] $*" >&2
  [ -z "${STEPS:-}" ] || echo "$(date +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg): $*" >> "$STEPS"
}

# 1. build (Release: the figures are meant to compare with optimised peers)
BUILD=$(mkdir -p "$BUILD" && cd "$BUILD" && pwd)
WORK=${WORK:-$BUILD/speed}
WORK=$(mkdir -p "$WORK" && cd "$WORK" && pwd)
if [ -z "$JSON" ]; then JSON=$WORK/speed.json; [ "$GROWTH" = 0 ] || JSON=$WORK/growth/growth.json; fi
STEPS=$WORK/steps.log
if [ ! -f "$BUILD/build.ninja" ]; then
  log "configuring $BUILD (Release)"
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
btype=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
[ "$btype" = Release ] || log "WARNING: $BUILD is a '$btype' build, not Release; figures will be pessimistic"
if [ "$NO_BUILD" = 0 ]; then
  log "building dindex dsearch bench_query in $BUILD"
  cmake --build "$BUILD" --target dindex dsearch bench_query --parallel "$(nproc)" >&2
fi
DINDEX=$BUILD/indexer/dindex DSEARCH=$BUILD/searcher/dsearch BQ=$BUILD/bench/bench_query
for b in "$DINDEX" "$DSEARCH" "$BQ"; do [ -x "$b" ] || { echo "run.sh: $b is not built" >&2; exit 2; }; done
export DSEARCH_BUILD=$BUILD   # bench/peer/dsearch/build.sh links these instead of building again

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
if [ -z "$PEERS_LIST" ]; then
  PEERS_LIST="lucene xapian fts5"
  installed xapian-omega && PEERS_LIST="lucene xapian omega fts5"
  installed sphinxsearch && installed python3-pymysql && PEERS_LIST="$PEERS_LIST sphinx"
fi
FI_PEERS=${FI_PEERS:-$PEERS_LIST}

# The Debian packages each peer needs (../shared/peers/README.md). A fresh machine lacks most: the
# harness would only report "failed at step build", so name them here, or install them.
peer_packages() {
  case "$1" in
    lucene) echo "liblucene8-java openjdk-17-jdk-headless" ;;
    xapian) echo "libxapian-dev g++ pkg-config" ;;
    omega) echo "xapian-omega xapian-tools" ;;
    fts5) echo "sqlite3" ;;
    sphinx) echo "sphinxsearch python3-pymysql" ;;
  esac
}
MISSING=""
for p in $PEERS_LIST $FI_PEERS; do
  for pkg in $(peer_packages "$p"); do
    installed "$pkg" || case " $MISSING " in *" $pkg "*) ;; *) MISSING="$MISSING $pkg" ;; esac
  done
done
if [ -n "$MISSING" ]; then
  if [ "$INSTALL" = 1 ]; then
    log "installing peer packages:$MISSING"
    apt-get install -y --no-install-recommends $MISSING >&2 || { apt-get update >&2 && apt-get install -y --no-install-recommends $MISSING >&2; }
  else
    echo "run.sh: WARNING: peer packages missing:$MISSING; those peers will fail (apt-get install$MISSING, or run with --install-peers)" >&2
  fi
fi
PEER_DSEARCH=$ROOT/bench/peer/dsearch
export PYTHONDONTWRITEBYTECODE=1

# /usr/bin/time -v around a command; its JSON/stdout into OUT.out, time into OUT.time
#   dindex exits 1 when some input failed: that still indexed the rest, so only >1 stops us.
timed() {
  local out=$1 rc=0; shift
  "$TIME" -v -o "$out.time" "$@" > "$out.out" || rc=$?
  [ "$rc" -le 1 ] || { echo "run.sh: $* failed ($rc)" >&2; exit 1; }
}

if [ "$GROWTH" = 1 ]; then
  GW=$WORK/growth
  mkdir -p "$GW"
  STEPS=$GW/steps.log
  echo "sizes=$SIZES warmup=$WARMUP reps=$REPS" > "$GW/info"
  for n in ${SIZES//,/ }; do
    D=$GW/$n
    rm -rf "$D/index" && mkdir -p "$D"
    if [ ! -s "$D/corpus.jsonl" ]; then
      log "growth $n: building the set (fresh ids) -> $D/corpus.jsonl"
      python3 "$HERE/corpus.py" grow "$D/corpus.jsonl.tmp" --size "$n" "${MIX_PARTS[@]}" "$FI" > "$D/corpus.info"
      mv "$D/corpus.jsonl.tmp" "$D/corpus.jsonl"
      cat "$D/corpus.info" >&2
    fi
    log "growth $n: dindex"
    timed "$D/index" "$DINDEX" --db "$D/index" --json --no-progress "$D/corpus.jsonl"
    du -sk "$D/index" | cut -f1 > "$D/index.du_kb"
    # The kernel writes the new index back for a while after dindex exits (870 MB at 1M): queries
    # timed meanwhile were up to half again slower.
    sync
    if [ ! -s "$D/queries.tsv" ]; then
      log "growth $n: queries"
      python3 "$PEERS_DIR/tools/gen_queries.py" "$D/corpus.jsonl" "$D/queries.tsv" >&2
    fi
    log "growth $n: queries x ($WARMUP warm-up + $REPS timed)"
    "$TIME" -v -o "$D/query.time" "$BQ" queries --db "$D/index" --queries "$D/queries.tsv" --out "$D/q" \
      --warmup "$WARMUP" --reps "$REPS" 2> "$D/query.log"
    log "growth $n: done"
  done
  log "done"
  exec python3 "$HERE/report.py" growth "$GW" --json "$JSON"
fi

# 2. the 14k mix: the three corpora concatenated (gzip members concatenate into one valid file)
MIX=$WORK/mix14k.jsonl.gz
[ -s "$MIX" ] || { cat "${MIX_PARTS[@]}" > "$MIX.tmp" && mv "$MIX.tmp" "$MIX"; }
echo "warmup=$WARMUP reps=$REPS peers=$PEERS_LIST fi_peers=$FI_PEERS build=$BUILD ($btype)" > "$WORK/info"

# 3. the peers harness with dsearch plugged in; lucene first: the overlap reference
run_harness() {  # CORPUS DIR PEERS
  local corpus=$1 dir=$2
  PEERS="$3 $PEER_DSEARCH" "$PEERS_DIR/run_all.sh" "$corpus" "$dir" || { echo "run.sh: run_all.sh failed" >&2; exit 1; }
  for f in "$dir"/*/FAILED; do
    [ -e "$f" ] && log "WARNING: $(basename "$(dirname "$f")") failed at step $(cat "$f") (see $(dirname "$f"))"
  done
  [ ! -e "$dir/dsearch/FAILED" ] || { echo "run.sh: dsearch failed in the harness; see $dir/dsearch" >&2; exit 1; }
}
# Lucene and dsearch build the harness's corpus again, alternately, INDEX_REPS times each, the
# first of a pair swapping each time: Lucene's fi-news build took 15.7 s in one run and 20.2 s in
# the next, so a ratio of single builds minutes apart says as much about the VM as the engines.
index_pairs() {  # DIR (a harness folder, with corpus.jsonl)
  local dir=$1 i p order E
  [ "$INDEX_REPS" -gt 0 ] && [ -d "$dir/lucene/build" ] && [ ! -e "$dir/lucene/FAILED" ] || return 0
  for ((i = 1; i <= INDEX_REPS; i++)); do
    order="lucene dsearch"; ((i % 2)) || order="dsearch lucene"
    for p in $order; do
      E=$PEERS_DIR/engines/$p; [ "$p" = dsearch ] && E=$PEER_DSEARCH
      log "$(basename "$dir"): $p builds again ($i of $INDEX_REPS)"
      rm -rf "$dir/$p/index.rep" "$dir/$p/index.rep$i".*
      "$TIME" -v -o "$dir/$p/index.rep$i.time" "$E/index.sh" "$dir/$p/build" "$dir/corpus.jsonl" \
        "$dir/$p/index.rep" "$dir/$p/prep" > "$dir/$p/index.rep.log" 2>&1 \
        || { echo "run.sh: $p failed building again; see $dir/$p/index.rep.log" >&2; exit 1; }
      du -sk "$dir/$p/index.rep" | cut -f1 > "$dir/$p/index.rep$i.du_kb"
    done
  done
  rm -rf "$dir"/*/index.rep
}

log "14k mix: peers harness ($PEERS_LIST + dsearch)"
run_harness "$MIX" "$WORK/mix14k" "$PEERS_LIST"
index_pairs "$WORK/mix14k"

# 4. dindex re-runs, in a folder of their own: a fresh index, a re-run with nothing changed, a
#    re-run with 1% of the bodies changed (the modified copy replaces the file, same path, same ids)
R=$WORK/rerun
rm -rf "$R" && mkdir -p "$R"
cp "$WORK/mix14k/corpus.jsonl" "$R/corpus.jsonl"
log "re-runs: fresh index"
timed "$R/fresh" "$DINDEX" --db "$R/index" --json --no-progress "$R/corpus.jsonl"
log "re-runs: nothing changed"
timed "$R/unchanged" "$DINDEX" --db "$R/index" --json --no-progress "$R/corpus.jsonl"
python3 "$HERE/corpus.py" modify "$WORK/mix14k/corpus.jsonl" "$R/corpus.mod.jsonl" --fraction 0.01 > "$R/modify.info"
mv "$R/corpus.mod.jsonl" "$R/corpus.jsonl"
log "re-runs: 1% changed ($(cat "$R/modify.info"))"
timed "$R/changed1pct" "$DINDEX" --db "$R/index" --json --no-progress "$R/corpus.jsonl"
log "re-runs: no arguments (re-index the paths the index was built from; nothing changed)"
timed "$R/noargs" "$DINDEX" --db "$R/index" --json --no-progress
rm -f "$R/corpus.jsonl"

# 5. whole dsearch processes on the mix index: start, open, query, snippets, print. "--version"
#    (start and exit, no index) is the floor: process creation on a loaded VM is itself ~10-20 ms.
log "end-to-end dsearch processes"
"$BQ" e2e --dsearch "$DSEARCH" --db "$WORK/mix14k/dsearch/index" --reps 10 \
  "--version" "special envoy Putin" "oil prices" '"interest rates"' "+bank +rates" "Bundesregierung Wien" \
  "--facets oil" "--facets --country US trade" "--country GB" > "$WORK/e2e.tsv"

# 6. fi-news: 345k short items, same peers; indexing is the point, queries come along (1 pass)
if [ "$NO_FI" = 0 ]; then
  log "fi-news: peers harness ($FI_PEERS + dsearch), WARMUP=0 REPS=1"
  WARMUP=0 REPS=1 run_harness "$FI" "$WORK/fi-news" "$FI_PEERS"
  index_pairs "$WORK/fi-news"
  rm -f "$WORK/fi-news/corpus.jsonl"   # 106 MB; the harness re-creates it when needed
else
  rm -rf "$WORK/fi-news"
fi

log "done"
python3 "$HERE/report.py" speed "$WORK" --json "$JSON"
