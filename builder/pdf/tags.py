"""WeasyPrint 70's PDF/UA structure tree, completed before the PDF is written.

WeasyPrint tags each page on its own and leaves a few things out, which a PDF/UA checker or a
screen reader notices:

- an element that runs over a page break (a paragraph, a list, a table, the whole chapter) becomes
  one structure element per page; a table over two pages reads as two tables, and the header row
  the second page repeats is read again, with the second part's cells pointing at the repeat;
- running heads and page numbers (CSS margin boxes) are marked content that no structure element
  reaches, neither tagged nor an artifact (Matterhorn 01-005);
- table header cells have no /Scope (PDF/UA-1 7.5);
- a ``<figure>`` becomes NonStruct, which groups nothing, so a caption is not tied to its picture.

``install()`` wraps WeasyPrint's tagging once per process: while it builds the tree, each
structure element is remembered with the HTML element and page it comes from and each margin
box's marked content is noted; then the parts of one element are joined (their marked content
kept as references to their own pages), a repeated table header becomes a pagination artifact,
running heads and page numbers become header and footer artifacts, header cells get their scope,
and figures a Div. Object numbers do not change (the objects left over are emptied), so the same
HTML still gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class _Origin:
    key: tuple  # (id of the HTML element, element tag with pseudo-element, structure type)
    page: int
    element: object  # the HTML element, kept alive so that its id stays its own


@dataclass
class _Record:
    origins: dict[int, _Origin] = field(default_factory=dict)  # StructElem object number -> origin
    furniture: dict[int, dict[int, str]] = field(default_factory=dict)  # page -> MCID -> artifact subtype


def install() -> None:
    """Wrap ``weasyprint.pdf.add_tags`` and the tree builder it calls (idempotent)."""
    import weasyprint.pdf
    from weasyprint.pdf import tags

    if getattr(weasyprint.pdf.add_tags, "completed", False):
        return
    build_box_tree = tags._build_box_tree
    add_tags = weasyprint.pdf.add_tags

    def recording_build_box_tree(box, parent, pdf, page_number, nums, annotations, marked):
        record = pdf.__dict__.setdefault("_coursebuild_tags", _Record())
        box = getattr(box, "_box", box)  # an absolutely positioned box's placeholder
        if _is_margin_box(box):
            subtype = "/Header" if "top" in box.at_keyword else "/Footer" if "bottom" in box.at_keyword else ""
            for inner in _descendants(box):
                if inner in marked:
                    record.furniture.setdefault(page_number, {})[marked[inner]["mcid"]] = subtype
        for element in build_box_tree(box, parent, pdf, page_number, nums, annotations, marked):
            if box.element is not None:
                record.origins[element.number] = _Origin(
                    (id(box.element), box.element_tag, element["S"]), page_number, box.element)
            yield element

    def completing_add_tags(pdf, document, pdf_version, page_streams):
        add_tags(pdf, document, pdf_version, page_streams)
        record = pdf.__dict__.pop("_coursebuild_tags", None)
        if record is not None:
            _Completion(pdf, page_streams, record).run()

    completing_add_tags.completed = True
    tags._build_box_tree = recording_build_box_tree
    weasyprint.pdf.add_tags = completing_add_tags


def _is_margin_box(box) -> bool:
    from weasyprint.formatting_structure import boxes

    return isinstance(box, boxes.MarginBox)


def _descendants(box):
    for child in getattr(box, "children", ()):
        child = getattr(child, "_box", child)
        yield child
        yield from _descendants(child)


class _Completion:
    """The fixes, on the pydyf objects of one PDF after WeasyPrint has tagged every page."""

    def __init__(self, pdf, page_streams, record: _Record) -> None:
        import pydyf

        self.pydyf = pydyf
        self.pdf = pdf
        self.streams = page_streams
        self.record = record
        self.elements = {obj.reference: obj for obj in pdf.objects
                         if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructElem"}
        self.page_of = {reference: number for number, reference in enumerate(pdf.page_references)}
        self.replaced: dict[bytes, bytes] = {}  # reference of a joined part -> the element it joined
        self.header_ids: dict[str, object] = {}  # ID of a repeated header cell -> the first one's ID
        self.artifacts: dict[int, dict[int, str]] = {p: dict(m) for p, m in record.furniture.items()}

    def run(self) -> None:
        root = self.pdf.objects[int(self.pdf.catalog["StructTreeRoot"].split()[0])]
        [document] = [self.elements[reference] for reference in root["K"]]
        self.join_parts(document)
        for element in self.walk(document):
            self.complete(element)
        self.mark_artifacts()
        self.repoint_parent_tree(root)
        reachable = {element.reference for element in self.walk(document)}
        for reference, element in self.elements.items():
            if reference not in reachable:
                element.clear()  # nothing refers to it any more: written as an empty dictionary

    def walk(self, element):
        yield element
        for kid in element["K"]:
            if isinstance(kid, bytes) and kid in self.elements:
                yield from self.walk(self.elements[kid])

    def origin(self, reference) -> _Origin | None:
        element = self.elements.get(reference) if isinstance(reference, bytes) else None
        return None if element is None else self.record.origins.get(element.number)

    def join_parts(self, element) -> None:
        """Join the consecutive parts one HTML element left on successive pages, here and below."""
        kept: list = []
        seen_heads: dict[tuple, bytes] = {}
        for kid in element["K"]:
            origin = self.origin(kid)
            if origin is not None and origin.key[2] in ("/THead", "/TFoot") and origin.key in seen_heads:
                self.drop_repeated_header(self.elements[kid], self.elements[seen_heads[origin.key]])
                continue
            if origin is not None and origin.key[2] in ("/THead", "/TFoot"):
                seen_heads[origin.key] = kid
            before = self.origin(kept[-1]) if kept else None
            if before is not None and origin is not None and before.key == origin.key and before.page != origin.page:
                self.absorb(self.elements[kept[-1]], self.elements[kid])
            else:
                kept.append(kid)
        element["K"] = self.pydyf.Array(kept)
        for kid in kept:
            if isinstance(kid, bytes) and kid in self.elements:
                self.join_parts(self.elements[kid])

    def absorb(self, first, later) -> None:
        """Move the kids of ``later`` (a later page's part) to the end of ``first``."""
        for kid in later["K"]:
            if isinstance(kid, int):  # marked content on the later part's own page
                kid = self.pydyf.Dictionary({"Type": "/MCR", "Pg": later["Pg"], "MCID": kid})
            elif isinstance(kid, bytes) and kid in self.elements:
                self.elements[kid]["P"] = first.reference
            first["K"].append(kid)
        self.replaced[later.reference] = first.reference

    def drop_repeated_header(self, repeat, first) -> None:
        """A table header repeated on a later page: its content becomes a pagination artifact."""
        for element in self.walk(repeat):
            for kid in element["K"]:
                if isinstance(kid, int):
                    self.artifacts.setdefault(self.page_of[element["Pg"]], {})[kid] = ""
                elif isinstance(kid, self.pydyf.Dictionary) and kid.get("Type") == "/MCR":
                    self.artifacts.setdefault(self.page_of[kid["Pg"]], {})[kid["MCID"]] = ""
        repeated = [e for e in self.walk(repeat) if e["S"] == "/TH"]
        originals = [e for e in self.walk(first) if e["S"] == "/TH"]
        for again, original in zip(repeated, originals):
            if "ID" in again and "ID" in original:
                self.header_ids[again["ID"].string] = original["ID"]

    def complete(self, element) -> None:
        origin = self.record.origins.get(element.number)
        if element["S"] == "/TH":
            html = origin.element if origin else None
            scope = html.get("scope") if html is not None and hasattr(html, "get") else None
            element["A"]["Scope"] = "/Row" if scope == "row" else "/Column"
        elif element["S"] == "/TD" and "Headers" in element.get("A", {}):
            element["A"]["Headers"] = self.pydyf.Array(
                self.header_ids.get(header.string, header) for header in element["A"]["Headers"])
        elif origin is not None and origin.key[1] == "figure":
            element["S"] = "/Div"

    def mark_artifacts(self) -> None:
        """Rewrite ``/Span <</MCID n>> BDC`` as ``/Artifact <</Type /Pagination ...>> BDC``."""
        for page, subtypes in self.artifacts.items():
            operations = self.streams[page].stream
            for index, operation in enumerate(operations):
                if (isinstance(operation, self.pydyf.Dictionary) and operation.get("MCID") in subtypes
                        and index + 1 < len(operations) and operations[index + 1] == b"BDC"):
                    subtype = subtypes[operation["MCID"]]
                    properties = {"Type": "/Pagination", **({"Subtype": subtype} if subtype else {})}
                    operations[index - 1] = "/Artifact"
                    operations[index] = self.pydyf.Dictionary(properties)

    def repoint_parent_tree(self, root) -> None:
        """Marked content now an artifact has no parent; a joined part's content has the element it joined."""
        nums = self.pdf.objects[int(root["ParentTree"].split()[0])]["Nums"]
        for index in range(0, len(nums), 2):
            key, value = nums[index], nums[index + 1]
            if isinstance(value, self.pydyf.Array):  # a page's MCIDs, in order
                gone = self.artifacts.get(key, {})
                nums[index + 1] = self.pydyf.Array(
                    "null" if mcid in gone else self.final(reference) for mcid, reference in enumerate(value))
            else:  # an annotation's structure parent
                nums[index + 1] = self.final(value)

    def final(self, reference: bytes) -> bytes:
        while reference in self.replaced:
            reference = self.replaced[reference]
        return reference
