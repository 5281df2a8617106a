"""The slides as a 16:9 PDF, ``<short-name>-slides.pdf``, and the A4 handout, ``<short-name>-handout.pdf``.

Both are rendered by WeasyPrint from the same slide markup and theme as the offline deck; each is
one render, and the two share one image cache so every picture is decoded once.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote

from builder.diagnostics import Report
from builder.model import ASSET_SCHEME, Course
from builder.pdf_render import RenderedPdf, render_pdf
from builder.writers.slides.deck import Deck
from builder.writers.slides.fit import Fit
from builder.writers.slides.markup import font_faces, font_paths, render, slide_views, theme_css

FONT_SCHEME = "theme-font:"

HANDOUT_LINES = 10  # ruled lines beside each slide


def slides_pdf_html(course: Course, deck: Deck, fits: tuple[Fit, ...]) -> str:
    views = slide_views(course, deck, fits, asset_url, lambda number: f"#slide-{number}")
    return render(course, deck, "print.html.j2", views,
                  fonts=font_faces(course, font_url), css=theme_css(course, "slide.css", "print.css"))


def handout_html(course: Course, deck: Deck, fits: tuple[Fit, ...]) -> str:
    views = slide_views(course, deck, fits, asset_url, lambda number: f"#slide-{number}")
    return render(course, deck, "handout.html.j2", views, lines=HANDOUT_LINES,
                  fonts=font_faces(course, font_url), css=theme_css(course, "slide.css", "handout.css"))


def asset_url(key: str) -> str:
    """An image's URL in the print HTML: the model's neutral ``asset:KEY`` (percent-encoded once).

    WeasyPrint names each image in the PDF after its URL: a file path would make the PDF's bytes
    depend on where the course folder happens to be.
    """
    return ASSET_SCHEME + quote(unquote(key))


def font_url(path: Path) -> str:
    return FONT_SCHEME + quote(path.name)


def write_pdf(course: Course, html: str, target: Path, report: Report, image_cache: dict) -> RenderedPdf:
    return render_pdf(
        html, target,
        base_url=course.root.as_uri() + "/",
        allowed_roots=[],
        named_files=_named_files(course),
        when=course.build_time,
        report=report,
        output=target.name,
        image_cache=image_cache,
    )


def _named_files(course: Course) -> dict[str, Path]:
    """The only files the PDFs may read: the course's images and the theme's font, by their neutral URLs."""
    named = {asset_url(key): asset.path for key, asset in course.assets.items()}
    named.update((font_url(path), path) for path in font_paths(course))
    return named
