"""Rewriting the model's neutral URLs (``asset:``, ``chapter:``) for one output medium."""

from __future__ import annotations

from typing import Callable

from lxml import html as lxml_html

from builder.model import ASSET_SCHEME, CHAPTER_SCHEME


def rewrite_urls(
    html: str,
    asset_url: Callable[[str], str],
    chapter_url: Callable[[str, str], str],
    image_size: Callable[[str], tuple[int | None, int | None]] | None = None,
) -> str:
    """``html`` with every ``asset:KEY`` src and ``chapter:ID#anchor`` href replaced.

    ``asset_url(key)`` gives the image's URL; ``chapter_url(chapter_id, anchor)`` the link's
    (anchor is '' for a link to the chapter itself). ``image_size(key)``, when given, is the
    pixel size of the picture the URL leads to, for an output that stores it scaled down.
    """
    if ASSET_SCHEME not in html and CHAPTER_SCHEME not in html:
        return html
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for element in root.iter("img", "a"):
        attribute = "src" if element.tag == "img" else "href"
        value = element.get(attribute) or ""
        if value.startswith(ASSET_SCHEME):
            key = value[len(ASSET_SCHEME):]
            element.set(attribute, asset_url(key))
            if image_size is not None and element.tag == "img":
                set_size(element, *image_size(key))
        elif value.startswith(CHAPTER_SCHEME):
            target, _, anchor = value[len(CHAPTER_SCHEME):].partition("#")
            element.set(attribute, chapter_url(target, anchor))
    text = root.text or ""
    return text + "".join(lxml_html.tostring(child, encoding="unicode", method="html") for child in root)


def set_size(img, width: int | None, height: int | None) -> None:
    """Sets the ``width`` and ``height`` of ``img`` (when its picture has a pixel size, as SVG may not)."""
    if width and height and img.get("width") and img.get("height"):
        img.set("width", str(width))
        img.set("height", str(height))
