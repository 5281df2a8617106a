"""The self-check questions in Moodle XML question format: ``output/<short-name>-questions.xml``.

For teachers who import the questions into an existing course's question bank (Question bank ›
Import › Moodle XML). One category per chapter; the elements follow Moodle's own exporter
(question/format/xml/format.php).
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path
from typing import Mapping
from urllib.parse import quote, unquote

from lxml import etree
from lxml import html as lxml_html

from builder.diagnostics import Report
from builder.html_rewrite import rewrite_urls
from builder.model import CHAPTER_SCHEME, Chapter, Course, Question
from builder.web_images import column_image
from builder.writers.moodle.labels import combined_feedback
from builder.writers.moodle.question_bank import TRUE_WORDS, category_name, moodle_fraction, question_name
from builder.writers.moodle.question_bank_xml import PENALTY
from builder.writers.moodle.xmlnode import XML_CONTROL


def category_path(chapter: Chapter) -> str:
    """The chapter's category in the importing course's bank, named as in the course backup.
    Moodle splits a path at '/', so a '/' in the name is written '//' as Moodle's exporter does."""
    return "$course$/top/" + category_name(chapter).replace("/", "//")


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
        _text(_element(category, "category"), category_path(chapter))
        _text(_element(category, "info", format="html"), f"<p>{escape(chapter.summary, quote=False)}</p>")
        _element(category, "idnumber")
        for question in chapter.questions:
            quiz.append(_question(course, question))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(_serialise(quiz)) + "\n").encode("utf-8")


def _serialise(element: etree._Element, level: int = 0) -> list[str]:
    """The lines of ``element`` as Moodle's exporter writes them: a text with markup in a CDATA
    section. Moodle's importer (lib/xmlize.php) drops every whitespace-only piece of text its XML
    parser hands over, and the parser cuts text at each entity, so '&lt;/b&gt; &lt;i&gt;' would
    come back as '</b><i>': two words run together."""
    pad = "  " * level
    attributes = "".join(f' {name}="{escape(value)}"' for name, value in element.attrib.items())
    start, end = f"{pad}<{element.tag}{attributes}>", f"</{element.tag}>"
    text = _cdata(element.text or "")
    if not len(element):
        return [start + text + end]
    lines = [start + text]
    for child in element:
        lines += _serialise(child, level + 1)
    return lines + [pad + end]


def _cdata(text: str) -> str:
    """qformat_xml::xml_escape(): text that htmlspecialchars() would change goes into CDATA, a
    ']]>' inside it split over two sections."""
    if not any(c in text for c in "<>&\"'"):
        return text
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _question(course: Course, question: Question) -> etree._Element:
    kind = "truefalse" if question.kind == "truefalse" else "multichoice"
    element = etree.Element("question", type=kind)
    _text(_element(element, "name"), question_name(question))
    _html(element, "questiontext", question.text_html, course)
    _html(element, "generalfeedback", question.general_feedback_html, course)
    _element(element, "defaultgrade").text = "1.0000000"
    _element(element, "penalty").text = PENALTY[kind]
    _element(element, "hidden").text = "0"
    _element(element, "idnumber").text = question.id
    if kind == "multichoice":
        _element(element, "single").text = "true" if question.kind == "single" else "false"
        _element(element, "shuffleanswers").text = "true"
        _element(element, "answernumbering").text = "abc"
        _element(element, "showstandardinstruction").text = "0"
        correct, partial, incorrect = combined_feedback(course.meta.language)
        _text(_element(element, "correctfeedback", format="html"), correct)
        _text(_element(element, "partiallycorrectfeedback", format="html"), partial)
        _text(_element(element, "incorrectfeedback", format="html"), incorrect)
        _element(element, "shownumcorrect")
        for answer in question.answers:
            node = _element(element, "answer", fraction=_percent(answer.fraction), format="html")
            _fill(node, answer.text_html, course)
            _html(node, "feedback", answer.feedback_html, course)
    else:
        for answer in sorted(question.answers, key=lambda a: a.text_html.lower() not in TRUE_WORDS):
            is_true = answer.text_html.lower() in TRUE_WORDS
            node = _element(element, "answer", fraction="100" if answer.correct else "0", format="moodle_auto_format")
            _text(node, "true" if is_true else "false")
            _html(node, "feedback", answer.feedback_html, course)
    return element


def _percent(fraction: float) -> str:
    """Moodle's fraction as a percentage (the importer divides by 100): 0.3333333 -> '33.33333'."""
    percent = round(float(moodle_fraction(fraction)) * 100, 5)
    return str(int(percent)) if percent == int(percent) else f"{percent:.5f}".rstrip("0")


def _plugin_urls(html: str, course: Course, files: dict[str, str]) -> str:
    def asset_url(key: str) -> str:
        # The reader's HTML serialiser may have percent-encoded the key ('ik%C3%A4ihminen.png').
        asset = course.assets.get(key) or course.assets.get(unquote(key))
        if asset is None:  # the reader has reported it already
            return key
        picture = column_image(asset)
        files[picture.filename] = base64.b64encode(picture.data).decode("ascii")
        return "@@PLUGINFILE@@/" + quote(picture.filename)

    def image_size(key: str) -> tuple[int | None, int | None]:
        asset = course.assets.get(key) or course.assets.get(unquote(key))
        picture = column_image(asset) if asset is not None else None
        return (picture.width, picture.height) if picture else (None, None)

    return rewrite_urls(_without_chapter_links(html), asset_url, lambda chapter_id, anchor: "", image_size)


def _without_chapter_links(html: str) -> str:
    """A question bank has no chapters to link to: a link to a chapter keeps its text only."""
    if CHAPTER_SCHEME not in html:
        return html
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for link in list(root.iter("a")):
        if (link.get("href") or "").startswith(CHAPTER_SCHEME):
            link.drop_tag()
    return (root.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)


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
    etree.SubElement(parent, "text").text = XML_CONTROL.sub("", value)
