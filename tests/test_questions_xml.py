"""The Moodle XML question export parses and round-trips every question of the course."""

from __future__ import annotations

import base64
import re
import textwrap
from pathlib import Path

import pytest
from lxml import etree, html as lxml_html

from builder.diagnostics import Report
from builder.readers.course import read_course
from builder.writers.questions_xml import questions_xml

COURSE_YML = """\
title: Kysymyskurssi
short_name: kysymykset
language: fi
organisation: Testi ry
authors: [Testaaja]
licence: CC BY 4.0
edition: "1"
edition_date: 2026-01-02
"""

CHAPTER = """\
---
title: Luku & <yksi>
summary: Kysymyksiä kaikista lajeista.
---

## Aihe

Tekstiä.

```kysymys
Saako salasanan kirjoittaa muistiin?
- [ ] Kyllä
  > Ei saa.
- [x] Ei
  > Oikein.
Palaute: Salasana on henkilökohtainen.
```

```kysymys
Mitkä ovat huijauksen merkkejä? ]]> & "lainaus"
- [x] Kiire
  > Kyllä.
- [x] Outo lähettäjä
  > Kyllä.
- [ ] Tuttu kirjoitusasu
  > Ei.
Palaute: Huijari kiirehtii.
```

```kysymys
Vapaaehtoinen hoitaa ikäihmisen rahat.
- [ ] Tosi
  > Ei hoida.
- [x] Epätosi
  > Oikein.
Palaute: Raha-asiat kuuluvat ammattilaisille.
```
"""


@pytest.fixture()
def course(tmp_path: Path):
    (tmp_path / "course.yml").write_text(COURSE_YML, encoding="utf-8")
    (tmp_path / "01-luku.md").write_text(CHAPTER, encoding="utf-8")
    report = Report()
    course = read_course(tmp_path, report)
    assert course is not None, [str(d) for d in report]
    return course


def _text(element) -> str:
    html = element.findtext("text") or ""
    return " ".join(lxml_html.fragment_fromstring(html, create_parent="div").text_content().split()) if html else ""


def read_back(data: bytes) -> list[dict]:
    """Parse a Moodle XML export the way Moodle's importer reads it, into plain dicts."""
    root = etree.fromstring(data)
    assert root.tag == "quiz"
    questions, category = [], None
    for node in root.findall("question"):
        if node.get("type") == "category":
            category = node.find("category").findtext("text")
            continue
        questions.append({
            "category": category,
            "type": node.get("type"),
            "single": node.findtext("single"),
            "text": _text(node.find("questiontext")),
            "general": _text(node.find("generalfeedback")),
            "answers": [
                (_text(a) if node.get("type") == "multichoice" else a.findtext("text"),
                 float(a.get("fraction")), _text(a.find("feedback")))
                for a in node.findall("answer")
            ],
        })
    return questions


def plain(html: str) -> str:
    return " ".join(lxml_html.fragment_fromstring(html, create_parent="div").text_content().split()) if html else ""


def test_every_question_round_trips(course) -> None:
    exported = read_back(questions_xml(course))
    assert len(exported) == len(course.questions) == 3
    for question, back in zip(course.questions, exported):
        assert back["category"] == "$course$/top/1. Luku & <yksi>"
        assert back["text"] == plain(question.text_html)
        assert back["general"] == plain(question.general_feedback_html)
        if question.kind == "truefalse":
            assert back["type"] == "truefalse"
            truth = {a.text_html == "Tosi": a for a in question.answers}
            assert back["answers"] == [
                ("true", 100.0 if truth[True].correct else 0.0, plain(truth[True].feedback_html)),
                ("false", 100.0 if truth[False].correct else 0.0, plain(truth[False].feedback_html)),
            ]
        else:
            assert back["type"] == "multichoice"
            assert back["single"] == ("true" if question.kind == "single" else "false")
            assert back["answers"] == [
                (plain(a.text_html), pytest.approx(a.fraction * 100), plain(a.feedback_html))
                for a in question.answers
            ]


def test_multiple_answer_fractions_add_up_to_full_marks(course) -> None:
    multiple = read_back(questions_xml(course))[1]
    assert multiple["single"] == "false"
    assert sum(f for _, f, _ in multiple["answers"] if f > 0) == pytest.approx(100, abs=0.001)
    assert all(f < 0 for _, f, _ in multiple["answers"][2:])


def test_special_characters_survive(course) -> None:
    exported = read_back(questions_xml(course))
    assert ']]> & "lainaus"' in exported[1]["text"]


def test_sample_course_exports_all_questions() -> None:
    root = Path(__file__).resolve().parents[1] / "course"
    report = Report()
    course = read_course(root, report)
    if course is None:
        pytest.fail("\n".join(str(d) for d in report))
    exported = read_back(questions_xml(course))
    assert len(exported) == len(course.questions) >= 2 * len(course.chapters)
    assert {q["type"] for q in exported} == {"multichoice", "truefalse"}


# -- what Moodle's importer does with names, links and images ----------------------------------------


def split_category_path(path: str) -> list[str]:
    """qformat_default::split_category_path(): '/' separates, '//' is a '/' in a name."""
    return [part.replace("//", "/").strip() for part in re.split(r"(?<!/)/(?!/)", path)]


