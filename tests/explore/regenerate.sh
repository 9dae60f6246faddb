#!/bin/sh
# Regenerates the real-Trio transcripts that the explorer's outcome sets are checked against:
#   expected/conformance/NAME.txt  every scenario of ../shared/conformance, in Trio 0.34 with
#                                  the oracle: the FIFO run, then every distinct transcript
#                                  over 300 random schedules
#   ties/NAME.txt                  the tie scenarios, with trio_tie_orders.py: the same, but
#                                  Trio's address-ordered ties (identical deadlines, one
#                                  cancel() reaching several tasks) are drawn at random too
# The lessons' own transcripts are tests/golden/expected (tests/golden/regenerate.sh).
# These files must only ever come from real Trio; never edit them by hand.
#   TRIO_SRC=/path/to/trio-0.34/src  ORACLE=/path/to/trio_oracle.py  tests/explore/regenerate.sh
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/../trio034_env.sh"
SEEDS=${SEEDS:-300}
corpus="$repo/../shared/conformance/scenarios"

mkdir -p "$here/expected/conformance"
for scenario in "$corpus"/*.json; do
  name=$(basename "$scenario" .json)
  PYTHONPATH="$TRIO_SRC" "$PYTHON" -W ignore "$ORACLE" "$scenario" --seeds "$SEEDS" \
    > "$here/expected/conformance/$name.txt.tmp"
  mv "$here/expected/conformance/$name.txt.tmp" "$here/expected/conformance/$name.txt"
  echo "conformance/$name: $(sed -n 's/^# \([0-9]*\) distinct.*/\1/p' "$here/expected/conformance/$name.txt") distinct transcript(s)"
done

for scenario in "$here"/ties/*.json; do
  name=$(basename "$scenario" .json)
  PYTHONPATH="$TRIO_SRC" "$PYTHON" -W ignore "$here/trio_tie_orders.py" "$scenario" --seeds "$SEEDS" \
    --oracle "$ORACLE" > "$here/ties/$name.txt.tmp"
  mv "$here/ties/$name.txt.tmp" "$here/ties/$name.txt"
  echo "ties/$name: $(sed -n 's/^# \([0-9]*\) distinct.*/\1/p' "$here/ties/$name.txt") distinct transcript(s)"
done
