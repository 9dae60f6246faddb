#!/usr/bin/env python3
"""`trioscope export`: every format written, then read back by a program that is not ours.

usage: check_export.py --trioscope BIN --tools DIR --source-dir REPO CHECK...
       check_export.py --list

Each CHECK is one ctest test (export_CHECK). Exit 0 = pass, 1 = fail, 77 = skipped.
Every export runs without a display (DISPLAY and WAYLAND_DISPLAY unset), as on CI.
The readers: xml.etree, xmllint and rsvg-convert (SVG), pdfinfo, pdftotext and pdftoppm
(PDF), our png_probe / png_diff / gif_probe (stb_image and giflib), ffprobe (video), json
(trace), html.parser and headless Chromium through Selenium (slides.html). A reader that is
missing skips its check, and fails it under CI=true.

[SECTION] index
  Running and reading ....... Result, Env, Check, @check registry, need()
  Checks: SVG ............... svg_is_xml, svg_renders_as_png, svg_escapes_text
  Checks: PDF ............... pdf_handout, pdf_text_and_pages
  Checks: PNG ............... png_size_and_content, png_8k_without_display, png_views, png_dark
  Checks: animations ........ gif_frames, gif_animates_the_step, video_formats, video_without_ffmpeg
  Checks: deck .............. deck_files, deck_in_chromium
  Checks: trace ............. trace_structure
  Checks: python ............ python_is_export_python
  Checks: failures .......... existing_out, unwritable_out, bad_options, help
  main
"""
from __future__ import annotations

import argparse
import html.parser
import json
import os
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

SKIP = 77
SVG_NS = "{http://www.w3.org/2000/svg}"
# Colours of the light theme (engine/view/palette.cpp): what a page must show somewhere.
CRASHED = "C01818"
CANCEL = "C2410C"
PLAYHEAD = "D00070"
RUNNING = "17803A"
SLEEPING = "6240B8"


# [SECTION] Running and reading -----------------------------------------------------------------

@dataclass
class Result:
    cmd: list[str]
    rc: int | None
    out: str
    err: str

    def describe(self) -> str:
        status = "timed out" if self.rc is None else f"exit {self.rc}"
        return f"`{' '.join(self.cmd)}` -> {status}\n  stdout: {self.out.strip()}\n  stderr: {self.err.strip()}"


def run(cmd: list, env: dict | None = None, timeout: float = 300) -> Result:
    cmd = [str(c) for c in cmd]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env,
                           errors="replace")
        return Result(cmd, p.returncode, p.stdout, p.stderr)
    except subprocess.TimeoutExpired as e:
        return Result(cmd, None, str(e.stdout or ""), str(e.stderr or ""))


@dataclass
class Env:
    trioscope: str
    tools: pathlib.Path
    source: pathlib.Path
    tmp: pathlib.Path
    # No display, as on CI: nothing here may need one.
    env: dict = field(default_factory=lambda: {k: v for k, v in os.environ.items()
                                               if k not in ("DISPLAY", "WAYLAND_DISPLAY")})

    def lesson(self, name: str) -> pathlib.Path:
        return self.source / "scenarios" / name

    def export(self, *args, env: dict | None = None, timeout: float = 300) -> Result:
        return run([self.trioscope, "export", *args], env=env or self.env, timeout=timeout)

    def tool(self, name: str) -> str:
        return str(self.tools / name)


class Check:
    def __init__(self, name: str):
        self.name = name
        self.failures: list[str] = []
        self.passed = 0

    def expect(self, ok: bool, what: str) -> bool:
        if ok:
            self.passed += 1
        else:
            self.failures.append(what)
        return ok

    def ran(self, r: Result, what: str) -> bool:
        return self.expect(r.rc == 0, f"{what}: {r.describe()}")


CHECKS = {}


def check(fn):
    CHECKS[fn.__name__] = fn
    return fn


class Missing(Exception):
    pass


def need(*programs: str) -> None:
    """The readers a check needs: missing ones skip it, or fail it under CI."""
    missing = [p for p in programs if not (os.path.isabs(p) and os.access(p, os.X_OK)) and not shutil.which(p)]
    if missing:
        raise Missing(", ".join(missing))


def probe(env: Env, c: Check, png: pathlib.Path, *checks: str, what: str) -> bool:
    r = run([env.tool("png_probe"), png, *checks])
    return c.expect(r.rc == 0, f"{what}: {r.describe()}")


LESSON_02 = "02_child_trips_loose_groups.json"
LESSON_03 = "03_child_trips_strict_groups.json"


# [SECTION] Checks: SVG ----------------------------------------------------------------------------

def svg_texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(SVG_NS + "text")]


