"""Slips Python-Markdown takes without a word, found by writing a second course: a table row with more cells
than its header row (the extra cells are dropped from every output), a callout whose lines are not indented
(the box shows its title alone, the text moves out below it) and headings that skip a level or stand beside
the chapter names (a screen reader's outline, PDF/UA). Each is warned at its line, and the table and callout
warnings only when Python-Markdown really drops or moves the text: the tests compare with what it renders."""

from __future__ import annotations

import re
import shutil

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.diagnostics import Report
from builder.readers.course import read_course
from conftest import COURSE_YML, chapter, examples, png, write_course

BODY_LINE = 6  # chapter(): the body starts on line 6


def _read(tmp_path, body: str):
    folder = tmp_path / "course"
    if folder.exists():
        shutil.rmtree(folder)
    write_course(folder, {"01-luku.md": chapter(body)})
    report = Report()
    course = read_course(folder, report)
    return course, [(d.line - BODY_LINE + 1, d.code) for d in report]


def _html(course) -> str:
    return "".join(block.html for block in course.chapters[0].blocks) if course else ""


# --- tables ---------------------------------------------------------------------------------------------


def test_a_row_with_a_cell_more_than_its_header_is_warned_where_it_is(tmp_path):
    body = "Alku.\n\n| Mitä | Miksi |\n|---|---|\n| Tunnukset | Tunnistus | jää pois |\n| Puhelin |\n"
    course, said = _read(tmp_path, body)
    assert said == [(5, "table-cells-extra")]
    assert "jää pois" not in _html(course)  # what the warning is about: Python-Markdown dropped it


def test_rows_that_fit_escaped_bars_and_bars_in_code_are_not_warned(tmp_path):
    body = ("| A | B |\n|:--|--:|\n| a \\| b | c |\n| `x | y` | z |\n| yksi |\n\n"
            "Kappale | jossa on pystyviiva.\n| A | B |\n|---|---|\n| a | b | c |\n\n"  # no table: not a block's start
            "```\nkoodia\n```\n| A | B |\n|---|---|\n| a | b | c |\n")  # nor right under fenced code
    course, said = _read(tmp_path, body)
    assert said == []
    assert "a | b" in _html(course) and "x | y" in _html(course)


def test_a_rule_of_another_width_or_a_table_in_code_is_no_table(tmp_path):
    body = ("| A | B |\n|---|---|---|\n| a | b | c |\n\n"
            "```\n| A | B |\n|---|---|\n| a | b | c |\n```\n\n"
            "    | A | B |\n    |---|---|\n    | a | b | c |\n")
    course, said = _read(tmp_path, body)
    assert said == []


CELL = st.sampled_from(["sana", "kaksi sanaa", "a \\| b", "`x | y`", "**lihava**", ""])


@settings(max_examples=examples(40), deadline=None)
@given(columns=st.integers(1, 4), rows=st.lists(st.integers(1, 6), min_size=1, max_size=4),
       outer=st.booleans(), after_paragraph=st.booleans(), cell=CELL)
def test_a_row_is_warned_exactly_when_python_markdown_drops_one_of_its_cells(
        tmp_path_factory, columns, rows, outer, after_paragraph, cell):
    tmp_path = tmp_path_factory.mktemp("table")

    def row(texts: list[str]) -> str:
        inner = " | ".join(texts)
        return f"| {inner} |" if outer or len(texts) == 1 else inner

    header = row([f"Otsikko{n}" for n in range(columns)])
    body_rows = [row([f"solu{r}x{c} {cell}".strip() for c in range(count)]) for r, count in enumerate(rows)]
    lines = (["Edellinen kappale."] if after_paragraph else []) + [header, row(["---"] * columns), *body_rows]
    course, said = _read(tmp_path, "\n".join(lines) + "\n")
    html = _html(course)
    first = len(lines) - len(rows) + 1  # the line of the first row under the rule
    dropped = [first + r for r, count in enumerate(rows) if any(f"solu{r}x{c}" not in html for c in range(count))]
    assert [line for line, code in said if code == "table-cells-extra"] == dropped


# --- callouts -------------------------------------------------------------------------------------------


def test_text_right_below_a_callout_not_indented_is_warned_and_moves_out_of_the_box(tmp_path):
    course, said = _read(tmp_path, '!!! vinkki "Muista"\nÄlä kerro tunnuksiasi puhelimessa.\n')
    assert said == [(1, "callout-empty")]
    html = _html(course)
    assert html.index("</div>") < html.index("Älä kerro")  # the text after the box, not in it


