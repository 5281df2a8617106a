"""What ``make bench`` measures: one ``Row`` per line of the table, built from what is installed.

Each row's command gets a fresh scratch folder per run (its output folder and its cache live
there), so every run starts cold unless the row is about a warm start (the no-change rebuild).
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LARGE_PRINT = re.compile(r"^(\s*large_print:\s*)(true|yes|on)\s*$", re.M | re.I)
PRINT_SHOP = re.compile(r"^\s*print_shop:\s*(true|yes|on)\s*$", re.M | re.I)


@dataclass
class Row:
    group: str  # 'floor', 'ours', 'peers' or 'scale'
    key: str  # stable name the budgets and ratios refer to
    label: str  # what the table shows
    command: Callable[[Path], list[str]] | None = None  # scratch folder -> argv
    env: dict[str, str] = field(default_factory=dict)
    skip: str = ""  # why the row is not measured
    preview: bool = False  # measured by preview.py instead of as a command
    min_warmup: int = 0  # a warm start needs one run before the measured ones, even in quick mode
    prepare: Callable[[], str] | None = None  # untimed set-up before the first run; returns a skip reason or ''


def project_python() -> Path:
    """The project's Python: this one when it has ``coursebuild`` beside it, else .venv's."""
    current = Path(sys.executable)
    venv = REPO / ".venv" / "bin" / "python"
    return current if (current.parent / "coursebuild").exists() or not venv.exists() else venv


@dataclass
class Setup:
    """Where things are: the course, our command, the peers and a scratch folder for this run."""

    course: Path
    scratch: Path
    python: Path = field(default_factory=project_python)
    tools: Path = Path("/nonexistent")  # where npm installed the Marp CLI
    peers: dict[str, str] = field(default_factory=dict)  # name -> 'ok ...' or 'missing: why'
    scales: tuple[int, ...] = (1, 2, 4, 8)

    @property
    def coursebuild(self) -> Path:
        return self.python.parent / "coursebuild"

    def peer(self, name: str) -> str | None:
        """The peer's executable when it is installed, else None."""
        path = str(self.tools / "node_modules" / ".bin" / "marp") if name == "marp" else shutil.which(name)
        return path if path and os.access(path, os.X_OK) else None

    def peer_missing(self, name: str) -> str:
        """Why a peer is missing, as bench/install_peers.sh said it."""
        said = self.peers.get(name, "").partition("missing:")[2].strip()
        return said or "not installed (bench/install_peers.sh installs it unless BENCH_NO_INSTALL is set)"


@functools.cache
def writer_names(python: Path) -> tuple[str, ...]:
    """The outputs ``coursebuild build --only`` accepts, read from the code as it is now."""
    code = "import json; from builder.writers import WRITERS; print(json.dumps(list(WRITERS)))"
    return tuple(json.loads(subprocess.run([str(python), "-c", code], check=True, capture_output=True,
                                           text=True).stdout))


def all_rows(setup: Setup, wanted: Callable[[str], bool] = lambda key: True) -> list[Row]:
    rows = floor_rows(setup) + our_rows(setup) + peer_rows(setup) + scale_rows(setup)
    return [row for row in rows if wanted(row.key)]


def floor_rows(setup: Setup) -> list[Row]:
    floor = [str(setup.python), str(HERE / "floor.py"), str(setup.course)]
    return [Row("floor", "floor", "floor: Markdown + Jinja2 + WeasyPrint, the same A5 booklet",
                lambda s: floor + ["-o", str(s / "floor.pdf")]),
            Row("floor", "floor-plain", "floor, chapters only (no cover, contents, answer key)",
                lambda s: floor + ["--plain", "-o", str(s / "floor-plain.pdf")])]


# The rows of one output measure the source language alone: with editions, --only booklet makes each
# edition's booklet too (side by side on both cores), which is not "the A5 booklet alone".
ONE_EDITION = ["--translations", "none"]


