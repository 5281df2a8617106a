"""Backup-local ids: fixed ones for the course's own records, sequential ones by order of appearance.

Restore maps every id in the backup to a new one, so ids only have to be unique per kind
(context ids across all contexts). Deriving them from order keeps the backup reproducible.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict

SYSTEM_CONTEXT_ID = 1
COURSE_ID = 2  # not 1: that is the site's front page in every Moodle
COURSE_CONTEXT_ID = 2
CATEGORY_ID = 1
STUDENT_ROLE_ID = 5
GRADE_CATEGORY_ID = 1
COURSE_GRADE_ITEM_ID = 1  # activities' grade items follow it
# Who created the questions, as Moodle's own backups name the site admin. The backup has no
# users, so restore makes the restoring user their owner.
QUESTION_AUTHOR_ID = 2


class Sequence:
    """Hands out 1, 2, 3 ... separately for each kind of record."""

    def __init__(self) -> None:
        self._last: dict[str, int] = defaultdict(int)

    def next(self, kind: str) -> int:
        self._last[kind] += 1
        return self._last[kind]


def module_context_id(cmid: int) -> int:
    """Each activity's context follows the course context, in course-module order."""
    return COURSE_CONTEXT_ID + cmid


def epoch(moment: _dt.datetime | _dt.date) -> int:
    """Unix time of a datetime (naive means UTC) or of a date at 00:00 UTC."""
    if not isinstance(moment, _dt.datetime):
        moment = _dt.datetime(moment.year, moment.month, moment.day)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.timezone.utc)
    return int(moment.timestamp())