def test_indented_callouts_and_a_titled_callout_alone_are_not_warned(tmp_path):
    body = ('!!! vinkki "Muista"\n    Älä kerro tunnuksiasi.\n\n'
            '!!! varoitus\n\n    Tyhjän rivin jälkeen sisennetty.\n\n'
            '!!! huomio "Otsikko riittää"\n\nTavallinen kappale laatikon jälkeen.\n\n'
            '!!! vinkki\n\tSarkaimella sisennetty.\n\n'
            '!!! vinkki\n  - kahdella välilyönnillä\n  - sisennetty luettelo\n')
    course, said = _read(tmp_path, body)
    assert said == []
    assert _html(course).count('class="callout ') == 5


def test_a_callout_without_a_title_and_without_indented_text_is_warned(tmp_path):
    course, said = _read(tmp_path, "!!! varoitus\n\nTämä piti olla laatikossa.\n\nLoppu.\n\n!!! vinkki\n")
    assert said == [(1, "callout-empty"), (7, "callout-empty")]


# --- heading levels -------------------------------------------------------------------------------------


def test_a_heading_level_skipped_under_the_chapter_name_or_a_heading_is_warned(tmp_path):
    body = ("### Kolmas taso heti luvun nimen alla\n\n## Toinen\n\n### Kolmas\n\n## Taas toinen\n\n"
            "#### Neljäs toisen alla\n\n##### Viides\n\n## Ylös saa palata\n\nOtsikko\n-------\n")
    course, said = _read(tmp_path, body)
    assert said == [(1, "heading-level-skipped"), (9, "heading-level-skipped")]
    report = Report()
    read_course(tmp_path / "course", report)
    assert [d.message.split(":")[0] for d in report] == ["Otsikko '###' hyppää tason yli",
                                                          "Otsikko '####' hyppää tason yli"]
    assert "sitä edeltävä otsikko on '##'" in [d.message for d in report][1]
    assert [h.level for h in course.chapters[0].headings] == [3, 2, 3, 2, 4, 5, 2, 2]  # read as written


def test_a_level_one_heading_in_the_text_is_warned_hashes_or_underline(tmp_path):
    course, said = _read(tmp_path, "# Iso otsikko\n\n## Sen alla\n\nToinen iso\n==========\n\nTeksti.\n")
    assert said == [(1, "heading-level-one"), (5, "heading-level-one")]


def test_slides_and_questions_keep_their_own_headings(tmp_path):
    body = ("Teksti.\n\n```slides\n## Dia\n#### Pieni otsikko dialla\n- kohta\n```\n")
    course, said = _read(tmp_path, body)
    assert said == []


# --- footnotes ------------------------------------------------------------------------------------------


def test_a_footnote_mark_without_its_note_is_warned_where_it_stands(tmp_path):
    body = "Väite[^1] ja toinen[^lähde].\n\nKoodissa `[^2]` on tekstiä.\n\n```\n[^3]\n```\n\n[^lähde]: Kela.fi, 2026.\n"
    course, said = _read(tmp_path, body)
    assert said == [(1, "footnote-missing")]
    assert "Väite[^1]" in _html(course)  # what the warning is about: the mark shows as written


def test_a_note_no_text_refers_to_is_warned_and_keeps_no_link_to_nowhere(tmp_path):
    body = ("Väite[^a] ja taas[^a].\n\n[^a]: Viitattu kahdesti.\n\n[^orpo]: Orpo lähde.\n\n"
            "```slides\n## Dia\n- kohta[^orpo]\n```\n")
    course, said = _read(tmp_path, body)
    assert said == [(5, "footnote-unused")]
    html = _html(course)
    assert "Orpo lähde." in html and "Viitattu kahdesti." in html  # the note itself is kept
    assert "#fnref:orpo" not in html and "#fnref:a" in html
    linked = {f"luku--{fragment}" for fragment in re.findall(r'href="chapter:luku#([^"]+)"', html)}
    assert linked and linked <= set(re.findall(r'id="([^"]+)"', html))  # every link lands on something


# --- numbered lines and web addresses -------------------------------------------------------------------


def test_lines_numbered_with_a_parenthesis_are_warned_once_at_the_first(tmp_path):
    body = "Näin:\n\n1) Avaa sovellus.\n2) Valitse yhteystieto.\n3) Soita.\n\n1) Yksi rivi yksinään on tekstiä.\n"
    course, said = _read(tmp_path, body)
    assert said == [(3, "list-number-parenthesis")]
    assert "<p>1) Avaa sovellus.\n2) Valitse yhteystieto.\n3) Soita.</p>" in _html(course)  # one paragraph


