"""What the web booklet's markup adds for browsers: tables in boxes of their own, link addresses for print."""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

TABLE_BOX = "table-box"
REFLOWS = "reflows"  # on a phone each row is a card of its own (web.css)
PRINTS_URL = "prints-url"  # web.css prints the address after the link text


def for_browsers(html: str, taken: set[str]) -> str:
    """``html`` with each table in a focusable, named box that scrolls sideways when the table is wider
    than the screen (on a phone its rows become cards, when they can), and each web link whose
    text is not its own address marked to print that address after it.

    A box is named by its table's first row ('Palvelu, Mihin sitä käytetään, Mistä löytyy'; the
    reader hears 'region' and 'table' from their roles); ``taken`` holds the names already used on
    the page, and grows, so that no two boxes share a name.
    """
    if "<table" not in html and "href=\"http" not in html:
        return html
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for table in list(root.iter("table")):
        box_table(table, taken)
    for link in root.iter("a"):
        address = link.get("href") or ""
        if address.startswith(("http://", "https://")) and not shows_address(link.text_content(), address):
            link.set("class", " ".join(filter(None, [link.get("class"), PRINTS_URL])))
    text = root.text or ""
    return text + "".join(lxml_html.tostring(child, encoding="unicode", method="html") for child in root)


def box_table(table, taken: set[str]) -> None:
    parent = table.getparent()
    if TABLE_BOX in (parent.get("class") or "").split():
        return
    row = first_row(table)
    headers = [" ".join(th.text_content().split()) for th in row.iter("th")]
    name = ", ".join(filter(None, (" ".join(cell.text_content().split()) for cell in row.iter("th", "td"))))
    name = name or " ".join(table.text_content().split())[:80]
    base, number = name, 2
    while name in taken:
        name, number = f"{base} ({number})", number + 1
    taken.add(name)
    reflows = label_cells(table, headers)
    # A box that can scroll must take the keyboard's focus, and a focusable region needs a name.
    box = etree.Element("div", {"class": f"{TABLE_BOX} {REFLOWS}" if reflows else TABLE_BOX,
                                "role": "region", "tabindex": "0", "aria-label": name})
    table.addprevious(box)
    box.tail, table.tail = table.tail, None
    box.append(table)


def label_cells(table, headers: list[str]) -> bool:
    """Whether the table can show each row as a card on a phone: every cell then carries its column's
    header (``data-label``, shown before it) and every element its table role, which a browser
    would otherwise drop with the table's display. Not for tables with spans or without headers."""
    rows = list(table.iter("tr"))
    if not headers or not all(headers) or len(rows) < 2 or any(c.get("colspan") or c.get("rowspan") for c in table.iter("td", "th")):
        return False
    table.set("role", "table")
    for group in table.iter("thead", "tbody", "tfoot"):
        group.set("role", "rowgroup")
    for cell in rows[0].iter("th"):
        cell.set("role", "columnheader")
    for row in rows:
        row.set("role", "row")
    for row in rows[1:]:
        for cell, header in zip((c for c in row if c.tag in ("td", "th")), headers):
            cell.set("role", "cell" if cell.tag == "td" else "rowheader")
            cell.set("data-label", header)
    return True


def first_row(table):
    row = next(table.iter("tr"), None)
    return row if row is not None else table


def shows_address(text: str, address: str) -> bool:
    """Whether the link text already is the address (give or take the scheme and a final slash)."""
    def bare(value: str) -> str:
        return value.strip().split("://", 1)[-1].removeprefix("www.").rstrip("/").lower()
    return bare(text) == bare(address)
