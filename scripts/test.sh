#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: unit tests, golden transcripts
# from real Trio, CLI tests, the schema check, GUI tests under Xvfb, and conformance with
# ../shared/conformance when that folder is present.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
