"""The files section 0 of a built Moodle backup offers, named as Moodle shows them: what the overview lists."""

from __future__ import annotations

import tarfile
from pathlib import Path

from lxml import etree

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def section0_files(mbz: Path) -> list[tuple[str, str]]:
    """(activity name, file name) of each File resource in section 0, in course order."""
    with tarfile.open(mbz, "r:gz") as archive:
        def xml(name: str):
            member = archive.extractfile(name)
            if member is None:
                raise KeyError(name)
            return etree.fromstring(member.read(), _PARSER)

        backup = xml("moodle_backup.xml")
        first_section = backup.findtext("information/contents/sections/section/sectionid")
        names = {f.get("id"): f.findtext("filename") for f in xml("files.xml").iterfind("file")}
        found = []
        for activity in backup.iterfind("information/contents/activities/activity"):
            if activity.findtext("sectionid") != first_section or activity.findtext("modulename") != "resource":
                continue
            ids = xml(f"{activity.findtext('directory')}/inforef.xml").iterfind("fileref/file/id")
            files = [names.get(i.text) for i in ids if names.get(i.text) not in (None, ".")]
            if files:
                found.append((activity.findtext("title"), files[0]))
    return found
