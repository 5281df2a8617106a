"""One authoring slip never moves or loses content without a word.

Hypothesis writes small valid courses (paragraphs, lists, slides with notes, questions with
feedback), each word unique, and checks they read without a diagnostic. Then it makes ONE slip a
trainer makes (deletes a fence line, the colon of 'Muistiinpanot:' or 'Palaute:', the blank line
before a list or a block, a front-matter '---') and reads again. Either the reader says something,
or every word still stands where it stood: in the same chapter's text (list item or paragraph),
the same slide's title, body or notes, the same question's text, the same answer (right or
wrong), its feedback, or the general feedback.
"""

from __future__ import annotations

import itertools
import re
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from builder.model import Course

from conftest import examples, read, write_course

SETTINGS = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORD = re.compile(r"\w+")
Place = tuple  # (where, chapter file, item numbers...)


# --- a small valid course, every word unique ------------------------------------------------------


class Words:
    """Hands out words never used before in the course, so each one's place tells where it went."""

    def __init__(self) -> None:
        self._numbers = itertools.count(1)

    def __call__(self, count: int) -> str:
        return " ".join(f"sana{next(self._numbers)}" for _ in range(count))


SIZES = st.integers(min_value=1, max_value=3)


@st.composite
def paragraph(draw, words: Words) -> str:
    return words(draw(SIZES)).capitalize() + "."


@st.composite
def bullet_list(draw, words: Words) -> str:
    return "\n".join(f"- {words(draw(SIZES))}" for _ in range(draw(st.integers(2, 3))))


@st.composite
def slides_block(draw, words: Words) -> str:
    slides = []
    for _ in range(draw(st.integers(1, 2))):
        lines = [f"## {words(draw(SIZES)).capitalize()}"]
        if draw(st.booleans()):
            lines.append(draw(paragraph(words)) + "\n")
        lines.append(draw(bullet_list(words)))
        if draw(st.booleans()):
            lines.append(f"\nMuistiinpanot:\n{draw(paragraph(words))}")
        slides.append("\n".join(lines))
    return "```slides\n" + "\n\n---\n\n".join(slides) + "\n```"


@st.composite
def question_block(draw, words: Words) -> str:
    count = draw(st.integers(2, 3))
    right = draw(st.integers(0, count - 1))
    lines = [words(draw(SIZES)).capitalize() + "?"]
    for number in range(count):
        lines.append(f"- [{'x' if number == right else ' '}] {words(draw(SIZES))}")
        if draw(st.booleans()):
            lines.append(f"  > {words(draw(SIZES)).capitalize()}.")
    if draw(st.booleans()):
        lines.append(f"Palaute: {words(draw(SIZES)).capitalize()}.")
    return "```kysymys\n" + "\n".join(lines) + "\n```"


@st.composite
def chapter_text(draw, words: Words, number: int) -> str:
    parts = [draw(st.one_of(paragraph(words), bullet_list(words)))]
    kinds = st.sampled_from([paragraph, paragraph, bullet_list, slides_block, question_block])
    for kind in draw(st.lists(kinds, min_size=1, max_size=5)):
        parts.append(draw(kind(words)))
    return f"---\ntitle: Luku {number}\nsummary: Tiivistelmä.\n---\n\n" + "\n\n".join(parts) + "\n"


@st.composite
def courses(draw) -> dict[str, str]:
    words = Words()
    return {f"0{n}-luku{n}.md": draw(chapter_text(words, n)) for n in range(1, draw(st.integers(1, 3)) + 1)}


# --- the slips ------------------------------------------------------------------------------------


FENCE_LINE = re.compile(r"^(`{3,}|~{3,})")
LABEL = re.compile(r"^(Muistiinpanot|Palaute):")


def slips(text: str) -> list[tuple[str, str]]:
    """(what was done, the text after it) for every slip this chapter offers."""
    lines = text.split("\n")
    found = []
    for i, line in enumerate(lines):
        if FENCE_LINE.match(line):
            found.append((f"delete the fence line {i + 1}", _without(lines, i)))
        if LABEL.match(line):
            found.append((f"delete the colon on line {i + 1}", _replaced(lines, i, line.replace(":", "", 1))))
        if line == "---" and i in (0, 4 - 1):
            found.append((f"delete the front-matter '---' on line {i + 1}", _without(lines, i)))
        if not line and 0 < i < len(lines) - 1 and lines[i - 1].strip() and i > 4:
            after = lines[i + 1]
            if after.startswith("- ") and not lines[i - 1].startswith("- "):
                found.append((f"delete the blank line {i + 1} before a list", _without(lines, i)))
            elif FENCE_LINE.match(after):
                found.append((f"delete the blank line {i + 1} before a block", _without(lines, i)))
    return found