def test_an_address_written_as_text_is_warned_and_links_and_code_are_not(tmp_path):
    body = ("Katso https://www.kela.fi/asiointi tai www.suomi.fi.\n\n"
            "Linkkinä <https://www.kela.fi> ja [Suomi.fi](https://www.suomi.fi), koodina `https://example.fi`.\n\n"
            "Sähköposti neuvonta@example.fi ei ole osoite.\n\n"
            "```kysymys\nMistä?\n- [x] Kelasta\n- [ ] Muualta\nPalaute: Katso https://www.kela.fi/omakela.\n```\n")
    course, said = _read(tmp_path, body)
    assert said == [(1, "link-bare-address"), (1, "link-bare-address"), (11, "link-bare-address")]
    report = Report()
    read_course(tmp_path / "course", report)
    advice = sorted(d.message.rsplit(": ", 1)[1] for d in report)
    assert advice == ["<https://www.kela.fi/asiointi>.", "<https://www.kela.fi/omakela>.", "<https://www.suomi.fi>."]


def test_an_address_written_as_text_is_told_at_its_own_line_not_at_a_link_or_a_longer_address(tmp_path):
    body = ("[Kela](https://www.kela.fi) ja <https://www.kela.fi>.\n\n[kela]: https://www.kela.fi\n\n"
            "Ohjeet [Kela](https://www.kela.fi/asiointi ohjeet).\n\n"
            "Väärin päin (Kela)[https://www.kela.fi].\n\nUudestaan https://www.kela.fi tässä.\n")
    course, said = _read(tmp_path, body)
    assert said == [(7, "link-bare-address"), (9, "link-bare-address")]


# --- a note to self -------------------------------------------------------------------------------------


def test_a_comment_in_a_setting_goes_from_every_field_as_it_does_from_the_text(tmp_path):
    """'<!-- tarkista -->' after a title was printed on the cover and shown in Moodle as it was written."""
    folder = tmp_path / "course"
    course_yml = COURSE_YML.replace("title: ", "title: <!-- SALAINEN1 puh. 040 --> ", 1)
    slides = "```slides\n## Dia <!-- SALAINEN4 -->\n- kohta\n\nMuistiinpanot:\n<!-- SALAINEN5 -->\nKerro.\n```\n"
    write_course(folder, {"course.yml": course_yml, "01-luku.md": chapter(
        f"Teksti.<!-- SALAINEN2 -->\n\n{slides}", title="Luku <!-- SALAINEN3 -->", summary="Tiivistelmä. <!-- SALAINEN6 -->")})
    report = Report()
    course = read_course(folder, report)
    assert [str(d) for d in report] == []  # no warning: a comment is no unsafe HTML
    assert "SALAINEN" not in repr(course)
    assert course.chapters[0].title == "Luku" and course.chapters[0].summary == "Tiivistelmä."
    write_course(folder, {"course.yml": COURSE_YML.replace("title: ", "title: <script>x</script><!-- y --> ", 1)})
    report = Report()
    read_course(folder, report)
    assert [d.code for d in report] == ["html-removed"]  # what is unsafe is still said


# --- alt texts that say nothing -------------------------------------------------------------------------


def test_an_alt_text_that_is_only_a_file_or_camera_name_is_warned(tmp_path):
    folder = tmp_path / "course"
    pictures = ["IMG_2041", "kuva.png", "dsc 0042", "tabletti.JPG.", "PXL_20260312_101500",
                "Tabletti pöydällä", "Kuva 3 tabletista", "Kuvakaappaus Omakannan etusivusta", "Kela.fi"]
    body = "\n\n".join(f"![{alt}](kuvat/tabletti.png)" for alt in pictures) + "\n"
    write_course(folder, {"01-luku.md": chapter(body), "kuvat/tabletti.png": png()})
    report = Report()
    read_course(folder, report)
    assert [(d.line, d.code) for d in report] == [(BODY_LINE + 2 * n, "image-alt-unhelpful") for n in range(5)]


# --- a paragraph indented by accident -------------------------------------------------------------------


def test_an_indented_paragraph_is_warned_and_a_fenced_block_or_list_text_is_not(tmp_path):
    body = ("Teksti.\n\n    Vahingossa sisennetty kappale.\n\n    Ja toinen samassa lohkossa.\n\n"
            "```\nkirjoita tämä\n```\n\n- kohta\n\n    kohdan jatko-osa\n\n!!! vinkki\n    Laatikon teksti.\n")
    course, said = _read(tmp_path, body)
    assert said == [(3, "code-block-indented")]
    assert "<pre><code>Vahingossa sisennetty kappale." in _html(course)  # what it is about


# --- notes to self --------------------------------------------------------------------------------------


