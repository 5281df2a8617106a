"""The files of one activity folder (activities/<module>_<cmid>/), as Moodle writes them."""

from __future__ import annotations

from .files import Files
from .structure import Activity
from .versions import MODULE_VERSIONS
from .xmlnode import Node, document, leaf, leaves, node

COMPLETION_AUTOMATIC = 2


def activity_files(activity: Activity, files: Files, time: int) -> dict[str, bytes]:
    """Relative path -> content for every file in the activity's folder."""
    base = activity.directory
    return {
        f"{base}/{name}": document(root)
        for name, root in {
            activity.modulename + ".xml": _activity(activity),
            "module.xml": _module(activity, time),
            "inforef.xml": inforef(files.ids_for(f"activity:{activity.cmid}")),
            "grades.xml": node("activity_gradebook", [node("grade_items"), node("grade_letters")]),
            "grade_history.xml": node("grade_history", [node("grade_grades")]),
            "roles.xml": empty_roles(),
            "filters.xml": empty_filters(),
            "comments.xml": node("comments"),
            "competencies.xml": node("course_module_competencies", [node("competencies")]),
            "completion.xml": node("completions", [node("completionviews")]),
            "calendar.xml": node("events"),
            "xapistate.xml": node("states"),
        }.items()
    }


def _activity(activity: Activity) -> Node:
    return Node(
        "activity",
        None,
        (activity.element,),
        (
            ("id", str(activity.instance_id)),
            ("moduleid", str(activity.cmid)),
            ("modulename", activity.modulename),
            ("contextid", str(activity.contextid)),
        ),
    )


def _module(activity: Activity, time: int) -> Node:
    view = activity.completion_view
    return node(
        "module",
        [
            *leaves(
                modulename=activity.modulename,
                sectionid=activity.section_id,
                sectionnumber=activity.section_number,
                idnumber="",
                added=time,
                score=0,
                indent=0,
                visible=1,
                visibleoncoursepage=1,
                visibleold=1,
                groupmode=0,
                groupingid=0,
                completion=COMPLETION_AUTOMATIC if view else 0,
            ),
            leaf("completiongradeitemnumber", None),
            *leaves(completionpassgrade=0, completionview=int(view), completionexpected=0),
            leaf("availability", None),
            *leaves(showdescription=0, downloadcontent=1),
            leaf("lang", None),
            node("tags"),
        ],
        id=activity.cmid,
        version=MODULE_VERSIONS[activity.modulename],
    )


def inforef(file_ids: list[int], role_ids: list[int] = ()) -> Node:
    """The ids of the records a course, section or activity uses; restore loads only these files."""
    parts = []  # in the order of backup_helper::get_inforef_itemnames()
    if role_ids:
        parts.append(node("roleref", (node("role", [leaf("id", i)]) for i in role_ids)))
    if file_ids:
        parts.append(node("fileref", (node("file", [leaf("id", i)]) for i in file_ids)))
    return node("inforef", parts)


def empty_roles() -> Node:
    return node("roles", [node("role_overrides"), node("role_assignments")])


def empty_filters() -> Node:
    return node("filters", [node("filter_actives"), node("filter_configs")])
