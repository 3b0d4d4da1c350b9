#!/usr/bin/env bash
# Set-up, build and run every test (unit and integration) with ctest. Tests that need the shared
# corpora (../shared/corpora) skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh "$@"
cd build
ctest --output-on-failure --parallel "$(nproc)" --timeout 900