@check
def svg_is_xml(env: Env, c: Check):
    """An SVG is well-formed XML, self-contained, and its text is <text>: the title, the
    caption of the step and the code are there as text, in DejaVu with fallbacks."""
    need("xmllint")
    out = env.tmp / "lesson02.svg"
    if not c.ran(env.export("--format", "svg", "--step", "scope_cancelled", "--out", out, env.lesson(LESSON_02)),
                 "svg export"):
        return
    r = run(["xmllint", "--noout", out])
    c.expect(r.rc == 0, f"xmllint accepts it: {r.describe()}")
    root = ET.parse(out).getroot()
    c.expect(root.tag == SVG_NS + "svg", f"the root is <svg>, not {root.tag}")
    c.expect(root.get("width") == "1920" and root.get("height") == "1080", "1920x1080 by default")
    vb = [float(v) for v in root.get("viewBox", "").split()]
    c.expect(len(vb) == 4 and abs(vb[2] / vb[3] - 16 / 9) < 1e-3, f"a 16:9 viewBox, got {vb}")
    c.expect("DejaVu Sans" in (root.get("font-family") or "") and "sans-serif" in root.get("font-family", ""),
             "DejaVu Sans with a generic fallback")
    texts = svg_texts(root)
    joined = "\n".join(texts)
    c.expect(any("A child trips" in t for t in texts), "the lesson's title is a <text>")
    c.expect("Its nursery cancels the other children" in joined, "the caption is text")
    c.expect(any("raise ValueError" in t for t in texts) or "ValueError(" in joined, "the code is text")
    c.expect(any("cancel pending" in t for t in texts), "the legend and the tree's states are text")
    # Self-contained: nothing is fetched from elsewhere.
    raw = out.read_text(encoding="utf-8")
    c.expect(not re.search(r'(href|src)\s*=\s*"(?!#)', raw) and "@import" not in raw and "url(http" not in raw,
             "no external reference")
    c.expect(all(u.startswith("url(#") for u in re.findall(r"url\([^)]*\)", raw)), "only internal clip references")


@check
def svg_renders_as_png(env: Env, c: Check):
    """rsvg-convert renders the SVG, and what it draws is our PNG of the same step: one
    layout and one painting code for every surface (a differing panel, box or line would
    differ in whole areas; only glyph edges may)."""
    need("rsvg-convert")
    svg, png, rendered = env.tmp / "same.svg", env.tmp / "same.png", env.tmp / "same_rsvg.png"
    for fmt, out in (("svg", svg), ("png", png)):
        if not c.ran(env.export("--format", fmt, "--step", "group_formed", "--out", out, env.lesson(LESSON_02)),
                     f"{fmt} export"):
            return
    r = run(["rsvg-convert", "--width", "1920", "--height", "1080", "-o", rendered, svg])
    if not c.ran(r, "rsvg-convert renders it"):
        return
    probe(env, c, rendered, "--size", "1920x1080", "--not-blank", "200", "--color", f"{CRASHED},16", "300",
          what="the rendering shows the nursery's errors in red")
    # Compared in 4x4 blocks: rsvg kerns text, which moves glyphs a pixel or two along a line.
    r = run([env.tool("png_diff"), png, rendered, "--tol", "48", "--block", "4", "--max-share", "0.015"])
    c.expect(r.rc == 0, f"rsvg's rendering matches our PNG: {r.describe()}")
    # And the comparison tells pages apart: the step before is another picture.
    other = env.tmp / "other.png"
    if c.ran(env.export("--format", "png", "--step", "group_formed:1", "--view", "screen", "--scale", "1.1",
                        "--out", other, env.lesson(LESSON_02)), "png export at another scale"):
        r = run([env.tool("png_diff"), other, rendered, "--tol", "48", "--block", "4", "--max-share", "0.015"])
        c.expect(r.rc == 1, f"a page at another scale differs: {r.describe()}")


@check
def svg_escapes_text(env: Env, c: Check):
    """Text with markup characters stays text: a title and a print with < & > " ' parse back
    to exactly those characters."""
    scenario = env.tmp / "markup.json"
    scenario.write_text(json.dumps({
        "version": 1,
        "title": "Tags <b> & \"quotes\" 'too'",
        "functions": {"main": {"body": [{"print": "a < b && c > d \"q\" 'a'"}]}},
        "main": "main",
    }), encoding="utf-8")
    out = env.tmp / "markup.svg"
    if not c.ran(env.export("--format", "svg", "--out", out, scenario), "svg export of a title with markup"):
        return
    root = ET.parse(out).getroot()
    texts = svg_texts(root)
    c.expect(any("Tags <b> & \"quotes\" 'too'" in t for t in texts), f"the title comes back as written: {texts[:3]}")
    c.expect(any("a < b && c > d \"q\" 'a'" in t for t in texts), "the printed line comes back as written")
    title = root.find(SVG_NS + "title")
    c.expect(title is not None and title.text == "Tags <b> & \"quotes\" 'too'", "the document's <title>")


# [SECTION] Checks: PDF ----------------------------------------------------------------------------

def pdf_pages(path: pathlib.Path) -> int:
    r = run(["pdfinfo", path])
    m = re.search(r"^Pages:\s+(\d+)", r.out, re.M)
    return int(m.group(1)) if m else -1


def pdf_page_text(path: pathlib.Path, page: int) -> str:
    return run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), path, "-"]).out


