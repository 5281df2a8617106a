"""Reading a whole course folder into one immutable ``Course``, reporting every problem at once."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from builder.diagnostics import Report
from builder.model import (
    BookletOptions, Chapter, Course, CourseMeta, MoodleOptions, SlidesOptions, SourcePos,
)
from builder.readers import chapter_memo
from builder.readers.assets import AssetResolver
from builder.readers.chapter_files import chapter_paths
from builder.readers.chapter_memo import read_settings
from builder.readers.chapter_source import split_chapter
from builder.readers.config import LANGUAGES, RawConfig, read_config, text_value
from builder.readers.file_names import windows_name_problem
from builder.readers.markdown_body import INTRODUCTION_ID, BodyContext, LinkRef, render_markdown
from builder.readers.nearest import nearest_anchor, nearest_setting
from builder.readers.questions import read_question
from builder.readers.slides import read_slides
from builder.readers.text import is_inside, harmless_text, note_shown, read_text, without_comments

CHAPTER_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LATEST_EPOCH = 4_354_819_199  # 2107-12-31 23:59:59 UTC: the last moment a .zip (the PowerPoint file) can stamp
FRONT_MATTER_KEYS = {"title", "summary", "id", "kind"}


@dataclass(frozen=True)
class _FrontMatter:
    file: str
    id: str
    title: str
    summary: str
    kind: str
    line: int
    id_line: int  # where the id is written; the first line when it comes from the file name
    body: str
    blocks: tuple


def default_assets_dir(course_dir: Path) -> Path:
    """Course-wide media and theme overrides live in ``assets/`` beside the course folder."""
    return course_dir.resolve().parent / "assets"


def read_course(course_dir: Path, report: Report, assets_dir: Path | None = None) -> Course | None:
    """The course in ``course_dir``, or None when any error was reported."""
    course_dir = Path(course_dir)
    if not (course_dir / "course.yml").is_file():
        report.add("course-missing", "course.yml", 1)
        return None
    if assets_dir is None:
        assets_dir = _default_assets(course_dir, report)
    config = _read_config(course_dir, report)
    if config is not None:
        report.language = config.language
    resolver = AssetResolver(course_dir, assets_dir, report)
    return read_course_files(course_dir, config, report, resolver, assets_dir)


def read_course_files(course_dir: Path, config: RawConfig | None, report: Report, resolver: AssetResolver,
                      assets_dir: Path, words: str | None = None, own_theme: bool = True,
                      left_out: frozenset[str] = frozenset()) -> Course | None:
    """The course from the chapters in ``course_dir`` and the settings ``config`` (None: broken, reported).

    A language edition (builder.readers.editions) reads its folder through this too, with its merged
    settings, a resolver that falls back to the source's pictures, the generated words of its tag
    (``words``: 'fi-selko'), the theme checked once, by the source (``own_theme=False``), and the
    source's chapters it does not have (``left_out``: a link to one is told as such).
    """
    language = words or (config.language if config else report.language)

    names = [p.name for p in chapter_paths(course_dir, report)]
    for name in names:
        problem = windows_name_problem(name)
        if problem:
            report.add("file-name-invalid", name, 1, name=name, detail=problem)
    fronts = [f for f in (_read_front_matter(course_dir, name, report) for name in names) if f]
    if not names:
        report.add("course-no-chapters", "course.yml", 1)
    _check_unique_ids(fronts, report)
    chapter_files = {f.file: f.id for f in fronts}
    unreadable = frozenset(names) - set(chapter_files)
    links: list[LinkRef] = []
    chapters = []
    for number, front in enumerate(fronts, start=1):
        ctx = BodyContext(front.id, front.file, course_dir, chapter_files, resolver, report, language, links,
                          unreadable, left_out)
        chapters.append(chapter_memo.read_chapter(front, number, ctx, _read_chapter))
    meta = None
    if config is not None:
        meta = _course_meta(config, course_dir, resolver, chapter_files, report, links, unreadable, language,
                            left_out)
    _check_links(links, chapters, report)
    theme_dir = assets_dir / "theme"
    if own_theme:
        _check_theme(theme_dir, assets_dir, course_dir, report)
    if report.errors or meta is None:
        return None
    return Course(
        root=course_dir.resolve(),
        meta=meta,
        chapters=tuple(chapters),
        assets=MappingProxyType(dict(sorted(resolver.assets.items()))),
        build_time=build_time(config.edition_date),
        theme_dirs=(theme_dir.resolve(),) if theme_dir.is_dir() else (),
    )


def _default_assets(course_dir: Path, report: Report) -> Path:
    """``assets/`` beside the course, unless it is a symbolic link: that could lead anywhere (a link to the
    folder holding the course would expose every file beside it), so it is refused."""
    assets_dir = default_assets_dir(course_dir)
    if assets_dir.is_symlink():
        report.add("path-outside-course", "course.yml", 1, target="../assets")
        return assets_dir / "-refused-"  # no such folder: nothing in it is read
    return assets_dir


def _check_theme(theme_dir: Path, assets_dir: Path, course_dir: Path, report: Report) -> None:
    """Theme overrides are read as they are (style sheets, templates): none may lead out of ``assets/``."""
    if not theme_dir.is_dir():
        return
    if not is_inside(theme_dir, assets_dir):
        report.add("path-outside-course", os.path.relpath(theme_dir, course_dir), 1, target="theme")
        return
    for folder, dirs, files in os.walk(theme_dir):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if path.is_symlink() and not is_inside(path, assets_dir):
                report.add("path-outside-course", os.path.relpath(path, course_dir), 1, target=name)


def build_time(edition_date: dt.date) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the edition date at midnight UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():  # within what a .zip and an .mbz can hold (edition dates are checked the same way)
        return dt.datetime.fromtimestamp(min(int(epoch), LATEST_EPOCH), tz=dt.timezone.utc)
    return dt.datetime.combine(edition_date, dt.time(0, 0), tzinfo=dt.timezone.utc)


def course_language(course_dir: Path) -> str:
    """The language course.yml names, read without reading the rest of the course; Finnish when
    it names none it can (no course.yml, a broken one, a language the tool does not speak)."""
    report = Report()
    text = read_text(course_dir / "course.yml", "course.yml", report, within=course_dir)
    doc = read_settings(text, "course.yml", report) if text is not None else None
    language = doc.values.get("language") if doc is not None else None
    return language if language in LANGUAGES else "fi"


def _read_config(course_dir: Path, report: Report) -> RawConfig | None:
    text = read_text(course_dir / "course.yml", "course.yml", report, within=course_dir)
    if text is None:
        return None
    doc = read_settings(text, "course.yml", report)
    if doc is None:
        return None
    if doc.values.get("language") in LANGUAGES:
        # Before any setting is checked: every message, course.yml's own too, is in the course language.
        report.language = doc.values["language"]
    return read_config(doc, "course.yml", report)


def _read_front_matter(course_dir: Path, name: str, report: Report) -> _FrontMatter | None:
    text = read_text(course_dir / name, name, report, within=course_dir)
    if text is None:
        return None
    source = split_chapter(text, name, report)
    if source is None:
        return None
    doc = read_settings(source.front_matter, name, report, line_offset=source.front_matter_line - 1)
    if doc is None:
        return None
    ok = True
    for key in doc.values:
        if key not in FRONT_MATTER_KEYS:
            report.add("key-unknown", name, doc.line(key), key=key, suggestion=nearest_setting(key, FRONT_MATTER_KEYS))
    fields: dict[str, str] = {}
    for key, required in (("title", True), ("summary", True), ("id", False), ("kind", False)):
        value = text_value(doc, key, doc.values.get(key))
        if value is None:
            if required:
                report.add("key-missing", name, 1, key=key)
                ok = False
            continue
        text = harmless_text(str(value)) if isinstance(value, str) and key in ("title", "summary") else str(value)
        if text != without_comments(str(value)):  # a comment goes without a word, as from the text
            report.add("html-removed", name, doc.line(key), detail=str(value).strip()[:40])
        if isinstance(value, (dict, list, bool)) or not text.strip():
            report.add("key-type", name, doc.line(key), key=key, expected="text")
            ok = False
            continue
        if note_shown(text):
            report.add("note-to-self-shown", name, doc.line(key), note=note_shown(text))
        fields[key] = text.strip()
    chapter_id = fields.get("id") or slug(re.sub(r"^\d+[-_ .]*", "", Path(name).stem))
    if not CHAPTER_ID.match(chapter_id):
        report.add("key-type", name, doc.line("id"), key="id", expected="lower-case letters, digits and '-'")
        ok = False
    kind = fields.get("kind", "chapter")
    if kind not in ("chapter", "guide"):
        report.add("key-type", name, doc.line("kind"), key="kind", expected="one of chapter, guide")
        ok = False
    if not ok:
        return None
    id_line = doc.line("id") if "id" in fields else 1
    return _FrontMatter(name, chapter_id, fields["title"], fields["summary"], kind, 1, id_line,
                        source.body, source.blocks)


def slug(text: str) -> str:
    """'Hyvä salasana' -> 'hyva-salasana': the same rule Python-Markdown uses for heading anchors."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s_]+", "-", text)


