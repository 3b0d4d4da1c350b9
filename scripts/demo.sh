#!/usr/bin/env bash
# Set-up, build, install dindex and dsearch, index corpus/ into the default index, and search it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo cmake --install build >/dev/null
dindex corpus/
dsearch "special envoy Putin"
