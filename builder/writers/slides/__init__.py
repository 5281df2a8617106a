"""The training slide deck: offline HTML, 16:9 PDF, A4 handout and editable PowerPoint, from one deck.

``deck.py`` derives the slide sequence from the course model; ``fit.py`` decides each slide's text
size (and warns when text cannot fit); ``html.py``, ``pdf.py`` and ``pptx.py`` write the media,
and ``handout.py`` lays the slides PDF's pages out as the handout.
Each medium is its own entry in the writers table, so the build can run them side by side and
``--only`` can build one alone; ``write()`` makes all four at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from builder.diagnostics import Report
from builder.model import Course


# Imported once by the build before it forks the writers; only the PDF is rendered by WeasyPrint.
PRELOAD = {"write_slides_pdf": ("weasyprint",), "write": ("weasyprint",)}


def fitted_deck(course: Course, report: Report):
    """The deck and each slide's fit, with a warning for each slide whose text does not fit."""
    from builder.writers.slides.deck import build_deck
    from builder.writers.slides.fit import check_fit, measure

    deck = build_deck(course)
    fits = tuple(measure(slide) for slide in deck.slides)
    check_fit(deck.slides, fits, report)
    return deck, fits


def write_deck(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    from builder.writers.slides.html import write_html

    deck, fits = fitted_deck(course, report)
    return {"slides-html": write_html(course, deck, fits, staging / f"{course.meta.short_name}-slides.html")}


def write_pptx(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    from builder.writers.slides import pptx

    deck, fits = fitted_deck(course, report)
    return {"slides-pptx": pptx.write_pptx(course, deck, fits, staging / f"{course.meta.short_name}-slides.pptx", report)}


def write_slides_pdf(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    from builder.writers.slides.pdf import slides_pdf_html, write_pdf

    deck, fits = fitted_deck(course, report)
    target = staging / f"{course.meta.short_name}-slides.pdf"
    return {"slides-pdf": write_pdf(course, slides_pdf_html(course, deck, fits), target, report).path}


def write(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    from builder.writers.slides import handout

    made: dict[str, Path] = {}
    for one in (write_deck, write_pptx, write_slides_pdf, handout.write):
        made.update(one(course, staging, {**products, **made}, report))
    return made
