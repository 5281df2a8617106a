"""The PowerPoint deck read back with python-pptx: same slides, titles, text, pictures and notes."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import replace

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from builder.writers.slides.deck import build_deck
from conftest import COURSE_YML, chapter, course_of, photo, png
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
    with_notes = [s.title for s in deck.slides if s.notes_html and s.kind == "content"]
    assert with_notes == ["Ensimmäinen dia", "Kuva ja teksti", "Salasanat"]
    # the slides the deck makes itself get generated notes, in the notes pane as well (checked above)
    assert all(s.notes_html for s in deck.slides if s.kind in ("title", "agenda", "section", "closing"))


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
    [logo] = pictures["Testidiat"]
    assert logo._element.nvPicPr.cNvPr.get("descr") == "Testikurssi"  # no logo_alt: the course title


def test_the_logo_reads_logo_alt_from_course_yml(make_course, tmp_path):
    from builder.diagnostics import Report
    from builder.writers.slides import write_pptx

    course = course_of(make_course({"course.yml": COURSE_YML + "logo: logo.png\nlogo_alt: Socomin logo\n",
                                    "logo.png": png(20, 20, (0, 0, 160))}))
    made = write_pptx(course, tmp_path, {}, Report(course.meta.language))
    slides = list(Presentation(made["slides-pptx"]).slides)
    logos = [shape for slide in (slides[0], slides[-1]) for shape in slide.shapes if shape.shape_type == 13]
    assert [logo._element.nvPicPr.cNvPr.get("descr") for logo in logos] == ["Socomin logo", "Socomin logo"]


def test_document_properties_and_zip_dates_come_from_the_build_time(built, presentation):
    course, made, _ = built
    properties = presentation.core_properties
    assert properties.title == "Testidiat"
    assert properties.created == properties.modified == dt.datetime(2026, 1, 15, 0, 0)
    with zipfile.ZipFile(made["slides-pptx"]) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 1, 15, 0, 0, 0)}


# --- the package around the slides ------------------------------------------------------------

DECK_LAYOUTS = ["Cover", "Title and text", "Chapter divider", "Text and picture", "Title and picture"]
THUMBNAIL_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def test_the_layouts_are_the_decks_own_with_no_4_3_leftovers_of_the_template(built, presentation):
    assert [layout.name for layout in presentation.slide_layouts] == DECK_LAYOUTS
    assert {slide.slide_layout.name for slide in presentation.slides} == set(DECK_LAYOUTS)  # each one used
    with zipfile.ZipFile(built[1]["slides-pptx"]) as archive:
        names = archive.namelist()
        assert len([n for n in names if n.startswith("ppt/slideLayouts/slideLayout")]) == len(DECK_LAYOUTS)
        presentation_xml = archive.read("ppt/presentation.xml").decode()
        app = archive.read("docProps/app.xml").decode()
    assert '<p:sldSz cx="12192000" cy="6858000"/>' in presentation_xml  # no type="screen4x3"
    assert "<PresentationFormat>Widescreen</PresentationFormat>" in app and "4:3" not in app


def thumbnail_of(path) -> Image.Image:
    """The package's preview picture, found as PowerPoint finds it: through the package relationships."""
    with zipfile.ZipFile(path) as archive:
        relationships = archive.read("_rels/.rels").decode()
        [target] = re.findall(rf'Type="{THUMBNAIL_REL}" Target="([^"]+)"', relationships)
        return Image.open(io.BytesIO(archive.read(target)))


