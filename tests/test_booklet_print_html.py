"""Touches to the HTML WeasyPrint renders: lists numbered as written, printed addresses, syllable breaks in table cells."""

from __future__ import annotations

import re
import subprocess

from lxml import html as lxml_html

from builder.pdf.print_html import prepare_for_print, readable_address


def page(body: str) -> str:
    return f"<!DOCTYPE html><html lang=\"fi\"><head><title>t</title></head><body>{body}</body></html>"


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


SERVICES = """<table><thead><tr><th>Palvelu</th><th>Mihin sitä käytetään</th><th>Mistä löytyy</th></tr></thead><tbody>
<tr><td>Verkkopankki</td><td>laskut, tilitapahtumat, e-laskut</td><td>oman pankin sivut tai sovellus</td></tr>
<tr><td>OmaVero</td><td>esitäytetty veroilmoitus, kotitalousvähennys</td><td><a href="https://www.vero.fi/omavero">https://www.vero.fi/omavero</a></td></tr>
<tr><td>Videopuhelut</td><td>puhelut kuvan kanssa</td><td>sovelluskauppa</td></tr></tbody></table>"""

WIDE = """<table><thead><tr><th>Palvelu</th><th>Mitä sillä tehdään</th><th>Kirjautuminen</th><th>Puhelin</th>
<th>Osoite</th></tr></thead><tbody>
<tr><td>OmaKanta</td><td>reseptit, laboratoriotulokset</td><td>pankkitunnukset tai mobiilivarmenne</td>
<td>ei puhelinpalvelua</td><td><a href="https://www.kanta.fi/omakanta">https://www.kanta.fi/omakanta</a></td></tr>
<tr><td>Terveyskylä</td><td>luotettavaa tietoa</td><td>ei kirjautumista</td><td>ei puhelinpalvelua</td>
<td><a href="https://www.terveyskyla.fi">https://www.terveyskyla.fi</a></td></tr></tbody></table>"""


def cells(table) -> list[list[str]]:
    return [[" ".join(cell.text_content().split()) for cell in row] for row in table.iter("tr")]


def test_a_table_whose_words_fit_the_page_keeps_its_columns_and_every_word_whole():
    """Soft hyphens at every syllable let WeasyPrint squeeze columns that had room: 'Verkko-pankki'."""
    for language in ("fi", "sv", "en"):
        html = prepare_for_print(page(SERVICES), language)
        assert "\u00ad" not in html
        [table] = lxml_html.document_fromstring(html).iter("table")
        assert cells(table)[1] == ["Verkkopankki", "laskut, tilitapahtumat, e-laskut", "oman pankin sivut tai sovellus"]


def test_a_qr_code_in_a_cell_counts_with_its_caption_beside_it():
    """A code (builder/pdf/qr_codes.py) stands beside its caption: the column needs both side by side."""
    code = ('<div class="link-qr"><img class="qr-code" alt="QR-koodi: Sovelluskauppa" src="data:," '
            'style="width: 24mm; height: 24mm"><p class="link-qr-text">Sovelluskauppa'
            '<span class="qr-address">www.sovelluskaupanhyvinpitkaosoitejokakatkeaamissavain.example.org</span></p></div>')
    html = prepare_for_print(page(SERVICES.replace("<td>sovelluskauppa</td>", f"<td>sovelluskauppa{code}</td>")), "fi")
    assert lxml_html.document_fromstring(html).find_class("table-by-rows")
    # The address beside a code breaks anywhere, a printed link address too: neither widens a column.
    html = prepare_for_print(page(SERVICES.replace("<td>sovelluskauppa</td>", "<td>sovelluskauppa<span class="
                                                   '"qr-address">www.sovelluskaupanhyvinpitkaosoitejokakatkeaamissavain.example.org'
                                                   "</span></td>")), "fi")
    assert not lxml_html.document_fromstring(html).find_class("table-by-rows")


def test_a_table_too_wide_for_whole_words_is_printed_one_row_at_a_time_headings_beside_the_cells():
    document = lxml_html.document_fromstring(prepare_for_print(page(WIDE + "<p>Sitten.</p>"), "fi"))
    [group] = document.find_class("table-by-rows")
    assert group.getnext().text == "Sitten."
    tables = list(group)
    assert [t.get("class") for t in tables] == ["table-row", "table-row"]
    assert cells(tables[0]) == [["Palvelu", "OmaKanta"], ["Mitä sillä tehdään", "reseptit, laboratoriotulokset"],
                                ["Kirjautuminen", "pankkitunnukset tai mobiilivarmenne"],
                                ["Puhelin", "ei puhelinpalvelua"], ["Osoite", "www.kanta.fi/omakanta"]]
    assert cells(tables[1])[0] == ["Palvelu", "Terveyskylä"]
    for table in tables:
        assert [(th.get("scope"), th.get("style")) for th in table.iter("th")] == [("row", tables[0][0][0][0].get("style"))] * 5
    assert "\u00ad" not in lxml_html.tostring(document, encoding="unicode")


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


def test_a_wide_table_with_nothing_under_its_headings_stays_a_table():
    headings = WIDE[:WIDE.index("<tbody>")] + "<tbody></tbody></table>"
    document = lxml_html.document_fromstring(prepare_for_print(page(headings), "fi"))
    assert [cells(table) for table in document.iter("table")] == [[["Palvelu", "Mitä sillä tehdään", "Kirjautuminen",
                                                                     "Puhelin", "Osoite"]]]
