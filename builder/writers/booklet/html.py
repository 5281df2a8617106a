"""The booklet as one accessible HTML page: ``output/<short-name>.html`` (images and font embedded).

The booklet PDF is rendered from the same page (``booklet_html`` with medium 'print'); on screen
the page also has web.css (phones, the browser's own print) and tables in boxes of their own.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Callable, Mapping

from builder.diagnostics import Report
from builder.fonts import embedded_font_css
from builder.html_rewrite import rewrite_urls
from builder.labels import labels
from builder.model import Chapter, Course, Question
from builder.model import html_id
from builder.theme import theme_environment, theme_text
from builder.web_images import column_image
from builder.web_markup import for_browsers


@dataclass(frozen=True)
class ChapterView:
    """A chapter as the template shows it: the model's fields plus its body with URLs resolved."""

    chapter: Chapter
    body: str

    def __getattr__(self, name: str):
        return getattr(self.chapter, name)


def chapter_href(chapter_id: str, anchor: str) -> str:
    return f"#{html_id(chapter_id, anchor)}" if anchor else f"#chapter-{chapter_id}"


def data_url(course: Course, key: str) -> str:
    return column_image(course.assets[key]).data_url()


def image_size(course: Course, key: str) -> tuple[int | None, int | None]:
    picture = column_image(course.assets[key])
    return picture.width, picture.height


def format_date(course: Course) -> str:
    date = course.meta.edition_date
    return f"{date.day}.{date.month}.{date.year}" if course.meta.language in ("fi", "sv") else date.isoformat()


def printed_feedback(question: Question, feedback_label: str) -> str:
    """The one feedback the printed answer key gives a question, led by its label ('Palaute:').

    The question's general feedback, else what its right answers' own feedback says: on paper the
    key shows only the right answers, and every option with its feedback would fill a fifth of the
    booklet (Moodle keeps them all).
    """
    html = question.general_feedback_html or "\n".join(
        answer.feedback_html for answer in question.answers if answer.correct and answer.feedback_html)
    if not html:
        return ""
    lead = f'<span class="feedback-label">{escape(feedback_label)}:</span> '
    return html.replace("<p>", "<p>" + lead, 1) if html.startswith("<p>") else f"<p>{lead}</p>{html}"


def booklet_html(
    course: Course,
    medium: str,
    asset_url: Callable[[str], str],
    extra_css: str = "",
    image_size: Callable[[str], tuple[int | None, int | None]] | None = None,
) -> str:
    """The whole booklet as an HTML document; ``medium`` is 'screen' or 'print'.

    ``image_size(key)`` is the pixel size of the picture ``asset_url(key)`` leads to, when it is
    not the file's own.
    """
    table_names: set[str] = set()  # no two tables' boxes named alike

    def rewrite(html: str) -> str:
        html = rewrite_urls(html, asset_url, chapter_href, image_size)
        return for_browsers(html, table_names) if medium == "screen" else html

    chapters = [ChapterView(c, rewrite(c.body_html)) for c in course.chapters]
    # The template reads meta.introduction_html: give it the one with this medium's URLs.
    meta = dataclasses.replace(course.meta, introduction_html=rewrite(course.meta.introduction_html))
    template = theme_environment(course, "booklet").get_template("booklet.html.j2")
    web_css = theme_text(course, "booklet", "web.css") if medium == "screen" else ""
    return template.render(
        meta=meta,
        introduction_html=meta.introduction_html,
        chapters=chapters,
        labels=labels(meta.words),
        edition_date=format_date(course),
        logo_url=asset_url(meta.logo) if meta.logo else "",
        answer_key=any(c.questions for c in course.chapters),
        css=theme_text(course, "booklet", "booklet.css") + web_css + extra_css,
        medium=medium,
        printed_feedback=printed_feedback,
    )


def write(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    target = staging / f"{course.meta.short_name}.html"
    # The font is cut down to the characters the page shows: its text is the same without pictures.
    fonts = embedded_font_css(course, booklet_html(course, "screen", lambda key: ""))
    html = booklet_html(course, "screen", lambda key: data_url(course, key), fonts,
                        image_size=lambda key: image_size(course, key))
    target.write_text(html, encoding="utf-8")
    return {"booklet-html": target}
