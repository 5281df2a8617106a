"""mod_book: the <book> element of activities/book_N/book.xml."""

from __future__ import annotations

from dataclasses import dataclass

from .xmlnode import Node, leaves, node

NUMBERING_NUMBERS = 1  # chapters numbered 1, 1.1, 2 ...
NAVSTYLE_IMAGES = 1


@dataclass(frozen=True)
class BookChapter:
    id: int
    pagenum: int
    subchapter: bool
    title: str
    content: str  # HTML with @@PLUGINFILE@@ and encoded links


def book_element(instance_id: int, name: str, intro: str, chapters: list[BookChapter], time: int) -> Node:
    return node(
        "book",
        [
            *leaves(
                name=name,
                intro=intro,
                introformat=1,
                numbering=NUMBERING_NUMBERS,
                navstyle=NAVSTYLE_IMAGES,
                customtitles=0,
                timecreated=time,
                timemodified=time,
            ),
            node("chapters", (_chapter(c, time) for c in chapters)),
            node("chaptertags"),
        ],
        id=instance_id,
    )


def _chapter(chapter: BookChapter, time: int) -> Node:
    return node(
        "chapter",
        leaves(
            pagenum=chapter.pagenum,
            subchapter=int(chapter.subchapter),
            title=chapter.title,
            content=chapter.content,
            contentformat=1,
            hidden=0,
            timemodified=time,
            importsrc="",
        ),
        id=chapter.id,
    )
