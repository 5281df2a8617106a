"""Slides written in a chapter's ```slides blocks: '---' between slides, notes after 'Muistiinpanot:'."""

from __future__ import annotations

import difflib
import re

import nh3
from lxml import html as lxml_html

from builder.model import SourcePos, Slide
from builder.readers.chapter_source import FencedBlock
from builder.readers.markdown_body import UNSAFE_HTML, BodyContext, plain_markdown, render_markdown
from builder.readers.text import CONTROL, harmless_text
from builder.wording import say

TITLE = re.compile(r"^#{1,3}\s+(.+?)\s*#*\s*$")
NOTES_LABELS = ("muistiinpanot", "notes", "note", "anteckningar", "puhujan muistiinpanot")
NOTES = re.compile(rf"^\s*({'|'.join(NOTES_LABELS)})\s*:\s*(.*)$", re.IGNORECASE)
NEAR_LABEL = 0.85  # 'Muistinpanot', 'Muistiinpanto', 'Anteckning' are close to a label; 'Votes', 'Notable' are not
SEPARATOR = re.compile(r"^\s*---+\s*$")
SLIDE_TITLE = re.compile(r"^ {0,3}#{1,2}[ \t]+(\S.*?)[ \t#]*$")  # '## Otsikko' further down a slide: one '---' forgotten
CODE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
MAX_LINES = 8  # more text lines than this will not fit at a size readable from the back of a room
MAX_CHARS = 420


def read_slides(block: FencedBlock, ctx: BodyContext) -> list[Slide]:
    slides: list[Slide] = []
    chunk: list[tuple[int, str]] = []
    numbered = list(enumerate(block.lines, start=block.first_line))
    closing_fence = block.first_line + len(block.lines)
    opened_by = block.first_line - 1  # the line before the current slide: the fence or a '---'
    for number, line in numbered + [(closing_fence, "---")]:
        if SEPARATOR.match(line):
            # An empty slide is reported at the '---' that closes it; after the last one, at that '---'.
            separator_line = number if number != closing_fence else opened_by
            slide = _read_slide(chunk, ctx, separator_line=separator_line)
            if slide is not None:
                slides.append(slide)
            chunk = []
            opened_by = number
        else:
            chunk.append((number, line))
    return slides


def _read_slide(chunk: list[tuple[int, str]], ctx: BodyContext, separator_line: int) -> Slide | None:
    while chunk and not chunk[0][1].strip():
        chunk.pop(0)
    if not chunk:
        ctx.report.add("slide-empty", ctx.shown, separator_line)
        return None
    first_line, first = chunk[0]
    match = TITLE.match(first)
    if not match:
        ctx.report.add("slide-title-missing", ctx.shown, first_line)
        return None
    unsafe = UNSAFE_HTML.search(first)
    if unsafe:
        ctx.report.add("html-removed", ctx.shown, first_line, detail=unsafe.group(0).strip()[:40])
    title = _plain(match.group(1))
    if not title:  # nothing but removed markup
        ctx.report.add("slide-title-missing", ctx.shown, first_line)
        return None
    body: list[tuple[int, str]] = []
    notes: list[tuple[int, str]] = []
    target = body
    fence = ""
    for number, line in chunk[1:]:
        opened = CODE_FENCE.match(line)
        if fence:  # a code block on the slide shows its lines as typed
            fence = "" if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) else fence
        elif opened:
            fence = opened.group(1)
        elif SLIDE_TITLE.match(line):
            next_title = _plain(SLIDE_TITLE.match(line).group(1))
            ctx.report.add("slide-in-notes" if target is notes else "slide-separator-missing", ctx.shown, number,
                           title=next_title, above=title)
        notes_start = None if fence else NOTES.match(line)
        if notes_start and target is body:
            target = notes
            if notes_start.group(2).strip():
                notes.append((number, notes_start.group(2)))
            continue
        if target is body and not fence and _almost_notes_label(line):
            ctx.report.add("notes-label-misspelt", ctx.shown, number)
        target.append((number, line))
    body_html = _render(body, ctx)
    notes_html = _render(notes, ctx)
    _check_fits(title, body, first_line, ctx)
    return Slide(title=title, body_html=body_html, notes_html=notes_html, pos=SourcePos(ctx.shown, first_line))


def _almost_notes_label(line: str) -> bool:
    """'Muistiinpanot' without its colon, or 'Muistinpanot:' misspelt: the trainer's private notes
    would be projected. A label is the whole line, or what comes before its colon."""
    label, colon, _ = line.strip().partition(":")
    if not colon:
        label = label.rstrip(" .-–—")
    label = " ".join(label.lower().split())
    return label[:1].isalpha() and bool(difflib.get_close_matches(label, NOTES_LABELS, n=1, cutoff=NEAR_LABEL))


def _plain(title: str) -> str:
    """The title as the audience reads it: Markdown markup removed ('Mitä *ei* saa' -> 'Mitä ei saa').

    Raw HTML goes too, a script's code with its tags: a title is text wherever it is shown.
    """
    html = CONTROL.sub("", nh3.clean(plain_markdown(title), tags=set()))  # escaped text; no script, no '&#1;'
    text = lxml_html.fragment_fromstring(html, create_parent="div").text_content() if html.strip() else ""
    return " ".join(harmless_text(text).split()) or " ".join(harmless_text(title).split())


def _render(lines: list[tuple[int, str]], ctx: BodyContext) -> str:
    if not any(line.strip() for _, line in lines):
        return ""
    text = "\n".join(line for _, line in lines)
    rendered = render_markdown(text, ctx, collect_headings=False, first_line=lines[0][0])
    return "\n".join(block.html for block in rendered.blocks)


def _check_fits(title: str, body: list[tuple[int, str]], line: int, ctx: BodyContext) -> None:
    text_lines = [text for _, text in body if text.strip() and not text.strip().startswith("![")]
    chars = sum(len(text.strip()) for text in text_lines)
    if len(text_lines) > MAX_LINES:
        ctx.report.add("slide-too-long", ctx.shown, line, title=title,
                       detail=say(ctx.report.language, "slide-lines", count=len(text_lines), limit=MAX_LINES))
    elif chars > MAX_CHARS:
        ctx.report.add("slide-too-long", ctx.shown, line, title=title,
                       detail=say(ctx.report.language, "slide-characters", count=chars, limit=MAX_CHARS))
