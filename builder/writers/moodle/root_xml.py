"""The backup's top-level record lists: gradebook, roles, question bank and the empty ones."""

from __future__ import annotations

from .ids import COURSE_GRADE_ITEM_ID, GRADE_CATEGORY_ID, STUDENT_ROLE_ID
from .structure import Backup
from .xmlnode import Node, document, leaf, leaves, node


def root_files(backup: Backup, questions: Node | None = None) -> dict[str, bytes]:
    """``questions`` is the <question_categories> tree; None writes the empty question bank."""
    files = {
        name: document(root)
        for name, root in {
            "gradebook.xml": _gradebook(backup.time),
            "roles.xml": _roles(),
            "questions.xml": questions if questions is not None else node("question_categories"),
            "grade_history.xml": node("grade_history", [node("grade_grades")]),
            "badges.xml": node("badges"),
            "completion.xml": node("course_completion"),
            "groups.xml": node("groups", [node("groupcustomfields"), _groupings()]),
            "outcomes.xml": node("outcomes_definition"),
            "scales.xml": node("scales_definition"),
            "users.xml": node("users"),
        }.items()
    }
    files["moodle_backup.log"] = b""
    return files


def _groupings() -> Node:
    return node("groupings", [node("groupingcustomfields")])


def _roles() -> Node:
    """The one role the enrolment methods use; restore maps it to the site's student role by archetype."""
    return node(
        "roles_definition",
        [
            node(
                "role",
                [
                    *leaves(name="", shortname="student"),
                    leaf("nameincourse", None),
                    *leaves(description="", sortorder=STUDENT_ROLE_ID, archetype="student"),
                ],
                id=STUDENT_ROLE_ID,
            )
        ],
    )


def _gradebook(time: int) -> Node:
    """The course's own grade category and course total, as every Moodle course has them."""
    category = node(
        "grade_category",
        [
            leaf("parent", None),
            *leaves(depth=1, path=f"/{GRADE_CATEGORY_ID}/", fullname="?", aggregation=13, keephigh=0, droplow=0),
            *leaves(aggregateonlygraded=1, aggregateoutcomes=0, timecreated=time, timemodified=time, hidden=0),
        ],
        id=GRADE_CATEGORY_ID,
    )
    item = node(
        "grade_item",
        [
            leaf("categoryid", None),
            leaf("itemname", None),
            leaf("itemtype", "course"),
            leaf("itemmodule", None),
            leaf("iteminstance", GRADE_CATEGORY_ID),
            *(leaf(name, None) for name in ("itemnumber", "iteminfo", "idnumber", "calculation")),
            *leaves(gradetype=1, grademax="10.00000", grademin="0.00000"),
            leaf("scaleid", None),
            leaf("outcomeid", None),
            *leaves(gradepass="0.00000", multfactor="1.00000", plusfactor="0.00000"),
            *leaves(aggregationcoef="0.00000", aggregationcoef2="0.00000", weightoverride=0, sortorder=1, display=0),
            leaf("decimals", None),
            *leaves(hidden=0, locked=0, locktime=0, needsupdate=0, timecreated=time, timemodified=time),
            node("grade_grades"),
        ],
        id=COURSE_GRADE_ITEM_ID,
    )
    return node(
        "gradebook",
        [
            node("attributes"),
            node("grade_categories", [category]),
            node("grade_items", [item]),
            node("grade_letters"),
            node("grade_settings", [node("grade_setting", leaves(name="minmaxtouse", value=1), id="")]),
        ],
    )
