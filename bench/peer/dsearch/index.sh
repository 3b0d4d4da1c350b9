#!/usr/bin/env bash
# index.sh BUILDDIR CORPUS INDEXDIR PREPDIR -- dindex reads JSON Lines itself: no prepare step.
# Env DINDEX_ARGS: extra dindex options (e.g. "-j 1").
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: index.sh BUILDDIR CORPUS INDEXDIR [PREPDIR]" >&2; exit 2; }
out=$("$1/dindex" --db "$3" --json --no-progress ${DINDEX_ARGS:-} "$2")
echo "$out"
# {"added":N,"updated":..,"total":N}: total is what the index holds afterwards.
echo "DOCS=$(echo "$out" | sed -n 's/.*"total":\([0-9]*\).*/\1/p' | tail -1)"