def our_rows(setup: Setup) -> list[Row]:
    cb, course = str(setup.coursebuild), str(setup.course)
    build = [cb, "build", course, "-o"]
    rows = [
        Row("ours", "help", "coursebuild --help", lambda s: [cb, "--help"]),
        Row("ours", "check", "coursebuild check", lambda s: [cb, "check", course]),
        Row("ours", "build", "build, all outputs (every language edition)", lambda s: build + [str(s / "out")]),
        Row("ours", "build-source", "build, all outputs of the source language alone (--translations none)",
            lambda s: build + [str(s / "out"), "--translations", "none"]),
    ]
    for name in writer_names(setup.python):
        if name == "booklet-print" and not PRINT_SHOP.search(_config(setup.course)):
            rows.append(print_shop_row(setup))  # the course does not ask for it: measure a copy that does
            continue
        rows.append(Row("ours", f"only:{name}", f"build --only {name} --translations none",
                        lambda s, name=name: build + [str(s / "out"), "--only", name, *ONE_EDITION]))
    names = writer_names(setup.python)
    if "booklet" in names and not any("large" in n for n in names) and LARGE_PRINT.search(_config(setup.course)):
        a5 = setup.scratch / "a5-course"
        rows.append(Row("ours", "a5", "build --only booklet, large_print off (A5 alone)",
                        lambda s: [cb, "build", str(a5 / "course"), "-o", str(s / "out"), "--only", "booklet",
                                   *ONE_EDITION],
                        prepare=lambda: _a5_only_course(setup.course, a5)))
    warm = setup.scratch / "rebuild"
    warm_env = {"XDG_CACHE_HOME": str(warm / "cache")}
    rows.append(Row("ours", "rebuild", "rebuild, nothing changed", lambda s: build + [str(warm / "out")],
                    env=warm_env, min_warmup=1))
    rows.append(edition_edit_row(setup))
    rows.append(check_edit_row(setup))
    rows.append(Row("ours", "preview", "preview refresh after a one-chapter edit", preview=True))
    return rows


def edition_edit_row(setup: Setup) -> Row:
    """The full build again into a warm output folder and cache (like ``rebuild``) after a sentence is
    appended to one chapter of one language edition (sv when there is one) in a copy of the course.

    The edit is made when the run's command is asked for, just before the timed run starts (run.py
    asks for each run's command right before measuring it), so it is not timed. Each run, the warm-up
    too, appends one more sentence: every measured run has an edited edition to make again.
    """
    root = setup.scratch / "edition-edit"
    warm = root / "warm"
    edited: list[Path] = []

    def prepare() -> str:
        copy_course(setup.course, root)
        editions = [tag for tag in _edition_tags(_config(setup.course))
                    if (root / "course" / tag / "course.yml").is_file()]
        tag = "sv" if "sv" in editions else (editions or [""])[0]
        chapters = sorted((root / "course" / tag).glob("[0-9]*.md")) if tag else []
        if not chapters:
            return "the course has no language edition with chapters"
        edited[:] = [chapters[0]]
        return ""

    def command(s: Path) -> list[str]:
        edited.append(s)  # one more each run: the sentence's number
        with edited[0].open("a", encoding="utf-8") as chapter:
            chapter.write(f"\nMeningen {len(edited) - 1} lades till för mätningen.\n")
        return [str(setup.coursebuild), "build", str(root / "course"), "-o", str(warm / "out")]

    return Row("ours", "rebuild-edition", "rebuild after a one-chapter edit of one edition (sv)", command,
               env={"XDG_CACHE_HOME": str(warm / "cache")}, min_warmup=1, prepare=prepare)


