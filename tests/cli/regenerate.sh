#!/bin/sh
# Regenerates tests/cli/expected/: real Trio 0.34's transcripts of two lessons with their
# strict_exception_groups setting flipped, which is what `trioscope run` must print when the
# setting is overridden on the command line (--strict-exception-groups on|off).
# Only real Trio writes these files; never edit them by hand.
#
# Needs Trio 0.34's source on PYTHONPATH, like tests/golden/regenerate.sh:
#   TRIO_SRC=/path/to/trio-0.34/src  ORACLE=/path/to/trio_oracle.py  tests/cli/regenerate.sh
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/../trio034_env.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# flip LESSON on|off: writes expected/LESSON.strict_on.txt or .strict_off.txt
flip() {
  lesson=$1 value=$2
  "$PYTHON" - "$repo/scenarios/$lesson.json" "$tmp/$lesson.json" "$value" <<'PY'
import json, sys
src, dst, value = sys.argv[1:4]
scenario = json.load(open(src, encoding="utf-8"))
scenario.setdefault("settings", {})["strict_exception_groups"] = (value == "on")
json.dump(scenario, open(dst, "w", encoding="utf-8"), indent=2)
PY
  PYTHONPATH="$TRIO_SRC" "$PYTHON" -W ignore "$ORACLE" "$tmp/$lesson.json" --seeds 300 \
    > "$here/expected/$lesson.strict_$value.txt"
  echo "expected/$lesson.strict_$value.txt"
}

mkdir -p "$here/expected"
flip 02_child_trips_loose_groups on
flip 03_child_trips_strict_groups off
flip 04_child_trips_except_star off
