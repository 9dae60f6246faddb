#!/usr/bin/env python3
"""The differential fuzzer's own machinery, without real Trio: the minimiser and the reading of
`trioscope explore`, which decide what a fuzz run reports.

usage: selftest.py --trioscope BIN        (exit 0 = pass, 1 = fail; standard library only)
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import unittest

sys.dont_write_bytecode = True
HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import differential as D  # noqa: E402

BINARY = ""


def scenario():
    """main opens a nursery `n` and prints it: dropping the nursery leaves `$n` undefined."""
    return {"version": 1, "main": "main", "functions": {"main": {"body": [
        {"print": "a"},
        {"open_nursery": "n", "body": [{"print": "in"}]},
        {"cancel_scope": "cs", "body": [{"cancel": "$cs"}, {"print": "b"}]},
        {"print": "c"},
    ]}}}


def mentions(sc, text):
    return text in D.json.dumps(sc)


class Minimiser(unittest.TestCase):
    def test_takes_no_reduction_that_one_side_refuses(self):
        # The difference stays while the cancel does; a variant that lost the scope `cs` but
        # still names `$cs` (its body put in its place) is one trioscope would refuse, so a
        # repro that must never be taken although the "difference" is still there.
        def check(binary, oracle, c):
            ok = mentions(c, '"cancel_scope": "cs"') or not mentions(c, "$cs")
            return D.Verdict(False, "differs" if mentions(c, "$cs") else "crash", accepted=ok)

        first = D.Verdict(False, "differs")
        small = D.minimise(None, None, scenario(), "differs", check, first, budget=200, seconds=20)
        self.assertEqual(D.blocks_of(small)[0], [{"cancel_scope": "cs", "body": [{"cancel": "$cs"}]}])
        self.assertLess(len(D.json.dumps(small)), len(D.json.dumps(scenario())))

    def test_keeps_the_kind_of_difference(self):
        def check(binary, oracle, c):
            kind = "differs" if mentions(c, '"c"') else "crash"
            return D.Verdict(False, kind)

        small = D.minimise(None, None, scenario(), "differs", check, D.Verdict(False, "differs"),
                           budget=200, seconds=20)
        self.assertTrue(mentions(small, '"c"'), small)
        self.assertEqual(D.blocks_of(small)[0], [{"print": "c"}])

    def test_a_refusal_stays_the_same_refusal(self):
        a = D.Verdict(False, "refused", note="/tmp/tmpab12.json:3:7: error: unknown variable \"n\"")
        b = D.Verdict(False, "refused", note="/tmp/tmpzz99.json:9:2: error: unknown variable \"n\"")
        c = D.Verdict(False, "refused", note="/tmp/tmpzz99.json:9:2: error: unknown variable \"cs\"")
        self.assertTrue(D.same_refusal(b, a))
        self.assertFalse(D.same_refusal(c, a))


class Explore(unittest.TestCase):
    def test_reads_every_outcome_of_an_exhaustive_exploration(self):
        # Three sleepers on one deadline, the first to wake cancels the others: any can win.
        sc = {"version": 1, "main": "main", "functions": {
            "s": {"params": ["k", "n"], "body": [{"sleep": 1}, {"print": "{k} woke"}, {"cancel": "$n"}]},
            "main": {"body": [{"open_nursery": "n", "body": [
                {"start_soon": "s", "args": [k, "$n"], "nursery": "$n"} for k in "ABC"]}]}}}
        rc, outcomes, exhaustive, head, err = D.explore(BINARY, sc, 20)
        self.assertEqual(rc, 0, err)
        self.assertTrue(exhaustive, head)
        winners = sorted(line.split("\t")[3] for _, text in outcomes.values()
                         for line in text.splitlines() if line.split("\t")[2] == "print")
        self.assertEqual(winners, ["A woke", "B woke", "C woke"])
        for schedule, text in outcomes.values():
            rc, out, _ = D.run_trioscope(BINARY, sc, ("--schedule", schedule))
            self.assertEqual(D.canon(out), D.canon(text))

    def test_reports_a_bounded_exploration_as_bounded(self):
        sc = {"version": 1, "main": "main", "functions": {
            "w": {"params": [], "body": [{"repeat": 40, "body": [{"checkpoint": True}, {"print": "x"}]}]},
            "main": {"body": [{"open_nursery": "n", "body": [{"start_soon": "w", "args": [], "nursery": "$n"} for _ in range(4)]}]}}}
        rc, outcomes, exhaustive, head, err = D.explore(BINARY, sc, 0.2)
        self.assertIn(rc, (0, 3), err)
        self.assertFalse(exhaustive, head)
        self.assertTrue(head.startswith("# at least"), head)


def main():
    global BINARY
    ap = argparse.ArgumentParser()
    ap.add_argument("--trioscope", required=True)
    a, rest = ap.parse_known_args()
    BINARY = a.trioscope
    r = unittest.main(argv=[sys.argv[0], *rest], exit=False, verbosity=2).result
    return 0 if r.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
