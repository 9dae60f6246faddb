#!/usr/bin/env bash
# Configures and builds trioscope into build/ (Release, with the app and the tests), and
# shows the configure summary: what is built, and any check that this machine leaves out.
# With CI set, warnings are errors.
set -euo pipefail
cd "$(dirname "$0")/.."
werror=OFF
[ -n "${CI:-}" ] && werror=ON
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DTRIOSCOPE_WERROR="$werror" 2>&1 |
  grep -E "^-- trioscope|WARNING|Warning|Error|error|left out|not found" | grep -v "^-- Looking\|^-- Performing" || true
test -f build/Makefile || { echo "build.sh: configuring failed (run cmake -S . -B build to see why)" >&2; exit 1; }
cmake --build build -j"$(nproc)"