@pytest.fixture()
def tricky(make_course):
    from conftest import chapter, course_of, png

    body = (
        "Tekstiä.\n\n```kysymys\n"
        "Mikä kuva? ![Kuva](<images/ikäihminen ja tabletti.png>)\n"
        "- [x] Tabletti\n  > Oikein. ![Toinen](images/toinen.png)\n"
        "- [ ] Puhelin\n"
        "Palaute: Lue luku [Toinen](02-toinen.md#alku) ja [Moodle](https://moodle.org).\n```\n"
    )
    return course_of(make_course({
        "01-luku.md": chapter(body, title="Ja/tai & muuta", summary="Kysymyksiä & vastauksia."),
        "02-toinen.md": chapter("## Alku {#alku}\n\nTekstiä.", title="Toinen"),
        "images/ikäihminen ja tabletti.png": png(colour=(10, 20, 30)),
        "images/toinen.png": png(colour=(30, 20, 10)),
    }))


def test_a_slash_in_a_chapter_title_stays_in_one_category_name(tricky) -> None:
    [category] = [q for q in etree.fromstring(questions_xml(tricky)) if q.get("type") == "category"]
    path = category.findtext("category/text")
    assert path == "$course$/top/1. Ja//tai & muuta"
    assert split_category_path(path) == ["$course$", "top", "1. Ja/tai & muuta"]
    assert category.findtext("info/text") == "<p>Kysymyksiä &amp; vastauksia.</p>"


def test_a_link_to_a_chapter_keeps_its_text_only_and_other_links_stay(tricky) -> None:
    question = etree.fromstring(questions_xml(tricky)).find("question[@type='multichoice']")
    feedback = question.findtext("generalfeedback/text")
    assert feedback == '<p>Lue luku Toinen ja <a href="https://moodle.org">Moodle</a>.</p>'


def test_images_travel_inside_the_file_as_moodles_exporter_writes_them(tricky) -> None:
    question = etree.fromstring(questions_xml(tricky)).find("question[@type='multichoice']")
    text = question.find("questiontext")
    assert '<img alt="Kuva" src="@@PLUGINFILE@@/ik%C3%A4ihminen%20ja%20tabletti.png"' in text.findtext("text")
    [image] = text.findall("file")
    assert image.attrib == {"name": "ikäihminen ja tabletti.png", "path": "/", "encoding": "base64"}
    asset = tricky.assets["images/ikäihminen ja tabletti.png"]
    assert base64.b64decode(image.text) == asset.path.read_bytes()
    feedback = question.find("answer/feedback")
    assert [f.get("name") for f in feedback.findall("file")] == ["toinen.png"]
    assert "asset:" not in questions_xml(tricky).decode()


def test_a_percent_encoded_asset_key_finds_its_image(tricky) -> None:
    from dataclasses import replace

    first = tricky.chapters[0]
    question = first.questions[0]
    encoded = replace(question, text_html='<p><img src="asset:images/ik%C3%A4ihminen%20ja%20tabletti.png" alt="x"></p>')
    course = replace(tricky, chapters=(replace(first, questions=(encoded,)), *tricky.chapters[1:]))
    text = etree.fromstring(questions_xml(course)).find("question[@type='multichoice']/questiontext")
    assert [f.get("name") for f in text.findall("file")] == ["ikäihminen ja tabletti.png"]


@pytest.mark.parametrize("fraction, percent", [(1.0, "100"), (0.5, "50"), (-0.5, "-50"), (0.3333333, "33.33333"),
                                               (1 / 3, "33.33333"), (-1 / 3, "-33.33333"), (0.1428571, "14.28571"),
                                               (0.0, "0")])
def test_fractions_are_the_percentages_moodles_grade_list_has(fraction, percent) -> None:
    from builder.writers.questions_xml import _percent

    assert _percent(fraction) == percent


def test_texts_with_markup_are_cdata_so_that_moodles_importer_keeps_their_spaces(course) -> None:
    """Moodle's importer (lib/xmlize.php) drops every whitespace-only piece of text the XML parser
    hands over, and the parser cuts text at each entity: '&lt;/em&gt; &lt;b&gt;' would come back
    as '</em><b>'. Moodle's own exporter writes such texts as CDATA; so do we."""
    raw = questions_xml(course).decode()
    texts = re.findall(r"<text>(.*?)</text>", raw, flags=re.S)
    assert texts and all(t.startswith("<![CDATA[") or "&" not in t for t in texts)
    assert '<text><![CDATA[Mitkä ovat huijauksen merkkejä? ]]]]><![CDATA[> & "lainaus"]]></text>' in raw
    assert read_back(raw.encode())[1]["text"] == 'Mitkä ovat huijauksen merkkejä? ]]> & "lainaus"'


def test_a_large_photo_travels_column_sized_as_a_jpeg(make_course) -> None:
    from conftest import chapter, course_of, photo

    body = "Tekstiä.\n\n```kysymys\nMikä kuvassa? ![Puisto](images/puisto.png)\n- [x] Puisto\n- [ ] Meri\n```\n"
    course = course_of(make_course({"01-luku.md": chapter(body), "images/puisto.png": photo(1800, 1200)}))
    text = etree.fromstring(questions_xml(course)).find("question[@type='multichoice']/questiontext")
    assert '<img alt="Puisto" src="@@PLUGINFILE@@/puisto.jpg" width="1600" height="1067">' in text.findtext("text")
    [image] = text.findall("file")
    assert image.get("name") == "puisto.jpg"
    assert base64.b64decode(image.text).startswith(b"\xff\xd8") and len(image.text) < 700_000
