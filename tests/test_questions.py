"""Self-check questions from ```kysymys blocks: kinds, fractions, feedback, and malformed blocks."""

from __future__ import annotations

import pytest

from conftest import COURSE_YML, chapter, course_of, diagnostics_of, read

SINGLE = """\
Teksti.

```kysymys
Saako vapaaehtoinen kirjoittaa muistiin *verkkopankkitunnukset*?
- [ ] Kyllä, jos ikäihminen pyytää.
  > Ei. Pyyntökään ei tee siitä turvallista.
- [x] Ei koskaan.
  > Oikein.
Palaute: Tunnukset ovat henkilökohtaiset.
```
"""


def questions_of(make_course, body: str):
    return course_of(make_course({"01-luku.md": chapter(body)})).chapters[0].questions


def question_problems(make_course, block: str) -> list[tuple[int, str]]:
    """(line, code) for a chapter whose question block's opening fence is on line 8."""
    found = diagnostics_of(make_course({"01-luku.md": chapter("Teksti.\n\n" + block)}))
    return [(line, code) for _, line, code in found]


def test_single_answer_question(make_course):
    [question] = questions_of(make_course, SINGLE)
    assert (question.id, question.kind, question.pos.line) == ("luku-q1", "single", 8)
    assert question.text_html == "<p>Saako vapaaehtoinen kirjoittaa muistiin <em>verkkopankkitunnukset</em>?</p>"
    # Cut at a word boundary: 'verkkopankkitunnukset?' would pass 60 characters.
    assert question.name == "Saako vapaaehtoinen kirjoittaa muistiin…"
    assert [(a.text_html, a.correct, a.fraction) for a in question.answers] == [
        ("Kyllä, jos ikäihminen pyytää.", False, 0.0),
        ("Ei koskaan.", True, 1.0),
    ]
    assert [a.feedback_html for a in question.answers] == [
        "<p>Ei. Pyyntökään ei tee siitä turvallista.</p>", "<p>Oikein.</p>"]
    assert question.general_feedback_html == "<p>Tunnukset ovat henkilökohtaiset.</p>"


def test_several_right_options_make_a_multiple_answer_question(make_course):
    block = "Teksti.\n\n```kysymys\nMitkä ovat hyviä salasanoja?\n- [x] A\n- [x] B\n- [x] C\n- [ ] D\n- [ ] E\n```\n"
    [question] = questions_of(make_course, block)
    assert question.kind == "multiple"
    right = [a.fraction for a in question.answers if a.correct]
    wrong = [a.fraction for a in question.answers if not a.correct]
    assert sum(right) == pytest.approx(1.0, abs=1e-6)
    assert right == [pytest.approx(1 / 3)] * 3
    assert wrong == [pytest.approx(-1 / 3)] * 2  # a wrong choice takes one right option's share away


def test_multiple_answer_with_every_option_right_takes_nothing_away(make_course):
    [question] = questions_of(make_course, "Teksti.\n\n```kysymys\nMitkä?\n- [x] A\n- [X] B\n```\n")
    assert [(a.correct, a.fraction) for a in question.answers] == [(True, 0.5), (True, 0.5)]


@pytest.mark.parametrize("right, wrong", [("Tosi", "Epätosi"), ("Epätosi", "Tosi"), ("True", "False"),
                                          ("Sant", "Falskt")])
def test_true_and_false_options_make_a_true_false_question(make_course, right, wrong):
    options = {right: "- [x]", wrong: "- [ ]"}
    first, second = sorted(options, key=lambda word: word.lower() not in ("tosi", "true", "sant"))
    block = f"Teksti.\n\n```kysymys\nOnko näin?\n{options[first]} {first}\n{options[second]} {second}\n```\n"
    [question] = questions_of(make_course, block)
    assert question.kind == "truefalse"
    assert [(a.text_html, a.correct, a.fraction) for a in question.answers] == [
        (first, first == right, 1.0 if first == right else 0.0),
        (second, second == right, 1.0 if second == right else 0.0),
    ]


