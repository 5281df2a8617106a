"""Each guide (``kind: guide``) alone as a leaflet for the senior: ``<short-name>-opas-<id>.pdf``,
and its A4 folding layout ``<short-name>-opas-<id>-a4.pdf`` for an ordinary duplex printer.

The project handed its guides out at events; a leaflet is the guide's own A5 PDF with its title on
the cover, the organisation and the colophon, large text, and no contents page or chapter number.
It is rendered the booklet's way (``booklet_html`` for a course of that one guide, the booklet's
print style sheets plus leaflet.css, ``render_print_html``). A link to another chapter cannot lead
anywhere on paper: it becomes its text followed by where that chapter is in the whole booklet.
Like the booklet, a leaflet has a multiple of four pages (blank ones before its back cover), so that
its A4 sheets, printed on both sides, fold into it and staple at the fold.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Mapping

from lxml import html as lxml_html

from builder.diagnostics import Report
from builder.labels import labels
from builder.model import Chapter, Course
from builder.pdf.imposition import impose_saddle_stitch
from builder.pdf.render import asset_url
from builder.theme import theme_text
from builder.writers.booklet.pdf import font_face_css, render_print_html
from builder.writers.booklet.html import booklet_html

PRELOAD = ("weasyprint", "pikepdf")  # pikepdf imposes the -a4.pdf: imported while the course is read

# Where a chapter left out of the leaflet is found: "Nettiopastajalle-oppaan luku 5".
ELSEWHERE = {
    "fi": "{booklet}-oppaan {kind} {number}",
    "sv": "{kind} {number} i {booklet}",
    "en": "{kind} {number} in {booklet}",
}


def guides(course: Course) -> list[Chapter]:
    return [chapter for chapter in course.chapters if chapter.kind == "guide"]


def writes_leaflets(course: Course) -> bool:
    """Whether write() has anything to write: only a course with a guide."""
    return bool(guides(course))


WRITES = {"write": writes_leaflets}


def leaflet_name(course: Course, chapter: Chapter, suffix: str = "") -> str:
    return f"{course.meta.short_name}-opas-{chapter.id}{suffix}.pdf"


def write(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    written = {}
    for chapter in guides(course):
        target = staging / leaflet_name(course, chapter)
        render_leaflet(course, chapter, target, report)
        folding = staging / leaflet_name(course, chapter, "-a4")
        impose_saddle_stitch(target, folding, back_cover=True)
        written[f"guide-leaflet-{chapter.id}"] = target
        written[f"guide-leaflet-{chapter.id}-a4"] = folding
    return written


def render_leaflet(course: Course, chapter: Chapter, target: Path, report: Report) -> None:
    css = font_face_css(course) + "".join(
        theme_text(course, "booklet", sheet) for sheet in ("print.css", "leaflet.css"))
    html = booklet_html(leaflet_course(course, chapter), "print", asset_url, css)
    render_print_html(course, unlink_other_chapters(html, course, chapter), target, report, page_multiple=4)


def leaflet_course(course: Course, chapter: Chapter) -> Course:
    """The course as the leaflet tells it: the guide alone, its title and summary on the cover."""
    meta = dataclasses.replace(course.meta, title=chapter.title, subtitle=chapter.summary, introduction_html="")
    return dataclasses.replace(course, meta=meta, chapters=(dataclasses.replace(chapter, questions=()),))


def unlink_other_chapters(html: str, course: Course, chapter: Chapter) -> str:
    """``html`` with each link to another chapter replaced by its text and that chapter's place in the booklet."""
    document = lxml_html.document_fromstring(html)
    others = [c for c in course.chapters if c.id != chapter.id]
    words = labels(course.meta.words)
    changed = False
    for link in list(document.iter("a")):
        target = _chapter_of(link.get("href") or "", others)
        if target is None:
            continue
        place = ELSEWHERE.get(course.meta.language, ELSEWHERE["en"]).format(
            booklet=course.meta.title, kind=words[target.kind].lower(), number=target.number)
        text = lxml_html.Element("span")
        text.text = f"{link.text_content()} ({place})"
        text.tail = link.tail
        link.getparent().replace(link, text)
        changed = True
    if not changed:
        return html
    return lxml_html.tostring(document, encoding="unicode", doctype="<!DOCTYPE html>")


def _chapter_of(href: str, chapters: list[Chapter]) -> Chapter | None:
    """The chapter among ``chapters`` that the booklet link ``href`` ('#chapter-ID', '#ID--anchor') leads to."""
    for candidate in chapters:
        if href == f"#chapter-{candidate.id}" or href.startswith(f"#{candidate.id}--"):
            return candidate
    return None
