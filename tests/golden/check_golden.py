#!/usr/bin/env python3
"""Golden tests: the trioscope binary against real Trio 0.34's transcripts of the bundled lessons.

usage:
  check_golden.py fifo   --trioscope BIN SCENARIO.json EXPECTED.txt
      `trioscope run --transcript SCENARIO` must equal one of the transcripts real Trio printed
      (its FIFO run or any random schedule), under the comparison rule of transcript-format.md.
  check_golden.py random --trioscope BIN SCENARIO.json EXPECTED.txt [--seeds N]
      `--scheduling random --seed S` for S in 0..N-1 (default 200): the set of distinct
      transcripts must be the set real Trio reached over its own random schedules.
  check_golden.py conformance --trioscope BIN --shared DIR
      runs DIR/tools/conform.py on DIR/conformance; exits 77 (skipped) when DIR is absent.

EXPECTED.txt comes from tests/golden/regenerate.sh (real Trio only). Exit 0 = pass, 1 = fail.
Standard library only.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import subprocess
import sys

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
import transcript as T

SKIP = 77          # ctest SKIP_RETURN_CODE
TIMEOUT = 30       # seconds per trioscope run; every lesson takes milliseconds


def run_transcript(binary: str, scenario: pathlib.Path, *extra: str) -> tuple[str, str]:
    """trioscope's transcript, and a note about the exit status when it is not the expected 0."""
    cmd = [binary, "run", "--transcript", *extra, str(scenario)]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return "", f"`{' '.join(cmd)}` did not finish within {TIMEOUT}s"
    note = "" if p.returncode == 0 else f"`{' '.join(cmd)}` exited {p.returncode}: {T.decode(p.stderr).strip()}"
    return T.decode(p.stdout), note


def load_references(expected: pathlib.Path) -> list[T.Reference]:
    if not expected.exists():
        sys.exit(f"FAIL: no golden transcript {expected}; run tests/golden/regenerate.sh")
    refs = T.read_expected(expected)
    if not refs:
        sys.exit(f"FAIL: {expected} holds no transcript")
    return refs


def check_fifo(binary: str, scenario: pathlib.Path, expected: pathlib.Path) -> int:
    refs = load_references(expected)
    got, note = run_transcript(binary, scenario)
    if T.canon(got) in {T.canon(r.text) for r in refs}:
        print(f"ok: {scenario.name}: FIFO transcript is one real Trio printed")
        return 0
    print(f"FAIL: {scenario.name}: FIFO transcript differs from every transcript of real Trio")
    if note:
        print("  " + note)
    ref = T.closest(got, refs)
    print(f"  closest real Trio transcript ({ref.label}); differing tasks:")
    print(T.task_diff(got, ref.text), end="")
    print("  trioscope printed:")
    print("".join("    " + ln + "\n" for ln in got.splitlines()), end="")
    return 1


def check_random(binary: str, scenario: pathlib.Path, expected: pathlib.Path, seeds: int) -> int:
    refs = load_references(expected)
    # Trio's set is what its random schedules reached (the '## seed' blocks, not the FIFO run).
    trio_set: dict[object, T.Reference] = {}
    for r in refs:
        if r.label.startswith("seed"):
            trio_set.setdefault(T.canon(r.text), r)
    if not trio_set:
        sys.exit(f"FAIL: {expected} has no random-schedule transcripts; regenerate it with --seeds")

    ours: dict[object, tuple[int, str]] = {}   # canon -> (first seed, transcript)
    problems = []
    for seed in range(seeds):
        got, note = run_transcript(binary, scenario, "--scheduling", "random", "--seed", str(seed))
        if note and len(problems) < 3:
            problems.append(note)
        ours.setdefault(T.canon(got), (seed, got))

    missing = [r for c, r in trio_set.items() if c not in ours]
    extra = [(s, t) for c, (s, t) in ours.items() if c not in trio_set]
    if not missing and not extra:
        print(f"ok: {scenario.name}: {seeds} random seeds reach the same {len(trio_set)} "
              f"outcome(s) as real Trio")
        return 0

    print(f"FAIL: {scenario.name}: trioscope reached {len(ours)} distinct outcome(s) over seeds "
          f"0..{seeds - 1}, real Trio {len(trio_set)}")
    for note in problems:
        print("  " + note)
    for r in missing:
        print(f"  MISSING: real Trio reached this outcome ({r.label}); no trioscope seed did:")
        print("".join("    " + ln + "\n" for ln in r.text.splitlines()), end="")
    for seed, text in extra:
        ref = T.closest(text, list(trio_set.values()))
        print(f"  EXTRA: trioscope --seed {seed} reached an outcome real Trio never did; "
              f"compared with Trio's {ref.label}:")
        print(T.task_diff(text, ref.text), end="")
    return 1


def check_conformance(binary: str, shared: pathlib.Path) -> int:
    conform = shared / "tools" / "conform.py"
    corpus = shared / "conformance"
    if not conform.exists() or not corpus.is_dir():
        # In CI the reference must be there: a missing corpus fails instead of hiding.
        if os.environ.get("CI"):
            print(f"FAIL: no shared conformance corpus at {shared} (required when CI is set)")
            return 1
        print(f"skipped: no shared conformance corpus at {shared}")
        return SKIP
    # conform.py is written for Debian's interpreter (its shebang); it needs no packages.
    cmd = ["/usr/bin/python3", str(conform), binary, str(corpus / "scenarios"),
           str(corpus / "expected"), "-v"]
    return subprocess.run(cmd).returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    modes = ap.add_subparsers(dest="mode", required=True)
    for mode in ("fifo", "random"):
        m = modes.add_parser(mode)
        m.add_argument("--trioscope", required=True, help="path of the trioscope binary")
        m.add_argument("scenario", type=pathlib.Path)
        m.add_argument("expected", type=pathlib.Path)
        if mode == "random":
            m.add_argument("--seeds", type=int, default=200)
    c = modes.add_parser("conformance")
    c.add_argument("--trioscope", required=True, help="path of the trioscope binary")
    c.add_argument("--shared", required=True, type=pathlib.Path, help="the shared folder")
    a = ap.parse_args()
    if a.mode == "conformance":
        return check_conformance(a.trioscope, a.shared)
    if a.mode == "fifo":
        return check_fifo(a.trioscope, a.scenario, a.expected)
    return check_random(a.trioscope, a.scenario, a.expected, a.seeds)


if __name__ == "__main__":
    sys.exit(main())
