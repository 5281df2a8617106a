"""The booklet as an accessible, reflowable EPUB 3: ``output/<short-name>.epub``.

It is cut from the very HTML the A5 booklet is rendered from, one XHTML file per part of the
booklet (cover, colophon, contents, foreword, each chapter with its self-check, answer key, back
cover), so its text and reading order are the printed booklet's. Page-break markers stand where
each printed page begins, found in the finished A5 PDF (builder.pdf.page_starts), and the navigation
document's page list leads to them: "page 23" in a training session is page 23 on a tablet too.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Mapping
from urllib.parse import unquote

from lxml import etree
from lxml import html as lxml_html

from builder.diagnostics import Report
from builder.labels import labels
from builder.model import ASSET_SCHEME, Course
from builder.pdf import poppler
from builder.pdf.page_starts import Place, page_starts
from builder.pdf.render import asset_url
from builder.pdf.print_html import prepare_for_print
from builder.theme import theme_text
from builder.web_images import column_image
from builder.writers.booklet.html import booklet_html
from builder.writers.epub.package import Item, package_document, write_epub

NEEDS = ("booklet",)
PROGRAMS = poppler.PROGRAMS  # Poppler reads the booklet's page starts: without them, no EPUB

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Elements a page-break marker cannot stand in directly: it goes into their first item or cell.
NO_LOOSE_TEXT = {"ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "figure", "nav", "colgroup"}
VOID = {"img", "br", "hr", "col", "wbr", "input"}
PART_ROLES = {  # class of a part -> (epub:type, ARIA role)
    "colophon": ("colophon", "doc-colophon"),
    "foreword": ("foreword", "doc-foreword"),
    "chapter": ("chapter", "doc-chapter"),
    "answer-key": ("appendix", "doc-appendix"),
}
FONT_MEDIA_TYPE = "font/ttf"  # plain TrueType: the one font format every EPUB reading system takes
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
FEATURES = ("structuralNavigation", "tableOfContents", "readingOrder", "printPageNumbers", "pageBreakMarkers",
            "pageNavigation", "displayTransformability", "ARIA")


def write(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    target = staging / f"{course.meta.short_name}.epub"
    words = labels(course.meta.words)
    body = lxml_html.document_fromstring(print_html(course)).body
    parts = booklet_parts(body)
    places = page_starts(body, products["booklet-pdf"], lambda element: element in parts)
    pages = mark_pages(places)
    remove_print_only(body)
    documents = [Document(part, file_name(part, course), course) for part in parts]
    images = link_documents(documents, course)
    nav = next(d for d in documents if d.part.get("id") == "contents")
    make_navigation(nav, documents, pages, words)
    items = [Item(d.name, "application/xhtml+xml", d.serialised(), in_spine=True,
                  properties="nav" if d is nav else "") for d in documents]
    items += [Item(name, picture.mimetype, picture.data) for name, picture in sorted(images.items())]
    text = "".join(d.part.text_content() for d in documents)
    fonts = font_faces(course, text, italic=any(d.part.find(".//em") is not None for d in documents))
    css = "".join(rule for _, rule in fonts) + theme_text(course, "epub", "epub.css")
    items += [*(item for item, _ in fonts), Item("css/epub.css", "text/css", css.encode("utf-8"))]
    package = package_document(items, metadata(course, words, bool(images), products["booklet-pdf"].name),
                               course.meta.language)
    write_epub(target, items, package)
    return {"epub": target}


def print_html(course: Course) -> str:
    """The HTML the A5 booklet is rendered from (builder.writers.booklet.pdf), style sheets aside."""
    return prepare_for_print(booklet_html(course, "print", asset_url), course.meta.language)


def booklet_parts(body) -> list:
    """The booklet's parts in reading order: the cover, main's sections, the back cover."""
    main = body.find("main")
    return [*body.findall("header"), *[e for e in main if isinstance(e.tag, str)], *body.findall("footer")]


def file_name(part, course: Course) -> str:
    identifier = part.get("id") or ""
    if identifier == "contents":
        return "nav.xhtml"
    if identifier.startswith("chapter-"):
        number = next(c.number for c in course.chapters if f"chapter-{c.id}" == identifier)
        return f"chapter-{number:02d}.xhtml"
    return f"{identifier}.xhtml"


def mark_pages(places: list[Place | None]) -> list[tuple[int, object]]:
    """A page-break marker where each page begins (a blank page's just before the next page's); the markers by number."""
    markers = []
    pending: list = []
    groups = []
    for number, place in enumerate(places, start=1):
        marker = lxml_html.Element("span", {"data-page": str(number)})
        markers.append((number, marker))
        pending.append(marker)
        if place is not None:
            groups.append((place, pending))
            pending = []
    if pending and groups:  # blank pages at the very end follow the last page's marker
        groups[-1][1].extend(pending)
    for place, group in reversed(groups):  # from the end: earlier places' text indexes stay right
        insert_at(place, group)
    return markers


def insert_at(place: Place, markers: list) -> None:
    element = place.element
    if not place.attribute:
        while element.getparent() is not None and element.getparent().tag in NO_LOOSE_TEXT:
            if element.tag not in NO_LOOSE_TEXT and element.tag not in VOID:
                place = Place(element, "text", 0)
                break
            element = next(child for child in element if isinstance(child.tag, str))
        else:
            for marker in markers:
                element.addprevious(marker)
            return
    text = getattr(element, place.attribute) or ""
    setattr(element, place.attribute, text[:place.index])
    markers[-1].tail = text[place.index:]
    if place.attribute == "text":
        for offset, marker in enumerate(markers):
            element.insert(offset, marker)
    else:
        for marker in markers:
            element.addnext(marker)
            element = marker


def remove_print_only(body) -> None:
    """What only paper needs: printed link addresses, the contents' page column heading, list counters,
    the word a cross-reference's printed page number takes (a reader's pages are its own)."""
    for element in list(body.iter()):
        if not isinstance(element.tag, str):
            continue
        for attribute in ("data-page-reference", "data-page-reference-in"):
            element.attrib.pop(attribute, None)
        if element.get("class") in ("print-address", "toc-page-heading"):
            element.drop_tree()
        elif element.tag == "ol" and "counter-reset" in (element.get("style") or ""):
            style = re.sub(r";?\s*counter-reset:[^;]*", "", element.get("style")).strip("; ")
            if style:
                element.set("style", style)
            else:
                del element.attrib["style"]


class Document:
    """One part of the booklet as an XHTML content document."""

    def __init__(self, part, name: str, course: Course) -> None:
        self.part, self.name, self.course = part, name, course
        # Markers standing just before the part (its page begins with it) open the document.
        self.leading = []
        sibling = part.getprevious()
        while sibling is not None and sibling.get("data-page"):
            self.leading.insert(0, sibling)
            sibling = sibling.getprevious()
        self.ids = {e.get("id") for e in part.iter() if isinstance(e.tag, str) and e.get("id")}
        self.ids |= {m.get("data-page") and f"page-{m.get('data-page')}" for m in self.leading}
        self.ids |= {f"page-{m.get('data-page')}" for m in part.iter() if isinstance(m.tag, str) and m.get("data-page")}
        self.extra = []  # elements appended after the part (the navigation document's lists)

    @property
    def title(self) -> str:
        heading = self.part.find(".//h1")
        return " ".join((heading if heading is not None else self.part).text_content().split()) or self.course.meta.title

    def serialised(self) -> bytes:
        language = self.course.meta.language
        root = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML, "epub": OPS},
                             attrib={"lang": language, XML_LANG: language})
        head = etree.SubElement(root, f"{{{XHTML}}}head")
        etree.SubElement(head, f"{{{XHTML}}}meta", charset="utf-8")
        etree.SubElement(head, f"{{{XHTML}}}title").text = self.title
        etree.SubElement(head, f"{{{XHTML}}}link", rel="stylesheet", type="text/css", href="css/epub.css")
        body = etree.SubElement(root, f"{{{XHTML}}}body")
        for element in [*self.leading, self.part, *self.extra]:
            body.append(xhtml(element))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", doctype="<!DOCTYPE html>")


def xhtml(element):
    """A copy of the HTML ``element`` in the XHTML namespace, markers as EPUB page breaks."""
    copy = lxml_html.fromstring(lxml_html.tostring(element, encoding="unicode", with_tail=False))
    for node in copy.iter():
        if not isinstance(node.tag, str):
            continue
        number = node.attrib.pop("data-page", None)
        if number:
            node.attrib.update({"id": f"page-{number}", "role": "doc-pagebreak", "aria-label": number})
        epub_type = node.attrib.pop("data-epub-type", None)
        if number or epub_type:
            node.set(f"{{{OPS}}}type", epub_type or "pagebreak")
        if node.tag in ("br", "hr", "img"):
            node.text = None
    tree = etree.fromstring(lxml_html.tostring(copy, method="xml", encoding="unicode"))
    for node in tree.iter():
        if isinstance(node.tag, str) and not node.tag.startswith("{"):
            node.tag = f"{{{XHTML}}}{node.tag}"
    etree.cleanup_namespaces(tree, top_nsmap={None: XHTML, "epub": OPS})
    return tree


def link_documents(documents: list[Document], course: Course) -> dict[str, object]:
    """Links between the files, pictures as files of their own; the pictures by their path in the EPUB."""
    where = {identifier: d.name for d in documents for identifier in d.ids}
    images: dict[str, object] = {}
    for document in documents:
        part = document.part
        for kind in PART_ROLES:
            if kind in (part.get("class") or "").split():
                part.set("data-epub-type", PART_ROLES[kind][0])
                part.set("role", PART_ROLES[kind][1])
        for link in part.iter("a"):
            href = link.get("href") or ""
            if href.startswith("#") and href[1:] in where and where[href[1:]] != document.name:
                link.set("href", where[href[1:]] + href)
        for img in part.iter("img"):
            src = img.get("src") or ""
            if src.startswith(ASSET_SCHEME):
                picture = column_image(course.assets[unquote(src[len(ASSET_SCHEME):])])
                name = f"images/{picture.sha1[:16]}.{picture.filename.rpartition('.')[2].lower()}"
                images[name] = picture
                img.set("src", name)
                if picture.width and picture.height:
                    img.set("width", str(picture.width))
                    img.set("height", str(picture.height))
    return images


def make_navigation(nav: Document, documents: list[Document], pages, words: dict[str, str]) -> None:
    """The contents as the EPUB's table of contents, each chapter with its sections; the page list and landmarks."""
    toc = nav.part
    toc.set("data-epub-type", "toc")
    toc.set("role", "doc-toc")
    by_name = {d.name: d for d in documents}
    for item in toc.iter("li"):
        link = item.find("a")
        target = by_name.get((link.get("href") or "").partition("#")[0]) if link is not None else None
        sections = [h for h in target.part.iter("h2") if h.get("id")] if target is not None else []
        if sections:
            sub = lxml_html.Element("ol")
            for heading in sections:
                entry = etree.SubElement(etree.SubElement(sub, "li"), "a", href=f"{target.name}#{heading.get('id')}")
                entry.text = " ".join(heading.text_content().split())
            item.append(sub)
    where = {identifier: d.name for d in documents for identifier in d.ids}
    page_list = _hidden_nav("page-list", "doc-pagelist", words["page-list"])
    for number, marker in pages:
        link = etree.SubElement(etree.SubElement(page_list[1], "li"), "a", href=f"{where[f'page-{number}']}#page-{number}")
        link.text = str(number)
    landmarks = _hidden_nav("landmarks", "", words["landmarks"])
    chapters = [d for d in documents if d.name.startswith("chapter-")]
    for epub_type, document, text in (("cover", documents[0], words["cover"]), ("toc", nav, words["contents"]),
                                      ("bodymatter", chapters[0] if chapters else nav, chapters[0].title if chapters else words["contents"])):
        link = etree.SubElement(etree.SubElement(landmarks[1], "li"), "a", href=document.name)
        link.set("data-epub-type", epub_type)
        link.text = text
    nav.extra = [page_list, landmarks]


