"""Splits a chapter into book chapters: the text before its first second-level heading, then
one subchapter per second-level heading (the heading becomes the subchapter's title)."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import html as lxml_html

from ...model import Chapter


@dataclass(frozen=True)
class BookPart:
    title: str
    html: str
    subchapter: bool
    anchor: str | None  # the id attribute of a subchapter's heading


def book_parts(chapter: Chapter) -> list[BookPart]:
    titles = iter([h.title for h in chapter.headings if h.level == 2])
    parts: list[tuple[str, list[str], bool, str | None]] = [(chapter.title, [], False, None)]
    for block in chapter.blocks:
        if block.tag == "h2":
            heading = lxml_html.fragment_fromstring(block.html)
            title = next(titles, None) or " ".join(heading.text_content().split())
            parts.append((title, [], True, heading.get("id")))
        else:
            parts[-1][1].append(block.html)
    return [BookPart(title, "\n".join(html), sub, anchor) for title, html, sub, anchor in parts]
