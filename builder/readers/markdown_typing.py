"""Python-Markdown read the way trainers type: a list right under a paragraph line, a sub-list or
callout text indented by fewer than four spaces.

Every editor a trainer knows (Word, Google Docs, Moodle's own) starts a list on the line after a
sentence, and many indent by two spaces (GitHub and most Markdown editors do). Python-Markdown
needs a blank line before a list and four spaces under ``!!!`` or under a list item; without these
extensions such text silently comes out as one paragraph with literal '- ' lines, as one flat
list, or as an empty callout followed by its own text.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor

# A line that starts a list item. A numbered list breaks a paragraph only when it starts at 1, as
# in CommonMark: 'vuonna\n2024. alkaen' is a sentence that happens to wrap, not a list.
LIST_ITEM_LINE = re.compile(r"^[ ]{0,3}(?:[*+-]|1\.)[ ]+\S")
# Any list item line, at any indentation ('1.' to '99.' and bullets), as Python-Markdown reads items.
ANY_ITEM_LINE = re.compile(r"^([ ]*)(?:[*+-]|\d+\.)[ ]+\S")
LIST_ITEM_START = re.compile(r"^[ ]{0,3}(?:[*+-]|\d+\.)[ ]+\S")  # a block that is a list
CALLOUT_START = re.compile(r"^!!!")
FOUR_SPACES = 4


class ListAfterParagraphProcessor(BlockProcessor):
    """Splits a block whose paragraph lines are followed by list lines: the paragraph, then the list.

    Only blocks no other processor claimed come here (it runs just before the paragraph
    processor); the two halves go back to the parser, so the list processors read the list.
    """

    def test(self, parent, block: str) -> bool:
        return _first_list_line(block) is not None

    def run(self, parent, blocks: list[str]) -> None:
        lines = blocks.pop(0).split("\n")
        index = _first_list_line("\n".join(lines))
        blocks[0:0] = ["\n".join(lines[:index]), "\n".join(lines[index:])]


def _first_list_line(block: str) -> int | None:
    """The index of the first list item line after the block's first line, or None."""
    lines = block.split("\n")
    return next((i for i in range(1, len(lines)) if LIST_ITEM_LINE.match(lines[i])), None)


class NestedListIndentProcessor(BlockProcessor):
    """Reads a list item indented by two or three spaces more than the item above it as nested in it.

    Python-Markdown nests an item only four spaces in; an item two spaces in becomes the next item
    of the same list. The block's lines are indented to Python-Markdown's four spaces per level in
    place (no line is added or removed, so positions found in the written text stay right) and the
    block goes on to the list processors. A list indented by four spaces is left as it is, and so
    is every block that does not start with a list item: an indented code block is never touched.
    Runs inside callouts and list items too, since Python-Markdown parses their text as blocks.
    """

    def test(self, parent, block: str) -> bool:
        return LIST_ITEM_START.match(block) is not None and _lists_nested(block) != block

    def run(self, parent, blocks: list[str]) -> bool:
        blocks[0] = _lists_nested(blocks[0])
        return False  # the block, now indented by fours, is read by the list processors


def _lists_nested(block: str) -> str:
    """``block`` with each list item indented by four spaces per level it is nested by.

    A level is an item indented two or more spaces past the item it follows; an item indented by
    as much as an item above it (give or take one space) is that item's sibling. A line that is
    not an item is left as it is: Python-Markdown reads it as the text of the item above.
    """
    levels: list[tuple[int, int]] = []  # (indentation as written, as rewritten) of the open items
    lines = block.split("\n")
    for index, line in enumerate(lines):
        if ANY_ITEM_LINE.match(line) is None:
            continue
        written = _indentation(line)
        while levels and levels[-1][0] > written + 1:
            levels.pop()
        if levels and levels[-1][0] + 1 >= written:
            indent = levels[-1][1]  # a sibling
        elif levels:
            old, new = levels[-1]
            indent = new + max(written - old, FOUR_SPACES)
            levels.append((written, indent))
        else:
            indent = written
            levels.append((written, indent))
        lines[index] = " " * indent + line[written:]
    return "\n".join(lines)


class CalloutIndentPreprocessor(Preprocessor):
    """Reads text indented by one to three spaces under a ``!!!`` line as the callout's text.

    The lines are indented to four spaces in place (no line is added or removed, so positions
    found in the written text stay right). The callout's text is its first line's indentation and
    every following line indented at least as much, blank lines included; the first line indented
    less ends it, as four-space text would end.
    """

    def run(self, lines: list[str]) -> list[str]:
        result = list(lines)
        index = 0
        while index < len(result):
            if CALLOUT_START.match(result[index]):
                index = _indent_callout_text(result, index + 1)
            else:
                index += 1
        return result


def _indent_callout_text(lines: list[str], start: int) -> int:
    """Re-indent the callout text starting at ``start`` (in place); the index after it."""
    first = next((i for i in range(start, len(lines)) if lines[i].strip()), None)
    if first is None:
        return len(lines)
    indent = _indentation(lines[first])
    if not 0 < indent < FOUR_SPACES:
        return first
    end = first
    while end < len(lines) and (not lines[end].strip() or _indentation(lines[end]) >= indent):
        end += 1
    while end > first and not lines[end - 1].strip():
        end -= 1  # blank lines after the text are not part of it
    for i in range(first, end):
        if lines[i].strip():
            lines[i] = " " * FOUR_SPACES + lines[i][indent:]
    return end


def _indentation(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


class TrainerTypingExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # After fenced code (25) has set code aside: a '!!!' in a code block stays as it is.
        md.preprocessors.register(CalloutIndentPreprocessor(md), "callout_indent", 19)
        md.parser.blockprocessors.register(ListAfterParagraphProcessor(md.parser), "list_after_paragraph", 12)
        # Before the numbered (40) and bulleted (30) list processors read the items.
        md.parser.blockprocessors.register(NestedListIndentProcessor(md.parser), "nested_list_indent", 45)
