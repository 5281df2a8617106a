"""The immutable course model: what readers produce and every writer reads.

Body HTML in the model uses two neutral URL schemes that each writer rewrites
for its own medium:

* ``<img src="asset:KEY">`` where KEY is a key of ``Course.assets`` (the image's
  path relative to its root, e.g. ``images/laite.png``);
* ``<a href="chapter:CHAPTER_ID">`` or ``<a href="chapter:CHAPTER_ID#ANCHOR">``
  for a link to another chapter or to a heading in it. ANCHOR is chapter-local as the trainer
  wrote it; every id attribute in body HTML is ``html_id(CHAPTER_ID, ANCHOR)``, unique in the
  whole course, so that all chapters can share one page.

External links stay as they are (``https://...``).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

ASSET_SCHEME = "asset:"
CHAPTER_SCHEME = "chapter:"


def html_id(chapter_id: str, anchor: str) -> str:
    """The id an anchor of a chapter has in body HTML: unique across the whole course."""
    return f"{chapter_id}--{anchor}"


@dataclass(frozen=True)
class SourcePos:
    """Where something was written: a path relative to the course folder and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Asset:
    """A file the course uses (an image, a logo), stored once by content hash."""

    key: str  # path relative to its root, '/'-separated: the name writers show
    path: Path  # absolute path on disk
    sha1: str
    size: int
    mimetype: str
    width: int | None = None
    height: int | None = None

    @property
    def filename(self) -> str:
        return self.key.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Heading:
    level: int  # 1..6 as in the chapter body (the chapter title itself is not a heading here)
    anchor: str  # as links write it ('hyva-salasana'), unique within the chapter; the body
    # HTML's id attribute is html_id(chapter_id, anchor), unique in the whole course
    title: str  # plain text
    pos: SourcePos


@dataclass(frozen=True)
class Block:
    """One top-level element of a chapter body, as sanitised HTML."""

    tag: str  # 'p', 'h2', 'ul', 'table', 'figure', 'div' (callout) ...
    html: str
    pos: SourcePos


@dataclass(frozen=True)
class Slide:
    title: str
    body_html: str  # the slide's content (lists, images, short text) without its title
    notes_html: str  # speaker notes; empty string when the trainer wrote none
    pos: SourcePos

    @property
    def notes_text(self) -> str:
        from lxml import html as _html

        if not self.notes_html:
            return ""
        return _html.fragment_fromstring(self.notes_html, create_parent="div").text_content().strip()


@dataclass(frozen=True)
class Answer:
    text_html: str
    fraction: float  # 1.0 for the single right answer; shares of 1.0 for several; negative for wrong ones in multi-answer
    feedback_html: str
    correct: bool


@dataclass(frozen=True)
class Question:
    id: str  # unique within the course, e.g. 'salassapito-q1'
    kind: str  # 'single', 'multiple' or 'truefalse'
    text_html: str
    answers: tuple[Answer, ...]
    general_feedback_html: str
    pos: SourcePos

    @property
    def name(self) -> str:
        """A short plain-text name for question banks."""
        from lxml import html as _html

        text = _html.fragment_fromstring(self.text_html, create_parent="div").text_content()
        text = " ".join(text.split())
        if len(text) <= NAME_LENGTH:
            return text
        # Cut at a word boundary ('...joka tun...' reads as a typo); only a single word longer than
        # the whole name is cut inside.
        cut = text[: NAME_LENGTH - 1]
        if text[NAME_LENGTH - 1] != " " and " " in cut:
            cut = cut[: cut.rindex(" ")]
        return cut.rstrip(" ,;:-–") + "…"


NAME_LENGTH = 60  # a question's name in a bank, ellipsis included


