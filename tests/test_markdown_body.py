"""Chapter bodies: Markdown to the model's sanitised HTML, with asset:/chapter: URLs and exact lines."""

from __future__ import annotations

import pytest

from conftest import COURSE_YML, chapter, course_of, diagnostics_of, png, read


def assert_renders(make_course, markdown: str, expected_html: str, language: str = "fi", **files) -> None:
    """The chapter body written as ``markdown`` becomes exactly ``expected_html``, without diagnostics."""
    course_yml = COURSE_YML.replace("language: fi", f"language: {language}")
    course = course_of(make_course({"course.yml": course_yml, "01-luku.md": chapter(markdown), **files}))
    assert course.chapters[0].body_html == expected_html


def problems_in(make_course, markdown: str, **files) -> list[tuple[int, str]]:
    """(line, code) of each diagnostic for a chapter whose body (``markdown``) starts on line 6."""
    found = diagnostics_of(make_course({"01-luku.md": chapter(markdown), **files}))
    assert {path for path, _, _ in found} <= {"01-luku.md"}
    return [(line, code) for _, line, code in found]


# --- headings and anchors ----------------------------------------------------------------------


def test_heading_anchors_are_prefixed_with_the_chapter_id(make_course):
    assert_renders(make_course, "## Hyvä salasana\n\n### Åland ja öljy\n\n## Oma {#oma-ankkuri}\n",
                   '<h2 id="luku--hyva-salasana">Hyvä salasana</h2>\n'
                   '<h3 id="luku--aland-ja-oljy">Åland ja öljy</h3>\n'
                   '<h2 id="luku--oma-ankkuri">Oma</h2>')


def test_headings_are_listed_with_level_anchor_title_and_line(make_course):
    text = "Salasana kannattaa vaihtaa.\n\n## Salasana\n\n### Hyvä **salasana**\n\nAlaotsikko\n----------\n\n## Salasana\n"
    course = course_of(make_course({"01-luku.md": chapter(text)}))
    assert [(h.level, h.anchor, h.title, h.pos.line) for h in course.chapters[0].headings] == [
        (2, "salasana", "Salasana", 8),  # not line 6, where the same word opens a paragraph
        (3, "hyva-salasana", "Hyvä salasana", 10),  # markup in the heading
        (2, "alaotsikko", "Alaotsikko", 12),  # underlined heading
        (2, "salasana_1", "Salasana", 15),  # the same title again
    ]


def test_duplicate_own_anchor_is_a_warning_at_the_second_heading(make_course):
    text = "## Alku {#sama}\n\nTekstiä.\n\n## Loppu {#sama}\n"
    assert problems_in(make_course, text) == [(10, "heading-anchor-duplicate")]


def test_blocks_know_the_line_they_start_on(make_course):
    text = ("Salasana on tärkeä.\n\n## Salasana\n\n- **Pitkä** salasana\n- toinen\n\n"
            "![Kuva](kuva.png)\n\n!!! tip\n    Vinkki.\n\n[Suomi.fi](https://www.suomi.fi) on palvelu.\n")
    course = course_of(make_course({"01-luku.md": chapter(text), "kuva.png": png()}))
    assert [(b.tag, b.pos.line) for b in course.chapters[0].blocks] == [
        ("p", 6), ("h2", 8), ("ul", 10), ("figure", 13), ("div", 15), ("p", 18)]


# --- images ------------------------------------------------------------------------------------


def test_an_image_alone_becomes_a_figure_with_its_title_as_caption(make_course):
    assert_renders(make_course, '![Tabletti pöydällä](kuva.png "Kuva 1. Tabletti")\n',
                   '<figure><img alt="Tabletti pöydällä" src="asset:kuva.png" width="4" height="3">'
                   '<figcaption>Kuva 1. Tabletti</figcaption></figure>',
                   **{"kuva.png": png()})


