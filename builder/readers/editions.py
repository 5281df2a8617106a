"""A course's language editions: each a folder named by its tag beside the chapters (``course/sv/``).

course.yml lists them (``translations: [sv, fi-selko]``). An edition's folder holds its own
course.yml with only the settings it says otherwise (its title, introduction ...; the rest are the
source's), chapter files named as the source's, and in ``images/`` the pictures it replaces (a
Swedish-text screenshot); every other picture is the source's. Each edition is read as a course of its
own and must line up with the source: the same chapter files, and in each chapter the same number of
slides, questions of the same kind with as many options, the right ones in the same places, and the
same pictures. What an edition lacks is reported, never filled in from the source language.
Diagnostics stay in the source's (the trainer's) language.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from builder.diagnostics import Report
from builder.model import Chapter, Course, SourcePos
from builder.readers.assets import AssetResolver
from builder.readers.chapter_files import chapter_paths
from builder.readers.config import GROUPS, TRANSLATION_TAGS, RawConfig, read_config
from builder.readers.course import read_course_files
from builder.readers.text import is_inside, read_text
from builder.readers.chapter_memo import read_settings
from builder.readers.yaml_doc import YamlDoc
from builder.translation_state import STATE_FOLDER, check_in_step

# Settings that are text in the course's language: an edition says them itself when the source does.
OWN_TEXTS = ("title", "subtitle", "introduction", "authors", "licence", "edition", "logo_alt",
             "moodle.quiz_name", "slides.title")
# Settings every edition takes from the source: its outputs are named '<short_name>-<tag>'.
FIXED = ("short_name", "language", "translations")


def read_translations(course: Course, course_dir: Path, assets_dir: Path, report: Report) -> Course | None:
    """``course`` with its language editions in ``Course.translations``; None when any edition has an error."""
    course_dir = Path(course_dir)
    source_doc, config = _source_settings(course_dir)
    if config is None or not config.translations:
        return course
    editions = []
    ok = True
    files: list[tuple] = []  # what the editions' readings depend on (_inputs), looked at once for them all
    for tag in config.translations:
        if tag == config.language:
            report.add("key-type", "course.yml", config.translations_line, key="translations",
                       expected="language tags other than the course's own language")
            ok = False
            continue
        folder = course_dir / tag
        if not (folder / "course.yml").is_file():
            report.add("translation-folder-missing", "course.yml", config.translations_line, tag=tag)
            ok = False
            continue
        if folder.is_symlink() or not is_inside(folder, course_dir):
            report.add("path-outside-course", "course.yml", config.translations_line, target=f"{tag}/")
            ok = False
            continue
        if not files:
            files.append(_inputs(course_dir, assets_dir))
        edition = _read_edition(course, course_dir, source_doc, tag, assets_dir, report, files[0])
        if edition is None:
            ok = False
        else:
            editions.append(edition)
    if not ok:
        return None
    return replace(course, translations=tuple(editions))


def _source_settings(course_dir: Path) -> tuple[YamlDoc | None, RawConfig | None]:
    """The source's course.yml, already read and reported on by the course reader: read again quietly."""
    quiet = Report()
    text = read_text(course_dir / "course.yml", "course.yml", quiet, within=course_dir)
    doc = read_settings(text, "course.yml", quiet) if text is not None else None
    return doc, (read_config(doc, "course.yml", quiet) if doc is not None else None)


@dataclass(frozen=True)
class SourceFacts:
    """What reading an edition's own files takes from its source course: it is read against these."""

    chapters: tuple[str, ...]  # the source's chapter files, in order
    short_name: str
    root: Path
    theme_dirs: tuple[Path, ...]

    @classmethod
    def of(cls, course: Course) -> "SourceFacts":
        return cls(tuple(c.source for c in course.chapters), course.meta.short_name, course.root, course.theme_dirs)


def read_edition_ahead(course_dir: Path, assets_dir: Path, tag: str, facts: SourceFacts, language: str,
                       root: str) -> tuple[Path, tuple] | None:
    """The edition ``tag`` read before its source course is (builder.course_check reads it in a second
    process meanwhile), as an entry of the reads kept: read_translations then takes it as it is when
    ``facts`` are its source's and nothing it depends on changed since. None: nothing to read."""
    course_dir = Path(course_dir)
    folder = course_dir / tag
    if not (folder / "course.yml").is_file() or folder.is_symlink() or not is_inside(folder, course_dir):
        return None
    source_doc, _ = _source_settings(course_dir)
    if source_doc is None:
        return None
    own = Report(language, os.path.join(root, tag) if root else tag)
    at_source = Report(language, root)
    inputs = (root, language, facts, _inputs(course_dir, assets_dir))
    edition = _read_edition_files(facts, folder, source_doc, tag, assets_dir, at_source, own)
    if edition is not None:
        edition = _placed_in_course(edition, facts, tag)
    return folder.resolve(), (inputs, edition, tuple(own), tuple(at_source))


