#!/bin/sh
# Builds the libFuzzer targets (clang, -fsanitize=fuzzer,address,undefined) in their own
# build directory and runs each for a bounded time, with a timeout per input and a memory
# limit, so that a crash, a sanitizer report, a hang or a blow-up is a failure. Each
# target's corpus grows in BUILD/corpus/TARGET from the seeds (seeds.py); a finding is left
# as BUILD/findings/TARGET/crash-* (or timeout-*, oom-*) and fails the script.
#
# usage: tests/fuzz/run.sh [TARGET...]        (default: fuzz_load_run fuzz_python fuzz_view)
# environment: FUZZ_SECONDS per target (default 60), FUZZ_BUILD (default build-fuzz),
#              FUZZ_CXX (default clang++-14), FUZZ_JOBS build jobs (default 2)
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD:-$repo/build-fuzz}
seconds=${FUZZ_SECONDS:-60}
targets=${*:-fuzz_load_run fuzz_python fuzz_view}

cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="${FUZZ_CXX:-clang++-14}" \
  -DTRIOSCOPE_FUZZ=ON -DTRIOSCOPE_GUI=OFF -DTRIOSCOPE_TESTS=OFF >/dev/null
# shellcheck disable=SC2086
cmake --build "$build" -j "${FUZZ_JOBS:-2}" --target $targets trioscope >/dev/null

seeds=$build/seeds
rm -rf "$seeds"
python3 "$repo/tests/fuzz/seeds.py" "$seeds" --trioscope "$build/trioscope" >/dev/null

status=0
for t in $targets; do
  corpus=$build/corpus/$t
  findings=$build/findings/$t
  mkdir -p "$corpus" "$findings"
  log=$build/$t.log
  # -timeout: one input running longer is a hang; -rss_limit_mb: a blow-up; -max_len keeps
  # inputs the size of a lesson. A leak is a finding too (ASan's leak check is on).
  set +e
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -dict="$repo/tests/fuzz/scenario.dict" -artifact_prefix="$findings/" -print_final_stats=1 \
    "$corpus" "$seeds" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  echo "$t: ${runs:-?} executions in ${seconds} s, corpus $(ls "$corpus" | wc -l) inputs, exit $rc"
  if [ "$rc" -ne 0 ]; then
    status=1
    echo "  finding: $(ls "$findings" | head -n 3 | tr '\n' ' ')(log: $log)"
    grep -m 3 -E "ERROR|SUMMARY|runtime error" "$log" | sed 's/^/  /' || true
  fi
done
exit $status
