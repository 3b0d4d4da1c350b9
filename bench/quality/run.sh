#!/usr/bin/env bash
# bench/quality/run.sh [--json OUT.json] [--build-dir DIR] [--no-build] [--only SECTIONS]
#                      [--peers "lucene xapian fts5"] [--install-peers] [--html-peers] [--threads N]
#
# The dsearch quality benchmark: country facets and entities vs Reuters-21578 labels, boilerplate
# removal and title/date detection vs trafilatura-eval and readability-test-pages, ranking (MAP,
# P@10, nDCG@10) on the TIME collection against peer engines. Prints the tables and writes every
# figure as JSON (default BUILD/quality/quality.json). See bench/QUALITY.md. --html-peers adds, for
# reference, Readability.js, readability-lxml and boilerpipe on the pages' HTML (npm ci into
# BUILD/quality/html_peers; minutes on the first run, cached after).
#
# Builds dindex and dsearch with CMake + Ninja into the build folder (default build/, or
# $DSEARCH_BUILD): configures it when needed, then brings the two binaries up to date (a no-op
# when they are; --no-build uses them as they are). Shared data: $DSEARCH_CORPORA (default
# ../shared/corpora) and $DSEARCH_PEERS (default ../shared/peers), relative to the repository.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${DSEARCH_BUILD:-$ROOT/build}
ARGS=()
NO_BUILD=0
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) BUILD=$2; shift 2 ;;
    --build-dir=*) BUILD=${1#*=}; shift ;;
    --no-build) NO_BUILD=1; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
CORPORA=${DSEARCH_CORPORA:-$ROOT/../shared/corpora}
PEERS_DIR=${DSEARCH_PEERS:-$ROOT/../shared/peers}
[ -d "$CORPORA" ] || { echo "no shared corpora at $CORPORA (set DSEARCH_CORPORA)" >&2; exit 2; }
[ -d "$PEERS_DIR" ] || echo "no peers harness at $PEERS_DIR (set DSEARCH_PEERS); peers will be skipped" >&2

"$ROOT/scripts/deps.sh"  # what building dsearch needs: a fresh machine lacks it
BUILD=$(mkdir -p "$BUILD" && cd "$BUILD" && pwd)
DINDEX=$BUILD/indexer/dindex
DSEARCH=$BUILD/searcher/dsearch
if [ ! -f "$BUILD/build.ninja" ]; then
  echo "configuring $BUILD ..." >&2
  cmake -S "$ROOT" -B "$BUILD" -G Ninja >/dev/null
fi
if [ "$NO_BUILD" = 0 ] || [ ! -x "$DINDEX" ] || [ ! -x "$DSEARCH" ]; then
  ninja -C "$BUILD" dindex dsearch >&2 || { echo "building dindex and dsearch failed" >&2; exit 2; }
fi

export PYTHONDONTWRITEBYTECODE=1  # keep the source tree free of __pycache__
exec python3 "$ROOT/bench/quality/quality.py" --root "$ROOT" --dindex "$DINDEX" --dsearch "$DSEARCH" \
  --corpora "$CORPORA" --peers-dir "$PEERS_DIR" --work "$BUILD/quality" ${ARGS[@]+"${ARGS[@]}"}
