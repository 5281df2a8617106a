"""inspect_backup: the listing of any backup, and each structural fault found when injected."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.mbz_inspect import inspect_backup
from moodle_factory import build_mbz, make_course, make_pdf, read_mbz, write_mbz

SHARED = Path("/work/shared/moodle-reference")


@pytest.mark.parametrize("version", ["moodle-4.4", "moodle-4.5"])
def test_moodles_own_backups_list_without_faults(version):
    result = inspect_backup(SHARED / version / "reference-course.mbz")
    assert result.faults == []
    text = "\n".join(result.lines)
    assert "Reference course [REF1]" in text
    assert "Sections: 4, activities: 6" in text
    for expected in ("Section 1: Introduction", "page", "Reference page", "book", "quiz", "Reference quiz"):
        assert expected in text
    assert "mod_book/chapter/" in text and "book-image.png  579 bytes  image/png" in text
    assert "mod_resource/content/0/reference.pdf" in text
    assert "Question bank: 2 categories, 2 questions" in text
    assert ": Capital of France  (multichoice, one answer, 4 options)  [Default for REF1]" in text
    assert ": Sky is blue  (truefalse, 2 options)  [Default for REF1]" in text


@pytest.fixture
def ours(tmp_path) -> tuple[Path, dict]:
    course = make_course(tmp_path / "course")
    products = {"booklet-pdf": make_pdf(tmp_path / "opas.pdf", "x")}
    mbz, _ = build_mbz(course, tmp_path / "staging", products)
    return mbz, read_mbz(mbz)


def test_our_backup_lists_sections_activities_and_files(ours):
    mbz, _ = ours
    result = inspect_backup(mbz)
    assert result.faults == []
    assert result.lines[1] == "Course: Nettiopastajan kurssi & opas [nettiopastaja], format topics"
    text = "\n".join(result.lines)
    assert "  Section 1: 1. Vapaaehtoisena opastajana  [sections/section_2]" in text
    assert "    page 2: Lue luku: Vapaaehtoisena opastajana  [activities/page_2]" in text
    assert "    resource 1: Kurssimateriaali (PDF)  [activities/resource_1]" in text
    assert "mod_page/content/0/ikäihminen ja tabletti.png" in text
    assert "course/summary/0/kuva.png" in text
    assert "    quiz 5: Testaa osaamisesi – 1. Vapaaehtoisena opastajana  [activities/quiz_5]" in text
    assert "  Category 2: 1. Vapaaehtoisena opastajana  (context 2, 3 questions)" in text
    assert "  quiz 5: Testaa osaamisesi – 1. Vapaaehtoisena opastajana  (3 slots, immediatefeedback, attempts unlimited)" in text
    assert "    slot 3: entry 3: Mitkä kolme?  (multichoice, several answers, 5 options)" in text
    assert "question/questiontext/1/työnjako.png" in text


def _inject(tmp_path, entries, change) -> list[str]:
    entries = dict(entries)
    change(entries)
    return inspect_backup(write_mbz(entries, tmp_path / "broken.mbz")).faults


def test_fault_xml_not_well_formed(tmp_path, ours):
    def change(entries):
        entries["activities/page_2/page.xml"] = entries["activities/page_2/page.xml"].replace(b"</page>", b"</pag>")

    [fault] = _inject(tmp_path, ours[1], change)
    assert fault.startswith("activities/page_2/page.xml: XML is not well formed")


def test_fault_pluginfile_reference_without_file_entry(tmp_path, ours):
    def change(entries):
        page = entries["activities/page_3/page.xml"]
        entries["activities/page_3/page.xml"] = page.replace(b"@@PLUGINFILE@@/kuva-2.png", b"@@PLUGINFILE@@/puuttuu.png")

    faults = _inject(tmp_path, ours[1], change)
    assert faults == [
        "activities/page_3/page.xml: <content> refers to @@PLUGINFILE@@/puuttuu.png, "
        "but files.xml has no such file in mod_page/content/0 of context 5"
    ]


def test_fault_reference_resolving_only_in_another_area(tmp_path, ours):
    """The file exists, but in another activity's context: it would not display after restore."""

    def change(entries):
        page = entries["activities/page_2/page.xml"]
        entries["activities/page_2/page.xml"] = page.replace(b"ty%C3%B6njako.png", b"kuva-2.png")

    [fault] = _inject(tmp_path, ours[1], change)
    assert "@@PLUGINFILE@@/kuva-2.png" in fault


def test_fault_file_entry_without_content(tmp_path, ours):
    _, entries = ours
    pooled = next(p for p, d in entries.items() if p.startswith("files/") and d is not None)
    faults = _inject(tmp_path, entries, lambda e: e.pop(pooled))
    assert faults and all("has no content" in f and pooled in f for f in faults)


def test_fault_activity_folder_missing(tmp_path, ours):
    def change(entries):
        for path in [p for p in entries if p.startswith("activities/page_3")]:
            del entries[path]

    faults = _inject(tmp_path, ours[1], change)
    assert "activity page 3 ('Lue luku: Salassapito'): its folder activities/page_3/ is missing" in faults


