"""The XML formatting of the Moodle writer is Moodle's own, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.writers.moodle.xmlnode import document, escape_attr, escape_text, leaf, node
from moodle_factory import build_mbz, make_course, read_mbz

REFERENCE = Path("/work/shared/moodle-reference/moodle-4.4/unpacked")

# Files whose content does not depend on the course: they must equal Moodle's exactly.
SAME_AS_MOODLE = [
    ("badges.xml", "badges.xml"),
    ("completion.xml", "completion.xml"),
    ("grade_history.xml", "grade_history.xml"),
    ("groups.xml", "groups.xml"),
    ("outcomes.xml", "outcomes.xml"),
    ("scales.xml", "scales.xml"),
    ("users.xml", "users.xml"),
    ("roles.xml", "roles.xml"),
    ("course/roles.xml", "course/roles.xml"),
    ("course/filters.xml", "course/filters.xml"),
    ("course/comments.xml", "course/comments.xml"),
    ("course/contentbank.xml", "course/contentbank.xml"),
    ("course/competencies.xml", "course/competencies.xml"),
    ("course/completiondefaults.xml", "course/completiondefaults.xml"),
    ("course/calendar.xml", "course/calendar.xml"),
    ("activities/page_2/calendar.xml", "activities/page_7/calendar.xml"),
    ("activities/page_2/comments.xml", "activities/page_7/comments.xml"),
    ("activities/page_2/competencies.xml", "activities/page_7/competencies.xml"),
    ("activities/page_2/completion.xml", "activities/page_7/completion.xml"),
    ("activities/page_2/filters.xml", "activities/page_7/filters.xml"),
    ("activities/page_2/grade_history.xml", "activities/page_7/grade_history.xml"),
    ("activities/page_2/grades.xml", "activities/page_7/grades.xml"),
    ("activities/page_2/roles.xml", "activities/page_7/roles.xml"),
    ("activities/page_2/xapistate.xml", "activities/page_7/xapistate.xml"),
]


@pytest.fixture(scope="module")
def entries(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("xml")
    mbz, _ = build_mbz(make_course(tmp / "course"), tmp / "out")
    return read_mbz(mbz)


@pytest.mark.parametrize("ours, theirs", SAME_AS_MOODLE)
def test_course_independent_files_equal_moodles(entries, ours, theirs):
    assert entries[ours] == (REFERENCE / theirs).read_bytes()


def test_module_xml_differs_from_moodles_only_in_ids_and_times(entries):
    ours = entries["activities/page_1/module.xml"].decode()
    theirs = (REFERENCE / "activities/page_7/module.xml").read_text()
    for mine, moodles in (('id="1"', 'id="7"'), ("<sectionid>2<", "<sectionid>6<"), (">1768435200<", ">1795801095<")):
        ours = ours.replace(mine, moodles)
    assert ours == theirs


def test_escaping_is_phps_htmlspecialchars():
    assert escape_text('a & <b> "c" \'d\' ]]>') == "a &amp; &lt;b&gt; \"c\" 'd' ]]&gt;"
    assert escape_attr('"x" & y') == "&quot;x&quot; &amp; y"
    assert escape_text("tab\tok\x01\x7f\r\nline") == "tab\tok\nline"
    assert escape_text("😀 ä") == "😀 ä"


def test_layout_empty_containers_leaves_and_null():
    tree = node("root", [leaf("a", ""), leaf("b", None), node("c"), node("d", [leaf("e", 1)], id=3)])
    assert document(tree) == (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<root>\n  <a></a>\n  <b>$@NULL@$</b>\n'
        b'  <c>\n  </c>\n  <d id="3">\n    <e>1</e>\n  </d>\n</root>'
    )
