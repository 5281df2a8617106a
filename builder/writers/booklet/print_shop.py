"""The print-shop edition: ``<short>-booklet-print.pdf``, for a print shop that prints and binds copies.

The same print HTML as the A5 booklet plus print-shop.css: a 3 mm bleed on every side, and the
cover's colour band and the chapter openings' bands running into it. WeasyPrint writes it as
PDF/X-4, or PDF/X-1a when course.yml asks (booklet: pdfx: X-1a), with each page's TrimBox (the A5
page) and BleedBox (3 mm more); the finisher here widens every page by a slug outside the bleed
and draws the crop marks there, takes the links out (PDF/X allows no annotation on the printed
area: paper cannot be clicked, and the addresses are printed), and gives the PDF its output intent
(offset printing on coated paper, FOGRA39). In PDF/X-4 the colours WeasyPrint writes as device RGB
are declared sRGB, for the shop's RIP to convert; in PDF/X-1a they are turned into CMYK here
(builder.pdf.cmyk). The PDF is not tagged: it is for the press; the A5 booklet is the accessible
one. The page count is padded to a multiple of 4 with blank pages before the back cover.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Mapping

from builder.diagnostics import Report
from builder.model import Course
from builder.pdf.cmyk import cmyk_image, rewrite_colours
from builder.pdf.render import asset_url
from builder.theme import theme_file, theme_text
from builder.writers.booklet.html import booklet_html
from builder.writers.booklet.pdf import font_face_css, render_print_html

# Imported by the build while it reads the course, as for the A5 booklet: a course asks for
# --only booklet-print when course.yml has print_shop (in a full build the A5's import serves both).
PRELOAD = ("weasyprint",)
SUFFIX = "-booklet-print.pdf"
STYLE_SHEETS = ("print.css", "print-shop.css")
POINTS_PER_MM = 72 / 25.4
BLEED_MM = 3  # what print shops ask for (print-shop.css has the same)
MARK_LENGTH_MM = 5  # each crop mark, from the bleed's edge outwards
SLUG_MM = BLEED_MM + MARK_LENGTH_MM + 2  # the trim edge to the sheet's edge
MARK_WIDTH_PT = 0.25  # a hairline, as shops' own marks
OUTPUT_PROFILE = "FOGRA39L-coated.icc"  # made by tools/make-print-profile.sh
OUTPUT_CONDITION = {
    "OutputConditionIdentifier": "FOGRA39",
    "OutputCondition": "Offset printing, coated paper (ISO 12647-2:2004/Amd 1, paper type 1 or 2)",
    "RegistryName": "http://www.color.org",
    "Info": "Coated FOGRA39 (ISO 12647-2:2004)",
}
VARIANTS = {"X-4": "pdf/x-4", "X-1a": "pdf/x-1a"}  # course.yml booklet.pdfx -> WeasyPrint's variant


def writes(course: Course) -> bool:
    """Whether write() has anything to write: only a course whose course.yml asks for it."""
    return course.meta.booklet.print_shop


WRITES = {"write": writes}


def write(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    if not writes(course):
        return {}
    target = staging / f"{course.meta.short_name}{SUFFIX}"
    css = font_face_css(course) + "".join(theme_text(course, "booklet", sheet) for sheet in STYLE_SHEETS)
    profile = theme_file(course, "booklet", OUTPUT_PROFILE).read_bytes()
    version = course.meta.booklet.pdfx
    images = (lambda path: cmyk_image(path, profile)) if version == "X-1a" else None
    render_print_html(course, booklet_html(course, "print", asset_url, css), target, report, page_multiple=4,
                      variant=VARIANTS[version], finisher=PrintShopFinisher(profile, version), image_converter=images)
    return {"booklet-print-pdf": target}


class PrintShopFinisher:
    """WeasyPrint's finisher: the slug and crop marks, no links, the output intent, RGB as sRGB or as CMYK."""

    def __init__(self, output_profile: bytes, version: str = "X-4") -> None:
        self.output_profile = output_profile
        self.version = version

    def __call__(self, document, pdf) -> None:
        import pydyf

        for page in _pages(pdf):
            trim = [float(value) for value in page["TrimBox"]]
            page["MediaBox"] = pydyf.Array(_grown(trim, SLUG_MM))
            page["BleedBox"] = pydyf.Array(_grown(trim, BLEED_MM))
            marks = pydyf.Stream(compress=True)
            _draw_crop_marks(marks, trim)
            pdf.add_object(marks)
            page["Contents"] = pydyf.Array([marks.reference, page["Contents"]])
            page.pop("Annots", None)
        profile = pydyf.Stream([self.output_profile], pydyf.Dictionary({"N": 4}), compress=True)
        pdf.add_object(profile)
        intent = pydyf.Dictionary({"Type": "/OutputIntent", "S": "/GTS_PDFX",
                                   "DestOutputProfile": profile.reference})
        intent.update({key: pydyf.String(value) for key, value in OUTPUT_CONDITION.items()})
        pdf.catalog["OutputIntents"] = pydyf.Array([intent])
        if self.version == "X-1a":
            rewrite_colours(pdf, self.output_profile)
            for color_spaces in _color_space_dictionaries(pdf):  # Lab: not a colour PDF/X-1a allows
                color_spaces.pop("lab-d50", None)
                color_spaces.pop("lab-d65", None)
        else:
            srgb = pydyf.Stream([(files("weasyprint.pdf") / "sRGB2014.icc").read_bytes()],
                                pydyf.Dictionary({"N": 3}), compress=True)
            pdf.add_object(srgb)
            for color_spaces in _color_space_dictionaries(pdf):
                color_spaces["DefaultRGB"] = pydyf.Array(("/ICCBased", srgb.reference))
            pdf.info["GTS_PDFXVersion"] = pydyf.String("PDF/X-4")  # older preflight reads it here
            _fixed_document_id(pdf)


