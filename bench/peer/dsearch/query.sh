#!/usr/bin/env bash
# query.sh BUILDDIR INDEXDIR QUERIES OUTPREFIX   (env WARMUP, REPS)
# Writes OUTPREFIX.results.tsv and .snippets.tsv (harness format), plus .core.tsv and .extra.tsv
# (dsearch-only classes); see bench/query_bench.cc for what each time covers.
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: query.sh BUILDDIR INDEXDIR QUERIES OUTPREFIX" >&2; exit 2; }
exec "$1/bench_query" queries --db "$2" --queries "$3" --out "$4" --warmup "${WARMUP:-3}" --reps "${REPS:-5}"