def test_an_image_without_title_is_a_figure_without_caption(make_course):
    assert_renders(make_course, "![Tabletti](kuva.png)\n",
                   '<figure><img alt="Tabletti" src="asset:kuva.png" width="4" height="3"></figure>',
                   **{"kuva.png": png()})


def test_an_image_inside_text_stays_inline_and_keeps_its_title(make_course):
    assert_renders(make_course, 'Paina ![kuvake](kuva.png "Jaa") nappia.\n',
                   '<p>Paina <img alt="kuvake" src="asset:kuva.png" width="4" height="3" title="Jaa"> nappia.</p>',
                   **{"kuva.png": png()})


def test_image_without_alt_text(make_course):
    assert problems_in(make_course, "Teksti.\n\n![](kuva.png)\n", **{"kuva.png": png()}) == [
        (8, "image-alt-missing")]


def test_alt_text_of_spaces_is_no_alt_text(make_course):
    assert problems_in(make_course, "![  ](kuva.png)\n", **{"kuva.png": png()}) == [(6, "image-alt-missing")]


def test_the_same_missing_image_twice_is_reported_at_each_line(make_course):
    text = "![](puuttuu.png)\n\nVäliä.\n\n![Kuvaus](puuttuu.png)\n"
    assert problems_in(make_course, text) == [
        (6, "image-alt-missing"), (6, "image-missing"), (10, "image-missing")]


def test_images_in_a_callout_and_a_table_are_found(make_course):
    text = "!!! vinkki\n    ![Kuvaus](a.png)\n\n| Kuva |\n|---|\n| ![](b.png) |\n"
    assert problems_in(make_course, text) == [(7, "image-missing"), (11, "image-alt-missing"), (11, "image-missing")]


def test_reference_style_image_is_reported_where_it_is_defined(make_course):
    assert problems_in(make_course, "![Kuvaus][kuva]\n\n[kuva]: puuttuu.png\n") == [(8, "image-missing")]


# --- lists typed as in a word processor ---------------------------------------------------------


@pytest.mark.parametrize("items, tag", [("- yksi\n- kaksi", "ul"), ("* yksi\n* kaksi", "ul"), ("+ yksi\n+ kaksi", "ul"),
                                        ("1. yksi\n2. kaksi", "ol")])
def test_a_list_right_under_a_paragraph_line_is_a_list(make_course, items, tag):
    assert_renders(make_course, f"Ota mukaan:\n{items}\n",
                   f"<p>Ota mukaan:</p>\n<{tag}>\n<li>yksi</li>\n<li>kaksi</li>\n</{tag}>")


def test_a_list_under_a_paragraph_keeps_the_lines_of_its_blocks(make_course):
    course = course_of(make_course({"01-luku.md": chapter("Alku.\n\nOta mukaan\npuhelin ja:\n- laturi\n- kortti\n")}))
    assert [(b.tag, b.pos.line) for b in course.chapters[0].blocks] == [("p", 6), ("p", 8), ("ul", 10)]


def test_a_list_under_a_paragraph_inside_a_callout_is_a_list(make_course):
    assert_renders(make_course, "!!! vinkki\n    Muista:\n    - laturi\n",
                   '<div class="callout callout-tip" role="note">\n<p class="callout-title">Vinkki</p>\n'
                   "<p>Muista:</p>\n<ul>\n<li>laturi</li>\n</ul>\n</div>")


NESTED = "<ul>\n<li>laite<ul>\n<li>puhelin</li>\n<li>tabletti</li>\n</ul>\n</li>\n<li>laturi</li>\n</ul>"


@pytest.mark.parametrize("spaces", [2, 3, 4])
def test_a_sub_list_indented_by_two_or_more_spaces_nests(make_course, spaces):
    indent = " " * spaces
    assert_renders(make_course, f"- laite\n{indent}- puhelin\n{indent}- tabletti\n- laturi\n", NESTED)


