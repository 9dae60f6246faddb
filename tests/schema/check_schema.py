#!/usr/bin/python3
"""Checks scenarios/schema.json (JSON Schema draft-07) against real files and broken snippets.

usage: check_schema.py SCHEMA DIR_OR_FILE...

Every *.json under the given directories (except the schema itself) must validate; every
snippet in BROKEN must be rejected and every snippet in GOOD accepted, so the schema is known
to catch the mistakes it claims to. Directories that do not exist are skipped. Exit status 77
means python3-jsonschema is missing (ctest reports the test as skipped).
"""
import copy
import json
import os
import pathlib
import sys

try:
    import jsonschema
except ImportError:
    if os.environ.get("CI"):
        print("FAIL: python3-jsonschema is not installed (required when CI is set)")
        sys.exit(1)
    print("python3-jsonschema is not installed; skipping")
    sys.exit(77)


def scenario(body, **extra):
    """A minimal valid file whose main function runs `body`."""
    doc = {"version": 1, "functions": {"main": {"body": body}}, "main": "main"}
    doc.update(extra)
    return doc


def with_child(body):
    doc = scenario([{"open_nursery": "nursery", "body": [{"start_soon": "child"}]}])
    doc["functions"]["child"] = {"body": body}
    return doc


GOOD = {
    "every simple statement": scenario([
        {"print": "x = {x!r:>5} {{braces}}"}, {"sleep": 1.5}, {"sleep": 0}, {"checkpoint": True},
        {"block": 2}, {"raise": "Oops", "message": "m"}, {"raise": "KeyError"},
    ]),
    "$schema key": scenario([], **{"$schema": "./schema.json"}),
    "nursery, scopes, loop": scenario([
        {"open_nursery": "n", "strict_exception_groups": False, "body": [
            {"start_soon": "main", "args": [1, "a", None, True, 2.5, "$n"], "name": "t", "nursery": "$n"},
            {"cancel": "$n"}]},
        {"move_on_after": 1, "as": "s", "shield": True, "body": []},
        {"fail_after": "$t", "body": [{"sleep_forever": True}]},
        {"cancel_scope": "cs", "shield": False, "body": [{"cancel": "$cs"}]},
        {"repeat": 3, "as": "i", "body": [{"call": "main", "args": []}]},
    ]),
    # Python runs these (the loader warns): range(-2) is empty, bool is an int, and except*
    # ExceptionGroup raises TypeError only when an exception reaches it.
    "shapes Python runs": scenario([
        {"repeat": -2, "body": []}, {"repeat": True, "body": []}, {"sleep": False}, {"block": True},
        {"move_on_after": True, "body": []},
        {"try": [], "except*": [{"type": "ExceptionGroup", "body": []}]},
        {"try": [], "except*": [{"type": ["KeyError", "BaseExceptionGroup"], "body": []}]}]),
    "start and started": scenario([
        {"open_nursery": "nursery", "body": [{"start": "main", "args": [], "as": "v"}, {"started": None}]}]),
    "try shapes": scenario([
        {"try": [], "except": [{"type": ["ValueError", "KeyError"], "as": "e", "body": [{"reraise": True}]},
                               {"body": []}], "else": [], "finally": []},
        {"try": [], "except*": [{"type": "ValueError", "as": "eg", "body": []}]},
        {"try": [], "finally": []},
    ]),
    "settings": scenario([], settings={"strict_exception_groups": False, "scheduling": "random", "seed": 7}),
    "questions": scenario([], questions=[
        {"at": "raised", "prompt": "What happens next?",
         "choices": [{"text": "a", "correct": True}, {"text": "b", "why": "because"}]},
        {"at": "print:2", "prompt": "p", "choices": [{"text": "a"}, {"text": "b"}, {"text": "c", "correct": True}]},
        {"at": "12", "prompt": "p", "choices": [{"text": "a", "correct": True}, {"text": "b"}]}]),
    "comments": scenario([
        {"comment": "a comment"}, {"comment": ""}, {"comment": "with\ta tab and ünïcode"},
        {"try": [{"comment": "in a block"}], "finally": [{"comment": "only comments"}]},
    ]),
}

