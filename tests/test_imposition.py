"""Saddle-stitch imposition: page order on the sheets, blank pages, and the A4 file itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from builder.pdf.imposition import A4_LANDSCAPE, impose_saddle_stitch, padded_page_list, saddle_stitch_order

A5 = (419.53, 595.28)


def test_eight_pages_on_two_sheets():
    # Sheet 1 front: last page and page 1; its back: pages 2 and last-1; and so on inwards.
    assert saddle_stitch_order(8) == [(8, 1, 2, 7), (6, 3, 4, 5)]


def test_four_pages_make_one_sheet():
    assert saddle_stitch_order(4) == [(4, 1, 2, 3)]


def test_page_count_must_be_a_multiple_of_four():
    with pytest.raises(ValueError):
        saddle_stitch_order(6)


@given(st.integers(min_value=1, max_value=60))
def test_folded_sheets_read_in_order(sheets):
    """Stack the sheets, fold them: reading the left halves of the backs and fronts gives 1, 2, 3 ..."""
    order = saddle_stitch_order(4 * sheets)
    assert sorted(n for sheet in order for n in sheet) == list(range(1, 4 * sheets + 1))
    # Opening the folded booklet: the first half is each sheet's front-right then back-left,
    # from the outside sheet inwards; the second half the back-right then front-left, inside out.
    first_half = [n for front_left, front_right, back_left, back_right in order for n in (front_right, back_left)]
    second_half = [n for front_left, front_right, back_left, back_right in reversed(order) for n in (back_right, front_left)]
    assert first_half + second_half == list(range(1, 4 * sheets + 1))


def test_blank_pages_go_before_the_back_cover():
    assert padded_page_list(6, back_cover=True) == [1, 2, 3, 4, 5, None, None, 6]
    assert padded_page_list(6, back_cover=False) == [1, 2, 3, 4, 5, 6, None, None]
    assert padded_page_list(8, back_cover=True) == list(range(1, 9))


def numbered_pdf(path: Path, count: int) -> Path:
    """An A5 PDF whose page N shows the word 'pageN' (drawn with a standard font, no renderer)."""
    writer = PdfWriter()
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    font_ref = writer._add_object(font)
    for number in range(1, count + 1):
        page = writer.add_blank_page(*A5)
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 24 Tf 100 300 Td (page{number}) Tj ET".encode())  # unique per page
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_ref})})
    writer.write(path)
    return path


def placed_pages(imposed: Path, source: Path) -> list[tuple[int | None, int | None]]:
    """For each printed side of ``imposed``: which page of ``source`` is on the left and on the right half.

    A page is recognised by its drawing (content stream), its half by where it is placed; pages
    that look the same (blank pages) are all named by the first of them.
    """
    import pikepdf

    numbers: dict[bytes, int] = {}
    with pikepdf.open(source) as original:
        for number, page in enumerate(original.pages, start=1):
            numbers.setdefault(page.Contents.read_bytes(), number)
    result = []
    with pikepdf.open(imposed) as pdf:
        for side in pdf.pages:
            halves: dict[bool, int | None] = {False: None, True: None}
            x = 0.0
            for operands, operator in pikepdf.parse_content_stream(side):
                if str(operator) == "cm":
                    x = float(operands[4])
                elif str(operator) == "Do":
                    drawing = side.Resources.XObject[str(operands[0])].read_bytes()
                    halves[x >= A4_LANDSCAPE[0] / 2 - 1] = numbers[drawing]
            result.append((halves[False], halves[True]))
    return result


def first_lookalike(source: Path) -> dict[int, int]:
    """Page number -> the first page of ``source`` drawn exactly like it (see ``placed_pages``)."""
    import pikepdf

    first: dict[bytes, int] = {}
    with pikepdf.open(source) as pdf:
        return {n: first.setdefault(page.Contents.read_bytes(), n) for n, page in enumerate(pdf.pages, start=1)}


def test_imposed_pdf_has_the_booklet_order(tmp_path):
    source = numbered_pdf(tmp_path / "a5.pdf", 6)
    sheets = impose_saddle_stitch(source, tmp_path / "a4.pdf", back_cover=True)
    assert sheets == 2
    reader = PdfReader(tmp_path / "a4.pdf")
    assert len(reader.pages) == 4
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_LANDSCAPE, abs=0.5)
    # 6 pages + 2 blanks before the back cover: booklet pages 1-5, blank, blank, 6.
    assert placed_pages(tmp_path / "a4.pdf", source) == [
        (6, 1),     # sheet 1 front: back cover and cover
        (2, None),  # sheet 1 back: page 2 and an added blank
        (None, 3),  # sheet 2 front: a blank and page 3
        (4, 5),     # sheet 2 back: the centre spread
    ]


def test_imposition_is_deterministic(tmp_path):
    source = numbered_pdf(tmp_path / "a5.pdf", 5)
    impose_saddle_stitch(source, tmp_path / "one.pdf")
    impose_saddle_stitch(source, tmp_path / "two.pdf")
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()


def source_pdf(path: Path, count: int, **page_options) -> Path:
    """A tagged-looking A5 source made with pikepdf: one font and one image shared by all its pages,
    each page's drawing a Flate-compressed stream, the document info and language of a booklet."""
    import zlib

    import pikepdf

    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    image = pikepdf.Stream(pdf, b"\x80" * 3, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=1,
                           Height=1, ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8)
    resources = pdf.make_indirect(pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font),
                                                     XObject=pikepdf.Dictionary(Im1=image)))
    box = page_options.get("mediabox", [0, 0, *A5])
    for number in range(1, count + 1):
        drawing = f"q 50 0 0 50 100 400 cm /Im1 Do Q BT /F1 24 Tf 100 300 Td (page{number}) Tj ET".encode()
        page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=box)
        if page_options.get("split_contents"):
            half = len(drawing) // 2
            page.Contents = pikepdf.Array([pdf.make_stream(drawing[:half]), pdf.make_stream(drawing[half:])])
        else:
            page.Contents = pikepdf.Stream(pdf, zlib.compress(drawing, 0))  # stored: unlike what qpdf would make
            page.Contents.Filter = pikepdf.Name.FlateDecode
        if not page_options.get("inherited_resources"):
            page.Resources = resources
        pdf.pages.append(pikepdf.Page(page))
    if page_options.get("inherited_resources"):
        pdf.Root.Pages.Resources = resources
    pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary(
        Title=pikepdf.String("Nettiopastajalle"), Author=pikepdf.String("Hankkeen väki"), Subject=pikepdf.String("Opas"),
        Creator=pikepdf.String("coursebuild"), Producer=pikepdf.String("WeasyPrint 70.0"),
        CreationDate=pikepdf.String("D:20261127000000Z"), ModDate=pikepdf.String("D:20261127000000Z"),
        Keywords=pikepdf.String("not copied")))
    pdf.Root.Lang = pikepdf.String("fi")
    pdf.save(path)
    return path


