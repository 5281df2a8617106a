"""Saddle-stitch imposition: an A5 PDF onto A4 landscape sheets that fold into a stapled booklet."""

from __future__ import annotations

from pathlib import Path

A4_LANDSCAPE = (841.89, 595.28)  # PDF points


def saddle_stitch_order(page_count: int) -> list[tuple[int, int, int, int]]:
    """Page numbers per sheet: (front left, front right, back left, back right), 1-based.

    ``page_count`` must be a multiple of four. Printed on both sides (flip on the short edge),
    stacked in order, folded and stapled, the pages read 1, 2, 3 ... page_count.
    """
    if page_count % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of 4 pages, not {page_count}")
    sheets = []
    for sheet in range(page_count // 4):
        outer = page_count - 2 * sheet
        inner = 2 * sheet + 1
        sheets.append((outer, inner, inner + 1, outer - 1))
    return sheets


def padded_page_list(page_count: int, back_cover: bool) -> list[int | None]:
    """The booklet's pages (1-based; None for an added blank) padded to a multiple of four.

    With ``back_cover`` the blanks go before the last page, so that it stays on the outside.
    """
    pages: list[int | None] = list(range(1, page_count + 1))
    blanks: list[int | None] = [None] * (-page_count % 4)
    if back_cover and page_count > 1:
        return pages[:-1] + blanks + pages[-1:]
    return pages + blanks


def impose_saddle_stitch(source: Path, target: Path, back_cover: bool = True) -> int:
    """Write ``target``: the pages of ``source`` two up on A4 landscape, in booklet order.

    Returns the number of sheets (two printed sides each). Each A5 page becomes a form XObject
    that keeps its content stream as it is (still compressed) and is drawn scaled into its half
    of the sheet; nothing is parsed or re-encoded, so imposing takes a fraction of a second.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ContentStream, DictionaryObject, NameObject

    reader = PdfReader(source)
    writer = PdfWriter()
    forms = [page_as_form(page, writer) for page in reader.pages]
    pages = padded_page_list(len(reader.pages), back_cover)
    sheet_width, sheet_height = A4_LANDSCAPE
    for sheet in saddle_stitch_order(len(pages)):
        for left, right in (sheet[0:2], sheet[2:4]):
            side = writer.add_blank_page(sheet_width, sheet_height)
            drawing, xobjects = [], DictionaryObject()
            for slot, number in enumerate((left, right)):
                original = pages[number - 1]
                if original is None:
                    continue
                form, width, height = forms[original - 1]
                scale = min(sheet_width / 2 / width, sheet_height / height, 1.0)
                # The two pages meet at the fold in the middle of the sheet.
                x = sheet_width / 2 - (width * scale if slot == 0 else 0)
                y = (sheet_height - height * scale) / 2
                xobjects[NameObject(f"/P{slot}")] = form
                drawing.append(f"q {scale:.6f} 0 0 {scale:.6f} {x:.4f} {y:.4f} cm /P{slot} Do Q")
            side[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): xobjects})
            content = ContentStream(None, writer)
            content.set_data("\n".join(drawing).encode("ascii"))
            side.replace_contents(content)
    copy_document_info(reader, writer)
    set_print_aid_preferences(writer, folding=True)
    writer.write(target)
    return len(pages) // 4


def set_print_aid_preferences(writer, folding: bool = False) -> None:
    """Catalog entries of a PDF made by placing another PDF's pages: a print aid, not the reading copy.

    The window shows the title. /MarkInfo says the file is not a tagged PDF (the pages are drawn as
    pictures of the source's pages; the tagged source is the accessible form), so a reader does not
    look for a structure tree. For ``folding`` the print dialog starts with what docs/printing.md asks
    for: both sides, flipped on the short edge, at actual size.
    """
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject

    preferences = {NameObject("/DisplayDocTitle"): BooleanObject(True)}
    if folding:
        preferences[NameObject("/Duplex")] = NameObject("/DuplexFlipShortEdge")
        preferences[NameObject("/PrintScaling")] = NameObject("/None")
    writer._root_object[NameObject("/ViewerPreferences")] = DictionaryObject(preferences)
    writer._root_object[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(False)})


def copy_document_info(reader, writer) -> None:
    """Give the PDF being written the source PDF's title, author, subject, creator, dates and language."""
    from pypdf.generic import NameObject, TextStringObject

    writer.add_metadata({key: value for key, value in (reader.metadata or {}).items()
                         if key in ("/Title", "/Author", "/Subject", "/Creator", "/CreationDate", "/ModDate")})
    language = reader.trailer["/Root"].get("/Lang")
    if language is not None:
        writer._root_object[NameObject("/Lang")] = TextStringObject(str(language))


def page_as_form(page, writer):
    """(reference to a form XObject drawing ``page`` with its origin at 0 0, width, height)."""
    from pypdf.generic import ArrayObject, FloatObject, NameObject, StreamObject

    box = page.mediabox
    contents = page["/Contents"].get_object()
    if isinstance(contents, ArrayObject):
        form = StreamObject()
        form.set_data(b"\n".join(part.get_object().get_data() for part in contents))
        form = writer._add_object(form.flate_encode()).get_object()
    else:
        form = contents.clone(writer)
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(v) for v in (box.left, box.bottom, box.right, box.top)),
        NameObject("/Matrix"): ArrayObject(FloatObject(v) for v in (1, 0, 0, 1, -float(box.left), -float(box.bottom))),
        NameObject("/Resources"): page["/Resources"].clone(writer),
    })
    return form.indirect_reference, float(box.width), float(box.height)
