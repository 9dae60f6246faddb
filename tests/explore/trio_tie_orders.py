#!/usr/bin/env python3
"""Real Trio with the orders it leaves to memory addresses drawn at random as well.

usage: trio_tie_orders.py SCENARIO.json --seeds N [--oracle PATH]

Trio breaks two kinds of ties by address (trio-semantics.md 5.4): scopes whose deadlines are
identical leave its deadline heap in id(scope) order, and one cancel() walks CancelStatus
sets, whose order follows the hashes (addresses) of tasks and statuses. Within one process
addresses repeat from run to run, so random seeds alone may never show some of those orders.
This driver gives every scope a random tie-breaker on the deadline heap and every Task and
CancelStatus a random hash -- what another memory layout would have given -- and otherwise
runs the oracle (trio_oracle.py) unchanged: its program, its transcript, its `_r.random`
per seed. Nothing of Trio is copied or replaced; only the tie-breaking keys change.

Prints what `trio_oracle.py --seeds N` prints: the FIFO run (with Trio's own addresses), then
every distinct transcript over N schedules with the tie orders drawn too.
Run with Trio 0.34 on PYTHONPATH (tests/trio034_env.sh finds it).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import pathlib
import random
import sys

sys.dont_write_bytecode = True


def load_oracle(path: pathlib.Path):
    spec = importlib.util.spec_from_file_location("trio_oracle", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Ties:
    """Random keys per object, for one run at a time (None: Trio's own addresses)."""

    def __init__(self):
        self.rng: random.Random | None = None
        self.keys: dict[int, tuple[object, int]] = {}

    def start(self, rng: random.Random | None):
        self.rng, self.keys = rng, {}

    def key(self, obj) -> int:
        k = self.keys.get(id(obj))
        if k is None or k[0] is not obj:
            k = (obj, self.rng.getrandbits(60))  # the strong reference keeps id() unique
            self.keys[id(obj)] = k
        return k[1]


def install(ties: Ties):
    import trio._core._run as R

    real_heappush = R.heappush

    def heappush(heap, item):
        # Deadlines.add pushes (deadline, id(scope), scope); only the tie-breaker changes.
        if ties.rng is not None and len(item) == 3 and isinstance(item[2], R.CancelScope):
            item = (item[0], ties.key(item[2]), item[2])
        real_heappush(heap, item)

    R.heappush = heappush
    for cls in (R.Task, R.CancelStatus):
        real_hash = cls.__hash__
        cls.__hash__ = (lambda real: lambda self: ties.key(self) if ties.rng is not None else real(self))(real_hash)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scenario", type=pathlib.Path)
    ap.add_argument("--seeds", type=int, required=True)
    here = pathlib.Path(__file__).resolve().parent
    ap.add_argument("--oracle", type=pathlib.Path, default=here.parents[1] / ".." / "shared" / "tools" / "trio_oracle.py")
    a = ap.parse_args()

    oracle = load_oracle(a.oracle)
    sc = json.loads(a.scenario.read_text(encoding="utf-8"))
    src = oracle.Gen(sc).program()
    ties = Ties()
    install(ties)

    ties.start(None)
    print(oracle.run_once(sc, src, None))
    seen: dict[str, int] = {}
    for seed in range(a.seeds):
        ties.start(random.Random(f"tie orders {seed}"))
        seen.setdefault(oracle.run_once(sc, src, seed), seed)
    ties.start(None)
    print(f"# {len(seen)} distinct transcript(s) over {a.seeds} random schedules, tie orders drawn too")
    for tr, seed in seen.items():
        print(f"## seed {seed}\n{tr}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