@check
def pdf_handout(env: Env, c: Check):
    """--key-steps makes a handout of lesson 02's teaching moments, one page each, in the
    order the lesson tells them: the children spawned, the first print, the raise, the
    cancellation, Cancelled delivered, the group formed, the re-raise at async with, the
    handler, the end of the run (each page's status line names its event)."""
    need("pdfinfo", "pdftotext")
    out = env.tmp / "handout.pdf"
    if not c.ran(env.export("--format", "pdf", "--key-steps", "--out", out, env.lesson(LESSON_02)), "pdf export"):
        return
    story = ["task_spawned", "print", "raised", "scope_cancelled", "cancel_delivered", "group_formed",
             "nursery_reraise", "handler_entered", "run_finished"]
    pages = pdf_pages(out)
    c.expect(pages == len(story), f"{len(story)} pages, got {pages}")
    for i, kind in enumerate(story[:max(0, pages)], start=1):
        text = pdf_page_text(out, i)
        c.expect(re.search(r"step \d+ of 44\s+·\s+t = [\d.]+\s+·\s+" + kind, text) is not None,
                 f"page {i} is at a {kind} step: {text[:300]!r}")
        c.expect("A child trips (old Trio: loose exception groups)" in text, f"page {i} has the title")
    last = pdf_page_text(out, pages)
    c.expect("trio.run" in last, "the last page is the run's end")


@check
def pdf_text_and_pages(env: Env, c: Check):
    """--steps A..B gives one page per step; the text is real (pdftotext finds the caption
    and the code) in DejaVu, embedded with its characters, and pdftoppm draws the pages at
    the size asked for."""
    need("pdfinfo", "pdftotext", "pdftoppm", "pdffonts")
    out = env.tmp / "range.pdf"
    if not c.ran(env.export("--format", "pdf", "--steps", "20..25", "--size", "1280x720", "--out", out,
                            env.lesson(LESSON_02)), "pdf export of a range"):
        return
    c.expect(pdf_pages(out) == 6, f"6 pages for steps 20..25, got {pdf_pages(out)}")
    info = run(["pdfinfo", out]).out
    c.expect(re.search(r"Page size:\s+960 x 540 pts", info) is not None, f"1280x720 px pages are 960x540 pt: {info}")
    c.expect("Title:" in info and "A child trips" in info, "the document's title")
    fonts = [line.split() for line in run(["pdffonts", out]).out.splitlines()[2:] if line.strip()]
    c.expect(bool(fonts) and all("DejaVu" in f[0] for f in fonts), f"the fonts are DejaVu: {fonts}")
    # Columns from the right: object id, generation, then uni, sub, emb.
    c.expect(all(f[-5] == "yes" and f[-3] == "yes" for f in fonts), f"embedded, with their characters: {fonts}")
    text = pdf_page_text(out, 3)
    c.expect("problematic_child() raises" in text or "raise" in text, "the caption of step 22 is text")
    c.expect("async def problematic_child" in text, "the code is text")
    prefix = env.tmp / "range_page"
    r = run(["pdftoppm", "-png", "-r", "96", "-f", "3", "-l", "3", out, prefix])
    pngs = sorted(env.tmp.glob("range_page*.png"))
    if c.ran(r, "pdftoppm renders page 3") and c.expect(len(pngs) == 1, f"one page rendered, got {pngs}"):
        probe(env, c, pngs[0], "--size", "1280x720", "--not-blank", "100", "--color", f"{RUNNING},30", "100",
              what="the page shows the running task's colour")


# [SECTION] Checks: PNG ----------------------------------------------------------------------------

# Regions of a 16:9 "screen" page (fractions): the tree panel, the code, the timeline.
TREE = "0.0,0.11,0.66,0.70"
CODE = "0.67,0.11,1.0,0.47"
LANES = "0.0,0.71,1.0,0.97"


@check
def png_size_and_content(env: Env, c: Check):
    """A PNG is the size asked for, and shows the step where the app shows it: lesson 02 at
    its cancellation has the crashed child in red and the cancel-pending sibling in orange
    in the tree, the lit line in the code, the playhead in the timeline."""
    out = env.tmp / "cancel.png"
    if not c.ran(env.export("--format", "png", "--step", "scope_cancelled", "--out", out, env.lesson(LESSON_02)),
                 "png export"):
        return
    probe(env, c, out, "--size", "1920x1080", "--not-blank", "400",
          "--region", TREE, "--color", f"{CRASHED},16", "300", "--color", f"{CANCEL},16", "300",
          "--region", CODE, "--color", f"{RUNNING},30", "100",
          "--region", LANES, "--color", f"{PLAYHEAD},20", "200", what="1920x1080 with the step's colours")


@check
def png_8k_without_display(env: Env, c: Check):
    """7680x4320 is drawn with no display: the 1920x1080 layout with its text rendered four
    times larger (not an enlarged image: scaled down, it is the 1920x1080 picture)."""
    big, small = env.tmp / "big.png", env.tmp / "small.png"
    if not c.ran(env.export("--format", "png", "--step", "group_formed", "--size", "7680x4320", "--out", big,
                            env.lesson(LESSON_02), timeout=600), "7680x4320 export"):
        return
    c.ran(env.export("--format", "png", "--step", "group_formed", "--out", small, env.lesson(LESSON_02)),
          "1920x1080 export")
    probe(env, c, big, "--size", "7680x4320", "--not-blank", "1000", "--region", TREE,
          "--color", f"{CRASHED},16", "4800", what="7680x4320 with the nursery's errors")
    r = run([env.tool("png_diff"), big, small, "--tol", "80", "--max-share", "0.01"])
    c.expect(r.rc == 0, f"averaged down, it is the 1920x1080 page: {r.describe()}")


