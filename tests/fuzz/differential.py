#!/usr/bin/env python3
"""Differential fuzzer: random scenarios, run by real Trio and by trioscope, transcripts compared.

Each scenario is generated from a seeded random generator, so a run is reproducible from its
--seed, and any single case from its number. Real Trio runs each one through the shared
oracle's translation (oracle_batch.py keeps one Python process busy with many scenarios);
trioscope runs `trioscope run --transcript`. The two transcripts are compared with the rule of
transcript-format.md (per task, in order, and the <run> line), after eliding memory addresses
(`at 0x7f…` in Cancelled's task repr, which trioscope documents as `at 0x…`). When the FIFO
transcripts differ, real Trio's random schedules are tried too, since Trio breaks some ties
by memory address: trioscope's FIFO run is right when it is any outcome real Trio reaches
(further schedules, up to 3000, draw those address-ordered ties at random too).

A difference is minimised (statements, handlers, arguments and functions removed while the
same kind of difference stays, with trioscope and real Trio both still accepting the file: a
reduction that leaves a name undefined is not a repro) and written to --out as NNNNN.json with
both transcripts in NNNNN.txt.

Generator classes (--classes, comma separated; default all but ties):
  format    format specs over every value type (int, float, bool, str, None, exceptions,
            nurseries, cancel scopes), valid and invalid, with !r, !s and !a
  text      control characters (NUL included) and non-ASCII text in prints, messages, names
  numbers   bool, int and float (and wrong types) in every numeric position: sleep, block,
            move_on_after, fail_after, repeat, format specs; very large times
  refused   shapes Python runs that a stricter checker might refuse: negative literal repeat,
            !a, started() reached only by call, start() of a function without started(),
            except* ExceptionGroup, raise of an empty ExceptionGroup, StopIteration
  general   nurseries, start/start_soon, scopes, cancel, try/except/except*/else/finally
  ties      three or more tasks on one identical deadline, one cancel() reaching many tasks;
            compared as sets of outcomes (below)

A ties scenario has many outcomes, so one run proves little. Its comparison is set equality:
`trioscope explore` gives every outcome the engine can reach (exhaustive, or bounded by
--explore-seconds, which the report says), and real Trio runs it over random schedules with
its address-ordered ties drawn too (oracle_batch.py's tie_orders). An outcome real Trio
reaches that an exhaustive exploration lacks is "explore-missing", a bug of the engine. An
outcome the explorer finds that Trio's schedules did not show sends Trio back for more
schedules (up to --trio-seeds-max, or 40 per explored outcome if that is more); only one it
still never shows is "explore-extra". A few
`--scheduling random` runs must each land in the explored set ("random-outside").

usage:
  differential.py --trioscope build/trioscope [--count N] [--seed S] [--classes a,b]
                  [--out DIR] [--trio-src DIR] [--oracle PATH] [--case K]
                  [--explore-seconds S] [--trio-seeds-max N]
  differential.py ... --case K --print      prints case K's scenario and stops
Needs Trio 0.34's source (--trio-src, default /work/trio034/src or $TRIO_SRC) and the shared
oracle (--oracle, default <repo>/../shared/tools/trio_oracle.py).
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import pathlib
import random
import re
import select
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.dont_write_bytecode = True

ALL_CLASSES = ["format", "text", "numbers", "refused", "general", "ties"]
DEFAULT_CLASSES = [c for c in ALL_CLASSES if c != "ties"]

# ---- values --------------------------------------------------------------------------------

INTS = [0, 1, -1, 2, 3, 7, 42, -42, 65, 233, 955, 0x1F600, 0x10FFFF, 0x110000, 0xD800, 0xDFFF,
        1234567, -1234567, 10 ** 15, 9223372036854775807, -9223372036854775808, 31, 127, 160]
FLOATS = [0.0, -0.0, 0.5, 1.5, 2.5, -1.5, 0.1, 99.995, 123.456, 1e16, 1e-05, 1e22, 1e56, 1e60,
          1e100, 1e300, 1.7976931348623157e308, 3.0, -2.675, 1e-300]
DURATIONS = [0, 1, 2, 0.5, 1.5, 0.1, 0.25, 3, True, False, 0.0, 1e56, 1e60, 1e100, 1e300, 2.5]

ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?-_+=*/()[]<>@#$%^&|~'\"`\\"
CONTROL = [chr(c) for c in range(0x20) if c != 0x0A] + ["\x7f"]
NON_ASCII = ["\u0663", "\uff15", "é", "ß", "ü", "ñ", "日本", "中", "ж", "λ", "\u0301", "\u200b", "\u200d", "\u2028", "\u2029",
             "\ufeff", "\xa0", "\xad", "\x80", "\x85", "\x9f", "😀", "\U0001F600", "\U0010FFFF", "\ue000",
             "\uffff", "\u0378", "\u00ff", "\u0100", "\u3000", "\u2003", "\U000E0001", "\u061c", "€"]

SPEC_TYPES = list("bcdeEfFgGnosxX%") + ["", "", "", "a", "z", "r", "\x00", "é", " ", "!", "="]


def rand_text(rng, classes, n=None, braces=False, allow_tab=True):
    n = rng.randint(0, 8) if n is None else n
    out = []
    for _ in range(n):
        r = rng.random()
        if "text" in classes and r < 0.25:
            c = rng.choice(CONTROL)
            if not allow_tab and c in "\t\r":
                c = "\x01"
            out.append(c)
        elif "text" in classes and r < 0.5:
            out.append(rng.choice(NON_ASCII))
        else:
            out.append(rng.choice(ASCII))
    s = "".join(out)
    if braces:
        s = s.replace("{", "{{").replace("}", "}}")
    else:
        s = s.replace("{", "(").replace("}", ")")
    return s


def rand_spec(rng, classes):
    """A format spec: mostly the mini-language's grammar, with invalid pieces mixed in."""
    if rng.random() < 0.15:
        # Anything at all (no braces: those would be a nested field).
        return rand_text(rng, classes, rng.randint(1, 4)).replace("{", "").replace("}", "")
    parts = []
    if rng.random() < 0.3:
        if rng.random() < 0.5:
            parts.append(rng.choice(["*", "0", " ", "é", "x", "<", "\x00", "😀", "#"]))
        parts.append(rng.choice("<>^="))
    if rng.random() < 0.3:
        parts.append(rng.choice("+- "))
    if rng.random() < 0.15:
        parts.append("z")
    if rng.random() < 0.2:
        parts.append("#")
    if rng.random() < 0.2:
        parts.append("0")
    if rng.random() < 0.4:
        parts.append(str(rng.choice([1, 2, 5, 8, 12, 20])))
    if rng.random() < 0.15:
        parts.append(rng.choice([",", "_", ",_", "_,", ",,", "__"]))
    if rng.random() < 0.35:
        parts.append("." + rng.choice(["0", "1", "2", "3", "6", "12", ""]))
    if rng.random() < 0.1:
        parts.append(rng.choice(["99999999999999999999", "9223372036854775807", "9223372036854775808"]))
    parts.append(rng.choice(SPEC_TYPES))
    if rng.random() < 0.05:
        parts.append(rng.choice(SPEC_TYPES))
    return "".join(parts)


