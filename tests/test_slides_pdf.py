"""The slides PDF (16:9, a slide a page) and the A4 handout (three slides a page, lines for notes)."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from builder.writers.slides.deck import build_deck
from slides_support import ROOT, build_slides, fixture_course, note_markers, words


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    course = fixture_course()
    made, report = build_slides(course, tmp_path_factory.mktemp("pdf"))
    return course, made, report


def test_the_slides_pdf_has_a_16_9_page_per_slide_in_order(built):
    course, made, report = built
    deck = build_deck(course)
    reader = PdfReader(made["slides-pdf"])
    assert made["slides-pdf"].name == "testikurssi-slides.pdf"
    assert len(reader.pages) == len(deck.slides)
    for number, (page, slide) in enumerate(zip(reader.pages, deck.slides), start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert math.isclose(width / height, 16 / 9, rel_tol=1e-3)
        assert (round(width), round(height)) == (960, 540)  # 13.333 x 7.5 in, PowerPoint's widescreen
        text = words(page.extract_text())
        assert slide.title in text and f"{number} / {len(deck.slides)}" in text
    assert [str(d) for d in report] == []


def test_the_handout_is_a4_with_three_slides_and_lines_a_page(built):
    course, made, _ = built
    deck = build_deck(course)
    reader = PdfReader(made["handout-pdf"])
    assert made["handout-pdf"].name == "testikurssi-handout.pdf"
    assert len(reader.pages) == math.ceil(len(deck.slides) / 3)
    total = len(deck.slides)
    for index, page in enumerate(reader.pages):
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
        numbers = [int(n) for n in re.findall(rf"\b(\d+) / {total}\b", page.extract_text())]
        expected = list(range(index * 3 + 1, min(index * 3 + 3, total) + 1))
        assert numbers == expected, (index, numbers)


def test_the_handout_rules_lines_beside_each_slide(built):
    _, made, _ = built
    reader = PdfReader(made["handout-pdf"])
    # Each ruled line is a 7.5 mm tall box whose bottom border is drawn: ten beside each of the
    # three slides, all as wide as the notes column.
    lines = ruled_lines(reader.pages[0])
    assert len(lines) == 30
    assert len({round(width, 1) for _, _, width in lines}) == 1


def test_the_handout_keeps_the_title_and_language(built):
    course, made, _ = built
    reader = PdfReader(made["handout-pdf"])
    assert reader.metadata.title == build_deck(course).title
    assert reader.trailer["/Root"]["/Lang"] == "fi"
    root = reader.trailer["/Root"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert root["/MarkInfo"]["/Marked"].value is False  # not tagged, and says so: the slides PDF is the tagged one


def test_each_font_subset_in_the_handout_has_a_name_of_its_own(built):
    """The handout draws fonts from two renders; a printer that goes by names must not mix their glyphs."""
    _, made, _ = built
    names: dict[int, str] = {}

    def walk(resources):
        for font in resources.get("/Font", {}).values():
            names[font.idnum] = str(font.get_object()["/BaseFont"])
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get_object()["/Subtype"] == "/Form":
                walk(xobject.get_object().get("/Resources", {}))

    for page in PdfReader(made["handout-pdf"]).pages:
        walk(page["/Resources"])
    assert len(names) > 2
    assert len(set(names.values())) == len(names), sorted(names.values())


def test_each_slide_font_and_picture_is_in_the_handout_once(built):
    """A slide is one form however it is placed, and the forms share the slides PDF's fonts and pictures."""
    import pikepdf

    _, made, _ = built

    def objects(path: Path, kind: str) -> int:
        with pikepdf.open(path) as pdf:
            return sum(1 for o in pdf.objects if isinstance(o, (pikepdf.Dictionary, pikepdf.Stream))
                       and (o.get("/Type") == kind or o.get("/Subtype") == kind))

    slides = len(PdfReader(made["slides-pdf"]).pages)
    assert objects(made["slides-pdf"], "/Image") <= objects(made["handout-pdf"], "/Image") < 2 * max(
        1, objects(made["slides-pdf"], "/Image"))  # the sheet's pictures (the logo) besides, none per page
    # Every font of the handout comes from the slides PDF or the sheet, each once.
    assert objects(made["handout-pdf"], "/Font") <= 2 * objects(made["slides-pdf"], "/Font")
    with pikepdf.open(made["handout-pdf"]) as pdf:
        drawn = {xobject.objgen for page in pdf.pages for name, xobject in page.Resources.XObject.items()
                 if name.startswith("/S")}
    assert len(drawn) == slides


def test_the_handout_has_the_slides_pdfs_info_and_no_producer_of_its_own(built):
    import pikepdf

    _, made, _ = built
    with pikepdf.open(made["slides-pdf"]) as slides, pikepdf.open(made["handout-pdf"]) as handout:
        copied = ("/Title", "/Author", "/Subject", "/Creator", "/CreationDate", "/ModDate")
        assert dict(handout.docinfo) == {k: v for k, v in slides.docinfo.items() if k in copied}
        assert "/ID" in handout.trailer
        assert handout.check_pdf_syntax() == []


