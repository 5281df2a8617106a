"""builder.pdf.target_counters: page references get their numbers with one more layout of their page."""

from __future__ import annotations

import datetime as dt
import logging
import re
import subprocess
import sys
from collections import Counter

from pypdf import PdfReader

from builder.diagnostics import Report
from builder.pdf.render import render_pdf

STYLE = """
@page { size: A6; margin: 10mm }
nav a::after { content: leader('.') " " target-counter(attr(href), page) }
a.ref::after { content: " (p. " target-counter(attr(href), page) ")" }
section { break-before: page }
"""


def document(sections: int = 6) -> str:
    contents = "".join(f'<li><a href="#s{i}">Section {i}</a></li>' for i in range(sections))
    body = "".join(
        f'<section id="s{i}"><h2>Section {i}</h2><p>Text. <a class="ref" href="#s{(i + 3) % sections}">'
        f"See section {(i + 3) % sections}</a>.</p>" + "<p>More text.</p>" * (i % 3 * 12) + "</section>"
        for i in range(sections))
    return (f'<!DOCTYPE html><html lang="en"><head><title>T</title><style>{STYLE}</style></head>'
            f"<body><nav><ul>{contents}</ul></nav>{body}</body></html>")


def render(path, html: str) -> list[int]:
    """Render ``html`` into ``path``; the page numbers WeasyPrint laid out, one entry per layout."""
    made: list[int] = []

    class Pages(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            found = re.fullmatch(r"Step 5 - Creating layout - Page (\d+)", record.getMessage())
            if found:
                made.append(int(found.group(1)))

    progress = logging.getLogger("weasyprint.progress")
    handler, level = Pages(), progress.level
    progress.addHandler(handler)
    progress.setLevel(logging.INFO)
    try:
        render_pdf(html, path, base_url="file:///nonexistent/", allowed_roots=[],
                   when=dt.datetime(2026, 5, 4, tzinfo=dt.timezone.utc), report=Report("en"), output=path.name)
    finally:
        progress.removeHandler(handler)
        progress.setLevel(level)
    return made


def section_pages(path) -> dict[str, int]:
    """Section title -> the page it starts on, read from the PDF's text."""
    pages = {}
    for number, page in enumerate(PdfReader(path).pages, 1):
        for title in re.findall(r"^Section \d+$", page.extract_text(), re.M):
            pages.setdefault(title, number)
    return pages


def test_references_show_their_targets_pages(tmp_path):
    target = tmp_path / "refs.pdf"
    render(target, document())
    starts = section_pages(target)
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    for i in range(6):
        assert re.search(rf"Section {i}\W+{starts[f'Section {i}']}\b", text)  # the contents' line
        j = (i + 3) % 6
        assert f"See section {j} (p. {starts[f'Section {j}']})" in text  # forward and backward references


def test_a_page_with_references_is_laid_out_twice_and_the_others_once(tmp_path):
    made = Counter(render(tmp_path / "refs.pdf", document()))
    pages = len(PdfReader(tmp_path / "refs.pdf").pages)
    assert set(made) == set(range(1, pages + 1))
    assert max(made.values()) == 2  # WeasyPrint 70 alone lays each such page out three times
    assert sum(made.values()) < 2 * pages  # pages without references are not laid out again


SCRIPT = """
import datetime as dt, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import builder.pdf.target_counters as tc
if sys.argv[2] == "plain":
    tc.install = lambda: None
from builder.diagnostics import Report
from builder.pdf.render import render_pdf
from test_target_counters import document
render_pdf(document(), Path(sys.argv[1]), base_url="file:///nonexistent/", allowed_roots=[],
           when=dt.datetime(2026, 5, 4, tzinfo=dt.timezone.utc), report=Report("en"), output="x.pdf")
"""


def test_the_same_bytes_as_weasyprint_alone(tmp_path):
    here = str(__import__("pathlib").Path(__file__).parent)
    for variant in ("plain", "fixed"):
        subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / f"{variant}.pdf"), variant, here], check=True)
    assert (tmp_path / "plain.pdf").read_bytes() == (tmp_path / "fixed.pdf").read_bytes()
