#!/usr/bin/env bash
# Set-up, build and run every test (unit and integration) with ctest. Tests that need the shared
# corpora (../shared/corpora) skip with a message when it is absent.
# Usage: scripts/test.sh [--sanitize]   (--sanitize: the same suite under ASan+UBSan, in build-asan/)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--sanitize" ]; then
  export DSEARCH_BUILD_DIR=build-asan
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
  # -O1 -g1 (ASan's advice) instead of -O2 -g: compiling with both sanitizers at -O2 was 10 of
  # CI's 20 minutes (dindex.cc alone 51 s against 25 s), for tests that run about as fast.
  scripts/setup.sh -DDSEARCH_SANITIZE=ON "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
else
  scripts/setup.sh "$@"
fi
cd "${DSEARCH_BUILD_DIR:-build}"
ctest --output-on-failure --parallel "$(nproc)" --timeout 900
