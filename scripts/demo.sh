#!/usr/bin/env bash
# Set-up, build, install dindex and dsearch, index corpus/ into the default index, and search it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo cmake --install build >/dev/null
# Exit 4: the default index cannot be used as it is (built by an older dindex, say): build it again.
dindex corpus/ || { rc=$?; [ "$rc" -eq 4 ] || exit "$rc"; dindex --rebuild corpus/; }
dsearch "special envoy Putin"