def placements(imposed: Path) -> list[list[tuple[str, list[float]]]]:
    """Each printed side's drawings: (form name, the cm matrix it is drawn with)."""
    import pikepdf

    sides = []
    with pikepdf.open(imposed) as pdf:
        for side in pdf.pages:
            matrix, drawn = [], []
            for operands, operator in pikepdf.parse_content_stream(side):
                if str(operator) == "cm":
                    matrix = [float(v) for v in operands]
                elif str(operator) == "Do":
                    drawn.append((str(operands[0]), matrix))
            sides.append(drawn)
    return sides


def test_each_page_is_drawn_at_full_size_meeting_the_fold(tmp_path):
    impose_saddle_stitch(source_pdf(tmp_path / "a5.pdf", 4), tmp_path / "a4.pdf")
    fold = A4_LANDSCAPE[0] / 2
    margin = (A4_LANDSCAPE[1] - A5[1]) / 2
    for side in placements(tmp_path / "a4.pdf"):
        assert side == [("/P0", pytest.approx([1, 0, 0, 1, fold - A5[0], margin], abs=1e-4)),
                        ("/P1", pytest.approx([1, 0, 0, 1, fold, margin], abs=1e-4))]


def test_a_page_larger_than_half_the_sheet_is_scaled_down_into_it(tmp_path):
    impose_saddle_stitch(source_pdf(tmp_path / "a4.pdf", 4, mediabox=[0, 0, 595.28, 841.89]), tmp_path / "out.pdf")
    scale = A4_LANDSCAPE[1] / 841.89  # as tall as the sheet
    [(_, left), (_, right)] = placements(tmp_path / "out.pdf")[0]
    assert left == pytest.approx([scale, 0, 0, scale, A4_LANDSCAPE[0] / 2 - 595.28 * scale, 0], abs=1e-4)
    assert right == pytest.approx([scale, 0, 0, scale, A4_LANDSCAPE[0] / 2, 0], abs=1e-4)