def check_edit_row(setup: Setup) -> Row:
    """``coursebuild check`` again with a warm cache (the chapters the last check read are kept there,
    builder.readers.chapter_memo) after a sentence is appended to the first chapter of a copy of the
    course: what a trainer pays for checking after an edit. The edit is made before the timed run, as in
    ``edition_edit_row``; the ``check`` row stays cold (an empty cache each run)."""
    root = setup.scratch / "check-edit"
    edited: list[Path] = []

    def prepare() -> str:
        copy_course(setup.course, root)
        chapters = sorted(p for p in (root / "course").glob("*.md") if not p.name.startswith(("_", ".")))
        if not chapters:
            return "the course has no chapters"
        edited[:] = [chapters[0]]
        return ""

    def command(s: Path) -> list[str]:
        edited.append(s)
        with edited[0].open("a", encoding="utf-8") as chapter:
            chapter.write(f"\nLause {len(edited) - 1} lisättiin mittausta varten.\n")
        return [str(setup.coursebuild), "check", str(root / "course")]

    return Row("ours", "check-edit", "coursebuild check after a one-chapter edit (warm cache)", command,
               env={"XDG_CACHE_HOME": str(root / "cache")}, min_warmup=1, prepare=prepare)


def _edition_tags(config: str) -> list[str]:
    """The tags of ``translations: [sv, fi-selko]`` (or its block list) in course.yml's text."""
    found = re.search(r"^translations:[ \t]*\[([^\]]*)\]", config, re.M)
    if found:
        return [tag.strip().strip("'\"") for tag in found.group(1).split(",") if tag.strip()]
    block = re.search(r"^translations:[ \t]*\n((?:[ \t]+-[^\n]*\n?)+)", config, re.M)
    return [line.strip()[1:].strip().strip("'\"") for line in block.group(1).splitlines()] if block else []


def print_shop_row(setup: Setup) -> Row:
    """The print-shop PDF alone, from a copy of the course whose course.yml asks for it."""
    shop = setup.scratch / "print-shop-course"
    return Row("ours", "only:booklet-print", "build --only booklet-print --translations none (print_shop: true)",
               lambda s: [str(setup.coursebuild), "build", str(shop / "course"), "-o", str(s / "out"),
                          "--only", "booklet-print", *ONE_EDITION],
               prepare=lambda: _print_shop_course(setup.course, shop))


def _print_shop_course(course: Path, root: Path) -> str:
    copy_course(course, root)
    config = _config(course)
    if re.search(r"^booklet:\s*$", config, re.M):
        config = re.sub(r"^booklet:\s*$", "booklet:\n  print_shop: true", config, count=1, flags=re.M)
    else:
        config += "\nbooklet:\n  print_shop: true\n"
    (root / "course" / "course.yml").write_text(config, encoding="utf-8")
    return ""


def _config(course: Path) -> str:
    return (course / "course.yml").read_text(encoding="utf-8")


def _a5_only_course(course: Path, root: Path) -> str:
    """While one booklet writer renders the A5 and the large-print PDFs together, this copy has only A5."""
    copy_course(course, root)
    (root / "course" / "course.yml").write_text(LARGE_PRINT.sub(r"\1false", _config(course)), encoding="utf-8")
    return ""


def copy_course(course: Path, root: Path) -> None:
    """Copy ``course`` to ``root/course`` with its ``assets/`` sibling, as the reader expects."""
    shutil.copytree(course, root / "course")
    assets = course.resolve().parent / "assets"
    if assets.is_dir():
        shutil.copytree(assets, root / "assets")


def peer_rows(setup: Setup) -> list[Row]:
    return [pandoc_row(setup), pandoc_booklet_row(setup)] + marp_rows(setup)


