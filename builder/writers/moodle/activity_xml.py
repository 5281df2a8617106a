"""The files of one activity folder (activities/<module>_<cmid>/), as Moodle writes them."""

from __future__ import annotations

from .files import Files
from .gradebook_xml import activity_gradebook
from .structure import COMPLETION_NONE, COMPLETION_VIEW, Activity
from .versions import Target
from .xmlnode import Node, document, leaf, leaves, node

COMPLETION_AUTOMATIC = 2


def activity_files(activity: Activity, files: Files, time: int, target: Target) -> dict[str, bytes]:
    """Relative path -> content for every file in the activity's folder."""
    base = activity.directory
    return {
        f"{base}/{name}": document(root)
        for name, root in {
            activity.modulename + ".xml": _activity(activity),
            "module.xml": _module(activity, time, target),
            "inforef.xml": inforef(
                files.ids_for(f"activity:{activity.cmid}"),
                grade_item_ids=[item.id for item in activity.grade_items],
                question_category_ids=activity.question_category_ids,
            ),
            "grades.xml": activity_gradebook(activity.modulename, activity.grade_items, time),
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


def _module(activity: Activity, time: int, target: Target) -> Node:
    tracked = activity.completion != COMPLETION_NONE
    visible = int(activity.visible)
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
                visible=visible,
                visibleoncoursepage=visible,
                visibleold=visible,
                groupmode=0,
                groupingid=0,
                completion=COMPLETION_AUTOMATIC if tracked else 0,
            ),
            leaf("completiongradeitemnumber", None),
            leaf("completionpassgrade", 0),
            leaf("completionview", int(activity.completion == COMPLETION_VIEW)),
            leaf("completionexpected", 0),
            leaf("availability", None),
            *leaves(showdescription=0, downloadcontent=1),
            leaf("lang", None),
            node("tags"),
        ],
        id=activity.cmid,
        version=target.module_versions[activity.modulename],
    )


def inforef(file_ids=(), role_ids=(), grade_item_ids=(), question_category_ids=()) -> Node:
    """The ids of the records a course, section or activity uses. Restore loads only the files
    and the question categories (with their questions) that some inforef.xml names."""
    parts = []  # in the order of backup_helper::get_inforef_itemnames()
    for kind, ids in (
        ("role", role_ids),
        ("file", file_ids),
        ("grade_item", grade_item_ids),
        ("question_category", question_category_ids),
    ):
        if ids:
            parts.append(node(f"{kind}ref", (node(kind, [leaf("id", i)]) for i in ids)))
    return node("inforef", parts)


def empty_roles() -> Node:
    return node("roles", [node("role_overrides"), node("role_assignments")])


def empty_filters() -> Node:
    return node("filters", [node("filter_actives"), node("filter_configs")])
