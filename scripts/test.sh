#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: unit tests, golden transcripts
# from real Trio, CLI tests, the schema check, GUI tests under Xvfb, and conformance with
# ../shared/conformance when that folder is present.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
# Longer checks, each several more minutes on a 2-core machine, when asked for:
#   TRIOSCOPE_CI_SANITIZE=1     the whole suite again, built with ASan and UBSan (scripts/sanitize.sh)
#   TRIOSCOPE_CI_FUZZ_SECONDS=N the libFuzzer targets, N seconds each (tests/fuzz/run.sh; needs clang)
if [ -n "${TRIOSCOPE_CI_SANITIZE:-}" ]; then
  scripts/sanitize.sh
fi
if [ -n "${TRIOSCOPE_CI_FUZZ_SECONDS:-}" ]; then
  FUZZ_SECONDS=$TRIOSCOPE_CI_FUZZ_SECONDS tests/fuzz/run.sh
fi