@check
def png_views(env: Env, c: Check):
    """--view: the tree alone has no timeline (no playhead anywhere); the timeline alone has
    no tree (no task box's tint) but its playhead; both has both."""
    for view, checks in {
        "tree": ["--no-color", f"{PLAYHEAD},8", "--color", f"{CRASHED},16", "300"],
        "timeline": ["--color", f"{PLAYHEAD},20", "300", "--no-color", "F9DCDC,1"],
        "both": ["--color", f"{PLAYHEAD},20", "200", "--color", f"{CRASHED},16", "300"],
    }.items():
        out = env.tmp / f"view_{view}.png"
        if c.ran(env.export("--format", "png", "--view", view, "--step", "group_formed", "--out", out,
                            env.lesson(LESSON_02)), f"--view {view}"):
            probe(env, c, out, "--size", "1920x1080", *checks, what=f"--view {view}")


@check
def png_dark(env: Env, c: Check):
    """--theme dark draws the dark theme, --scale 1.5 larger text (more of the page is text
    colour), --size 1280x720 that size."""
    out = env.tmp / "dark.png"
    if c.ran(env.export("--format", "png", "--theme", "dark", "--size", "1280x720", "--out", out,
                        env.lesson("01_first_nursery.json")), "dark export"):
        probe(env, c, out, "--size", "1280x720", "--dark", "80", what="a dark page")
    a, b = env.tmp / "scale1.png", env.tmp / "scale15.png"
    c.ran(env.export("--format", "png", "--view", "tree", "--out", a, env.lesson(LESSON_02)), "scale 1")
    c.ran(env.export("--format", "png", "--view", "tree", "--scale", "1.5", "--out", b, env.lesson(LESSON_02)), "scale 1.5")
    r = run([env.tool("png_diff"), a, b, "--tol", "48", "--block", "4", "--max-share", "0.015"])
    c.expect(r.rc == 1, f"--scale 1.5 is another picture: {r.describe()}")


# [SECTION] Checks: animations ---------------------------------------------------------------------

def gif_info(env: Env, path: pathlib.Path, *args) -> tuple[dict, list[dict], Result]:
    r = run([env.tool("gif_probe"), path, *args])
    head, frames = {}, []
    for line in r.out.splitlines():
        if line.startswith("frame "):
            m = re.match(r"frame (\d+) delay (\d+) rect (\d+),(\d+) (\d+)x(\d+)(?: color (\d+))?", line)
            if m:
                frames.append({"delay": int(m.group(2)), "rect": tuple(map(int, m.group(3, 4, 5, 6))),
                               "color": int(m.group(7)) if m.group(7) else None})
        elif " " in line:
            k, v = line.split(" ", 1)
            head[k] = v
    return head, frames, r


@check
def gif_frames(env: Env, c: Check):
    """A GIF of steps 20..30 at 2 steps a second: the size asked for, looping, 11 steps of
    half a second plus the hold at the end (2 s), every step at least one frame."""
    out = env.tmp / "steps.gif"
    if not c.ran(env.export("--format", "gif", "--steps", "20..30", "--speed", "2", "--fps", "10",
                            "--size", "640x360", "--out", out, env.lesson(LESSON_02)), "gif export"):
        return
    head, frames, r = gif_info(env, out)
    if not c.ran(r, "giflib decodes it"):
        return
    c.expect(head.get("size") == "640x360", f"640x360, got {head.get('size')}")
    c.expect(head.get("loops") == "yes", "it loops")
    c.expect(len(frames) >= 11, f"at least a frame per step, got {len(frames)}")
    total = sum(f["delay"] for f in frames)
    c.expect(abs(total - (1100 / 2 + 200)) <= 2, f"7.5 s in all, got {total} cs")
    c.expect(all(f["delay"] >= 2 for f in frames), "no frame shorter than 2 cs (browsers slow those down)")
    # Only what changed: most frames are a small part of the picture.
    small = [f for f in frames[1:] if f["rect"][2] * f["rect"][3] < 640 * 360 / 2]
    c.expect(len(small) >= len(frames) // 2, "frames after the first hold only the changed rectangle")


@check
def gif_animates_the_step(env: Env, c: Check):
    """The GIF is the animation, not a slide show: going into the cancellation (step 24 to
    25) a "Cancelled" token in the cancellation colour travels to the sibling, so frames in
    the middle show more of that colour than the step at rest."""
    out = env.tmp / "cancel.gif"
    if not c.ran(env.export("--format", "gif", "--steps", "24..25", "--speed", "1", "--fps", "20",
                            "--size", "960x540", "--out", out, env.lesson(LESSON_02)), "gif export"):
        return
    _, frames, r = gif_info(env, out, "--color", f"{CANCEL},24")
    if not c.ran(r, "giflib decodes it") or not c.expect(len(frames) >= 6, f"animation frames, got {len(frames)}"):
        return
    rest = frames[-1]["color"]
    moving = max(f["color"] for f in frames[1:-1])
    c.expect(moving > rest * 1.15 + 50, f"the token shows while it travels: {moving} px mid-way, {rest} at rest")
    mid = env.tmp / "cancel_mid.png"
    peak = max(range(1, len(frames) - 1), key=lambda i: frames[i]["color"])
    r = run([env.tool("gif_probe"), out, "--frame", str(peak), mid])
    if c.ran(r, "a frame mid-way"):
        probe(env, c, mid, "--size", "960x540", "--not-blank", "100", what="the frame mid-way")


def ffprobe(path: pathlib.Path) -> dict:
    r = run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
             "stream=codec_name,width,height:format=duration", "-of", "json", path])
    try:
        d = json.loads(r.out)
        s = d["streams"][0]
        return {"codec": s["codec_name"], "width": s["width"], "height": s["height"],
                "duration": float(d["format"]["duration"])}
    except (ValueError, KeyError, IndexError):
        return {}


