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
