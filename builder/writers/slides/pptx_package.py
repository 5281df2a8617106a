"""The PowerPoint package around the slides: the template made 16:9 in the theme's look with the
deck's own layouts, the document properties and preview, and a zip whose bytes depend only on the
sources."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile

from lxml import etree

from builder.model import Course

SLIDE_WIDTH = 12192000  # EMU: 13.333 in, PowerPoint's widescreen
SLIDE_HEIGHT = 6858000  # 7.5 in
FONT = "Arial"  # on every PowerPoint; LibreOffice maps it to the metric-compatible Liberation Sans
ACCENT = "0B3D6E"
TEXT = "1B1B1B"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"  # the a:blip extension PowerPoint stores an SVG in
MASTER_SIZES = (("titleStyle", (4400,), ACCENT), ("bodyStyle", (3000, 2700, 2400, 2200, 2200), TEXT))
# The template's layouts the deck uses, by their name in python-pptx's template -> the name PowerPoint's
# Layout menu shows; the other six (Comparison, Blank, vertical text ...) are dropped.
LAYOUTS = {
    "Title Slide": "Cover",  # the title and closing slides
    "Title and Content": "Title and text",
    "Section Header": "Chapter divider",
    "Two Content": "Text and picture",
    "Title Only": "Title and picture",
}
THUMBNAIL = "/docProps/thumbnail.jpeg"


def new_presentation():
    """python-pptx's default template, 16:9 and in the theme's font, colours and sizes."""
    from pptx import Presentation

    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    presentation._element.find(f"{{{P}}}sldSz").attrib.pop("type", None)  # 'screen4x3': widescreen has none
    _keep_deck_layouts(presentation)
    _adapt_template(presentation)
    _count_part_names(presentation.part.package)
    return presentation


def _count_part_names(package) -> None:
    """Name each new slide and notes page by counting, not by walking the whole package.

    python-pptx names a new part ('/ppt/slides/slide12.xml') by walking every part the package
    refers to and counting those named alike: a walk of a growing package for each slide and each
    notes page, 45 % of the time making the notes of a 48-slide deck. Here python-pptx answers the
    first time for each kind and the next ones are counted on from it: the same names, since every
    part named is then referred to and none is dropped (tests/test_slides_pptx.py compares the bytes).
    """
    from pptx.opc.packuri import PackURI

    ask = package.next_partname
    last: dict[str, int] = {}

    def next_partname(template: str) -> PackURI:
        if template in last:
            last[template] += 1
            return PackURI(template % last[template])
        name = ask(template)
        before, after = template.split("%d")
        last[template] = int(name[len(before):len(name) - len(after)])
        return name

    package.next_partname = next_partname


def _keep_deck_layouts(presentation) -> None:
    """Only the layouts the deck uses, named for what they hold, so PowerPoint's New Slide menu offers
    those and no leftovers of the template."""
    layouts = presentation.slide_layouts
    for layout in list(layouts):
        if layout.name in LAYOUTS:
            layout._element.cSld.set("name", LAYOUTS[layout.name])
        else:
            layouts.remove(layout)  # its part is then referred to by nothing and not saved


def add_svg_original(picture, svg: bytes, stored: dict[str, object]) -> None:
    """Stores ``svg`` with ``picture``, whose image is the SVG drawn as PNG, as PowerPoint does itself.

    PowerPoint 2016 and later show and scale the SVG; older versions and LibreOffice show the PNG.
    ``stored`` holds the SVG parts already in the package by content, so each is stored once.
    """
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part

    slide_part = picture.part
    key = hashlib.sha1(svg).hexdigest()
    if key not in stored:
        package = slide_part.package
        stored[key] = Part(package.next_image_partname("svg"), "image/svg+xml", package, svg)
    relationship = slide_part.relate_to(stored[key], RT.IMAGE)
    blip = picture._element.blipFill.find(f"{{{A}}}blip")
    extension = etree.SubElement(etree.SubElement(blip, f"{{{A}}}extLst"), f"{{{A}}}ext", uri=SVG_EXTENSION)
    etree.SubElement(extension, f"{{{ASVG}}}svgBlip", nsmap={"asvg": ASVG}).set(f"{{{R}}}embed", relationship)


def _adapt_template(presentation) -> None:
    """python-pptx's default template is 4:3 Calibri: stretch its master and layouts to 16:9 and
    give it the theme's font, colours and sizes, so that slides a colleague adds match the rest."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    factor = SLIDE_WIDTH / 9144000
    for owner in [presentation.slide_master, *presentation.slide_layouts]:
        tree = owner.shapes._spTree
        for offset in tree.iter(f"{{{A}}}off"):
            offset.set("x", str(round(int(offset.get("x", "0")) * factor)))
        for extent in tree.iter(f"{{{A}}}ext"):
            if extent.get("cx") is not None:  # an extension list's a:ext has a uri, no size
                extent.set("cx", str(round(int(extent.get("cx")) * factor)))
        for rpr in tree.iter(f"{{{A}}}defRPr"):
            if rpr.get("cap") == "all":  # the section header's capitals: Finnish titles read better as written
                rpr.set("cap", "none")
    theme = presentation.slide_master.part.part_related_by(RT.THEME)
    theme._blob = theme.blob.replace(b'<a:latin typeface="Calibri"/>', f'<a:latin typeface="{FONT}"/>'.encode())
    styles = presentation.slide_master._element.find(f"{{{P}}}txStyles")
    for style_name, sizes, color in MASTER_SIZES:
        style = styles.find(f"{{{P}}}{style_name}")
        for level, size in enumerate(sizes, start=1):
            ppr = style.find(f"{{{A}}}lvl{level}pPr")
            if ppr is None:
                continue
            rpr = ppr.find(f"{{{A}}}defRPr")
            rpr.set("sz", str(size))
            if style_name == "titleStyle":
                ppr.set("algn", "l")
                rpr.set("b", "1")
            for child in list(rpr):
                if child.tag == f"{{{A}}}solidFill":
                    rpr.remove(child)
            fill = etree.Element(f"{{{A}}}solidFill")
            etree.SubElement(fill, f"{{{A}}}srgbClr").set("val", color)
            rpr.insert(0, fill)


