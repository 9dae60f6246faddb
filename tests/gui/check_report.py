#!/usr/bin/env python3
"""Checks the layout report `trioscope --screenshot ... --report R.json` wrote for the frame
it took: what the step is about is in view in every panel, and no two labels overlap.
usage: check_report.py R.json"""
import json
import sys

r = json.load(open(sys.argv[1]))
problems = []
for key, what in [("tree_focus_visible", "the acting task's box is not in view in the tree"),
                  ("involved_lanes_visible", "a lane the step involves is not in view in the timeline"),
                  ("code_line_visible", f"line {r['code_line']} of the step is not in view in the code")]:
    if not r[key]:
        problems.append(what)
if r["code_line"] == 0:
    problems.append("the step has no line in the code")
if r["code_overflow"] > 0.5:
    problems.append(f"code runs {r['code_overflow']:.1f} px past the panel's edge")
for key in ("tree_overlap", "timeline_overlap"):
    if r[key]:
        a, b = r[key]
        problems.append(f"{key}: '{a['text']}' {a['rect']} overlaps '{b['text']}' {b['rect']}")
for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
