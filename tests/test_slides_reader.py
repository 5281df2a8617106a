"""Slides from ```slides blocks: '---' between slides, a '##' title each, notes after 'Muistiinpanot:'."""

from __future__ import annotations

import pytest

from conftest import chapter, course_of, diagnostics_of, png, read

DECK = """\
Luvun teksti.

```slides
## Miksi nettiopastajaksi?
- Autat ikäihmistä
- Opit itsekin

Muistiinpanot:
Kerro oma esimerkkisi.
Kysy ryhmältä.

---

## Missä opastetaan?
- Kirjastot
```
"""


def slides_of(make_course, body: str, **files):
    return course_of(make_course({"01-luku.md": chapter(body), **files})).chapters[0].slides


def test_slides_are_split_at_dashes_with_titles_body_and_position(make_course):
    slides = slides_of(make_course, DECK)
    assert [(s.title, s.pos.line) for s in slides] == [("Miksi nettiopastajaksi?", 9), ("Missä opastetaan?", 19)]
    assert slides[0].body_html == "<ul>\n<li>Autat ikäihmistä</li>\n<li>Opit itsekin</li>\n</ul>"
    assert slides[1].body_html == "<ul>\n<li>Kirjastot</li>\n</ul>"


def test_notes_are_separated_from_the_slide_body(make_course):
    first, second = slides_of(make_course, DECK)
    assert first.notes_html == "<p>Kerro oma esimerkkisi.\nKysy ryhmältä.</p>"
    assert first.notes_text == "Kerro oma esimerkkisi.\nKysy ryhmältä."
    assert "esimerkki" not in first.body_html
    assert (second.notes_html, second.notes_text) == ("", "")


@pytest.mark.parametrize("label", ["Muistiinpanot:", "Notes:", "Anteckningar:", "muistiinpanot :"])
def test_notes_label_in_every_language(make_course, label):
    [slide] = slides_of(make_course, f"Teksti.\n\n```slides\n## Dia\n- kohta\n\n{label}\nPuhu hitaasti.\n```\n")
    assert slide.notes_text == "Puhu hitaasti."


def test_notes_may_start_on_the_label_line(make_course):
    [slide] = slides_of(make_course, "Teksti.\n\n```slides\n## Dia\nMuistiinpanot: Puhu hitaasti.\n```\n")
    assert (slide.body_html, slide.notes_text) == ("", "Puhu hitaasti.")


def test_slide_text_is_not_part_of_the_chapter_body(make_course):
    course = course_of(make_course({"01-luku.md": chapter(DECK)}))
    assert course.chapters[0].body_html == "<p>Luvun teksti.</p>"


def test_slides_of_several_blocks_are_in_order(make_course):
    body = "Teksti.\n\n```slides\n## Yksi\n```\n\n```diat\n## Kaksi\n---\n## Kolme\n```\n"
    assert [s.title for s in slides_of(make_course, body)] == ["Yksi", "Kaksi", "Kolme"]


def test_an_image_on_a_slide_is_an_asset_of_the_chapter(make_course):
    slides = slides_of(make_course, "Teksti.\n\n```slides\n## Kuva\n![Tabletti](kuva.png)\n```\n", **{"kuva.png": png()})
    assert slides[0].body_html == '<figure><img alt="Tabletti" src="asset:kuva.png" width="4" height="3"></figure>'
    course = course_of(make_course({"01-luku.md": chapter("Teksti.\n\n```slides\n## Kuva\n![T](kuva.png)\n```\n"),
                                    "kuva.png": png()}, name="toinen"))
    assert course.chapters[0].asset_keys == ("kuva.png",)


def test_problems_inside_a_slide_are_reported_at_their_file_line(make_course):
    body = "Teksti.\n\n```slides\n## Dia\n- kohta\n![](puuttuu.png)\n\nMuistiinpanot:\n[x](03-ei.md)\n```\n"
    assert diagnostics_of(make_course({"01-luku.md": chapter(body)})) == [
        ("01-luku.md", 11, "image-alt-missing"), ("01-luku.md", 11, "image-missing"),
        ("01-luku.md", 14, "link-chapter-missing")]


# --- malformed slide blocks --------------------------------------------------------------------


def test_slide_without_title(make_course):
    body = "Teksti.\n\n```slides\n## Dia\n- a\n---\n\nEi otsikkoa\n- b\n```\n"
    assert diagnostics_of(make_course({"01-luku.md": chapter(body)})) == [("01-luku.md", 13, "slide-title-missing")]


