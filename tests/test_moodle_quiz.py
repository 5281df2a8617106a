"""Self-check quizzes in the Moodle backup: a quiz per chapter with questions, set up for
self-study, drawing on the course question bank (a category per chapter), checked without a Moodle."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from builder.mbz_inspect import inspect_backup
from builder.model import SourcePos
from builder.writers.moodle.question_bank import MOODLE_FRACTIONS, moodle_fraction
from moodle_factory import TRICKY_TITLE, build_mbz, make_course, read_mbz

REFERENCE = Path("/work/shared/moodle-reference/moodle-4.4/unpacked")
DURING, IMMEDIATELY_AFTER, LATER_WHILE_OPEN, AFTER_CLOSE = 0x10000, 0x01000, 0x00100, 0x00010


@pytest.fixture(params=["page", "book"])
def layout(request) -> str:
    return request.param


@pytest.fixture
def built(tmp_path, layout):
    course = make_course(tmp_path / "course", layout)
    mbz, report = build_mbz(course, tmp_path / "staging")
    return course, mbz, read_mbz(mbz), report


def xml(entries, path):
    return etree.fromstring(entries[path])


def quizzes(entries) -> list[etree._Element]:
    """The <activity> of each quiz, in section order."""
    paths = [p for p in entries if re.fullmatch(r"activities/quiz_\d+/quiz\.xml", p)]
    return sorted((xml(entries, p) for p in paths), key=lambda a: int(_module(entries, a).findtext("sectionnumber")))


def _module(entries, activity):
    return xml(entries, f"activities/quiz_{activity.get('moduleid')}/module.xml")


def bank(entries) -> dict[str, etree._Element]:
    """question bank entry id -> <question_bank_entry>."""
    return {e.get("id"): e for e in xml(entries, "questions.xml").iter("question_bank_entry")}


def question_of(entry):
    return entry.find("question_version/question_versions/questions/question")


# -- where the quizzes are -------------------------------------------------------------------------


def test_each_chapter_with_questions_has_a_quiz_in_its_section_after_its_text(built):
    course, _, entries, report = built
    assert list(report) == []
    found = quizzes(entries)
    with_questions = [c for c in course.chapters if c.questions]
    assert len(found) == len(with_questions) == 2  # the second chapter has none
    for activity, chapter in zip(found, with_questions):
        # Named after its chapter too: the gradebook's columns and a teacher's lists tell them apart.
        assert activity.findtext("quiz/name") == f"Testaa osaamisesi – {chapter.number}. {chapter.title}"
        assert _module(entries, activity).findtext("sectionnumber") == str(chapter.number)
    sections = {int(s.findtext("number")): s.findtext("sequence").split(",")
                for s in (xml(entries, p) for p in entries if p.endswith("/section.xml"))}
    for activity, chapter in zip(found, with_questions):
        assert sections[chapter.number][-1] == activity.get("moduleid")  # after the chapter's page, if any


def test_quiz_name_comes_from_course_yml(tmp_path):
    course = make_course(tmp_path / "course")
    course = replace(course, meta=replace(course.meta, moodle=replace(course.meta.moodle, quiz_name="Itsearviointi")))
    mbz, _ = build_mbz(course, tmp_path / "staging")
    entries = read_mbz(mbz)
    names = ["Itsearviointi – 1. Vapaaehtoisena opastajana", f"Itsearviointi – 3. {TRICKY_TITLE}"]
    assert [q.findtext("quiz/name") for q in quizzes(entries)] == names
    info = xml(entries, "moodle_backup.xml").find("information")
    listed = info.findall("contents/activities/activity")
    titles = [a.findtext("title") for a in listed if a.findtext("modulename") == "quiz"]
    assert titles == names
    for quiz in quizzes(entries):
        [item] = xml(entries, f"activities/quiz_{quiz.get('moduleid')}/grades.xml").iter("grade_item")
        assert item.findtext("itemname") == quiz.findtext("quiz/name")


# -- self-study settings ---------------------------------------------------------------------------


def test_quizzes_are_for_self_study(built):
    _, _, entries, _ = built
    for activity in quizzes(entries):
        quiz = activity.find("quiz")
        assert quiz.findtext("preferredbehaviour") == "immediatefeedback"
        assert quiz.findtext("attempts_number") == "0"  # unlimited
        assert quiz.findtext("timelimit") == quiz.findtext("timeopen") == quiz.findtext("timeclose") == "0"
        for option in ("reviewattempt", "reviewcorrectness", "reviewspecificfeedback", "reviewgeneralfeedback",
                       "reviewrightanswer", "reviewmarks"):
            shown = int(quiz.findtext(option))
            for moment in (DURING, IMMEDIATELY_AFTER, LATER_WHILE_OPEN, AFTER_CLOSE):
                assert shown & moment, option
        assert "Saat palautteen heti" in quiz.findtext("intro")


def test_a_quiz_is_complete_once_attempted(built):
    _, _, entries, _ = built
    for activity in quizzes(entries):
        module = _module(entries, activity)
        assert (module.findtext("completion"), module.findtext("completionview")) == ("2", "0")
        assert module.findtext("completionpassgrade") == "0"
        quiz = activity.find("quiz")
        assert (quiz.findtext("completionminattempts"), quiz.findtext("completionattemptsexhausted")) == ("1", "0")


# -- slots and the question bank ---------------------------------------------------------------------


def test_slots_hold_the_chapters_questions_in_order_from_its_category(built):
    course, _, entries, _ = built
    entries_by_id = bank(entries)
    categories = {c.get("id"): c.findtext("name") for c in xml(entries, "questions.xml").findall("question_category")}
    for activity, chapter in zip(quizzes(entries), [c for c in course.chapters if c.questions]):
        slots = activity.findall("quiz/question_instances/question_instance")
        assert [s.findtext("slot") for s in slots] == [str(n) for n in range(1, len(chapter.questions) + 1)]
        assert {s.findtext("maxmark") for s in slots} == {"1.0000000"}
        assert activity.findtext("quiz/sumgrades") == f"{len(slots)}.00000"
        for slot, question in zip(slots, chapter.questions):
            reference = slot.find("question_reference")
            assert reference.findtext("usingcontextid") == activity.get("contextid")
            assert (reference.findtext("component"), reference.findtext("questionarea")) == ("mod_quiz", "slot")
            assert reference.findtext("version") == "$@NULL@$"  # always the latest version
            entry = entries_by_id[reference.findtext("questionbankentryid")]
            assert entry.findtext("idnumber") == question.id
            assert categories[entry.findtext("questioncategoryid")] == f"{chapter.number}. {chapter.title}"


def test_question_bank_is_a_top_category_and_one_per_chapter_in_the_course_context(built):
    course, _, entries, _ = built
    categories = xml(entries, "questions.xml").findall("question_category")
    assert [c.findtext("name") for c in categories] == ["top", "1. Vapaaehtoisena opastajana", f"3. {TRICKY_TITLE}"]
    top = categories[0]
    assert (top.findtext("parent"), top.find("question_bank_entries").findall("*")) == ("0", [])
    course_xml = xml(entries, "course/course.xml")
    for category in categories:
        assert category.findtext("contextid") == course_xml.get("contextid")
        assert category.findtext("contextlevel") == "50"
        assert category.findtext("contextinstanceid") == course_xml.get("id")
    assert [c.findtext("parent") for c in categories[1:]] == [top.get("id")] * 2
    assert [c.findtext("sortorder") for c in categories[1:]] == ["1", "3"]  # course order in the bank
    assert "Mitä opastaja tekee &amp; miksi." in categories[1].findtext("info")
    stamps = [c.findtext("stamp") for c in categories]
    assert len(set(stamps)) == 3 and all(s.startswith("coursebuild+nettiopastaja+") for s in stamps)


def test_every_category_is_named_in_the_course_and_quiz_inforefs(built):
    _, _, entries, _ = built
    ids = [c.get("id") for c in xml(entries, "questions.xml").findall("question_category")]
    for path in ["course/inforef.xml"] + [f"activities/quiz_{q.get('moduleid')}/inforef.xml" for q in quizzes(entries)]:
        assert xml(entries, path).xpath("question_categoryref/question_category/id/text()") == ids, path


def test_question_types_answers_and_fractions(built):
    course, _, entries, _ = built
    by_idnumber = {e.findtext("idnumber"): question_of(e) for e in bank(entries).values()}
    for question in course.questions:
        element = by_idnumber[question.id]
        answers = element.findall(".//answers/answer")
        if question.kind == "truefalse":
            assert element.findtext("qtype") == "truefalse"
            assert element.findtext("penalty") == "1.0000000"
            assert [a.findtext("answertext") for a in answers] == ["Tosi", "Epätosi"]  # 'true' first
            options = element.find("plugin_qtype_truefalse_question/truefalse")
            assert [options.findtext("trueanswer"), options.findtext("falseanswer")] == [a.get("id") for a in answers]
            right = next(a for a in question.answers if a.correct).text_html
            assert [a.findtext("fraction") for a in answers] == (
                ["1.0000000", "0.0000000"] if right == "Tosi" else ["0.0000000", "1.0000000"])
            assert {a.findtext("answerformat") for a in answers} == {"0"}
        else:
            assert element.findtext("qtype") == "multichoice"
            assert element.findtext("penalty") == "0.3333333"
            single = element.findtext("plugin_qtype_multichoice_question/multichoice/single")
            assert single == ("1" if question.kind == "single" else "0")
            fractions = [float(a.findtext("fraction")) for a in answers]
            assert fractions == pytest.approx([a.fraction for a in question.answers])
            assert {a.findtext("answerformat") for a in answers} == {"1"}
        assert element.findtext("name") == question.name
        assert element.findtext("defaultmark") == "1.0000000"


def test_multiple_answer_shares_are_moodles_own_grades(built):
    _, _, entries, _ = built
    [three] = [question_of(e) for e in bank(entries).values() if e.findtext("idnumber") == "vapaaehtoisuus-q3"]
    fractions = [a.findtext("fraction") for a in three.findall(".//answers/answer")]
    assert fractions == ["0.3333333", "-0.3333333", "0.3333333", "0.3333333", "-0.3333333"]


@pytest.mark.parametrize("right", range(1, 11))
def test_a_share_of_one_to_ten_right_options_is_a_grade_moodles_editor_offers(right):
    share = float(moodle_fraction(round(1 / right, 7)))
    assert share in MOODLE_FRACTIONS
    assert float(moodle_fraction(-round(1 / right, 7))) == -share
    assert moodle_fraction(1 / right) == moodle_fraction(round(1 / right, 7))


def test_feedback_is_kept_for_every_answer_and_the_question(built):
    course, _, entries, _ = built
    by_idnumber = {e.findtext("idnumber"): question_of(e) for e in bank(entries).values()}
    question = course.questions[0]
    element = by_idnumber[question.id]
    assert element.findtext("generalfeedback") == "<p>Katso kuvaa.</p>"
    assert [a.findtext("feedback") for a in element.findall(".//answers/answer")] == ["<p>Oikein.</p>", "<p>Ei.</p>"]
    combined = element.find("plugin_qtype_multichoice_question/multichoice")
    assert combined.findtext("correctfeedback") == "Vastauksesi on oikein."


def test_images_in_questions_are_question_files_of_the_course_context(built):
    _, mbz, entries, _ = built
    files = [{c.tag: c.text for c in f} for f in xml(entries, "files.xml").findall("file")]
    question_files = {(f["filearea"], f["filename"]) for f in files
                      if f["component"] == "question" and f["filename"] != "."}
    assert question_files == {("questiontext", "työnjako.png"), ("generalfeedback", "åland ö.png"),
                              ("answerfeedback", "kuva.png")}
    course_context = xml(entries, "course/course.xml").get("contextid")
    assert {f["contextid"] for f in files if f["component"] == "question"} == {course_context}
    by_idnumber = {e.findtext("idnumber"): question_of(e) for e in bank(entries).values()}
    first = by_idnumber["vapaaehtoisuus-q1"]
    assert '<img src="@@PLUGINFILE@@/ty%C3%B6njako.png"' in first.findtext("questiontext")
    [text_file] = [f for f in files if f["filearea"] == "questiontext" and f["filename"] != "."]
    assert text_file["itemid"] == first.get("id")
    [feedback_file] = [f for f in files if f["filearea"] == "answerfeedback" and f["filename"] != "."]
    true_answer = by_idnumber["tietoturva-q2"].find(".//answers/answer")
    assert feedback_file["itemid"] == true_answer.get("id")
    assert "asset:" not in entries["questions.xml"].decode()
    assert inspect_backup(mbz).faults == []  # every file is in the backup and every reference resolves


def test_a_link_to_a_chapter_in_a_question_is_moodles_link_to_its_page_or_book_chapter(built):
    course, _, entries, _ = built
    layout = course.meta.moodle.layout
    by_idnumber = {e.findtext("idnumber"): question_of(e) for e in bank(entries).values()}
    feedback = by_idnumber["tietoturva-q1"].findtext("generalfeedback")
    if layout == "page":
        pages = {xml(entries, p).findtext("page/name"): xml(entries, p).get("moduleid")
                 for p in entries if re.fullmatch(r"activities/page_\d+/page\.xml", p)}
        assert f'href="$@PAGEVIEWBYID*{pages["Lue luku: Salassapito"]}@$#salassapito--esimerkki"' in feedback
    else:
        [book_path] = [p for p in entries if re.fullmatch(r"activities/book_\d+/book\.xml", p)]
        book = xml(entries, book_path)
        chapter = {c.findtext("title"): c.get("id") for c in book.findall("book/chapters/chapter")}["Vaitiolo"]
        assert f'href="$@BOOKVIEWBYIDCH*{book.get("moduleid")}*{chapter}@$#salassapito--esimerkki"' in feedback
    assert "chapter:" not in feedback


def test_tricky_characters_in_questions_arrive_intact(built):
    _, _, entries, _ = built
    by_idnumber = {e.findtext("idnumber"): question_of(e) for e in bank(entries).values()}
    question = by_idnumber["tietoturva-q1"]
    text = question.findtext("questiontext")
    assert text == '<p>Text &amp; &lt;code&gt; "quoted" ]]&gt; 😀 – valitse molemmat</p>'
    assert [a.findtext("answertext") for a in question.findall(".//answers/answer")] == [
        "<strong>Yksi</strong>", "Kaksi &amp; kolme"]


def test_a_broken_link_in_a_question_is_reported_at_the_question(tmp_path):
    course = make_course(tmp_path / "course")
    first = course.chapters[0]
    broken = replace(first.questions[0], general_feedback_html='<p><a href="chapter:ei-ole">x</a></p>',
                     pos=SourcePos(first.source, 42))
    course = replace(course, chapters=(replace(first, questions=(broken, *first.questions[1:])), *course.chapters[1:]))
    _, report = build_mbz(course, tmp_path / "staging")
    assert [(d.code, d.path, d.line) for d in report] == [("render-problem", "01-vapaaehtoisuus.md", 42)]


# -- gradebook ---------------------------------------------------------------------------------------


def test_each_quiz_has_its_grade_item_in_the_course_category(built):
    _, _, entries, _ = built
    gradebook = xml(entries, "gradebook.xml")
    category = gradebook.find("grade_categories/grade_category").get("id")
    course_item = gradebook.find("grade_items/grade_item")
    items = []
    for activity in quizzes(entries):
        base = f"activities/quiz_{activity.get('moduleid')}"
        [item] = xml(entries, f"{base}/grades.xml").findall("grade_items/grade_item")
        assert item.findtext("categoryid") == category
        assert (item.findtext("itemtype"), item.findtext("itemmodule")) == ("mod", "quiz")
        assert item.findtext("iteminstance") == activity.find("quiz").get("id")
        assert item.findtext("itemnumber") == "0"
        assert item.findtext("grademax") == activity.findtext("quiz/grade")
        assert xml(entries, f"{base}/inforef.xml").xpath("grade_itemref/grade_item/id/text()") == [item.get("id")]
        items.append(item)
    assert [i.findtext("sortorder") for i in items] == ["2", "3"]
    assert len({i.get("id") for i in items} | {course_item.get("id")}) == 3
    assert float(course_item.findtext("grademax")) == sum(float(i.findtext("grademax")) for i in items)
    assert sum(float(i.findtext("aggregationcoef2")) for i in items) == pytest.approx(1)


# -- against Moodle's own backup -----------------------------------------------------------------------


def _paths(data: bytes) -> set[str]:
    root = etree.fromstring(data)
    return {re.sub(r"\[\d+\]", "", root.getroottree().getpath(e)) for e in root.iter()}


@pytest.mark.parametrize("ours, theirs", [
    ("activities/quiz_{cmid}/quiz.xml", "activities/quiz_12/quiz.xml"),
    ("activities/quiz_{cmid}/grades.xml", "activities/quiz_12/grades.xml"),
    ("activities/quiz_{cmid}/inforef.xml", "activities/quiz_12/inforef.xml"),
    ("activities/quiz_{cmid}/module.xml", "activities/quiz_12/module.xml"),
    ("questions.xml", "questions.xml"),
])
def test_quiz_and_question_bank_files_have_exactly_moodles_elements(built, ours, theirs):
    _, _, entries, _ = built
    cmid = quizzes(entries)[0].get("moduleid")
    assert _paths(entries[ours.format(cmid=cmid)]) == _paths((REFERENCE / theirs).read_bytes())


@pytest.mark.parametrize("name", ["calendar.xml", "comments.xml", "competencies.xml", "completion.xml", "filters.xml",
                                  "grade_history.xml", "roles.xml", "xapistate.xml"])
def test_quiz_files_that_do_not_depend_on_the_course_equal_moodles(built, name):
    _, _, entries, _ = built
    cmid = quizzes(entries)[0].get("moduleid")
    assert entries[f"activities/quiz_{cmid}/{name}"] == (REFERENCE / "activities/quiz_12" / name).read_bytes()


def test_two_builds_with_questions_are_byte_identical(tmp_path, layout):
    first, _ = build_mbz(make_course(tmp_path / "a", layout), tmp_path / "a-out")
    second, _ = build_mbz(make_course(tmp_path / "b", layout), tmp_path / "b-out")
    assert first.read_bytes() == second.read_bytes()


def test_the_moodle_xml_export_holds_the_same_questions_as_the_backups_bank(built):
    from builder.writers.questions_xml import questions_xml

    course, _, entries, _ = built
    categories = {c.get("id"): c.findtext("name") for c in xml(entries, "questions.xml").findall("question_category")}
    in_backup = []
    for entry in bank(entries).values():
        question = question_of(entry)
        fractions = [float(a.findtext("fraction")) for a in question.findall(".//answers/answer")]
        in_backup.append((categories[entry.findtext("questioncategoryid")], entry.findtext("idnumber"),
                          question.findtext("qtype"), fractions))
    exported, category = [], None
    for element in etree.fromstring(questions_xml(course)):
        if element.get("type") == "category":
            category = element.findtext("category/text").rsplit("/", 1)[1]
            continue
        answers = element.findall("answer")
        if element.get("type") == "truefalse":  # the importer takes <text>true</text> as the true answer
            answers.sort(key=lambda a: a.findtext("text") != "true")
        fractions = [round(float(a.get("fraction")) / 100, 7) for a in answers]  # numeric(12,7) in Moodle
        exported.append((category, element.findtext("idnumber"), element.get("type"), fractions))
    assert exported == in_backup


def test_a_question_that_is_only_a_picture_is_named_by_its_id(tmp_path):
    from builder.writers.questions_xml import questions_xml

    course = make_course(tmp_path / "course")
    first = course.chapters[0]
    picture = replace(first.questions[0], text_html='<p><img src="asset:images/kuva.png" alt=""></p>')
    course = replace(course, chapters=(replace(first, questions=(picture, *first.questions[1:])), *course.chapters[1:]))
    mbz, _ = build_mbz(course, tmp_path / "staging")
    names = {e.findtext("idnumber"): question_of(e).findtext("name") for e in bank(read_mbz(mbz)).values()}
    assert names["vapaaehtoisuus-q1"] == "vapaaehtoisuus-q1"
    exported = etree.fromstring(questions_xml(course)).find("question[@type='multichoice']")
    assert exported.findtext("name/text") == "vapaaehtoisuus-q1"
