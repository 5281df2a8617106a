"""mod_quiz: the <quiz> element of activities/quiz_N/quiz.xml, set up for self-study."""

from __future__ import annotations

from dataclasses import dataclass

from .versions import Target
from .xmlnode import Node, leaf, leaves, node

# mod_quiz\question\display_options: when a review option applies.
DURING = 0x10000
IMMEDIATELY_AFTER = 0x01000
LATER_WHILE_OPEN = 0x00100
AFTER_CLOSE = 0x00010
ALWAYS = DURING | IMMEDIATELY_AFTER | LATER_WHILE_OPEN | AFTER_CLOSE  # 69904
AFTER_ATTEMPT = IMMEDIATELY_AFTER | LATER_WHILE_OPEN | AFTER_CLOSE  # 4368: overall feedback has no 'during'

GRADE_HIGHEST = 1
QUIZ_GRADE = "10.00000"  # Moodle's default maximum grade of a quiz
QUESTIONS_ON_ONE_PAGE = 0


@dataclass(frozen=True)
class QuizSlot:
    id: int  # quiz_slots row; its question reference has the same id
    question_bank_entry_id: int


def quiz_element(instance_id: int, contextid: int, name: str, intro: str, slots: list[QuizSlot], time: int,
                 target: Target) -> Node:
    """Immediate feedback after each question, unlimited attempts, no time limit, every
    review option on (the learner sees right answers and feedback), complete once attempted."""
    return node(
        "quiz",
        [
            *leaves(name=name, intro=intro, introformat=1, timeopen=0, timeclose=0, timelimit=0),
            *leaves(overduehandling="autosubmit", graceperiod=86400, preferredbehaviour="immediatefeedback"),
            *leaves(canredoquestions=0, attempts_number=0, attemptonlast=0, grademethod=GRADE_HIGHEST),
            *leaves(decimalpoints=2, questiondecimalpoints=-1),
            *leaves(
                reviewattempt=ALWAYS,
                reviewcorrectness=ALWAYS,
                reviewmaxmarks=ALWAYS,
                reviewmarks=ALWAYS,
                reviewspecificfeedback=ALWAYS,
                reviewgeneralfeedback=ALWAYS,
                reviewrightanswer=ALWAYS,
                reviewoverallfeedback=AFTER_ATTEMPT,
            ),
            *leaves(questionsperpage=QUESTIONS_ON_ONE_PAGE, navmethod="free", shuffleanswers=1),
            *leaves(sumgrades=f"{len(slots):.5f}", grade=QUIZ_GRADE, timecreated=time, timemodified=time),
            *leaves(password="", subnet="", browsersecurity="-", delay1=0, delay2=0),
            *leaves(showuserpicture=0, showblocks=0),
            *leaves(completionattemptsexhausted=0, completionminattempts=1, allowofflineattempts=0),
            # Moodle 5.0: attempts made ahead of the opening time (none: NULL is the site default).
            *([leaf("precreateattempts", None)] if target.question_bank_activity else []),
            node("subplugin_quizaccess_seb_quiz"),
            # Moodle 4.5+: grade items of their own for groups of slots (none: one grade per quiz).
            *([node("quiz_grade_items")] if target.since_45 else []),
            node("question_instances",
                 (_slot(instance_id, contextid, n, s, target.since_45) for n, s in enumerate(slots, 1))),
            node("sections", [node("section", leaves(firstslot=1, heading="", shufflequestions=0), id=instance_id)]),
            node("feedbacks"),
            node("overrides"),
            node("grades"),
            node("attempts"),
        ],
        id=instance_id,
    )


def _slot(quiz_id: int, contextid: int, number: int, slot: QuizSlot, grade_items: bool) -> Node:
    reference = node(
        "question_reference",
        [
            *leaves(usingcontextid=contextid, component="mod_quiz", questionarea="slot"),
            leaf("questionbankentryid", slot.question_bank_entry_id),
            leaf("version", None),  # always the latest version
        ],
        id=slot.id,
    )
    return node(
        "question_instance",
        [
            *leaves(quizid=quiz_id, slot=number, page=1, displaynumber=None, requireprevious=0),
            leaf("maxmark", "1.0000000"),
            *([leaf("quizgradeitemid", None)] if grade_items else []),
            reference,
        ],
        id=slot.id,
    )