@check
def video_formats(env: Env, c: Check):
    """With ffmpeg installed, mp4 is H.264 and webm VP9, the size and length of the GIF."""
    need("ffmpeg", "ffprobe")
    for fmt, codec in (("mp4", "h264"), ("webm", "vp9")):
        out = env.tmp / f"anim.{fmt}"
        if not c.ran(env.export("--format", fmt, "--steps", "20..25", "--speed", "2", "--size", "640x360",
                                "--out", out, env.lesson(LESSON_02)), f"{fmt} export"):
            continue
        info = ffprobe(out)
        c.expect(info.get("codec") == codec, f"{fmt} is {codec}: {info}")
        c.expect(info.get("width") == 640 and info.get("height") == 360, f"{fmt} is 640x360: {info}")
        c.expect(abs(info.get("duration", 0) - (6 / 2 + 2)) < 0.25, f"{fmt} lasts 5 s: {info}")


@check
def video_without_ffmpeg(env: Env, c: Check):
    """Without ffmpeg on PATH, mp4 says what it needs and writes nothing; gif still works."""
    no_path = dict(env.env, PATH=str(env.tmp / "empty-path"))
    (env.tmp / "empty-path").mkdir(exist_ok=True)
    out = env.tmp / "none.mp4"
    r = env.export("--format", "mp4", "--out", out, env.lesson(LESSON_02), env=no_path)
    c.expect(r.rc == 2 and "ffmpeg" in r.err and "not on PATH" in r.err, f"a clear message: {r.describe()}")
    c.expect(not out.exists(), "nothing written")
    gif = env.tmp / "still.gif"
    r = env.export("--format", "gif", "--steps", "0..3", "--size", "320x180", "--out", gif, env.lesson(LESSON_02),
                   env=no_path)
    c.ran(r, "gif needs no ffmpeg")


# [SECTION] Checks: deck ---------------------------------------------------------------------------