def test_questions_are_numbered_per_chapter_in_order(make_course):
    block = "```question\nYksi?\n- [x] a\n- [ ] b\n```\n\n```fråga\nKaksi?\n- [x] a\n- [ ] b\n```\n"
    questions = questions_of(make_course, "Teksti.\n\n" + block)
    assert [(q.id, q.name) for q in questions] == [("luku-q1", "Yksi?"), ("luku-q2", "Kaksi?")]


def test_an_option_may_continue_on_indented_lines(make_course):
    block = "Teksti.\n\n```kysymys\nMikä?\n- [x] Pitkä vaihtoehto,\n  joka jatkuu.\n- [ ] Lyhyt\n```\n"
    [question] = questions_of(make_course, block)
    assert question.answers[0].text_html == "Pitkä vaihtoehto,\njoka jatkuu."


def test_question_text_may_span_several_paragraphs(make_course):
    block = "Teksti.\n\n```kysymys\nTilanne:\n\nMitä teet?\n- [x] a\n- [ ] b\n```\n"
    [question] = questions_of(make_course, block)
    assert question.text_html == "<p>Tilanne:</p>\n<p>Mitä teet?</p>"


def test_questions_are_not_in_the_chapter_body(make_course):
    course = course_of(make_course({"01-luku.md": chapter(SINGLE)}))
    assert course.chapters[0].body_html == "<p>Teksti.</p>"


# --- malformed question blocks: each reported at its line ---------------------------------------


def test_question_without_text(make_course):
    assert question_problems(make_course, "```kysymys\n- [x] a\n- [ ] b\n```\n") == [(8, "question-text-missing")]


def test_question_with_blank_text_only(make_course):
    assert question_problems(make_course, "```kysymys\n\n- [x] a\n- [ ] b\n```\n") == [(8, "question-text-missing")]


def test_question_with_one_option(make_course):
    assert question_problems(make_course, "```kysymys\nMikä?\n- [x] a\n```\n") == [(8, "question-too-few-options")]


def test_question_without_options(make_course):
    assert question_problems(make_course, "```kysymys\nMikä?\n```\n") == [(8, "question-too-few-options")]


def test_question_with_no_right_option(make_course):
    assert question_problems(make_course, "```kysymys\nMikä?\n- [ ] a\n- [ ] b\n```\n") == [(8, "question-no-correct")]


def test_unexpected_line_after_the_options(make_course):
    block = "```kysymys\nMikä?\n- [x] a\n- [ ] b\nTämä rivi ei kuulu tähän.\n```\n"
    assert question_problems(make_course, block) == [(12, "question-line-unexpected")]


def test_every_unexpected_line_is_reported(make_course):
    block = "```kysymys\nMikä?\n- [x] a\nväärä 1\n- [ ] b\nväärä 2\n```\n"
    assert question_problems(make_course, block) == [(11, "question-line-unexpected"), (13, "question-line-unexpected")]


def test_option_text_after_feedback_is_unexpected(make_course):
    block = "```kysymys\nMikä?\n- [x] a\n  > Oikein.\n  jatkoa\n- [ ] b\n```\n"
    assert question_problems(make_course, block) == [(12, "question-line-unexpected")]


@pytest.mark.parametrize("marks", [("x", "x"), (" ", " ")])
def test_true_false_needs_exactly_one_right(make_course, marks):
    block = f"```kysymys\nOnko näin?\n- [{marks[0]}] Tosi\n- [{marks[1]}] Epätosi\n```\n"
    expected = "question-truefalse-invalid" if marks == ("x", "x") else "question-no-correct"
    assert question_problems(make_course, block) == [(8, expected)]


def test_problems_in_option_text_are_reported_at_the_option_line(make_course):
    block = "```kysymys\nMikä?\n- [x] Katso ![](puuttuu.png)\n- [ ] b\n  > [luku](09-ei.md)\n```\n"
    assert question_problems(make_course, block) == [
        (10, "image-alt-missing"), (10, "image-missing"), (12, "link-chapter-missing")]