def test_a_page_whose_box_does_not_start_at_0_0_is_moved_there(tmp_path):
    import pikepdf

    box = [10, 20, 10 + A5[0], 20 + A5[1]]
    impose_saddle_stitch(source_pdf(tmp_path / "a5.pdf", 4, mediabox=box), tmp_path / "a4.pdf")
    with pikepdf.open(tmp_path / "a4.pdf") as pdf:
        form = pdf.pages[0].Resources.XObject.P0
        assert [float(v) for v in form.BBox] == pytest.approx(box)
        assert [float(v) for v in form.Matrix] == pytest.approx([1, 0, 0, 1, -10, -20])


def test_fonts_and_images_are_shared_not_copied_per_page(tmp_path):
    import pikepdf

    impose_saddle_stitch(source_pdf(tmp_path / "a5.pdf", 12), tmp_path / "a4.pdf")
    with pikepdf.open(tmp_path / "a4.pdf") as pdf:
        fonts = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/Font"]
        images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        forms = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Form"]
        assert (len(fonts), len(images), len(forms)) == (1, 1, 12)
        assert len({form.Resources.objgen for form in forms}) == 1  # the pages' one resources dictionary


def test_a_page_keeps_its_compressed_drawing_as_it_is(tmp_path):
    import pikepdf

    source = source_pdf(tmp_path / "a5.pdf", 4)
    impose_saddle_stitch(source, tmp_path / "a4.pdf")
    with pikepdf.open(source) as original, pikepdf.open(tmp_path / "a4.pdf") as pdf:
        form = pdf.pages[0].Resources.XObject.P1  # sheet 1 front, right: page 1
        assert form.Filter == "/FlateDecode"
        assert form.read_raw_bytes() == original.pages[0].Contents.read_raw_bytes()


@pytest.mark.parametrize("options", [{"inherited_resources": True}, {"split_contents": True}])
def test_inherited_resources_and_split_drawings_come_along(tmp_path, options):
    import pikepdf

    impose_saddle_stitch(source_pdf(tmp_path / "a5.pdf", 4, **options), tmp_path / "a4.pdf")
    with pikepdf.open(tmp_path / "a4.pdf") as pdf:
        form = pdf.pages[0].Resources.XObject.P1
        assert form.Resources.Font.F1.BaseFont == "/Helvetica"
        assert "/Im1" in form.Resources.XObject
        assert b"(page1) Tj" in form.read_bytes() and b"/Im1 Do" in form.read_bytes()


def test_the_folding_layout_keeps_the_document_info_and_says_how_to_print(tmp_path):
    import pikepdf

    impose_saddle_stitch(source_pdf(tmp_path / "a5.pdf", 6), tmp_path / "a4.pdf")
    with pikepdf.open(tmp_path / "a4.pdf") as pdf:
        # The source's title, author, subject, creator and dates; no producer or time of its own.
        assert {k: str(v) for k, v in pdf.docinfo.items()} == {
            "/Title": "Nettiopastajalle", "/Author": "Hankkeen väki", "/Subject": "Opas", "/Creator": "coursebuild",
            "/CreationDate": "D:20261127000000Z", "/ModDate": "D:20261127000000Z"}
        assert str(pdf.Root.Lang) == "fi"
        assert pdf.Root.ViewerPreferences == pikepdf.Dictionary(
            DisplayDocTitle=True, Duplex=pikepdf.Name.DuplexFlipShortEdge, PrintScaling=pikepdf.Name("/None"))
        assert pdf.Root.MarkInfo.Marked is False
        assert "/StructTreeRoot" not in pdf.Root and "/Metadata" not in pdf.Root
        assert pdf.check_pdf_syntax() == []


def test_the_same_source_gives_the_same_bytes_whatever_the_target_is_called(tmp_path):
    source = source_pdf(tmp_path / "a5.pdf", 10)
    impose_saddle_stitch(source, tmp_path / "one.pdf")
    (tmp_path / "elsewhere").mkdir()
    impose_saddle_stitch(source, tmp_path / "elsewhere" / "booklet-a4.pdf")
    data = (tmp_path / "one.pdf").read_bytes()
    assert data == (tmp_path / "elsewhere" / "booklet-a4.pdf").read_bytes()
    assert b"/ID" in data and b"/Producer" not in data
