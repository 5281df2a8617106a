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


def tagged_content(pdf: pikepdf.Pdf) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """(page index, MCID) -> the objgen of every structure element whose /K reaches that marked content."""
    page_index = {page.objgen: number for number, page in enumerate(pdf.pages)}
    found: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def visit(node: pikepdf.Dictionary, page: int | None) -> None:
        page = page_index.get(node.Pg.objgen, page) if "/Pg" in node else page
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]):
            if isinstance(kid, int):
                found.setdefault((page, int(kid)), []).append(node.objgen)
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                found.setdefault((page_index[kid.Pg.objgen], int(kid.MCID)), []).append(node.objgen)
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
                visit(kid, page)

    visit(pdf.Root.StructTreeRoot, None)
    return found


def parent_tree(pdf: pikepdf.Pdf) -> dict[int, object]:
    """The /ParentTree number tree flattened: key -> value (an array of elements by MCID, or one element)."""
    found: dict[int, object] = {}

    def visit(node: pikepdf.Dictionary) -> None:
        nums = node.get("/Nums", [])
        for index in range(0, len(nums), 2):
            found[int(nums[index])] = nums[index + 1]
        for kid in node.get("/Kids", []):
            visit(kid)

    visit(pdf.Root.StructTreeRoot.ParentTree)
    return found


def marked_texts(pdf: pikepdf.Pdf) -> dict[tuple[int, int], str]:
    """(page index, MCID) -> the text shown inside that marked content on that page."""
    found: dict[tuple[int, int], str] = {}
    for number, page in enumerate(pdf.pages):
        for marks, text in shown_texts(page):
            mcid = next((m.mcid for m in reversed(marks) if m.mcid is not None), None)
            if mcid is not None:
                found[(number, mcid)] = found.get((number, mcid), "") + text
    return found


@dataclass
class Mark:
    """One marked-content sequence of a page: ``/Tag <<properties>> BDC`` or ``/Tag BMC``."""
    tag: str  # without its slash: 'Span', 'Artifact' ...
    properties: dict[str, str]  # names and numbers as strings: {'Type': 'Pagination', 'MCID': '4'}

    @property
    def mcid(self) -> int | None:
        return int(self.properties["MCID"]) if "MCID" in self.properties else None


def page_marks(page: pikepdf.Page) -> list[Mark]:
    """Every marked-content sequence the page's content stream opens, in order."""
    marks = []
    for operands, operator in pikepdf.parse_content_stream(page, "BDC BMC"):
        marks.append(_mark(operands, str(operator)))
    return marks


def artifact_texts(pdf: pikepdf.Pdf) -> list[list[tuple[str, str]]]:
    """Per page, each artifact's (Type/Subtype, text) that shows text: ('Pagination/Footer', '7')."""
    pages = []
    for page in pdf.pages:
        found: dict[int, list] = {}
        for marks, text in shown_texts(page):
            for mark in marks:
                if mark.tag == "Artifact":
                    kind = "/".join(v for v in (mark.properties.get("Type"), mark.properties.get("Subtype")) if v)
                    found.setdefault(id(mark), [kind, ""])[1] += text
        pages.append([(kind, text) for kind, text in found.values()])
    return pages


def shown_texts(page: pikepdf.Page) -> Iterator[tuple[list[Mark], str]]:
    """(the marked-content sequences open, outermost first; the text shown) for each text-showing operator."""
    fonts = {str(name): ToUnicode(font) for name, font in page.Resources.get("/Font", {}).items()}
    marks: list[Mark] = []
    font = None
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            marks.append(_mark(operands, op))
        elif op == "EMC" and marks:
            marks.pop()
        elif op == "Tf":
            font = fonts.get(str(operands[0]))
        elif op in ("Tj", "TJ", "'", '"') and font is not None:
            shown = operands[-1]
            strings = [s for s in shown if isinstance(s, pikepdf.String)] if op == "TJ" else [shown]
            yield list(marks), "".join(font.decode(bytes(s)) for s in strings)


def _mark(operands, op: str) -> Mark:
    properties = operands[1] if op == "BDC" else None
    found = {}
    if isinstance(properties, pikepdf.Dictionary):
        found = {str(k)[1:]: str(v).lstrip("/") for k, v in properties.items()}
    return Mark(str(operands[0])[1:], found)


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
