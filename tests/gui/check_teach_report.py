#!/usr/bin/env python3
"""Checks the teaching mode in the layout report of a screenshot (`--report R.json`): the
Predict question is shown, fits and lies inside the window; the Why? window lies inside it;
the code margin has its lint marks.
usage: check_teach_report.py R.json WIDTH HEIGHT [--predict] [--revealed] [--why] [--lints N]"""
import json
import sys

r = json.load(open(sys.argv[1]))
w, h = float(sys.argv[2]), float(sys.argv[3])
args = sys.argv[4:]
t = r["teach"]
problems = []


def inside(rect, what):
    x0, y0, x1, y1 = rect
    if not (x1 > x0 and y1 > y0):
        problems.append(f"{what} is not shown")
    elif x0 < 0 or y0 < 0 or x1 > w + 0.5 or y1 > h + 0.5:
        problems.append(f"{what} {rect} goes past the {w:.0f}x{h:.0f} window")


if "--predict" in args:
    if not t["predict_shown"]:
        problems.append("no Predict question on screen")
    if not t["predict_fits"]:
        problems.append("the question does not fit its window")
    if t["predict_choices"] < 2:
        problems.append(f"{t['predict_choices']} choices")
    if ("--revealed" in args) != t["predict_revealed"]:
        problems.append("revealed" if t["predict_revealed"] else "not revealed")
    inside(t["predict"], "the question")
if "--why" in args:
    if not t["why_question"] or not t["why_answer"]:
        problems.append("no Why? answer on screen")
    inside(t["why"], "the Why? window")
if "--lints" in args:
    n = int(args[args.index("--lints") + 1])
    if t["lint_marks"] != n:
        problems.append(f"{t['lint_marks']} lint marks in the code margin, expected {n}")
for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