def set_properties(presentation, course: Course, title: str, thumbnail: bytes) -> None:
    """The document properties, and ``thumbnail`` (a JPEG) as the preview file managers show."""
    meta = course.meta
    when = course.build_time.astimezone(dt.timezone.utc).replace(tzinfo=None)
    properties = presentation.core_properties
    properties.title = title
    properties.subject = meta.title
    properties.author = ", ".join(meta.authors)
    properties.last_modified_by = meta.organisation
    properties.language = meta.language
    properties.keywords = meta.short_name
    properties.comments = ""
    properties.category = ""
    properties.revision = 1
    properties.created = when
    properties.modified = when
    for part in presentation.part.package.iter_parts():
        if part.partname == THUMBNAIL:  # the template's blank picture
            part.blob = thumbnail
        elif part.partname == "/docProps/app.xml":
            part.blob = part.blob.replace(b"On-screen Show (4:3)", b"Widescreen")


def save_reproducibly(presentation, when: dt.datetime) -> bytes:
    """The presentation's package as python-pptx saves it, every member stamped ``when`` so that the
    same sources give the same bytes.

    Written once, through python-pptx's own PackageWriter steps (the content types, the package's
    relationships, then each part and its relationships: the same members in the same order) into a
    zip whose members carry the stamp; saving and then writing the zip again with new stamps
    compressed every member twice. tests/test_slides_pptx.py compares with that way.
    """
    from pptx.opc.serialized import PackageWriter

    stamp = max(when.astimezone(dt.timezone.utc).timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    package = presentation.part.package
    steps = PackageWriter(out, package._rels, tuple(package.iter_parts()))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        members = _StampedMembers(target, stamp)
        steps._write_content_types_stream(members)
        steps._write_pkg_rels(members)
        steps._write_parts(members)
    return out.getvalue()


class _StampedMembers:
    """What python-pptx's PackageWriter writes to (its physical writer's ``write``), each member stamped."""

    def __init__(self, target: zipfile.ZipFile, stamp: tuple[int, ...]) -> None:
        self.target, self.stamp = target, stamp

    def write(self, pack_uri, blob: bytes) -> None:
        member = zipfile.ZipInfo(pack_uri.membername, date_time=self.stamp)
        member.compress_type = zipfile.ZIP_DEFLATED
        member.external_attr = 0o644 << 16
        member.create_system = 0
        self.target.writestr(member, blob)
