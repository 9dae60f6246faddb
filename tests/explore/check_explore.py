#!/usr/bin/env python3
"""The explorer against real Trio, and `trioscope explore` / `run --schedule` as a user meets them.

usage:
  check_explore.py outcomes --trioscope BIN SCENARIO.json EXPECTED.txt
      `trioscope explore SCENARIO` must be exhaustive and find exactly the outcomes real Trio
      reached in EXPECTED (its FIFO run and its random schedules), under the comparison rule
      of transcript-format.md; every outcome's schedule, replayed with `run --schedule`, must
      print that outcome's transcript exactly; and --no-merge must change nothing but the work.
  check_explore.py conformance --trioscope BIN --shared DIR --expected DIR
      the same for every scenario of DIR/conformance/scenarios, against EXPECTED/NAME.txt
      (real Trio 0.34's transcripts, made by regenerate.sh). Without DIR it fails under
      CI=true and is skipped (exit 77) otherwise.
  check_explore.py cli --trioscope BIN --repo DIR
      help, bounds, exit codes and error messages of `explore` and `run --schedule`.

Exit 0 = pass, 1 = fail. Standard library only.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import re
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "golden"))
import transcript as T  # noqa: E402

SKIP = 77
TIMEOUT = 120
HEADLINE = re.compile(r"^# (at least )?(\d+) distinct outcomes? over (\d+) schedules? \((exhaustive|bounded)\)$")
OUTCOME = re.compile(r"^## outcome (\d+) of (\d+): (\d+) of (\d+) schedules; replay: trioscope run --schedule (\S+) (.*)$")


def tool(binary: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([binary, *map(str, args)], capture_output=True, text=True, timeout=TIMEOUT)


class Explored:
    """`trioscope explore` output: the headline, and each outcome's count, schedule and transcript."""

    def __init__(self, out: str):
        lines = out.splitlines()
        self.headline = lines[0] if lines else ""
        self.details = lines[1] if len(lines) > 1 else ""
        self.outcomes: list[tuple[int, str, str]] = []  # (schedules, replay string, transcript)
        cur: list[str] | None = None
        for ln in lines[2:]:
            m = OUTCOME.match(ln)
            if m:
                cur = []
                self.outcomes.append((int(m.group(3)), m.group(5), cur))  # type: ignore[arg-type]
            elif cur is not None:
                cur.append(ln)
        self.outcomes = [(n, s, "".join(x + "\n" for x in t)) for n, s, t in self.outcomes]
        m = HEADLINE.match(self.headline)
        self.ok = bool(m)
        self.count = int(m.group(2)) if m else -1
        self.schedules = int(m.group(3)) if m else -1
        self.exhaustive = bool(m) and m.group(4) == "exhaustive" and not m.group(1)


def check_outcomes(binary: str, scenario: pathlib.Path, expected: pathlib.Path) -> list[str]:
    problems: list[str] = []
    if not expected.exists():
        return [f"no real-Trio transcripts {expected}; run tests/explore/regenerate.sh"]
    refs = T.read_expected(expected)
    trio_set = {}
    for r in refs:
        trio_set.setdefault(T.canon(r.text), r)

    p = tool(binary, "explore", scenario)
    if p.returncode not in (0, 3):
        return [f"`trioscope explore {scenario}` exited {p.returncode}: {p.stderr.strip()}"]
    ex = Explored(p.stdout)
    if not ex.ok:
        return [f"unexpected headline {ex.headline!r}"]
    if not ex.exhaustive:
        problems.append(f"not exhaustive: {ex.headline} / {ex.details}")
    if ex.count != len(ex.outcomes):
        problems.append(f"headline says {ex.count} outcomes, {len(ex.outcomes)} listed")
    if sum(n for n, _, _ in ex.outcomes) != ex.schedules:
        problems.append(f"the outcomes' schedule counts do not add up to {ex.schedules}")

    ours = {T.canon(t): (s, t) for _, s, t in ex.outcomes}
    for c, r in trio_set.items():
        if c not in ours:
            problems.append(f"MISSING: real Trio reached this outcome ({r.label}); the explorer did not:\n"
                            + "".join("    " + ln + "\n" for ln in r.text.splitlines()))
    for c, (s, t) in ours.items():
        if c not in trio_set:
            ref = T.closest(t, list(trio_set.values()))
            problems.append(f"EXTRA: schedule {s} reaches an outcome real Trio never showed; against Trio's "
                            f"{ref.label}:\n" + T.task_diff(t, ref.text))

    # Each replay string gives exactly its transcript.
    for _, s, t in ex.outcomes:
        r = tool(binary, "run", "--transcript", "--schedule", s, scenario)
        if r.returncode not in (0, 3) or r.stdout != t:
            problems.append(f"`run --schedule {s}` (exit {r.returncode}) does not print the explored transcript:\n"
                            + r.stderr + "".join(difflib_lines(t, r.stdout)))

    # Remembering explored states changes nothing but the work.
    full = tool(binary, "explore", "--no-merge", scenario)
    if full.stdout.splitlines()[2:] != p.stdout.splitlines()[2:] or full.stdout.splitlines()[:1] != p.stdout.splitlines()[:1]:
        problems.append("--no-merge reports something else than the default exploration")
    return problems