def _check_unique_ids(fronts: list[_FrontMatter], report: Report) -> None:
    seen: dict[str, str] = {}
    for front in fronts:
        if front.id in seen:
            report.add("chapter-id-duplicate", front.file, front.id_line, id=front.id, other=seen[front.id])
        else:
            seen[front.id] = front.file


def _read_chapter(front: _FrontMatter, number: int, ctx: BodyContext) -> Chapter:
    body = render_markdown(front.body, ctx)
    slides = []
    questions = []
    for block in front.blocks:
        if block.kind == "slides":
            slides.extend(read_slides(block, ctx))
        else:
            question = read_question(block, ctx, f"{front.id}-q{len(questions) + 1}")
            if question is not None:
                questions.append(question)
    if not body.blocks and not body.unreadable:
        ctx.report.add("chapter-empty", front.file, 1)
    return Chapter(
        id=front.id,
        number=number,
        title=front.title,
        summary=front.summary,
        kind=front.kind,
        source=front.file,
        blocks=body.blocks,
        headings=body.headings,
        slides=tuple(slides),
        questions=tuple(questions),
        pos=SourcePos(front.file, front.line),
    )


def _check_links(links: list[LinkRef], chapters: list[Chapter], report: Report) -> None:
    by_file = {c.source: c for c in chapters}
    for link in links:
        target = by_file.get(link.target_file or link.source)
        if target is None or not link.anchor:
            continue
        anchors = {h.anchor for h in target.headings}
        if link.anchor not in anchors:
            near = nearest_anchor(link.anchor, anchors)
            report.add("link-anchor-missing", link.source, link.line, anchor=link.anchor_as_written or link.anchor,
                       target=link.target_file or link.source, suggestion=f"#{near}" if near else None)


