#!/usr/bin/env bash
# Installs what is missing, builds, and opens the app on the first lesson (or on the file
# given). Without a display the binary says so and shows the run as text.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
exec build/trioscope "$@"