# ---- scenarios -----------------------------------------------------------------------------


class ScenarioGen:
    """One random scenario. Functions f0..fN-1 may only call or start functions after them,
    so nothing recurses; main may use them all."""

    def __init__(self, rng: random.Random, classes):
        self.rng = rng
        self.classes = set(classes)
        self.n_helpers = rng.randint(0, 3)
        self.helpers = [f"f{i}" for i in range(self.n_helpers)]
        self.params = {h: [f"p{j}" for j in range(rng.randint(0, 2))] for h in self.helpers}
        self.uses_started = {h: rng.random() < 0.4 for h in self.helpers}
        self.counter = 0
        self.spec_p = 0.2  # how often a field has a format spec (most, in a guarded print)

    def fresh(self, base):
        self.counter += 1
        return f"{base}{self.counter}"

    def on(self, cls, p=1.0):
        return cls in self.classes and self.rng.random() < p

    # values

    def scalar(self):
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            return rng.choice(INTS)
        if r < 0.5:
            return rng.choice(FLOATS)
        if r < 0.65:
            return rng.choice([True, False])
        if r < 0.75:
            return None
        # A string that starts with '$' is a variable reference in the format, not text.
        return rand_text(rng, self.classes, rng.randint(0, 5)).lstrip("$")

    def value(self, env):
        vals = [n for n, k in env if k == "value"]
        if vals and self.rng.random() < 0.4:
            return "$" + self.rng.choice(vals)
        return self.scalar()

    def duration(self, env):
        rng = self.rng
        vals = [n for n, k in env if k == "value"]
        if vals and rng.random() < 0.3:
            return "$" + rng.choice(vals)
        big = "numbers" in self.classes and rng.random() < 0.08
        d = rng.choice(DURATIONS)
        if not big and isinstance(d, float) and d > 100:
            d = 1
        if "numbers" not in self.classes and isinstance(d, bool):
            d = 1
        return d

    # print templates

    def field(self, env):
        rng = self.rng
        name, kind = rng.choice(env)
        conv = ""
        r = rng.random()
        if r < 0.15:
            conv = "!r"
        elif r < 0.2:
            conv = "!s"
        elif r < 0.28 and ("refused" in self.classes or "text" in self.classes):
            conv = "!a"
        spec = ""
        if "format" in self.classes and rng.random() < self.spec_p:
            spec = rand_spec(rng, self.classes)
        if kind in ("nursery", "scope"):
            # str()/repr() of these show a memory address; formatting them with a spec raises.
            if rng.random() < 0.5:
                return "{%s.%s}" % (name, rng.choice(["cancel_called", "cancelled_caught"]))
            conv = ""
            spec = spec or rand_spec(rng, self.classes) or ">3"
        if name.startswith("cs") is False and kind == "exc" and conv == "" and spec == "":
            pass
        return "{" + name + conv + (":" + spec if spec else "") + "}"

    def template(self, env):
        rng = self.rng
        pieces = []
        for _ in range(rng.randint(0, 3)):
            if env and rng.random() < 0.6:
                pieces.append(self.field(env))
            else:
                pieces.append(rand_text(rng, self.classes, braces=True))
        if rng.random() < 0.1:
            pieces.append("{{}}")
        return "".join(pieces)

    # statements

    def exc_type(self):
        rng = self.rng
        pool = ["ValueError", "KeyError", "RuntimeError", "TypeError", "OSError", "ZeroDivisionError",
                "IndexError", "TooSlowError", "MyError", "OverflowError", "NotImplementedError",
                "UserWarning", "IOError", "LookupError", "TimeoutError", "StopAsyncIteration"]
        if "refused" in self.classes and rng.random() < 0.25:
            pool = ["ExceptionGroup", "BaseExceptionGroup", "StopIteration", "UnicodeEncodeError",
                    "UnicodeDecodeError", "UnicodeTranslateError", "Cancelled"]
        return rng.choice(pool)

    def handler_types(self, star):
        rng = self.rng
        pool = ["ValueError", "KeyError", "RuntimeError", "TypeError", "Exception", "OSError",
                "ArithmeticError", "LookupError", "TooSlowError", "MyError", "Cancelled", "Warning",
                "UnicodeError", "OverflowError", "BaseException"]
        if "refused" in self.classes and rng.random() < 0.2:
            pool = pool + ["ExceptionGroup", "BaseExceptionGroup"] * 3
        elif not star:
            pool = pool + ["ExceptionGroup", "BaseExceptionGroup"]
        if rng.random() < 0.15:
            return None
        if rng.random() < 0.2:
            return rng.sample(pool, 2)
        return rng.choice(pool)

    def call_args(self, fn, env):
        return [self.value(env) for _ in self.params[fn]]

    def targets(self, me):
        idx = self.helpers.index(me) + 1 if me in self.helpers else 0
        return self.helpers[idx:]

    def statement(self, me, env, depth, nurseries, in_handler):
        rng = self.rng
        choices = ["print"] * 5 + ["guarded_print"] * 3 + ["sleep"] * 3 + ["checkpoint"] * 2 + [
            "block", "raise", "try", "try", "repeat", "scope", "cancel_scope"]
        if depth < 3:
            choices += ["nursery"] * 2
        targets = self.targets(me)
        if targets:
            choices += ["call"] * 2
            if nurseries:
                choices += ["start_soon"] * 5 + ["start"] * 3
            elif depth < 3:
                choices += ["nursery"] * 3
        if me in self.helpers and self.uses_started.get(me):
            choices += ["started"] * 2
        if in_handler or ("refused" in self.classes and rng.random() < 0.05):
            choices += ["reraise"]
        if [n for n, k in env if k in ("scope", "nursery")]:
            choices += ["cancel"]
        if depth >= 3:
            choices = [c for c in choices if c not in ("try", "repeat", "scope", "cancel_scope", "nursery")]
        kind = rng.choice(choices)

        if kind == "print":
            return {"print": self.template(env)}
        if kind == "guarded_print":
            # The print's own error is caught, so the run goes on and shows Python's message.
            e = self.fresh("e")
            shown = rng.choice(["{%s}", "{%s!r}", "{%s!a}", "caught {%s!s:>3}"]) % e
            types = rng.choice([["ValueError", "TypeError", "OverflowError", "MemoryError", "UnicodeEncodeError"],
                                "Exception", ["ValueError", "TypeError"], "ArithmeticError"])
            self.spec_p = 0.8
            text = self.template(env)
            self.spec_p = 0.2
            return {"try": [{"print": text}],
                    "except": [{"type": types, "as": e, "body": [{"print": shown}]}]}
        if kind == "sleep":
            return {"sleep": self.duration(env)}
        if kind == "checkpoint":
            return {"checkpoint": True}
        if kind == "block":
            return {"block": self.duration(env)}
        if kind == "raise":
            excs = [n for n, k in env if k == "exc"]
            if excs and rng.random() < 0.3:
                return {"raise": "$" + rng.choice(excs)}
            st = {"raise": self.exc_type()}
            if rng.random() < 0.7:
                st["message"] = rand_text(rng, self.classes)
            return st
        if kind == "reraise":
            return {"reraise": True}
        if kind == "started":
            v = self.value(env) if rng.random() < 0.6 else None
            return {"started": v}
        if kind == "cancel":
            return {"cancel": "$" + rng.choice([n for n, k in env if k in ("scope", "nursery")])}
        if kind == "call":
            fn = rng.choice(targets)
            return {"call": fn, "args": self.call_args(fn, env)}
        if kind in ("start_soon", "start"):
            fn = rng.choice(targets)
            st = {kind: fn, "args": self.call_args(fn, env)}
            nursery = rng.choice(nurseries)
            if nursery != "nursery" or rng.random() < 0.5:
                st["nursery"] = "$" + nursery
            if rng.random() < 0.25:
                # Unique: the comparison goes task by task, by name.
                st["name"] = rand_text(rng, self.classes, rng.randint(0, 4), allow_tab=False) + self.fresh("#")
            if kind == "start":
                if not self.uses_started.get(fn) and "refused" not in self.classes:
                    st = {"start_soon": fn, **{k: v for k, v in st.items() if k != "start"}}
                elif rng.random() < 0.5:
                    v = self.fresh("v")
                    st["as"] = v
                    env.append((v, "value"))
            return st
        if kind == "nursery":
            name = self.fresh("n")
            st = {"open_nursery": name}
            if rng.random() < 0.2:
                st["strict_exception_groups"] = rng.random() < 0.5
            inner = env + [(name, "nursery")]
            st["body"] = self.block(me, inner, depth + 1, nurseries + [name], in_handler)
            return st
        if kind == "scope":
            op = rng.choice(["move_on_after", "fail_after"])
            st = {op: self.duration(env)}
            inner = list(env)
            if rng.random() < 0.6:
                s = self.fresh("s")
                st["as"] = s
                inner.append((s, "scope"))
            if rng.random() < 0.2:
                st["shield"] = True
            st["body"] = self.block(me, inner, depth + 1, nurseries, in_handler)
            return st
        if kind == "cancel_scope":
            s = self.fresh("cs")
            st = {"cancel_scope": s}
            if rng.random() < 0.3:
                st["shield"] = True
            st["body"] = self.block(me, env + [(s, "scope")], depth + 1, nurseries, in_handler)
            return st
        if kind == "repeat":
            if "refused" in self.classes and rng.random() < 0.2:
                count = rng.choice([-2, -1, -100])
            elif "numbers" in self.classes and rng.random() < 0.3:
                vals = [n for n, k in env if k == "value"]
                count = rng.choice([True, False] + (["$" + rng.choice(vals)] if vals else []))
            else:
                count = rng.randint(0, 3)
            st = {"repeat": count}
            inner = list(env)
            if rng.random() < 0.6:
                i = self.fresh("i")
                st["as"] = i
                inner.append((i, "value"))
            st["body"] = self.block(me, inner, depth + 1, nurseries, in_handler, small=True)
            return st
        if kind == "try":
            star = rng.random() < 0.35
            st = {"try": self.block(me, env, depth + 1, nurseries, in_handler)}
            handlers = []
            for _ in range(rng.randint(0 if rng.random() < 0.2 else 1, 2)):
                h = {}
                t = self.handler_types(star)
                if t is not None:
                    h["type"] = t
                inner = list(env)
                if rng.random() < 0.8:
                    e = self.fresh("e")
                    h["as"] = e
                    inner.append((e, "exc"))
                h["body"] = self.block(me, inner, depth + 1, nurseries, True, small=True)
                handlers.append(h)
            if handlers:
                st["except*" if star else "except"] = handlers
                if rng.random() < 0.2:
                    st["else"] = self.block(me, env, depth + 1, nurseries, in_handler, small=True)
            if not handlers or rng.random() < 0.3:
                # A bare raise in a finally re-raises the exception in flight, if any.
                st["finally"] = self.block(me, env, depth + 1, nurseries, True, small=True)
            return st
        raise AssertionError(kind)

    def block(self, me, env, depth, nurseries, in_handler, small=False):
        n = self.rng.randint(0, 2) if small else self.rng.randint(1, 5) if depth == 0 else self.rng.randint(0, 4)
        env = list(env)
        return [self.statement(me, env, depth, nurseries, in_handler) for _ in range(n)]

    def ties_block(self, me):
        """Three or more sleepers on one deadline, or one cancel() reaching many tasks."""
        rng = self.rng
        k = rng.randint(3, 5)
        body = []
        for j in range(k):
            body.append({"start_soon": "tie", "args": [j, rng.choice([1, 1, 2]), "$nursery"]})
        if rng.random() < 0.5:
            body.append({"sleep": rng.choice([0.5, 1.5])})
            body.append({"cancel": "$nursery"})
        return {"open_nursery": "nursery", "body": body}

    def scenario(self):
        rng = self.rng
        functions = {}
        for h in reversed(self.helpers):
            env = [(p, "value") for p in self.params[h]]
            body = self.block(h, env, 0, [], False)
            if self.uses_started[h]:
                if not any("started" in json.dumps(st) for st in body) or rng.random() < 0.5:
                    body.insert(rng.randint(0, len(body)), {"started": self.value(env)})
            functions[h] = {"params": self.params[h], "body": body}
        if "refused" in self.classes and self.helpers and rng.random() < 0.3:
            # started() in a function that may be reached only by call: a no-op in Python.
            h = rng.choice(self.helpers)
            functions[h]["body"].append({"started": None})
        main_body = self.block("main", [], 0, [], False)
        if self.helpers and rng.random() < 0.7:
            # Most programs are a nursery of tasks: the helpers with arguments of every kind.
            kids = []
            for _ in range(rng.randint(1, 4)):
                fn = rng.choice(self.helpers)
                op = "start" if self.uses_started[fn] and rng.random() < 0.5 else "start_soon"
                kids.append({op: fn, "args": self.call_args(fn, []), "nursery": "$top"})
            kids += self.block("main", [("top", "nursery")], 1, ["top"], False, small=True)
            main_body.insert(rng.randint(0, len(main_body)), {"open_nursery": "top", "body": kids})
        if "ties" in self.classes:
            # The first to wake cancels the others, so the order of a tie shows in the outcome.
            functions["tie"] = {"params": ["k", "t", "n"],
                                "body": [{"sleep": "$t"}, {"print": "tie {k} woke"}, {"cancel": "$n"}]}
            main_body.insert(0, self.ties_block("main"))
        functions["main"] = {"body": main_body}
        sc = {"version": 1, "functions": functions, "main": "main"}
        if rng.random() < 0.3:
            sc["settings"] = {"strict_exception_groups": rng.random() < 0.5}
        if "ties" in self.classes:
            sc.setdefault("settings", {})["scheduling"] = "random"
        return sc


