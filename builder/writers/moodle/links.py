"""Rewrites the model's neutral URLs (asset:, chapter:) into Moodle's backup encodings."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Callable, Protocol
from urllib.parse import quote

from lxml import html as lxml_html

from ...html_rewrite import set_size
from ...model import ASSET_SCHEME, CHAPTER_SCHEME

PLUGINFILE = "@@PLUGINFILE@@"


def pluginfile_url(filename: str) -> str:
    """How Moodle's editor stores a file link: each path part rawurlencode()d."""
    return f"{PLUGINFILE}/{quote(filename, safe='')}"


def page_link(cmid: int) -> str:
    """mod/page/view.php?id=CMID as backup_page_activity_task::encode_content_links writes it."""
    return f"$@PAGEVIEWBYID*{cmid}@$"


def book_chapter_link(cmid: int, chapter_id: int) -> str:
    """mod/book/view.php?id=CMID&chapterid=CH as backup_book_activity_task::encode_content_links writes it."""
    return f"$@BOOKVIEWBYIDCH*{cmid}*{chapter_id}@$"


@dataclass(frozen=True)
class Place:
    """Where a link lands: ``key`` names the page or book chapter, ``url`` is its encoded link.

    Restore replaces only the ``$@...@$`` marker, so an ``#anchor`` after it survives.
    ``anchor`` is None when the anchor would point at the top of the place anyway.
    """

    key: str
    url: str
    anchor: str | None


class ChapterLinks(Protocol):
    def place(self, chapter_id: str, anchor: str | None) -> Place | None: ...


@dataclass(frozen=True)
class PageLinks:
    """Page layout: each chapter is one Page; an anchor lands on its id in that page."""

    cmids: dict[str, int]
    ids: dict[str, dict[str, str]]  # chapter id -> anchor -> id attribute (anchors.anchor_ids)

    def place(self, chapter_id: str, anchor: str | None) -> Place | None:
        cmid = self.cmids.get(chapter_id)
        if cmid is None:
            return None
        return Place(f"page:{cmid}", page_link(cmid), _html_id(self.ids, chapter_id, anchor))


@dataclass
class BookLinks:
    """Book layout: anchors choose the book chapter holding them; a subchapter's own heading
    became its title, so a link to that heading is a link to the subchapter."""

    cmid: int
    ids: dict[str, dict[str, str]]  # chapter id -> anchor -> id attribute (anchors.anchor_ids)
    top: dict[str, int] = field(default_factory=dict)  # model chapter id -> book chapter id
    anchors: dict[tuple[str, str], tuple[int, bool]] = field(default_factory=dict)

    def add_anchor(self, chapter_id: str, html_id: str, book_chapter_id: int, keep: bool) -> None:
        self.anchors.setdefault((chapter_id, html_id), (book_chapter_id, keep))

    def place(self, chapter_id: str, anchor: str | None) -> Place | None:
        if chapter_id not in self.top:
            return None
        book_chapter_id, keep = self.top[chapter_id], False
        anchor = _html_id(self.ids, chapter_id, anchor)
        if anchor:
            book_chapter_id, keep = self.anchors.get((chapter_id, anchor), (book_chapter_id, True))
        return Place(
            f"book:{self.cmid}:{book_chapter_id}",
            book_chapter_link(self.cmid, book_chapter_id),
            anchor if keep else None,
        )


def _html_id(ids: dict[str, dict[str, str]], chapter_id: str, anchor: str | None) -> str | None:
    return ids.get(chapter_id, {}).get(anchor, anchor) if anchor else None


def split_chapter_href(href: str) -> tuple[str, str | None]:
    target = href[len(CHAPTER_SCHEME) :]
    chapter_id, _, anchor = target.partition("#")
    return chapter_id, anchor or None


def rewrite_html(
    html: str,
    *,
    here: str,
    asset_url: Callable[[str], str | None],
    links: ChapterLinks,
    problem: Callable[[str], None],
    image_size: Callable[[str], tuple[int | None, int | None]] | None = None,
) -> str:
    """Return ``html`` with asset: and chapter: URLs rewritten.

    ``here`` is the key of the place the HTML is shown in (links to it keep only their anchor);
    ``asset_url`` stores an asset in the right file area and returns its @@PLUGINFILE@@ URL;
    ``image_size`` gives the pixel size of the picture stored.
    """
    if ASSET_SCHEME not in html and CHAPTER_SCHEME not in html:
        return html
    container = lxml_html.fragment_fromstring(html, create_parent="div")
    for element in container.iter("img", "a", "source"):
        for attribute in ("src", "href"):
            value = element.get(attribute)
            if value is None:
                continue
            if value.startswith(ASSET_SCHEME):
                url = asset_url(value[len(ASSET_SCHEME) :])
                if url is None:
                    problem(f"unknown image '{value[len(ASSET_SCHEME):]}'")
                    del element.attrib[attribute]
                else:
                    element.set(attribute, url)
                    if image_size is not None and element.tag == "img":
                        set_size(element, *image_size(value[len(ASSET_SCHEME):]))
            elif value.startswith(CHAPTER_SCHEME):
                chapter_id, anchor = split_chapter_href(value)
                place = links.place(chapter_id, anchor)
                if place is None:
                    problem(f"link to unknown chapter '{chapter_id}'")
                    del element.attrib[attribute]
                elif place.key == here:
                    element.set(attribute, f"#{place.anchor}" if place.anchor else place.url)
                else:
                    element.set(attribute, place.url + (f"#{place.anchor}" if place.anchor else ""))
    return serialise_children(container)


def serialise_children(container) -> str:
    text = escape(container.text, quote=False) if container.text else ""
    return text + "".join(lxml_html.tostring(child, encoding="unicode") for child in container)


def element_ids(html: str) -> list[str]:
    """The id attributes in an HTML fragment, in document order."""
    if "id=" not in html:
        return []
    container = lxml_html.fragment_fromstring(html, create_parent="div")
    return [el.get("id") for el in container.iter() if el.get("id") and el is not container]
