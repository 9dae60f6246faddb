#!/usr/bin/env python3
"""Writes py_format_cases.inc: what Python's format(value, spec) gives, for py_format_test.cpp.

Each row is a value (int, float, bool, str, None, an exception, a Trio nursery or cancel
scope), a format spec, and the string Python made of them, or the exception Python raised:
its type and message. The specs are every option of the format-spec mini-language alone and
in pairs, then a fixed random sample of the whole grammar
([[fill]align][sign][z][#][0][width][grouping][.precision][type]), then invalid specs of every
kind (unknown types, options a type refuses, malformed, overflowing digits, control and
non-ASCII characters), so rows that Python refuses are as much part of the table as rows it
formats.

A second table is what print() raises for text a UTF-8 stream cannot hold (lone surrogates,
which `{x:c}` can make).

    python3 tests/scenario/py_format_cases.py > tests/scenario/py_format_cases.inc
(Debian's python3 with python3-trio: the nursery and the cancel scope are real Trio objects.)
"""
import io
import itertools
import random
import sys

import trio

INTS = [0, 1, -1, 7, 42, -42, 255, 1234, -1234567, 1234567890123, 9223372036854775807,
        -9223372036854775808, 65, 233, 128512, 1114112]
FLOATS = [0.0, -0.0, 1.0, -1.5, 0.5, 2.5, 3.14159, -0.0001, 1234.5678, 1e16, 1e-05, 123456789.125,
          1e300, 0.1, 100.0, 1.5e-07, 12.0, -2.675, 99.995, 1e22]
BOOLS = [True, False]
STRS = ["", "a", "abc", "Trio", "h\u00e9llo", "\u65e5\u672c", "-42"]
NONES = [None]

FILLS = ["", "*", "\u00e9", "0", " "]
ALIGNS = ["", "<", ">", "^", "="]
SIGNS = ["", "+", "-", " "]
WIDTHS = ["", "1", "8", "12"]
GROUPS = ["", ",", "_"]
PRECISIONS = ["", ".0", ".1", ".2", ".5", ".12"]
TYPES = ["", "b", "c", "d", "e", "E", "f", "F", "g", "G", "n", "o", "s", "x", "X", "%"]

# Each option alone, then the pairs and shapes that interact (zero padding with grouping,
# '=' with signs and prefixes, precision with each type).
CURATED = sorted(set(
    [""] + [a + "8" for a in ALIGNS] + ["*" + a + "8" for a in ALIGNS if a] +
    [s for s in SIGNS if s] + [s + "8" for s in SIGNS if s] +
    ["z", "z.1f", "z.0f", "#", "#8", "0", "08", "012", "0=12", "*=12", "=+12"] +
    [g for g in GROUPS if g] + ["12" + g for g in GROUPS if g] + ["012" + g for g in GROUPS if g] +
    [p for p in PRECISIONS if p] + ["8" + p for p in PRECISIONS if p] +
    [t for t in TYPES if t] + ["#" + t for t in TYPES if t] + ["+" + t for t in TYPES if t] +
    ["010" + t for t in TYPES if t] + ["_" + t for t in TYPES if t] + [".3" + t for t in TYPES if t] +
    ["#012_x", "#012,x", "+#010b", "#o", "^+12,.2f", "=12.3e", "0>8", "0<8", "\u00e9^9", "<012",
     ",_", "_,", ",,", ".", "12.", "a", "ss", "5x5", "+-8", "z#08.1f", " 012,.2%"]))


def all_specs():
    for parts in itertools.product(FILLS, ALIGNS, SIGNS, ["", "z"], ["", "#"], ["", "0"], WIDTHS,
                                   GROUPS, PRECISIONS, TYPES):
        fill, align = parts[0], parts[1]
        if fill and not align:
            continue
        yield "".join(parts)


def outcome(value, spec):
    """('', text) or (exception type name, message)."""
    try:
        return ("", format(value, spec))
    except (ValueError, TypeError, OverflowError) as e:
        return (type(e).__name__, str(e))


def c_bytes(b):
    out = '"'
    for x in b:
        c = chr(x)
        if c in '"\\':
            out += "\\" + c
        elif 32 <= x < 127:
            out += c
        else:
            out += "\\%03o" % x  # octal escapes end after 3 digits, whatever follows
    return out + '"'


def sv(s):
    """SV("..."): a std::string_view that keeps any NUL (format(0, 'c') is one); lone
    surrogates as WTF-8, as the engine keeps them."""
    return "SV(%s)" % c_bytes(s.encode("utf-8", "surrogatepass"))


class MyError(Exception):
    pass


def real_nursery():
    """A real trio.Nursery (format() only looks at its type)."""
    got = []

    async def run():
        async with trio.open_nursery() as n:
            got.append(n)

    trio.run(run)
    return got[0]


NURSERY = real_nursery()
SCOPE = trio.CancelScope()
GROUP = ExceptionGroup("g", [ValueError(1)])
OBJECTS = [ValueError("x"), KeyError("k"), MyError("m"), GROUP, NURSERY, SCOPE]


