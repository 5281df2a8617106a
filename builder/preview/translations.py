"""The language editions page: each edition's chapters beside their source chapters, what changed marked.

One row per chapter: the source's text on the left, the edition's on the right, and whether the
translation is in step (builder.translation_state). In a chapter whose source changed after the
translation was marked, the source's paragraphs added or edited since are marked, so the translator
sees at a glance what to look at in the edition beside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from builder.html_rewrite import rewrite_urls
from builder.model import Block, Chapter, Course
from builder.preview import TEMPLATES
from builder.translation_state import SourceChange, changed_lines, changes, changes_in_words

TRANSLATIONS = "kieliversiot.html"

WORDS = {
    "fi": {"title": "Kieliversiot", "source": "Lähde", "in-step": "ajan tasalla",
           "not-marked": "ei merkitty käännetyksi: muutoksia ei voi seurata",
           "out-of-date": "lähde muuttunut merkitsemisen jälkeen", "changed": "muuttunut",
           "note": "Kieliversioiden luvut lähdelukujen vieressä. Lähteen kappaleet, "
           "jotka ovat muuttuneet käännöksen merkitsemisen jälkeen, on merkitty keltaisella."},
    "sv": {"title": "Språkversioner", "source": "Källa", "in-step": "à jour",
           "not-marked": "inte markerad som översatt: ändringar kan inte följas",
           "out-of-date": "källan ändrad efter markeringen", "changed": "ändrat",
           "note": "Språkversionernas kapitel bredvid källkapitlen. Källans "
           "stycken som ändrats sedan översättningen markerades är markerade med gult."},
    "en": {"title": "Language editions", "source": "Source", "in-step": "in step",
           "not-marked": "not marked as translated: changes cannot be followed",
           "out-of-date": "source changed since it was marked", "changed": "changed",
           "note": "The editions' chapters beside their source chapters. The "
           "source's paragraphs changed since the translation was marked are marked in yellow."},
}


@dataclass(frozen=True)
class BlockView:
    html: str
    changed: bool


@dataclass(frozen=True)
class ChapterPair:
    number: int
    title: str
    file: str
    state: str  # 'in-step', 'not-marked' or 'out-of-date'
    detail: str  # how much changed, for 'out-of-date'
    source: tuple[BlockView, ...]
    edition: tuple[BlockView, ...]


@dataclass(frozen=True)
class EditionView:
    tag: str
    title: str
    language: str
    chapters: tuple[ChapterPair, ...]


def words(language: str) -> dict[str, str]:
    return WORDS.get(language, WORDS["fi"])


def translations_html(course: Course, course_dir: Path, media_url: Callable[[str, str], str]) -> str:
    """The page; ``media_url(tag, key)`` is a picture's URL in the edition ``tag`` ('' for the source)."""
    editions = tuple(_edition_view(course, edition, Path(course_dir), media_url) for edition in course.translations)
    return TEMPLATES.get_template("translations.html.j2").render(
        meta=course.meta, w=words(course.meta.language), editions=editions)


def _edition_view(course: Course, edition: Course, course_dir: Path, media_url) -> EditionView:
    tag = edition.meta.translation
    own = {chapter.source.split("/", 1)[1]: chapter for chapter in edition.chapters}
    behind = {change.chapter: change for change in changes(course_dir, tag, list(own))}
    language = course.meta.language
    pairs = []
    for chapter in course.chapters:
        translated = own.get(chapter.source)
        if translated is None:
            continue  # an edition of only some chapters (its chapters: list)
        change = behind.get(chapter.source)
        changed = changed_lines(course_dir, tag, chapter.source) if change and change.marked else frozenset()
        pairs.append(ChapterPair(
            number=chapter.number,
            title=f"{chapter.title} – {translated.title}",
            file=chapter.source,
            state=_state(change),
            detail=changes_in_words(language, change) if change and change.marked else "",
            source=_blocks(chapter, changed, _fences(course_dir / chapter.source), lambda key: media_url("", key)),
            edition=_blocks(translated, frozenset(), (), lambda key: media_url(tag, key)),
        ))
    return EditionView(tag, edition.meta.title, edition.meta.language, tuple(pairs))


def _state(change: SourceChange | None) -> str:
    if change is None:
        return "in-step"
    return "out-of-date" if change.marked else "not-marked"


def _fences(path: Path) -> tuple[int, ...]:
    """The lines where the chapter's fenced blocks (slides, questions) start: no paragraph runs past one."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError):
        return ()
    return tuple(number for number, line in enumerate(lines, start=1) if line.lstrip().startswith(("```", "~~~")))


def _blocks(chapter: Chapter, changed: frozenset[int], fences: tuple[int, ...],
            asset_url: Callable[[str], str]) -> tuple[BlockView, ...]:
    """The chapter's blocks, each marked when a line of it is among ``changed``: its lines run from its
    first to the line before the next block or the next fenced block, whichever comes first."""
    blocks: list[Block] = list(chapter.blocks)
    views = []
    for index, block in enumerate(blocks):
        ends = [line for line in fences if line > block.pos.line]
        if index + 1 < len(blocks):
            ends.append(blocks[index + 1].pos.line)
        end = min(ends) if ends else block.pos.line + 10_000
        touched = any(line in changed for line in range(block.pos.line, end))
        views.append(BlockView(rewrite_urls(block.html, asset_url, _no_link), touched))
    return tuple(views)


def _no_link(chapter_id: str, anchor: str) -> str:
    """Links between chapters lead nowhere on this page: the booklet page has them."""
    return "#"