def difflib_lines(a: str, b: str):
    import difflib
    return ("    " + ln + "\n" for ln in difflib.unified_diff(a.splitlines(), b.splitlines(), "explored", "replayed", lineterm=""))


def report(name: str, problems: list[str], ok_text: str) -> int:
    if not problems:
        print(f"ok: {name}: {ok_text}")
        return 0
    print(f"FAIL: {name}")
    for pr in problems:
        print("  " + pr.rstrip().replace("\n", "\n  "))
    return 1


def mode_outcomes(a) -> int:
    return report(a.scenario.name, check_outcomes(a.trioscope, a.scenario, a.expected),
                  "the explorer's outcomes are exactly real Trio's, and every schedule replays")


def mode_conformance(a) -> int:
    corpus = a.shared / "conformance" / "scenarios"
    if not corpus.is_dir():
        if os.environ.get("CI") == "true":
            print(f"FAIL: no shared conformance corpus at {a.shared} (CI=true needs it)")
            return 1
        print(f"skipped: no shared conformance corpus at {a.shared}")
        return SKIP
    failed = 0
    scenarios = sorted(corpus.glob("*.json"))
    for sc in scenarios:
        failed += report(sc.name, check_outcomes(a.trioscope, sc, a.expected / (sc.stem + ".txt")),
                         "exactly real Trio's outcomes")
    print(f"explored conformance: {len(scenarios) - failed}/{len(scenarios)}")
    return 1 if failed or not scenarios else 0


