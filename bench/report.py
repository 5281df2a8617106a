"""The benchmark's answer: one table, the budgets it checks, then the ratios as ``name: value`` lines."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import re
import shutil
import statistics
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from rows import REPO, Row

GB = 1_000_000_000
MB = 1_000_000


@dataclass
class Result:
    row: Row
    seconds: list[float] = field(default_factory=list)
    peak_bytes: int = 0
    skip: str = ""
    failure: str = ""
    note: str = ""
    products: list[str] = field(default_factory=list)  # file names the last run wrote

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds and not self.failure else None


# (what the budget says, our row, the row it is compared with or None for seconds, the limit): issue 21's
TIME_BUDGETS = (
    ("A5 booklet alone ≤ 0.8× floor", "booklet", "floor", 0.8),
    ("A5 booklet alone ≤ 1.0× pandoc → WeasyPrint on the same booklet", "booklet", "pandoc-booklet", 1.0),
    ("full build of one edition ≤ 1.0× floor", "build-source", "floor", 1.0),
    ("full build with its language editions ≤ 2.2× one edition", "build", "build-source", 2.2),
    ("print-shop PDF alone ≤ 1.1× A5 booklet alone", "only:booklet-print", "booklet", 1.1),
    ("slides PDF ≤ 0.85× Marp PDF", "slides-pdf", "marp-pdf", 0.85),
    ("slides PPTX ≤ 0.1× Marp PPTX", "slides-pptx", "marp-pptx", 0.1),
    ("slides HTML ≤ 0.25× Marp HTML", "slides-html", "marp-html", 0.25),
    ("coursebuild --help ≤ 0.15 s", "help", None, 0.15),
    ("coursebuild check ≤ 0.2 s", "check", None, 0.2),
    ("coursebuild check after a one-chapter edit ≤ 0.2 s (warm cache)", "check-edit", None, 0.2),
    ("preview refresh ≤ 0.2 s", "preview", None, 0.2),
    ("8× course ≤ 8× the 1× build time", "scale-8", "scale-1", 8.0),
)
# (what the budget says, the row with the output, the row without it, the row it is a share of, the limit):
# what one output adds to the build, as a share of another row's time.
ADDED_BUDGETS = (
    ("the EPUB adds ≤ 0.2× floor to the A5 booklet it is made from", "only:epub", "booklet", "floor", 0.2),
)
RATIOS = (
    ("booklet/floor", "booklet", "floor"),
    ("build/floor", "build", "floor"),
    ("build-source/floor", "build-source", "floor"),
    ("build/build-source", "build", "build-source"),
    ("rebuild-edition/build", "rebuild-edition", "build"),
    ("booklet/floor-plain", "booklet", "floor-plain"),
    ("booklet/pandoc", "booklet", "pandoc"),
    ("booklet/pandoc-booklet", "booklet", "pandoc-booklet"),
    ("slides-html/marp-html", "slides-html", "marp-html"),
    ("slides-pdf/marp-pdf", "slides-pdf", "marp-pdf"),
    ("slides-pptx/marp-pptx", "slides-pptx", "marp-pptx"),
)


def aliases(results: list[Result]) -> dict[str, str]:
    """Which measured row stands for 'booklet' and for each slide format ('slides-pdf' -> 'only:...').

    Writers are picked up from ``builder.writers.WRITERS`` at run time, so their roles are found
    by name and by the files each ``--only`` run wrote; BENCH_SLIDES_HTML, BENCH_SLIDES_PDF and
    BENCH_SLIDES_PPTX (writer names) override the guess.
    """
    found = {r.row.key: r for r in results}
    alias = {"booklet": "a5" if "a5" in found else "only:booklet"}
    only = [r for r in results if r.row.key.startswith("only:")]
    for fmt in ("html", "pdf", "pptx"):
        chosen = os.environ.get(f"BENCH_SLIDES_{fmt.upper()}")
        if chosen:
            alias[f"slides-{fmt}"] = f"only:{chosen}"
            continue
        candidates = [r for r in only if _is_slides(r) and _makes(r, fmt)]
        candidates.sort(key=lambda r: (fmt not in r.row.key, len({Path(p).suffix for p in r.products})))
        if candidates:
            alias[f"slides-{fmt}"] = candidates[0].row.key
    return alias


def _is_slides(result: Result) -> bool:
    words = result.row.key + " " + " ".join(result.products)
    return bool(re.search(r"slide|deck|dia|pptx", words, re.I)) and "booklet" not in result.row.key


def _makes(result: Result, fmt: str) -> bool:
    if not result.products:
        return fmt in result.row.key.split(":", 1)[1]
    return any(p.endswith("." + fmt) and not re.search(r"handout|moniste|notes", p, re.I)
               for p in result.products)


def table(results: list[Result]) -> str:
    header = ("group", "row", "median s", "min–max s", "peak MB", "runs", "output / note")
    lines = [header]
    for r in results:
        if r.skip or r.failure:
            lines.append((r.row.group, r.row.label, "–", "–", "–", "–",
                          _shorten(f"skipped: {r.skip}" if r.skip else f"FAILED: {r.failure}")))
            continue
        lines.append((r.row.group, r.row.label, f"{r.median:.3f}",
                      f"{min(r.seconds):.3f}–{max(r.seconds):.3f}", f"{r.peak_bytes / MB:.0f}",
                      str(len(r.seconds)), r.note))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    numeric = {2, 3, 4, 5}

    def format_line(line) -> str:
        cells = [cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i]) for i, cell in enumerate(line)]
        return "| " + " | ".join(cells) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if i in numeric else "-" * (w + 2)
                          for i, w in enumerate(widths)) + "|"
    return "\n".join([format_line(lines[0]), rule] + [format_line(line) for line in lines[1:]])


def _shorten(text: str, width: int = 160) -> str:
    text = re.sub(r"/tmp/coursebuild-bench-\w+/", "…/", text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _lookup(results: list[Result], alias: dict[str, str], key: str) -> Result | None:
    key = alias.get(key, key)
    return next((r for r in results if r.row.key == key), None)


def _why_missing(result: Result | None, key: str) -> str:
    if result is None:
        return f"n/a ({key}: not measured)"
    return f"n/a ({result.row.key}: {'skipped: ' + result.skip if result.skip else 'failed'})"


def added(results: list[Result], alias: dict[str, str], with_it: str, without: str,
          share_of: str) -> tuple[float | None, str]:
    """(with_it − without) / share_of: what one output adds, as a share of another row's time."""
    found = [(_lookup(results, alias, key), key) for key in (with_it, without, share_of)]
    for result, key in found:
        if result is None or result.median is None:
            return None, _why_missing(result, key)
    (a, _), (b, _), (c, _) = found
    value = (a.median - b.median) / c.median
    return value, _number(value)


