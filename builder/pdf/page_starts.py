"""Where each printed page of the booklet begins in the booklet's HTML, read from the finished A5 PDF.

The PDF says where pages begin in two ways that together need no second render:

* WeasyPrint writes a named destination (page, top) for every element with an id: the cover,
  contents, foreword, each chapter, heading, question and answer. A page whose first line lies
  below the top of such an element begins with that element.
* Any other page begins inside a paragraph, list, table or callout that started on an earlier
  page. Its first line of text (``pdftotext -bbox``: each word with its box) is found in the HTML's
  text after the previous page's last line and before the first element that begins lower down;
  a table's header row that WeasyPrint repeats at the top is passed over. Text is compared by
  letters and digits only, in lower case: the PDF's line-end hyphens, list numbers, upper-cased
  labels and spacing do not take part. ``pdfinfo`` and ``pdftotext`` (poppler-utils) read a
  100-page booklet in a fifth of a second, where pypdf takes two.

The position found is then widened to the element the page opens with: a page whose first line
is the first text of a figure's caption begins before the figure's picture, not after it.
"""

from __future__ import annotations

import gc
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from builder.pdf import poppler

LIST_MARKER_CHARACTERS = set("0123456789.)ivxlcdm")  # '3.', 'iv)': drawn by the PDF, not in the HTML's text
LINE_SLACK = 1.5  # points (pdfinfo rounds to whole points): a destination this much below a line's top still opens the page with the line


# A line of `pdfinfo -dests`: '   3 [ XYZ   51  547 null      ] "contents"'.
DESTINATION = re.compile(r'^\s*(?P<page>\d+)\s+\[\s*XYZ\s+\S+\s+(?P<top>[-\d.]+)[^\]]*\]\s+"(?P<name>.*)"$', re.M)


@dataclass(frozen=True)
class Word:
    text: str
    left: float
    top: float
    bottom: float


@dataclass(frozen=True)
class PdfPage:
    lines: tuple[tuple[Word, ...], ...]  # the body's lines, top to bottom, words left to right


@dataclass(frozen=True)
class Place:
    """A point in the HTML: before ``element``, or in its ``attribute`` ('text' or 'tail') at ``index``."""

    element: object
    attribute: str = ""
    index: int = 0


def normalised(text: str) -> str:
    """``text`` as pages are compared: letters and digits only, in lower case."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).lower() if c.isalnum())


class TextStream:
    """The letters and digits of an HTML element's text in reading order, each traced to its text node."""

    def __init__(self, root) -> None:
        characters: list[str] = []
        self.sources: list[tuple[object, str, int]] = []  # (element, 'text' or 'tail', index in it)
        self.starts: dict[object, int] = {}  # element -> index of its first character (or the next one)
        for element, attribute in _text_nodes(root, self.starts, characters):
            text = getattr(element, attribute)
            lower = text.lower()
            plain = len(lower) == len(text) and unicodedata.is_normalized("NFKC", lower)
            for index, character in enumerate(lower if plain else text):
                for letter in (character if plain else normalised(character)):
                    if letter.isalnum():
                        characters.append(letter)
                        self.sources.append((element, attribute, index))
        self.text = "".join(characters)

    def host(self, position: int):
        element, attribute, _ = self.sources[position]
        return element if attribute == "text" else element.getparent()


def _text_nodes(root, starts: dict, characters: list):
    starts[root] = len(characters)
    if root.text:
        yield root, "text"
    for child in root:
        if isinstance(child.tag, str) and child.tag not in ("script", "style"):
            yield from _text_nodes(child, starts, characters)
        if child.tail:
            yield child, "tail"


