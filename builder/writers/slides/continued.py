"""Slides too full even at the smallest text size continue on the next slide, so no medium loses text.

Every slide output clips a body taller than the slide (the PDFs cannot do otherwise: a page is a
page), so the deck itself splits such a slide between its blocks and list items into as few
slides as hold it, titled '… (jatkuu)' after the first; a numbered list goes on numbering where
it stopped. The pictures of a split slide stay on its first part. A single block that does not
fit on a slide of its own (one very long paragraph or table) cannot be split here: it is returned
as ``Cut``, which the checks report as an error naming it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from html import escape
from itertools import groupby

from lxml import html as lxml_html

from builder.labels import label
from builder.writers.slides.deck import Deck, DeckSlide
from builder.writers.slides.fit import SCALES, Fit, measure, text_height
from builder.writers.slides.geometry import body_box

LISTS = ("ul", "ol")


@dataclass(frozen=True)
class Continued:
    """A source slide shown as ``parts`` slides because its text would not fit on one."""

    slide: DeckSlide
    fit: Fit  # the one slide's fit: how much too tall it was
    parts: int


@dataclass(frozen=True)
class Cut:
    """Text that does not fit on a slide even alone: every slide output would clip its end."""

    slide: DeckSlide
    text: str  # the words that would not show, as far as the estimate tells


@dataclass(frozen=True)
class FittedDeck:
    deck: Deck
    fits: tuple[Fit, ...]  # one per slide of ``deck``
    continued: tuple[Continued, ...] = ()
    cut: tuple[Cut, ...] = ()


@dataclass(frozen=True)
class _Piece:
    """One unit a slide may be split at: a top-level block, or one item of a top-level list."""

    block: int
    item: int | None = None


def fit_deck(deck: Deck) -> FittedDeck:
    """``deck`` with each slide too full for one slide continued on as many as it needs."""
    slides: list[DeckSlide] = []
    fits: list[Fit] = []
    continued: list[Continued] = []
    cut: list[Cut] = []
    for slide in deck.slides:
        fit = measure(slide)
        parts = [(slide, fit)] if fit.fits else _continue(slide, deck.language)
        if len(parts) > 1:
            continued.append(Continued(slide, fit, len(parts)))
        cut.extend(Cut(part, _cut_text(part, part_fit)) for part, part_fit in parts if not part_fit.fits)
        slides.extend(part for part, _ in parts)
        fits.extend(part_fit for _, part_fit in parts)
    return FittedDeck(replace(deck, slides=tuple(slides)), tuple(fits), tuple(continued), tuple(cut))


def _continue(slide: DeckSlide, language: str) -> list[tuple[DeckSlide, Fit]]:
    """The fewest slides ``slide``'s text fits on; when one piece fits nowhere, one piece a slide."""
    text_html, media_html = slide.parts
    blocks = _blocks(text_html)
    pieces = _pieces(blocks)
    body = body_box(slide.title)
    heights = [text_height(_html(blocks, [piece]), body.width, SCALES[-1]) for piece in pieces]
    # Fewer slides than the text's height over a slide's cannot hold it; a piece taller than a
    # slide fits nowhere (its end is cut whatever the rest does): then one piece a slide.
    fewest = max(2, int(sum(heights) / body.height))
    if max(heights) > body.height:
        fewest = len(pieces)
    attempt: list[tuple[DeckSlide, Fit]] = []
    for count in range(fewest, len(pieces) + 1):
        groups = _balanced(heights, count)
        attempt = []
        for number, group in enumerate(groups):
            html = _html(blocks, pieces[group[0]:group[-1] + 1])
            body = f"{html}\n{media_html}" if number == 0 and media_html else html
            title = slide.title if number == 0 else f"{slide.title} ({label(language, 'continued')})"
            part = replace(slide, title=title, body_html=body, notes_html=slide.notes_html if number == 0 else "")
            attempt.append((part, measure(part)))
        if all(fit.fits for _, fit in attempt):
            return attempt
    return attempt or [(slide, measure(slide))]


def _blocks(text_html: str) -> list:
    if not text_html.strip():
        return []
    root = lxml_html.fragment_fromstring(text_html, create_parent="div")
    return [element for element in root if isinstance(element.tag, str)]


def _pieces(blocks: list) -> list[_Piece]:
    pieces = []
    for index, block in enumerate(blocks):
        items = len(block.findall("li")) if block.tag in LISTS else 0
        pieces.extend([_Piece(index, item) for item in range(items)] if items > 1 else [_Piece(index)])
    return pieces


def _html(blocks: list, pieces: list[_Piece]) -> str:
    """The HTML of consecutive ``pieces``: whole blocks as they are, list items in a list of their own."""
    html = []
    for index, group in groupby(pieces, key=lambda piece: piece.block):
        items = [piece.item for piece in group]
        element = blocks[index] if items[0] is None else _list_part(blocks[index], items)
        html.append(lxml_html.tostring(element, encoding="unicode", method="html").strip())
    return "\n".join(html)


def _list_part(element, items: list[int]):
    """The list ``element`` with only its items ``items``; a numbered list numbers on from where it was."""
    part = copy.deepcopy(element)
    part.tail = None
    for index, item in enumerate(part.findall("li")):
        if index not in items:
            part.remove(item)
    if element.tag == "ol" and items[0] > 0:
        start = element.get("start", "1")
        part.set("start", str((int(start) if start.isdigit() else 1) + items[0]))
    return part


def _balanced(heights: list[float], count: int) -> list[list[int]]:
    """``count`` runs of consecutive indexes into ``heights`` whose tallest run is as short as it can be."""
    low, high = max(heights), sum(heights)
    for _ in range(40):  # bisecting the tallest run's height; 40 halvings are far below a line
        middle = (low + high) / 2
        if len(_packed(heights, middle)) <= count:
            high = middle
        else:
            low = middle
    return _packed(heights, high)


def _packed(heights: list[float], room: float) -> list[list[int]]:
    groups: list[list[int]] = [[]]
    used = 0.0
    for index, height in enumerate(heights):
        if groups[-1] and used + height > room + 1e-9:
            groups.append([])
            used = 0.0
        groups[-1].append(index)
        used += height
    return groups


def _cut_text(slide: DeckSlide, fit: Fit) -> str:
    """The text that falls below the body of a slide too full even at the smallest size, by the estimate."""
    room = body_box(slide.title).height
    width = body_box(slide.title).width * fit.text_share
    used = 0.0
    blocks = _blocks(slide.parts[0])
    for index, block in enumerate(blocks):
        height = text_height(lxml_html.tostring(block, encoding="unicode"), width, fit.scale)
        if used + height > room:
            words = block.text_content().split()
            shown = _words_that_fit(words, room - used, width, fit.scale)
            rest = " ".join(b.text_content() for b in blocks[index + 1:]).split()
            return " ".join(words[shown:] + rest)
        used += height
    return ""


def _words_that_fit(words: list[str], room: float, width: float, scale: float) -> int:
    """How many of ``words``, set as a paragraph, fit in ``room``: the most for which the estimate holds."""
    low, high = 0, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        if text_height(f"<p>{escape(' '.join(words[:middle]))}</p>", width, scale) <= room:
            low = middle
        else:
            high = middle - 1
    return low