def mode_cli(a) -> int:
    repo = a.repo
    race = repo / "scenarios" / "16_race_same_instant.json"
    three = repo / "tests" / "explore" / "ties" / "cancel_reaches_three.json"
    deadlock = repo / "tests" / "cli" / "data" / "deadlock.json"
    problems: list[str] = []

    def expect(cond: bool, what: str, p: subprocess.CompletedProcess | None = None):
        if not cond:
            problems.append(what + (f"\n    exit {p.returncode}\n    stdout: {p.stdout[:400]!r}\n    stderr: {p.stderr[:400]!r}" if p else ""))

    h = tool(a.trioscope, "explore", "--help")
    expect(h.returncode == 0 and "--max-runs N" in h.stdout and "--max-seconds S" in h.stdout
           and "exit status" in h.stdout, "explore --help", h)
    h = tool(a.trioscope, "run", "--help")
    expect(h.returncode == 0 and "--schedule STRING" in h.stdout, "run --help names --schedule", h)
    h = tool(a.trioscope, "--help")
    expect("trioscope explore" in h.stdout, "trioscope --help lists explore", h)

    # The race: two outcomes, proved; the second one replays and differs from fifo.
    p = tool(a.trioscope, "explore", race)
    ex = Explored(p.stdout)
    expect(p.returncode == 0 and ex.headline == "# 2 distinct outcomes over 4 schedules (exhaustive)",
           "explore of the race: headline", p)
    expect(len(ex.outcomes) == 2 and ex.outcomes[0][1] == "0", "the fifo outcome comes first, as schedule 0", p)
    if len(ex.outcomes) == 2:
        plain = tool(a.trioscope, "run", "--schedule", ex.outcomes[1][1], race)
        expect(plain.returncode == 0 and "Bob got the last ticket!" in plain.stdout
               and "trio.run returned" in plain.stdout, "run --schedule prints the program's output", plain)

    # Bounds: stopped early, said so.
    p = tool(a.trioscope, "explore", "--max-runs", "1", three)
    ex = Explored(p.stdout)
    expect(p.returncode == 0 and ex.ok and not ex.exhaustive and ex.headline.startswith("# at least 1 distinct outcome")
           and ex.headline.endswith("(bounded)") and "the run limit" in ex.details, "--max-runs 1 is a bound", p)
    p = tool(a.trioscope, "explore", "--max-seconds", "0.001", repo / "bench" / "fanout_10000.json")
    ex = Explored(p.stdout)
    expect(p.returncode == 0 and not ex.exhaustive and "the time limit" in ex.details, "--max-seconds is a bound", p)

    # Exit codes as for run.
    p = tool(a.trioscope, "explore", deadlock)
    expect(p.returncode == 3 and "deadlock" in p.stdout, "a deadlocking scenario: exit 3", p)
    for args, what in [(("--max-runs", "0", race), "--max-runs 0"), (("--max-runs", "x", race), "--max-runs x"),
                       (("--max-seconds", "-1", race), "--max-seconds -1"), (("--frobnicate", race), "unknown option"),
                       ((race, race), "two files"), ((), "no file"), (("--max-runs",), "missing value"),
                       ((repo / "tests" / "cli" / "data" / "syntax_error.json",), "invalid file")]:
        p = tool(a.trioscope, "explore", *args)
        expect(p.returncode == 2 and p.stderr.strip() != "", f"explore {what}: exit 2 with a message", p)

    # run --schedule: bad strings and strings that do not fit are refused, with a reason.
    p = tool(a.trioscope, "run", "--schedule", "01-", race)
    expect(p.returncode == 2 and "'-'" in p.stderr and "character 3" in p.stderr, "a bad character is named", p)
    p = tool(a.trioscope, "run", "--schedule", "z", race)
    expect(p.returncode == 2 and "does not fit" in p.stderr and p.stdout == "", "a choice beyond the options", p)
    p = tool(a.trioscope, "run", "--schedule", "0000000001", race)
    expect(p.returncode == 2 and "does not fit" in p.stderr, "more choices than the run makes", p)
    p = tool(a.trioscope, "run", "--schedule", "1", "--seed", "3", race)
    expect(p.returncode == 2 and "--schedule" in p.stderr, "--schedule with --seed", p)
    p = tool(a.trioscope, "run", "--schedule")
    expect(p.returncode == 2, "--schedule without a value", p)
    return report("cli", problems, "explore and run --schedule behave as documented")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    modes = ap.add_subparsers(dest="mode", required=True)
    o = modes.add_parser("outcomes")
    o.add_argument("--trioscope", required=True)
    o.add_argument("scenario", type=pathlib.Path)
    o.add_argument("expected", type=pathlib.Path)
    c = modes.add_parser("conformance")
    c.add_argument("--trioscope", required=True)
    c.add_argument("--shared", required=True, type=pathlib.Path)
    c.add_argument("--expected", required=True, type=pathlib.Path)
    u = modes.add_parser("cli")
    u.add_argument("--trioscope", required=True)
    u.add_argument("--repo", required=True, type=pathlib.Path)
    a = ap.parse_args()
    return {"outcomes": mode_outcomes, "conformance": mode_conformance, "cli": mode_cli}[a.mode](a)


if __name__ == "__main__":
    sys.exit(main())