def c_value(v):
    """{kind, int, float, text, exception type}: constants only, so the table is built at compile time."""
    if v is NURSERY:
        return '{V::nursery, 0, 0, SV(""), SV("")}'
    if v is SCOPE:
        return '{V::scope, 0, 0, SV(""), SV("")}'
    if v is GROUP:
        return '{V::group, 0, 0, SV("g"), SV("ExceptionGroup")}'  # ExceptionGroup('g', [ValueError(1)])
    if isinstance(v, BaseException):
        assert len(v.args) == 1 and isinstance(v.args[0], str)
        return '{V::exc, 0, 0, %s, SV("%s")}' % (sv(v.args[0]), type(v).__name__)
    if v is None:
        return '{V::none, 0, 0, SV(""), SV("")}'
    if isinstance(v, bool):
        return '{V::boolean, %d, 0, SV(""), SV("")}' % int(v)
    if isinstance(v, int):
        lit = "INT64_MIN" if v == -9223372036854775808 else "%dLL" % v
        return '{V::integer, %s, 0, SV(""), SV("")}' % lit
    if isinstance(v, float):
        return '{V::floating, 0, %s, SV(""), SV("")}' % repr(v)
    return '{V::str, 0, 0, %s, SV("")}' % sv(v)


# The curated specs meet a few values of each kind; the random ones meet all of them.
CURATED_VALUES = [0, -42, 1234567890123, -9223372036854775808, 65, 1114112, -0.0, 2.5, -0.0001, 1e16, 99.995,
                  123456789.125, True, "h\u00e9llo", None]

# Specs Python refuses, one of each refusal, for every type (and some that a type takes
# although they look as if it would refuse them).
INVALID = sorted(set(
    ["z", "zd", "zs", "zc", "z,", "zn", "=s", "+s", " s", "-s", "#s", ",s", "_s", ",c", "_c", ",x", "_n", ",n",
     ",,", "__", "_,", ",_", ",_d", "a", "ss", "5x5", "x", "q", "r", ".", "1.", ".f", "1.2.3", "++d", ">>>",
     "99999999999999999999", "9223372036854775808", "1.99999999999999999999",
     ".99999999999999999999", ".2147483648", "\u00e9", "\u00e9\u00e9", "\x00", "\x01s", "\x1f",
     "\x7f", "\x80", " ", "!", "'", "\\", "\"", "\x00<5", "\U0001F600", "\U0001F600^6", "=", "<=", "0=",
     "=8", "00", "+c", "#c", "=c", "-c", " c", ".2c", ".2d", "+.2c", "z.1f", "z%", "#z", "z#", "\u0663",
     "\u0663.\u0661f", "\uff15", ",.2", "_.2", ",g", "_%", "_b", ",b", "_X", ",o", "10_x", "#_o",
     "0c", "08c", "^c", "9223372036854775807a", "8.9223372036854775807x", ".9223372036854775807", ".9223372036854775807s", "\n", "\t", "\u2028", ",%", "_e", "#,", "z+", "+z", "+z.1f"]))

# What print() raises for text a UTF-8 stream refuses.
ENCODE = ["\ud800", "a\ud800", "\udfff\ud800b", "x\ud83d\ude00y", "\u00e9\udc80", "ok\ud800\ud801\ud802!"]


def encode_outcome(text):
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    try:
        print(text, file=stream)
        stream.flush()
        return None
    except UnicodeEncodeError as e:
        return e


def main():
    values = INTS + FLOATS + BOOLS + STRS + NONES
    rows = [(v, s) for v in CURATED_VALUES for s in CURATED]
    rng = random.Random(20240515)
    grammar = list(all_specs())
    rows += [(rng.choice(values), rng.choice(grammar)) for _ in range(1200)]
    invalid_values = [0, -5, 65, True, 1.5, -0.0, "s", None] + OBJECTS
    rows += [(v, s) for v in invalid_values for s in INVALID]
    rows += [(v, s) for v in OBJECTS for s in CURATED[:40] if s]
    print("// Generated by py_format_cases.py with Python %s; do not edit." % sys.version.split()[0])
    print("#ifdef PY_FORMAT_CASES")
    print("// {value, spec, exception type (empty: none), what format(value, spec) gave or the message}")
    for v, s in rows:
        kind, text = outcome(v, s)
        print('{%s, %s, SV("%s"), %s},' % (c_value(v), sv(s), kind, sv(text)))
    print("#endif")
    print("#ifdef PRINT_ENCODE_CASES")
    print("// {text, repr(the UnicodeEncodeError print() raised), str() of it}")
    for t in ENCODE:
        e = encode_outcome(t)
        assert e is not None
        print("{%s, %s, %s}," % (sv(t), sv(repr(e)), sv(str(e))))
    print("#endif")


if __name__ == "__main__":
    main()
