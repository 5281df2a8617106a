"""The training slide deck: offline HTML, 16:9 PDF, A4 handout and editable PowerPoint, from one deck.

``deck.py`` derives the slide sequence from the course model; ``fit.py`` decides each slide's text
size (and warns when text cannot fit); ``html.py``, ``pdf.py`` and ``pptx.py`` write the media.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from builder.diagnostics import Report
from builder.model import Course


def write(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    from builder.writers.slides.deck import build_deck
    from builder.writers.slides.fit import check_fit, measure
    from builder.writers.slides.html import write_html
    from builder.writers.slides.pdf import handout_html, slides_pdf_html, write_pdf
    from builder.writers.slides.pptx import write_pptx

    deck = build_deck(course)
    fits = tuple(measure(slide) for slide in deck.slides)
    check_fit(deck.slides, fits, report)
    name = course.meta.short_name
    made = {
        "slides-html": write_html(course, deck, fits, staging / f"{name}-slides.html"),
        "slides-pptx": write_pptx(course, deck, fits, staging / f"{name}-slides.pptx", report),
    }
    images: dict = {}
    made["slides-pdf"] = write_pdf(course, slides_pdf_html(course, deck, fits),
                                   staging / f"{name}-slides.pdf", report, images).path
    made["handout-pdf"] = write_pdf(course, handout_html(course, deck, fits),
                                    staging / f"{name}-handout.pdf", report, images).path
    return made