@dataclass(frozen=True)
class Chapter:
    id: str  # stable identifier: front matter 'id', else the file name without its number prefix
    number: int  # 1-based position in the course
    title: str
    summary: str  # one or two plain sentences
    kind: str  # 'chapter' or 'guide' (a short guide such as Tietoturvaohje)
    source: str  # path relative to the course folder
    blocks: tuple[Block, ...]
    headings: tuple[Heading, ...]
    slides: tuple[Slide, ...]
    questions: tuple[Question, ...]
    pos: SourcePos  # the front matter's first line

    @property
    def body_html(self) -> str:
        return "\n".join(block.html for block in self.blocks)

    @property
    def asset_keys(self) -> tuple[str, ...]:
        """Assets the body refers to, in order of first use, each once."""
        from lxml import html as _html

        keys: dict[str, None] = {}
        for html in [b.html for b in self.blocks] + [s.body_html for s in self.slides]:
            if ASSET_SCHEME not in html:
                continue
            for img in _html.fragment_fromstring(html, create_parent="div").iter("img"):
                src = img.get("src") or ""
                if src.startswith(ASSET_SCHEME):
                    keys.setdefault(src[len(ASSET_SCHEME):], None)
        return tuple(keys)


@dataclass(frozen=True)
class MoodleOptions:
    layout: str = "page"  # 'page': one Page per chapter; 'book': the whole booklet as one Book
    start_date: _dt.date | None = None  # course start; None means the edition date
    quiz_name: str = "Testaa osaamisesi"
    # The site's Moodle: '4' (4.4 and 4.5 LTS), '5' (5.0 and 5.1) or 'both' (one backup for each).
    version: str = "4"
    # The restored course's address (https://...), known after the first restore: the printed
    # booklets carry it as QR codes from each self-check and the colophon. Empty: no codes.
    url: str = ""


@dataclass(frozen=True)
class BookletOptions:
    large_print: bool = False
    print_shop: bool = False  # also the print-shop PDF: A5 trim, 3 mm bleed, crop marks, PDF/X
    pdfx: str = "X-4"  # its PDF/X version: 'X-4' (colour-managed) or 'X-1a' (all CMYK), as the shop asks


@dataclass(frozen=True)
class SlidesOptions:
    title: str = ""  # deck title; empty means the course title
    question_slides: bool = False


@dataclass(frozen=True)
class CourseMeta:
    title: str
    subtitle: str
    short_name: str  # used for output file names and as Moodle's short name
    language: str  # 'fi', 'sv' or 'en'
    organisation: str
    contact: str  # one line: how to reach the organisation
    authors: tuple[str, ...]
    licence: str
    edition: str
    edition_date: _dt.date
    introduction_html: str  # course summary shown in Moodle and on the booklet's back matter
    logo: str | None  # asset key of the logo, when there is one
    logo_alt: str = ""  # the logo's alt text: what it shows (course.yml logo_alt, by default the title)
    moodle: MoodleOptions = field(default_factory=MoodleOptions)
    booklet: BookletOptions = field(default_factory=BookletOptions)
    slides: SlidesOptions = field(default_factory=SlidesOptions)
    # A language edition's tag ('sv', 'fi-selko'; builder.readers.editions); '' for the source.
    # ``language`` stays the language of the text ('fi' for fi-selko), as lang attributes name it.
    translation: str = ""

    @property
    def words(self) -> str:
        """The language of generated labels (builder.labels): the edition's tag, else the language."""
        return self.translation or self.language


@dataclass(frozen=True)
class Course:
    root: Path  # the course folder
    meta: CourseMeta
    chapters: tuple[Chapter, ...]
    assets: Mapping[str, Asset]  # by key; read-only mapping
    build_time: _dt.datetime  # from SOURCE_DATE_EPOCH, else the edition date at 00:00 UTC
    theme_dirs: tuple[Path, ...] = ()  # user theme folders searched before the package theme
    translations: tuple[Course, ...] = ()  # the language editions, each a whole course of its own

    def chapter(self, chapter_id: str) -> Chapter:
        for chapter in self.chapters:
            if chapter.id == chapter_id:
                return chapter
        raise KeyError(chapter_id)

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for c in self.chapters for q in c.questions)
