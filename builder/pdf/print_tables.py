"""Tables on paper: words kept whole, and a table too wide for them printed one row at a time.

A narrow column used to get soft hyphens at every Finnish syllable; WeasyPrint's table layout then
took a column's narrowest width from the shortest syllable and squeezed it, so words that had
room broke anyway ('Verkko-pankki', 'val-tuudet', 'Videopu-helut'), and a five-column table split
nearly every word. Now no word in a cell breaks: a table whose longest words fit side by side on
the narrowest printed page keeps its columns, each as wide as its longest word at least. Any other
table is printed one row at a time, each row a small table of its own with the column headings down
its left side ('Palvelu | Omaolo', 'Kirjautuminen | pankkitunnukset tai mobiilivarmenne'), which
the page has room for. The same holds in every language (print.css turns automatic hyphenation off).
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache

from lxml import etree
from lxml import html as lxml_html

from builder.fonts import FONT_FILES
from builder.theme import PACKAGE_THEME

POINT = 25.4 / 72  # millimetres
# (text width in mm, table text in pt) of each printed edition, from print.css (A5 booklet),
# large-print.css (A4 large print) and leaflet.css (A5 guide leaflet).
PRINTED_PAGES = ((115, 12), (168, 16), (115, 13))
CELL_SIDES = 2 * 1.6 + 0.3  # mm: a cell's padding on both sides and one border (print.css)
SAFETY = 1.05  # the measure leaves out kerning and rounding; never cut it fine
# Where a line may break inside a run of letters without a hyphen being added: after a hyphen,
# a dash or a slash ('Suomi.fi-|valtuudet', 'www.kanta.fi/|omakanta').
BREAK_AFTER = re.compile(r"(?<=[-–—/])")


def fit_tables(document) -> bool:
    """Print each table of ``document`` whose words do not fit side by side one row at a time."""
    changed = False
    for table in list(document.iter("table")):
        columns = _columns(table)
        if columns and not fits(columns):
            _print_row_by_row(table)
            changed = True
    return changed


def fits(columns: list[float]) -> bool:
    """Whether columns whose longest words are ``columns`` em wide fit every printed page."""
    return all(sum(columns) * SAFETY * size * POINT + len(columns) * CELL_SIDES <= width
               for width, size in PRINTED_PAGES)


def _columns(table) -> list[float]:
    """The width (em) of each column's longest word, bold in header cells."""
    widths: list[float] = []
    for row in table.iter("tr"):
        for index, cell in enumerate(c for c in row if c.tag in ("td", "th")):
            longest = max((word_width(word, bold=cell.tag == "th") for word in _words(cell)), default=0.0)
            if index >= len(widths):
                widths.append(0.0)
            widths[index] = max(widths[index], longest)
    return widths


def _words(cell) -> list[str]:
    """The runs in ``cell`` a line cannot break: a printed address breaks anywhere (print.css)."""
    parts = []
    for node in cell.iter():
        if node.get("class") == "print-address":
            continue
        if node.text and not _in_address(node):
            parts.append(node.text)
        if node is not cell and node.tail and not _in_address(node.getparent()):
            parts.append(node.tail)
    # Inline elements touch their neighbours: '<b>Oma</b>Kanta' is one word, so parts join unspaced.
    return [piece for word in "".join(parts).split() for piece in BREAK_AFTER.split(word) if piece]


def _in_address(node) -> bool:
    return any(n.get("class") == "print-address" for n in (node, *node.iterancestors()))


@lru_cache(maxsize=None)
def _advances(bold: bool) -> tuple[dict[int, float], float]:
    """Each character's advance in em in the booklet font, and the widest glyph's for the rest."""
    from fontTools.ttLib import TTFont

    name = next(n for n, weight, style in FONT_FILES if style == "normal" and (weight == "bold") == bold)
    font = TTFont(str(PACKAGE_THEME / "fonts" / name), lazy=True)
    units = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    advances = {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}
    return advances, max(advances.values())


def word_width(word: str, bold: bool = False) -> float:
    """The width of ``word`` in em, set in the booklet font."""
    advances, widest = _advances(bold)
    return sum(advances.get(ord(character), widest) for character in word)


def _print_row_by_row(table) -> None:
    """Replace ``table`` with one two-column table per body row: each heading beside its cell."""
    headings = [cell for row in table.iter("tr") if row.getparent().tag == "thead" for cell in row]
    rows = [row for row in table.iter("tr") if row.getparent().tag != "thead"]
    if not headings:  # no heading row: the first row names the columns
        headings, rows = list(rows[0]), rows[1:]
    # The headings' column as wide in every row's table, so that the rows line up down the page.
    label_width = max((word_width(word, bold=True) for cell in headings for word in _words(cell)), default=0.0)
    label_style = f"width: {label_width * SAFETY:.2f}em"
    group = lxml_html.Element("div", {"class": "table-by-rows"})
    for row in rows:
        record = lxml_html.Element("table", {"class": "table-row"})
        body = etree.SubElement(record, "tbody")
        for heading, cell in zip(headings, (c for c in row if c.tag in ("td", "th"))):
            line = etree.SubElement(body, "tr")
            label = copy.deepcopy(heading)
            label.tag, label.tail = "th", None
            label.attrib.clear()
            label.set("scope", "row")
            label.set("style", label_style)
            line.append(label)
            value = copy.deepcopy(cell)
            value.tail = None
            line.append(value)
        group.append(record)
    group.tail = table.tail
    table.getparent().replace(table, group)
