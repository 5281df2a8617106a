"""The benchmark's floor renders the same booklet as the booklet writer, or its ratio means nothing.

bench/floor.py fills the package's booklet template by bare Markdown and regular expressions; here
its HTML is compared with the writer's print HTML element by element kind, so that a change to the
template, the theme or the sample course that the floor does not follow is caught.
"""

from __future__ import annotations

import collections
import importlib.util
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from builder.diagnostics import Report
from builder.pdf.render import asset_url
from builder.pdf.print_html import prepare_for_print
from builder.readers.course import read_course
from builder.writers.booklet.html import booklet_html

ROOT = Path(__file__).resolve().parent.parent


def _floor():
    spec = importlib.util.spec_from_file_location("bench_floor", ROOT / "bench" / "floor.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shape(html: str) -> collections.Counter:
    """How many of each structural element and class the booklet has."""
    tree = lxml.html.fromstring(html)
    counted = collections.Counter()
    for element in tree.iter("h1", "h2", "h3", "figure", "figcaption", "table", "img", "li", "section"):
        counted[element.tag] += 1
    for name in ("callout", "callout-tip", "callout-warning", "question", "answer", "chapter", "toc-list",
                 "cover", "colophon", "back-cover", "answer-key", "correct"):
        counted[name] = len(tree.find_class(name))
    return counted


def test_the_floor_renders_the_same_booklet_as_the_writer():
    course = read_course(ROOT / "course", Report("fi", ""))
    ours = prepare_for_print(booklet_html(course, "print", asset_url, ""), "fi")
    floor = _floor().booklet_html(ROOT / "course")
    assert _shape(floor) == _shape(ours)
    assert _shape(ours)["h2"] > 20  # the comparison compares something


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc is a benchmark peer: `apt-get install pandoc`")
def test_pandoc_reads_the_same_booklet_as_the_writer_renders(tmp_path):
    """The bench's pandoc-booklet row: pandoc's HTML has the chapters, headings, pictures, boxes,
    tables and list items (questions, options, answers) of ours, so its time is for the same work."""
    course = read_course(ROOT / "course", Report("fi", ""))
    ours = _shape(prepare_for_print(booklet_html(course, "print", asset_url, ""), "fi"))
    _floor().pandoc_booklet(ROOT / "course", tmp_path)
    subprocess.run(["pandoc", str(tmp_path / "booklet.md"), "--from", "markdown", "--standalone", "--template",
                    str(tmp_path / "template.html"), "--metadata", "title=x", "-o", str(tmp_path / "booklet.html")],
                   check=True)
    theirs = _shape((tmp_path / "booklet.html").read_text(encoding="utf-8"))
    kept = ("h1", "h2", "h3", "figure", "figcaption", "table", "img", "li", "callout", "callout-tip",
            "callout-warning", "chapter", "toc-list", "cover", "colophon", "back-cover", "answer-key")
    assert {k: theirs[k] for k in kept} == {k: ours[k] for k in kept}
    assert ours["li"] > 100
