"""The files of one section folder (sections/section_<id>/)."""

from __future__ import annotations

from .activity_xml import inforef
from .files import Files
from .structure import Section
from .xmlnode import document, leaf, leaves, node


def section_files(section: Section, files: Files, time: int) -> dict[str, bytes]:
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
            leaf("timemodified", time),
        ],
        id=section.id,
    )
    return {
        f"{section.directory}/section.xml": document(root),
        f"{section.directory}/inforef.xml": document(inforef(files.ids_for(f"section:{section.id}"))),
    }
