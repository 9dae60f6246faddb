#!/usr/bin/env python3
"""Writes traceback_cases.inc: exceptions as Python 3.11's traceback module prints them
(without stack frames), with the C++ that builds the same exception in trioscope's engine.
Run with Python 3.11: python3 tests/view/traceback_cases.py > tests/view/traceback_cases.inc
"""
import traceback

# Classes Trio defines print with their module, as they do in a real traceback.
Cancelled = type("Cancelled", (BaseException,), {"__module__": "trio"})
TooSlowError = type("TooSlowError", (Exception,), {"__module__": "trio"})
# A class the program defines (in __main__) prints bare.
DatabaseError = type("DatabaseError", (Exception,), {"__module__": "__main__"})

LOOSE = ('This is a "loose" ExceptionGroup, and may be collapsed by Trio if it only contains one exception - '
         "typically after `Cancelled` has been stripped from it. Note this has consequences for exception handling, "
         "and strict_exception_groups=True is recommended.")


def loose(g):
    g.add_note(LOOSE)
    return g


def cancelled():
    c = Cancelled("cancelled due to nursery")
    return c


NURSERY = "Exceptions from Trio nursery"
CASES = [
    ('E("ValueError", std::string("Oops, I tripped!"))', ValueError("Oops, I tripped!")),
    ('E("KeyError", std::string("k"))', KeyError("k")),
    ('E("RuntimeError")', RuntimeError()),
    ('E("DatabaseError", std::string("the database is locked"))', DatabaseError("the database is locked")),
    ('E("TooSlowError")', TooSlowError()),
    ('trio::make_cancelled(trio::CancelSource::nursery)', cancelled()),
    ('G(NURSERY, {E("ValueError", std::string("Oops, I tripped!"))})',
     ExceptionGroup(NURSERY, [ValueError("Oops, I tripped!")])),
    ('G(NURSERY, {E("ValueError", std::string("a")), E("KeyError", std::string("b"))})',
     ExceptionGroup(NURSERY, [ValueError("a"), KeyError("b")])),
    ('G(NURSERY, {E("ValueError", std::string("a")), trio::make_cancelled(trio::CancelSource::nursery)})',
     BaseExceptionGroup(NURSERY, [ValueError("a"), cancelled()])),
    ('G(NURSERY, {E("ValueError", std::string("a")), G(NURSERY, {E("KeyError", std::string("k")), E("TypeError")})})',
     ExceptionGroup(NURSERY, [ValueError("a"), ExceptionGroup(NURSERY, [KeyError("k"), TypeError()])])),
    ('G(NURSERY, {E("ValueError", std::string("a")), E("KeyError", std::string("b"))}, /*loose=*/true)',
     loose(ExceptionGroup(NURSERY, [ValueError("a"), KeyError("b")]))),
    ('G(NURSERY, many(17))', ExceptionGroup(NURSERY, [ValueError(i) for i in range(17)])),
    ('deep(12)', None),
]


def deep(n):
    e = ExceptionGroup(NURSERY, [ValueError("bottom")])
    for _ in range(n - 1):
        e = ExceptionGroup(NURSERY, [e])
    return e


def main():
    print("// Written by traceback_cases.py from Python's own traceback module; do not edit.")
    for cpp, exc in CASES:
        if exc is None:
            exc = deep(12)
        text = "".join(traceback.TracebackException.from_exception(exc).format())
        lines = text.rstrip("\n").split("\n")
        body = ",\n     ".join('R"py(' + line + ')py"' for line in lines)
        print("{" + cpp + ",\n    {" + body + "}},")


main()