@pytest.mark.parametrize(
    "block, line",
    [
        # the block's fence is on line 8, so its first line is line 9
        ("```slides\n## Dia\n---\n---\n## Toinen\n```\n", 11),  # two separators in a row
        ("```slides\n## Dia\n---\n\n---\n## Toinen\n```\n", 12),  # only a blank line between
        ("```slides\n---\n## Dia\n```\n", 9),  # a separator before the first slide
        ("```slides\n## Dia\n---\n```\n", 10),  # a separator after the last slide
    ],
)
def test_empty_slide_is_reported_at_the_separator_that_closes_it(make_course, block, line):
    assert diagnostics_of(make_course({"01-luku.md": chapter("Teksti.\n\n" + block)})) == [
        ("01-luku.md", line, "slide-empty")]


def test_unclosed_slides_block(make_course):
    body = "Teksti.\n\n```slides\n## Dia\n- kohta\n"
    assert diagnostics_of(make_course({"01-luku.md": chapter(body)})) == [("01-luku.md", 8, "block-unclosed")]


def test_a_slide_with_too_many_lines_is_a_warning_at_its_title(make_course):
    points = "".join(f"- kohta {i}\n" for i in range(9))
    course, report = read(make_course({"01-luku.md": chapter(f"Teksti.\n\n```slides\n## Liikaa\n{points}```\n")}))
    assert [(d.line, d.code, d.severity) for d in report] == [(9, "slide-too-long", "warning")]
    assert "(9 riviä, tilaa 8 riville)" in report.warnings[0].message
    assert course is not None


def test_a_slide_with_too_many_characters_is_a_warning(make_course):
    long_point = "- " + "sana " * 90 + "\n"
    course, report = read(make_course({"01-luku.md": chapter(f"Teksti.\n\n```slides\n## Pitkä\n{long_point}```\n")}))
    assert [(d.line, d.code) for d in report] == [(9, "slide-too-long")]
    assert "tilaa 420 merkille" in report.warnings[0].message


def test_notes_do_not_count_towards_the_slide_length(make_course):
    notes = "".join(f"Muistettava asia {i}.\n\n" for i in range(20))
    slides = slides_of(make_course, f"Teksti.\n\n```slides\n## Dia\n- kohta\n\nMuistiinpanot:\n{notes}```\n")
    assert slides[0].notes_text.count("Muistettava") == 20


def test_eight_short_lines_fit(make_course):
    points = "".join(f"- kohta {i}\n" for i in range(8))
    assert len(slides_of(make_course, f"Teksti.\n\n```slides\n## Sopii\n{points}```\n")) == 1


def test_slide_titles_are_plain_text_without_markdown_markup(make_course):
    body = "Teksti.\n\n```slides\n## Mitä *ei* saa & `koodi`\n---\n## Otsikko ##\n```\n"
    assert [s.title for s in slides_of(make_course, body)] == ["Mitä ei saa & koodi", "Otsikko"]


# --- a notes label the reader does not recognise: private notes would be projected ---------------


@pytest.mark.parametrize("label", ["Muistiinpanot", "muistiinpanot.", "MUISTIINPANOT -", "Muistiinpanot  ",
                                   "Notes", "Anteckningar", "Puhujan muistiinpanot", "Muistinpanot:",
                                   "Muistiinpanto:", "Muistiinpanto", "Anteckning: Tala långsamt.", "Notse:"])
def test_a_notes_label_without_its_colon_or_misspelt_is_a_warning_at_its_line(make_course, label):
    body = f"Teksti.\n\n```slides\n## Dia\n- kohta\n\n{label}\nPuhu hitaasti.\n```\n"
    course, report = read(make_course({"01-luku.md": chapter(body)}))
    assert [(d.line, d.code, d.severity) for d in report] == [(12, "notes-label-misspelt", "warning")]
    assert "hitaasti" in course.chapters[0].slides[0].body_html  # as the warning says: it shows on the slide


@pytest.mark.parametrize("line", ["Notable:", "Vinkit:", "- Muistiinpanot", "Huomioi nämä asiat", "Note: tärkeä",
                                  "Votes:", "Muistiinpanot ovat tärkeitä."])
def test_slide_text_near_no_label_is_left_alone(make_course, line):
    body = f"Teksti.\n\n```slides\n## Dia\n- kohta\n\n{line}\nPuhu hitaasti.\n```\n"
    assert diagnostics_of(make_course({"01-luku.md": chapter(body)})) == []


def test_the_notes_warning_says_the_text_shows_on_the_slide_and_the_label_needs_a_colon(make_course):
    body = "Teksti.\n\n```slides\n## Dia\n- kohta\n\nMuistiinpanot\nPuhu hitaasti.\n```\n"
    [diagnostic] = read(make_course({"01-luku.md": chapter(body)}))[1]
    assert "näkyvät dialla" in diagnostic.message and "'Muistiinpanot:'" in diagnostic.message