def test_a_sub_list_nests_under_a_numbered_item_three_levels_deep(make_course):
    assert_renders(make_course, "1. Avaa:\n  - asetukset\n    - näyttö\n  - ääni\n2. Sulje.\n",
                   "<ol>\n<li>Avaa:<ul>\n<li>asetukset<ul>\n<li>näyttö</li>\n</ul>\n</li>\n<li>ääni</li>\n</ul>\n</li>\n"
                   "<li>Sulje.</li>\n</ol>")


def test_a_sub_list_nests_under_a_paragraph_line_and_in_a_callout(make_course):
    assert_renders(make_course, "Ota mukaan:\n- laite\n  - puhelin\n  - tabletti\n- laturi\n",
                   "<p>Ota mukaan:</p>\n" + NESTED)
    assert_renders(make_course, "!!! vinkki\n  - laite\n    - puhelin\n    - tabletti\n  - laturi\n",
                   '<div class="callout callout-tip" role="note">\n<p class="callout-title">Vinkki</p>\n'
                   + NESTED + "\n</div>")


def test_a_list_in_a_code_block_keeps_its_indentation(make_course):
    assert_renders(make_course, "Esimerkki:\n\n```\n- laite\n  - puhelin\n```\n",
                   "<p>Esimerkki:</p>\n<pre><code>- laite\n  - puhelin\n</code></pre>")
    # An indented code block too, with its warning (code-block-indented: rarely meant in a course).
    course, report = read(make_course({"01-luku.md": chapter("Esimerkki:\n\n    - laite\n      - puhelin\n")}))
    assert [(d.line, d.code) for d in report] == [(8, "code-block-indented")]
    assert course.chapters[0].body_html == "<p>Esimerkki:</p>\n<pre><code>- laite\n  - puhelin\n</code></pre>"


def test_a_problem_in_a_nested_item_is_reported_on_its_line(make_course):
    text = "- laite\n  - ![Puhelin](puuttuu.png)\n  - [luku](09-ei.md)\n"
    assert problems_in(make_course, text) == [(7, "image-missing"), (8, "link-chapter-missing")]


def test_a_sub_list_nests_in_a_slide_and_a_question(make_course):
    list_text = "- laite\n  - puhelin\n  - tabletti\n- laturi"
    body = (f"Teksti.\n\n```slides\n## Dia\n{list_text}\n\nMuistiinpanot:\n{list_text}\n```\n\n"
            f"```kysymys\nMitä tarvitaan?\n\n{list_text}\n\n- [x] Kaikki.\n- [ ] Ei mitään.\n```\n")
    chapter_read = course_of(make_course({"01-luku.md": chapter(body)})).chapters[0]
    assert chapter_read.slides[0].body_html == chapter_read.slides[0].notes_html == NESTED
    assert chapter_read.questions[0].text_html == "<p>Mitä tarvitaan?</p>\n" + NESTED


@pytest.mark.parametrize("text", ["Vuonna\n2024. alkaen kaikki muuttui.", "Hinta on\n-5 astetta ja *tärkeä*\n*kohta*."])
def test_a_wrapped_sentence_is_not_taken_for_a_list(make_course, text):
    assert_renders(make_course, text + "\n", f"<p>{text}</p>".replace("*tärkeä*\n*kohta*", "<em>tärkeä</em>\n<em>kohta</em>"))


@pytest.mark.parametrize("mark", ["–", "—", "•"])
def test_lines_starting_with_a_pasted_dash_or_bullet_warn_at_the_first(make_course, mark):
    text = f"Teksti.\n\nOta mukaan:\n{mark} laturi\n{mark} kortti\n"
    assert problems_in(make_course, text) == [(9, "list-bullet-pasted")]


def test_the_pasted_mark_is_named_in_the_course_language(make_course):
    course_dir = make_course({"01-luku.md": chapter("Ota mukaan:\n– laturi\n– kortti\n")})
    assert [d.message for d in read(course_dir)[1]][0].startswith("Rivi alkaa ajatusviivalla (–)")


