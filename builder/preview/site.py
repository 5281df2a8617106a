"""The preview folder: the course read again on every change and its pages rewritten when they differ.

Only fast work happens here (reading the course, rendering HTML); the PDFs come from a full
build in the background (``pdfs``). A course with errors leaves the last good pages in place
and shows the diagnostics in the panel every page carries.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from builder.diagnostics import Diagnostic, Report
from builder.model import Course
from builder.preview import TEMPLATES
from builder.preview.overview import overview_html
from builder.preview.translations import TRANSLATIONS, translations_html, words as edition_words
from builder.preview.pdfs import PdfBuilds, PdfOutcome
from builder.preview.reload import PreviewState
from builder.preview.wording import words
from builder.checks import check_outputs
from builder.readers.chapter_memo import kept_in
from builder.readers.course import default_assets_dir, read_course
from builder.readers.editions import read_translations
from builder.wording import output_name, say, seconds
from builder.writers.booklet.html import booklet_html
from builder.writers.slides import fitted_deck
from builder.writers.slides.html import deck_html

OVERVIEW, BOOKLET, SLIDES = "index.html", "opas.html", "diat.html"
PAGES = (OVERVIEW, BOOKLET, SLIDES)
PAGE_WORDS = {OVERVIEW: "overview", BOOKLET: "booklet", SLIDES: "slides"}


@dataclass(frozen=True)
class Refresh:
    """What one refresh did: the pages rewritten, how long it took, what it found."""

    changed: tuple[str, ...]
    seconds: float
    diagnostics: tuple[Diagnostic, ...]
    ok: bool


class PreviewSite:
    def __init__(self, course_dir: Path, folder: Path, make_pdfs: bool = True,
                 log: Callable[[str], None] = print) -> None:
        self.course_dir = Path(course_dir)
        self.assets_dir = default_assets_dir(self.course_dir)
        self.folder = Path(folder)
        self.files_dir = self.folder / "files"
        self.media_dir = self.folder / "media"
        self.state = PreviewState()
        self.log = log
        self.course: Course | None = None  # the last course that read without errors
        self.language = "fi"
        self.diagnostics: tuple[Diagnostic, ...] = ()
        self.pdf_status = "building" if make_pdfs else "off"
        self.pdf_files: tuple[str, ...] = ()
        self.moodle_files: tuple[tuple[str, str], ...] | None = None if make_pdfs else ()
        self.pdf_diagnostics: tuple[Diagnostic, ...] = ()
        self._written: dict[str, str] = {}  # page -> sha1 of the HTML last written
        self._media: dict[str, str] = {}  # asset key -> sha1 of the copy in media/
        self._lock = threading.RLock()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.pdfs = None
        self._chapters: dict = {}  # chapters read (chapter_memo): a save changes one, the others are not rendered again
        if make_pdfs:
            self.pdfs = PdfBuilds(self.course_dir, self.files_dir, str(self.course_dir), self._pdfs_done)

    # -- refreshing -----------------------------------------------------------------------

    def refresh(self) -> Refresh:
        """Read the course again; rewrite the pages that differ and publish the new state."""
        started = time.perf_counter()
        report = Report(root=str(self.course_dir))
        if self.pdfs:
            self.pdfs.cancel()  # a build of the old sources only slows this refresh down
        with self._lock:
            try:
                with kept_in(self._chapters):
                    course = read_course(self.course_dir, report, self.assets_dir)
                    if course is not None:  # its language editions, read and checked as the build does
                        course = read_translations(course, self.course_dir, self.assets_dir, report)
                for each in (course, *course.translations) if course is not None else ():
                    check_outputs(each, report)  # what check and build report too: slides too full ...
            except Exception as error:  # a bug in a reader must not end the preview
                _report_bug(report, error)
                course = None
            self.language = report.language
            self.diagnostics = tuple(report)
            changed: list[str] = []
            if course is not None:
                self.course = course
                changed = self._write_pages(course, report)
            if self.pdfs:
                self.pdf_status = "building" if course is not None else "waiting"
                if course is not None:
                    self.pdfs.request()
            self.state.publish([], self.panel_html())
        return Refresh(tuple(changed), time.perf_counter() - started, self.diagnostics, course is not None)

    def _write_pages(self, course: Course, report: Report) -> list[str]:
        """Rewrite the pages that differ, the booklet first, publishing each as soon as it is written."""
        media_url = self.media_url(course)
        renders: tuple[tuple[str, Callable[[], str]], ...] = (
            (BOOKLET, lambda: booklet_html(course, "screen", media_url)),
            (OVERVIEW, lambda: overview_html(course, self.moodle_files, BOOKLET, media_url)),
            (SLIDES, lambda: _deck_html(course)),
        ) + (((TRANSLATIONS, lambda: translations_html(course, self.course_dir, self.edition_media_url(course))),)
             if course.translations else ())
        changed = []
        try:
            self._copy_media(course)
            for name, render in renders:
                if self._write(name, render()):
                    changed.append(name)
                    self.diagnostics = tuple(report)
                    self.state.publish([name], self.panel_html())
        except Exception as error:  # a bug in a writer must not end the preview
            _report_bug(report, error)
        self.diagnostics = tuple(report)
        return changed

    def _write(self, name: str, html: str) -> bool:
        digest = hashlib.sha1(html.encode("utf-8")).hexdigest()
        if self._written.get(name) == digest:
            return False
        target = self.folder / name
        tmp = target.with_name(f".{name}.tmp")
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, target)  # a request never sees half a page
        self._written[name] = digest
        return True

    def _copy_media(self, course: Course) -> None:
        """The course's pictures under media/, each edition's under media/<tag>/ (its own may share a name)."""
        for folder, each in [("", course), *((f"{e.meta.translation}/", e) for e in course.translations)]:
            for key, asset in each.assets.items():
                if self._media.get(folder + key) != asset.sha1:
                    target = self.media_dir / folder / key
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(asset.path, target)
                    self._media[folder + key] = asset.sha1

    @staticmethod
    def media_url(course: Course) -> Callable[[str], str]:
        """Images under media/; the content hash in the URL makes an edited image reload the page."""
        return lambda key: f"media/{quote(key)}?v={course.assets[key].sha1[:12]}"

    @staticmethod
    def edition_media_url(course: Course) -> Callable[[str, str], str]:
        """A picture of the edition ``tag`` ('' for the source) under media/, as ``_copy_media`` puts it."""
        editions = {"": course, **{e.meta.translation: e for e in course.translations}}
        return lambda tag, key: (f"media/{quote(tag + '/' if tag else '')}{quote(key)}"
                                 f"?v={editions[tag].assets[key].sha1[:12]}")

    # -- the background build -----------------------------------------------------------------

    def _pdfs_done(self, outcome: PdfOutcome) -> None:
        with self._lock:
            if self.pdfs.superseded:
                return  # a refresh came in meanwhile: a newer build is on its way, or the course is broken
            self.pdf_status = "ready" if outcome.ok else "failed"
            if outcome.ok:
                self.pdf_files, self.moodle_files = outcome.files, outcome.moodle_files
            self.pdf_diagnostics = outcome.diagnostics
            changed = []
            if self.course is not None and self._write(
                    OVERVIEW, overview_html(self.course, self.moodle_files, BOOKLET, self.media_url(self.course))):
                changed.append(OVERVIEW)
            self.state.publish(changed, self.panel_html())
        w = words(self.language)
        for diagnostic in outcome.diagnostics:  # also a built one's warnings: pdf-unavailable says what to install
            if diagnostic not in self.diagnostics:  # the reader's were shown on refresh
                self.log(str(diagnostic))
        if outcome.ok:
            self.log(w["log-pdfs-ready"].format(seconds=seconds(self.language, outcome.seconds), folder=self.files_dir))
        else:
            # The detail is the last line the crashed build wrote: for whoever maintains the tool.
            technical = f" ({w['log-technical']}: {outcome.detail})" if outcome.detail else ""
            self.log(w["log-pdfs-failed"] + technical)

    # -- what the browser sees -----------------------------------------------------------------

    def all_diagnostics(self) -> list[Diagnostic]:
        extra = [d for d in self.pdf_diagnostics if d not in self.diagnostics] if self.pdf_status != "waiting" else []
        return sorted([*self.diagnostics, *extra], key=lambda d: (d.path, d.line, d.code))

    def panel_html(self) -> str:
        w = words(self.language)
        nav = [(page, page_title(self.language, page)) for page in self.pages()]
        diagnostics = self.all_diagnostics()
        return TEMPLATES.get_template("panel.html.j2").render(
            w=w,
            nav=nav,
            pdf_status=self.pdf_status,
            files=[name for name in self.pdf_files if name.endswith((".pdf", ".mbz"))],
            built=self.course is not None,
            errors=[d for d in diagnostics if d.severity == "error"],
            warnings=[d for d in diagnostics if d.severity != "error"],
        )

    def page_html(self, name: str) -> str | None:
        """The stored HTML of page ``name``, or a placeholder while it cannot be made."""
        if name not in self.pages():
            return None
        path = self.folder / name
        if name in self._written and path.is_file():
            return path.read_text(encoding="utf-8")
        w = words(self.language)
        return TEMPLATES.get_template("placeholder.html.j2").render(w=w, language=self.language, message=w["not-built"])

    def pages(self) -> tuple[str, ...]:
        """The preview's pages: the language editions' too when the course has some."""
        return PAGES + ((TRANSLATIONS,) if self.course is not None and self.course.translations else ())

    def close(self) -> None:
        self.state.close()
        if self.pdfs:
            self.pdfs.stop()


def _deck_html(course: Course) -> str:
    deck, fits = fitted_deck(course)
    return deck_html(course, deck, fits)


def _report_bug(report: Report, error: Exception) -> None:
    report.add("output-failed", "course.yml", 1, output=output_name(report.language, "preview"),
               detail=say(report.language, "program-fault", fault=f"{type(error).__name__}: {error}"))


def page_title(language: str, page: str) -> str:
    """What the panel (and the terminal) calls the preview page ``page``."""
    if page == TRANSLATIONS:
        return edition_words(language)["title"]
    return words(language)[PAGE_WORDS[page]]
