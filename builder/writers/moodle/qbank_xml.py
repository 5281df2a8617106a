"""mod_qbank (Moodle 5.0+): the <qbank> element of activities/qbank_N/qbank.xml."""

from __future__ import annotations

from .xmlnode import Node, leaves, node

# question_bank_helper::TYPE_STANDARD: a bank a teacher made, listed on the course's Question banks
# page ('system' is the hidden one Moodle makes itself when restore finds course-level questions).
TYPE_STANDARD = "standard"


def qbank_element(instance_id: int, name: str, time: int) -> Node:
    return node(
        "qbank",
        leaves(name=name, timecreated=time, timemodified=time, intro="", introformat=1, type=TYPE_STANDARD),
        id=instance_id,
    )
