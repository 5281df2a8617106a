"""A tagged PDF's structure tree as assistive technology reads it: the elements in order, each with its text.

The text of a structure element is the marked content its MCIDs point at, decoded through the
fonts' ToUnicode maps, so a test can ask what a screen reader would read, and in which order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

import pikepdf


@dataclass
class Element:
    role: str  # the structure type without its slash: 'H1', 'P', 'Figure' ...
    entry: pikepdf.Dictionary  # the StructElem itself, for /Alt, /A, /ID ...
    kids: list[Element | str] = field(default_factory=list)  # sub-elements and marked text, in order

    @property
    def children(self) -> list[Element]:
        return [kid for kid in self.kids if isinstance(kid, Element)]

    @property
    def text(self) -> str:
        """Everything this element reads out, whitespace collapsed."""
        return " ".join("".join(kid if isinstance(kid, str) else f" {kid.text} " for kid in self.kids).split())

    def walk(self) -> Iterator[Element]:
        """This element and every element under it, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def all(self, role: str) -> list[Element]:
        return [element for element in self.walk() if element.role == role]


def structure_tree(pdf: pikepdf.Pdf) -> Element:
    """The structure tree from /StructTreeRoot, with each marked-content reference replaced by its text."""
    texts = marked_texts(pdf)
    page_index = {page.objgen: number for number, page in enumerate(pdf.pages)}

    def build(node: pikepdf.Dictionary, page: int | None) -> Element:
        page = page_index.get(node.Pg.objgen, page) if "/Pg" in node else page
        element = Element(str(node.get("/S", "/StructTreeRoot"))[1:], node)
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]):
            if isinstance(kid, int):
                element.kids.append(texts.get((page, int(kid)), ""))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                on = page_index.get(kid.Pg.objgen, page) if "/Pg" in kid else page
                element.kids.append(texts.get((on, int(kid.MCID)), ""))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
                element.kids.append(build(kid, page))
        return element

    return build(pdf.Root.StructTreeRoot, None)


def marked_texts(pdf: pikepdf.Pdf) -> dict[tuple[int, int], str]:
    """(page index, MCID) -> the text shown inside that marked content on that page."""
    found: dict[tuple[int, int], str] = {}
    for number, page in enumerate(pdf.pages):
        fonts = {str(name): ToUnicode(font) for name, font in page.Resources.get("/Font", {}).items()}
        marks: list[int | None] = []
        font = None
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "BDC":
                properties = operands[1]
                mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
                marks.append(None if mcid is None else int(mcid))
            elif op == "BMC":
                marks.append(None)
            elif op == "EMC" and marks:
                marks.pop()
            elif op == "Tf":
                font = fonts.get(str(operands[0]))
            elif op in ("Tj", "TJ", "'", '"') and font is not None:
                shown = operands[-1]
                strings = [s for s in shown if isinstance(s, pikepdf.String)] if op == "TJ" else [shown]
                mcid = next((m for m in reversed(marks) if m is not None), None)
                if mcid is not None:
                    key = (number, mcid)
                    found[key] = found.get(key, "") + "".join(font.decode(bytes(s)) for s in strings)
    return found


class ToUnicode:
    """A font's ToUnicode CMap (bfchar and bfrange entries), enough for the fonts WeasyPrint embeds."""

    def __init__(self, font: pikepdf.Dictionary) -> None:
        self.width = 2 if font.get("/Subtype") == "/Type0" else 1
        self.map: dict[int, str] = {}
        if "/ToUnicode" not in font:
            return
        cmap = font.ToUnicode.read_bytes().decode("latin-1")
        for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
            for source, target in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
                self.map[int(source, 16)] = _utf16(target)
        for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
            ranges = re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])", block)
            for low, high, target in ranges:
                low, high = int(low, 16), int(high, 16)
                if target.startswith("["):
                    for offset, each in enumerate(re.findall(r"<([0-9a-fA-F]+)>", target)):
                        self.map[low + offset] = _utf16(each)
                else:
                    start = int(target[1:-1], 16)
                    for offset in range(high - low + 1):
                        self.map[low + offset] = chr(start + offset)

    def decode(self, data: bytes) -> str:
        codes = (int.from_bytes(data[i:i + self.width], "big") for i in range(0, len(data), self.width))
        return "".join(self.map.get(code, "") for code in codes)


def _utf16(hexadecimal: str) -> str:
    return bytes.fromhex(hexadecimal).decode("utf-16-be", errors="replace")