def keep_read(entry: tuple[Path, tuple]) -> None:
    """Keep an edition read elsewhere (read_edition_ahead) for read_translations to take."""
    _READS[entry[0]] = entry[1]


def _read_edition(course: Course, course_dir: Path, source_doc: YamlDoc, tag: str, assets_dir: Path,
                  report: Report, files: tuple) -> Course | None:
    folder = course_dir / tag
    # Paths in the edition's own diagnostics are relative to its folder; they are shown under it.
    own = Report(report.language, os.path.join(report.root, tag) if report.root else tag)
    at_source = Report(report.language, report.root)  # source chapters the edition lacks
    facts = SourceFacts.of(course)
    inputs = (report.root, report.language, facts, files)
    cached = _READS.get(folder.resolve())
    if cached is not None and cached[0] == inputs:
        edition = cached[1]
        own.extend(cached[2])
        at_source.extend(cached[3])
    else:
        edition = _read_edition_files(facts, folder, source_doc, tag, assets_dir, at_source, own)
        if edition is not None:
            edition = _placed_in_course(edition, facts, tag)
        _READS[folder.resolve()] = (inputs, edition, tuple(own), tuple(at_source))
    checks = Report(report.language, report.root)
    if edition is not None:
        _check_alignment(course, edition, tag, checks)
        check_in_step(course_dir, tag, [c.source.split("/", 1)[1] for c in edition.chapters],
                      checks, course_name=report.root or "course")
    for found in (own, at_source, checks):
        report.extend(found)
    return None if own.errors or at_source.errors or checks.errors else edition


# The preview reads the course again on every save; an edition is read again only when a file it can
# depend on changed: anything in the course folder but the source's chapters (whose names alone it
# reads) and the copies in .source/, and anything in assets/.
_READS: dict[Path, tuple[tuple, Course | None, tuple, tuple]] = {}
SMALL_FILE = 256_000  # bytes: read and hashed (an edit within the file date's resolution still counts)


def _inputs(course_dir: Path, assets_dir: Path) -> tuple:
    found = []
    course_dir = Path(course_dir)
    for root in (course_dir, Path(assets_dir)):
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != STATE_FOLDER)
            top = Path(folder) == root
            for name in sorted(files):
                path = Path(folder) / name
                if root == course_dir and top and name.lower().endswith(".md"):
                    found.append((name,))  # a source chapter: its name counts, not its text
                    continue
                try:
                    info = path.stat()
                    found.append((str(path), info.st_size, info.st_mtime_ns,
                                  hashlib.sha1(path.read_bytes()).hexdigest() if info.st_size <= SMALL_FILE else ""))
                except OSError:
                    found.append((str(path),))
    return tuple(found)


def _read_edition_files(facts: SourceFacts, folder: Path, source_doc: YamlDoc, tag: str, assets_dir: Path,
                        at_source: Report, own: Report) -> Course | None:
    """The edition in ``folder``; its own problems go to ``own``, a source chapter it lacks to ``at_source``."""
    text = read_text(folder / "course.yml", "course.yml", own, within=folder)
    doc = read_settings(text, "course.yml", own) if text is not None else None
    sources = list(facts.chapters)
    wanted = _chosen_chapters(doc, sources, own) if doc is not None else sources
    _check_chapter_files(sources, wanted, folder, tag, at_source, own)
    if doc is None:
        return None
    config = read_config(_merged(source_doc, doc, tag, facts.short_name, own), "course.yml", own)
    resolver = AssetResolver(folder, assets_dir, own, shared_root=facts.root)
    return read_course_files(folder, config, own, resolver, assets_dir, words=tag, own_theme=False,
                             left_out=frozenset(sources) - frozenset(wanted))


def _chosen_chapters(doc: YamlDoc, sources: list[str], report: Report) -> list[str]:
    """The source chapters the edition has: the ones its ``chapters:`` names (a selkokieli edition of the
    guides alone), else every one. A name that is no source chapter is refused."""
    chosen = doc.values.get("chapters")
    if chosen is None:
        return sources
    if not isinstance(chosen, list) or not chosen or any(name not in sources for name in chosen):
        report.add("key-type", "course.yml", doc.line("chapters"), key="chapters",
                   expected="a list of the source's chapter files")
        return sources
    return [name for name in sources if name in chosen]


