"""The A4 handout, ``<short-name>-handout.pdf``: the slides PDF's pages three to a page, beside ruled lines.

No second render of the slides: WeasyPrint renders only the handout sheet (``pdf.handout_html``),
and each handout page draws, as form XObjects, the sheet's frame (running title, ruled lines, the
slides' outlines), its slides from the slides PDF scaled into the frame's slots, and its page
number. The section dividers come from the sheet too, in their ink-light print colours. In a full
build this runs after the slides PDF; built alone (``--only handout``) it renders the slides PDF
into a scratch folder first.

The handout is a print aid and is not tagged (its /MarkInfo says so): the slides PDF is the
accessible form of the same slides. It keeps the slides PDF's title, author, subject, dates and
language, and shows the title in the window.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from builder.diagnostics import Report
from builder.pdf.imposition import add_page, copy_document_info, page_as_form, save, set_print_aid_preferences
from builder.model import Course

if TYPE_CHECKING:
    from builder.writers.slides.pdf import HandoutSheet

NEEDS = ("slides-pdf",)
PRELOAD = ("weasyprint", "pikepdf")  # for the handout sheet, a small render; pikepdf places the slides


def write(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    from builder.writers.slides import fitted_deck
    from builder.writers.slides.pdf import render_handout_sheet, slides_pdf_html, write_pdf

    deck, fits = fitted_deck(course)
    target = staging / f"{course.meta.short_name}-handout.pdf"
    sheet = render_handout_sheet(course, deck, fits, report, target.name)
    if "slides-pdf" in products:
        place_slides(products["slides-pdf"], sheet, target)
    else:
        with tempfile.TemporaryDirectory() as scratch:
            slides = Path(scratch) / f"{course.meta.short_name}-slides.pdf"
            place_slides(write_pdf(course, slides_pdf_html(course, deck, fits), slides, report).path, sheet, target)
    return {"handout-pdf": target}


def place_slides(slides: Path, sheet: HandoutSheet, target: Path) -> int:
    """Write ``target``: the pages of ``slides`` in the slots of the sheet's frames; returns its page count.

    A slide the sheet draws itself (``slide-N``, a divider) comes from there instead. Each page of
    either PDF becomes one form XObject (``page_as_form``), drawn wherever it is needed.
    """
    import pikepdf

    from builder.writers.slides.pdf import HANDOUT_SLIDES_PER_PAGE

    with pikepdf.open(slides) as deck, pikepdf.open(io.BytesIO(sheet.pdf)) as frames, pikepdf.new() as pdf:
        sheet_forms = [page_as_form(page, pdf) for page in frames.pages]
        _rename_subsets(sheet_forms)
        slide_forms = []
        for number, page in enumerate(deck.pages, start=1):
            divider = sheet.page_of(f"slide-{number}")
            slide_forms.append(page_as_form(page, pdf) if divider is None else sheet_forms[divider])
        groups = [slide_forms[start:start + HANDOUT_SLIDES_PER_PAGE]
                  for start in range(0, len(slide_forms), HANDOUT_SLIDES_PER_PAGE)]
        for number, group in enumerate(groups, start=1):
            frame = _required(sheet, f"handout-frame-{len(group)}")
            slots = [sheet.anchors[frame][f"handout-frame-{len(group)}-slot-{slot}"]
                     for slot in range(1, len(group) + 1)]
            _draw_page(pdf, sheet_forms[frame], list(zip(group, slots)),
                       sheet_forms[_required(sheet, f"handout-page-{number}")])
        copy_document_info(deck, pdf)
        set_print_aid_preferences(pdf)
        save(pdf, target, deck)
    return len(groups)


def _draw_page(pdf, frame, slides, number) -> None:
    """A handout page the size of ``frame``: the frame, each (slide, slot) scaled into its slot, the number."""
    import pikepdf

    frame_form, width, height = frame
    xobjects = pikepdf.Dictionary(Frame=frame_form, Number=number[0])
    drawing = ["q /Frame Do Q"]
    for index, ((form, slide_width, slide_height), (left, bottom, right, top)) in enumerate(slides):
        scale = min((right - left) / slide_width, (top - bottom) / slide_height)
        x = left + (right - left - slide_width * scale) / 2
        y = bottom + (top - bottom - slide_height * scale) / 2
        xobjects[f"/S{index}"] = form
        drawing.append(f"q {scale:.6f} 0 0 {scale:.6f} {x:.4f} {y:.4f} cm /S{index} Do Q")
    drawing.append("q /Number Do Q")
    add_page(pdf, width, height, xobjects, drawing)


def _rename_subsets(forms) -> None:
    """Give the sheet's font subsets names of their own.

    WeasyPrint names a subset after its font, not after the glyphs in it, so the sheet's and the
    slides PDF's subsets of one font would share a name, and a printer that goes by the name could
    draw the one's text with the other's glyphs.
    """
    import pikepdf

    fonts = {}
    for form, _, _ in forms:
        for font in form.get("/Resources", {}).get("/Font", {}).values():
            fonts.setdefault(font.objgen if font.is_indirect else len(fonts), font)
    for font in fonts.values():
        parts = [(font, "/BaseFont")]
        for descendant in font.get("/DescendantFonts", []):
            parts += [(descendant, "/BaseFont"), (descendant.FontDescriptor, "/FontName")]
        for holder, key in parts:
            tag, plus, name = str(holder[key]).lstrip("/").partition("+")
            if plus:
                holder[key] = pikepdf.Name(f"/{_other_tag(tag)}+{name}")


def _other_tag(tag: str) -> str:
    """A subset tag (six capitals) derived from ``tag`` and unlike it."""
    digest = hashlib.md5(f"handout sheet {tag}".encode()).digest()
    return "".join(chr(65 + byte % 26) for byte in digest[:6])


def _required(sheet: HandoutSheet, name: str) -> int:
    """The sheet's page with the element ``name``; a theme's handout.html.j2 that lacks it cannot be used."""
    index = sheet.page_of(name)
    if index is None:
        raise ValueError(f"the handout sheet (handout.html.j2) has no element with the id {name}")
    return index