def test_a_note_to_self_that_shows_is_warned_at_its_line_and_hidden_ones_are_not(tmp_path):
    body = ("<!-- piilossa -->\n\nTeksti <!-- piilossa tämäkin --> jatkuu.\n\n"
            "<!-- piilossa\n\nkahden kappaleen yli -->\n\n"
            "Teksti <!-- näkyy, koska\n\nloppuu toisessa kappaleessa --> näin.\n\n"
            "<!-- tarkista luvut\n\nLoppu. Koodina `<!--` ja\n\n```\n<!-- koodissa\n```\n")
    course, said = _read(tmp_path, body)
    assert said == [(9, "note-to-self-shown"), (13, "note-to-self-shown")]
    html = _html(course)
    assert "piilossa" not in html and "kahden kappaleen" not in html
    assert "näkyy, koska" in html and "tarkista luvut" in html  # what the warnings are about: they show


def test_a_note_that_shows_on_a_slide_in_a_question_or_in_the_introduction_is_warned_there(tmp_path):
    body = ("Teksti.\n\n```slides\n## Dia\n- kohta <!-- puhu tästä\n\nMuistiinpanot:\nKerro <!-- oma\n```\n\n"
            "```kysymys\nMikä? <!-- kysymys\n- [x] Tämä <!-- vaihtoehto\n- [ ] Tuo\nPalaute: Hyvä <!-- palaute\n```\n")
    folder = tmp_path / "course"
    write_course(folder, {"01-luku.md": chapter(body),
                          "course.yml": COURSE_YML + "introduction: |\n  Johdanto <!-- kesken\n"})
    report = Report()
    read_course(folder, report)
    assert [(d.path, d.line, d.code) for d in report] == [
        ("01-luku.md", BODY_LINE + n, "note-to-self-shown") for n in (4, 7, 11, 12, 14)] + [
        ("course.yml", 11, "note-to-self-shown")]
    assert "'<!-- puhu tästä'" in next(d.message for d in report if d.line == BODY_LINE + 4)


def test_a_note_that_shows_in_a_setting_is_warned_at_its_key_and_a_whole_one_is_not(tmp_path):
    folder = tmp_path / "course"
    write_course(folder, {
        "01-luku.md": "---\ntitle: Luku <!-- kesken\nsummary: Lyhyesti. <!-- piilossa -->\n---\n\nTeksti.\n",
        "course.yml": COURSE_YML.replace("organisation: Testiyhdistys ry",
                                         "organisation: Testiyhdistys <!-- tarkista nimi")})
    report = Report()
    course = read_course(folder, report)
    assert [(d.path, d.line, d.code) for d in report] == [
        ("01-luku.md", 2, "note-to-self-shown"), ("course.yml", 4, "note-to-self-shown")]
    assert course.chapters[0].summary == "Lyhyesti."


# --- footnotes written twice ----------------------------------------------------------------------------


def test_a_note_whose_mark_a_later_note_has_is_warned_where_it_is_left_out(tmp_path):
    body = ("Kela[^1] ja Etk[^1] ja Dvv[^2].\n\n[^1]: Kela.fi.\n[^2]: Dvv.fi.\n[^1]: Etk.fi.\n\n"
            "```\n[^2]: koodissa ei ole alaviite\n```\n")
    course, said = _read(tmp_path, body)
    assert said == [(3, "footnote-duplicate")]
    html = _html(course)
    assert "Kela.fi" not in html and "Etk.fi" in html  # what the warning is about: only the last is kept


# --- slides run together --------------------------------------------------------------------------------


def test_a_slide_title_without_its_separator_is_warned_on_the_slide_and_in_the_notes(tmp_path):
    body = ("Teksti.\n\n````slides\n## Yksi\n- a\n### Väliotsikko saa olla\n```\n## koodissa ei ole otsikko\n```\n\n"
            "## Kaksi\n- b\n\n---\n\n## Kolme\n- c\n\nMuistiinpanot:\nKerro.\n\n## Neljä\n- d\n````\n")
    course, said = _read(tmp_path, body)
    assert said == [(11, "slide-separator-missing"), (22, "slide-in-notes")]
    slides = course.chapters[0].slides
    assert [slide.title for slide in slides] == ["Yksi", "Kolme"]  # what the warnings are about
    assert "Neljä" in slides[1].notes_html and "Neljä" not in slides[1].body_html


# --- a sentence underlined ------------------------------------------------------------------------------


def test_a_sentence_with_dashes_right_under_it_is_warned_and_a_title_or_a_rule_is_not(tmp_path):
    body = ("Muista kirjautua ulos.\n---\n\nTärkeää\n---\n\nKaksi riviä\nkappaletta.\n---\n\n"
            "Tyhjä rivi välissä.\n\n---\n\n```\nKoodissa.\n---\n```\n")
    course, said = _read(tmp_path, body)
    assert said == [(1, "heading-underlined")]
    html = _html(course)
    assert '<h2 id="luku--muista-kirjautua-ulos">Muista kirjautua ulos.</h2>' in html  # what the warning is about
    assert html.count("<hr>") == 2