class Slides(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.script = ""
        self.in_script = False
        self.ids: dict[str, dict] = {}
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids[a["id"]] = a
        if tag == "script":
            self.in_script = True
            if "src" in a:
                self.external.append(a["src"])
        if tag == "link":
            self.external.append(a.get("href", ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script:
            self.script += data


def deck_slides(script: str) -> list[dict]:
    m = re.search(r"const slides = (\[.*?\]);\n", script, re.S)
    return json.loads(m.group(1)) if m else []


@check
def deck_files(env: Env, c: Check):
    """A deck is a folder of numbered PNGs (one per key step by default) and one slides.html
    that lists them in order with each step's caption, needing nothing from elsewhere."""
    out = env.tmp / "deck"
    if not c.ran(env.export("--format", "deck", "--size", "1280x720", "--out", out, env.lesson(LESSON_02)),
                 "deck export"):
        return
    pngs = sorted(p.name for p in out.glob("slide-*.png"))
    c.expect(pngs == [f"slide-{i:03d}.png" for i in range(1, 10)], f"9 numbered slides: {pngs}")
    for p in pngs[:2]:
        probe(env, c, out / p, "--size", "1280x720", "--not-blank", "100", what=p)
    page = Slides()
    page.feed((out / "slides.html").read_text(encoding="utf-8"))
    c.expect(not page.external, f"no external script or style: {page.external}")
    slides = deck_slides(page.script)
    c.expect([s["image"] for s in slides] == pngs, "slides.html lists the images in order")
    c.expect(all(s["caption"] for s in slides), "every slide has its caption")
    c.expect(len({s["caption"] for s in slides}) == len(slides), "captions differ from slide to slide")
    c.expect(page.ids.get("slide", {}).get("src") == "slide-001.png", "the first slide is in the page itself")
    # --steps gives a slide per step; --force replaces a deck.
    r = env.export("--format", "deck", "--steps", "40..44", "--size", "640x360", "--out", out, env.lesson(LESSON_02))
    c.expect(r.rc == 2 and "exists" in r.err, f"an existing deck needs --force: {r.describe()}")
    if c.ran(env.export("--format", "deck", "--steps", "40..44", "--size", "640x360", "--force", "--out", out,
                        env.lesson(LESSON_02)), "deck with --force"):
        page = Slides()
        page.feed((out / "slides.html").read_text(encoding="utf-8"))
        c.expect(len(deck_slides(page.script)) == 5, "5 slides for steps 40..44")
    c.expect(not list(env.tmp.glob(".deck.partial-*")), "no partial folder left behind")


CHROMIUM_DRIVE = r'''
import sys, pathlib
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains
o = Options()
for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--allow-file-access-from-files"):
    o.add_argument(a)
o.binary_location = sys.argv[2]
d = webdriver.Chrome(service=Service(sys.argv[3]), options=o)
try:
    d.set_window_size(1280, 900)
    d.get(pathlib.Path(sys.argv[1]).as_uri())
    def state(tag):
        img = d.find_element(By.ID, "slide")
        ok = d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img)
        print(tag, "|", img.get_attribute("src").rsplit("/", 1)[-1], "|", ok, "|",
              d.find_element(By.ID, "count").text, "|", d.find_element(By.ID, "caption").text)
    state("start")
    body = d.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.ARROW_RIGHT); state("right")
    body.send_keys(Keys.SPACE); state("space")
    body.send_keys(Keys.ARROW_LEFT); state("left")
    stage = d.find_element(By.ID, "stage")
    ActionChains(d).move_to_element_with_offset(stage, stage.size["width"] // 3, 0).click().perform(); state("click")
    body.send_keys(Keys.END); state("end")
finally:
    d.quit()
'''


@check
def deck_in_chromium(env: Env, c: Check):
    """slides.html in headless Chromium, from file://: the first slide and its caption show;
    → and Space go on (the picture and the caption change), ← goes back, a click on the
    right of the picture goes on, End goes to the last."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    need("chromium", driver, "/usr/bin/python3")
    r = run(["/usr/bin/python3", "-c", "import selenium"])
    if r.rc != 0:
        raise Missing("python3-selenium")
    out = env.tmp / "chromium_deck"
    if not c.ran(env.export("--format", "deck", "--size", "640x360", "--out", out, env.lesson(LESSON_02)),
                 "deck export"):
        return
    script = env.tmp / "drive.py"
    script.write_text(CHROMIUM_DRIVE, encoding="utf-8")
    r = run(["/usr/bin/python3", script, out / "slides.html", chromium, driver], env=env.env, timeout=120)
    if not c.ran(r, "Chromium loads the deck"):
        return
    states = {}
    for line in r.out.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 5:
            states[parts[0]] = {"image": parts[1], "loaded": parts[2] not in ("0", "None", "false"),
                                "count": parts[3], "caption": parts[4]}
    want = {"start": ("slide-001.png", "1 / 9"), "right": ("slide-002.png", "2 / 9"),
            "space": ("slide-003.png", "3 / 9"), "left": ("slide-002.png", "2 / 9"),
            "click": ("slide-003.png", "3 / 9"), "end": ("slide-009.png", "9 / 9")}
    for k, (image, count) in want.items():
        s = states.get(k, {})
        c.expect(s.get("image") == image and s.get("count") == count,
                 f"after {k}: {image} ({count}), got {s}")
        c.expect(s.get("loaded", False), f"after {k}: the picture loaded from file://")
    caps = [states.get(k, {}).get("caption", "") for k in ("start", "right", "space")]
    c.expect(all(caps) and len(set(caps)) == 3, f"the caption changes with the slide: {caps}")
    c.expect("start_soon" in caps[0], f"the first slide's caption is the children's spawn: {caps[0]!r}")


# [SECTION] Checks: trace --------------------------------------------------------------------------

@check
def trace_structure(env: Env, c: Check):
    """The Chrome trace: a named track per task in the timeline's order (each task after its
    nursery's parent), X spans properly nested on each track, instant events with a scope,
    flow arrows for spawns, cancellations and exceptions (each id one start and one end, in
    time order), time in microseconds of virtual time."""
    for lesson in (LESSON_02, "13_cancel_nursery_from_child.json", "11_nursery_start.json"):
        out = env.tmp / f"{lesson}.trace.json"
        if not c.ran(env.export("--format", "trace", "--out", out, env.lesson(lesson)), f"trace of {lesson}"):
            continue
        data = json.loads(out.read_text(encoding="utf-8"))
        events = data["traceEvents"]
        names = {e["tid"]: e["args"]["name"] for e in events if e["ph"] == "M" and e["name"] == "thread_name"}
        sort = {e["tid"]: e["args"]["sort_index"] for e in events if e["ph"] == "M" and e["name"] == "thread_sort_index"}
        xs = [e for e in events if e["ph"] == "X"]
        c.expect(bool(xs), f"{lesson}: spans")
        c.expect({e["tid"] for e in xs} <= set(names), f"{lesson}: every track with spans is named")
        c.expect(sorted(names, key=lambda t: sort[t]) == sorted(names), f"{lesson}: tracks sorted as numbered")
        c.expect(all(e["dur"] >= 0 and e["ts"] >= 0 for e in xs), f"{lesson}: no negative times")
        # Nesting: on each track, a span that starts inside another ends inside it.
        bad = []
        for tid in names:
            spans = sorted((e for e in xs if e["tid"] == tid), key=lambda e: (e["ts"], -e["dur"]))
            stack = []
            for e in spans:
                while stack and e["ts"] >= stack[-1]["ts"] + stack[-1]["dur"]:
                    stack.pop()
                if stack and e["ts"] + e["dur"] > stack[-1]["ts"] + stack[-1]["dur"]:
                    bad.append((names[tid], e["name"], e["ts"], e["dur"], stack[-1]["name"]))
                stack.append(e)
        c.expect(not bad, f"{lesson}: spans nest on every track: {bad[:3]}")
        # Each task's life holds its states.
        lives = {e["tid"]: e for e in xs if e["cat"] == "task"}
        c.expect(set(lives) == set(names), f"{lesson}: a life span per task")
        for e in xs:
            if e["cat"] == "state" and e["tid"] in lives:
                life = lives[e["tid"]]
                if not (life["ts"] <= e["ts"] and e["ts"] + e["dur"] <= life["ts"] + life["dur"]):
                    c.expect(False, f"{lesson}: state {e} outside its task's life {life}")
                    break
        instants = [e for e in events if e["ph"] == "i"]
        c.expect(all(e.get("s") in ("g", "p", "t") for e in instants), f"{lesson}: instants have a scope")
        flows: dict = {}
        for e in events:
            if e["ph"] in ("s", "f"):
                flows.setdefault(e["id"], []).append(e)
        c.expect(all(sorted(x["ph"] for x in f) == ["f", "s"] for f in flows.values()), f"{lesson}: flows pair up")
        c.expect(all(next(x for x in f if x["ph"] == "s")["ts"] <= next(x for x in f if x["ph"] == "f")["ts"]
                     for f in flows.values()), f"{lesson}: a flow ends after it starts")
        c.expect(all(e.get("bp") == "e" for e in events if e["ph"] == "f"), f"{lesson}: flow ends bind to their slice")
        cats = {e["cat"] for e in events if e["ph"] == "s"}
        c.expect({"spawn", "cancellation"} <= cats, f"{lesson}: spawn and cancellation arrows, got {cats}")
        c.expect(all(e["ts"] >= e["args"]["t"] * 1e6 - 1e-6 for e in instants + xs),
                 f"{lesson}: ts are microseconds of virtual time (never before the event's time)")
        if lesson == LESSON_02:
            c.expect("exception" in cats, "lesson 02: an exception arrow from the child to its parent")
            order = [names[t] for t in sorted(names, key=lambda t: sort[t])]
            c.expect(order == ["resilient_parent", "child('Well-behaved', 3)", "problematic_child()"],
                     f"lesson 02: the parent first, then its children in spawn order: {order}")
            raised = [e for e in instants if e["name"].startswith("raise ValueError")]
            c.expect(len(raised) == 1 and raised[0]["args"]["t"] == 1.0 and raised[0]["ts"] >= 1e6,
                     f"lesson 02: the raise at t = 1.0, after 1,000,000 µs: {raised}")
            prints = [e for e in instants if e["cat"] == "print"]
            c.expect(len(prints) == 2, f"lesson 02: two prints, got {len(prints)}")


# [SECTION] Checks: python -------------------------------------------------------------------------

@check
def python_is_export_python(env: Env, c: Check):
    """--format python writes what `trioscope export-python` prints."""
    for lesson in (LESSON_02, "11_nursery_start.json"):
        out = env.tmp / f"{lesson}.py"
        if c.ran(env.export("--format", "python", "--out", out, env.lesson(lesson)), "python export"):
            printed = run([env.trioscope, "export-python", env.lesson(lesson)], env=env.env)
            c.expect(printed.rc == 0 and out.read_text(encoding="utf-8") == printed.out,
                     f"{lesson}: the same program as export-python")


# [SECTION] Checks: failures -----------------------------------------------------------------------

@check
def existing_out(env: Env, c: Check):
    """An existing --out is kept unless --force: exit 2 and the file unchanged; with --force
    it is replaced, atomically (no temporary file is left)."""
    out = env.tmp / "keep.svg"
    out.write_text("mine", encoding="utf-8")
    r = env.export("--format", "svg", "--out", out, env.lesson(LESSON_02))
    c.expect(r.rc == 2 and "exists" in r.err and "--force" in r.err, f"refused: {r.describe()}")
    c.expect(out.read_text(encoding="utf-8") == "mine", "the file is unchanged")
    c.ran(env.export("--format", "svg", "--force", "--out", out, env.lesson(LESSON_02)), "--force replaces it")
    c.expect(out.read_text(encoding="utf-8").startswith("<?xml"), "now the SVG")
    c.expect(not [p for p in env.tmp.iterdir() if p.name.startswith(".keep.svg.")], "no temporary file left")


@check
def unwritable_out(env: Env, c: Check):
    """A folder that does not exist, is a file, or cannot be written: exit 2 naming it."""
    lesson = env.lesson(LESSON_02)
    r = env.export("--format", "png", "--out", env.tmp / "no-such-folder" / "x.png", lesson)
    c.expect(r.rc == 2 and "no-such-folder" in r.err and "does not exist" in r.err, f"missing folder: {r.describe()}")
    afile = env.tmp / "a-file"
    afile.write_text("x")
    r = env.export("--format", "png", "--out", afile / "x.png", lesson)
    c.expect(r.rc == 2 and "not a folder" in r.err, f"a file as the folder: {r.describe()}")
    if os.geteuid() != 0:
        locked = env.tmp / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        target = locked / "x.png"
    else:
        target = pathlib.Path("/sys/trioscope-export-check.png")  # root may write anywhere but here
    for fmt in ("png", "deck"):
        r = env.export("--format", fmt, "--out", target, lesson)
        c.expect(r.rc == 2 and "cannot write" in r.err and str(target.parent) in r.err,
                 f"{fmt} into an unwritable folder: {r.describe()}")
        c.expect(not target.exists(), "nothing written")


@check
def bad_options(env: Env, c: Check):
    """Bad options and bad files: exit 2 with the reason."""
    lesson = env.lesson(LESSON_02)
    out = env.tmp / "never.png"
    broken = env.tmp / "broken.json"
    broken.write_text('{\n  "version": 1,\n  "functions": {,\n}\n')
    cases = {
        "no format": (["--out", out, lesson], "which format"),
        "unknown format": (["--format", "bmp", "--out", out, lesson], "--format is one of"),
        "no out": (["--format", "png", lesson], "--out"),
        "no file": (["--format", "png", "--out", out], "which scenario"),
        "bad size": (["--format", "png", "--size", "9000x100", "--out", out, lesson], "7680x4320"),
        "size syntax": (["--format", "png", "--size", "big", "--out", out, lesson], "WIDTHxHEIGHT"),
        "bad scale": (["--format", "png", "--scale", "9", "--out", out, lesson], "scale"),
        "bad theme": (["--format", "png", "--theme", "blue", "--out", out, lesson], "light or dark"),
        "bad view": (["--format", "png", "--view", "all", "--out", out, lesson], "tree, timeline, both or screen"),
        "no such step": (["--format", "png", "--step", "nursery_reraise:5", "--out", out, lesson], "no step"),
        "bad range": (["--format", "pdf", "--steps", "30..10", "--out", out, lesson], "before it begins"),
        "two step choices": (["--format", "pdf", "--steps", "1..3", "--key-steps", "--out", out, lesson], "one of them"),
        "png of several steps": (["--format", "png", "--steps", "1..3", "--out", out, lesson], "one step"),
        "gif of key steps": (["--format", "gif", "--key-steps", "--out", out, lesson], "range"),
        "unknown option": (["--format", "png", "--sise", "10x10", "--out", out, lesson], "unknown option"),
        "bad file": (["--format", "png", "--out", out, broken], "broken.json:3:"),
        "missing file": (["--format", "png", "--out", out, env.tmp / "nope.json"], "nope.json"),
    }
    for name, (args, says) in cases.items():
        r = env.export(*args)
        c.expect(r.rc == 2 and says in r.err, f"{name}: exit 2 saying {says!r}: {r.describe()}")
    c.expect(not out.exists(), "nothing written")


@check
def help(env: Env, c: Check):
    """--help explains every format and option."""
    r = env.export("--help")
    c.ran(r, "--help")
    for word in ("svg", "pdf", "png", "gif", "mp4", "webm", "deck", "trace", "python", "--step", "--steps",
                 "--key-steps", "--view", "--size", "--theme", "--scale", "--speed", "--fps", "--force", "--out",
                 "7680x4320", "Exit status"):
        c.expect(word in r.out, f"--help mentions {word}")
    top = run([env.trioscope, "--help"], env=env.env)
    c.expect("trioscope export" in top.out, "trioscope --help lists the export command")
    typo = run([env.trioscope, "exprot"], env=env.env)
    c.expect(typo.rc == 2 and "export" in typo.err, f"a mistyped command suggests export: {typo.describe()}")


# [SECTION] main -----------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--trioscope")
    ap.add_argument("--tools", type=pathlib.Path, help="the folder of png_probe, png_diff, gif_probe")
    ap.add_argument("--source-dir", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parents[2])
    ap.add_argument("checks", nargs="*")
    a = ap.parse_args()
    if a.list:
        print("\n".join(CHECKS))
        return 0
    if not a.trioscope or not a.tools:
        ap.error("--trioscope and --tools are required")
    status = 0
    with tempfile.TemporaryDirectory(prefix="trioscope-export-") as tmp:
        env = Env(a.trioscope, a.tools, a.source_dir.resolve(), pathlib.Path(tmp))
        for name in a.checks or list(CHECKS):
            c = Check(name)
            try:
                CHECKS[name](env, c)
            except Missing as m:
                if os.environ.get("CI"):
                    print(f"FAIL: {name}: needs {m}, which is missing (scripts/deps.sh installs it)")
                    status = 1
                else:
                    print(f"skipped: {name}: needs {m}")
                    status = status or SKIP
                continue
            for f in c.failures:
                print(f"FAIL: {name}: {f}")
            print(f"{'ok' if not c.failures else 'FAIL'}: {name}: {c.passed} expectation(s) met, "
                  f"{len(c.failures)} failed")
            if c.failures:
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
