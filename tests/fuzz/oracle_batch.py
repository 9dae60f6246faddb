#!/usr/bin/env python3
"""Runs many scenarios through real Trio in one Python process, for the differential fuzzer.

The translation to Trio Python and the transcript are the shared oracle's (trio_oracle.py,
imported, not copied): `Gen(scenario).program()` and `run_once(scenario, program, seed)`.
Starting Python and importing Trio costs ~0.2 s, one run ~3 ms, so a fuzzer that started the
oracle once per scenario would spend nearly all its time starting it.

Two corrections of the oracle's translation, where it does not do what the real program
(the scenario as Python) does, so that the transcripts are those of the real program:
  - the oracle starts every task through a wrapper that takes `**kwargs`, so `nursery.start(f)`
    on a function without a `task_status` parameter starts a task that then fails. In a real
    program `f(task_status=...)` raises the TypeError inside `start()` itself, before any task
    exists. The driver makes that call first, as the real one would (START_CHECK).
  - the oracle records a print without writing it, so text that a UTF-8 stream cannot hold
    (a lone surrogate, from `{0xD800:c}`) is recorded, where the real print() raises
    UnicodeEncodeError. The driver encodes the text first, as print() does (PRINT_CHECK).

A request may also ask for Trio's address-ordered ties (identical deadlines, one cancel()
reaching several tasks) to be drawn at random with each seed, as another memory layout would
draw them: "tie_orders": true. That is tests/explore/trio_tie_orders.py's mechanism (imported),
which only changes the tie-breaking keys; the FIFO run keeps Trio's own addresses.

usage (one JSON request per line on stdin, one JSON answer per line on stdout):
    PYTHONPATH=/path/to/trio-0.34/src python3 -W ignore oracle_batch.py ORACLE.py
  request  {"id": ..., "scenario": {...}, "seeds": [0, 1, ...], "tie_orders": true}
           (seeds and tie_orders optional)
  answer   {"id": ..., "fifo": TRANSCRIPT, "seeds": {"0": TRANSCRIPT, ...}}  or  {"id": ..., "error": TEXT}
or, for one file (what regenerate.sh uses; prints what `trio_oracle.py FILE --seeds N` prints):
    python3 -W ignore oracle_batch.py ORACLE.py --file SCENARIO.json [--seeds N]
"""
import importlib.util
import json
import pathlib
import random
import re
import sys
import traceback

HERE = pathlib.Path(__file__).resolve().parent

# `await n.start(_task(f), ...)` becomes `await n.start(_start_target(f), ...)`, which calls
# f with the keyword the real start() passes before handing the oracle's wrapper to Trio.
START_CHECK = '''
def _start_target(fn):
    wrapped = _task(fn)
    def thunk(*args, **kwargs):
        fn(*args, **kwargs).close()  # TypeError here, as in start(), if fn takes no task_status
        return wrapped(*args, **kwargs)
    thunk.__name__ = fn.__name__
    return thunk
'''
START_CALL = re.compile(r"(\.start\()_task\(")

# `_out(f"...")` (the oracle's print) becomes `_print(f"...")`.
PRINT_CHECK = '''
def _print(text):
    text.encode("utf-8")  # what print() does to write it: UnicodeEncodeError for a lone surrogate
    _out(text)
'''
PRINT_CALL = re.compile(r"^(\s*)_out\(", re.M)


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_oracle(path):
    return load_module("trio_oracle", path)


class TieOrders:
    """trio_tie_orders.py's random tie-breakers, installed on first use (they patch Trio)."""

    def __init__(self):
        self.ties = None

    def start(self, seed):
        if seed is None and self.ties is None:
            return
        if self.ties is None:
            mod = load_module("trio_tie_orders", HERE.parent / "explore" / "trio_tie_orders.py")
            self.ties = mod.Ties()
            mod.install(self.ties)
        self.ties.start(None if seed is None else random.Random(f"tie orders {seed}"))


TIES = TieOrders()


def program(oracle, scenario):
    src = oracle.Gen(scenario).program()
    if START_CALL.search(src):
        src = START_CHECK + START_CALL.sub(r"\1_start_target(", src)
    if PRINT_CALL.search(src):
        src = PRINT_CHECK + PRINT_CALL.sub(r"\1_print(", src)
    return src


def answer(oracle, request):
    sc = request["scenario"]
    src = program(oracle, sc)
    TIES.start(None)
    out = {"id": request.get("id"), "fifo": oracle.run_once(sc, src, None)}
    if request.get("seeds"):
        out["seeds"] = {}
        for s in request["seeds"]:
            TIES.start(s if request.get("tie_orders") else None)
            out["seeds"][str(s)] = oracle.run_once(sc, src, s)
        TIES.start(None)
    return out


def serve(oracle):
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            reply = answer(oracle, request)
        except BaseException:  # noqa: BLE001 - the translation itself failed: report, go on
            reply = {"id": request.get("id"), "error": traceback.format_exc(limit=3)}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


def one_file(oracle, path, seeds):
    with open(path, encoding="utf-8") as f:
        sc = json.load(f)
    src = program(oracle, sc)
    print(oracle.run_once(sc, src, None))
    if seeds:
        seen = {}
        for s in range(seeds):
            seen.setdefault(oracle.run_once(sc, src, s), s)
        print(f"# {len(seen)} distinct transcript(s) over {seeds} random schedules")
        for tr, s in seen.items():
            print(f"## seed {s}\n{tr}")


def main():
    args = sys.argv[1:]
    oracle = load_oracle(args[0])
    if "--file" in args:
        seeds = int(args[args.index("--seeds") + 1]) if "--seeds" in args else 0
        one_file(oracle, args[args.index("--file") + 1], seeds)
    else:
        serve(oracle)


if __name__ == "__main__":
    main()
