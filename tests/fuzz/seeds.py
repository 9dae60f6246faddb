#!/usr/bin/env python3
"""The fuzzers' seed corpus: the lessons, the conformance scenarios, the malformed and runaway
corpora, the Trio programs of the tests, and each JSON lesson written as Trio Python (by
`trioscope export-python`, when a binary is given). Files over --max-len bytes are left out.

usage: seeds.py OUT_DIR [--trioscope BIN] [--max-len N]
Standard library only.
"""
import argparse
import pathlib
import shutil
import subprocess

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=pathlib.Path)
    ap.add_argument("--trioscope")
    ap.add_argument("--max-len", type=int, default=65536)
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    sources = [*sorted((REPO / "scenarios").glob("*.json")),
               *sorted((REPO / "tests" / "golden").rglob("*.json")),
               *sorted((REPO / "tests" / "malformed").iterdir()),
               *sorted((REPO / "tests" / "runaway").iterdir()),
               *sorted((REPO / "tests" / "scenario" / "python").rglob("*.py")),
               *sorted((REPO / "tests" / "cli" / "data").glob("*.json"))]
    n = 0
    for src in sources:
        if src.name == "expected.txt" or src.name == "schema.json" or src.stat().st_size > a.max_len:
            continue
        rel = src.relative_to(REPO).as_posix().replace("/", "_")
        shutil.copyfile(src, a.out / rel)
        n += 1
        if a.trioscope and src.suffix == ".json" and src.parent.name in ("scenarios", "semantics"):
            p = subprocess.run([a.trioscope, "export-python", str(src)], capture_output=True, timeout=30)
            if p.returncode == 0 and len(p.stdout) <= a.max_len:
                (a.out / (rel + ".py")).write_bytes(p.stdout)
                n += 1
    print(f"{n} seeds in {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
