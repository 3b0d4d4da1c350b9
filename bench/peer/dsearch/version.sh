#!/usr/bin/env bash
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$ROOT" diff --quiet HEAD 2>/dev/null || rev="$rev+local"
echo "dsearch $(git -C "$ROOT" rev-parse --abbrev-ref HEAD 2>/dev/null)@$rev (Release, g++ $(${CXX:-g++} -dumpfullversion)), Xapian $(xapian-config --version | awk '{print $NF}') glass, in-process Searcher"