def _merged(source: YamlDoc, own: YamlDoc, tag: str, short_name: str, report: Report) -> YamlDoc:
    """The source's settings with the edition's own over them, at the edition's lines."""
    values: dict[str, Any] = {key: (dict(value) if isinstance(value, dict) else value)
                              for key, value in source.values.items() if key not in FIXED}
    if isinstance(values.get("moodle"), dict):  # the edition's Moodle course has an address of its own
        values["moodle"].pop("url", None)
    for key, value in own.values.items():
        if key == "chapters":
            continue  # which chapters the edition has (_chosen_chapters), not a course setting
        if key in FIXED:
            report.add("translation-setting-not-allowed", "course.yml", own.line(key), key=key)
        elif key in GROUPS and isinstance(value, dict) and isinstance(values.get(key), dict):
            values[key] = {**values[key], **value}
        else:
            values[key] = value
    for key in OWN_TEXTS:
        if _has(source.values, key) and not _has(own.values, key):
            report.add("translation-setting-missing", "course.yml", own.first_line, key=key)
    language = TRANSLATION_TAGS[tag]
    values["language"] = language
    values["short_name"] = f"{short_name}-{tag}"
    return YamlDoc(values=values, lines=own.lines, first_line=own.first_line, text_lines=own.text_lines,
                   words={**source.words, **own.words})


def _has(values: dict[str, Any], dotted: str) -> bool:
    group, _, key = dotted.partition(".")
    if not key:
        return values.get(group) is not None
    inner = values.get(group)
    return isinstance(inner, dict) and inner.get(key) is not None


def _check_chapter_files(sources: list[str], wanted: list[str], folder: Path, tag: str, report: Report,
                         own: Report) -> None:
    """The edition's chapter files are the ``wanted`` source chapters, each of them, no other: a missing
    one is named at its source chapter (``report``), one too many in the edition (``own``)."""
    names = {path.name for path in chapter_paths(folder, Report())}  # the read reports about these files
    for name in wanted:
        if name not in names:
            report.add("translation-chapter-missing", name, 1, tag=tag, file=f"{tag}/{name}")
    for name in sorted(names - set(wanted)):
        own.add("translation-chapter-extra", name, 1, file=name)


def _placed_in_course(edition: Course, facts: SourceFacts, tag: str) -> Course:
    """The edition as a course in the source's folder: its chapters' paths under ``tag/``, the source's
    folder as its root (the renderers may read the source's pictures too), and its outputs' names."""
    chapters = tuple(_chapter_under(chapter, tag) for chapter in edition.chapters)
    return replace(edition, root=facts.root, chapters=chapters, theme_dirs=facts.theme_dirs,
                   meta=replace(edition.meta, translation=tag))


def _chapter_under(chapter: Chapter, folder: str) -> Chapter:
    def moved(pos: SourcePos) -> SourcePos:
        return SourcePos(f"{folder}/{pos.path}", pos.line)

    return replace(
        chapter,
        source=f"{folder}/{chapter.source}",
        pos=moved(chapter.pos),
        blocks=tuple(replace(b, pos=moved(b.pos)) for b in chapter.blocks),
        headings=tuple(replace(h, pos=moved(h.pos)) for h in chapter.headings),
        slides=tuple(replace(s, pos=moved(s.pos)) for s in chapter.slides),
        questions=tuple(replace(q, pos=moved(q.pos)) for q in chapter.questions),
    )


def _check_alignment(course: Course, edition: Course, tag: str, report: Report) -> None:
    """Each edition chapter has its source chapter's slides, questions and pictures, in the same order."""
    sources = {chapter.source: chapter for chapter in course.chapters}
    for chapter in edition.chapters:
        source = sources.get(chapter.source.split("/", 1)[1])
        if source is None:
            continue  # translation-chapter-extra said so
        _check_slides(source, chapter, report)
        _check_questions(source, chapter, report)
        _check_pictures(source, chapter, report)


def _check_slides(source: Chapter, chapter: Chapter, report: Report) -> None:
    language = report.language
    for number in range(len(chapter.slides), len(source.slides)):
        slide = source.slides[number]
        report.add("translation-slides-differ", chapter.source, _last_line(chapter.slides, chapter.pos),
                   source=source.source, detail=_say(language, "slide-missing", number=number + 1,
                                                     title=slide.title, line=slide.pos.line))
    for number in range(len(source.slides), len(chapter.slides)):
        slide = chapter.slides[number]
        report.add("translation-slides-differ", chapter.source, slide.pos.line, source=source.source,
                   detail=_say(language, "slide-extra", number=number + 1, title=slide.title))


