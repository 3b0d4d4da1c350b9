#!/usr/bin/env bash
# build.sh BUILDDIR -- builds dindex, dsearch and bench_query from this repository (Release, Ninja)
# into BUILDDIR. With DSEARCH_BUILD set to an existing build folder, builds there instead and links
# the binaries into BUILDDIR (bench/speed/run.sh does this so that one build serves every step).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
[ $# -eq 1 ] || { echo "usage: build.sh BUILDDIR" >&2; exit 2; }
OUT=$(mkdir -p "$1" && cd "$1" && pwd)
B=${DSEARCH_BUILD:-$OUT/cmake}
if [ ! -f "$B/build.ninja" ]; then
  cmake -S "$ROOT" -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$B" --target dindex dsearch bench_query --parallel "$(nproc)"
ln -sf "$B/indexer/dindex" "$OUT/dindex"
ln -sf "$B/searcher/dsearch" "$OUT/dsearch"
ln -sf "$B/bench/bench_query" "$OUT/bench_query"
git -C "$ROOT" rev-parse --short HEAD > "$OUT/commit" 2>/dev/null || echo unknown > "$OUT/commit"
git -C "$ROOT" diff --quiet 2>/dev/null || echo "+local changes" >> "$OUT/commit"
