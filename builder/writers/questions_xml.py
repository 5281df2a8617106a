"""The self-check questions in Moodle XML question format: ``output/<short-name>-questions.xml``.

For teachers who import the questions into an existing course's question bank (Question bank ›
Import › Moodle XML). One category per chapter; the elements follow Moodle's own exporter
(question/format/xml/format.php).
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Mapping
from urllib.parse import quote

from lxml import etree

from builder.diagnostics import Report
from builder.html_rewrite import rewrite_urls
from builder.model import Course, Question

# Moodle's defaults for a new multichoice question, in the course language where we know it.
COMBINED_FEEDBACK = {
    "fi": ("Vastauksesi on oikein.", "Vastauksesi on osittain oikein.", "Vastauksesi on väärin."),
    "sv": ("Ditt svar är rätt.", "Ditt svar är delvis rätt.", "Ditt svar är fel."),
    "en": ("Your answer is correct.", "Your answer is partially correct.", "Your answer is incorrect."),
}


def category_path(course: Course, chapter_number: int, chapter_title: str) -> str:
    return f"$course$/top/{chapter_number}. {chapter_title}"


def write(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    if not course.questions:
        return {}
    target = staging / f"{course.meta.short_name}-questions.xml"
    target.write_bytes(questions_xml(course))
    return {"questions-xml": target}


def questions_xml(course: Course) -> bytes:
    quiz = etree.Element("quiz")
    for chapter in course.chapters:
        if not chapter.questions:
            continue
        category = _element(quiz, "question", type="category")
        _text(_element(category, "category"), category_path(course, chapter.number, chapter.title))
        _text(_element(category, "info", format="html"), chapter.summary)
        _element(category, "idnumber")
        for question in chapter.questions:
            quiz.append(_question(course, question))
    return etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _question(course: Course, question: Question) -> etree._Element:
    kind = "truefalse" if question.kind == "truefalse" else "multichoice"
    element = etree.Element("question", type=kind)
    _text(_element(element, "name"), question.name)
    _html(element, "questiontext", question.text_html, course)
    _html(element, "generalfeedback", question.general_feedback_html, course)
    _element(element, "defaultgrade").text = "1.0000000"
    _element(element, "penalty").text = "1.0000000" if kind == "truefalse" else "0.3333333"
    _element(element, "hidden").text = "0"
    _element(element, "idnumber").text = question.id
    if kind == "multichoice":
        _element(element, "single").text = "true" if question.kind == "single" else "false"
        _element(element, "shuffleanswers").text = "true"
        _element(element, "answernumbering").text = "abc"
        _element(element, "showstandardinstruction").text = "0"
        correct, partial, incorrect = COMBINED_FEEDBACK.get(course.meta.language, COMBINED_FEEDBACK["en"])
        _text(_element(element, "correctfeedback", format="html"), correct)
        _text(_element(element, "partiallycorrectfeedback", format="html"), partial)
        _text(_element(element, "incorrectfeedback", format="html"), incorrect)
        _element(element, "shownumcorrect")
        for answer in question.answers:
            node = _element(element, "answer", fraction=_percent(answer.fraction), format="html")
            _fill(node, answer.text_html, course)
            _html(node, "feedback", answer.feedback_html, course)
    else:
        for answer in sorted(question.answers, key=lambda a: a.text_html.lower() not in ("tosi", "true", "sant")):
            is_true = answer.text_html.lower() in ("tosi", "true", "sant")
            node = _element(element, "answer", fraction="100" if answer.correct else "0", format="moodle_auto_format")
            _text(node, "true" if is_true else "false")
            _html(node, "feedback", answer.feedback_html, course)
    return element


def _percent(fraction: float) -> str:
    percent = round(fraction * 100, 5)
    return str(int(percent)) if percent == int(percent) else f"{percent:.5f}".rstrip("0")


def _plugin_urls(html: str, course: Course, files: dict[str, str]) -> str:
    def asset_url(key: str) -> str:
        asset = course.assets[key]
        files[asset.filename] = base64.b64encode(asset.path.read_bytes()).decode("ascii")
        return "@@PLUGINFILE@@/" + quote(asset.filename)

    # A question bank has no chapters to link to: a link to a chapter keeps its text only.
    return rewrite_urls(html, asset_url, lambda chapter_id, anchor: "")


def _html(parent: etree._Element, tag: str, html: str, course: Course) -> None:
    _fill(_element(parent, tag, format="html"), html, course)


def _fill(element: etree._Element, html: str, course: Course) -> None:
    """The text of ``element`` and, as Moodle's exporter does, the images it shows as <file>s."""
    files: dict[str, str] = {}
    _text(element, _plugin_urls(html, course, files))
    for name in sorted(files):
        _element(element, "file", name=name, path="/", encoding="base64").text = files[name]


def _element(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, tag, attributes)


def _text(parent: etree._Element, value: str) -> None:
    etree.SubElement(parent, "text").text = value