@pytest.mark.parametrize("text", ["– Hei, sanoi hän.\n\nHän lähti.\n", "Teksti\n\n```\n• a\n• b\n```\n"])
def test_one_dash_line_of_dialogue_or_bullets_in_code_are_not_a_list(make_course, text):
    assert problems_in(make_course, text) == []


# --- callouts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, kind, css, title",
    [
        ("fi", "vinkki", "callout-tip", "Vinkki"),
        ("fi", "varoitus", "callout-warning", "Varoitus"),
        ("fi", "huomio", "callout-note", "Huomio"),
        ("fi", "tip", "callout-tip", "Vinkki"),
        ("sv", "tip", "callout-tip", "Tips"),
        ("sv", "varning", "callout-warning", "Varning"),
        ("sv", "obs", "callout-note", "Obs"),
        ("en", "warning", "callout-warning", "Warning"),
        ("en", "note", "callout-note", "Note"),
    ],
)
def test_callout_class_and_default_title_follow_the_course_language(make_course, language, kind, css, title):
    assert_renders(make_course, f"!!! {kind}\n    Tärkeä asia.\n",
                   f'<div class="callout {css}" role="note">\n<p class="callout-title">{title}</p>\n'
                   f'<p>Tärkeä asia.</p>\n</div>', language=language)


def test_a_callout_keeps_its_own_title(make_course):
    assert_renders(make_course, '!!! varoitus "Älä jaa tunnuksia"\n    Koskaan.\n',
                   '<div class="callout callout-warning" role="note">\n'
                   '<p class="callout-title">Älä jaa tunnuksia</p>\n<p>Koskaan.</p>\n</div>')


@pytest.mark.parametrize("spaces", [1, 2, 3])
def test_callout_text_indented_less_than_four_spaces_is_the_callouts_text(make_course, spaces):
    pad = " " * spaces
    assert_renders(make_course, f"!!! vinkki\n{pad}Ensin tämä.\n{pad}Sama kappale.\n\n{pad}- kohta\n\nJälkeen.\n",
                   '<div class="callout callout-tip" role="note">\n<p class="callout-title">Vinkki</p>\n'
                   "<p>Ensin tämä.\nSama kappale.</p>\n<ul>\n<li>kohta</li>\n</ul>\n</div>\n<p>Jälkeen.</p>")


def test_a_callout_indented_by_two_keeps_the_lines_of_what_follows(make_course):
    text = "!!! huomio\n  Tärkeä.\n\nSeuraava kappale.\n\n![Kuva](puuttuu.png)\n"
    assert problems_in(make_course, text) == [(11, "image-missing")]
    course = course_of(make_course({"01-luku.md": chapter(text.replace("puuttuu", "kuva")), "kuva.png": png()}))
    assert [(b.tag, b.pos.line) for b in course.chapters[0].blocks] == [("div", 6), ("p", 9), ("figure", 11)]


def test_unknown_callout_kind(make_course):
    assert problems_in(make_course, "Teksti.\n\n!!! vinki\n    Kirjoitusvirhe.\n") == [(8, "callout-kind-unknown")]


# --- links -------------------------------------------------------------------------------------


def test_links_to_chapters_and_headings_become_chapter_urls(make_course):
    files = {
        "01-luku.md": chapter("[Toinen](02-toinen.md), [kohta](02-toinen.md#hyva-salasana), "
                              "[tässä](#alku) ja [./](./02-toinen.md).\n\n## Alku\n"),
        "02-toinen.md": chapter("## Hyvä salasana\n"),
    }
    course = course_of(make_course(files))
    assert course.chapters[0].blocks[0].html == (
        '<p><a href="chapter:toinen">Toinen</a>, <a href="chapter:toinen#hyva-salasana">kohta</a>, '
        '<a href="chapter:luku#alku">tässä</a> ja <a href="chapter:toinen">./</a>.</p>')


def test_a_link_uses_the_chapter_id_from_front_matter(make_course):
    files = {
        "01-luku.md": chapter("[Toinen](02-toinen.md)\n"),
        "02-toinen.md": "---\ntitle: T\nsummary: S\nid: oma-tunnus\n---\n\nTeksti.\n",
    }
    assert 'href="chapter:oma-tunnus"' in course_of(make_course(files)).chapters[0].body_html


