"""The files of one section folder (sections/section_<id>/)."""

from __future__ import annotations

from .activity_xml import inforef
from .files import Files
from .structure import Section
from .versions import Target
from .xmlnode import document, leaf, leaves, node


def section_files(section: Section, files: Files, time: int, target: Target) -> dict[str, bytes]:
    root = node(
        "section",
        [
            leaf("number", section.number),
            leaf("name", section.name),
            *leaves(
                summary=section.summary,
                summaryformat=1,
                sequence=",".join(str(a.cmid) for a in section.activities),
                visible=1,
            ),
            leaf("availabilityjson", None),
            # Moodle 4.5+: the module a subsection belongs to (none here).
            *([leaf("component", None), leaf("itemid", None)] if target.since_45 else []),
            leaf("timemodified", time),
        ],
        id=section.id,
    )
    return {
        f"{section.directory}/section.xml": document(root),
        f"{section.directory}/inforef.xml": document(inforef(files.ids_for(f"section:{section.id}"))),
    }
