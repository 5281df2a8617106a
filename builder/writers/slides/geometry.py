"""The slide's geometry, mirrored from slide.css: where the title, the text and the pictures go.

A slide is 32em x 18em (16:9) and every length is in ems of the slide (1/32 of its width), so the
HTML deck, the PDFs and the PowerPoint deck place things alike. Change slide.css and this together.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.writers.slides.deck import DeckSlide

# Lengths in slide ems, as in slide.css.
SLIDE_HEIGHT = 18.0
PAD_TOP, PAD_BOTTOM, PAD_SIDE = 1.0, 1.3, 1.5
TITLE_SIZE, TITLE_LINE, TITLE_GAP = 1.45, 1.15, 0.55
BODY_LINE = 1.3  # line height of body text, in body ems
ITEM_GAP = 0.3  # space after a list item
BLOCK_GAP = 0.5  # space after a paragraph or a list
INDENT = 1.3  # a list level's indent
SPLIT_TEXT_SHARES = (0.42, 0.531)  # a split slide's text column, of the body width: narrow when the text allows
SPLIT_GAP = 0.035  # between the text and the picture column, of the body width (about 1em)
CAPTION_HEIGHT = 1.3  # a caption line under a picture with its gap
FIGURE_GAP = 0.5  # between two pictures
CHAR_WIDTH = 0.47  # average advance in ems of Finnish text: Atkinson Hyperlegible and Arial 0.43, DejaVu Sans 0.50
TITLE_CHAR_WIDTH = 0.52  # bold: Atkinson Hyperlegible 0.47
COVER_TITLE_SIZE, COVER_TITLE_SMALL = 2.2, 1.7  # title, closing and section slides; the smaller for long titles


def title_lines(title: str) -> int:
    """Lines a content slide's title takes: the theme leaves room for one or two."""
    return 1 if wrapped_lines(title, (32.0 - 2 * PAD_SIDE) / TITLE_SIZE, TITLE_CHAR_WIDTH) <= 1 else 2


def cover_title_size(title: str) -> float:
    """The big title of a title, section or closing slide: smaller when it would take three lines."""
    return COVER_TITLE_SIZE if cover_title_lines(title, COVER_TITLE_SIZE) <= 2 else COVER_TITLE_SMALL


def cover_title_lines(title: str, size: float) -> int:
    return wrapped_lines(title, (32.0 - 2 * PAD_SIDE) / size, TITLE_CHAR_WIDTH)


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in slide ems from its top left corner."""

    left: float
    top: float
    width: float
    height: float


LOGO_BOX = Box(32.0 - PAD_SIDE - 4.2, 1.1, 4.2, 4.2)  # the title and closing slides' logo, as .slide-logo


def body_box(title: str) -> Box:
    """The room under a content slide's title."""
    top = PAD_TOP + title_lines(title) * TITLE_SIZE * TITLE_LINE + TITLE_GAP
    return Box(PAD_SIDE, top, 32.0 - 2 * PAD_SIDE, SLIDE_HEIGHT - PAD_BOTTOM - top)


def figure_boxes(slide: DeckSlide, captioned: list[bool], text_share: float) -> list[Box]:
    """The room for each picture of the slide (its caption goes under it): side by side on a
    picture slide, one under another in the picture column of a split slide, whose text column
    takes ``text_share`` of the width."""
    body = body_box(slide.title)
    count = len(captioned)
    if not count:
        return []
    if slide.layout == "split":
        width = body.width * media_share(text_share)
        left = body.left + body.width - width
        share = (body.height - (count - 1) * FIGURE_GAP) / count
        return [Box(left, body.top + i * (share + FIGURE_GAP), width, share - (CAPTION_HEIGHT if c else 0.0))
                for i, c in enumerate(captioned)]
    share = (body.width - (count - 1) * FIGURE_GAP) / count
    return [Box(body.left + i * (share + FIGURE_GAP), body.top, share,
                body.height - (CAPTION_HEIGHT if any(captioned) else 0.0)) for i in range(count)]


def media_share(text_share: float) -> float:
    """A split slide's picture column, of the body width."""
    return 1.0 - text_share - SPLIT_GAP


def picture_size(box: Box, width: float | None, height: float | None) -> tuple[float, float]:
    """A picture's size scaled to fill ``box`` keeping its proportions (up or down: slides are seen from afar)."""
    ratio = (width / height) if width and height else 1.5
    if box.width / ratio <= box.height:
        return box.width, box.width / ratio
    return box.height * ratio, box.height


def wrapped_lines(text: str, width: float, char_width: float = CHAR_WIDTH) -> int:
    """Lines ``text`` takes when wrapped at word boundaries ``width`` ems wide."""
    words = text.split()
    if not words:
        return 0
    per_line = max(1, int(width / char_width))
    lines, used = 1, 0
    for word in words:
        length = len(word)
        if used == 0:
            used = length
        elif used + 1 + length <= per_line:
            used += 1 + length
        else:
            lines, used = lines + 1, length
        while used > per_line:  # a word longer than a line breaks (hyphens: manual, overflow-wrap)
            lines, used = lines + 1, used - per_line
    return lines
