"""The preview's Moodle page shows the course as the chosen Moodle version would (course.yml's
moodle.version): the backups it names are the files the build writes, the course page is what the
restored course shows, and the teacher is told where the questions are in each version."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from builder.diagnostics import Report
from builder.preview.overview import moodle_backups, moodle_sections, overview_html
from builder.readers.course import read_course
from builder.scaffold import create_course
from builder.writers import moodle
from moodle_factory import read_mbz, with_layout, with_moodle_version


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    return create_course(tmp_path_factory.mktemp("preview") / "kurssi")


def _course(folder: Path, version: str, layout: str = "page"):
    report = Report()
    course = read_course(folder, report)
    assert course is not None, [str(d) for d in report]
    return with_moodle_version(with_layout(course, layout), version)


def _backups(course, staging: Path) -> dict[str, dict[str, bytes | None]]:
    """What the Moodle writer writes for the course: file name -> the backup's entries."""
    staging.mkdir()
    written = moodle.write(course, staging, {}, Report()).values()
    return {path.name: read_mbz(path) for path in written}


def _course_page(entries) -> list[list[str]]:
    """[section name, [activity names]] as the restored course page lists them to anyone: Moodle
    never displays a question bank activity (mod_qbank: FEATURE_CAN_DISPLAY false)."""
    contents = etree.fromstring(entries["moodle_backup.xml"]).find("information/contents")
    page = {s.findtext("sectionid"): [s.findtext("title"), []] for s in contents.iter("section")}
    for activity in contents.iter("activity"):
        if activity.findtext("modulename") != "qbank":
            page[activity.findtext("sectionid")][1].append(activity.findtext("title"))
    return list(page.values())


@pytest.mark.parametrize("version", ["4", "5", "both"])
@pytest.mark.parametrize("layout", ["page", "book"])
def test_the_overview_names_the_backups_the_build_writes_and_their_course_page(example, tmp_path, version, layout):
    course = _course(example, version, layout)
    backups = _backups(course, tmp_path / "staging")
    notes = moodle_backups(course)
    assert [n.filename for n in notes] == list(backups)
    assert [n.sites for n in notes] == {"4": ["4.4, 4.5"], "5": ["5.0, 5.1"], "both": ["4.4, 4.5", "5.0, 5.1"]}[version]
    overview = moodle_sections(course, [], "opas.html", str)
    shown = [[s.name, [a.name for a in s.activities]] for s in overview][1:]
    for entries in backups.values():
        assert _course_page(entries)[1:] == shown  # the same course page in 4.x and 5.x
    page = overview_html(course, [], "opas.html", str)
    for name in backups:
        assert f"<code>{name}</code>" in page


def test_the_teacher_is_told_where_the_questions_are_in_each_version(example, tmp_path):
    course = _course(example, "both")
    backups = _backups(course, tmp_path / "staging")
    questions = sum(len(ch.questions) for ch in course.chapters)
    four, five = moodle_backups(course)
    assert four.questions == f"{questions} kysymystä kurssin kysymyspankissa (Lisää › Kysymyspankki)."
    # Moodle 5: in the question bank activity the 5.x backup carries, named as there.
    contents = etree.fromstring(backups[five.filename]["moodle_backup.xml"]).find("information/contents")
    [bank] = [a.findtext("title") for a in contents.iter("activity") if a.findtext("modulename") == "qbank"]
    assert five.questions == (f"{questions} kysymystä kysymyspankissa ”{bank}”, jota Moodle ei näytä kurssisivulla "
                              "kenellekään; opettaja avaa sen kohdasta Lisää › Kysymyspankit.")
    contents = etree.fromstring(backups[four.filename]["moodle_backup.xml"]).find("information/contents")
    assert all(a.findtext("modulename") != "qbank" for a in contents.iter("activity"))


def test_a_course_without_questions_says_nothing_about_them(example, tmp_path):
    course = _course(example, "both")
    course = replace(course, chapters=tuple(replace(ch, questions=()) for ch in course.chapters))
    assert [n.questions for n in moodle_backups(course)] == ["", ""]
    assert "kysymyspankissa" not in overview_html(course, [], "opas.html", str)