def test_fault_file_not_in_any_inforef(tmp_path, ours):
    def change(entries):
        entries["activities/page_2/inforef.xml"] = b'<?xml version="1.0" encoding="UTF-8"?>\n<inforef>\n</inforef>'

    faults = _inject(tmp_path, ours[1], change)
    assert faults and all("is named in no inforef.xml" in f for f in faults)


def test_fault_not_an_archive(tmp_path):
    path = tmp_path / "x.mbz"
    path.write_bytes(b"not a backup")
    [fault] = inspect_backup(path).faults
    assert fault.startswith("x.mbz: not a readable backup archive")


def test_fault_no_moodle_backup_xml(tmp_path, ours):
    faults = _inject(tmp_path, ours[1], lambda e: e.pop("moodle_backup.xml"))
    assert faults == ["moodle_backup.xml is missing: this is not a Moodle 2+ backup"]


def test_cli_exits_1_on_a_fault_and_0_on_a_sound_backup(tmp_path, ours):
    from click.testing import CliRunner

    from builder.cli import main

    mbz, entries = ours
    sound = CliRunner().invoke(main, ["inspect", str(mbz)])
    assert sound.exit_code == 0 and "Sections: 4, activities: 6" in sound.output
    broken = write_mbz({k: v for k, v in entries.items() if k != "files.xml"}, tmp_path / "broken.mbz")
    result = CliRunner().invoke(main, ["inspect", str(broken)])
    assert result.exit_code == 1 and "files.xml is missing" in result.output


# -- question bank and quiz faults ------------------------------------------------------------------


def _replace(entries, path: str, old: bytes, new: bytes, count: int = 1) -> None:
    assert old in entries[path], (path, old)
    entries[path] = entries[path].replace(old, new, count)


def test_fault_quiz_slot_refers_to_a_missing_question(tmp_path, ours):
    def change(entries):
        _replace(entries, "activities/quiz_5/quiz.xml", b"<questionbankentryid>2<", b"<questionbankentryid>99<")

    assert _inject(tmp_path, ours[1], change) == [
        "activities/quiz_5/quiz.xml: slot 2 refers to question bank entry 99, which questions.xml does not have"
    ]


def test_fault_question_category_named_in_no_inforef(tmp_path, ours):
    def change(entries):
        category = b"\n    <question_category>\n      <id>3</id>\n    </question_category>"
        for path in ("course/inforef.xml", "activities/quiz_5/inforef.xml", "activities/quiz_6/inforef.xml"):
            _replace(entries, path, category, b"")

    faults = _inject(tmp_path, ours[1], change)
    assert faults[0] == ("questions.xml: category 3 ('3. Tietoturva & <salasanat> \"lainaus\" ]]> 🔐') is named "
                         "in no inforef.xml, so restore skips it and its 2 questions")
    assert faults[1:] == [
        "activities/quiz_6/quiz.xml: slot 1's question is in a category no inforef.xml names",
        "activities/quiz_6/quiz.xml: slot 2's question is in a category no inforef.xml names",
    ]


def test_fault_inforef_names_a_category_questions_xml_lacks(tmp_path, ours):
    def change(entries):
        _replace(entries, "activities/quiz_5/inforef.xml", b"<question_category>\n      <id>3<",
                 b"<question_category>\n      <id>7<")

    assert _inject(tmp_path, ours[1], change) == [
        "activities/quiz_5/inforef.xml: question category 7 is not in questions.xml"
    ]


def test_fault_two_top_categories(tmp_path, ours):
    def change(entries):
        _replace(entries, "questions.xml", b"<parent>1</parent>", b"<parent>0</parent>")

    assert _inject(tmp_path, ours[1], change) == [
        "questions.xml: context 2 has 2 top categories; restore refuses the backup"
    ]


def test_fault_multiple_answer_shares_not_adding_up_to_one(tmp_path, ours):
    def change(entries):
        _replace(entries, "questions.xml", b"<fraction>0.5000000</fraction>", b"<fraction>0.4000000</fraction>")

    assert _inject(tmp_path, ours[1], change) == [
        "questions.xml: question 4 ('Text & <code> \"quoted\" ]]> 😀 – valitse molemmat'): "
        "the right answers' fractions add up to 0.9, not 1"
    ]


def test_fault_single_answer_question_without_a_right_answer(tmp_path, ours):
    def change(entries):
        _replace(entries, "questions.xml", b"<fraction>1.0000000</fraction>", b"<fraction>0.5000000</fraction>")

    assert _inject(tmp_path, ours[1], change) == [
        "questions.xml: question 1 ('Mikä kuva?'): no answer has fraction 1, so nobody can answer it right"
    ]


def test_fault_true_false_answer_pointing_elsewhere(tmp_path, ours):
    def change(entries):
        _replace(entries, "questions.xml", b"<trueanswer>3</trueanswer>", b"<trueanswer>9</trueanswer>")

    assert _inject(tmp_path, ours[1], change) == [
        "questions.xml: question 2 ('Opastaja korjaa laitteet.'): trueanswer '9' is not one of its answers"
    ]


def test_fault_question_reference_in_another_context(tmp_path, ours):
    def change(entries):
        _replace(entries, "activities/quiz_5/quiz.xml", b"<usingcontextid>7<", b"<usingcontextid>3<")

    assert _inject(tmp_path, ours[1], change) == [
        "activities/quiz_5/quiz.xml: slot 1's question reference uses context 3, not the quiz's context 7"
    ]
