"""moodle_backup.xml: what the backup is, what it contains, and the backup settings."""

from __future__ import annotations

import hashlib

from .ids import COURSE_CONTEXT_ID, COURSE_ID, SYSTEM_CONTEXT_ID
from .structure import Backup
from .versions import ORIGINAL_WWWROOT, SITE_IDENTIFIER
from .xmlnode import Node, document, leaf, leaves, node

# The root settings of a full course backup with Moodle's defaults, in the order Moodle writes them.
# 'users' stays on like Moodle's default although the backup holds no users: it is what lets
# restore keep the course's own enrolment methods.
ROOT_SETTINGS = (
    ("imscc11", 0),
    ("users", 1),
    ("anonymize", 0),
    ("role_assignments", 1),
    ("activities", 1),
    ("blocks", 1),
    ("files", 1),
    ("filters", 1),
    ("comments", 1),
    ("badges", 1),
    ("calendarevents", 1),
    ("userscompletion", 1),
    ("logs", 0),
    ("grade_histories", 0),
    ("questionbank", 1),
    ("groups", 1),
    ("competencies", 1),
    ("customfield", 1),
    ("contentbankcontent", 1),
    ("xapistate", 1),
    ("legacyfiles", 1),
)

MODE_GENERAL = 10
EXECUTION_IMMEDIATE = 1


def moodle_backup_xml(backup: Backup) -> bytes:
    meta, target = backup.meta, backup.target
    backup_id = hashlib.md5(f"{meta.short_name}:{backup.time}".encode()).hexdigest()
    info = node(
        "information",
        [
            *leaves(
                name=backup.filename,
                moodle_version=target.moodle_version,
                moodle_release=target.moodle_release,
                backup_version=target.backup_version,
                backup_release=target.backup_release,
                backup_date=backup.time,
                mnet_remoteusers=0,
                include_files=1,
                include_file_references_to_external_content=0,
                original_wwwroot=ORIGINAL_WWWROOT,
                original_site_identifier_hash=hashlib.md5(SITE_IDENTIFIER.encode()).hexdigest(),
                original_course_id=COURSE_ID,
                original_course_format="topics",
                original_course_fullname=meta.title,
                original_course_shortname=meta.short_name,
                original_course_startdate=backup.start_date,
                original_course_enddate=0,
                original_course_contextid=COURSE_CONTEXT_ID,
                original_system_contextid=SYSTEM_CONTEXT_ID,
            ),
            node(
                "details",
                [
                    node(
                        "detail",
                        leaves(
                            type="course",
                            format="moodle2",
                            interactive=1,
                            mode=MODE_GENERAL,
                            execution=EXECUTION_IMMEDIATE,
                            executiontime=0,
                        ),
                        backup_id=backup_id,
                    )
                ],
            ),
            _contents(backup),
            _settings(backup),
        ],
    )
    return document(node("moodle_backup", [info]))


def _contents(backup: Backup) -> Node:
    # Moodle 4.5+ names the subsection an activity or section belongs to; none here.
    in_subsection = [leaf("insubsection", "")] if backup.target.since_45 else []
    subsection_of = [leaf("parentcmid", ""), leaf("modname", "")] if backup.target.since_45 else []
    activities = [
        node(
            "activity",
            [
                *leaves(
                    moduleid=a.cmid,
                    sectionid=a.section_id,
                    modulename=a.modulename,
                    title=a.name,
                    directory=a.directory,
                ),
                *in_subsection,
            ],
        )
        for a in backup.activities
    ]
    sections = [
        node("section", [*leaves(sectionid=s.id, title=s.name or str(s.number), directory=s.directory), *subsection_of])
        for s in backup.sections
    ]
    course = node("course", leaves(courseid=COURSE_ID, title=backup.meta.short_name, directory="course"))
    return node("contents", [node("activities", activities), node("sections", sections), course])


def _settings(backup: Backup) -> Node:
    settings = [_setting("root", "filename", backup.filename)]
    # Moodle 5.0 has no 'questionbank' setting: the questions go with their question bank activity.
    skip = ("questionbank",) if backup.target.question_bank_activity else ()
    settings += [_setting("root", name, value) for name, value in ROOT_SETTINGS if name not in skip]
    for section in backup.sections:
        key = f"section_{section.id}"
        settings += [_setting("section", f"{key}_{what}", 1, section=key) for what in ("included", "userinfo")]
        for activity in section.activities:
            key = f"{activity.modulename}_{activity.cmid}"
            settings += [_setting("activity", f"{key}_{what}", 1, activity=key) for what in ("included", "userinfo")]
    return node("settings", settings)


def _setting(level: str, name: str, value: object, **scope: str) -> Node:
    children = [leaf("level", level)]
    children += [leaf(kind, key) for kind, key in scope.items()]
    children += [leaf("name", name), leaf("value", value)]
    return node("setting", children)
