"""mod_page: the <page> element of activities/page_N/page.xml."""

from __future__ import annotations

from .xmlnode import Node, leaf, leaves, node

# Open in the course (RESOURCELIB_DISPLAY_OPEN), description hidden, "last modified" shown.
DISPLAY_OPEN = 5
DISPLAY_OPTIONS = 'a:2:{s:10:"printintro";i:0;s:17:"printlastmodified";i:1;}'


def page_element(instance_id: int, name: str, intro: str, content: str, time: int) -> Node:
    return node(
        "page",
        [
            *leaves(name=name, intro=intro, introformat=1, content=content, contentformat=1, legacyfiles=0),
            leaf("legacyfileslast", None),
            *leaves(display=DISPLAY_OPEN, displayoptions=DISPLAY_OPTIONS, revision=1, timemodified=time),
        ],
        id=instance_id,
    )
