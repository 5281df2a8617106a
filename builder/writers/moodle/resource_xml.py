"""mod_resource: the <resource> element of activities/resource_N/resource.xml."""

from __future__ import annotations

from .xmlnode import Node, leaf, leaves, node

DISPLAY_AUTO = 0  # let Moodle choose how to show the file (a PDF opens in the browser)
DISPLAY_OPTIONS = 'a:2:{s:10:"printintro";i:1;s:8:"showtype";i:1;}'


def resource_element(instance_id: int, name: str, intro: str, time: int) -> Node:
    return node(
        "resource",
        [
            *leaves(name=name, intro=intro, introformat=1, tobemigrated=0, legacyfiles=0),
            leaf("legacyfileslast", None),
            *leaves(
                display=DISPLAY_AUTO,
                displayoptions=DISPLAY_OPTIONS,
                filterfiles=0,
                revision=1,
                timemodified=time,
            ),
        ],
        id=instance_id,
    )
