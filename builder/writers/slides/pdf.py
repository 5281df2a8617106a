"""WeasyPrint renders for the slides: the 16:9 slides PDF and the A4 handout's sheet.

The slides PDF, ``<short-name>-slides.pdf``, is rendered from the same slide markup and theme as
the offline deck. The handout (``handout.py``) is made from its pages; WeasyPrint renders only the
handout sheet, what the handout adds to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from builder.diagnostics import Report
from builder.model import Course
from builder.pdf.render import RenderedPdf, asset_url, course_file_fetcher, render_pdf, weasyprint_log_to
from builder.pdf.print_html import lists_numbered_as_written
from builder.writers.slides.deck import Deck
from builder.writers.slides.fit import Fit
from builder.writers.slides.markup import font_faces, font_paths, render, slide_views, theme_css

FONT_SCHEME = "theme-font:"
PT = 0.75  # PDF points per CSS px

HANDOUT_LINES = 10  # ruled lines beside each slide
HANDOUT_SLIDES_PER_PAGE = 3

Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF points


@dataclass(frozen=True)
class HandoutSheet:
    """The rendered handout sheet and, page by page, where its marked elements landed."""

    pdf: bytes
    anchors: tuple[dict[str, Box], ...]  # per page: element id -> its border box

    def page_of(self, name: str) -> int | None:
        return next((index for index, anchors in enumerate(self.anchors) if name in anchors), None)


def slides_pdf_html(course: Course, deck: Deck, fits: tuple[Fit, ...]) -> str:
    views = slide_views(course, deck, fits, asset_url, lambda number: f"#slide-{number}")
    return lists_numbered_as_written(render(course, deck, "print.html.j2", views,
                                            fonts=font_faces(course, font_url),
                                            css=theme_css(course, "slide.css", "print.css")))


def handout_html(course: Course, deck: Deck, fits: tuple[Fit, ...]) -> str:
    """The handout sheet (``handout.html.j2``): the page frame, each page's number and the dividers."""
    views = slide_views(course, deck, fits, asset_url, lambda number: f"#slide-{number}")
    per_page = HANDOUT_SLIDES_PER_PAGE
    on_pages = [min(per_page, len(views) - start) for start in range(0, len(views), per_page)]
    return render(course, deck, "handout.html.j2", views, lines=HANDOUT_LINES,
                  frames=list(dict.fromkeys(on_pages)), pages=len(on_pages),
                  dividers=[view for view in views if view.kind == "section"],
                  fonts=font_faces(course, font_url), css=theme_css(course, "slide.css", "handout.css"))


def render_handout_sheet(course: Course, deck: Deck, fits: tuple[Fit, ...], report: Report,
                         output: str) -> HandoutSheet:
    """The handout sheet as an untagged PDF in memory: only its pages' drawings are used, as forms."""
    import weasyprint

    fetcher = course_file_fetcher([], _named_files(course))
    with weasyprint_log_to(report, output):
        document = weasyprint.HTML(string=handout_html(course, deck, fits), base_url=course.root.as_uri() + "/",
                                   url_fetcher=fetcher).render()
        pdf = document.write_pdf()
    anchors = tuple({name: (left * PT, (page.height - bottom) * PT, right * PT, (page.height - top) * PT)
                     for name, (left, top, right, bottom) in page.anchors.items()}  # CSS px from the top left
                    for page in document.pages)
    return HandoutSheet(pdf, anchors)


def font_url(path: Path) -> str:
    return FONT_SCHEME + quote(path.name)


def write_pdf(course: Course, html: str, target: Path, report: Report) -> RenderedPdf:
    return render_pdf(
        html, target,
        base_url=course.root.as_uri() + "/",
        allowed_roots=[],
        named_files=_named_files(course),
        when=course.build_time,
        report=report,
        output=target.name,
    )


def _named_files(course: Course) -> dict[str, Path]:
    """The only files the PDFs may read: the course's images and the theme's font, by their neutral URLs."""
    named = {asset_url(key): asset.path for key, asset in course.assets.items()}
    named.update((font_url(path), path) for path in font_paths(course))
    return named