def test_external_links_stay_as_written(make_course):
    assert_renders(make_course, "<https://www.suomi.fi> ja [posti](mailto:info@example.org)\n",
                   '<p><a href="https://www.suomi.fi">https://www.suomi.fi</a> ja '
                   '<a href="mailto:info@example.org">posti</a></p>')


def test_link_to_a_missing_chapter(make_course):
    assert problems_in(make_course, "Katso\n[luku 3](03-puuttuu.md).\n") == [(7, "link-chapter-missing")]


def test_link_to_a_missing_heading_in_another_chapter(make_course):
    files = {"01-luku.md": chapter("Teksti.\n\n[Salasanat](02-toinen.md#salasana)\n"),
             "02-toinen.md": chapter("## Hyvä salasana\n")}
    assert diagnostics_of(make_course(files)) == [("01-luku.md", 8, "link-anchor-missing")]


def test_link_to_a_missing_heading_in_the_same_chapter(make_course):
    assert problems_in(make_course, "## Alku\n\n[Loppuun](#loppu)\n") == [(8, "link-anchor-missing")]


@pytest.mark.parametrize("link", ["02-toinen.md#kun-asiakas-pyytää-apua", "02-toinen.md#Kun-Asiakas-Pyytaa-Apua",
                                  "<02-toinen.md#Kun asiakas pyytää apua>", "02-toinen.md#Kun%20asiakas%20pyyt%C3%A4%C3%A4%20apua"])
def test_a_heading_anchor_typed_as_the_heading_reads_lands_on_the_heading(make_course, link):
    files = {"01-luku.md": chapter(f"Katso [ohje]({link}).\n"), "02-toinen.md": chapter("## Kun asiakas pyytää apua\n")}
    course = course_of(make_course(files))
    assert course.chapters[0].body_html == '<p>Katso <a href="chapter:toinen#kun-asiakas-pyytaa-apua">ohje</a>.</p>'


def test_an_own_anchor_with_capitals_is_read_by_the_same_rule(make_course):
    course = course_of(make_course({"01-luku.md": chapter("[Alas](#Oma_Kohta)\n\n## Loppu {#Oma_Kohta}\n")}))
    assert course.chapters[0].body_html == ('<p><a href="chapter:luku#oma_kohta">Alas</a></p>\n'
                                            '<h2 id="luku--oma_kohta">Loppu</h2>')


def test_a_missing_heading_anchor_names_the_nearest_one(make_course):
    files = {"01-luku.md": chapter("[Apua](02-toinen.md#kun-asiakas-pyytaa)\n"),
             "02-toinen.md": chapter("## Alku\n\n## Kun asiakas pyytää apua\n")}
    [diagnostic] = read(make_course(files))[1]
    assert (diagnostic.line, diagnostic.code) == (6, "link-anchor-missing")
    assert diagnostic.message == ("Linkki vie otsikkoon '#kun-asiakas-pyytaa' tiedostossa 02-toinen.md, mutta luvussa "
                                  "ei ole sellaista otsikkoa. Tarkoititko '#kun-asiakas-pyytaa-apua'?")


def test_a_missing_heading_anchor_far_from_any_names_none(make_course):
    [diagnostic] = read(make_course({"01-luku.md": chapter("## Alku\n\n[Loppuun](#yhteystiedot)\n")}))[1]
    assert diagnostic.message.endswith("ei ole sellaista otsikkoa.")


@pytest.mark.parametrize("written, meant", [("03-tietoturv.md", "03-tietoturva.md"), ("04-tietoturva.md", "03-tietoturva.md"),
                                            ("03-Tietoturva.MD", "03-tietoturva.md")])
