#!/bin/sh
# Regenerates tests/teach/expected/: real Trio 0.34's transcripts of every lesson with its
# strict_exception_groups setting flipped (the FIFO run, then every distinct outcome over 300
# random schedules), and of the small lint scenarios in tests/teach/data/. The question tests
# check that a wrong choice Predict says happens "with strict_exception_groups=False" is what
# real Trio does then, and the lint tests read what real Trio printed.
# Only real Trio writes these files; never edit them by hand.
#
# Needs Trio 0.34's source on PYTHONPATH, like tests/golden/regenerate.sh:
#   TRIO_SRC=/path/to/trio-0.34/src  ORACLE=/path/to/trio_oracle.py  tests/teach/regenerate.sh
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/../trio034_env.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$here/expected"

for scenario in "$repo"/scenarios/[0-9]*.json; do
  name=$(basename "$scenario" .json)
  "$PYTHON" - "$scenario" "$tmp/$name.json" <<'PY'
import json, sys
src, dst = sys.argv[1:3]
scenario = json.load(open(src, encoding="utf-8"))
settings = scenario.setdefault("settings", {})
settings["strict_exception_groups"] = not settings.get("strict_exception_groups", True)
json.dump(scenario, open(dst, "w", encoding="utf-8"), indent=2)
PY
  PYTHONPATH="$TRIO_SRC" "$PYTHON" -W ignore "$ORACLE" "$tmp/$name.json" --seeds 300 \
    > "$here/expected/$name.strict_flipped.txt"
  echo "expected/$name.strict_flipped.txt"
done

for scenario in "$here"/data/*.json; do
  name=$(basename "$scenario" .json)
  PYTHONPATH="$TRIO_SRC" "$PYTHON" -W ignore "$ORACLE" "$scenario" > "$here/expected/$name.txt"
  echo "expected/$name.txt"
done
