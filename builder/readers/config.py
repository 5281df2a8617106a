"""Reading and checking ``course.yml`` into the course metadata."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable

from builder.diagnostics import Report
from builder.readers.nearest import nearest_setting
from builder.readers.text import harmless_text, note_shown, without_comments
from builder.readers.yaml_doc import YamlDoc, as_date

SHORT_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LANGUAGES = ("fi", "sv", "en")
# The language editions a course may have (builder.readers.editions): tag -> the language of its text.
TRANSLATION_TAGS = {"fi": "fi", "sv": "sv", "en": "en", "fi-selko": "fi"}
# The name of the chapters' quizzes when course.yml names none, in the course's language.
QUIZ_NAMES = {"fi": "Testaa osaamisesi", "sv": "Testa dina kunskaper", "en": "Test your knowledge"}


@dataclass(frozen=True)
class RawConfig:
    """course.yml's values after type checks; paths and Markdown are resolved by the course reader."""

    title: str
    subtitle: str
    short_name: str
    language: str
    organisation: str
    contact: str
    authors: tuple[str, ...]
    licence: str
    edition: str
    edition_date: dt.date
    introduction: str
    introduction_line: int  # the line the introduction's text starts on
    logo: str | None
    logo_line: int
    logo_alt: str  # what the logo shows, for screen readers: the course title unless course.yml says
    moodle_layout: str
    moodle_start_date: dt.date | None
    moodle_quiz_name: str
    moodle_version: str
    moodle_url: str  # the restored course's https address, or ''
    large_print: bool
    print_shop: bool
    pdfx: str
    slides_title: str
    question_slides: bool
    translations: tuple[str, ...] = ()  # the language editions' tags, each a folder beside the chapters
    translations_line: int = 1


def _text(v: Any) -> str | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (str, int, float)):
        return str(v).strip()
    return None


def text_value(doc: YamlDoc, key: str, value: Any) -> Any:
    """``value`` of the setting ``key`` where the setting is text: a yes or no of YAML's (title: No,
    summary: On) is the word as written, which is what the trainer meant."""
    return doc.words.get(key, value) if value is True or value is False else value


def _text_list(v: Any) -> tuple[str, ...] | None:
    if isinstance(v, str):
        return (v.strip(),)
    if isinstance(v, list) and all(_text(x) is not None for x in v):
        return tuple(_text(x) for x in v)  # type: ignore[misc]
    return None


def _bool(v: Any) -> bool | None:
    return v if isinstance(v, bool) else None


def _one_of(*choices: str) -> Callable[[Any], str | None]:
    def check(v: Any) -> str | None:
        return v if isinstance(v, str) and v in choices else None

    return check


def _archive_date(v: Any) -> dt.date | None:
    """A date the outputs can hold: the edition date stamps every file in the .zip-based PowerPoint
    (1980-2107) and the .mbz archive, so 1969-01-01 or 2200-01-01 would break them."""
    date = as_date(v)
    return date if date is not None and dt.date(1980, 1, 1) <= date <= dt.date(2107, 12, 31) else None


# What a trainer may write for moodle.version: the major version, the number the site shows
# ('Moodle 4.5' in its footer), or both; -> the backups to write ('4', '5' or 'both').
MOODLE_VERSIONS = {"4": "4", "4.4": "4", "4.5": "4", "5": "5", "5.0": "5", "5.1": "5", "both": "both"}


def _moodle_version(v: Any) -> str | None:
    if isinstance(v, bool) or not isinstance(v, (str, int, float)):
        return None
    return MOODLE_VERSIONS.get(str(v).strip().lower())


def _pdfx(v: Any) -> str | None:
    """'X-4', 'x-4', 'PDF/X-4' or 'X4' -> 'X-4'; the same for X-1a."""
    text = _text(v)
    if text is None:
        return None
    return {"X4": "X-4", "X1A": "X-1a"}.get(text.upper().removeprefix("PDF/").replace("-", ""))


def moodle_course_address(v: str) -> bool:
    """Whether ``v`` can be a Moodle course's address to print: https, a host with a dot, no
    spaces, no user name or password (printed under a QR code for anyone to read)."""
    from urllib.parse import urlsplit

    if any(c.isspace() for c in v):
        return False
    try:
        parts = urlsplit(v)
        port = parts.port  # raises on a port that is not a number
    except ValueError:
        return False
    host = parts.hostname or ""
    return (parts.scheme == "https" and "." in host.strip(".") and "@" not in parts.netloc
            and (port is None or 0 < port < 65536))


def _translation_tags(v: Any) -> tuple[str, ...] | None:
    tags = _text_list(v) if v != [] else ()
    if tags is None or any(tag not in TRANSLATION_TAGS for tag in tags) or len(set(tags)) < len(tags):
        return None
    return tags


def _short_name(v: Any) -> str | None:
    return v if isinstance(v, str) and SHORT_NAME.match(v) else None


