#!/usr/bin/env bash
# The whole test suite built with AddressSanitizer and UndefinedBehaviorSanitizer, in its
# own build directory (build-asan), and run: any sanitizer report fails the test it is in.
# The GUI tests run too, under Xvfb as in the normal suite. With a release build in build/
# the determinism check also compares the two builds' traces byte for byte.
#
# usage: scripts/sanitize.sh [ctest arguments...]    (environment: SANITIZE_JOBS, default nproc)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${SANITIZE_JOBS:-$(nproc)}
# Clang: a coroutine resumes the next by a guaranteed tail call (symmetric transfer) even with
# AddressSanitizer, while GCC's instrumented build makes it a real call, so that a loop of a
# million turns that never suspends would need a million frames of stack (and overflows).
cxx=${SANITIZE_CXX:-$(command -v clang++-14 || command -v clang++ || echo c++)}
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRIOSCOPE_SANITIZE=ON -DCMAKE_CXX_COMPILER="$cxx" \
  -DTRIOSCOPE_WERROR=OFF >/dev/null
cmake --build build-asan -j"$jobs"
# Leaks in the system's OpenGL, X and font libraries (loaded by the GUI tests) are theirs;
# scripts/lsan.supp names them. Everything else is a finding.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=0
export LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
[ -x build/trioscope ] && export TRIOSCOPE_COMPARE_WITH=$PWD/build/trioscope
# The screenshot tests load Mesa's driver, which is unloaded before LeakSanitizer looks: its blocks
# have no module left to be named by, so those tests run without the leak check (every other
# ASan and UBSan check stays on).
status=0
ctest --test-dir build-asan --output-on-failure -j"$jobs" -E '^gui_(shot|room)' "$@" || status=1
ASAN_OPTIONS=$ASAN_OPTIONS:detect_leaks=0 ctest --test-dir build-asan --output-on-failure -j"$jobs" -R '^gui_(shot|room)' "$@" || status=1
exit $status