def test_the_preview_picture_is_the_title_slide_drawn_small(built, tmp_path):
    course, made, _ = built
    thumbnail = thumbnail_of(made["slides-pptx"])
    assert (thumbnail.format, thumbnail.size) == ("JPEG", (256, 144))
    pixels = thumbnail.convert("RGB")

    def accent_pixels(top: int, bottom: int, left: int = 0, right: int = 256) -> int:
        return sum(1 for x in range(left, right) for y in range(top, bottom)
                   if sum(abs(a - b) for a, b in zip(pixels.getpixel((x, y)), (11, 61, 110))) < 60)

    assert accent_pixels(140, 144) > 0.9 * 256 * 4  # the accent bar along the bottom
    assert accent_pixels(44, 64, 0, 140) > 150  # the title 'Testidiat' in the accent colour
    assert accent_pixels(9, 42, 200, 256) > 300  # the logo, a dark blue square, top right
    assert accent_pixels(75, 135) == 0  # under the title: dark text lines, then white
    # drawn from the model: another title draws another picture, the same sources the same bytes
    retitled = replace(course, meta=replace(course.meta, slides=replace(course.meta.slides, title="Toinen otsikko")))
    again, _ = build_slides(course, tmp_path / "sama")
    other, _ = build_slides(retitled, tmp_path / "toinen")
    assert thumbnail_of(again["slides-pptx"]).tobytes() == thumbnail.tobytes()
    with zipfile.ZipFile(again["slides-pptx"]) as first, zipfile.ZipFile(made["slides-pptx"]) as second:
        assert first.read("docProps/thumbnail.jpeg") == second.read("docProps/thumbnail.jpeg")
    assert thumbnail_of(other["slides-pptx"]).tobytes() != thumbnail.tobytes()


# --- pictures as PowerPoint stores them ---------------------------------------------------------

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect width="200" height="100" fill="#0b3d6e"/></svg>'
SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


def picture_deck(make_course, tmp_path, files: dict, body: str):
    """The PowerPoint deck (and the checks' report) of a one-chapter course whose slides are ``body``."""
    from builder.checks import check_outputs
    from builder.diagnostics import Report
    from builder.writers.slides import write_pptx

    course = course_of(make_course({"01-kuvat.md": chapter(f"Teksti.\n\n```slides\n{body}```\n"), **files}))
    report = Report(course.meta.language)
    made = write_pptx(course, tmp_path, {}, report)
    check_outputs(course, report, ["pptx"])
    return Presentation(made["slides-pptx"]), [(d.path, d.line, d.code) for d in report]


def pictures_on(presentation, title: str):
    [slide] = [s for s in presentation.slides if s.shapes.title.text == title]
    return [shape for shape in slide.shapes if shape.shape_type == 13]


def test_an_svg_reaches_powerpoint_as_its_drawing_with_the_svg_itself_beside_it(make_course, tmp_path):
    slides = "## Kaavio\n\n![Sininen kaavio](kuvat/kaavio.svg)\n\n---\n\n## Sama kaavio\n\n![Taas](kuvat/kaavio.svg)\n"
    presentation, problems = picture_deck(make_course, tmp_path, {"kuvat/kaavio.svg": SVG}, slides)
    assert problems == []
    [picture] = pictures_on(presentation, "Kaavio")
    assert picture._element.nvPicPr.cNvPr.get("descr") == "Sininen kaavio"
    assert abs(picture.width / picture.height - 2.0) < 0.01  # the viewBox's proportions
    drawing = Image.open(io.BytesIO(picture.image.blob))
    assert (picture.image.content_type, drawing.size) == ("image/png", (1600, 800))  # 29 x 14.5 ems, capped
    assert drawing.convert("RGB").getpixel((800, 400)) == (11, 61, 110)
    svg_blips = [list(p._element.iter(SVG_BLIP)) for p in (picture, *pictures_on(presentation, "Sama kaavio"))]
    parts = [p.part.related_part(blip.get(R_EMBED)) for p, [blip] in zip(
        (picture, *pictures_on(presentation, "Sama kaavio")), svg_blips)]
    assert parts[0] is parts[1]  # stored once for both slides
    assert (parts[0].content_type, parts[0].blob) == ("image/svg+xml", SVG)