def read_pdf(pdf: Path) -> tuple[list[PdfPage], dict[str, tuple[int, float]]]:
    """The body lines of each page and the named destinations (id -> 0-based page, top in points from the top)."""
    from lxml import etree

    # The two run side by side: each reads the whole file.
    pdftotext, pdfinfo = (poppler.program(name) or name for name in ("pdftotext", "pdfinfo"))
    words = subprocess.Popen([pdftotext, "-bbox", "-enc", "UTF-8", str(pdf), "-"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)  # "no word list" for each blank page
    listed = subprocess.run([pdfinfo, "-dests", str(pdf)], capture_output=True, check=True, text=True).stdout
    text, _ = words.communicate()
    if words.returncode:
        raise subprocess.CalledProcessError(words.returncode, words.args)
    pages = list(etree.fromstring(text, etree.XMLParser(huge_tree=True)).iter("{*}page"))
    heights = [float(page.get("height")) for page in pages]
    destinations = {}
    for match in DESTINATION.finditer(listed):
        page = int(match["page"]) - 1
        destinations[match["name"]] = (page, heights[page] - float(match["top"]))
    # Running heads stand in the top margin, above every element's top.
    body_top = min((top for _, top in destinations.values()), default=0.0)
    return [_body_lines(page, number, body_top) for number, page in enumerate(pages, start=1)], destinations


def _body_lines(page, number: int, body_top: float) -> PdfPage:
    words = sorted(
        (Word(w.text or "", float(w.get("xMin")), float(w.get("yMin")), float(w.get("yMax")))
         for w in page.iter("{*}word")),
        key=lambda w: (w.top, w.left),
    )
    lines: list[list[Word]] = []
    for word in words:
        if word.bottom <= body_top:
            continue
        if lines and _same_line(lines[-1][0], word):
            lines[-1].append(word)
        else:
            lines.append([word])
    if lines and [w.text for w in lines[-1]] == [str(number)]:
        lines.pop()  # the page number in the foot margin
    return PdfPage(tuple(tuple(sorted(line, key=lambda w: w.left)) for line in lines))


def _same_line(first: Word, word: Word) -> bool:
    """Whether ``word`` stands on the line ``first`` opens (a raised footnote number does too)."""
    return word.top < first.bottom and word.bottom > (first.top + first.bottom) / 2


def page_starts(root, pdf: Path, stop_at) -> list[Place | None]:
    """Where each page of ``pdf`` begins in ``root`` (the booklet's print HTML, parsed); None for a blank page.

    ``stop_at(element)`` tells the elements a page's start is never widened beyond (the parts that
    become files of their own). Python's cyclic garbage collector is paused meanwhile: the letters'
    sources and the PDF's words are a million small objects, and its passes over them grew faster
    than the booklet (the 748-page booklet: 0.35 s of its 0.63 s of text and words, 0.14 s without).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        return _page_starts(root, pdf, stop_at)
    finally:
        if was_on:
            gc.enable()


def _page_starts(root, pdf: Path, stop_at) -> list[Place | None]:
    stream = TextStream(root)
    pages, destinations = read_pdf(pdf)
    ids = {element.get("id"): element for element in root.iter() if isinstance(element.tag, str) and element.get("id")}
    # Each destination's element as a position in the text, and the page it begins on.
    starts = sorted(((stream.starts[ids[name]], page, top) for name, (page, top) in destinations.items()
                     if name in ids), key=lambda start: start[:3])
    # A table's header row, which WeasyPrint repeats at the top of each page the table goes on to.
    headers = [(stream.starts[head], normalised(head.text_content())) for head in root.iter("thead")]
    positions: list[int | None] = []
    previous, previous_length, previous_end = 0, 0, 0
    for number, page in enumerate(pages):
        position = _page_position(stream, starts, headers, number, page, previous, previous_end)
        positions.append(position)
        if position is not None:
            previous, previous_length = position, sum(len(normalised(w.text)) for line in page.lines for w in line)
            last = page.lines[-1] if page.lines else ()
            # Where the page's last line stands: a table that begins before it goes on to the next page.
            # ... searched no further than the page's own amount of text goes, nor past an element that begins later.
            end = min([s[0] for s in starts if s[1] > number] + [position + 2 * previous_length + 100])
            previous_end = _find_line(stream.text, last, position, end,
                                      position + previous_length - len(normalised(" ".join(w.text for w in last))))
            previous_end = position if previous_end is None else _row_start(stream, previous_end)
    return [None if position is None else _place(stream, position, stop_at) for position in positions]


def _page_position(stream: TextStream, starts, headers, number: int, page: PdfPage, previous: int,
                   previous_end: int) -> int | None:
    """The letter page ``number`` begins at; ``previous_end`` is where the previous page's last line begins."""
    first_top = page.lines[0][0].top if page.lines else None
    on_page = [s for s in starts if s[1] == number]
    opening = [s for s in on_page if first_top is None or s[2] <= first_top + LINE_SLACK]
    if opening:
        return min(opening[0][0], len(stream.text) - 1)
    if not page.lines:
        return None
    # The page begins after the previous one's start and before the first element that begins lower down.
    lower = max([previous + 1, previous_end + 1] + [s[0] for s in starts if s[1] < number])
    upper = min([s[0] for s in starts if s[1] >= number] + [len(stream.text)])
    lines = list(page.lines)
    repeated = [text for start, text in headers if start < previous_end]
    while lines and any(all(normalised(w.text) in text for w in lines[0]) for text in repeated):
        lines.pop(0)
    for line in lines:
        found = _find_line(stream.text, line, lower, upper, lower)
        if found is not None:
            return _row_start(stream, found)
    return lower


def _row_start(stream: TextStream, position: int) -> int:
    """A position in a table row moved to the row's first cell: rows are never split across pages, and
    a line across a row's cells may be found in a later cell first."""
    row = next(stream.host(position).iterancestors("tr"), None)
    return position if row is None else stream.starts[row]


def _find_line(text: str, line: tuple[Word, ...], lower: int, upper: int, expected: int) -> int | None:
    """Where the line's words (all of them, or as many as match from the left: table cells) stand in ``text``."""
    words = [normalised(w.text) for w in line]
    variants = [words]
    if line and set(line[0].text) <= LIST_MARKER_CHARACTERS:
        variants.append(words[1:])
    for words in variants:
        for count in range(len(words), 0, -1):
            needle = "".join(words[:count])
            if not needle:
                continue
            found = []
            at = text.find(needle, lower)
            while at != -1 and at <= upper:
                found.append(at)
                at = text.find(needle, at + 1)
            if found:
                return min(found, key=lambda at: abs(at - expected))
    return None


def _place(stream: TextStream, position: int, stop_at) -> Place:
    """The page's start at the ``position``-th letter, before the outermost element that opens with it."""
    element = stream.host(position)
    previous = stream.host(position - 1) if position > 0 else None
    before_ancestors = set(previous.iterancestors()) | {previous} if previous is not None else set()
    opening = None
    for candidate in [element, *element.iterancestors()]:
        if candidate in before_ancestors:
            break
        opening = candidate
        if stop_at(candidate):
            break
    if opening is not None:
        return Place(opening)
    node, attribute, index = stream.sources[position]
    text = getattr(node, attribute)
    while index > 0 and not text[index - 1].isspace():
        index -= 1
    return Place(node, attribute, index)
