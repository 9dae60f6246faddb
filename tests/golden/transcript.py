"""Transcripts (../shared/spec/transcript-format.md): parsing, the comparison rule, readable diffs.

Shared by check_golden.py and ../cli/check_cli.py. Standard library only.

The comparison rule: Trio does not fix the order of tasks that run at the same instant, so two
transcripts are equal when every task has the same lines in the same order and the `<run>`
line is the same. `canon()` reduces a transcript to exactly that (the same canon as the shared
conform.py), so equal canons mean equal transcripts.
"""
from __future__ import annotations

import difflib
import pathlib
from dataclasses import dataclass

RUN = "<run>"


@dataclass
class Line:
    time: str
    task: str
    kind: str
    detail: str

    def text(self) -> str:
        return "\t".join((self.time, self.task, self.kind, self.detail))


def split_lines(text: str) -> list[str]:
    """A transcript's lines. Only '\n' ends one: a print may hold any other control character
    (\r, \x1c, \x85, \u2028, which str.splitlines() would also split at)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def parse(text: str) -> list[Line] | None:
    """Lines of one transcript; None when a line does not have the TIME, TASK, KIND fields."""
    lines = []
    for raw in split_lines(text):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if len(fields) < 3:
            return None
        fields += [""] * (4 - len(fields))
        # A print may contain a TAB: everything after the third TAB is the detail.
        lines.append(Line(fields[0], fields[1], fields[2], "\t".join(fields[3:])))
    return lines


def decode(data: bytes) -> str:
    """A program's output as text, every byte kept: no newline translation (text mode would
    turn a printed '\r' into '\n'), and bytes that are not UTF-8 kept as surrogates."""
    return data.decode("utf-8", errors="surrogateescape")


def canon(text: str):
    """What the comparison rule looks at: each task's own lines, in order (hashable)."""
    lines = parse(text)
    if lines is None:
        return None
    tasks: dict[str, list[tuple[str, str, str]]] = {}
    for ln in lines:
        tasks.setdefault(ln.task, []).append((ln.time, ln.kind, ln.detail))
    return tuple(sorted((task, tuple(v)) for task, v in tasks.items()))


def prints(text: str) -> list[str]:
    """The program's output: the print details in transcript order."""
    return [ln.detail for ln in parse(text) or [] if ln.kind == "print"]


def outcome(text: str) -> Line | None:
    """The `<run>` line: how trio.run ended."""
    runs = [ln for ln in parse(text) or [] if ln.task == RUN]
    return runs[-1] if runs else None


@dataclass
class Reference:
    """One transcript real Trio printed: the FIFO run, or a random schedule with its seed."""
    label: str  # "fifo" or "seed N"
    text: str


def read_expected(path: pathlib.Path) -> list[Reference]:
    """trio_oracle.py --seeds output: the FIFO block, then '## seed N' blocks after '#' lines."""
    refs: list[Reference] = []
    label, cur = "fifo", []
    # newline="": a print's '\r' stays a '\r' (read_text() would make it a line end).
    with open(path, encoding="utf-8", errors="surrogateescape", newline="") as f:
        text = f.read()
    for raw in split_lines(text):
        if raw.startswith("#"):
            if cur:
                refs.append(Reference(label, "\n".join(cur) + "\n"))
                cur = []
            if raw.startswith("## seed "):
                label = "seed " + raw[len("## seed "):].strip()
            continue
        cur.append(raw)
    if cur:
        refs.append(Reference(label, "\n".join(cur) + "\n"))
    return refs


def task_diff(got: str, want: str) -> str:
    """A diff of the tasks whose own lines differ, and of the <run> line."""
    g, w = parse(got), parse(want)
    if g is None:
        return "  (trioscope's output is not a transcript)\n" + _indent(got)
    out = []
    tasks = sorted({ln.task for ln in g} | {ln.task for ln in w})
    for task in tasks:
        gl = [ln.text() for ln in g if ln.task == task]
        wl = [ln.text() for ln in w if ln.task == task]
        if gl != wl:
            out.append(f"  task {task}:")
            for d in difflib.unified_diff(wl, gl, "real Trio", "trioscope", lineterm="", n=2):
                out.append("    " + d)
    return "\n".join(out) + "\n"


def closest(got: str, refs: list[Reference]) -> Reference:
    """The reference transcript with the fewest tasks that differ from `got`."""
    g = dict(canon(got) or ())

    def distance(ref: Reference) -> int:
        w = dict(canon(ref.text) or ())
        return sum(g.get(t) != w.get(t) for t in set(g) | set(w))

    return min(refs, key=distance)


def _indent(text: str) -> str:
    return "".join("    " + ln + "\n" for ln in text.splitlines())
