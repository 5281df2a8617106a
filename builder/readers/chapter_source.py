"""Splitting a chapter file into front matter, Markdown body and fenced slide/question blocks.

Line numbers are kept: the body keeps its original line count (fenced blocks become blank lines),
so a position found in the body text is the position in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.diagnostics import Report

SLIDE_WORDS = ("slides", "diat", "bilder")
QUESTION_WORDS = ("kysymys", "question", "fråga", "fraga")
FENCE = re.compile(r"^(`{3,}|~{3,})\s*([\wåäö-]*)\s*$", re.IGNORECASE)
# What a front-matter line can look like: a setting, a comment, a list item; indented lines continue one.
SETTING_LINE = re.compile(r"^(#(?!#)|-(\s|$)|[\w-]+\s*:(\s|$))")


@dataclass(frozen=True)
class FencedBlock:
    kind: str  # 'slides' or 'question'
    lines: tuple[str, ...]  # the block's inner lines
    first_line: int  # file line number of lines[0]


@dataclass(frozen=True)
class ChapterSource:
    front_matter: str
    front_matter_line: int  # file line of the front matter's first YAML line
    body: str  # Markdown with fenced blocks blanked out, preceded by blank lines for the front matter
    blocks: tuple[FencedBlock, ...]


def split_chapter(text: str, shown: str, report: Report) -> ChapterSource | None:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        report.add("front-matter-missing", shown, 1)
        return None
    end = _front_matter_end(lines)
    if end is None:
        report.add("front-matter-unclosed", shown, 1, after=_last_setting_line(lines))
        return None
    front = "\n".join(lines[1:end])
    body_lines = [""] * (end + 1) + lines[end + 1 :]
    blocks = _take_blocks(body_lines, end + 1, shown, report)
    if blocks is None:
        return None
    return ChapterSource(front, 2, "\n".join(body_lines), tuple(blocks))


def _front_matter_end(lines: list[str]) -> int | None:
    """The line closing the front matter, or None when the text starts first: a slide's '---' further
    down is not the end of settings whose own closing line was forgotten."""
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return i
        if not _could_be_setting(lines[i]):
            return None
    return None


def _could_be_setting(line: str) -> bool:
    return not line.strip() or line[0] in " \t" or bool(SETTING_LINE.match(line))


def _last_setting_line(lines: list[str]) -> int:
    """The file line after which the missing closing '---' belongs."""
    last = 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "...") or not _could_be_setting(lines[i]):
            break
        if lines[i].strip():
            last = i + 1
    return last


def _take_blocks(lines: list[str], start: int, shown: str, report: Report) -> list[FencedBlock] | None:
    """The slide and question blocks from ``start`` on, each blanked out of ``lines``; None after
    reporting a fence line without its partner."""
    blocks: list[FencedBlock] = []
    i = start
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        fence, word = opening.group(1), opening.group(2)
        kind = _block_kind(word)
        close = _closing_line(lines, i, fence, kind)
        if close is None:
            _report_unpaired(lines, i, word, kind, shown, report)
            return None
        if kind is not None:
            blocks.append(FencedBlock(kind, tuple(lines[i + 1 : close]), i + 2))
            lines[i : close + 1] = [""] * (close + 1 - i)
        i = close + 1
    return blocks


def _block_kind(word: str) -> str | None:
    word = word.lower()
    return "slides" if word in SLIDE_WORDS else "question" if word in QUESTION_WORDS else None


def _closing_line(lines: list[str], i: int, fence: str, kind: str | None) -> int | None:
    """The line closing the fence opened on line index ``i``, or None when there is none before the end
    or before the next slide or question block opens: a block reaching over the next one would swallow
    it (its right answers into speaker notes, say) without a word."""
    for j in range(i + 1, len(lines)):
        inner = FENCE.match(lines[j])
        if not inner or inner.group(1)[0] != fence[0] or len(inner.group(1)) < len(fence):
            continue  # a shorter fence is the block's content: ```` may show ``` code
        if not inner.group(2):
            return j
        if kind is not None or _block_kind(inner.group(2)) is not None:
            return None
    return None


def _report_unpaired(lines: list[str], i: int, word: str, kind: str | None, shown: str, report: Report) -> None:
    # A bare fence right under text is a block's closing line whose opening line was deleted: the
    # text above it was meant for a slide or a question.
    if kind is None and not word and i > 0 and lines[i - 1].strip():
        report.add("block-opening-missing", shown, i + 1)
    else:
        report.add("block-unclosed", shown, i + 1, kind=word)
