"""Python-Markdown read the way trainers type: a list right under a paragraph line, callout text
indented by fewer than four spaces.

Every editor a trainer knows (Word, Google Docs, Moodle's own) starts a list on the line after a
sentence, and many indent by two spaces. Python-Markdown needs a blank line before a list and four
spaces under ``!!!``; without these extensions such text silently comes out as one paragraph with
literal '- ' lines, or as an empty callout followed by its own text.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor

# A line that starts a list item. A numbered list breaks a paragraph only when it starts at 1, as
# in CommonMark: 'vuonna\n2024. alkaen' is a sentence that happens to wrap, not a list.
LIST_ITEM_LINE = re.compile(r"^[ ]{0,3}(?:[*+-]|1\.)[ ]+\S")
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