def pandoc_row(setup: Setup) -> Row:
    label = "pandoc → WeasyPrint, A5 booklet"
    pandoc = setup.peer("pandoc")
    if pandoc is None:
        return Row("peers", "pandoc", label, skip=f"pandoc: {setup.peer_missing('pandoc')}")
    source = setup.scratch / "pandoc" / "booklet.md"

    def prepare() -> str:
        source.parent.mkdir(parents=True, exist_ok=True)
        return _run_script("floor.py", str(setup.course), "--markdown", str(source), python=setup.python)

    css = str(HERE / "floor.css")
    return Row("peers", "pandoc", label, lambda s: [
        pandoc, str(source), "--standalone", "--metadata", "pagetitle=booklet", "--css", css,
        "--pdf-engine=weasyprint", "-o", str(s / "booklet.pdf")], prepare=prepare)


def pandoc_booklet_row(setup: Setup) -> Row:
    """pandoc reading the whole booklet (chapters, self-checks, answer key) into the package's
    template and style sheets, WeasyPrint writing PDF/UA-1 as ours does: the same work as our A5."""
    label = "pandoc → WeasyPrint, the same booklet (template, CSS, PDF/UA)"
    pandoc = setup.peer("pandoc")
    if pandoc is None:
        return Row("peers", "pandoc-booklet", label, skip=f"pandoc: {setup.peer_missing('pandoc')}")
    folder = setup.scratch / "pandoc-booklet"

    def prepare() -> str:
        return _run_script("floor.py", str(setup.course), "--pandoc-booklet", str(folder), python=setup.python)

    return Row("peers", "pandoc-booklet", label, lambda s: [
        pandoc, str(folder / "booklet.md"), "--from", "markdown", "--standalone", "--template",
        str(folder / "template.html"), "--metadata", "title=booklet", "--pdf-engine=weasyprint",
        "--pdf-engine-opt=--pdf-variant=pdf/ua-1", "-o", str(s / "booklet.pdf")], prepare=prepare)


def marp_rows(setup: Setup) -> list[Row]:
    formats = ("html", "pdf", "pptx")
    labels = {fmt: f"Marp CLI + Chromium, slides {fmt.upper()}" for fmt in formats}
    marp, chromium = setup.peer("marp"), setup.peer("chromium")
    if marp is None or chromium is None:
        missing = f"marp: {setup.peer_missing('marp')}" if marp is None else f"chromium: {setup.peer_missing('chromium')}"
        return [Row("peers", f"marp-{fmt}", labels[fmt], skip=missing) for fmt in formats]
    deck = setup.scratch / "marp" / "deck.md"
    made: list[str] = []

    def prepare() -> str:  # one deck for the three rows
        if not made:
            made.append(_run_script("marp_deck.py", str(setup.course), str(deck), python=setup.python))
        return made[0] and f"could not write the Marp deck: {made[0]}"

    env = {"CHROME_PATH": os.environ.get("CHROME_PATH", chromium)}
    return [Row("peers", f"marp-{fmt}", labels[fmt],
                lambda s, fmt=fmt: [marp, "--html", "--allow-local-files", f"--{fmt}", str(deck),
                                    "-o", str(s / f"deck.{fmt}")], env=env, prepare=prepare)
            for fmt in formats]


def scale_rows(setup: Setup) -> list[Row]:
    from make_scaled_course import chapter_files, scale_course

    rows = []
    chapters = len(chapter_files(setup.course))
    for times in setup.scales:
        root = setup.scratch / f"scale-{times}"
        rows.append(Row(
            "scale", f"scale-{times}", f"build, all outputs, {times}× course ({times * chapters} chapters, source language)",
            lambda s, root=root: [str(setup.coursebuild), "build", str(root / "course"), "-o", str(s / "out")],
            prepare=lambda times=times, root=root: scale_course(setup.course, times, root) and ""))
    return rows


def _run_script(script: str, *args: str, python: Path) -> str:
    """Run a helper script of this folder; '' when it worked, else its last error line."""
    return _run([str(python), str(HERE / script), *args])


def _run(command: list[str], env: dict[str, str] | None = None) -> str:
    done = subprocess.run(command, capture_output=True, text=True, env=os.environ | (env or {}))
    if done.returncode == 0:
        return ""
    return (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
