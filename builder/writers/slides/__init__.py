"""The training slide deck: offline HTML, 16:9 PDF, A4 handout and editable PowerPoint, from one deck.

``deck.py`` derives the slide sequence from the course model; ``fit.py`` decides each slide's text
size and ``continued.py`` continues a slide too full for one; ``html.py``, ``pdf.py`` and ``pptx.py`` write the media,
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
# Without a PDF to render, the PowerPoint writer with python-pptx (0.05-0.1 s) and the HTML deck's writer
# (0.04 s) are imported while the language editions are read in a second process (builder.build._check_for).
BESIDE_READING = {"write_pptx": ("builder.writers.slides.pptx",), "write_deck": ("builder.writers.slides.html",)}


def fitted_deck(course: Course):
    """The deck, each slide too full for one continued on the next, and each slide's fit.

    What the fitting finds wrong (a slide continued, text cut) is reported by the checks that
    ``check`` and ``build`` run before any writer (builder.checks), not here.
    """
    from builder.writers.slides.continued import fit_deck
    from builder.writers.slides.deck import build_deck

    fitted = fit_deck(build_deck(course))
    return fitted.deck, fitted.fits


def write_deck(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    from builder.writers.slides.html import write_html

    deck, fits = fitted_deck(course)
    return {"slides-html": write_html(course, deck, fits, staging / f"{course.meta.short_name}-slides.html")}


def write_pptx(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    from builder.writers.slides import pptx

    deck, fits = fitted_deck(course)
    return {"slides-pptx": pptx.write_pptx(course, deck, fits, staging / f"{course.meta.short_name}-slides.pptx", report)}


def write_slides_pdf(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    from builder.writers.slides.pdf import slides_pdf_html, write_pdf

    deck, fits = fitted_deck(course)
    target = staging / f"{course.meta.short_name}-slides.pdf"
    return {"slides-pdf": write_pdf(course, slides_pdf_html(course, deck, fits), target, report).path}


def write(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    from builder.writers.slides import handout

    made: dict[str, Path] = {}
    for one in (write_deck, write_pptx, write_slides_pdf, handout.write):
        made.update(one(course, staging, {**products, **made}, report))
    return made
