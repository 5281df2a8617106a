"""Lines in the PDFs break as in a browser: no word left alone on a line before a link."""

from __future__ import annotations

import datetime as dt
import subprocess

from builder.diagnostics import Report
from builder.pdf.render import render_pdf

# DejaVu Sans Mono: every character 0.602 em wide, so a width is a number of characters whatever
# the machine's fonts; 14.5 characters hold 'aaaa bbbb cccc' but not its trailing space.
STYLE = "p { font: 10pt 'DejaVu Sans Mono'; width: 87.3pt; margin: 0 }"


def pdf_lines(tmp_path, body: str) -> list[str]:
    html = (f'<!DOCTYPE html><html lang="fi"><head><title>t</title><style>{STYLE}</style></head>'
            f"<body>{body}<p id='x'></p></body></html>")
    target = tmp_path / "out.pdf"
    report = Report(language="en")
    render_pdf(html, target, base_url=tmp_path.as_uri() + "/", allowed_roots=[tmp_path], when=dt.datetime(2026, 1, 1),
               report=report, output=target.name)
    assert list(report) == []
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_a_text_that_fits_but_for_its_trailing_space_stays_on_its_line(tmp_path):
    """The booklet printed 'samassa / paikassa / kuin pankkikorttia.' before a link to another chapter."""
    assert pdf_lines(tmp_path, '<p>aaaa bbbb cccc <a href="#x">dddd</a>.</p>') == ["aaaa bbbb cccc", "dddd."]
    assert pdf_lines(tmp_path, "<p>aaaa bbbb cccc <b>dddd</b> eeee</p>") == ["aaaa bbbb cccc", "dddd eeee"]


def test_a_line_too_long_without_its_trailing_space_still_breaks_at_its_last_space(tmp_path):
    assert pdf_lines(tmp_path, '<p>aaaa bbbb ccccc <a href="#x">dddd</a>.</p>') == ["aaaa bbbb", "ccccc dddd."]
