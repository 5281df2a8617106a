"""builder.pdf.target_counters: page references get their numbers with at most one more layout of their
page, and with none when the number fits in place of the guess the page was laid out with."""

from __future__ import annotations

import datetime as dt
import logging
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

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


FONTS = Path(__file__).resolve().parent.parent / "builder" / "theme" / "fonts"


def booklet_font_document(sections: int, digits: str) -> str:
    """``document(sections)`` in the booklet's font, its page numbers with ``digits`` ('tabular-nums' or
    'proportional-nums': Atkinson Hyperlegible's own digits are of different widths)."""
    face = (f"@font-face {{ font-family: Booklet; src: url({(FONTS / 'AtkinsonHyperlegible-Regular.ttf').as_uri()}) }}"
            f" body {{ font-family: Booklet }} a::after {{ font-variant-numeric: {digits} }}")
    return document(sections).replace("</style>", face + "</style>")


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
        render_pdf(html, path, base_url="file:///nonexistent/", allowed_roots=[FONTS],
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
    made = Counter(render(tmp_path / "refs.pdf", booklet_font_document(6, "proportional-nums")))
    pages = len(PdfReader(tmp_path / "refs.pdf").pages)
    assert set(made) == set(range(1, pages + 1))
    assert max(made.values()) == 2  # WeasyPrint 70 alone lays each such page out three times
    assert sum(made.values()) < 2 * pages  # pages without references are not laid out again


def test_numbers_as_wide_as_the_guess_go_in_place_and_the_pages_are_laid_out_once(tmp_path):
    """Tabular digits: a forward reference shows a guess with as many digits as its page number, and the
    number is put in place of it; only the contents (page 1, guesses of one digit for pages 10 and
    more) is laid out again. A backward reference has its number before its page is laid out."""
    target = tmp_path / "refs.pdf"
    made = Counter(render(target, booklet_font_document(14, "tabular-nums")))
    starts = section_pages(target)
    assert max(starts.values()) >= 10 and min(starts.values()) < 10  # one and two digits
    # Laid out again: the contents and the pages whose forward target has more digits than their own number.
    digits = lambda n: len(str(n))  # noqa: E731
    again = {1} | {starts[f"Section {i}"] for i in range(14)
                   if digits(starts[f"Section {(i + 3) % 14}"]) > digits(starts[f"Section {i}"])}
    assert {page for page, times in made.items() if times > 1} == again
    assert all(times <= 2 for times in made.values()) and len(again) < 6
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    for i in range(14):
        j = (i + 3) % 14
        assert f"See section {j} (p. {starts[f'Section {j}']})" in text


def test_numbers_of_another_width_lay_their_page_out_again(tmp_path):
    """Proportional digits: '7' in place of the guess '1' would be wider, so the page is laid out again."""
    target = tmp_path / "refs.pdf"
    made = Counter(render(target, booklet_font_document(14, "proportional-nums")))
    starts = section_pages(target)
    assert sum(times > 1 for times in made.values()) > 1
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    for i in range(14):
        j = (i + 3) % 14
        assert f"See section {j} (p. {starts[f'Section {j}']})" in text


SCRIPT = """
import datetime as dt, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import builder.pdf.target_counters as tc
if sys.argv[2] == "plain":
    tc.install = lambda: None
from builder.diagnostics import Report
from builder.pdf.render import render_pdf
from test_target_counters import FONTS, booklet_font_document
render_pdf(booklet_font_document(14, sys.argv[4]), Path(sys.argv[1]), base_url="file:///nonexistent/",
           allowed_roots=[FONTS],
           when=dt.datetime(2026, 5, 4, tzinfo=dt.timezone.utc), report=Report("en"), output="x.pdf")
"""


def test_the_same_bytes_as_weasyprint_alone(tmp_path):
    """Numbers put in place, pages laid out again or not: the PDF WeasyPrint makes laying out three times."""
    here = str(Path(__file__).parent)
    for digits in ("tabular-nums", "proportional-nums"):
        for variant in ("plain", "fixed"):
            subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / f"{variant}.pdf"), variant, here, digits],
                           check=True)
        assert (tmp_path / "plain.pdf").read_bytes() == (tmp_path / "fixed.pdf").read_bytes(), digits
