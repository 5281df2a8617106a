"""Grade items as Moodle's backup writes them: the course total (gradebook.xml) and each graded
activity's own item (activities/<module>_<cmid>/grades.xml)."""

from __future__ import annotations

from .ids import COURSE_GRADE_ITEM_ID, GRADE_CATEGORY_ID
from .structure import Backup, GradeItem
from .xmlnode import Node, leaf, leaves, node

AGGREGATION_NATURAL = 13  # the course total is the sum of the activities' grades
COURSE_GRADEMAX = "10.00000"  # what a course without graded activities has


def gradebook(backup: Backup) -> Node:
    """The course's own grade category and course total, as every Moodle course has them."""
    time = backup.time
    category = node(
        "grade_category",
        [
            leaf("parent", None),
            *leaves(depth=1, path=f"/{GRADE_CATEGORY_ID}/", fullname="?", aggregation=AGGREGATION_NATURAL),
            *leaves(keephigh=0, droplow=0, aggregateonlygraded=1, aggregateoutcomes=0),
            *leaves(timecreated=time, timemodified=time, hidden=0),
        ],
        id=GRADE_CATEGORY_ID,
    )
    items = backup.grade_items
    total = f"{sum(float(i.grademax) for i in items):.5f}" if items else COURSE_GRADEMAX
    course_item = _grade_item(
        COURSE_GRADE_ITEM_ID,
        category=None,
        name=None,
        itemtype="course",
        module=None,
        instance=GRADE_CATEGORY_ID,
        number=None,
        idnumber=None,
        grademax=total,
        weight="0.00000",
        sortorder=1,
        time=time,
    )
    return node(
        "gradebook",
        [
            node("attributes"),
            node("grade_categories", [category]),
            node("grade_items", [course_item]),
            node("grade_letters"),
            node("grade_settings", [node("grade_setting", leaves(name="minmaxtouse", value=1), id="")]),
        ],
    )


def activity_gradebook(module: str, items: tuple[GradeItem, ...], time: int) -> Node:
    rows = [
        _grade_item(
            item.id,
            category=GRADE_CATEGORY_ID,
            name=item.name,
            itemtype="mod",
            module=module,
            instance=item.instance_id,
            number=0,
            idnumber="",
            grademax=item.grademax,
            weight=item.weight,
            sortorder=item.sortorder,
            time=time,
        )
        for item in items
    ]
    return node("activity_gradebook", [node("grade_items", rows), node("grade_letters")])


def natural_weights(grademaxes: list[float]) -> list[str]:
    """Each item's share of the course total, as natural aggregation stores it (5 decimals)."""
    total = sum(grademaxes)
    return [f"{g / total:.5f}" if total else "0.00000" for g in grademaxes]


def _grade_item(id: int, *, category, name, itemtype, module, instance, number, idnumber, grademax, weight,
                sortorder: int, time: int) -> Node:
    return node(
        "grade_item",
        [
            *leaves(categoryid=category, itemname=name, itemtype=itemtype, itemmodule=module),
            *leaves(iteminstance=instance, itemnumber=number),
            leaf("iteminfo", None),
            leaf("idnumber", idnumber),
            leaf("calculation", None),
            *leaves(gradetype=1, grademax=grademax, grademin="0.00000"),
            leaf("scaleid", None),
            leaf("outcomeid", None),
            *leaves(gradepass="0.00000", multfactor="1.00000", plusfactor="0.00000"),
            *leaves(aggregationcoef="0.00000", aggregationcoef2=weight, weightoverride=0, sortorder=sortorder),
            *leaves(display=0, decimals=None),
            *leaves(hidden=0, locked=0, locktime=0, needsupdate=0, timecreated=time, timemodified=time),
            node("grade_grades"),
        ],
        id=id,
    )
