"""builder.pdf.page_styles: the margin boxes of each page styled from an index, not a walk over every page's entries."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from builder.diagnostics import Report
from builder.pdf.render import render_pdf

STYLE = """
@page { size: A6; margin: 15mm 10mm; @bottom-center { content: counter(page) " / " counter(pages) } }
@page :left { @top-left { content: string(chapter) } }
@page :right { @top-right { content: string(chapter); color: #333 } }
@page :first { @top-right { content: none } @bottom-center { content: none } }
@page wide { size: A6 landscape; @bottom-left { content: "wide " counter(page) } }
h2 { string-set: chapter content(); break-before: page }
table { page: wide }
"""


def document(chapters: int = 8) -> str:
    body = "".join(
        f"<h2>Chapter {i}</h2>" + "<p>Some text of the chapter, long enough to fill lines.</p>" * (4 + i % 3 * 9)
        + ("<table><tr><td>A wide table</td></tr></table>" if i % 4 == 1 else "")
        for i in range(chapters))
    return (f'<!DOCTYPE html><html lang="en"><head><title>T</title><style>{STYLE}</style></head>'
            f"<body>{body}</body></html>")


def render(path: Path) -> None:
    render_pdf(document(), path, base_url="file:///nonexistent/", allowed_roots=[],
               when=dt.datetime(2026, 5, 4, tzinfo=dt.timezone.utc), report=Report("en"), output=path.name)


def test_running_heads_and_page_numbers_on_every_page(tmp_path):
    render(tmp_path / "heads.pdf")
    pages = PdfReader(tmp_path / "heads.pdf").pages
    assert len(pages) > 10
    for number, page in enumerate(pages[1:], start=2):
        text = page.extract_text()
        assert f"{number} / {len(pages)}" in text or f"wide {number}" in text
        assert "Chapter" in text


SCRIPT = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import builder.pdf.page_styles as ps
if sys.argv[2] == "plain":
    ps.install = lambda: None
from test_page_styles import render
render(Path(sys.argv[1]))
"""


def test_the_same_bytes_as_weasyprint_alone(tmp_path):
    here = str(Path(__file__).parent)
    for variant in ("plain", "indexed"):
        subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / f"{variant}.pdf"), variant, here], check=True)
    assert (tmp_path / "plain.pdf").read_bytes() == (tmp_path / "indexed.pdf").read_bytes()


def test_the_index_is_made_again_when_the_table_changed_otherwise():
    from builder.pdf.page_styles import margin_box_index

    class StyleFor:
        pass

    style_for, table = StyleFor(), {("page 1", None): {}, ("page 1", "top-left"): {}}
    index = margin_box_index(style_for, table)
    assert index.keys == {"page 1": [("page 1", "top-left")]}
    assert margin_box_index(style_for, table) is index
    table[("page 2", "bottom-center")] = {}  # not through add_page_declarations
    again = margin_box_index(style_for, table)
    assert again.keys == {"page 1": [("page 1", "top-left")], "page 2": [("page 2", "bottom-center")]}
