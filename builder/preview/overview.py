"""The course overview page: the sections and activities Moodle shows after the .mbz is restored."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Callable, Sequence
from urllib.parse import quote

from builder.html_rewrite import rewrite_urls
from builder.model import Course
from builder.preview import TEMPLATES
from builder.preview.wording import words
from builder.wording import counted
from builder.writers.booklet.html import chapter_href
from builder.writers.moodle.labels import question_bank_name, quiz_name, read_chapter, section_name
from builder.writers.moodle.versions import TARGETS


@dataclass(frozen=True)
class Activity:
    kind: str  # Moodle's module name: 'page', 'book', 'quiz' or 'resource'
    name: str
    href: str
    detail: str = ""

    @property
    def kind_word(self) -> str:
        return "file" if self.kind == "resource" else self.kind


@dataclass(frozen=True)
class Section:
    number: int
    name: str
    summary_html: str
    activities: tuple[Activity, ...]
    pending: str = ""


@dataclass(frozen=True)
class BackupNote:
    """One backup the build writes for ``moodle.version``: the Moodle versions it restores into
    without a warning, its file, and where a teacher finds the questions after restoring it."""

    sites: str
    filename: str
    questions: str  # '' when the course has no questions


def moodle_backups(course: Course) -> list[BackupNote]:
    """A note per backup, as the writer makes them (course.yml's moodle.version: 4, 5 or both).

    The course page is the same in each: Moodle 5's question bank activity is never shown on it
    (mod_qbank cannot be displayed), so what differs is where the questions are."""
    meta, w = course.meta, words(course.meta.language)
    count = sum(len(chapter.questions) for chapter in course.chapters)
    notes = []
    for target in TARGETS[meta.moodle.version]:
        if not count:
            where = ""
        elif target.question_bank_activity:
            where = w["questions-qbank"].format(count=counted(meta.language, count, "question"),
                                                bank=question_bank_name(meta.language))
        else:
            where = w["questions-course"].format(count=counted(meta.language, count, "question"))
        notes.append(BackupNote(target.sites, target.filename(meta.short_name), where))
    return notes


def moodle_sections(course: Course, files: Sequence[tuple[str, str]] | None, booklet: str,
                    asset_url: Callable[[str], str]) -> list[Section]:
    """Section 0 (introduction, the book in book layout, the PDFs) and one section per chapter.

    Activities link to the same content in the booklet page ``booklet``. ``files`` are the File
    resources of the built backup's section 0 as (name, file name under ``files/``), or None
    while the backup is being made.
    """
    meta, w = course.meta, words(course.meta.language)

    def in_booklet(chapter_id: str, anchor: str) -> str:
        return booklet + chapter_href(chapter_id, anchor)

    book = meta.moodle.layout == "book"
    intro: list[Activity] = [Activity("book", meta.title, booklet)] if book else []
    intro += [Activity("resource", name, f"files/{quote(file)}") for name, file in files or ()]
    sections = [Section(0, w["general"], rewrite_urls(meta.introduction_html, asset_url, in_booklet),
                        tuple(intro), "" if files is not None else w["files-later"])]
    for chapter in course.chapters:
        # Named as the backup names them, so the overview is the course index the learner sees.
        page = read_chapter(meta.language, chapter.title, chapter.kind)
        activities = [] if book else [Activity("page", page, in_booklet(chapter.id, ""))]
        if chapter.questions:
            activities.append(Activity("quiz", quiz_name(meta.moodle.quiz_name, chapter.number, chapter.title),
                                       f"{booklet}#self-check-{chapter.id}",
                                       counted(meta.language, len(chapter.questions), "question")))
        sections.append(Section(chapter.number, section_name(chapter.number, chapter.title),
                                f"<p>{escape(chapter.summary)}</p>", tuple(activities)))
    return sections


def overview_html(course: Course, files: Sequence[tuple[str, str]] | None, booklet: str,
                  asset_url: Callable[[str], str]) -> str:
    return TEMPLATES.get_template("overview.html.j2").render(
        meta=course.meta,
        w=words(course.meta.language),
        backups=moodle_backups(course),
        sections=moodle_sections(course, files, booklet, asset_url),
    )