def test_the_handout_built_alone_is_the_same_and_its_last_page_has_only_its_slides(built, tmp_path: Path):
    from builder.diagnostics import Report
    from builder.writers.slides import handout

    course, made, _ = built
    assert handout.write(course, tmp_path, {}, Report())["handout-pdf"].read_bytes() == made["handout-pdf"].read_bytes()

    shorter = fixture_course(question_slides=False)
    total = len(build_deck(shorter).slides)
    assert total % 3 == 1
    reader = PdfReader(handout.write(shorter, tmp_path, {}, Report())["handout-pdf"])
    last = reader.pages[-1]
    assert [int(n) for n in re.findall(rf"\b(\d+) / {total}\b", last.extract_text())] == [total]
    assert len(ruled_lines(last)) == 10


def ruled_lines(page) -> set[tuple[float, float, float]]:
    """The 7.5 mm tall boxes the page draws, forms included: (x, y, width) in points on the page."""
    from pypdf.generic import ContentStream

    found = set()

    def walk(contents, resources, matrix):
        saved = []
        for operands, operator in ContentStream(contents, page.pdf).operations:
            if operator == b"q":
                saved.append(matrix)
            elif operator == b"Q":
                matrix = saved.pop()
            elif operator == b"cm":
                matrix = _times([float(v) for v in operands], matrix)
            elif operator == b"re":
                x, y, width, height = (float(v) for v in operands)
                (x0, y0), (x1, y1) = _apply(matrix, x, y), _apply(matrix, x + width, y + height)
                if math.isclose(abs(y1 - y0), 7.5 / 25.4 * 72, abs_tol=0.05):
                    found.add((round(min(x0, x1), 1), round(min(y0, y1), 1), round(abs(x1 - x0), 1)))
            elif operator == b"Do":
                xobject = resources["/XObject"][operands[0]].get_object()
                if xobject["/Subtype"] == "/Form":
                    form_matrix = [float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                    walk(xobject, xobject.get("/Resources", resources), _times(form_matrix, matrix))

    walk(page.get_contents(), page["/Resources"], [1, 0, 0, 1, 0, 0])
    return found


def _times(m, n):
    """The PDF matrix product m x n (m applied first)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return [a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u]


def _apply(m, x, y):
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def test_speaker_notes_are_in_neither_pdf(built):
    course, made, _ = built
    for name in ("slides-pdf", "handout-pdf"):
        text = " ".join(page.extract_text() for page in PdfReader(made[name]).pages)
        assert not any(marker in text for marker in note_markers(course)), name


def test_the_pdfs_do_not_depend_on_where_the_course_folder_is(tmp_path: Path):
    from builder.diagnostics import Report
    from builder.readers.course import read_course

    outputs = []
    for place in ("one", "two/deeper"):
        folder = tmp_path / place / "course"
        shutil.copytree(ROOT, folder)
        course = read_course(folder, Report())
        made, _ = build_slides(course, tmp_path / place / "out")
        outputs.append({name: made[name].read_bytes() for name in ("slides-pdf", "handout-pdf")})
    assert outputs[0] == outputs[1]


def over_full_slides() -> str:
    """Two slides no text size fits: nine points of two lines each, and fourteen short points."""
    long_points = "\n".join(f"- Yhdeksikko{n}: tämä kohta on niin pitkä, että se ei mahdu yhdelle riville vaan jatkuu "
                            f"toiselle riville asti" for n in range(1, 10))
    short_points = "\n".join(f"- Neljatoista{n}: lyhyt mutta selvä kohta" for n in range(1, 15))
    return (f"Tekstiä.\n\n```slides\n## Yhdeksän pitkää kohtaa\n{long_points}\n\n---\n\n"
            f"## Neljätoista kohtaa\n{short_points}\n```\n")


def test_an_over_full_slide_shows_every_point_in_every_slide_output(make_course, tmp_path: Path):
    from pptx import Presentation

    from conftest import chapter, read

    course, _ = read(make_course({"01-alku.md": chapter(over_full_slides())}))
    made, report = build_slides(course, tmp_path / "out")
    points = [f"Yhdeksikko{n}:" for n in range(1, 10)] + [f"Neljatoista{n}:" for n in range(1, 15)]
    texts = {
        "slides-pdf": " ".join(page.extract_text() for page in PdfReader(made["slides-pdf"]).pages),
        "handout-pdf": " ".join(page.extract_text() for page in PdfReader(made["handout-pdf"]).pages),
        "slides-pptx": " ".join(shape.text_frame.text for slide in Presentation(made["slides-pptx"]).slides
                                for shape in slide.shapes if shape.has_text_frame),
        "slides-html": made["slides-html"].read_text(encoding="utf-8"),
    }
    for name, text in texts.items():
        assert [point for point in points if point not in text] == [], name
    assert "Neljätoista kohtaa (jatkuu)" in texts["slides-pdf"]
    assert [str(d) for d in report] == []
