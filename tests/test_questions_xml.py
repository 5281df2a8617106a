"""The Moodle XML question export parses and round-trips every question of the course."""

from __future__ import annotations

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