def _hidden_nav(epub_type: str, role: str, heading: str):
    nav = lxml_html.Element("nav", {"data-epub-type": epub_type, "hidden": "hidden"})
    if role:
        nav.set("role", role)
    etree.SubElement(nav, "h2").text = heading
    etree.SubElement(nav, "ol")
    return nav


def font_faces(course: Course, text: str, italic: bool) -> list[tuple[Item, str]]:
    """The booklet's font cut down to the characters the EPUB shows (every printable ASCII one too),
    each face with its @font-face rule; the italic faces only when the text has italics."""
    from builder.fonts import FAMILY, font_subsets, used_characters

    faces = []
    for name, weight, style, data in font_subsets(course, used_characters(text), italic):
        rule = (f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; font-style: {style}; '
                f'src: url("../fonts/{name}"); }}\n')
        faces.append((Item(f"fonts/{name}", FONT_MEDIA_TYPE, data), rule))
    return faces


def metadata(course: Course, words: dict[str, str], pictures: bool, booklet_name: str) -> list[tuple[str, str, dict]]:
    meta = course.meta
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, f"coursebuild:{meta.short_name}:{meta.edition}:{meta.edition_date}")
    source = f"{meta.title}, {meta.edition} {meta.edition_date.isoformat()}, A5 ({booklet_name})"
    entries = [
        ("dc:identifier", f"urn:uuid:{identifier}", {"id": "publication-id"}),
        ("dc:title", meta.title, {}),
        ("dc:language", meta.language, {}),
        *[("dc:creator", author, {}) for author in meta.authors],
        ("dc:publisher", meta.organisation, {}),
        ("dc:date", meta.edition_date.isoformat(), {}),
        ("dc:rights", meta.licence, {}),
        ("dc:source", source, {"id": "print-edition"}),
        ("meta", "pagination", {"refines": "#print-edition", "property": "source-of"}),
        ("meta", course.build_time.strftime("%Y-%m-%dT%H:%M:%SZ"), {"property": "dcterms:modified"}),
        ("meta", "textual", {"property": "schema:accessMode"}),
    ]
    if meta.subtitle:
        entries.insert(2, ("dc:description", meta.subtitle, {}))
    if pictures:
        entries.append(("meta", "visual", {"property": "schema:accessMode"}))
        entries.append(("meta", "textual,visual", {"property": "schema:accessModeSufficient"}))
    entries.append(("meta", "textual", {"property": "schema:accessModeSufficient"}))
    features = FEATURES + (("alternativeText",) if pictures else ())
    entries += [("meta", feature, {"property": "schema:accessibilityFeature"}) for feature in features]
    entries += [
        ("meta", "none", {"property": "schema:accessibilityHazard"}),
        ("meta", words["epub-accessibility"], {"property": "schema:accessibilitySummary"}),
        ("meta", CONFORMANCE, {"property": "dcterms:conformsTo", "id": "conformance"}),
        ("meta", meta.organisation, {"property": "a11y:certifiedBy", "refines": "#conformance"}),
    ]
    return entries