# key -> (required, converter, expected wording)
FIELDS: dict[str, tuple[bool, Callable[[Any], Any], str]] = {
    "title": (True, _text, "text"),
    "subtitle": (False, _text, "text"),
    "short_name": (True, _short_name, "lower-case letters, digits and '-'"),
    "language": (True, _one_of(*LANGUAGES), "one of fi, sv, en"),
    "organisation": (True, _text, "text"),
    "contact": (False, _text, "text"),
    "authors": (True, _text_list, "a list of texts"),
    "licence": (True, _text, "text"),
    "edition": (True, _text, "text"),
    "edition_date": (True, _archive_date, "a date (YYYY-MM-DD) from 1980 to 2107"),
    "introduction": (False, _text, "text"),
    "logo": (False, _text, "a path to an image"),
    "logo_alt": (False, _text, "text"),
    "moodle.layout": (False, _one_of("page", "book"), "one of page, book"),
    "moodle.start_date": (False, _archive_date, "a date (YYYY-MM-DD) from 1980 to 2107"),
    "moodle.quiz_name": (False, _text, "text"),
    "moodle.version": (False, _moodle_version, "one of 4, 5, both"),
    "moodle.url": (False, _text, "text"),
    "booklet.large_print": (False, _bool, "yes or no"),
    "booklet.print_shop": (False, _bool, "yes or no"),
    "booklet.pdfx": (False, _pdfx, "one of X-4, X-1a"),
    "slides.title": (False, _text, "text"),
    "slides.question_slides": (False, _bool, "yes or no"),
    "translations": (False, _translation_tags, "a list of language tags: sv, fi-selko, en, fi"),
}
GROUPS = ("moodle", "booklet", "slides")
# Shown as plain text everywhere (Moodle names, the cover, PowerPoint): markup in them is removed.
PLAIN_TEXT = ("title", "subtitle", "organisation", "contact", "authors", "licence", "edition", "logo_alt",
              "moodle.quiz_name", "slides.title")


def _plain_setting(value: Any, key: str, doc: YamlDoc, shown: str, report: Report) -> Any:
    """``value`` (text or a tuple of texts) without markup, with a warning where some was removed."""
    if value is None:
        return None
    texts = value if isinstance(value, tuple) else (value,)
    cleaned = tuple(harmless_text(text) for text in texts)
    for text, clean in zip(texts, cleaned):
        if without_comments(text) != clean:  # a comment goes without a word, as from the text
            report.add("html-removed", shown, doc.line(key), detail=text.strip()[:40])
        if note_shown(clean):
            report.add("note-to-self-shown", shown, doc.line(key), note=note_shown(clean))
    return cleaned if isinstance(value, tuple) else cleaned[0]


def read_config(doc: YamlDoc, shown: str, report: Report) -> RawConfig | None:
    values: dict[str, Any] = {}
    ok = True
    flat: dict[str, Any] = {}
    for key, value in doc.values.items():
        if key in GROUPS:
            if not isinstance(value, dict):
                report.add("key-type", shown, doc.line(key), key=key, expected="a mapping of settings")
                ok = False
                continue
            for sub, subvalue in value.items():
                flat[f"{key}.{sub}"] = subvalue
        else:
            flat[key] = value
    for key in flat:
        if key not in FIELDS:
            report.add("key-unknown", shown, doc.line(key), key=key, suggestion=nearest_setting(key, FIELDS))
    for key, (required, convert, expected) in FIELDS.items():
        if key not in flat or flat[key] is None:
            if required:
                report.add("key-missing", shown, doc.first_line, key=key)
                ok = False
            values[key] = None
            continue
        converted = convert(text_value(doc, key, flat[key]) if convert is _text else flat[key])
        if key in PLAIN_TEXT:
            converted = _plain_setting(converted, key, doc, shown, report)
        if converted is None or converted == "" and required:
            report.add("key-type", shown, doc.line(key), key=key, expected=expected)
            ok = False
        values[key] = converted
    url = values["moodle.url"]
    if url and not moodle_course_address(url):
        report.add("moodle-url-invalid", shown, doc.line("moodle.url"), value=url[:80])
        ok = False
    if not ok:
        return None
    return RawConfig(
        title=values["title"],
        subtitle=values["subtitle"] or "",
        short_name=values["short_name"],
        language=values["language"],
        organisation=values["organisation"],
        contact=values["contact"] or "",
        authors=values["authors"],
        licence=values["licence"],
        edition=values["edition"],
        edition_date=values["edition_date"],
        introduction=values["introduction"] or "",
        introduction_line=doc.text_line("introduction"),
        logo=values["logo"] or None,
        logo_line=doc.line("logo"),
        logo_alt=values["logo_alt"] or values["title"],
        moodle_layout=values["moodle.layout"] or "page",
        moodle_start_date=values["moodle.start_date"],
        moodle_quiz_name=values["moodle.quiz_name"] or QUIZ_NAMES[values["language"]],
        moodle_version=values["moodle.version"] or "4",
        moodle_url=url or "",
        large_print=bool(values["booklet.large_print"]),
        print_shop=bool(values["booklet.print_shop"]),
        pdfx=values["booklet.pdfx"] or "X-4",
        slides_title=values["slides.title"] or "",
        question_slides=bool(values["slides.question_slides"]),
        translations=values["translations"] or (),
        translations_line=doc.line("translations"),
    )
