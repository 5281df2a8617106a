"""What the outputs would find wrong with the sources, found once before any writer runs.

``check`` and ``build`` both run this step after reading the course, so ``check --strict``
passes exactly the courses ``build --strict`` builds: no writer reports anything about the
sources itself. What only a render can tell (WeasyPrint's messages about a theme's style sheets)
stays with the render; docs/diagnostics.md, ``render-problem``, says what that is.
"""

from __future__ import annotations

import math
from typing import Callable, Iterable

from builder.diagnostics import Report
from builder.model import Course, SourcePos
from builder.pdf.print_resolution import check_print_resolution

SLIDE_OUTPUTS = frozenset({"slides", "slides-pdf", "handout", "pptx"})
# Pictures the PowerPoint deck always shows (builder.writers.slides.pptx.shows_in_pptx says so too,
# tests/test_check_ahead.py makes sure): for these the check need not import the PowerPoint writer.
SHOWN_IN_PPTX = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
CUT_WORDS = 8  # of the text a slide would lose, the words quoted in the message


def check_outputs(course: Course, report: Report, outputs: Iterable[str] | None = None) -> None:
    """Report what the writers of ``outputs`` (every writer when None) would find wrong."""
    wanted = None if outputs is None else set(outputs)
    for check, concerns in CHECKS:
        if wanted is None or wanted & concerns:
            check(course, report)


def check_slide_text(course: Course, report: Report) -> None:
    """A slide continued because it is too full (a warning), or text no slide can hold (an error).

    ``coursebuild check`` keeps what this said (builder.readers.chapter_memo.kept_check): after an edit
    it is said again without building and fitting the deck when everything the deck is made of is as it
    was (deck_inputs), nor importing the slide modules (0.01 s with the fitting of three editions)."""
    from builder.readers.chapter_memo import kept_check

    kept_check("slide-text", deck_inputs(course), report, lambda own: _check_slide_text(course, own))


def deck_inputs(course: Course) -> tuple:
    """Everything of ``course`` the deck (builder.writers.slides.deck.build_deck) is made of: all of it
    but the chapters' bodies and headings, which no slide shows (tests/test_check_ahead.py makes sure)."""
    return (course.root, course.meta, tuple(course.assets.items()), course.build_time, course.theme_dirs,
            tuple((c.id, c.number, c.title, c.summary, c.kind, c.source, c.slides, c.questions, c.pos)
                  for c in course.chapters))


def _check_slide_text(course: Course, report: Report) -> None:
    from builder.writers.slides.continued import fit_deck
    from builder.writers.slides.deck import build_deck
    from builder.writers.slides.fit import BODY_LINE, WARNED_KINDS, reader_counted_too_long

    fitted = fit_deck(build_deck(course))
    warned: set[SourcePos] = set()  # a question and its answer slide come from the same lines: say it once
    for continued in fitted.continued:
        slide, fit = continued.slide, continued.fit
        if slide.kind not in WARNED_KINDS or slide.pos in warned:
            continue
        warned.add(slide.pos)
        if slide.kind == "content" and reader_counted_too_long(slide):
            continue  # the reader's own count said so already
        lines = math.ceil(fit.needed / (BODY_LINE * fit.scale))
        room = int(fit.available / (BODY_LINE * fit.scale))
        report.add("slide-too-long", slide.pos.path, slide.pos.line, title=slide.title,
                   detail=_too_long_detail(report.language, lines, room, continued.parts))
    for cut in fitted.cut:
        words = cut.text.split()
        text = " ".join(words[:CUT_WORDS]) + (" …" if len(words) > CUT_WORDS else "")
        report.add("slide-text-cut", cut.slide.pos.path, cut.slide.pos.line, title=cut.slide.title, text=text)


def _too_long_detail(language: str, lines: int, room: int, parts: int) -> str:
    if language == "fi":
        return f"pienimmälläkin tekstikoolla noin {lines} riviä, tilaa {room} riville, joten se jatkuu {parts} dialla"
    if language == "sv":
        return f"även med minsta textstorlek cirka {lines} rader, plats för {room}, så den fortsätter på {parts} bilder"
    return f"about {lines} lines even at the smallest text size, room for {room}, so it continues over {parts} slides"


def check_pptx_pictures(course: Course, report: Report) -> None:
    """Pictures on slides that the PowerPoint deck cannot show: it leaves them out."""
    if all(asset.mimetype in SHOWN_IN_PPTX for asset in course.assets.values()):
        return  # no picture of the course is one it could leave out: no need to build the deck
    from lxml import html as lxml_html

    from builder.writers.slides.deck import asset_of, build_deck

    warned: set[tuple[SourcePos, str]] = set()
    for slide in build_deck(course).slides:
        media_html = slide.parts[1]
        if not media_html:
            continue
        for img in lxml_html.fragment_fromstring(media_html, create_parent="div").iter("img"):
            asset = asset_of(course, img.get("src", ""))
            if asset is None or (slide.pos, asset.key) in warned or asset.mimetype in SHOWN_IN_PPTX:
                continue
            from builder.writers.slides.pptx import shows_in_pptx  # 50 ms to import: only for an SVG and the like

            if shows_in_pptx(asset):
                continue
            warned.add((slide.pos, asset.key))
            report.add("pptx-image-unsupported", slide.pos.path, picture_line(course, slide.pos, asset.path.name),
                       image=asset.filename, type=asset.path.suffix.lstrip(".").upper())


def picture_line(course: Course, slide: SourcePos, file_name: str) -> int:
    """The line of the slide's source that shows the picture ``file_name``: the first line after the
    slide's title that links it, before the next slide or the end of the block; the title's line if none."""
    try:
        lines = (course.root / slide.path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError):
        return slide.line
    for number in range(slide.line + 1, len(lines) + 1):
        line = lines[number - 1].strip()
        if line.startswith(("## ", "```", "~~~")) or line == "---":
            break
        if "](" in line and file_name in line:
            return number
    return slide.line


# Each check and the outputs whose writers would otherwise have found the same.
CHECKS: tuple[tuple[Callable[[Course, Report], None], frozenset[str]], ...] = (
    (check_slide_text, SLIDE_OUTPUTS),
    (check_pptx_pictures, frozenset({"pptx"})),
    (check_print_resolution, frozenset({"booklet-print"})),
)
