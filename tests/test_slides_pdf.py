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
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    # Each ruled line is a 7.5 mm tall box (28.35 CSS px) whose bottom border is drawn: ten beside
    # each of the three slides, all as wide as the notes column.
    boxes = re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) 28\.34\d* re", content)
    assert len({(x, y) for x, y, _ in boxes}) == 30
    assert len({width for _, _, width in boxes}) == 1


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