def _without(lines: list[str], i: int) -> str:
    return "\n".join(lines[:i] + lines[i + 1 :])


def _replaced(lines: list[str], i: int, line: str) -> str:
    return "\n".join(lines[:i] + [line] + lines[i + 1 :])


# --- where every word stands in the model ---------------------------------------------------------


def places(course: Course) -> Counter:
    """Every word of the course with where it stands, counted."""
    found: Counter = Counter()
    for chapter in course.chapters:
        source = chapter.source
        for block in chapter.blocks:
            found.update(_html_words(block.html, ("text", source)))
        for s, slide in enumerate(chapter.slides):
            found.update((word, ("slide title", source, s)) for word in WORD.findall(slide.title))
            found.update(_html_words(slide.body_html, ("slide body", source, s)))
            found.update(_html_words(slide.notes_html, ("notes", source, s)))
        for q, question in enumerate(chapter.questions):
            found.update(_html_words(question.text_html, ("question", source, q)))
            found.update(_html_words(question.general_feedback_html, ("general feedback", source, q)))
            for a, answer in enumerate(question.answers):
                right = "right answer" if answer.correct else "wrong answer"
                found.update(_html_words(answer.text_html, (right, source, q, a)))
                found.update(_html_words(answer.feedback_html, ("answer feedback", source, q, a)))
    return found


def _html_words(html: str, place: Place) -> list[tuple[str, Place]]:
    """Each word of ``html`` at ``place``, a list item's marked as such: a list run into a paragraph moves."""
    if not html.strip():
        return []
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    words = []
    for node in root.iter():
        in_list = any(a.tag == "li" for a in itertools.chain([node], node.iterancestors()))
        where = place + (("list item",) if in_list else ())
        words += [(w, where) for w in WORD.findall(node.text or "")]
        if node is not root:  # a node's tail belongs to its parent
            parent_in_list = any(a.tag == "li" for a in node.iterancestors())
            tail_place = place + (("list item",) if parent_in_list else ())
            words += [(w, tail_place) for w in WORD.findall(node.tail or "")]
    return words


def read_files(files: dict[str, str]) -> tuple[Course | None, list[str]]:
    with tempfile.TemporaryDirectory() as folder:
        course, report = read(write_course(Path(folder) / "course", files))
        return course, [str(d) for d in report]


# --- the property ---------------------------------------------------------------------------------


@st.composite
def slipped_courses(draw) -> tuple[dict[str, str], str, dict[str, str]]:
    files = draw(courses())
    offered = [(name, what, text) for name in sorted(files) for what, text in slips(files[name])]
    name, what, text = draw(st.sampled_from(offered))
    return files, f"{name}: {what}", {**files, name: text}


@SETTINGS
@given(slipped_courses())
def test_one_slip_is_reported_or_changes_nothing(case):
    files, slip, slipped = case
    original, problems = read_files(files)
    assert problems == [] and original is not None, files
    course, problems = read_files(slipped)
    if problems:
        return
    assert course is not None
    moved = places(original) - places(course)
    appeared = places(course) - places(original)
    assert (dict(moved), dict(appeared)) == ({}, {}), f"{slip}, silently:\n{slipped}"


# --- the slips by name, so a failure says which one -----------------------------------------------


GOOD = {
    "01-luku.md": (
        "---\ntitle: Luku\nsummary: Tiivistelmä.\n---\n\nSana1 sana2.\n\n- sana3\n- sana4\n\n"
        "```slides\n## Sana5\n- sana6\n\nMuistiinpanot:\nSana7.\n```\n\n"
        "```kysymys\nSana8?\n- [x] sana9\n  > Sana10.\n- [ ] sana11\nPalaute: Sana12.\n```\n\n"
        "```kysymys\nSana13?\n- [ ] sana14\n- [x] sana15\n```\n"
    ),
}


@pytest.mark.parametrize("what, text", slips(GOOD["01-luku.md"]), ids=[w for w, _ in slips(GOOD["01-luku.md"])])
def test_each_slip_of_a_sample_chapter_is_reported_or_changes_nothing(what, text):
    original, problems = read_files(GOOD)
    assert problems == []
    course, problems = read_files({"01-luku.md": text})
    if not problems:
        assert (dict(places(original) - places(course)), dict(places(course) - places(original))) == ({}, {})
