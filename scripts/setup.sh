#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages) and builds dsearch into build/ (or $DSEARCH_BUILD_DIR).
# Usage: scripts/setup.sh [extra cmake args]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh

build=${DSEARCH_BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build" --parallel "$(nproc)"
