"""The sample course in course/, read by the real reader, as a Moodle backup in both layouts."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from builder.diagnostics import Report
from builder.mbz_inspect import inspect_backup
from moodle_factory import build_mbz, make_pdf, read_mbz

COURSE = Path(__file__).resolve().parents[1] / "course"


@pytest.fixture(scope="module")
def course():
    reader = pytest.importorskip("builder.readers.course")
    if not (COURSE / "course.yml").exists():
        pytest.skip("no sample course yet")
    report = Report()
    course = reader.read_course(COURSE, report)
    assert course is not None and not report.errors, [str(d) for d in report]
    return course


@pytest.fixture(scope="module", params=["page", "book"])
def built(request, course, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(request.param)
    course = replace(course, meta=replace(course.meta, moodle=replace(course.meta.moodle, layout=request.param)))
    products = {
        "booklet-pdf": make_pdf(tmp / f"{course.meta.short_name}-booklet.pdf", "booklet"),
        "slides-pdf": make_pdf(tmp / f"{course.meta.short_name}-slides.pdf", "slides"),
    }
    mbz, report = build_mbz(course, tmp / "out", products)
    return course, mbz, read_mbz(mbz), report


def test_builds_without_diagnostics_or_faults(built):
    course, mbz, _, report = built
    assert list(report) == []
    result = inspect_backup(mbz)
    assert result.faults == []
    assert f"Sections: {len(course.chapters) + 1}," in result.lines[2]


def test_every_image_of_the_course_is_in_the_backup(built):
    course, _, entries, _ = built
    used = {key for chapter in course.chapters for key in chapter.asset_keys}
    hashes = {course.assets.get(k, course.assets.get(re.sub("%20", " ", k))) for k in used}
    pooled = {p.rsplit("/", 1)[1] for p, d in entries.items() if p.startswith("files/") and d is not None}
    assert {a.sha1 for a in hashes if a is not None} <= pooled
    assert "asset:" not in "".join(d.decode() for p, d in entries.items() if d and p.endswith(".xml"))


def test_every_chapter_link_lands_on_an_existing_activity_and_anchor(built):
    _, _, entries, _ = built
    texts: dict[str, str] = {}  # 'page:CMID' or 'book:CMID:CHAPTER' -> HTML
    for path, data in entries.items():
        if not (data and re.fullmatch(r"activities/(page|book)_\d+/(page|book)\.xml", path)):
            continue
        root = etree.fromstring(data)
        cmid = root.get("moduleid")
        if root.get("modulename") == "page":
            texts[f"page:{cmid}"] = root.findtext("page/content")
        else:
            for chapter in root.findall("book/chapters/chapter"):
                texts[f"book:{cmid}:{chapter.get('id')}"] = chapter.findtext("content")
    links = 0
    for here, text in texts.items():
        assert "chapter:" not in text
        for element in lxml_html.fragment_fromstring(text, create_parent="div").iter("a"):
            href = element.get("href", "")
            match = re.fullmatch(r"\$@(?:PAGEVIEWBYID\*(\d+)|BOOKVIEWBYIDCH\*(\d+)\*(\d+))@\$(?:#(.+))?", href)
            if href.startswith("#"):
                target, anchor = here, href[1:]
            elif match:
                page, book, chapter, anchor = match.groups()
                target = f"page:{page}" if page else f"book:{book}:{chapter}"
            else:
                assert href.startswith(("http://", "https://", "mailto:")), href
                continue
            links += 1
            assert target in texts, href
            if anchor:
                assert f'id="{anchor}"' in texts[target], f"{here}: {href}: no such anchor in {target}"
    assert links >= 10


def test_every_question_of_the_course_is_in_its_chapters_quiz(built):
    course, _, entries, _ = built
    entry_ids = {e.get("id"): e.findtext("idnumber") for e in etree.fromstring(entries["questions.xml"]).iter(
        "question_bank_entry")}
    quizzes = {}
    for path, data in entries.items():
        if data and re.fullmatch(r"activities/quiz_\d+/quiz\.xml", path):
            module = etree.fromstring(entries[path.replace("quiz.xml", "module.xml")])
            slots = etree.fromstring(data).findall("quiz/question_instances/question_instance")
            quizzes[int(module.findtext("sectionnumber"))] = [
                entry_ids[s.findtext("question_reference/questionbankentryid")] for s in slots]
    assert quizzes == {c.number: [q.id for q in c.questions] for c in course.chapters if c.questions}
