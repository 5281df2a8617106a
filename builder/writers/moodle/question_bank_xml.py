"""questions.xml: the question bank (categories, bank entries, versions, questions), in the course's context
(Moodle 4) or its question bank activity's (Moodle 5.0+)."""

from __future__ import annotations

from typing import Iterable

from .ids import QUESTION_AUTHOR_ID
from .structure import BankAnswer, BankCategory, BankContext, BankQuestion
from .xmlnode import Node, leaf, leaves, node

FORMAT_MOODLE = 0
FORMAT_HTML = 1
PENALTY = {"multichoice": "0.3333333", "truefalse": "1.0000000"}  # Moodle's defaults per type


def question_categories(categories: Iterable[BankCategory], context: BankContext | None, time: int,
                        versions_linked: bool) -> Node:
    """The <question_categories> tree; without categories, the empty bank Moodle writes then.
    ``versions_linked``: Moodle 5.0+ writes each bank entry's <nextversion> (none here)."""
    return node("question_categories", (_category(c, context, time, versions_linked) for c in categories))


def _category(category: BankCategory, context: BankContext, time: int, versions_linked: bool) -> Node:
    return node(
        "question_category",
        [
            *leaves(
                name=category.name,
                contextid=context.contextid,
                contextlevel=context.level,
                contextinstanceid=context.instanceid,
                info=category.info,
                infoformat=FORMAT_HTML if category.info else FORMAT_MOODLE,
                stamp=category.stamp,
                parent=category.parent,
                sortorder=category.sortorder,
                idnumber=None,
            ),
            node("question_bank_entries", (_entry(category.id, q, time, versions_linked) for q in category.questions)),
        ],
        id=category.id,
    )


def _entry(category_id: int, question: BankQuestion, time: int, versions_linked: bool) -> Node:
    version = node(
        "question_versions",
        [*leaves(version=1, status="ready"), node("questions", [_question(question, time)])],
        id=question.id,
    )
    return node(
        "question_bank_entry",
        [
            *leaves(questioncategoryid=category_id, idnumber=question.idnumber, ownerid=QUESTION_AUTHOR_ID),
            *([leaf("nextversion", None)] if versions_linked else []),
            node("question_version", [version]),
        ],
        id=question.id,
    )


def _question(question: BankQuestion, time: int) -> Node:
    return node(
        "question",
        [
            *leaves(
                parent=0,
                name=question.name,
                questiontext=question.text,
                questiontextformat=FORMAT_HTML,
                generalfeedback=question.general_feedback,
                generalfeedbackformat=FORMAT_HTML,
                defaultmark="1.0000000",
                penalty=PENALTY[question.qtype],
                qtype=question.qtype,
                length=1,
                stamp=question.stamp,
                timecreated=time,
                timemodified=time,
                createdby=QUESTION_AUTHOR_ID,
                modifiedby=QUESTION_AUTHOR_ID,
            ),
            _qtype_plugin(question),
            node("plugin_qbank_comment_question", [node("comments")]),
            node("plugin_qbank_customfields_question", [node("customfields")]),
            node("question_hints"),
            node("tags"),
        ],
        id=question.id,
    )


def _qtype_plugin(question: BankQuestion) -> Node:
    answer_format = FORMAT_HTML if question.qtype == "multichoice" else FORMAT_MOODLE
    answers = node("answers", (_answer(a, answer_format) for a in question.answers))
    if question.qtype == "multichoice":
        correct, partial, incorrect = question.combined_feedback
        options = node(
            "multichoice",
            leaves(
                layout=0,
                single=int(question.single),
                shuffleanswers=1,
                correctfeedback=correct,
                correctfeedbackformat=FORMAT_HTML,
                partiallycorrectfeedback=partial,
                partiallycorrectfeedbackformat=FORMAT_HTML,
                incorrectfeedback=incorrect,
                incorrectfeedbackformat=FORMAT_HTML,
                answernumbering="abc",
                shownumcorrect=1,
                showstandardinstruction=0,
            ),
            id=question.options_id,
        )
    else:
        true, false = question.answers
        options = node(
            "truefalse",
            leaves(trueanswer=true.id, falseanswer=false.id, showstandardinstruction=0),
            id=question.options_id,
        )
    return node(f"plugin_qtype_{question.qtype}_question", [answers, options])


def _answer(answer: BankAnswer, answer_format: int) -> Node:
    return node(
        "answer",
        leaves(
            answertext=answer.text,
            answerformat=answer_format,
            fraction=answer.fraction,
            feedback=answer.feedback,
            feedbackformat=FORMAT_HTML,
        ),
        id=answer.id,
    )
