"""Plans the course question bank: a 'top' category, one category per chapter with questions,
and each question with its ids, Moodle's fractions and its HTML made ready for the backup."""

from __future__ import annotations

from html import escape
from typing import Callable

from lxml import html as lxml_html

from ...model import Answer, Chapter, Course, Question, SourcePos
from .files import AreaKey
from .ids import COURSE_CONTEXT_ID, Sequence
from .labels import combined_feedback
from .structure import BankAnswer, BankCategory, BankQuestion, clip

# (html, file area, the place it is shown in, source position for problems) -> Moodle HTML
HtmlRewriter = Callable[[str, AreaKey, str, SourcePos], str]

TRUE_WORDS = ("tosi", "true", "sant")  # the option a true/false question calls true

# question_bank::fraction_options_full(): the grades Moodle's question editor offers.
MOODLE_FRACTIONS = (
    1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
    0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0,
)


def moodle_fraction(fraction: float) -> str:
    """The fraction as Moodle stores it (7 decimals), snapped to the grade Moodle's editor offers
    when it is that grade rounded (1/3 -> '0.3333333'), so that a teacher can edit the question."""
    for allowed in MOODLE_FRACTIONS:
        if abs(abs(fraction) - allowed) < 5e-7:
            fraction = allowed if fraction >= 0 else -allowed
            break
    return f"{fraction:.7f}"


class QuestionBankPlanner:
    def __init__(self, course: Course, ids: Sequence, html: HtmlRewriter, contextid: int = COURSE_CONTEXT_ID) -> None:
        self.course = course
        self.ids = ids
        self.html = html
        self.contextid = contextid  # the bank's context, which also holds the questions' files
        self.stamp_prefix = f"coursebuild+{course.meta.short_name}"

    def plan(self) -> tuple[BankCategory, ...]:
        """The course's categories, 'top' first; empty when the course has no questions."""
        chapters = [c for c in self.course.chapters if c.questions]
        if not chapters:
            return ()
        top = BankCategory(self.ids.next("question_category"), "top", "", f"{self.stamp_prefix}+top", 0, 0, ())
        return (top, *(self._category(chapter, top.id) for chapter in chapters))

    def _category(self, chapter: Chapter, parent: int) -> BankCategory:
        category_id = self.ids.next("question_category")
        questions = tuple(self._question(q) for q in chapter.questions)
        info = f"<p>{escape(chapter.summary, quote=False)}</p>" if chapter.summary else ""
        return BankCategory(
            id=category_id,
            name=clip(category_name(chapter)),
            info=info,
            stamp=f"{self.stamp_prefix}+{chapter.id}",
            parent=parent,
            sortorder=chapter.number,  # the bank lists the chapters in course order
            questions=questions,
        )

    def _question(self, question: Question) -> BankQuestion:
        qid = self.ids.next("question")
        truefalse = question.kind == "truefalse"
        qtype = "truefalse" if truefalse else "multichoice"
        answers = _true_first(question.answers) if truefalse else question.answers
        html = self._html_for(question)
        return BankQuestion(
            id=qid,
            qtype=qtype,
            single=question.kind != "multiple",
            name=clip(question_name(question)),
            idnumber=question.id,
            text=html(question.text_html, "questiontext", qid),
            general_feedback=html(question.general_feedback_html, "generalfeedback", qid),
            answers=tuple(self._answer(a, truefalse, html) for a in answers),
            options_id=self.ids.next(f"qtype_{qtype}"),
            combined_feedback=combined_feedback(self.course.meta.language),
            stamp=f"{self.stamp_prefix}+{question.id}",
        )

    def _answer(self, answer: Answer, truefalse: bool, html) -> BankAnswer:
        answer_id = self.ids.next("question_answer")
        # A true/false answer is a plain word; Moodle shows its own 'True'/'False' labels anyway.
        text = _plain(answer.text_html) if truefalse else html(answer.text_html, "answer", answer_id)
        fraction = (1.0 if answer.correct else 0.0) if truefalse else answer.fraction
        feedback = html(answer.feedback_html, "answerfeedback", answer_id)
        return BankAnswer(answer_id, text, moodle_fraction(fraction), feedback)

    def _html_for(self, question: Question) -> Callable[[str, str, int], str]:
        def html(text: str, filearea: str, itemid: int) -> str:
            area = AreaKey("question", self.contextid, "question", filearea, itemid)
            return self.html(text, area, f"question:{question.id}", question.pos)

        return html


def question_name(question: Question) -> str:
    """The question's name in the bank: its text, or its id when the text is only a picture."""
    return question.name or question.id


def category_name(chapter: Chapter) -> str:
    """'4. Salassapito': numbered, so that the bank's list follows the course."""
    return f"{chapter.number}. {chapter.title}"


def _plain(html: str) -> str:
    if not html:
        return ""
    return " ".join(lxml_html.fragment_fromstring(html, create_parent="div").text_content().split())


def _true_first(answers: tuple[Answer, ...]) -> tuple[Answer, ...]:
    true = next((a for a in answers if _plain(a.text_html).lower() in TRUE_WORDS), answers[0])
    return (true, *(a for a in answers if a is not true))
