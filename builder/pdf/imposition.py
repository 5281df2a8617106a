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
    of the sheet; its fonts and images are copied once, however many pages use them. pikepdf
    (qpdf, in C++) reads only the objects the pages need: the tagged A5's structure tree is never
    parsed, and a 100-page booklet is imposed in a few hundredths of a second.
    """
    import pikepdf

    sheet_width, sheet_height = A4_LANDSCAPE
    with pikepdf.open(source) as original, pikepdf.new() as pdf:
        forms = [page_as_form(page, pdf) for page in original.pages]
        pages = padded_page_list(len(forms), back_cover)
        for sheet in saddle_stitch_order(len(pages)):
            for left, right in (sheet[0:2], sheet[2:4]):
                drawing, xobjects = [], pikepdf.Dictionary()
                for slot, number in enumerate((left, right)):
                    page = pages[number - 1]
                    if page is None:
                        continue
                    form, width, height = forms[page - 1]
                    scale = min(sheet_width / 2 / width, sheet_height / height, 1.0)
                    # The two pages meet at the fold in the middle of the sheet.
                    x = sheet_width / 2 - (width * scale if slot == 0 else 0)
                    y = (sheet_height - height * scale) / 2
                    xobjects[f"/P{slot}"] = form
                    drawing.append(f"q {scale:.6f} 0 0 {scale:.6f} {x:.4f} {y:.4f} cm /P{slot} Do Q")
                add_page(pdf, sheet_width, sheet_height, xobjects, drawing)
        copy_document_info(original, pdf)
        set_print_aid_preferences(pdf, folding=True)
        save(pdf, target, original)
    return len(pages) // 4


def add_page(pdf, width: float, height: float, xobjects, drawing: list[str]) -> None:
    """Append to ``pdf`` a page ``width`` x ``height`` points that draws ``xobjects`` as ``drawing`` says."""
    import pikepdf

    pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=pikepdf.Array([0, 0, width, height]),
        Resources=pikepdf.Dictionary(XObject=xobjects),
        Contents=pdf.make_stream("\n".join(drawing).encode("ascii")),
    )))


def save(pdf, target: Path, original) -> None:
    """Write ``pdf`` as the same sources always write it, byte for byte.

    The file ID is a digest of the content (``deterministic_id``), not of the time; qpdf adds no
    producer or dates of its own. The version is the source's: the placed pages keep its features.
    Flate-compressed streams (the pages, fonts) are copied as they are, the new ones compressed.
    """
    pdf.save(target, deterministic_id=True, min_version=original.pdf_version)


def set_print_aid_preferences(pdf, folding: bool = False) -> None:
    """Catalog entries of a PDF made by placing another PDF's pages: a print aid, not the reading copy.

    The window shows the title. /MarkInfo says the file is not a tagged PDF (the pages are drawn as
    pictures of the source's pages; the tagged source is the accessible form), so a reader does not
    look for a structure tree. For ``folding`` the print dialog starts with what docs/printing.md asks
    for: both sides, flipped on the short edge, at actual size.
    """
    import pikepdf

    preferences = pikepdf.Dictionary(DisplayDocTitle=True)
    if folding:
        preferences.Duplex = pikepdf.Name.DuplexFlipShortEdge
        preferences.PrintScaling = pikepdf.Name("/None")
    pdf.Root.ViewerPreferences = preferences
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=False)


DOCUMENT_INFO = ("/Title", "/Author", "/Subject", "/Creator", "/CreationDate", "/ModDate")


def copy_document_info(original, pdf) -> None:
    """Give ``pdf`` the ``original`` PDF's title, author, subject, creator, dates and language."""
    import pikepdf

    info = original.trailer.get("/Info")
    values = {key: info[key] for key in DOCUMENT_INFO if key in info} if info is not None else {}
    if values:
        pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary(
            {key: pdf.copy_foreign(value) if value.is_indirect else value for key, value in values.items()}))
    language = original.Root.get("/Lang")
    if language is not None:
        pdf.Root.Lang = pikepdf.String(str(language))


def page_as_form(page, pdf):
    """(form XObject in ``pdf`` drawing ``page`` with its origin at 0 0, width, height).

    ``page`` is a page of another PDF. qpdf makes the form beside it (with the page's resources,
    inherited ones too); a single content stream is then taken as it is, still compressed. The
    form is copied into ``pdf`` with what it uses, each object once per source PDF, so pages that
    share a font or an image still share it.
    """
    import pikepdf

    form = page.as_form_xobject(handle_transformations=False)
    contents = page.obj.get("/Contents")
    if isinstance(contents, pikepdf.Stream):
        form.write(contents.read_raw_bytes(), filter=contents.get("/Filter"), decode_parms=contents.get("/DecodeParms"))
    x0, y0, x1, y1 = (float(v) for v in page.mediabox)
    left, bottom, right, top = min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
    form.BBox = pikepdf.Array([left, bottom, right, top])
    form.Matrix = pikepdf.Array([1, 0, 0, 1, -left, -bottom])
    return pdf.copy_foreign(form), right - left, top - bottom