def _check_questions(source: Chapter, chapter: Chapter, report: Report) -> None:
    language = report.language
    for number in range(len(chapter.questions), len(source.questions)):
        report.add("translation-questions-differ", chapter.source, _last_line(chapter.questions, chapter.pos),
                   source=source.source, detail=_say(language, "question-missing", number=number + 1,
                                                     line=source.questions[number].pos.line))
    for number in range(len(source.questions), len(chapter.questions)):
        report.add("translation-questions-differ", chapter.source, chapter.questions[number].pos.line,
                   source=source.source, detail=_say(language, "question-extra", number=number + 1))
    for number, (theirs, ours) in enumerate(zip(source.questions, chapter.questions), start=1):
        if theirs.kind != ours.kind or len(theirs.answers) != len(ours.answers):
            detail = _say(language, "question-options", number=number, count=len(ours.answers),
                          source_count=len(theirs.answers), line=theirs.pos.line)
        elif [a.correct for a in theirs.answers] != [a.correct for a in ours.answers]:
            detail = _say(language, "question-right", number=number, line=theirs.pos.line)
        else:
            continue
        report.add("translation-questions-differ", chapter.source, ours.pos.line, source=source.source, detail=detail)


def _check_pictures(source: Chapter, chapter: Chapter, report: Report) -> None:
    """The same pictures in the same order, by the name each chapter writes (``images/x.png``): an
    edition's own picture of that name stands in for the source's."""
    theirs, ours = list(source.asset_keys), list(chapter.asset_keys)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, theirs, ours, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            for key in theirs[i1:i2]:
                report.add("translation-images-differ", chapter.source, chapter.pos.line, source=source.source,
                           detail=_say(report.language, "picture-missing", name=key))
        if op in ("insert", "replace"):
            for key in ours[j1:j2]:
                report.add("translation-images-differ", chapter.source, chapter.pos.line, source=source.source,
                           detail=_say(report.language, "picture-extra", name=key))


def _last_line(items, chapter_pos: SourcePos) -> int:
    """Where a missing item would follow: the edition's last one of its kind, else the chapter's start."""
    return items[-1].pos.line if items else chapter_pos.line


# The details of the translation-*-differ diagnostics, in the trainer's language.
DETAILS = {
    "slide-missing": {
        "en": "its slide {number}, '{title}' (line {line}), is missing here",
        "fi": "sen dia {number}, '{title}' (rivi {line}), puuttuu tästä",
        "sv": "dess bild {number}, '{title}' (rad {line}), saknas här",
    },
    "slide-extra": {
        "en": "slide {number}, '{title}', has no counterpart in it",
        "fi": "dialla {number}, '{title}', ei ole vastinetta siinä",
        "sv": "bild {number}, '{title}', har ingen motsvarighet där",
    },
    "question-missing": {
        "en": "its question {number} (line {line}) is missing here",
        "fi": "sen kysymys {number} (rivi {line}) puuttuu tästä",
        "sv": "dess fråga {number} (rad {line}) saknas här",
    },
    "question-extra": {
        "en": "question {number} has no counterpart in it",
        "fi": "kysymyksellä {number} ei ole vastinetta siinä",
        "sv": "fråga {number} har ingen motsvarighet där",
    },
    "question-options": {
        "en": "question {number} has {count} options, the source's (line {line}) {source_count}, or is of "
              "another kind",
        "fi": "kysymyksessä {number} on vaihtoehtoja {count}, lähteen kysymyksessä (rivi {line}) {source_count}, "
              "tai kysymyksen laji on eri",
        "sv": "fråga {number} har {count} alternativ, källans fråga (rad {line}) {source_count}, eller en annan typ",
    },
    "question-right": {
        "en": "in question {number}, other options are right than in the source's (line {line})",
        "fi": "kysymyksessä {number} oikeat vaihtoehdot ovat eri kohdissa kuin lähteen kysymyksessä (rivi {line})",
        "sv": "i fråga {number} är andra alternativ rätt än i källans fråga (rad {line})",
    },
    "picture-missing": {
        "en": "its picture {name} is missing here",
        "fi": "sen kuva {name} puuttuu tästä",
        "sv": "dess bild {name} saknas här",
    },
    "picture-extra": {
        "en": "the picture {name} is not in it",
        "fi": "kuvaa {name} ei ole siinä",
        "sv": "bilden {name} finns inte där",
    },
}


def _say(language: str, key: str, **fields: object) -> str:
    words = DETAILS[key]
    return words.get(language, words["en"]).format(**fields)


def edition_tags(course_dir: Path) -> tuple[str, ...]:
    """The language editions course.yml lists; none when it cannot be read."""
    _, config = _source_settings(Path(course_dir))
    return config.translations if config is not None else ()
