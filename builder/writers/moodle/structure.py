"""What the backup holds, with every id decided: the plan the XML writers render."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import CourseMeta
from .files import Files
from .versions import MOODLE_4, Target
from .xmlnode import Node

NAME_LENGTH = 255  # Moodle's name and title columns (course fullname: 254)


def clip(text: str, length: int = NAME_LENGTH) -> str:
    """Fit a name into its database column; a longer one makes restore fail on insert."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# How an activity becomes complete (automatic completion tracking, or none).
COMPLETION_NONE = "none"
COMPLETION_VIEW = "view"  # when the learner has viewed it
COMPLETION_RULES = "rules"  # by the module's own rules in its element (a quiz: attempted once)


@dataclass(frozen=True)
class GradeItem:
    """An activity's entry in the gradebook, in the course's own grade category."""

    id: int
    instance_id: int
    name: str
    grademax: str  # Moodle's 5-decimal text, e.g. '10.00000'
    weight: str  # aggregationcoef2: the share of the course total under natural aggregation
    sortorder: int


@dataclass(frozen=True)
class Activity:
    cmid: int
    modulename: str  # 'page', 'book', 'resource', 'quiz' or 'qbank'
    instance_id: int
    contextid: int
    section_id: int
    section_number: int
    name: str
    completion: str  # COMPLETION_NONE, COMPLETION_VIEW or COMPLETION_RULES
    element: Node  # the module's own element inside <activity> (<page>, <book> ...)
    grade_items: tuple[GradeItem, ...] = ()
    question_category_ids: tuple[int, ...] = ()  # the question bank the activity uses
    visible: bool = True  # False: hidden on the course page (the question bank activity)

    @property
    def directory(self) -> str:
        return f"activities/{self.modulename}_{self.cmid}"


@dataclass(frozen=True)
class Section:
    id: int
    number: int
    name: str | None  # None: Moodle's default name ('General' for section 0)
    summary: str  # HTML with @@PLUGINFILE@@ and encoded links
    activities: tuple[Activity, ...]

    @property
    def directory(self) -> str:
        return f"sections/section_{self.id}"


@dataclass(frozen=True)
class BankAnswer:
    id: int
    text: str  # HTML for multichoice; the word shown for true/false
    fraction: str  # Moodle's 7-decimal text: '1.0000000', '0.3333333', '-0.5000000'
    feedback: str  # HTML


@dataclass(frozen=True)
class BankQuestion:
    """One question of the course question bank; its bank entry and its version 1 share its id."""

    id: int
    qtype: str  # 'multichoice' or 'truefalse'
    single: bool  # multichoice: one right answer (radio buttons) or several (checkboxes)
    name: str
    idnumber: str  # the model's question id ('salassapito-q1')
    text: str  # HTML with @@PLUGINFILE@@ and encoded links
    general_feedback: str
    answers: tuple[BankAnswer, ...]  # true/false: the 'true' answer first
    options_id: int  # the qtype's own options row (qtype_multichoice_options, question_truefalse)
    combined_feedback: tuple[str, str, str]  # multichoice: correct, partially correct, incorrect
    stamp: str


@dataclass(frozen=True)
class BankCategory:
    id: int
    name: str
    info: str  # HTML
    stamp: str
    parent: int  # 0 for the context's 'top' category
    sortorder: int
    questions: tuple[BankQuestion, ...]


@dataclass(frozen=True)
class Backup:
    meta: CourseMeta
    summary: str  # course summary HTML
    sections: tuple[Section, ...]
    files: Files
    time: int  # every time field: the build time
    start_date: int
    question_bank: tuple[BankCategory, ...] = ()  # the bank's categories, 'top' first
    target: Target = MOODLE_4
    bank_context: "BankContext | None" = None  # where the categories live; None without questions

    @property
    def activities(self) -> tuple[Activity, ...]:
        return tuple(a for s in self.sections for a in s.activities)

    @property
    def grade_items(self) -> tuple[GradeItem, ...]:
        return tuple(item for a in self.activities for item in a.grade_items)

    @property
    def filename(self) -> str:
        return self.target.filename(self.meta.short_name)


@dataclass(frozen=True)
class BankContext:
    """The context the question categories belong to: the course (Moodle 4) or, since Moodle 5.0,
    a question bank activity; question files are stored in the same context."""

    contextid: int
    level: int  # CONTEXT_COURSE 50 or CONTEXT_MODULE 70
    instanceid: int  # the course id or the question bank's course module id