def test_a_misspelt_chapter_link_names_the_nearest_chapter_file(make_course, written, meant):
    files = {"01-luku.md": chapter(f"[Turva]({written})\n"), "02-alku.md": chapter("Alku.\n"),
             "03-tietoturva.md": chapter("Turva.\n")}
    [diagnostic] = read(make_course(files))[1]
    assert diagnostic.code == "link-chapter-missing"
    assert diagnostic.message.endswith(f"lukutiedostoa ei ole. Tarkoititko '{meant}'?")


def test_a_chapter_link_far_from_every_file_names_none(make_course):
    [diagnostic] = read(make_course({"01-luku.md": chapter("[Loppu](09-yhteystiedot.md)\n")}))[1]
    assert diagnostic.message.endswith("lukutiedostoa ei ole.")


def test_the_same_link_twice_is_reported_at_each_line(make_course):
    text = "[a](03-ei.md#x) ja\n\n[b](03-ei.md)\n\n[c](03-ei.md)\n"
    assert problems_in(make_course, text) == [
        (6, "link-chapter-missing"), (8, "link-chapter-missing"), (10, "link-chapter-missing")]


@pytest.mark.parametrize("target", ["liite.pdf", "kuvat/kuva.png", "file:///C:/liite.docx", "C:\\liitteet\\ohje.docx",
                                    "ohje.fi.pdf"])
def test_link_to_something_that_is_not_a_chapter(make_course, target):
    assert problems_in(make_course, f"Teksti.\n\n[Liite]({target})\n") == [(8, "link-file-unsupported")]


@pytest.mark.parametrize("target", ["www.digituki.fi", "digituki.fi/opas", "WWW.Suomi.FI/palvelut?x=1", "kela.fi"])
def test_a_web_address_without_https_is_named_as_one(make_course, target):
    course_dir = make_course({"01-luku.md": chapter(f"Teksti.\n\n[Digituki]({target})\n")})
    [diagnostic] = read(course_dir)[1]
    assert (diagnostic.line, diagnostic.code) == (8, "link-web-address-incomplete")
    assert diagnostic.message.endswith(f"kirjoita https://{target}.")


def test_link_to_a_chapter_outside_the_course(make_course):
    assert problems_in(make_course, "[Muu](../muu/01-x.md)\n") == [(6, "path-outside-course")]


def test_no_link_error_for_a_chapter_that_has_errors_of_its_own(make_course):
    files = {"01-luku.md": chapter("[Toinen](02-rikki.md)\n"), "02-rikki.md": "---\ntitle: Ei tiivistelmää\n---\n\nx\n"}
    assert diagnostics_of(make_course(files)) == [("02-rikki.md", 1, "key-missing")]


def test_footnotes_link_within_the_chapter(make_course):
    course = course_of(make_course({"01-luku.md": chapter("Väite[^1].\n\n[^1]: Lähde.\n")}))
    html = course.chapters[0].body_html
    assert 'href="chapter:luku#fn:1"' in html
    assert 'id="luku--fn:1"' in html


def test_footnotes_of_the_introduction_stay_in_it_even_beside_a_chapter_called_johdanto(make_course):
    course_yml = COURSE_YML + "introduction: |\n  Tervetuloa[^1].\n\n  [^1]: Lähde.\n"
    course = course_of(make_course({"course.yml": course_yml, "01-johdanto.md": chapter("Alku[^1].\n\n[^1]: Luvun lähde.\n")}))
    intro = course.meta.introduction_html
    assert 'href="#_johdanto--fn:1"' in intro and 'id="_johdanto--fn:1"' in intro and "chapter:" not in intro
    assert 'id="johdanto--fn:1"' in course.chapters[0].body_html