def make_case(seed: int, index: int, classes) -> dict:
    rng = random.Random(f"{seed}:{index}")
    chosen = [c for c in classes if rng.random() < 0.6] or [rng.choice(classes)]
    if "ties" in classes and "ties" not in chosen:
        chosen.append("ties")
    return ScenarioGen(rng, chosen).scenario()


# ---- running both --------------------------------------------------------------------------


class Oracle:
    """A long-lived oracle_batch.py process; restarted when a run hangs (a real deadlock)."""

    def __init__(self, trio_src, oracle_path, timeout=15.0):
        self.cmd = [sys.executable, "-W", "ignore", str(HERE / "oracle_batch.py"), str(oracle_path)]
        self.env = dict(os.environ, PYTHONPATH=str(trio_src), PYTHONDONTWRITEBYTECODE="1")
        self.timeout = timeout
        self.proc = None
        self.next_id = 0

    def start(self):
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     env=self.env, text=True, encoding="utf-8", bufsize=1)

    def stop(self):
        if self.proc:
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def run(self, scenario, seeds=(), tie_orders=False):
        if self.proc is None:
            self.start()
        self.next_id += 1
        req = {"id": self.next_id, "scenario": scenario}
        if seeds:
            req["seeds"] = list(seeds)
        if tie_orders:
            req["tie_orders"] = True
        self.proc.stdin.write(json.dumps(req) + "\n")
        self.proc.stdin.flush()
        limit = self.timeout * (1 + len(seeds) / 4)
        ready, _, _ = select.select([self.proc.stdout], [], [], limit)
        if not ready:
            self.stop()
            return {"timeout": True}
        line = self.proc.stdout.readline()
        if not line:
            self.stop()
            return {"error": "oracle process died"}
        return json.loads(line)


