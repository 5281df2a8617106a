"""The HTML booklet: one self-contained page a reader can open, with working links and embedded images."""

from __future__ import annotations

import base64

import pytest
from lxml import html as lxml_html

from builder.diagnostics import Report
from builder.writers.booklet import html as html_booklet

from conftest import COURSE_YML, chapter, course_of, photo, png

QUESTION = "```kysymys\nSaako tunnukset kirjoittaa muistiin?\n- [ ] Kyllä\n  > Ei saa.\n- [x] Ei\nPalaute: Ne ovat henkilökohtaiset.\n```\n"


def booklet(course_dir, tmp_path):
    """Write the booklet of ``course_dir``; returns (path, text, parsed document)."""
    course = course_of(course_dir)
    staging = tmp_path / "staging"
    staging.mkdir(parents=True, exist_ok=True)
    report = Report()
    products = html_booklet.write(course, staging, {}, report)
    assert list(report) == []
    path = products["booklet-html"]
    text = path.read_text(encoding="utf-8")
    return path, text, lxml_html.document_fromstring(text)


@pytest.fixture
def sample(make_course):
    return make_course({
        "course.yml": COURSE_YML.replace("Testikurssi", "Tieto & <turva>") + "subtitle: Opas\n"
                      "introduction: Tervetuloa kurssille.\nlogo: logo.png\n",
        "01-alku.md": chapter("## Hyvä salasana\n\nKatso [toinen luku](02-ohje.md#lopuksi) ja [tämä](#hyva-salasana).\n\n"
                              '![Tabletti pöydällä](<kuvat/pää kuva.png> "Kuva 1")\n\n'
                              "!!! vinkki\n    Vaihda salasana.\n\nVäite[^1].\n\n[^1]: Lähde.\n\n"
                              "```slides\n## Dia\n- kohta\n\nMuistiinpanot:\nSALAINEN PUHUJAN MUISTIINPANO\n```\n\n"
                              + QUESTION, title="Alku"),
        "02-ohje.md": "---\ntitle: Pikaohje\nsummary: Lyhyt ohje.\nkind: guide\n---\n\n## Lopuksi\n\n[Alkuun](01-alku.md)\n",
        "kuvat/pää kuva.png": png(8, 4),
        "logo.png": png(2, 2, (0, 0, 255)),
    })


def test_the_booklet_is_named_after_the_course_and_in_its_language(sample, tmp_path):
    path, _, doc = booklet(sample, tmp_path)
    assert path.name == "testikurssi.html"
    assert doc.get("lang") == "fi"
    assert doc.findtext(".//title") == "Tieto & <turva>: Opas"


def test_the_cover_logo_reads_what_it_shows_the_title_unless_course_yml_says(sample, make_course, tmp_path):
    _, _, doc = booklet(sample, tmp_path / "oletus")
    [logo] = doc.xpath("//img[@class='cover-logo']")
    assert logo.get("alt") == "Tieto & <turva>"  # the course title, not the organisation's name
    named = make_course({"course.yml": COURSE_YML + "logo: logo.png\nlogo_alt: Socomin logo\n",
                         "logo.png": png(2, 2, (0, 0, 255))}, name="toinen")
    _, _, doc = booklet(named, tmp_path / "asetettu")
    assert [img.get("alt") for img in doc.xpath("//img[@class='cover-logo']")] == ["Socomin logo"]


def test_chapters_appear_in_order_with_number_label_and_summary(sample, tmp_path):
    _, _, doc = booklet(sample, tmp_path)
    headers = [(s.findtext(".//p[@class='chapter-number']"), s.findtext(".//h1"), s.findtext(".//p[@class='chapter-summary']"))
               for s in doc.xpath("//section[contains(@class, 'chapter ')]")]
    assert headers == [("Luku 1", "Alku", "Tiivistelmä."), ("Ohje 2", "Pikaohje", "Lyhyt ohje.")]


def test_every_internal_link_leads_somewhere(sample, tmp_path):
    _, text, doc = booklet(sample, tmp_path)
    ids = set(doc.xpath("//@id"))
    targets = [href[1:] for href in doc.xpath("//a/@href") if href.startswith("#")]
    assert targets and [t for t in targets if t not in ids] == []
    assert "chapter:" not in text and "asset:" not in text


def test_footnotes_of_every_chapter_link_to_their_own_chapters_note_and_back(make_course, tmp_path):
    note = "Väite[^1] ja toinen[^2].\n\n[^1]: {0} yksi.\n[^2]: {0} kaksi.\n"
    _, _, doc = booklet(make_course({"01-alku.md": chapter(note.format("Alun")), "02-loppu.md": chapter(note.format("Lopun"))}),
                        tmp_path)
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))  # each chapter numbers its notes from 1: the ids must still differ
    links = {a.get("href"): a for a in doc.xpath("//a[starts-with(@href, '#')]")}
    landing = {href: doc.get_element_by_id(href[1:]).text_content().strip() for href in links if "fn:" in href}
    assert sorted(text.split()[0] + " " + text.split()[1] for text in landing.values()) == [
        "Alun kaksi.", "Alun yksi.", "Lopun kaksi.", "Lopun yksi."]
    backs = [href for href in links if "fnref" in href]
    assert len(backs) == 4 and all(doc.get_element_by_id(href[1:]).tag == "sup" for href in backs)


def test_chapter_and_heading_links_point_at_the_right_place(sample, tmp_path):
    _, _, doc = booklet(sample, tmp_path)
    links = {a.text_content(): a.get("href") for a in doc.xpath("//section[@id='chapter-alku']//a")}
    assert links["toinen luku"] == "#ohje--lopuksi"
    assert links["tämä"] == "#alku--hyva-salasana"
    assert doc.xpath("//*[@id='ohje--lopuksi']")[0].text_content() == "Lopuksi"
    back = doc.xpath("//section[@id='chapter-ohje']//a")[0]
    assert back.get("href") == "#chapter-alku"


