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
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        report.add("front-matter-unclosed", shown, 1)
        return None
    front = "\n".join(lines[1:end])
    body_lines = [""] * (end + 1) + lines[end + 1 :]
    blocks: list[FencedBlock] = []
    i = end + 1
    fence_open: tuple[str, int] | None = None  # an ordinary code fence we are inside
    while i < len(body_lines):
        match = FENCE.match(body_lines[i])
        if fence_open:
            if match and match.group(1).startswith(fence_open[0]) and not match.group(2):
                fence_open = None
            i += 1
            continue
        if not match:
            i += 1
            continue
        word = match.group(2).lower()
        kind = "slides" if word in SLIDE_WORDS else "question" if word in QUESTION_WORDS else None
        if kind is None:
            fence_open = (match.group(1), i)
            i += 1
            continue
        fence = match.group(1)
        close = next(
            (j for j in range(i + 1, len(body_lines))
             if body_lines[j].strip().startswith(fence[0] * 3) and body_lines[j].strip() == fence),
            None,
        )
        if close is None:
            report.add("block-unclosed", shown, i + 1, kind=match.group(2))
            return None
        blocks.append(FencedBlock(kind, tuple(body_lines[i + 1 : close]), i + 2))
        for j in range(i, close + 1):
            body_lines[j] = ""
        i = close + 1
    return ChapterSource(front, 2, "\n".join(body_lines), tuple(blocks))
