"""Every message in the course's language, its inside too: no English word in a Finnish or Swedish
message (a byte, an operating-system reason, a YAML problem), and no Finnish or Swedish in the others."""

from __future__ import annotations

import errno
import re

import pytest

from builder import wording
from builder.diagnostics import CATALOGUE, Report

from conftest import COURSE_YML, chapter, read
from test_course_reader import CONFIG_BROKEN, TRIGGERS

# Words only one of the three languages uses, as a reader would spot them.
GIVE_AWAYS = {
    "en": {"the", "is", "not", "lines", "characters", "file", "folder", "permission", "denied", "directory",
           "found", "expected", "while", "cannot", "could", "unknown", "regular", "mapping", "scalar", "token",
           "too", "large", "readable", "unsupported", "with", "and", "of", "to", "at", "this", "was", "which"},
    "fi": {"ei", "tiedosto", "tiedostoa", "rivi", "riviä", "kuva", "kuvaa", "tai", "ja", "puuttuu",
           "sarkain", "tavu", "merkkiä", "kansio", "sivunvaihto", "lainausmerkki"},
    "sv": {"och", "inte", "är", "filen", "raden", "rader", "bilden", "eller", "för", "som", "den", "det", "tecken",
           "sidbrytning", "mapp"},
}

# Beyond TRIGGERS: the other reasons a message can carry inside it.
MORE_TRIGGERS = {
    "slide-too-long, characters": {"01-alku.md": chapter("```slides\n## Pitkä\n" + "sana " * 200 + "\n```\n")},
    "file-not-utf8, UTF-16": {"01-alku.md": "---\ntitle: A\n---\n".encode("utf-16-le")},
    "yaml-syntax, tab": {"01-alku.md": "---\ntitle: Alku\n\tsummary: x\n---\n\nTeksti.\n"},
    "yaml-syntax, colon": {"01-alku.md": "---\ntitle: Alku: tärkeää\nsummary: x\n---\n\nTeksti.\n"},
    "image-invalid, SVG": {"01-alku.md": chapter("Teksti.\n\n![Kaavio](kaavio.svg)\n"),
                           "kaavio.svg": b"<svg><script>alert(1)</script></svg>"},
}


def foreign_words(message: str, language: str) -> set[str]:
    """The words of ``message`` that give away another language; quoted course text is not counted."""
    unquoted = re.sub(r"'[^']*'|\S*[./]\S*", "", message)  # quoted text and file names are the course's
    words = set(re.findall(r"[a-zåäö]+", unquoted.lower()))
    return {word for other, give_aways in GIVE_AWAYS.items() if other != language for word in give_aways & words}


def messages_in(files: dict, make_course, language: str, name: str) -> list[str]:
    course_yml = files.get("course.yml", COURSE_YML)
    if course_yml is not None:
        course_yml = course_yml.replace("language: fi", f"language: {language}")
    return [d.message for d in read(make_course({**files, "course.yml": course_yml}, name=name))[1]]


@pytest.mark.parametrize("trigger", sorted(TRIGGERS) + sorted(MORE_TRIGGERS))
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_message_holds_no_word_of_another_language(make_course, trigger, language):
    files = TRIGGERS[trigger][0] if trigger in TRIGGERS else MORE_TRIGGERS[trigger]
    if trigger in CONFIG_BROKEN and language != "fi":
        pytest.skip("without a readable course.yml the language is not known: Finnish")
    messages = messages_in(files, make_course, language, f"{language}-{len(trigger)}")
    assert messages
    for message in messages:
        assert foreign_words(message, language) == set(), message


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_build_and_writer_reasons_are_in_the_course_language(language):
    report = Report(language)
    report.add("output-failed", "course.yml", 1, output=wording.output_name(language, "booklet"),
               detail=wording.os_reason(language, OSError(errno.EACCES, "Permission denied")))
    report.add("output-failed", "course.yml", 1, output=wording.output_name(language, "moodle"),
               detail=wording.say(language, "process-stopped"))
    report.add("render-problem", "course.yml", 1, output="kurssi-booklet.pdf",
               detail=wording.pdf_log_reason(language, "Failed to load image at %r: %s",
                                             ("file:///k/kuvat/kuva.png", "x"), ""))
    report.add("render-problem", "course.yml", 1, output="kurssi-booklet.pdf",
               detail=wording.pdf_log_reason(language, "Ignored `%s: %s` at %d:%d, %s.",
                                             ("colr", "red", 3, 1, "unknown property"), ""))
    report.add("render-problem", "01-alku.md", 1, output="Moodle",
               detail=wording.moodle_reason(language, "unknown image 'kuva.png'"))
    for diagnostic in report:
        assert foreign_words(diagnostic.message, language) == set(), diagnostic.message
        assert "Permission" not in diagnostic.message and "Failed" not in diagnostic.message


@pytest.mark.parametrize("language, expected", [
    ("fi", ["1 virhe", "2 virhettä", "1 varoitus", "0 varoitusta", "1 luku", "7 lukua"]),
    ("sv", ["1 fel", "2 fel", "1 varning", "0 varningar", "1 kapitel", "7 kapitel"]),
    ("en", ["1 error", "2 errors", "1 warning", "0 warnings", "1 chapter", "7 chapters"]),
])
def test_counted_things_take_the_right_plural(language, expected):
    counts = [(1, "error"), (2, "error"), (1, "warning"), (0, "warning"), (1, "chapter"), (7, "chapter")]
    assert [wording.counted(language, n, thing) for n, thing in counts] == expected
