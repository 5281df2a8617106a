"""The backup for Moodle 5.0 and 5.1: the 5.x shape (questions in a question bank activity), checked
element by element against the backup Moodle 5.0 itself wrote, and the choice of backups in course.yml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from builder.diagnostics import Report
from builder.mbz_inspect import inspect_backup
from builder.writers import moodle
from conftest import COURSE_YML, read, write_course
from moodle_factory import build_mbz, make_course, read_mbz, with_moodle_version
from test_moodle_writer import REFERENCE as REFERENCE_44, _kind, _structure, layout, products  # noqa: F401 (fixture)

REFERENCE = REFERENCE_44.parents[1] / "moodle-5.0" / "unpacked"
NOT_WRITTEN = ("activities/label/", "activities/url/")  # modules this writer does not make


@pytest.fixture
def built(tmp_path, layout):
    mbz, report = build_mbz(make_course(tmp_path / "course", layout), tmp_path / "staging", products(tmp_path), "5")
    return mbz, read_mbz(mbz), report


def xml(entries, path):
    return etree.fromstring(entries[path])


def only(entries, pattern) -> str:
    [path] = [p for p in entries if re.fullmatch(pattern, p)]
    return path


# -- element by element against Moodle 5.0 ------------------------------------------------------------


def test_every_file_kind_and_element_of_moodle_50s_backup_and_no_other(tmp_path):
    reference = {str(p.relative_to(REFERENCE)): p.read_bytes() for p in REFERENCE.rglob("*") if p.is_file()}
    ours: dict[str, bytes | None] = {}
    for layout in ("page", "book"):
        mbz, _ = build_mbz(make_course(tmp_path / layout, layout), tmp_path / f"out-{layout}", products(tmp_path), "5")
        ours.update(read_mbz(mbz))
    wanted = {_kind(p) for p in reference if not _kind(p).startswith(NOT_WRITTEN)}
    assert wanted - {_kind(p) for p in ours} == set()
    assert {_kind(p) for p in ours if ours[p] is not None} - wanted == set()

    theirs, mine = _structure(reference), _structure(ours)
    for kind, elements in theirs.items():
        if kind.startswith(NOT_WRITTEN):
            continue
        for path, (children, attributes) in elements.items():
            assert path in mine[kind], f"{kind}: Moodle 5.0 writes {path}, we do not"
            our_children, our_attributes = mine[kind][path]
            assert [c for c in our_children if c in children] == children, f"{kind}: children of {path}"
            assert our_attributes == attributes, f"{kind}: attributes of {path}"
        # Nothing Moodle 5.0 would not write, but the file references a course with files has.
        extra = {p for p in mine[kind] if p not in elements and not p.startswith("/inforef/fileref")}
        assert extra == set(), f"{kind}: we write what Moodle 5.0 does not"


@pytest.mark.parametrize("name", ["calendar.xml", "comments.xml", "competencies.xml", "completion.xml", "filters.xml",
                                  "grade_history.xml", "grades.xml", "roles.xml", "xapistate.xml"])
def test_question_bank_files_that_do_not_depend_on_the_course_equal_moodle_50s(built, name):
    _, entries, _ = built
    base = only(entries, r"activities/qbank_\d+/qbank\.xml").rsplit("/", 1)[0]
    assert entries[f"{base}/{name}"] == (REFERENCE / "activities/qbank_1" / name).read_bytes()


def test_declares_moodle_50_and_has_no_course_question_bank_setting(built):
    mbz, entries, report = built
    assert mbz.name == "nettiopastaja-moodle5.mbz"
    info = xml(entries, "moodle_backup.xml").find("information")
    assert (info.findtext("moodle_version"), info.findtext("backup_release")) == ("2025041400", "5.0")
    assert info.findtext("backup_version") == "2025041400"
    settings = info.xpath("settings/setting[level='root']/name/text()")
    assert "questionbank" not in settings and "activities" in settings
    for module in (p for p in entries if p.endswith("/module.xml")):
        assert xml(entries, module).get("version") == "2025041400"
    assert not report.errors and not report.warnings


# -- the question bank activity -------------------------------------------------------------------------


def test_questions_live_in_a_hidden_question_bank_activity_in_section_0(built):
    _, entries, _ = built
    activity = xml(entries, only(entries, r"activities/qbank_\d+/qbank\.xml"))
    cmid, context = activity.get("moduleid"), activity.get("contextid")
    assert activity.findtext("qbank/type") == "standard"
    assert activity.findtext("qbank/name") == "Kurssin kysymyspankki"
    module = xml(entries, f"activities/qbank_{cmid}/module.xml")
    assert module.findtext("sectionnumber") == "0"
    assert [module.findtext(t) for t in ("visible", "visibleoncoursepage", "visibleold")] == ["0", "0", "0"]
    section0 = next(xml(entries, p) for p in entries if p.endswith("section.xml") and xml(entries, p).findtext("number") == "0")
    assert cmid in section0.findtext("sequence").split(",")

    categories = xml(entries, "questions.xml").findall("question_category")
    assert len(categories) == 3
    for category in categories:
        assert (category.findtext("contextid"), category.findtext("contextlevel"),
                category.findtext("contextinstanceid")) == (context, "70", cmid)
    ids = sorted(c.get("id") for c in categories)
    assert sorted(xml(entries, f"activities/qbank_{cmid}/inforef.xml").xpath("//question_category/id/text()")) == ids
    # Restore reads the categories through the bank's inforef; the course names none any more.
    assert xml(entries, "course/inforef.xml").find("question_categoryref") is None
    # Question files belong to the bank's context, where restore looks for them.
    files = xml(entries, "files.xml").findall("file")
    question_files = [f for f in files if f.findtext("component") == "question"]
    assert question_files and {f.findtext("contextid") for f in question_files} == {context}


def test_quizzes_draw_from_the_bank_by_reference_from_their_own_context(built):
    _, entries, _ = built
    questions = xml(entries, "questions.xml")
    entry_ids = {e.get("id") for e in questions.iter("question_bank_entry")}
    quizzes = [xml(entries, p) for p in entries if re.fullmatch(r"activities/quiz_\d+/quiz\.xml", p)]
    assert len(quizzes) == 2
    slots = 0
    for quiz in quizzes:
        for instance in quiz.iter("question_instance"):
            reference = instance.find("question_reference")
            assert reference.findtext("usingcontextid") == quiz.get("contextid")
            assert (reference.findtext("component"), reference.findtext("questionarea")) == ("mod_quiz", "slot")
            assert reference.findtext("questionbankentryid") in entry_ids
            slots += 1
    assert slots == len(entry_ids) == 5


def test_inspect_finds_no_fault_in_either_layout(built):
    mbz, _, _ = built
    assert inspect_backup(mbz).faults == []


def test_a_course_without_questions_has_no_question_bank_activity(tmp_path, layout):
    mbz, _ = build_mbz(make_course(tmp_path / "c", layout, questions=False), tmp_path / "s", version="5")
    entries = read_mbz(mbz)
    assert not any(p.startswith("activities/qbank_") for p in entries)
    assert entries["questions.xml"] == b'<?xml version="1.0" encoding="UTF-8"?>\n<question_categories>\n</question_categories>'


# -- both backups -------------------------------------------------------------------------------------------


def test_both_writes_the_moodle_4_backup_unchanged_and_the_moodle_5_backup_beside_it(tmp_path, layout):
    course = make_course(tmp_path / "c", layout)
    alone, _ = build_mbz(course, tmp_path / "four", products(tmp_path), "4")
    five, _ = build_mbz(course, tmp_path / "five", products(tmp_path), "5")
    report = Report()
    (tmp_path / "both").mkdir()
    made = moodle.write(with_moodle_version(course, "both"), tmp_path / "both", products(tmp_path), report)
    assert sorted(p.name for p in made.values()) == ["nettiopastaja-moodle5.mbz", "nettiopastaja.mbz"]
    assert made["moodle-mbz"].read_bytes() == alone.read_bytes()
    assert made["moodle-mbz-moodle5"].read_bytes() == five.read_bytes()
    assert not report.errors and not report.warnings
    four = read_mbz(alone)
    assert xml(four, "moodle_backup.xml").findtext("information/backup_release") == "4.4"
    assert not any(p.startswith("activities/qbank_") for p in four)


def test_both_reports_a_problem_of_the_sources_once(tmp_path):
    course = make_course(tmp_path / "c")
    chapter = course.chapters[0]
    broken = chapter.blocks[0].__class__("p", '<p><a href="chapter:puuttuu">x</a></p>', chapter.blocks[0].pos)
    from dataclasses import replace

    course = replace(course, chapters=(replace(chapter, blocks=(broken, *chapter.blocks[1:])), *course.chapters[1:]))
    report = Report()
    (tmp_path / "s").mkdir()
    moodle.write(with_moodle_version(course, "both"), tmp_path / "s", {}, report)
    assert len([d for d in report if d.code == "render-problem"]) == 1


# -- course.yml ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("written, version", [
    (None, "4"), ("4", "4"), ("4.4", "4"), ("4.5", "4"), ("5", "5"), ("5.0", "5"), ("5.1", "5"), ("both", "both"),
    ("'5.0'", "5"), ("Both", "both"),
])
def test_course_yml_names_the_sites_moodle_in_plain_words(tmp_path, written, version):
    yml = COURSE_YML + (f"moodle:\n  version: {written}\n" if written else "")
    course, report = read(write_course(tmp_path / "c", {"course.yml": yml}))
    assert [str(d) for d in report] == []
    assert course.meta.moodle.version == version


@pytest.mark.parametrize("written", ["3.11", "6", "uusin", "yes"])
def test_an_unknown_moodle_version_is_reported_at_its_line(tmp_path, written):
    yml = COURSE_YML + f"moodle:\n  version: {written}\n"
    _, report = read(write_course(tmp_path / "c", {"course.yml": yml}))
    [problem] = [d for d in report if d.code == "key-type"]
    assert problem.line == COURSE_YML.count("\n") + 2
    assert "4, 5, both" in str(problem)


# -- the build option -------------------------------------------------------------------------------------


def test_the_build_option_overrides_course_yml_and_a_new_choice_rebuilds(tmp_path):
    from click.testing import CliRunner

    from builder.cli import main

    course = write_course(tmp_path / "c", {"course.yml": COURSE_YML + "moodle:\n  version: 4\n"})
    out = tmp_path / "out"

    def build(*option: str) -> list[str]:
        result = CliRunner().invoke(main, ["build", str(course), "-o", str(out), "--only", "moodle", *option])
        assert result.exit_code == 0, result.output
        return sorted(Path(line).name for line in result.stdout.splitlines() if line.endswith(".mbz"))

    assert build() == ["testikurssi.mbz"]
    assert build("--moodle", "5") == ["testikurssi-moodle5.mbz"]
    assert build("--moodle", "both") == ["testikurssi-moodle5.mbz", "testikurssi.mbz"]
    five = read_mbz(out / "testikurssi-moodle5.mbz")
    assert xml(five, "moodle_backup.xml").findtext("information/backup_release") == "5.0"
    result = CliRunner().invoke(main, ["build", str(course), "--moodle", "6"])
    assert result.exit_code == 2 and "6" in result.output
