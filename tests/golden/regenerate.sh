#!/bin/sh
# Regenerates tests/golden/expected/NAME.txt for every lesson in scenarios/ by running it in
# real Trio 0.34: first the FIFO run, then every distinct transcript over 300 random schedules.
# These files are the reference the golden tests compare trioscope with, so they must only ever
# come from real Trio; never edit them by hand.
#
# Needs Trio 0.34's source tree (it is pure Python) and the shared oracle:
#   TRIO_SRC=/path/to/trio-0.34/src  ORACLE=/path/to/trio_oracle.py  tests/golden/regenerate.sh
# Defaults: TRIO_SRC=/work/trio034/src, ORACLE=<repo>/../shared/tools/trio_oracle.py.
# Trio 0.34 needs Python >= 3.9 with its dependencies (attrs, sortedcontainers, idna, outcome,
# sniffio) importable; `python3 -c 'import trio'` with PYTHONPATH=$TRIO_SRC must work.
#
# The semantics cases go through tests/fuzz/oracle_batch.py, which runs the same oracle with
# two corrections towards the real program (start() of a function without task_status, and
# print() of text UTF-8 cannot hold; see its docstring). SEMANTICS_ONLY=1 skips the lessons.
#
# Re-running it may reorder lines of different tasks at the same instant (Trio delivers one
# cancel() to several tasks in memory-address order) and renumber the '## seed' blocks; the
# golden comparison ignores both, so such a diff is noise, not a change of behaviour.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/../trio034_env.sh"
SEEDS=${SEEDS:-300}

mkdir -p "$here/expected"
for scenario in "$repo"/scenarios/[0-9]*.json; do
  [ -n "${SEMANTICS_ONLY:-}" ] && break
  name=$(basename "$scenario" .json)
  # -W ignore: passing strict_exception_groups=False to trio.run warns since Trio 0.25.
  PYTHONPATH="$TRIO_SRC" "$PYTHON" -W ignore "$ORACLE" "$scenario" --seeds "$SEEDS" \
    > "$here/expected/$name.txt.tmp"
  mv "$here/expected/$name.txt.tmp" "$here/expected/$name.txt"
  echo "$name: $(sed -n 's/^# \([0-9]*\) distinct.*/\1/p' "$here/expected/$name.txt") distinct random-schedule transcript(s)"
done

# The semantics cases keep their transcripts beside them (fewer seeds: they are small).
for scenario in "$here"/semantics/*.json; do
  name=$(basename "$scenario" .json)
  PYTHONPATH="$TRIO_SRC" "$PYTHON" -W ignore "$repo/tests/fuzz/oracle_batch.py" "$ORACLE" --file "$scenario" \
    --seeds 50 > "$here/semantics/$name.txt.tmp"
  mv "$here/semantics/$name.txt.tmp" "$here/semantics/$name.txt"
  echo "semantics/$name: regenerated"
done
