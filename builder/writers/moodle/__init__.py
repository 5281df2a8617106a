"""Moodle writer: the course as a course backup (.mbz) for Moodle 4.4-4.5, 5.0-5.1 or both, that restores
as a new course."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from ...diagnostics import Report
from ...model import Course
from .activity_xml import activity_files
from .archive import Entry, write_archive
from .backup_xml import moodle_backup_xml
from .course_xml import course_files
from .files import files_xml, moodle_licence, pool_path
from .layout import plan_backup
from .root_xml import root_files
from .section_xml import section_files
from .structure import Backup
from .versions import TARGETS
from .xmlnode import document

NEEDS = ("booklet", "slides-pdf")  # their PDFs from the same build become File resources in section 0
BUILDS_WITHOUT = NEEDS  # without Pango the backup is made without them, and section 0 says so


def write(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    """One backup per Moodle line that course.yml's moodle.version asks for."""
    made = {}
    for number, target in enumerate(TARGETS[course.meta.moodle.version]):
        # The second plan meets the same sources: its problems are already reported.
        backup = plan_backup(course, products, report if number == 0 else Report(report.language, report.root), target)
        path = staging / backup.filename
        write_archive(path, backup_entries(backup), backup.time)
        made[f"moodle-mbz{target.suffix}"] = path
    return made


def backup_entries(backup: Backup) -> dict[str, Entry]:
    """Every file of the backup by its path in the archive."""
    meta = backup.meta
    entries: dict[str, Entry] = {"moodle_backup.xml": moodle_backup_xml(backup)}
    entries.update(root_files(backup))
    licence = moodle_licence(meta.licence)
    entries["files.xml"] = document(files_xml(backup.files, backup.time, meta.organisation, licence))
    entries.update(course_files(backup))
    for section in backup.sections:
        entries.update(section_files(section, backup.files, backup.time, backup.target))
    for activity in backup.activities:
        entries.update(activity_files(activity, backup.files, backup.time, backup.target))
    for sha1, content in backup.files.pool().items():
        entries[pool_path(sha1)] = content.source
    return entries
