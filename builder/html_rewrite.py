"""Rewriting the model's neutral URLs (``asset:``, ``chapter:``) for one output medium."""

from __future__ import annotations

from typing import Callable

from lxml import html as lxml_html

from builder.model import ASSET_SCHEME, CHAPTER_SCHEME


def rewrite_urls(
    html: str,
    asset_url: Callable[[str], str],
    chapter_url: Callable[[str, str], str],
) -> str:
    """``html`` with every ``asset:KEY`` src and ``chapter:ID#anchor`` href replaced.

    ``asset_url(key)`` gives the image's URL; ``chapter_url(chapter_id, anchor)`` the link's
    (anchor is '' for a link to the chapter itself).
    """
    if ASSET_SCHEME not in html and CHAPTER_SCHEME not in html:
        return html
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for element in root.iter("img", "a"):
        attribute = "src" if element.tag == "img" else "href"
        value = element.get(attribute) or ""
        if value.startswith(ASSET_SCHEME):
            element.set(attribute, asset_url(value[len(ASSET_SCHEME):]))
        elif value.startswith(CHAPTER_SCHEME):
            target, _, anchor = value[len(CHAPTER_SCHEME):].partition("#")
            element.set(attribute, chapter_url(target, anchor))
    text = root.text or ""
    return text + "".join(lxml_html.tostring(child, encoding="unicode", method="html") for child in root)