def ratio(results: list[Result], alias: dict[str, str], ours: str, other: str) -> tuple[float | None, str]:
    a, b = _lookup(results, alias, ours), _lookup(results, alias, other)
    for result, key in ((a, ours), (b, other)):
        if result is None or result.median is None:
            return None, _why_missing(result, key)
    value = a.median / b.median
    return value, _number(value)


def _number(value: float) -> str:
    return f"{value:.3f}" if value < 0.1 else f"{value:.2f}"


def budgets(results: list[Result], alias: dict[str, str]) -> list[str]:
    lines = []
    for text, ours, other, limit in TIME_BUDGETS:
        if other is None:
            result = _lookup(results, alias, ours)
            value = result.median if result else None
            shown = f"{value:.3f} s" if value is not None else _why_missing(result, ours)
        else:
            value, shown = ratio(results, alias, ours, other)
            shown = shown + "×" if value is not None else shown
        lines.append(f"- {text}: {shown} {_verdict(value, limit)}{_caveat(results, alias, ours)}".rstrip())
    for text, with_it, without, share_of, limit in ADDED_BUDGETS:
        value, shown = added(results, alias, with_it, without, share_of)
        lines.append(f"- {text}: {shown + '×' if value is not None else shown} {_verdict(value, limit)}".rstrip())
    biggest = _lookup(results, alias, f"scale-{max(_scales(results), default=8)}")
    peak = biggest.peak_bytes if biggest and biggest.median is not None else None
    shown = f"{peak / MB:.0f} MB" if peak is not None else _why_missing(biggest, "scale-8")
    lines.append(f"- {biggest.row.key if biggest else 'scale-8'} peak memory < 1 GB: {shown} "
                 f"{_verdict(peak, GB, strict=True)}".rstrip())
    return lines