# --- unsafe HTML -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "markdown, removed",
    [
        ("Teksti.\n\n<script>alert('x')</script>\n", "<script"),
        ('Teksti.\n\n<a href="#" onclick="steal()">klikkaa</a>\n', "onclick"),
        ("Teksti.\n\n[klikkaa](javascript:alert(1))\n", "javascript:"),
        ('Teksti.\n\n<iframe src="https://example.org"></iframe>\n', "<iframe"),
        ('Teksti.\n\n<img alt="x" src="data:image/png;base64,AAAA">\n', "data:"),
    ],
    ids=["script", "onclick", "javascript-link", "iframe", "data-url"],
)
def test_unsafe_html_is_removed_with_a_warning_at_its_line(make_course, markdown, removed):
    course, report = read(make_course({"01-luku.md": chapter(markdown)}))
    assert [(d.line, d.code, d.severity) for d in report] == [(8, "html-removed", "warning")]
    assert removed not in course.chapters[0].body_html


def test_script_is_gone_from_the_model_and_the_course_still_builds(make_course):
    course, report = read(make_course({"01-luku.md": chapter("Ennen.\n\n<script>alert(1)</script>\n\nJälkeen.\n")}))
    assert [d.code for d in report] == ["html-removed"]
    assert "alert" not in course.chapters[0].body_html
    assert course.chapters[0].body_html == "<p>Ennen.</p>\n<p>Jälkeen.</p>"


def test_html_in_a_code_span_is_text_not_a_warning(make_course):
    assert_renders(make_course, "Älä kirjoita `<script>` tekstiin.\n",
                   "<p>Älä kirjoita <code>&lt;script&gt;</code> tekstiin.</p>")


def test_safe_inline_html_is_kept(make_course):
    assert_renders(make_course, "Paina <kbd>Ctrl</kbd> ja <mark>tämä</mark>.\n",
                   "<p>Paina <kbd>Ctrl</kbd> ja <mark>tämä</mark>.</p>")


# --- tables ------------------------------------------------------------------------------------


def test_table_header_cells_get_column_scope(make_course):
    course = course_of(make_course({"01-luku.md": chapter("| Laite | Käyttö |\n|---|---|\n| Tabletti | Lukeminen |\n")}))
    html = course.chapters[0].body_html
    assert html.count('<th scope="col">') == 2
    assert "<td>Tabletti</td>" in html


@pytest.mark.parametrize("deep, line", [
    ("".join("    " * level + "- kohta\n" for level in range(300)), 6 + 299),  # the most indented item
    ("*" * 3000 + "sana" + "*" * 3000 + "\n", 6),
])
def test_text_nested_too_deep_for_python_markdown_is_an_error_at_its_line_not_a_crash(make_course, deep, line):
    """Python-Markdown reads nesting recursively and runs out of Python's stack some 250 levels down."""
    folder = make_course({"01-luku.md": chapter(deep), "02-toinen.md": chapter("Toinen *luku*.")})
    assert diagnostics_of(folder) == [("01-luku.md", line, "markdown-too-deep")]  # and not chapter-empty too
    folder = make_course({"01-luku.md": chapter("Ensin *tämä*."), "02-toinen.md": chapter(deep)}, name="after")
    assert diagnostics_of(folder) == [("02-toinen.md", line, "markdown-too-deep")]


def test_a_slide_nested_too_deep_says_so_at_its_line(make_course):
    deep = "".join("    " * level + "- kohta\n" for level in range(300))
    folder = make_course({"01-luku.md": chapter(f"Teksti.\n\n```slides\n## Dia\n{deep}```\n")})
    assert ("01-luku.md", 10 + 299, "markdown-too-deep") in diagnostics_of(folder)


def test_a_slide_title_python_markdown_cannot_read_is_kept_as_written(monkeypatch):
    from builder.readers import markdown_body

    class Deep:
        def reset(self):
            return self

        def convert(self, text):
            raise RecursionError  # as for text nested hundreds deep

    monkeypatch.setattr(markdown_body, "_markdown", lambda plain=False, language="en": Deep())
    assert markdown_body.plain_markdown("Mitä *ei* <saa>") == "<p>Mitä *ei* &lt;saa&gt;</p>"
    monkeypatch.undo()
    assert markdown_body.plain_markdown("Mitä *ei* saa") == "<p>Mitä <em>ei</em> saa</p>"
