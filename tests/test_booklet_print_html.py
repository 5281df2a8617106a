"""Touches to the HTML WeasyPrint renders: lists numbered as written, printed addresses, syllable breaks in table cells."""

from __future__ import annotations

import re
import subprocess

from builder.pdf.print_html import finnish_soft_hyphens, prepare_for_print, readable_address


def page(body: str) -> str:
    return f"<!DOCTYPE html><html lang=\"fi\"><head><title>t</title></head><body>{body}</body></html>"


def shown(word: str) -> str:
    return finnish_soft_hyphens(word).replace("\u00ad", "-")


def test_finnish_words_break_before_a_consonant_and_vowel():
    assert shown("pankkitunnukset") == "pank-ki-tun-nuk-set"
    assert shown("kotitalousvähennys") == "ko-ti-ta-lous-vä-hen-nys"
    assert shown("Sovelluskauppa") == "So-vel-lus-kaup-pa"


def test_no_single_letter_is_left_alone():
    assert shown("aloitus") == "aloi-tus"
    assert shown("OmaKanta") == "Oma-Kan-ta"


def test_link_text_gets_its_address_after_it():
    html = prepare_for_print(page('<p>Katso <a href="https://www.suomi.fi/palvelut/">Suomi.fi</a>, sitten.</p>'), "fi")
    assert '<a href="https://www.suomi.fi/palvelut/">Suomi.fi</a><span class="print-address"> (www.suomi.fi/palvelut)</span>, sitten.' in html


def test_a_bare_address_is_printed_once_in_readable_form():
    html = prepare_for_print(page('<p><a href="https://www.kanta.fi/">https://www.kanta.fi/</a></p>'), "fi")
    assert '<a href="https://www.kanta.fi/">www.kanta.fi</a></p>' in html
    assert "print-address" not in html


def test_a_link_to_another_place_in_the_booklet_gets_the_word_for_its_page_number():
    html = prepare_for_print(page('<p>Lue <a href="#chapter-alku">Alku</a>. Katso myös '
                                  '(<a href="#alku--tunnukset">tunnukset</a>).</p>'), "fi")
    assert '<a href="#chapter-alku" data-page-reference="s.">Alku</a>. ' in html  # no printed address either
    assert '<a href="#alku--tunnukset" data-page-reference="s." data-page-reference-in="brackets">' in html
    assert 'data-page-reference="p."' in prepare_for_print(page('<p><a href="#chapter-alku">Alku</a></p>'), "en")


def test_links_that_have_a_page_number_or_need_none_get_no_second_one():
    html = prepare_for_print(page(
        '<nav class="toc"><ol><li><a href="#chapter-alku">Alku</a></li></ol></nav>'
        '<p><a href="#chapter-alku">Alku</a> (s. 12) ja <a href="#chapter-loppu">Loppu</a> sivulla 20, '
        '<a href="#chapter-ohje">ohje sivulla 30</a>.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
        '<div class="footnote"><ol><li id="fn:1"><p>Lähde. <a class="footnote-backref" href="#fnref:1">↩</a></p></li></ol></div>'),
        "fi")
    assert "data-page-reference" not in html


def test_long_words_in_table_cells_get_their_own_span_with_soft_hyphens():
    html = prepare_for_print(page("<table><tr><td>Verkkopankki ja <b>pankkitunnukset</b></td></tr></table>"
                                  "<p>Verkkopankki</p>"), "fi")
    assert "<td><span>Verk\u00adko\u00adpank\u00adki</span> ja <b><span>pank\u00adki\u00adtun\u00adnuk\u00adset</span></b></td>" in html
    assert "<p>Verkkopankki</p>" in html  # body text is not hyphenated


def test_other_languages_keep_their_words_whole():
    html = prepare_for_print(page("<table><tr><td>Internetbanken</td></tr></table>"), "sv")
    assert "\u00ad" not in html


def test_readable_address():
    assert readable_address("mailto:info@example.org") == "info@example.org"
    assert readable_address("http://example.org/") == "example.org"


def test_a_numbered_list_gets_the_counter_reset_that_makes_weasyprint_start_it_where_it_was_written():
    html = prepare_for_print(page('<ol start="3"><li>Kolmas<ol start="7"><li>Sisempi</li></ol></li></ol>'
                                  '<ol><li>Yksi</li></ol><ol start="1"><li>Myös yksi</li></ol>'), "en")
    assert '<ol start="3" style="counter-reset: list-item 2">' in html
    assert '<ol start="7" style="counter-reset: list-item 6">' in html  # nested lists too
    assert html.count("counter-reset") == 2


