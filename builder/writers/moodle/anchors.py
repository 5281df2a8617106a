"""Finds the id attribute a link anchor lands on in a chapter's HTML.

A ``chapter:ID#anchor`` link names a heading by its model anchor (``Heading.anchor``); the body
HTML may give that heading a different id (the reader makes ids unique across the course, e.g.
'salassapito--vaitiolo'). Headings are matched with the body's heading elements in order.
"""

from __future__ import annotations

from lxml import html as lxml_html

from ...model import Chapter, html_id

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def anchor_ids(chapter: Chapter) -> dict[str, str]:
    """Model anchor (or id) -> the id attribute in the chapter's body HTML."""
    ids: dict[str, str] = {}
    own_prefix = html_id(chapter.id, "")
    headings: list[tuple[int, str]] = []
    for block in chapter.blocks:
        if "id=" not in block.html:
            continue
        container = lxml_html.fragment_fromstring(block.html, create_parent="div")
        for element in container.iter():
            element_id = element.get("id") if element is not container else None
            if element_id:
                ids.setdefault(element_id, element_id)
                # A link names an id as the trainer's text does ('fn:1', a footnote), the HTML
                # has it prefixed with the chapter ('alku--fn:1').
                if element_id.startswith(own_prefix):
                    ids.setdefault(element_id[len(own_prefix):], element_id)
                if element.tag in _HEADINGS:
                    headings.append((int(element.tag[1]), element_id))
    cursor = 0
    for heading in chapter.headings:
        for index in range(cursor, len(headings)):
            if headings[index][0] == heading.level:
                ids.setdefault(heading.anchor, headings[index][1])
                cursor = index + 1
                break
    return ids
