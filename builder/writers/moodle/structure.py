"""What the backup holds, with every id decided: the plan the XML writers render."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import CourseMeta
from .files import Files
from .xmlnode import Node

NAME_LENGTH = 255  # Moodle's name and title columns (course fullname: 254)


def clip(text: str, length: int = NAME_LENGTH) -> str:
    """Fit a name into its database column; a longer one makes restore fail on insert."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@dataclass(frozen=True)
class Activity:
    cmid: int
    modulename: str  # 'page', 'book', 'resource' (later 'quiz')
    instance_id: int
    contextid: int
    section_id: int
    section_number: int
    name: str
    completion_view: bool  # complete when viewed
    element: Node  # the module's own element inside <activity> (<page>, <book> ...)

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
class Backup:
    meta: CourseMeta
    summary: str  # course summary HTML
    sections: tuple[Section, ...]
    files: Files
    time: int  # every time field: the build time
    start_date: int

    @property
    def activities(self) -> tuple[Activity, ...]:
        return tuple(a for s in self.sections for a in s.activities)

    @property
    def filename(self) -> str:
        return f"{self.meta.short_name}.mbz"
