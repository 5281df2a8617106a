"""Paper-only touches to the booklet HTML: printed addresses and syllable breaks in table cells."""

from __future__ import annotations

from builder.print_html import finnish_soft_hyphens, prepare_for_print, readable_address


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


def test_internal_links_are_left_alone():
    source = page('<p><a href="#chapter-alku">Alku</a></p>')
    assert prepare_for_print(source, "en") == source


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