def _caveat(results: list[Result], alias: dict[str, str], key: str) -> str:
    """A warning when the row standing for one slide format writes other files as well."""
    result = _lookup(results, alias, key)
    if not key.startswith("slides-") or result is None or len(result.products) <= 1:
        return ""
    return f"  # {result.row.key} writes {len(result.products)} files in one go: not this format alone"


def _verdict(value: float | None, limit: float, strict: bool = False) -> str:
    if value is None:
        return ""
    return "— ok" if (value < limit if strict else value <= limit) else "— OVER BUDGET"


def _scales(results: list[Result]) -> list[int]:
    return [int(r.row.key.split("-")[1]) for r in results if r.row.key.startswith("scale-")]


def ratio_lines(results: list[Result], alias: dict[str, str]) -> list[str]:
    lines = [f"{name}: {ratio(results, alias, ours, other)[1]}{_caveat(results, alias, ours)}"
             for name, ours, other in RATIOS]
    for times in sorted(_scales(results)):
        if times != 1:
            lines.append(f"scale-{times}x/1x: {ratio(results, alias, f'scale-{times}', 'scale-1')[1]}")
    return lines


def describe_outputs(folder: Path, stdout: str) -> tuple[list[str], str]:
    """(file names, a short note) for what one run wrote into its scratch folder."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "cache" not in p.relative_to(folder).parts
                   and p.suffix in (".pdf", ".pptx", ".html", ".mbz", ".xml", ".zip"))
    names = [p.name for p in files]
    pages = re.search(r"^(\d+) pages$", stdout, re.M)
    if len(files) > 3:
        return names, f"{len(files)} files, {sum(p.stat().st_size for p in files) / MB:.1f} MB"
    parts = [f"{p.name} ({_count(p)})" if _count(p) else p.name for p in files]
    if pages and not parts:
        parts.append(f"{pages.group(1)} pages")
    return names, ", ".join(parts)


def _count(path: Path) -> str:
    try:
        if path.suffix == ".pdf":
            from pypdf import PdfReader

            return f"{len(PdfReader(path).pages)} p"
        if path.suffix == ".pptx":
            with zipfile.ZipFile(path) as archive:
                slides = [n for n in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
            return f"{len(slides)} slides"
    except Exception:  # a broken output is the writer's problem; the table still prints
        return ""
    return ""


def machine(peers: dict[str, str], tools: Path) -> str:
    cpu = _first_match(Path("/proc/cpuinfo"), r"model name\s*:\s*(.+)") or platform.processor() or "?"
    memory = _first_match(Path("/proc/meminfo"), r"MemTotal:\s*(\d+)")
    system = _first_match(Path("/etc/os-release"), r'PRETTY_NAME="?([^"\n]+)') or platform.platform()
    parts = [f"{cpu}, {os.cpu_count()} cores",
             f"{int(memory) / 1024 / 1024:.0f} GiB RAM" if memory else "? RAM",
             system, f"Python {platform.python_version()}", f"WeasyPrint {_version('weasyprint')}"]
    for name, command in (("pandoc", ["pandoc", "--version"]),
                          ("marp", [str(tools / "node_modules/.bin/marp"), "--version"]),
                          ("chromium", ["chromium", "--version"])):
        if peers.get(name, "").startswith("ok") or shutil.which(command[0]):
            first = _output(command).splitlines()[:1]
            if first:
                parts.append(first[0].strip())
    return "; ".join(parts)


def commit() -> str:
    head = _output(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]).strip() or "?"
    dirty = _output(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"]).strip()
    return head + (" with uncommitted changes" if dirty else "")


def _first_match(path: Path, pattern: str) -> str | None:
    try:
        match = re.search(pattern, path.read_text(), re.M)
    except OSError:
        return None
    return match.group(1).strip() if match else None


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def _output(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ""


def document(results: list[Result], settings: str, peers: dict[str, str], tools: Path) -> str:
    alias = aliases(results)
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    stands = ", ".join(f"{k} = {v}" for k, v in sorted(alias.items()) if v != k)
    return "\n".join([
        f"coursebuild benchmark, {now}, commit {commit()}",
        f"machine: {machine(peers, tools)}",
        f"settings: {settings}",
        "",
        table(results),
        "",
        f"rows standing for the budgets: {stands or 'none found'}",
        "budgets:",
        *budgets(results, alias),
        "",
        *ratio_lines(results, alias),
        "",
    ])
