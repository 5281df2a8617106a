"""The backup's top-level record lists: gradebook, roles, question bank and the empty ones."""

from __future__ import annotations

from .gradebook_xml import gradebook
from .ids import STUDENT_ROLE_ID
from .question_bank_xml import question_categories
from .structure import Backup
from .xmlnode import Node, document, leaf, leaves, node


def root_files(backup: Backup) -> dict[str, bytes]:
    files = {
        name: document(root)
        for name, root in {
            "gradebook.xml": gradebook(backup),
            "roles.xml": _roles(),
            "questions.xml": question_categories(backup.question_bank, backup.bank_context, backup.time,
                                                 backup.target.question_bank_activity),
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
