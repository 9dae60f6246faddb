"""Runs a Trio program in real Trio and prints what it printed, when, and how trio.run ended.

usage: python3 run_in_trio.py PROGRAM.py...

The program runs as written (as __main__), with three things changed around it so that its
run can be compared with trioscope's:
  - trio.run gets clock=trio.testing.MockClock(autojump_threshold=0): virtual time, the
    clock jumping to the next deadline whenever every task waits;
  - time.sleep(x) inside the run jumps that clock by x, which is what a blocking call does
    to virtual time (nothing else runs meanwhile);
  - each batch of runnable tasks runs in the order the tasks became runnable (Trio reverses
    a batch with probability 1/2; this always reverses it, so that batch.pop() is FIFO), as
    trioscope's "fifo" scheduling does.

Output, one line per event, as the transcript format has them without the task column (with
several programs, each program's lines come after a line `## PROGRAM`):
  TIME<TAB>print<TAB>TEXT
  TIME<TAB>return<TAB>                 (the last line: trio.run returned)
  TIME<TAB>error<TAB>EXCEPTION         (the last line: trio.run raised; canonical form)
Standard library and Trio only.
"""
import builtins
import runpy
import sys
import time

import trio
import trio.testing
import trio._core._run as _run

_run._r.random = lambda: 0.0

lines = []
_clock = None


def _canon(e):
    if isinstance(e, BaseExceptionGroup):
        kind = "ExceptionGroup" if isinstance(e, Exception) else "BaseExceptionGroup"
        return f"{kind}[{', '.join(sorted(_canon(x) for x in e.exceptions))}]"
    if isinstance(e, trio.Cancelled):
        return "Cancelled"
    return f"{type(e).__name__}({', '.join(repr(a) for a in e.args)})"


def _print(*args, sep=" ", end="\n", file=None, flush=False):
    text = sep.join(str(a) for a in args)
    lines.append(f"{trio.current_time():.6f}\tprint\t{text}")


def _sleep(seconds):
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    trio.lowlevel.current_clock().jump(seconds)


_real_run = trio.run


def _run_in_virtual_time(fn, *args, **kwargs):
    global _clock
    _clock = trio.testing.MockClock(autojump_threshold=0)
    kwargs["clock"] = _clock
    return _real_run(fn, *args, **kwargs)


def run(path):
    global _clock
    lines.clear()
    _clock = None
    builtins.print, real_print = _print, builtins.print
    try:
        runpy.run_path(path, run_name="__main__")
        end = "return\t"
    except BaseException as e:  # noqa: B036 - the program's own outcome is what is reported
        end = f"error\t{_canon(e)}"
    finally:
        builtins.print = real_print
    now = _clock.current_time() if _clock else 0.0
    for line in lines:
        print(line)
    print(f"{now:.6f}\t{end}")


def main():
    time.sleep = _sleep
    trio.run = _run_in_virtual_time
    paths = sys.argv[1:]
    for path in paths:
        if len(paths) > 1:
            print(f"## {path}")
        run(path)


if __name__ == "__main__":
    main()
