"""Will a slide's text fit? An estimate of its height on the 32 x 18 em slide of the theme, and the text size that fits.

Every slide output uses the same answer: the HTML deck and both PDFs set the body's text size
class (``fit-90`` ...), the PowerPoint deck the same font scale; a slide that fits at no size is
continued on the next (``continued.py``). Measuring is an estimate from
the characters and the theme's geometry (``geometry.py``, mirroring ``slide.css``), so it is
the same on every machine and needs no browser.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import html as lxml_html

from builder.readers.slides import MAX_CHARS as READER_MAX_CHARS, MAX_LINES as READER_MAX_LINES
from builder.writers.slides.deck import DeckSlide
from builder.writers.slides.geometry import (
    BLOCK_GAP, BODY_LINE, INDENT, ITEM_GAP, SPLIT_TEXT_SHARES, body_box, wrapped_lines,
)

SCALES = (1.0, 0.9, 0.8, 0.75)  # text sizes tried, largest first; 0.75 is still 30 px on a 1280 px slide

# The reader already warns when a slide has more than its MAX_LINES lines or MAX_CHARS characters
# of source text; the checks (builder.checks) warn only about the slides that pass that count but
# still will not fit, and about the question and answer slides, which the reader does not count.
WARNED_KINDS = ("content", "question", "answer")


@dataclass(frozen=True)
class Fit:
    scale: float  # the largest of SCALES at which the body fits (the smallest when none does)
    needed: float  # body height needed at that scale, in slide ems
    available: float  # body height available, in slide ems
    text_share: float = 1.0  # the text column's share of the body width (less than 1 on split slides)

    @property
    def fits(self) -> bool:
        return self.needed <= self.available + 1e-9

    @property
    def css_class(self) -> str:
        return f"fit-{round(self.scale * 100)}"


def measure(slide: DeckSlide) -> Fit:
    """The largest text size at which the slide's text fits; on a split slide also the narrowest
    text column it fits in, so that the picture beside it gets the rest."""
    body = body_box(slide.title)
    text_html, _ = slide.parts
    if not text_html.strip() or slide.layout == "image":
        return Fit(1.0, 0.0, body.height)
    root = lxml_html.fragment_fromstring(text_html, create_parent="div")
    shares = SPLIT_TEXT_SHARES if slide.layout == "split" else (1.0,)
    needed = 0.0
    for scale in SCALES:
        for share in shares:
            needed = _height(root, body.width * share / scale) * scale
            if needed <= body.height:
                return Fit(scale, needed, body.height, share)
    return Fit(SCALES[-1], needed, body.height, shares[-1])


def text_height(html: str, width: float, scale: float = 1.0) -> float:
    """Height in slide ems of the text ``html`` at ``scale`` in a column ``width`` slide ems wide."""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    return _height(root, width / scale) * scale


def _height(root, width: float) -> float:
    """Height in body ems of the blocks in ``root`` set ``width`` body ems wide."""
    total = 0.0
    for element in root:
        if not isinstance(element.tag, str):
            continue
        total += _block_height(element, width)
    return total


def _block_height(element, width: float) -> float:
    tag = element.tag
    if tag in ("ul", "ol"):
        return _list_height(element, width) + BLOCK_GAP
    if tag == "table":
        rows = element.findall(".//tr")
        columns = max((len(r) for r in rows), default=1)
        return sum(max((wrapped_lines(c.text_content(), width / columns - 0.8) for c in r), default=1) * BODY_LINE + 0.5
                   for r in rows) + BLOCK_GAP
    if tag == "pre":
        return len(element.text_content().rstrip("\n").split("\n")) * 1.2 * 0.8 + BLOCK_GAP
    if tag == "div":
        return _height(element, width - 2.0) + 1.2 + BLOCK_GAP
    if tag in ("h2", "h3", "h4", "h5", "h6"):
        return wrapped_lines(element.text_content(), width / 1.15) * 1.15 * 1.2 + 0.3
    if tag == "figure":
        return 0.0
    return wrapped_lines(element.text_content(), width) * BODY_LINE + BLOCK_GAP


def _list_height(element, width: float) -> float:
    total = 0.0
    width -= INDENT
    for item in element.iterchildren("li"):
        nested = [child for child in item if child.tag in ("ul", "ol")]
        own = (item.text or "") + "".join(
            child.text_content() + (child.tail or "") for child in item if child.tag not in ("ul", "ol", "p"))
        paragraphs = [child for child in item if child.tag == "p"]
        if paragraphs:
            total += sum(wrapped_lines(p.text_content(), width) * BODY_LINE for p in paragraphs)
        else:
            total += wrapped_lines(own, width) * BODY_LINE
        total += ITEM_GAP + sum(_list_height(n, width) for n in nested)
    return total


def reader_counted_too_long(slide: DeckSlide) -> bool:
    """Whether the reader's own count (source lines and characters) already flagged this slide."""
    text_html, _ = slide.parts
    if not text_html.strip():
        return False
    root = lxml_html.fragment_fromstring(text_html, create_parent="div")
    lines: list[str] = []
    for element in root.iter():
        if element.tag == "li":
            own = (element.text or "") + "".join(
                c.text_content() + (c.tail or "") for c in element if c.tag not in ("ul", "ol"))
            lines.append("- " + own.strip())
        elif element.tag in ("p", "h3", "h4", "td", "th") and not any(a.tag == "li" for a in element.iterancestors()):
            lines.extend(line for line in element.text_content().split("\n") if line.strip())
    chars = sum(len(line.strip()) for line in lines)
    return len(lines) > READER_MAX_LINES or chars > READER_MAX_CHARS