def _course_meta(config: RawConfig, course_dir: Path, resolver: AssetResolver, chapter_files: dict[str, str],
                 report: Report, links: list[LinkRef], unreadable: frozenset[str], language: str,
                 left_out: frozenset[str]) -> CourseMeta:
    introduction_html = ""
    if config.introduction:
        ctx = BodyContext(INTRODUCTION_ID, "course.yml", course_dir, chapter_files, resolver, report, language, links,
                          unreadable, left_out)
        written = ("introduction", config.introduction, config.introduction_line)  # kept as a chapter's reading is
        rendered = chapter_memo.read_chapter(written, 0, ctx, lambda _written, _number, ctx: render_markdown(
            config.introduction, ctx, collect_headings=False, first_line=config.introduction_line))
        introduction_html = "\n".join(b.html for b in rendered.blocks)
    logo = resolver.resolve(config.logo, course_dir, "course.yml", config.logo_line) if config.logo else None
    return CourseMeta(
        title=config.title,
        subtitle=config.subtitle,
        short_name=config.short_name,
        language=config.language,
        organisation=config.organisation,
        contact=config.contact,
        authors=config.authors,
        licence=config.licence,
        edition=config.edition,
        edition_date=config.edition_date,
        introduction_html=introduction_html,
        logo=logo,
        logo_alt=config.logo_alt,
        moodle=MoodleOptions(config.moodle_layout, config.moodle_start_date, config.moodle_quiz_name,
                             config.moodle_version, config.moodle_url),
        booklet=BookletOptions(config.large_print, config.print_shop, config.pdfx),
        slides=SlidesOptions(config.slides_title, config.question_slides),
    )
