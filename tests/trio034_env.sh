# Sourced by the regenerate.sh scripts: finds real Trio 0.34 and the shared oracle, and
# refuses to go on with any other Trio, because only 0.34's transcripts are the reference.
# Expects $here (the calling script's folder, two levels below the repository).
repo=$(cd "$here/../.." && pwd)
TRIO_SRC=${TRIO_SRC:-/work/trio034/src}
ORACLE=${ORACLE:-$repo/../shared/tools/trio_oracle.py}
PYTHON=${PYTHON:-python3}

version=$(PYTHONPATH="$TRIO_SRC" "$PYTHON" -W ignore -c 'import trio; print(trio.__version__)')
case "$version" in
  0.34.*) ;;
  *) echo "regenerate.sh: expected Trio 0.34 on PYTHONPATH, found '$version' (set TRIO_SRC)" >&2; exit 1 ;;
esac
