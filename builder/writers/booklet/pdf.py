"""The printable booklet: the A5 PDF and the A4 large-print PDF.

Each PDF edition is rendered once from the same HTML as the HTML booklet (``booklet_html`` with
medium 'print') plus the theme's print style sheets; the A4 folding layout is imposed from the
finished A5 PDF without rendering again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from builder.diagnostics import Report
from builder.fonts import FONT_FILES
from builder.model import Course
from builder.pdf.render import asset_url, render_pdf
from builder.pdf.print_html import prepare_for_print
from builder.pdf.qr_codes import STYLE_SHEET as QR_STYLE_SHEET
from builder.pdf.qr_codes import add_qr_codes
from builder.theme import PACKAGE_THEME, theme_file, theme_text
from builder.writers.booklet.html import booklet_html

# Imported once by the build before it forks the writers. Not for the large print alone: most
# courses do not ask for it, and then that writer has nothing to render (it imports WeasyPrint
# itself when it does; in a full build the A5's preload is there already).
PRELOAD = {"write": ("weasyprint",)}
LATE_IMPORTS = {"write_large_print": ("weasyprint",)}


def writes_large_print(course: Course) -> bool:
    """Whether write_large_print() has anything to write: only a course that asks for large print."""
    return course.meta.booklet.large_print


WRITES = {"write_large_print": writes_large_print}  # the build announces that writer only when it writes

EDITIONS = {  # edition -> (file name suffix, style sheets after booklet.css, page count a multiple of)
    "a5": ("-booklet.pdf", ("print.css",), 4),  # a print shop folds it: whole sheets, blanks before the back cover
    "large": ("-booklet-large.pdf", ("print.css", "large-print.css"), 1),
}


def write(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    """The A5 booklet (its A4 folding layout is builder.writers.booklet.a4)."""
    return {"booklet-pdf": render_edition(course, "a5", staging, report)}


def write_large_print(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    """The large-print edition, when the course asks for it: its own writer, so it renders beside the A5."""
    if not writes_large_print(course):
        return {}
    return {"booklet-large-pdf": render_edition(course, "large", staging, report)}


# A language edition in plain language (builder.readers.editions) gets its layout in the A5 booklet
# (the large print is 17 pt already): 14 pt body, ragged right, no hyphenation.
PLAIN_LANGUAGE = {"fi-selko": "plain-language.css"}


def render_edition(course: Course, edition: str, staging: Path, report: Report) -> Path:
    suffix, sheets, page_multiple = EDITIONS[edition]
    if edition == "a5" and course.meta.translation in PLAIN_LANGUAGE:
        sheets = (*sheets, PLAIN_LANGUAGE[course.meta.translation])
    target = staging / f"{course.meta.short_name}{suffix}"
    css = font_face_css(course) + "".join(theme_text(course, "booklet", sheet) for sheet in sheets)
    render_print_html(course, booklet_html(course, "print", asset_url, css), target, report, page_multiple)
    return target


def render_print_html(course: Course, html: str, target: Path, report: Report, page_multiple: int = 1,
                      **pdf_options) -> None:
    """``html`` (the booklet template's print HTML) as the PDF ``target``, reading only the course's
    files and themes, stamped with the course's build time, with the QR codes the course asks for.
    ``pdf_options`` go to ``render_pdf`` (the print-shop edition's PDF/X)."""
    html = add_qr_codes(html, course, theme_text(course, "booklet", QR_STYLE_SHEET))
    render_pdf(
        prepare_for_print(html, course.meta.words),  # its labels: 'sivu', not 's.', in plain Finnish
        target,
        base_url=course.root.as_uri() + "/",
        allowed_roots=[course.root, *course.theme_dirs, PACKAGE_THEME],
        named_files={asset_url(key): asset.path for key, asset in course.assets.items()},
        when=course.build_time,
        report=report,
        output=target.name,
        page_multiple=page_multiple,
        **pdf_options,
    )


def font_face_css(course: Course) -> str:
    """@font-face rules for the booklet font; a course may put its own files in assets/theme/fonts/."""
    rules = []
    for name, weight, style in FONT_FILES:
        try:
            path = theme_file(course, "fonts", name)
        except FileNotFoundError:
            continue
        rules.append(f'@font-face {{ font-family: "Atkinson Hyperlegible"; src: url("{path.as_uri()}"); '
                     f"font-weight: {weight}; font-style: {style}; }}\n")
    return "".join(rules)
