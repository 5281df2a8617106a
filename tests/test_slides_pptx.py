"""The PowerPoint deck read back with python-pptx: same slides, titles, text, pictures and notes."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from pptx import Presentation
from pptx.util import Emu

from builder.writers.slides.deck import build_deck
from slides_support import build_slides, fixture_course, words


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    course = fixture_course()
    made, report = build_slides(course, tmp_path_factory.mktemp("pptx"))
    return course, made, report


@pytest.fixture(scope="module")
def presentation(built):
    return Presentation(built[1]["slides-pptx"])


def test_the_deck_is_16_9_with_a_slide_per_deck_slide_and_the_same_titles(built, presentation):
    course, made, report = built
    deck = build_deck(course)
    assert made["slides-pptx"].name == "testikurssi-slides.pptx"
    assert (presentation.slide_width, presentation.slide_height) == (Emu(12192000), Emu(6858000))
    assert [s.shapes.title.text for s in presentation.slides] == [s.title for s in deck.slides]
    assert [str(d) for d in report] == []


def test_every_speaker_note_is_in_the_notes_pane(built, presentation):
    deck = build_deck(built[0])
    for made, slide in zip(presentation.slides, deck.slides):
        notes = made.notes_slide.notes_text_frame.text if made.has_notes_slide else ""
        assert words(notes) == words(slide.notes_text), slide.title
    with_notes = [s.title for s in deck.slides if s.notes_html]
    assert with_notes == ["Ensimmäinen dia", "Kuva ja teksti", "Salasanat", "Vastaus"]


def test_bullets_are_real_text_with_list_levels(presentation):
    first = next(s for s in presentation.slides if s.shapes.title.text == "Ensimmäinen dia")
    body = [shape for shape in first.placeholders if shape.placeholder_format.idx == 1][0]
    assert [(p.text, p.level) for p in body.text_frame.paragraphs] == [
        ("Kohta yksi", 0), ("Kohta kaksi", 0), ("Alakohta", 1)]
    bold = [r.text for p in body.text_frame.paragraphs for r in p.runs if r.font.bold]
    assert bold == ["kaksi"]
    numbered = next(s for s in presentation.slides if s.shapes.title.text == "Salasanat")
    body = [shape for shape in numbered.placeholders if shape.placeholder_format.idx == 1][0]
    assert b"arabicPeriod" in body._element.xml.encode()
    links = [r.hyperlink.address for p in body.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
    assert links == ["https://www.kyberturvallisuuskeskus.fi"]


def test_the_right_answers_stand_out_on_the_answer_slide(presentation):
    answer = next(s for s in presentation.slides if s.shapes.title.text == "Vastaus")
    body = [shape for shape in answer.placeholders if shape.placeholder_format.idx == 1][0]
    options = [p for p in body.text_frame.paragraphs if b"alphaUcPeriod" in p._p.xml.encode()]
    assert [(p.text, str(p.runs[0].font.color.rgb), p.runs[0].font.bold) for p in options] == [
        ("Kyllä", "1B1B1B", None), ("✓ Ei", "1A5C1F", True)]


def test_pictures_are_pictures_with_their_alt_text(presentation):
    pictures = {s.shapes.title.text: [shape for shape in s.shapes if shape.shape_type == 13]
                for s in presentation.slides}
    assert len(pictures["Kuva ja teksti"]) == len(pictures["Pelkkä kuva"]) == 1
    picture = pictures["Pelkkä kuva"][0]
    assert picture._element.nvPicPr.cNvPr.get("descr") == "Kaksi ihmistä tietokoneen ääressä"
    assert abs(picture.width / picture.height - 1.5) < 0.01
    assert len(pictures["Testidiat"]) == 1  # the logo


def test_document_properties_and_zip_dates_come_from_the_build_time(built, presentation):
    course, made, _ = built
    properties = presentation.core_properties
    assert properties.title == "Testidiat"
    assert properties.created == properties.modified == dt.datetime(2026, 1, 15, 0, 0)
    with zipfile.ZipFile(made["slides-pptx"]) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 1, 15, 0, 0, 0)}