def test_every_broken_question_in_a_chapter_is_reported_at_once(make_course):
    block = "```kysymys\n- [x] a\n- [ ] b\n```\n\n```kysymys\nMikä?\n- [ ] a\n- [ ] b\n```\n"
    assert question_problems(make_course, block) == [(8, "question-text-missing"), (13, "question-no-correct")]


# --- slips that made a question silently wrong -----------------------------------------------------


def test_two_questions_in_one_block_are_an_error_at_the_second_ones_first_option(make_course):
    block = ("```kysymys\nYksi?\n- [x] a\n- [ ] b\nPalaute: Yleinen palaute.\n"
             "Kaksi?\n- [ ] c\n- [x] d\nPalaute: Toinen palaute.\n```\n")
    assert question_problems(make_course, block) == [(14, "question-after-feedback")]


@pytest.mark.parametrize("line", ["- [x] oikea", "* [ ] väärä", "– [x] oikea", "Feedback: toinen", "Respons: x"])
def test_an_option_or_a_second_feedback_after_palaute_is_an_error(make_course, line):
    block = f"```kysymys\nYksi?\n- [x] a\n- [ ] b\nPalaute: Yleinen.\n{line}\n```\n"
    assert question_problems(make_course, block) == [(13, "question-after-feedback")]


def test_general_feedback_may_run_over_several_lines_and_paragraphs(make_course):
    block = "Teksti.\n\n```kysymys\nYksi?\n- [x] a\n- [ ] b\nPalaute: Ensin.\n\n- lista on palautteessa\n\nLopuksi?\n```\n"
    [question] = questions_of(make_course, block)
    assert question.general_feedback_html == "<p>Ensin.</p>\n<ul>\n<li>lista on palautteessa</li>\n</ul>\n<p>Lopuksi?</p>"


def test_the_message_says_each_question_needs_its_own_block(make_course):
    block = "Teksti.\n\n```kysymys\nYksi?\n- [x] a\n- [ ] b\nPalaute: x\nKaksi?\n- [x] c\n```\n"
    [diagnostic] = read(make_course({"01-luku.md": chapter(block)}))[1]
    assert "omaan ```kysymys-lohkoonsa" in diagnostic.message


@pytest.mark.parametrize("dash, name", [("–", "ajatusviivalla (–)"), ("—", "pitkällä ajatusviivalla (—)"),
                                        ("•", "luettelopallolla (•)")])
def test_options_pasted_with_a_dash_name_the_dash_at_each_line(make_course, dash, name):
    block = f"Teksti.\n\n```kysymys\nMikä?\n{dash} [x] a\n{dash} [ ] b\n  > Ei.\n{dash} [ ] c\n```\n"
    course, report = read(make_course({"01-luku.md": chapter(block)}))
    assert [(d.line, d.code) for d in report] == [(10, "question-option-dash"), (11, "question-option-dash"),
                                                  (13, "question-option-dash")]
    assert report.errors[0].message.startswith(f"Vaihtoehto alkaa {name} eikä tavallisella viivalla '-'")


def test_the_dash_is_named_in_the_course_language(make_course):
    block = "Teksti.\n\n```kysymys\nMikä?\n– [x] a\n- [ ] b\n```\n"
    files = {"01-luku.md": chapter(block), "course.yml": COURSE_YML.replace("language: fi", "language: sv")}
    [diagnostic] = read(make_course(files))[1]
    assert diagnostic.message.startswith("Alternativet börjar med ett tankstreck (–)")


@pytest.mark.parametrize("text, name", [
    ("Sana " * 11 + "sana", "Sana " * 11 + "sana"),  # 59 characters: whole
    ("Mitä teet, kun ikäihminen kertoo puhelimessa soittajasta, joka tuntee hänen pankkinsa?",
     "Mitä teet, kun ikäihminen kertoo puhelimessa soittajasta…"),
    ("A" * 80, "A" * 59 + "…"),  # one word longer than a name: cut inside it
])
def test_a_long_question_is_named_up_to_a_whole_word(text, name):
    from builder.model import Question, SourcePos

    question = Question("q", "single", f"<p>{text}</p>", (), "", SourcePos("x.md", 1))
    assert question.name == name and len(question.name) <= 60
