#!/bin/sh
# Wall time and peak memory of `trioscope run` on every file of the runaway corpus
# (tests/runaway/) and on the generated ones the cli_runaways test makes too, with the
# default limits: the figures behind "a runaway ends within 5 s and 1 GB".
#
# usage: bench/runaways.sh [TRIOSCOPE]    (default: build/trioscope)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build/trioscope}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import json, sys
d = sys.argv[1]
json.dump({"version": 1, "main": "main", "functions": {
    "main": {"body": [{"open_nursery": "nursery", "body": [
        {"repeat": 200, "body": [{"start_soon": "holder", "args": ["x" * (4 << 20)]}]}]}]},
    "holder": {"params": ["s"], "body": [{"sleep_forever": True}]}}}, open(d + "/big_arguments.json", "w"))
PY
printf '%-32s %5s %9s %10s\n' FILE EXIT SECONDS "PEAK MiB"
worst_s=0; worst_kb=0
for f in "$here"/tests/runaway/*.json "$here"/tests/runaway/*.py "$tmp"/big_arguments.json /dev/zero; do
  cmd=run; [ "$f" = /dev/zero ] && cmd=validate
  set +e
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$bin" "$cmd" "$f" >/dev/null 2>&1
  rc=$?
  set -e
  # (the last line: before it, time says when the command exited with a nonzero status)
  read -r s kb <<EOT
$(tail -n 1 "$tmp/time")
EOT
  printf '%-32s %5s %9s %10s\n' "$(basename "$f")" "$rc" "$s" "$((kb / 1024))"
  worst_s=$(python3 -c "print(max($worst_s, $s))"); [ "$kb" -gt "$worst_kb" ] && worst_kb=$kb
done
echo "longest: ${worst_s} s; largest: $((worst_kb / 1024)) MiB"