BROKEN = {
    "unknown statement": scenario([{"slep": 1}]),
    "two operation keys": scenario([{"sleep": 1, "print": "x"}]),
    "unknown field": scenario([{"move_on_after": 1, "shiled": True, "body": []}]),
    "sleep of a word": scenario([{"sleep": "abc"}]),
    "negative sleep": scenario([{"sleep": -1}]),
    "negative block": scenario([{"block": -0.5}]),
    "negative timeout": scenario([{"fail_after": -2, "body": []}]),
    "repeat 1.5": scenario([{"repeat": 1.5, "body": []}]),
    "args not an array": with_child([{"call": "main", "args": 3}]),
    "checkpoint false": scenario([{"checkpoint": False}]),
    "block statement without body": scenario([{"open_nursery": "nursery"}]),
    "nursery without $": scenario([{"start_soon": "main", "nursery": "n"}]),
    "lowercase exception type": scenario([{"raise": "valueerror"}]),
    "message with raise $e": scenario([{"raise": "$e", "message": "m"}]),
    "except and except*": scenario([{"try": [], "except": [{"body": []}], "except*": [{"body": []}]}]),
    "try without handlers or finally": scenario([{"try": []}]),
    "try with empty except": scenario([{"try": [], "except": []}]),
    "else without except": scenario([{"try": [], "else": [], "finally": []}]),
    "handler without body": scenario([{"try": [], "except": [{"type": "ValueError"}]}]),
    "missing main": {"version": 1, "functions": {"main": {"body": []}}},
    "missing functions": {"version": 1, "main": "main"},
    "version 2": scenario([], version=2),
    "scheduling lifo": scenario([], settings={"scheduling": "lifo"}),
    "negative seed": scenario([], settings={"seed": -1}),
    "unknown top-level key": scenario([], mian="main"),
    "function name with a space": {"functions": {"my main": {"body": []}}, "main": "my main"},
    "duplicate parameter": {"functions": {"main": {"params": ["a", "a"], "body": []}}, "main": "main"},
    "function without body": {"functions": {"main": {"params": []}}, "main": "main"},
    "comment of two lines": scenario([{"comment": "one\ntwo"}]),
    "comment with a carriage return": scenario([{"comment": "one\rtwo"}]),
    "comment with a control character": scenario([{"comment": "bell\u0007"}]),
    "comment that is not a string": scenario([{"comment": 3}]),
    "comment with another field": scenario([{"comment": "x", "body": []}]),
    "question with one choice": scenario([], questions=[
        {"at": "raised", "prompt": "p", "choices": [{"text": "a", "correct": True}]}]),
    "question with five choices": scenario([], questions=[
        {"at": "raised", "prompt": "p", "choices": [{"text": c} for c in "abcd"] + [{"text": "e", "correct": True}]}]),
    "question without a right choice": scenario([], questions=[
        {"at": "raised", "prompt": "p", "choices": [{"text": "a"}, {"text": "b"}]}]),
    "question at a step with spaces": scenario([], questions=[
        {"at": "the raise", "prompt": "p", "choices": [{"text": "a", "correct": True}, {"text": "b"}]}]),
    "question without prompt": scenario([], questions=[
        {"at": "raised", "choices": [{"text": "a", "correct": True}, {"text": "b"}]}]),
    "choice with an unknown field": scenario([], questions=[
        {"at": "raised", "prompt": "p", "choices": [{"text": "a", "correct": True, "wy": "x"}, {"text": "b"}]}]),
}


def files(paths, schema_path):
    for p in map(pathlib.Path, paths):
        if p.is_dir():
            yield from (f for f in sorted(p.glob("*.json")) if f.resolve() != schema_path.resolve())
        elif p.is_file():
            yield p


def main():
    schema_path = pathlib.Path(sys.argv[1])
    schema = json.loads(schema_path.read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    failures = 0
    checked = 0
    for f in files(sys.argv[2:], schema_path):
        checked += 1
        errors = sorted(validator.iter_errors(json.loads(f.read_text())), key=lambda e: list(e.path))
        for e in errors:
            failures += 1
            print(f"{f}: /{'/'.join(map(str, e.path))}: {e.message}")
    for name, doc in GOOD.items():
        for e in validator.iter_errors(copy.deepcopy(doc)):
            failures += 1
            print(f"good snippet '{name}' rejected: /{'/'.join(map(str, e.path))}: {e.message}")
    for name, doc in BROKEN.items():
        if validator.is_valid(doc):
            failures += 1
            print(f"broken snippet '{name}' was accepted")
    print(f"{checked} files, {len(GOOD)} good and {len(BROKEN)} broken snippets checked; {failures} problem(s)")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