def run_trioscope(binary, scenario, extra=(), command=("run", "--transcript"), timeout=10):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(scenario, f)
        path = f.name
    try:
        p = subprocess.run([binary, *command, *extra, path], capture_output=True, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "backslashreplace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return -1, "", "timeout"
    finally:
        os.unlink(path)


EXPLORE_HEAD = re.compile(r"^# (at least )?(\d+) distinct outcomes? over (\d+) schedules? \((exhaustive|bounded)\)$")
EXPLORE_OUTCOME = re.compile(r"^## outcome \d+ of \d+: \d+ of \d+ schedules; replay: trioscope run --schedule (\S+) ")


def explore(binary, scenario, seconds):
    """`trioscope explore`: (exit status, {canon: (schedule, transcript)}, exhaustive, headline, stderr)."""
    rc, out, err = run_trioscope(binary, scenario, ("--max-seconds", str(seconds)), ("explore",),
                                 timeout=seconds + 30)
    outcomes, cur = {}, None
    lines = out.split("\n")
    m = EXPLORE_HEAD.match(lines[0]) if lines else None
    for ln in lines[2:]:
        o = EXPLORE_OUTCOME.match(ln)
        if o:
            cur = [o.group(1), []]
            outcomes[id(cur)] = cur
        elif cur is not None and ln:
            cur[1].append(ln)
    by_canon = {}
    for sched, body in outcomes.values():
        text = "".join(x + "\n" for x in body)
        by_canon.setdefault(canon(text), (sched, text))
    exhaustive = bool(m) and m.group(4) == "exhaustive" and not m.group(1)
    return rc, by_canon, exhaustive, (lines[0] if m else ""), err.strip()


ADDRESS = re.compile(r" at 0x(?:[0-9a-f]+|\\u2026)")  # the hex, or its elision through ascii()


def canon(text: str):
    """transcript-format.md's comparison: each task's lines in order, and the <run> line.
    Lines are split on '\\n' only: a print may hold any other control character."""
    text = ADDRESS.sub(" at 0x…", text)
    tasks = {}
    for raw in text.split("\n"):
        if not raw:
            continue
        f = raw.split("\t", 3)
        if len(f) < 3:
            return ("unparsed", text)
        f += [""] * (4 - len(f))
        tasks.setdefault(f[1], []).append((f[0], f[2], f[3]))
    return tuple(sorted((k, tuple(v)) for k, v in tasks.items()))


class Verdict:
    """`accepted`: both sides took the file as a program (trioscope did not refuse it, the
    oracle translated it, and it names nothing undefined), so a minimised repro is a program."""

    def __init__(self, same, kind="", ours="", trio="", note="", accepted=True, bounded=False):
        self.same, self.kind, self.ours, self.trio, self.note = same, kind, ours, trio, note
        self.accepted, self.bounded = accepted, bounded


UNDEFINED = re.compile(r"\t(?:NameError|UnboundLocalError)\(")


def trio_accepts(ref):
    return "error" not in ref and not ref.get("timeout") and not UNDEFINED.search(ref.get("fifo", ""))


def compare(binary, oracle, scenario, retry_seeds=24, trio_seeds_max=3000) -> Verdict:
    rc, ours, err = run_trioscope(binary, scenario)
    if rc == 2:
        ref = oracle.run(scenario)
        return Verdict(False, "refused", ours, ref.get("fifo", ""), err.strip(), accepted=trio_accepts(ref))
    if rc == -1 and oracle.run(scenario).get("timeout"):
        return Verdict(True)  # both run on and on (say, range(10**15) with nothing in it)
    if rc not in (0, 3):
        return Verdict(False, "crash", ours, "", f"exit {rc}: {err.strip()}")
    ref = oracle.run(scenario)
    if ref.get("timeout"):
        # Real Trio spins forever on a deadlock, or runs a loop of 10**15 turns; trioscope
        # reports the deadlock, or stops at its event budget.
        if "\t<run>\tdeadlock\t" in ours or "\t<run>\tbudget\t" in ours:
            return Verdict(True)
        return Verdict(False, "trio-hang", ours, "", "real Trio did not finish")
    if "error" in ref:
        return Verdict(False, "oracle-error", ours, "", ref["error"], accepted=False)
    if canon(ours) == canon(ref["fifo"]):
        return Verdict(True)
    more = oracle.run(scenario, seeds=range(retry_seeds))
    if "seeds" in more and any(canon(ours) == canon(t) for t in more["seeds"].values()):
        return Verdict(True)
    # Trio orders identical deadlines by id(scope), a memory address, which in one process
    # repeats from run to run: draw those orders too, in growing rounds of schedules (a
    # program with many outcomes needs many to show one given outcome).
    done = retry_seeds
    while done < trio_seeds_max:
        n = min(done * 3, trio_seeds_max - done)
        again = oracle.run(scenario, seeds=range(done, done + n), tie_orders=True)
        done += n
        if "seeds" not in again:
            break
        if any(canon(ours) == canon(t) for t in again["seeds"].values()):
            return Verdict(True)
    return Verdict(False, "differs", ours, ref["fifo"],
                   f"not among real Trio's outcomes over {done} schedules (tie orders drawn in {done - retry_seeds})")


def compare_explore(binary, oracle, scenario, explore_seconds=20, trio_seeds=120, trio_seeds_max=6000,
                    random_seeds=8) -> Verdict:
    """Ties: the explorer's outcome set against the outcomes real Trio reaches (see the module
    docstring); `random_seeds` runs of --scheduling random must land in the explored set."""
    rc, ex, exhaustive, head, err = explore(binary, scenario, explore_seconds)
    if rc == 2:
        ref = oracle.run(scenario)
        return Verdict(False, "refused", "", ref.get("fifo", ""), err, accepted=trio_accepts(ref))
    if rc not in (0, 3) or not head:
        return Verdict(False, "crash", "", "", f"explore exit {rc}: {err}")
    ref = oracle.run(scenario, seeds=range(trio_seeds), tie_orders=True)
    if "seeds" not in ref:
        return Verdict(False, "trio-hang" if ref.get("timeout") else "oracle-error", note=ref.get("error", ""),
                       accepted=False)
    accepted = trio_accepts(ref)
    trio_set = {canon(t): t for t in [ref["fifo"], *ref["seeds"].values()]}
    missing = [t for c, t in trio_set.items() if c not in ex]
    if missing:
        if exhaustive:
            return Verdict(False, "explore-missing", "", missing[0],
                           f"{len(missing)} of real Trio's {len(trio_set)} outcomes are not among the explorer's "
                           f"{len(ex)} ({head[2:]})", accepted=accepted)
        return Verdict(True, note=f"bounded: {head[2:]}; {len(missing)} of Trio's outcomes not reached yet",
                       bounded=True)
    # Outcomes Trio has not shown yet: more schedules, in growing rounds, until it shows them.
    # Hundreds of outcomes, some far rarer than others, need schedules in proportion: a
    # program with 768 took real Trio 8000 to show them all, one with 568 took 14000.
    limit = max(trio_seeds_max, 40 * len(ex))
    done = trio_seeds
    while any(c not in trio_set for c in ex) and done < limit:
        n = min(done * 3, limit - done)
        more = oracle.run(scenario, seeds=range(done, done + n), tie_orders=True)
        if "seeds" not in more:
            break
        for t in more["seeds"].values():
            trio_set.setdefault(canon(t), t)
        done += n
    extra = [(sched, text) for c, (sched, text) in ex.items() if c not in trio_set]
    if extra:
        return Verdict(False, "explore-extra", extra[0][1], ref["fifo"],
                       f"{len(extra)} of the explorer's {len(ex)} outcomes never shown by real Trio over "
                       f"{done} schedules with tie orders drawn (first: --schedule {extra[0][0]})",
                       accepted=accepted)
    for s in range(random_seeds):
        rc, ours, err = run_trioscope(binary, scenario, ("--scheduling", "random", "--seed", str(s)))
        if canon(ours) not in ex and exhaustive:
            return Verdict(False, "random-outside", ours, ref["fifo"],
                           f"--scheduling random --seed {s} ends outside the explored set", accepted=accepted)
    if not exhaustive:
        return Verdict(True, note=f"bounded: {head[2:]}", bounded=True)
    return Verdict(True, note=f"{len(ex)} outcomes, Trio over {done} schedules")


# ---- minimising ----------------------------------------------------------------------------


def blocks_of(sc):
    """Every list of statements in the scenario (as (container, key) pairs to edit in place)."""
    out = []

    def walk(block):
        out.append(block)
        for st in block:
            for k in ("body", "try", "else", "finally"):
                if isinstance(st.get(k), list):
                    walk(st[k])
            for k in ("except", "except*"):
                for h in st.get(k, []) or []:
                    walk(h["body"])

    for fn in sc["functions"].values():
        walk(fn["body"])
    return out


def candidates(sc):
    """Smaller variants of sc, biggest cuts first."""
    # Drop a whole function that nothing names.
    text = json.dumps(sc)
    for name in list(sc["functions"]):
        if name != sc["main"] and text.count(json.dumps(name)) <= 1:
            c = copy.deepcopy(sc)
            del c["functions"][name]
            yield c
    n_blocks = len(blocks_of(sc))
    for b in range(n_blocks):
        for i in range(len(blocks_of(sc)[b])):
            c = copy.deepcopy(sc)
            blk = blocks_of(c)[b]
            st = blk[i]
            del blk[i]
            yield c
            # Replace a compound statement by its body.
            for k in ("body", "try"):
                if isinstance(st.get(k), list) and st[k]:
                    c2 = copy.deepcopy(sc)
                    blk2 = blocks_of(c2)[b]
                    blk2[i:i + 1] = copy.deepcopy(st[k])
                    yield c2
            for k in ("except", "except*"):
                hs = st.get(k)
                if hs and len(hs) > 1:
                    for j in range(len(hs)):
                        c3 = copy.deepcopy(sc)
                        del blocks_of(c3)[b][i][k][j]
                        yield c3
            for k in ("else", "finally"):
                if k in st and ("except" in st or "except*" in st or k == "else"):
                    c4 = copy.deepcopy(sc)
                    del blocks_of(c4)[b][i][k]
                    yield c4
    if "settings" in sc:
        c = copy.deepcopy(sc)
        del c["settings"]
        yield c


POSITION = re.compile(r"\S*\.json|\d+:\d+")  # the (temporary) file's name, line and column


def same_refusal(v, first):
    """A refusal must stay the same refusal (its message, wherever it now points)."""
    return v.kind != "refused" or POSITION.sub("", v.note) == POSITION.sub("", first.note)


def minimise(binary, oracle, sc, kind, check, first, budget=400, seconds=180):
    """Greedy: take the first smaller variant that still differs the same way, with both
    sides accepting it, again and again, within `budget` tries and `seconds` (a slow program
    makes every try slow)."""
    tries = 0
    changed = True
    deadline = time.time() + seconds
    while changed and tries < budget and time.time() < deadline:
        changed = False
        for c in candidates(sc):
            tries += 1
            if tries >= budget or time.time() >= deadline:
                break
            v = check(binary, oracle, c)
            if not v.same and v.kind == kind and v.accepted and same_refusal(v, first):
                sc = c
                changed = True
                break
    return sc


# ---- main ----------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--trioscope", default=str(REPO / "build" / "trioscope"))
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--start", type=int, default=0, help="first case number")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--classes", default=",".join(DEFAULT_CLASSES))
    ap.add_argument("--out", type=pathlib.Path, default=pathlib.Path("fuzz-out"))
    ap.add_argument("--trio-src", default=os.environ.get("TRIO_SRC", "/work/trio034/src"))
    ap.add_argument("--oracle", default=str(REPO.parent / "shared" / "tools" / "trio_oracle.py"))
    ap.add_argument("--case", type=int, help="only this case number")
    ap.add_argument("--print", action="store_true", help="print the case's scenario and stop")
    ap.add_argument("--no-minimise", action="store_true")
    ap.add_argument("--max-failures", type=int, default=50)
    ap.add_argument("--explore-seconds", type=float, default=20,
                    help="ties: the explorer's time limit per scenario (past it: bounded, reported)")
    ap.add_argument("--trio-seeds-max", type=int, default=6000,
                    help="ties: how many schedules real Trio gets to show an outcome the explorer found")
    a = ap.parse_args()

    classes = [c for c in a.classes.split(",") if c]
    for c in classes:
        if c not in ALL_CLASSES:
            sys.exit(f"unknown class {c!r}; expected some of {', '.join(ALL_CLASSES)}")
    cases = [a.case] if a.case is not None else range(a.start, a.start + a.count)
    if a.print:
        print(json.dumps(make_case(a.seed, cases[0], classes), indent=1, ensure_ascii=False))
        return 0
    if not pathlib.Path(a.trioscope).exists():
        sys.exit(f"no trioscope binary at {a.trioscope}")
    if not pathlib.Path(a.oracle).exists():
        sys.exit(f"no oracle at {a.oracle}")
    oracle = Oracle(a.trio_src, a.oracle)
    if "ties" in classes:
        def check(binary, oracle, sc):
            return compare_explore(binary, oracle, sc, explore_seconds=a.explore_seconds,
                                   trio_seeds_max=a.trio_seeds_max)
    else:
        check = compare
    a.out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    failures = 0
    kinds = {}
    ran = 0
    bounded = []
    try:
        for k in cases:
            sc = make_case(a.seed, k, classes)
            v = check(a.trioscope, oracle, sc)
            ran += 1
            if v.bounded:
                bounded.append(k)
                print(f"case {k}: {v.note} (checked only as far as explored)", flush=True)
            if not v.same:
                failures += 1
                kinds[v.kind] = kinds.get(v.kind, 0) + 1
                small = sc if a.no_minimise else minimise(a.trioscope, oracle, sc, v.kind, check, v)
                vs = check(a.trioscope, oracle, small)
                (a.out / f"{k:06d}.json").write_text(json.dumps(small, indent=1, ensure_ascii=False) + "\n",
                                                    encoding="utf-8", errors="surrogatepass")
                (a.out / f"{k:06d}.txt").write_text(
                    f"kind: {vs.kind}\nnote: {vs.note}\n--- trioscope\n{vs.ours}\n--- real Trio\n{vs.trio}\n",
                    encoding="utf-8", errors="surrogatepass")
                print(f"case {k}: {v.kind} {v.note[:200]} -> {a.out / f'{k:06d}.json'}", flush=True)
                if failures >= a.max_failures:
                    print("too many failures; stopping", flush=True)
                    break
            if ran % 1000 == 0:
                print(f"... {ran} scenarios, {failures} differences, {time.time() - t0:.0f} s", flush=True)
    finally:
        oracle.stop()
    dt = time.time() - t0
    print(f"fuzz: {ran} scenarios (seed {a.seed}, classes {','.join(classes)}), {failures} differences "
          f"{kinds or ''} in {dt:.0f} s")
    if "ties" in classes:
        print(f"explored exhaustively: {ran - len(bounded)}; bounded by --explore-seconds {a.explore_seconds:g}: "
              f"{len(bounded)}{' (cases ' + ', '.join(map(str, bounded[:20])) + ')' if bounded else ''}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