def test_an_svg_too_troublesome_to_draw_is_left_out_with_a_warning_at_its_slide(make_course, tmp_path):
    broken = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><use id="a" href="#a"/></svg>'  # itself
    presentation, problems = picture_deck(make_course, tmp_path, {"kuvat/rikki.svg": broken},
                                          "## Kaavio\n\n![Rikki](kuvat/rikki.svg)\n")
    assert problems == [("01-kuvat.md", 11, "pptx-image-unsupported")]  # the picture's own line
    assert pictures_on(presentation, "Kaavio") == []


def test_each_picture_left_out_is_named_at_its_own_line(make_course, tmp_path):
    broken = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><use id="a" href="#a"/></svg>'
    slides = "## Kaksi kaaviota\n\nTeksti.\n\n![Eka](kuvat/eka.svg)\n\n![Toka](kuvat/toka.svg)\n"
    _, problems = picture_deck(make_course, tmp_path, {"kuvat/eka.svg": broken, "kuvat/toka.svg": broken}, slides)
    assert problems == [("01-kuvat.md", 13, "pptx-image-unsupported"), ("01-kuvat.md", 15, "pptx-image-unsupported")]


def test_a_large_photo_is_stored_at_the_size_of_its_box(make_course, tmp_path):
    presentation, problems = picture_deck(make_course, tmp_path, {"kuvat/puisto.png": photo(1800, 1200)},
                                          "## Puisto\n\n![Puisto syksyllä](kuvat/puisto.png)\n")
    assert problems == []
    [picture] = pictures_on(presentation, "Puisto")
    assert picture.image.content_type == "image/jpeg"
    assert Image.open(io.BytesIO(picture.image.blob)).size == (1600, 1067)
    assert abs(picture.width / picture.height - 1.5) < 0.01


def test_parts_named_by_counting_are_the_names_python_pptx_gives(built, tmp_path, monkeypatch):
    """builder.writers.slides.pptx_package names slides and notes pages by counting; python-pptx's own
    naming (a walk of the whole package for each) gives the same deck, byte for byte."""
    from builder.diagnostics import Report
    from builder.writers.slides import pptx_package, write_pptx

    course, made, _ = built
    counted = made["slides-pptx"].read_bytes()
    names = zipfile.ZipFile(io.BytesIO(counted)).namelist()
    assert "ppt/notesSlides/notesSlide2.xml" in names and "ppt/slides/slide2.xml" in names
    monkeypatch.setattr(pptx_package, "_count_part_names", lambda package: None)
    walked = write_pptx(course, tmp_path, {}, Report(course.meta.language))["slides-pptx"].read_bytes()
    assert walked == counted


def test_notes_pages_copied_from_the_first_are_those_python_pptx_clones(built, tmp_path, monkeypatch):
    """builder.writers.slides.pptx copies the first notes page's placeholders to the next pages; python-pptx's
    own cloning from the notes master gives the same deck, byte for byte."""
    from builder.diagnostics import Report
    from builder.writers.slides import pptx as pptx_writer, write_pptx

    course, made, _ = built
    copied = made["slides-pptx"].read_bytes()
    pages = [name for name in zipfile.ZipFile(io.BytesIO(copied)).namelist() if name.startswith("ppt/notesSlides/")]
    assert len(pages) > 2 * 2  # pages and their relationships: more than the first one copied from
    monkeypatch.setattr(pptx_writer._DeckBuilder, "_notes_page", lambda self, slide: slide.notes_slide)
    cloned = write_pptx(course, tmp_path, {}, Report(course.meta.language))["slides-pptx"].read_bytes()
    assert cloned == copied


RICH_SLIDES = chapter(
    "Teksti.\n\n```slides\n# Kaikki tavat\n\n- **Lihava** ja *kursiivi* ja ***molemmat***\n"
    "- Koodi `asetukset > tietoturva` ja [Kyberturvallisuuskeskus](https://www.kyberturvallisuuskeskus.fi)\n"
    "  - Sisempi [**lihava linkki**](https://www.suomi.fi/) ja [sama](https://www.kyberturvallisuuskeskus.fi)\n"
    "\n3. Kolmas\n4. Neljäs\n\n???\n\nPuhujalle **lihava** ja *kursiivi* ja `koodi` ja [linkki](https://www.suomi.fi/).\n```\n"
    "\n```kysymys\nMikä on oikein?\n\n- [x] Tämä, *ehdottomasti*\n- [ ] Tuo\n\nPalaute: **Hyvä.**\n```\n")


