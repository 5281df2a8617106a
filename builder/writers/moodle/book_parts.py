"""Splits a chapter into book chapters: the text before its first second-level heading, then
one subchapter per second-level heading (the heading becomes the subchapter's title).

A chapter's footnotes stand together at its end; each goes to the book chapter where it is first
referred to, so that a reader in Moodle finds the note on the page they are reading.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import html as lxml_html

from ...model import Chapter

FOOTNOTES_CLASS = "footnote"


@dataclass(frozen=True)
class BookPart:
    title: str
    html: str
    subchapter: bool
    anchor: str | None  # the id attribute of a subchapter's heading


def book_parts(chapter: Chapter) -> list[BookPart]:
    titles = iter([h.title for h in chapter.headings if h.level == 2])
    parts: list[tuple[str, list[str], bool, str | None]] = [(chapter.title, [], False, None)]
    notes = None
    for block in chapter.blocks:
        if block.tag == "h2":
            heading = lxml_html.fragment_fromstring(block.html)
            title = next(titles, None) or " ".join(heading.text_content().split())
            parts.append((title, [], True, heading.get("id")))
        elif block.tag == "div" and FOOTNOTES_CLASS in block.html.split(">", 1)[0] and notes is None:
            notes = lxml_html.fragment_fromstring(block.html)
        else:
            parts[-1][1].append(block.html)
    if notes is not None:
        _place_footnotes(notes, [blocks for _, blocks, _, _ in parts])
    return [BookPart(title, "\n".join(html), sub, anchor) for title, html, sub, anchor in parts]


def _place_footnotes(notes, parts: list[list[str]]) -> None:
    """Append to each part's blocks the footnotes first referred to in it, numbered as in the text."""
    items = [li for li in notes.iter("li") if li.get("id")]
    numbers = {li.get("id"): n for n, li in enumerate(items, 1)}
    placed: set[str] = set()
    for blocks in parts:
        wanted = [li for li in items if li.get("id") not in placed and _referred_to(li.get("id"), blocks)]
        placed.update(li.get("id") for li in wanted)
        if wanted:
            blocks.append(_notes_block(notes, wanted, numbers))
    left = [li for li in items if li.get("id") not in placed]  # a note no text refers to stays at the end
    if left:
        parts[-1].append(_notes_block(notes, left, numbers))


def _referred_to(note_id: str, blocks: list[str]) -> bool:
    own_anchor = note_id.split("--", 1)[-1]  # 'alku--fn:1' is linked as 'chapter:alku#fn:1'
    return any(f"#{own_anchor}\"" in html for html in blocks)


def _notes_block(notes, items, numbers: dict[str, int]) -> str:
    """The chapter's footnote block holding only ``items``, each keeping its number (li value)."""
    block = lxml_html.fragment_fromstring(lxml_html.tostring(notes, encoding="unicode"))
    ol = next(block.iter("ol"))
    for li in list(ol):
        ol.remove(li)
    for item in items:
        copy = lxml_html.fragment_fromstring(lxml_html.tostring(item, encoding="unicode"))
        copy.set("value", str(numbers[item.get("id")]))
        ol.append(copy)
    return lxml_html.tostring(block, encoding="unicode")
