#!/bin/sh
# Regenerates tests/scenario/python/expected/NAME.txt for every hand-written program in ok/ by
# running it in real Trio 0.34 (run_in_trio.py: virtual time, FIFO batches): what it printed,
# at what virtual time, and how trio.run ended. These files are what trioscope's run of the
# imported program is compared with, so they must only ever come from real Trio; never edit
# them by hand.
#
# Needs Trio 0.34's source tree, like tests/golden/regenerate.sh:
#   TRIO_SRC=/path/to/trio-0.34/src  tests/scenario/python/regenerate.sh
set -eu

programs=$(cd "$(dirname "$0")" && pwd)
here=$(cd "$programs/.." && pwd)  # trio034_env.sh expects a folder two levels below the repository
. "$here/../trio034_env.sh"

mkdir -p "$programs/expected"
for program in "$programs"/ok/*.py; do
  name=$(basename "$program" .py)
  PYTHONPATH="$TRIO_SRC" "$PYTHON" -W ignore "$programs/run_in_trio.py" "$program" > "$programs/expected/$name.txt.tmp"
  mv "$programs/expected/$name.txt.tmp" "$programs/expected/$name.txt"
  echo "expected/$name.txt: $(wc -l < "$programs/expected/$name.txt") line(s)"
done
