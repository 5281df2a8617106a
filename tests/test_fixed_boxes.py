"""builder.pdf.fixed_boxes: fixed boxes still on every page, none searched for when there are none."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from builder.diagnostics import Report
from builder.pdf.render import render_pdf


def document(fixed: bool) -> str:
    box = '<div style="position: fixed; top: 0; left: 0">Draft copy</div>' if fixed else ""
    body = "".join(f"<h2 style='break-before: page'>Part {i}</h2>" + "<p>Text of the part.</p>" * 20 for i in range(6))
    return (f'<!DOCTYPE html><html lang="en"><head><title>T</title><style>@page {{ size: A6 }}</style></head>'
            f"<body>{box}{body}</body></html>")


def render(path: Path, fixed: bool) -> None:
    render_pdf(document(fixed), path, base_url="file:///nonexistent/", allowed_roots=[],
               when=dt.datetime(2026, 5, 4, tzinfo=dt.timezone.utc), report=Report("en"), output=path.name)


def test_a_fixed_box_is_on_every_page(tmp_path):
    render(tmp_path / "fixed.pdf", fixed=True)
    pages = PdfReader(tmp_path / "fixed.pdf").pages
    assert len(pages) > 6
    assert all("Draft copy" in page.extract_text() for page in pages)


def test_pages_without_fixed_boxes_give_none():
    from builder.pdf import fixed_boxes

    fixed_boxes.install()
    import weasyprint.layout

    class Page:
        fixed_boxes: list = []

    assert list(weasyprint.layout.layout_fixed_boxes(None, [Page(), Page()], Page())) == []


SCRIPT = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import builder.pdf.fixed_boxes as fb
if sys.argv[2] == "plain":
    fb.install = lambda: None
from test_fixed_boxes import render
render(Path(sys.argv[1]), sys.argv[4] == "fixed")
"""


@pytest.mark.parametrize("fixed", ["fixed", "none"])
def test_the_same_bytes_as_weasyprint_alone(tmp_path, fixed):
    here = str(Path(__file__).parent)
    for variant in ("plain", "skipping"):
        subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / f"{variant}.pdf"), variant, here, fixed],
                       check=True)
    assert (tmp_path / "plain.pdf").read_bytes() == (tmp_path / "skipping.pdf").read_bytes()