def _python_pptx_run(self, paragraph, run, bold, look=None):
    """A run made through python-pptx's run and font properties, one lookup at a time."""
    from pptx.dml.color import RGBColor
    from pptx.enum.lang import MSO_LANGUAGE_ID
    from pptx.util import Emu

    made = paragraph.add_run()
    made.text = run.text
    font = made.font
    if look is not None:
        font.size = Emu(look.centipoints * 127)
    font.bold = True if bold else None
    font.italic = True if run.italic else None
    font.language_id = MSO_LANGUAGE_ID.from_xml(self.language_tag)
    if look is None:
        return
    font.color.rgb = RGBColor.from_string(look.color)
    if run.code:
        font.name = "Courier New"
    if run.link:
        made.hyperlink.address = run.link


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_runs_made_at_once_are_those_python_pptx_makes(make_course, tmp_path, monkeypatch, language):
    """builder.writers.slides.pptx writes each run's properties at once; python-pptx's run and font
    properties give the same deck, byte for byte: bold, italic, code, links (one address twice),
    list levels, numbers, a right answer, and speaker notes."""
    from builder.diagnostics import Report
    from builder.writers.slides import pptx as pptx_writer, write_pptx

    course = course_of(make_course({"course.yml": COURSE_YML.replace("language: fi", f"language: {language}"),
                                    "01-alku.md": RICH_SLIDES}))
    (tmp_path / "at-once").mkdir()
    (tmp_path / "one-by-one").mkdir()
    at_once = write_pptx(course, tmp_path / "at-once", {}, Report(language))["slides-pptx"].read_bytes()
    deck = Presentation(io.BytesIO(at_once))
    runs = [run for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
            for paragraph in shape.text_frame.paragraphs for run in paragraph.runs]
    assert {"Lihava", "kursiivi", "asetukset > tietoturva", "Kyberturvallisuuskeskus", "lihava linkki"} <= {
        run.text.strip() for run in runs}
    assert any(run.hyperlink.address == "https://www.suomi.fi/" and run.font.bold for run in runs)
    assert any(run.font.name == "Courier New" for run in runs)
    monkeypatch.setattr(pptx_writer._DeckBuilder, "_run", _python_pptx_run)
    one_by_one = write_pptx(course, tmp_path / "one-by-one", {}, Report(language))["slides-pptx"].read_bytes()
    assert one_by_one == at_once


def test_the_package_written_once_is_python_pptx_saving_it_with_the_dates_stamped_after(built, tmp_path, monkeypatch):
    """builder.writers.slides.pptx_package.save_reproducibly writes the package once with stamped members;
    python-pptx's own save, its zip then written again with every member stamped, gives the same bytes."""
    from builder.diagnostics import Report
    from builder.writers.slides import pptx as pptx_writer, write_pptx

    def saved_then_stamped(presentation, when):
        saved = io.BytesIO()
        presentation.save(saved)
        stamp = max(when.astimezone(dt.timezone.utc).timetuple()[:6], (1980, 1, 1, 0, 0, 0))
        out = io.BytesIO()
        with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                member = zipfile.ZipInfo(info.filename, date_time=stamp)
                member.compress_type = zipfile.ZIP_DEFLATED
                member.external_attr = 0o644 << 16
                member.create_system = 0
                target.writestr(member, source.read(info.filename))
        return out.getvalue()

    course, made, _ = built
    once = made["slides-pptx"].read_bytes()
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(once)).infolist()} == {
        course.build_time.astimezone(dt.timezone.utc).timetuple()[:6]}
    monkeypatch.setattr(pptx_writer, "save_reproducibly", saved_then_stamped)
    assert write_pptx(course, tmp_path, {}, Report(course.meta.language))["slides-pptx"].read_bytes() == once