LISTS_AS_WRITTEN = """\
Ensin johdanto, sitten lista jatkuu.

3. Kolmasvaihe
4. Neljäsvaihe
    7. Seitsemäsali
    8. Kahdeksasali

```slides
## Vaiheet
3. Kolmasdia
4. Neljäsdia
```
"""


def test_every_pdf_numbers_a_list_as_written(tmp_path):
    """WeasyPrint 70 ignores <ol start>: every PDF numbered '3. Kolmas' as 1."""
    from builder.build import build
    from builder.diagnostics import Report
    from conftest import COURSE_YML, chapter, write_course

    course = write_course(tmp_path / "course", {
        "course.yml": COURSE_YML + "booklet:\n  large_print: true\n",
        "01-alku.md": chapter(LISTS_AS_WRITTEN)})
    report = Report()
    result = build(course, tmp_path / "out", report, only=["booklet", "booklet-a4", "booklet-large", "slides-pdf"])
    assert result.ok, [str(d) for d in report]
    for pdf in sorted((tmp_path / "out").glob("*.pdf")):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        numbered = {word: number for number, word in re.findall(r"(\d+)\.\s+([A-ZÄÖ]\w+(?:vaihe|ali|dia))\b", text)}
        expected = {"Kolmasdia": "3", "Neljäsdia": "4"} if "slides" in pdf.name else {
            "Kolmasvaihe": "3", "Neljäsvaihe": "4", "Seitsemäsali": "7", "Kahdeksasali": "8"}
        assert numbered == expected, pdf.name


KEY_QUESTIONS = """\
Kokeile, mitä muistat.

```kysymys
Mihin tunnukset kuuluvat?
- [ ] Lompakkoon korttien viereen
  > VÄÄRÄN VAIHTOEHDON PALAUTE
- [x] Vain omaan muistiin
  > OIKEAN VAIHTOEHDON PALAUTE
Palaute: Tunnukset ovat henkilökohtaiset.
```

```kysymys
Mitkä ovat huijauksen merkkejä? Valitse kaikki oikeat.
- [x] Kiire
- [x] Outo linkki
- [ ] Tuttu lähettäjä
  > TUTUN LÄHETTÄJÄN PALAUTE
Palaute: Kiire ja outo linkki ovat tavallisimmat merkit.
```

```kysymys
Salasanan saa kertoa opastajalle.
- [ ] Tosi
- [x] Epätosi
  > Salasana on vain omistajansa.
```
"""


def answer_key(html: str) -> list[list[str]]:
    """Each answer in the key as the lines a reader sees: question, right answers, feedback."""
    from lxml import html as lxml_html

    key = lxml_html.document_fromstring(html).get_element_by_id("answer-key")
    return [[" ".join(part.text_content().split()) for part in item.xpath(
        "./div[@class='question-text'] | .//ul[@class='answer-options']/li | ./div[@class='general-feedback']")]
        for item in key.find_class("answer")]


def test_the_printed_answer_key_gives_the_right_answers_and_one_feedback_the_web_page_every_option(make_course):
    from builder.pdf.render import asset_url
    from builder.writers.booklet.html import booklet_html
    from conftest import chapter, course_of

    course = course_of(make_course({"01-alku.md": chapter(KEY_QUESTIONS, title="Alku")}))
    assert answer_key(booklet_html(course, "print", asset_url)) == [
        ["Mihin tunnukset kuuluvat?", "✔ Oikein: Vain omaan muistiin", "Palaute: Tunnukset ovat henkilökohtaiset."],
        ["Mitkä ovat huijauksen merkkejä? Valitse kaikki oikeat.", "✔ Oikein: Kiire", "✔ Oikein: Outo linkki",
         "Palaute: Kiire ja outo linkki ovat tavallisimmat merkit."],
        # No feedback of its own: the right answer's feedback is the question's.
        ["Salasanan saa kertoa opastajalle.", "✔ Oikein: Epätosi", "Palaute: Salasana on vain omistajansa."],
    ]
    web = answer_key(booklet_html(course, "screen", asset_url))
    assert [len(item) for item in web] == [4, 5, 3]  # the web page keeps every option with its feedback
    assert web[0][1].startswith("✘ Lompakkoon korttien viereen") and web[0][1].endswith("VÄÄRÄN VAIHTOEHDON PALAUTE")
    assert web[0][3] == "Tunnukset ovat henkilökohtaiset."
