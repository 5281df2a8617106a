"""The course/ folder: course settings, enrolment methods and the course's empty record lists."""

from __future__ import annotations

from .activity_xml import empty_filters, empty_roles, inforef
from .ids import CATEGORY_ID, COURSE_CONTEXT_ID, COURSE_ID, STUDENT_ROLE_ID
from .structure import Backup, clip
from .xmlnode import Node, document, leaf, leaves, node


def course_files(backup: Backup) -> dict[str, bytes]:
    return {
        f"course/{name}": document(root)
        for name, root in {
            "course.xml": _course(backup),
            "inforef.xml": inforef(
                backup.files.ids_for("course"),
                role_ids=[STUDENT_ROLE_ID],
                # Since Moodle 5.0 the question bank activity names them, not the course.
                question_category_ids=[] if backup.target.question_bank_activity else [c.id for c in backup.question_bank],
            ),
            "enrolments.xml": _enrolments(backup.time),
            "roles.xml": empty_roles(),
            "filters.xml": empty_filters(),
            "comments.xml": node("comments"),
            "contentbank.xml": node("contents"),
            "competencies.xml": node("course_competencies", [node("competencies"), node("user_competencies")]),
            "completiondefaults.xml": node("course_completion_defaults"),
            "calendar.xml": node("events"),
        }.items()
    }


def _course(backup: Backup) -> Node:
    meta, time = backup.meta, backup.time
    return node(
        "course",
        [
            *leaves(
                shortname=meta.short_name,
                fullname=clip(meta.title, 254),
                idnumber="",
                summary=backup.summary,
                summaryformat=1,
                format="topics",
                showgrades=1,
                newsitems=0,
                startdate=backup.start_date,
                enddate=0,
                marker=0,
                maxbytes=0,
                legacyfiles=0,
                showreports=0,
                visible=1,
                groupmode=0,
                groupmodeforce=0,
                defaultgroupingid=0,
                lang=meta.language,
                theme="",
                timecreated=time,
                timemodified=time,
                requested=0,
                showactivitydates=0,
                showcompletionconditions=1,
            ),
            leaf("pdfexportfont", None),
            *leaves(enablecompletion=1, completionnotify=0),
            # Restore puts the course in the category the teacher chooses; this one is only named.
            node("category", [leaf("name", "Courses"), leaf("description", None)], id=CATEGORY_ID),
            node("tags"),
            node("customfields"),
            node(
                "courseformatoptions",
                [_format_option("hiddensections", 1), _format_option("coursedisplay", 0)],
            ),
        ],
        id=COURSE_ID,
        contextid=COURSE_CONTEXT_ID,
    )


def _format_option(name: str, value: int) -> Node:
    return node("courseformatoption", leaves(format="topics", sectionid=0, name=name, value=value))


# The three enrolment methods Moodle gives every new course: manual (students), and guest
# access and self enrolment, both switched off.
_ENROL_METHODS = (
    ("manual", 0, 86400, None, STUDENT_ROLE_ID, {}),
    ("guest", 1, 0, "", 0, {}),
    ("self", 1, 86400, None, STUDENT_ROLE_ID, {1: 0, 2: 0, 3: 0, 4: 1, 5: 0, 6: 1}),
)


def _enrolments(time: int) -> Node:
    enrols = []
    for number, (plugin, status, threshold, password, roleid, customint) in enumerate(_ENROL_METHODS, 1):
        enrols.append(
            node(
                "enrol",
                [
                    *leaves(enrol=plugin, status=status, name=None, enrolperiod=0, enrolstartdate=0),
                    *leaves(enrolenddate=0, expirynotify=0, expirythreshold=threshold, notifyall=0),
                    *leaves(password=password, cost=None, currency=None, roleid=roleid),
                    *(leaf(f"customint{i}", customint.get(i)) for i in range(1, 9)),
                    *(leaf(f"customchar{i}", None) for i in range(1, 4)),
                    *(leaf(f"customdec{i}", None) for i in range(1, 3)),
                    *(leaf(f"customtext{i}", None) for i in range(1, 5)),
                    *leaves(timecreated=time, timemodified=time),
                    node("user_enrolments"),
                ],
                id=number,
            )
        )
    return node("enrolments", [node("enrols", enrols)])
