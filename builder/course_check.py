"""Reading and checking a course and its language editions: what ``coursebuild check`` does, and what
``build`` does before its writers (builder.build.check is this ``check``).

Only the readers and the output checks are imported here, not the build's writers, its PDF tools or its
records, so that ``coursebuild check`` starts quickly.

With ``parallel`` on two cores or more where fork exists, the language editions' own files are read
in a second process while this one reads the source (issue 21: reading three editions one after
the other took 0.3 s of a 0.5 s check). An edition does not need the source's model to be read,
only the source's chapter file names, short name, folder and theme folders (editions.SourceFacts);
the child reads them from the folder, reads the editions and runs their output checks, and sends it
all back pickled. This process then takes an edition's reading only when those facts are the ones
its own reading of the source gave and nothing the edition depends on changed in between
(editions.read_translations compares the same inputs as for the preview's reads); else it reads
the edition itself. Either way the outcome is that of reading everything here, one after the other,
which is also what happens without fork (Windows) or on one core.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Iterable

from builder.checks import check_outputs
from builder.diagnostics import Diagnostic, Report
from builder.forked import Forked
from builder.model import Course
from builder.readers import chapter_memo
from builder.readers.course import default_assets_dir, read_course
from builder.readers.editions import edition_tags, read_translations


def check(course_dir: Path, report: Report, strict: bool = False, outputs: Iterable[str] | None = None,
          parallel: bool = False, remember: bool = False, beside: Iterable[str] = ()) -> Course | None:
    """Read the course and run the checks of what ``outputs`` (every output when None) need of it.

    ``build`` runs exactly this before its writers, which report nothing about the sources
    themselves: what ``check`` passes, ``build`` does not refuse for the sources' sake.
    ``parallel``: read the language editions in a second process meanwhile, when there is a core for it.
    ``remember``: render again only the chapters that changed since the last check of this folder
    that remembered (builder.readers.chapter_memo keeps them in the user's cache folder).
    ``beside``: modules to import while the second process reads the editions (the build's writers').
    """
    if not remember:
        return _check(course_dir, report, strict, outputs, parallel, tuple(beside))
    kept = chapter_memo.cache_file(course_dir)
    chapter_memo.load(kept)
    try:
        # With chapters kept, reading is mostly taking them: a second process costs more than it saves.
        course = _check(course_dir, report, strict, outputs, parallel and not chapter_memo.kept_any(), tuple(beside))
        chapter_memo.save(kept)
    finally:
        chapter_memo.remember_chapter_reads(False)
    return course


def _check(course_dir: Path, report: Report, strict: bool, outputs: Iterable[str] | None,
           parallel: bool, beside: tuple[str, ...] = ()) -> Course | None:
    outputs = None if outputs is None else tuple(outputs)
    ahead = None
    if parallel and can_fork() and edition_tags(course_dir):
        ahead = _EditionsAhead.start(course_dir, report.root, outputs)
    try:
        if ahead is not None:  # the source is read in less time than the editions: room for an import
            for module in beside:
                importlib.import_module(module)
        course = read_course(course_dir, report)
        checked: list[tuple[Course, tuple[Diagnostic, ...]]] = []
        if course is not None:
            source_checks = Report(report.language, report.root)
            check_outputs(course, source_checks, outputs)  # the checks do not look at the editions
            if ahead is not None:
                checked = ahead.take(course, report)
            course = read_translations(course, course_dir, default_assets_dir(course_dir), report)
            if course is not None:  # an edition with errors: no output checks at all, as before
                report.extend(source_checks)
    finally:
        if ahead is not None:
            ahead.close()
    for edition in course.translations if course is not None else ():
        found = next((diagnostics for read, diagnostics in checked if read is edition), None)
        if found is not None:  # checked in the child: the very model read_translations gave
            report.extend(found)
        else:
            check_outputs(edition, report, outputs)
    if report.errors or (strict and report.warnings):
        return None
    return course


def can_fork(jobs: int | None = None) -> bool:
    """Whether work can run in a second process beside this one: two cores or more (``jobs``, else the
    computer's), and fork (not on Windows)."""
    return (jobs or os.cpu_count() or 1) > 1 and hasattr(os, "fork")


class _EditionsAhead:
    """The child process that reads the language editions while this one reads the source."""

    def __init__(self, child: Forked) -> None:
        self.child = child

    @classmethod
    def start(cls, course_dir: Path, root: str, outputs: tuple[str, ...] | None) -> "_EditionsAhead":
        return cls(Forked(lambda: _read_editions(Path(course_dir), root, outputs)))

    def take(self, course: Course, report: Report) -> list[tuple[Course, tuple[Diagnostic, ...]]]:
        """Keep the child's readings for read_translations; each edition's model the child read with its
        output checks' diagnostics (they stand when read_translations gives that very model)."""
        from builder.readers.editions import SourceFacts, keep_read

        sent = self.child.result()
        if sent is None:  # the child died or sent nothing whole: read here
            return []
        facts, language, entries, chapters = sent
        chapter_memo.keep(chapters)  # the chapters it read, for the next check to take (when remembering)
        if facts != SourceFacts.of(course) or language != report.language:
            return []  # read against another source than this one: read here
        checked = []
        for entry, diagnostics in entries:
            keep_read(entry)
            if entry[1][1] is not None:
                checked.append((entry[1][1], diagnostics))
        return checked

    def close(self) -> None:
        self.child.close()


def _read_editions(course_dir: Path, root: str, outputs: tuple[str, ...] | None) -> tuple:
    """In the child: the source facts as the folder gives them, the language, and for each edition the
    entry of the reads kept (editions.read_edition_ahead) with its output checks' diagnostics."""
    from builder.readers.chapter_files import chapter_paths
    from builder.readers.course import course_language
    from builder.readers.editions import SourceFacts, _source_settings, read_edition_ahead

    _, config = _source_settings(course_dir)
    if config is None or not config.translations:
        return None, "", (), {}
    assets_dir = default_assets_dir(course_dir)
    theme_dir = assets_dir / "theme"
    facts = SourceFacts(tuple(path.name for path in chapter_paths(course_dir, Report())), config.short_name,
                        course_dir.resolve(), (theme_dir.resolve(),) if theme_dir.is_dir() else ())
    language = course_language(course_dir)
    entries = []
    for tag in config.translations:
        entry = read_edition_ahead(course_dir, assets_dir, tag, facts, language, root)
        if entry is None:
            continue
        edition = entry[1][1]
        found = Report(language, root)
        if edition is not None:
            check_outputs(edition, found, outputs)
        entries.append((entry, tuple(found._items)))
    return facts, language, tuple(entries), chapter_memo.used()


