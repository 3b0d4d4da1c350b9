#!/usr/bin/env bash
# Installs the Debian 12 packages that are missing: the ones named, else what building dsearch needs.
# Usage: scripts/deps.sh [PACKAGE...]   (as root, or with sudo)
set -euo pipefail

packages=("$@")
((${#packages[@]})) || packages=(g++ cmake ninja-build pkg-config libxapian-dev libicu-dev libcli11-dev
                                 libgtest-dev nlohmann-json3-dev libsimdjson-dev libxxhash-dev zlib1g-dev
                                 libzstd-dev libjemalloc-dev libabsl-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]})) || exit 0
echo "deps: installing ${missing[*]}" >&2
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