def test_links_and_images_in_the_introduction_work_in_the_booklet(make_course, tmp_path):
    course_dir = make_course({
        "course.yml": COURSE_YML + "introduction: Aloita [ensimmäisestä luvusta](01-alku.md). ![Logo](logo.png)\n",
        "logo.png": png(),
    })
    _, text, doc = booklet(course_dir, tmp_path)
    foreword = doc.xpath("//section[@id='foreword']")[0]
    assert foreword.xpath(".//a/@href") == ["#chapter-alku"]
    assert foreword.xpath(".//img/@src")[0].startswith("data:image/png;base64,")
    assert "chapter:" not in text and "asset:" not in text


def test_contents_list_every_chapter(sample, tmp_path):
    _, _, doc = booklet(sample, tmp_path)
    entries = [(a.get("href"), " ".join(a.text_content().split())) for a in doc.xpath("//nav[@id='contents']//a")]
    assert ("#chapter-alku", "1. Alku") in entries
    assert ("#chapter-ohje", "2. Pikaohje") in entries
    assert entries[0][0] == "#foreword"


def test_images_are_embedded_even_with_scandinavian_letters_and_spaces_in_their_names(sample, tmp_path):
    _, _, doc = booklet(sample, tmp_path)
    [figure] = doc.xpath("//section[@id='chapter-alku']//figure")
    img = figure.find("img")
    assert img.get("alt") == "Tabletti pöydällä"
    assert img.get("src") == "data:image/png;base64," + base64.b64encode(png(8, 4)).decode("ascii")
    assert figure.findtext("figcaption") == "Kuva 1"
    logo = doc.xpath("//img[@class='cover-logo']")[0]
    assert logo.get("src").startswith("data:image/png;base64,")


def test_callouts_and_footnotes_are_shown(sample, tmp_path):
    _, _, doc = booklet(sample, tmp_path)
    callout = doc.xpath("//div[contains(@class, 'callout-tip')]")[0]
    assert callout.findtext("p[@class='callout-title']") == "Vinkki"
    assert "Lähde." in doc.xpath("//div[@class='footnote']")[0].text_content()


def test_speaker_notes_and_slides_stay_out_of_the_booklet(sample, tmp_path):
    _, text, _ = booklet(sample, tmp_path)
    assert "SALAINEN PUHUJAN MUISTIINPANO" not in text


def test_questions_in_the_chapter_answers_only_in_the_answer_key(sample, tmp_path):
    _, _, doc = booklet(sample, tmp_path)
    [question] = doc.xpath("//section[@id='chapter-alku']//li[contains(@class, 'question')]")
    assert "Saako tunnukset" in question.text_content()
    assert "Ei saa." not in question.text_content() and "correct" not in lxml_html.tostring(question, encoding="unicode")
    key = doc.xpath("//section[@id='answer-key']")[0]
    assert [" ".join(li.text_content().split()) for li in key.xpath(".//li[@class='correct']")] == ["✔ Oikein: Ei"]
    assert "Ei saa." in key.text_content() and "Ne ovat henkilökohtaiset." in key.text_content()


def test_no_answer_key_without_questions(make_course, tmp_path):
    _, _, doc = booklet(make_course(), tmp_path)
    assert doc.xpath("//*[@id='answer-key']") == []
    assert doc.xpath("//*[@id='foreword']") == []


def test_colophon_and_cover_show_the_edition_date_as_the_language_writes_it(make_course, tmp_path):
    _, _, fi = booklet(make_course(name="fi"), tmp_path / "fi")
    assert "1. painos, 15.1.2026" in fi.xpath("//section[@id='colophon']")[0].text_content()
    english = COURSE_YML.replace("language: fi", "language: en")
    _, _, en = booklet(make_course({"course.yml": english}, name="en"), tmp_path / "en")
    assert "1. painos, 2026-01-15" in en.xpath("//section[@id='colophon']")[0].text_content()
    assert "Tessa Testaaja" in en.xpath("//section[@id='colophon']")[0].text_content()


def test_a_theme_css_beside_the_course_replaces_the_package_css(make_course, tmp_path):
    theme = tmp_path / "assets" / "theme" / "booklet"
    theme.mkdir(parents=True)
    (theme / "booklet.css").write_text("body { color: rebeccapurple; }", encoding="utf-8")
    _, _, doc = booklet(make_course(), tmp_path)
    assert "rebeccapurple" in doc.findtext(".//style")


def test_the_same_course_gives_the_same_bytes(sample, tmp_path):
    first = booklet(sample, tmp_path / "a")[0].read_bytes()
    second = booklet(sample, tmp_path / "b")[0].read_bytes()
    assert first == second


def test_a_large_photo_is_embedded_column_sized_as_a_jpeg(make_course, tmp_path):
    course_dir = make_course({
        "01-alku.md": chapter("![Puisto syksyllä](kuvat/puisto.png)\n"),
        "kuvat/puisto.png": photo(1800, 1200),
    })
    path, _, doc = booklet(course_dir, tmp_path)
    [img] = doc.xpath("//section[@id='chapter-alku']//img")
    assert img.get("src").startswith("data:image/jpeg;base64,")
    assert (img.get("alt"), img.get("width"), img.get("height")) == ("Puisto syksyllä", "1600", "1067")
    assert path.stat().st_size < 1_000_000  # the PNG alone is 4 MB