def _pages(pdf):
    """The page dictionaries of a pydyf PDF, in order (its Kids are number, 0, 'R', number, ...)."""
    return [pdf.objects[number] for number in pdf.pages["Kids"][0::3]]


def _color_space_dictionaries(pdf):
    """The ColorSpace dictionaries of WeasyPrint's resources: the one that holds its Lab spaces."""
    import pydyf

    return [obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary) and "lab-d50" in obj]


def _fixed_document_id(pdf) -> None:
    """WeasyPrint 70 gives a PDF/X-4's XMP a random xmpMM:DocumentID (uuid4): make it one derived
    from the metadata itself, so that the same sources give the same bytes."""
    import hashlib
    import re
    import uuid

    for obj in pdf.objects:
        if getattr(obj, "extra", None) is not None and obj.extra.get("Type") == "/Metadata":
            xmp = b"".join(obj.stream)
            random_id = re.compile(rb"xmp\.did:[0-9a-f-]{36}")
            stable = uuid.UUID(bytes=hashlib.sha256(random_id.sub(b"", xmp)).digest()[:16], version=4)
            obj.stream = [random_id.sub(f"xmp.did:{stable}".encode("ascii"), xmp)]


def _grown(box: list[float], mm: float) -> list[float]:
    """``box`` (left, bottom, right, top in points) grown by ``mm`` on every side."""
    d = mm * POINTS_PER_MM
    return [box[0] - d, box[1] - d, box[2] + d, box[3] + d]


def _draw_crop_marks(stream, trim: list[float]) -> None:
    """Eight hairlines in the slug, in line with the trim edges, from the bleed's edge outwards, in
    all four inks (registration) so that they show on every printing plate."""
    left, bottom, right, top = trim
    start, end = BLEED_MM * POINTS_PER_MM, (BLEED_MM + MARK_LENGTH_MM) * POINTS_PER_MM
    stream.begin_marked_content("Artifact")
    stream.push_state()
    stream.set_line_width(MARK_WIDTH_PT)
    stream.set_color_space("DeviceCMYK", stroke=True)
    stream.set_color_special(None, True, 1, 1, 1, 1)
    for x, y, dx, dy in ((left, bottom, -1, -1), (right, bottom, 1, -1), (left, top, -1, 1), (right, top, 1, 1)):
        stream.move_to(x + dx * start, y)  # horizontal, in line with the top or bottom trim edge
        stream.line_to(x + dx * end, y)
        stream.move_to(x, y + dy * start)  # vertical, in line with the left or right trim edge
        stream.line_to(x, y + dy * end)
    stream.stroke()
    stream.pop_state()
    stream.end_marked_content()
