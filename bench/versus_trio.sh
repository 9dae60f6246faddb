#!/bin/sh
# trioscope against real Trio, end to end: `trioscope run --transcript FILE` and Trio running
# the same file (../shared/tools/trio_oracle.py, MockClock(autojump_threshold=0)), each as a
# whole process from start to the last line on stdout. Prints wall seconds (best of the
# runs), the ratio, and peak resident memory (/usr/bin/time -v), for generated fan-outs of
# 1,000, 10,000 and 100,000 tasks that each sleep and print, round after round.
#
# usage: bench/versus_trio.sh [TRIOSCOPE]        (default: build/trioscope)
# environment:
#   TRIO034=DIR    a Trio 0.34 source tree (DIR/trio): run it too, with python3
#   PYTHON022=EXE  the Python that has Debian's python3-trio 0.22 (default /usr/bin/python3)
#   RUNS=N         runs per figure (default 3; Trio's 100,000-task file runs once)
#   SIZES="N:R ..." tasks:rounds (default "1000:10 10000:10 100000:2")
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build/trioscope}
oracle=$here/../shared/tools/trio_oracle.py
py022=${PYTHON022:-/usr/bin/python3}
runs=${RUNS:-3}
sizes=${SIZES:-"1000:10 10000:10 100000:2"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The file: N workers started from a loop, each sleeping 1 s and printing, R rounds.
fanout() {
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
n, rounds, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
json.dump({"version": 1, "title": f"Fan-out: {n} tasks x {rounds} rounds of sleep-and-print",
           "functions": {
               "worker": {"params": ["i"], "body": [
                   {"repeat": rounds, "as": "round", "body": [
                       {"sleep": 1}, {"print": "task {i} round {round}"}]}]},
               "main": {"body": [{"open_nursery": "nursery", "body": [
                   {"repeat": n, "as": "i", "body": [{"start_soon": "worker", "args": ["$i"]}]}]}]}},
           "main": "main"}, open(path, "w"))
PY
}

# measure NAME RUNS CMD...: best wall seconds and the peak RSS (MiB) of that run -> $tmp/NAME
measure() {
  name=$1 times=$2
  shift 2
  best="" best_kb=""
  i=0
  while [ "$i" -lt "$times" ]; do
    /usr/bin/time -v -o "$tmp/time" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || {
      echo "$name failed:" >&2
      tail -n 5 "$tmp/$name.err" >&2
      exit 1
    }
    s=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time" | awk -F: '{ print ($1 * 60) + $2 }')
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
    if [ -z "$best" ] || awk "BEGIN { exit !($s < $best) }"; then best=$s best_kb=$kb; fi
    i=$((i + 1))
  done
  echo "$best $best_kb" >"$tmp/$name"
}

row() {  # label, trioscope figures, trio figures
  read -r ts tk <"$2"
  if [ -f "$3" ]; then
    read -r rs rk <"$3"
    ratio=$(awk "BEGIN { printf \"%.0f\", $rs / ($ts > 0 ? $ts : 0.001) }")
    printf '%-26s %10.3f %8.1f   %10.3f %8.1f   %6sx\n' "$1" "$ts" "$((tk / 1024))" "$rs" "$((rk / 1024))" "$ratio"
  else
    printf '%-26s %10.3f %8.1f   %10s %8s   %7s\n' "$1" "$ts" "$((tk / 1024))" - - -
  fi
}

printf '%-26s %10s %8s   %10s %8s   %7s\n' "FILE / REFERENCE" "trioscope s" "MiB" "Trio s" "MiB" "RATIO"
for size in $sizes; do
  n=${size%%:*} r=${size##*:}
  f=$tmp/fanout_${n}x$r.json
  fanout "$n" "$r" "$f"
  measure ours "$runs" "$bin" run --transcript "$f"
  trio_runs=$runs
  [ "$n" -ge 100000 ] && trio_runs=1
  rm -f "$tmp/t022" "$tmp/t034"
  if [ -f "$oracle" ] && "$py022" -c 'import trio' 2>/dev/null; then
    measure t022 "$trio_runs" "$py022" -W ignore "$oracle" "$f"
    cmp -s "$tmp/ours.out" "$tmp/t022.out" || sort "$tmp/ours.out" | cmp -s - "$(sort "$tmp/t022.out" >"$tmp/s022"; echo "$tmp/s022")" ||
      echo "  (the transcripts differ beyond the order of simultaneous lines)" >&2
  fi
  row "${n} x ${r} vs Trio 0.22" "$tmp/ours" "$tmp/t022"
  if [ -n "${TRIO034:-}" ] && [ -f "$oracle" ]; then
    measure t034 "$trio_runs" env PYTHONPATH="$TRIO034" python3 -W ignore "$oracle" "$f"
    row "${n} x ${r} vs Trio 0.34" "$tmp/ours" "$tmp/t034"
  fi
done
