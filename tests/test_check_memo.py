"""`coursebuild check` keeps what the slide check said (builder.checks.check_slide_text, through
builder.readers.chapter_memo.kept_check): it is said again, without building and fitting the deck,
only when everything the deck is made of is as it was, and it is what checking anew says."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from builder import checks
from builder.checks import check_outputs, deck_inputs
from builder.diagnostics import Report
from builder.readers import chapter_memo
from builder.readers.course import read_course
from builder.readers.editions import read_translations
from conftest import chapter, write_course
from test_check_parity import BESIDE_A_PICTURE, COURSES, EXPECTED

SAMPLE = Path(__file__).resolve().parent.parent / "course"


@pytest.fixture(autouse=True)
def switched_off_afterwards():
    yield
    chapter_memo.remember_chapter_reads(False)


@pytest.fixture
def fitted(monkeypatch) -> list[str]:
    """The chapter files of each course whose deck the slide check builds and fits from now on."""
    fits: list[str] = []
    real = checks._check_slide_text
    monkeypatch.setattr(checks, "_check_slide_text",
                        lambda course, report: fits.append(course.chapters[0].source) or real(course, report))
    return fits


def _said(course, language: str = "fi", root: str = "course") -> list[str]:
    report = Report(language, root)
    check_outputs(course, report)
    return [str(d) for d in report]


def _read(folder: Path):
    report = Report()
    course = read_course(folder, report)
    assert course is not None, [str(d) for d in report]
    return course


@pytest.mark.parametrize("name", COURSES)
def test_what_is_said_from_memory_is_what_checking_anew_says(name, tmp_path, fitted):
    course = _read(write_course(tmp_path / "course", COURSES[name]))
    anew = _said(course)
    assert anew and {line.split(": ")[1].split(" ")[0] for line in anew} <= {code for *_, code in EXPECTED[name]}
    chapter_memo.remember_chapter_reads()
    assert _said(course) == anew and _said(_read(tmp_path / "course")) == anew
    assert len(fitted) == 2  # anew, then the first time remembering: the third from memory


def test_an_edited_slide_is_checked_again_and_an_edited_body_is_not(tmp_path, fitted):
    files = {"01-a.md": chapter("Teksti.\n\n" + BESIDE_A_PICTURE), "kuva.png": COURSES[
        "text beside a picture that does not fit"]["kuva.png"]}
    folder = write_course(tmp_path / "course", files)
    chapter_memo.remember_chapter_reads()
    too_long = _said(_read(folder))
    assert len(too_long) == 1 and "slide-too-long" in too_long[0]
    (folder / "01-a.md").write_text(chapter("Toinen teksti.\n\n" + BESIDE_A_PICTURE), encoding="utf-8")
    assert _said(_read(folder)) == too_long and len(fitted) == 1  # the body is no slide's
    short = BESIDE_A_PICTURE.replace("- Tämä kohta on niin pitkä, että se jatkuu riville\n", "", 6)
    (folder / "01-a.md").write_text(chapter("Toinen teksti.\n\n" + short), encoding="utf-8")
    edited = _read(folder)
    assert _said(edited) == [] and len(fitted) == 2
    chapter_memo.remember_chapter_reads(False)
    assert _said(edited) == []


def test_what_was_said_is_kept_for_the_same_language_and_root_only(tmp_path, fitted):
    course = _read(write_course(tmp_path / "course", COURSES["text no slide can show"]))
    chapter_memo.remember_chapter_reads()
    ways = [("fi", "course"), ("sv", "course"), ("fi", "muu"), ("fi", "course")]
    said = [_said(course, language, root) for language, root in ways]
    assert len(fitted) == 3 and said[0] == said[3]
    chapter_memo.remember_chapter_reads(False)
    assert said == [_said(course, language, root) for language, root in ways]
    assert len({tuple(lines) for lines in said}) == 3


def test_the_deck_is_made_of_deck_inputs_alone(tmp_path):
    """What deck_inputs leaves out, the chapters' bodies and headings, changes nothing in the deck."""
    from builder.writers.slides.deck import build_deck

    shutil.copytree(SAMPLE, tmp_path / "course")
    if (SAMPLE.parent / "assets").is_dir():
        shutil.copytree(SAMPLE.parent / "assets", tmp_path / "assets")
    report = Report()
    sample = read_translations(_read(tmp_path / "course"), tmp_path / "course", tmp_path / "assets", report)
    courses = [sample, *sample.translations]
    for number, files in enumerate(COURSES.values()):
        courses.append(_read(write_course(tmp_path / f"course{number}", files)))
    for course in courses:
        bare = replace(course, chapters=tuple(replace(c, blocks=(), headings=()) for c in course.chapters))
        assert deck_inputs(bare) == deck_inputs(course)
        assert build_deck(bare) == build_deck(course)


def test_equal_inputs_are_taken_for_the_same_however_their_objects_are_shared():
    """A chapter read anew and one taken from the cache are equal, their objects shared otherwise."""
    chapter_memo.remember_chapter_reads()
    runs: list[tuple] = []
    text = "sana " * 20
    for inputs in ((text, text), (text, "".join(["sana "] * 20)), (text, text + " ")):
        chapter_memo.kept_check("test", inputs, Report(), lambda own, inputs=inputs: runs.append(inputs))
    assert len(runs) == 2 and runs[1][1].endswith("  ")


def test_the_files_the_editions_depend_on_are_looked_at_once_for_them_all(tmp_path, monkeypatch):
    """editions._inputs walks the course and the assets and hashes every small file (2 ms for the sample):
    the same for each edition, so read once; an edition's reading kept is still taken only when they match."""
    from builder.readers import editions

    shutil.copytree(SAMPLE, tmp_path / "course")
    if (SAMPLE.parent / "assets").is_dir():
        shutil.copytree(SAMPLE.parent / "assets", tmp_path / "assets")
    looked: list[Path] = []
    real = editions._inputs
    monkeypatch.setattr(editions, "_inputs", lambda course_dir, *args: looked.append(course_dir) or
                        real(course_dir, *args))
    monkeypatch.setattr(editions, "_READS", {})
    folder = tmp_path / "course"
    source = _read(folder)
    first = read_translations(source, folder, tmp_path / "assets", Report())
    assert len(first.translations) == 2 and len(looked) == 1
    again = read_translations(source, folder, tmp_path / "assets", Report())
    assert all(a is b for a, b in zip(again.translations, first.translations))  # both kept, as before
    (tmp_path / "assets" / "uusi.txt").write_text("muuttui", encoding="utf-8")
    third = read_translations(source, folder, tmp_path / "assets", Report())
    assert third.translations == first.translations and third.translations[1] is not first.translations[1]
    assert len(looked) == 3
