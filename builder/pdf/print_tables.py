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
QR_WIDTH = re.compile(r"width:\s*([\d.]+)mm")  # a QR code's printed size (builder/pdf/qr_codes.py)
QR_GAP = 4  # mm between a QR code and its caption (qr.css)
UNMEASURED = ("print-address", "qr-address", "link-qr")
BLOCKS = ("p", "div", "br", "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption", "img")
# Where a line may break inside a run of letters without a hyphen being added: after a hyphen,
# a dash or a slash ('Suomi.fi-|valtuudet', 'www.kanta.fi/|omakanta').
BREAK_AFTER = re.compile(r"(?<=[-–—/])")


def fit_tables(document) -> bool:
    """Print each table of ``document`` whose words do not fit side by side one row at a time."""
    changed = False
    for table in list(document.iter("table")):
        columns = _columns(table)
        if columns and not fits(columns):
            changed = _print_row_by_row(table) or changed
    return changed


def fits(columns: list[list[tuple[float, float]]]) -> bool:
    """Whether the columns fit every printed page; each cell of a column needs (em, mm): its longest
    word in em, and millimetres that do not grow with the text (a QR code beside its caption)."""
    for width, size in PRINTED_PAGES:
        em = size * POINT * SAFETY
        needed = sum(max(words * em + fixed for words, fixed in cells) for cells in columns)
        if needed + len(columns) * CELL_SIDES > width:
            return False
    return True


def _columns(table) -> list[list[tuple[float, float]]]:
    """What each cell of each column needs, bold in header cells."""
    columns: list[list[tuple[float, float]]] = []
    for row in _rows(table):
        for index, cell in enumerate(_cells(row)):
            if index >= len(columns):
                columns.append([])
            columns[index].extend(_cell_needs(cell))
    return columns


def _cell_needs(cell) -> list[tuple[float, float]]:
    bold = cell.tag == "th"
    needs = [(_longest(_words(cell), bold), 0.0)]
    for figure in cell.find_class("link-qr"):  # code and caption side by side (qr.css)
        size = max((float(m.group(1)) for image in figure.iter("img")
                    for m in [QR_WIDTH.search(image.get("style") or "")] if m), default=0.0)
        needs.append((_longest(_words(figure), bold), size + QR_GAP))
    return needs


def _longest(words: list[str], bold: bool) -> float:
    return max((word_width(word, bold) for word in words), default=0.0)


def _words(element) -> list[str]:
    """The runs in ``element`` a line cannot break: an address printed after a link or beside a QR
    code breaks anywhere (print.css, qr.css), and a QR code's caption is measured with its code."""
    parts: list[str] = []

    def add(text: str | None, where) -> None:
        if text and not any((n.get("class") or "") in UNMEASURED for n in (where, *where.iterancestors())
                            if n is not element):
            parts.append(text)

    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        if node is not element and node.tag in BLOCKS:
            parts.append(" ")
        add(node.text, node)
        if node is not element:
            if node.tag in BLOCKS:
                parts.append(" ")
            add(node.tail, node.getparent())
    # Inline elements touch their neighbours: '<b>Oma</b>Kanta' is one word, so parts join unspaced.
    return [piece for word in "".join(parts).split() for piece in BREAK_AFTER.split(word) if piece]


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


def _rows(table) -> list:
    """The rows of ``table`` itself, not of a table inside one of its cells."""
    return [row for row in table.iter("tr") if next(row.iterancestors("table")) is table]


def _cells(row) -> list:
    return [cell for cell in row if cell.tag in ("td", "th")]


def _print_row_by_row(table) -> bool:
    """Replace ``table`` with one two-column table per body row: each heading beside its cell."""
    rows = _rows(table)
    headings = [cell for row in rows if row.getparent().tag == "thead" for cell in _cells(row)]
    rows = [row for row in rows if row.getparent().tag != "thead"]
    if not headings and rows:  # no heading row: the first row names the columns
        headings, rows = _cells(rows[0]), rows[1:]
    if not headings or not rows:
        return False  # nothing to set beside the headings: the table stays as it is
    # The headings' column as wide in every row's table, so that the rows line up down the page.
    label_width = max((_longest(_words(cell), bold=True) for cell in headings), default=0.0)
    label_style = f"width: {label_width * SAFETY:.2f}em"
    group = lxml_html.Element("div", {"class": "table-by-rows"})
    for row in rows:
        record = lxml_html.Element("table", {"class": "table-row"})
        body = etree.SubElement(record, "tbody")
        for heading, cell in zip(headings, _cells(row)):
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
    return True
