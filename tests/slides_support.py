"""The slide tests' fixture course (tests/roots/slides) and helpers to build its deck once per module."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

from builder.diagnostics import Report
from builder.model import Course
from builder.readers.course import read_course

ROOT = Path(__file__).parent / "roots" / "slides" / "course"


def fixture_course(question_slides: bool = True) -> Course:
    report = Report()
    course = read_course(ROOT, report)
    assert course is not None, [str(d) for d in report]
    assert not report.warnings, [str(d) for d in report]
    if not question_slides:
        course = replace(course, meta=replace(course.meta, slides=replace(course.meta.slides, question_slides=False)))
    return course


def copy_fixture(target: Path) -> Path:
    shutil.copytree(ROOT, target)
    return target


def build_slides(course: Course, folder: Path) -> tuple[dict[str, Path], Report]:
    from builder.writers.slides import write

    folder.mkdir(parents=True, exist_ok=True)
    report = Report(course.meta.language)
    return write(course, folder, {}, report), report


def words(text: str) -> str:
    return " ".join(text.split())


def note_markers(course: Course) -> list[str]:
    """The fixture's speaker notes each carry a marker word such as PUHUJA-ALFA."""
    markers = []
    for chapter in course.chapters:
        for slide in chapter.slides:
            markers.extend(re.findall(r"PUHUJA-[A-Z]+", slide.notes_html))
    return markers
