"""``coursebuild check`` reads the language editions in a second process while it reads the source
(builder.course_check, parallel=True): the same course, the same diagnostics and the same outcome as
reading everything in one process, whatever the edition or the source gets wrong."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import builder.course_check as course_check
from builder.diagnostics import Report
from builder.readers import editions

from test_translations import BROKEN, MORE_BROKEN, ROOT, apply, run

SAMPLE = Path(__file__).resolve().parent.parent / "course"
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="reading ahead needs fork")


@pytest.fixture(autouse=True)
def two_cores_and_no_reads_kept(monkeypatch):
    monkeypatch.setattr(course_check, "can_fork", lambda jobs=None: True)  # also on a one-core runner
    monkeypatch.setattr(editions, "_READS", {})


def sample(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    shutil.copytree(SAMPLE, folder)
    if (SAMPLE.parent / "assets").is_dir():
        shutil.copytree(SAMPLE.parent / "assets", tmp_path / "assets")
    return folder


def both_ways(folder: Path, strict: bool = False):
    """(course, diagnostics) read in one process, then with the editions read ahead in a second."""
    outcomes = []
    for parallel in (False, True):
        editions._READS.clear()  # nothing kept from the other way's reading
        report = Report(root="course")
        course = course_check.check(folder, report, strict, parallel=parallel)
        outcomes.append((course, [str(d) for d in report], report.language))
    return outcomes


@pytest.fixture
def translated(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    shutil.copytree(ROOT, folder)
    assert run("translated", folder, "sv", "--all")[0] == 0
    return folder


def test_the_sample_course_and_its_editions_read_ahead_are_the_same(tmp_path):
    folder = sample(tmp_path)
    alone, ahead = both_ways(folder)
    assert ahead == alone
    assert len(ahead[0].translations) == 2


def test_the_editions_are_read_in_the_child_not_here(translated, monkeypatch):
    parent, read_here = os.getpid(), []
    real = editions._read_edition_files
    monkeypatch.setattr(editions, "_read_edition_files",
                        lambda *args: (read_here.append(1) if os.getpid() == parent else None) or real(*args))
    course = course_check.check(translated, Report(root="course"), parallel=True)
    assert course is not None and len(course.translations) == 1
    assert read_here == []  # the child's reading was taken as it was


@pytest.mark.parametrize("case", sorted(BROKEN) + sorted(MORE_BROKEN))
def test_what_an_edition_gets_wrong_is_said_the_same_either_way(translated, case):
    edits, _ = BROKEN.get(case) or MORE_BROKEN[case]
    apply(translated, edits)
    alone, ahead = both_ways(translated)
    assert ahead == alone
    strict_alone, strict_ahead = both_ways(translated, strict=True)
    assert strict_ahead == strict_alone


def test_a_source_error_keeps_the_editions_unread_either_way(translated):
    apply(translated, {"01-laite.md": ("title: ", "otsikko: ")})
    alone, ahead = both_ways(translated)
    assert ahead == alone and alone[0] is None
    assert not any("/sv/" in line or line.startswith("course/sv") for line in alone[1])


def test_a_child_that_dies_means_reading_here(translated, monkeypatch):
    parent = os.getpid()
    real = course_check._read_editions
    monkeypatch.setattr(course_check, "_read_editions",
                        lambda *args: real(*args) if os.getpid() == parent else os._exit(3))
    alone, ahead = both_ways(translated)
    assert ahead == alone and alone[0] is not None


def test_a_child_that_read_against_other_source_facts_is_not_taken(translated, monkeypatch):
    """The child reads the source's chapter names and short name from the folder; should they not be
    what reading the source gave, the editions are read here."""
    real = course_check._read_editions

    def other_short_name(*args):
        facts, language, entries, chapters = real(*args)
        return facts.__class__(facts.chapters, "toinen", facts.root, facts.theme_dirs), language, entries, chapters

    monkeypatch.setattr(course_check, "_read_editions", other_short_name)
    parent, read_here = os.getpid(), []
    real_read = editions._read_edition_files
    monkeypatch.setattr(editions, "_read_edition_files",
                        lambda *args: (read_here.append(1) if os.getpid() == parent else None) or real_read(*args))
    alone, ahead = both_ways(translated)
    assert ahead == alone and read_here  # read again here, by the one-process way and then the other


def test_an_edit_between_the_childs_reading_and_the_parents_is_seen(translated, monkeypatch):
    """The child's reading stands only when nothing the edition depends on changed since it read."""
    real = course_check._read_editions

    def then_edited(*args):
        found = real(*args)
        apply(translated, {"sv/02-turva.md": ("- [ ] Sant\n- [x] Falskt", "- [x] Sant\n- [ ] Falskt")})
        return found

    monkeypatch.setattr(course_check, "_read_editions", then_edited)
    report = Report(root="course")
    assert course_check.check(translated, report, parallel=True) is None
    assert [(d.path, d.line, d.code) for d in report] == [("course/sv/02-turva.md", 18, "translation-questions-differ")]


def test_without_fork_or_a_second_core_everything_is_read_here(translated, monkeypatch):
    monkeypatch.setattr(course_check, "can_fork", lambda: False)
    forked = []
    monkeypatch.setattr(course_check._EditionsAhead, "start", classmethod(lambda cls, *a: forked.append(1)))
    report = Report(root="course")
    course = course_check.check(translated, report, parallel=True)
    assert course is not None and len(course.translations) == 1 and forked == []


def test_check_imports_neither_the_build_nor_the_writers_nor_the_renderers(tmp_path):
    """`coursebuild check` must start quickly (issue 21): the readers and the checks only."""
    folder = sample(tmp_path)
    program = ("import sys; from builder.cli import main\n"
               f"try: main(['check', {str(folder)!r}])\n"
               "except SystemExit as end: status = end.code\n"
               "print(status, sorted(m for m in ('builder.build', 'builder.writers.slides.pptx', 'builder.up_to_date', "
               "'builder.staging', 'weasyprint', 'pptx', 'jinja2', 'PIL', 'urllib.request') if m in sys.modules))")
    program = program.replace("'urllib.request')",
                              "'urllib.request', 'markdown', 'yaml', 'builder.writers.slides.continued', 'json',"
                              " 'builder.web_images')")
    # the first check renders every chapter, reads the settings and fits the slides; the second takes every
    # one kept, with no Markdown to render, no YAML to read (PyYAML) and no deck to fit (its modules); json
    # only for a GitLab report (builder.ci_annotations)
    for expected in ("0 ['builder.writers.slides.continued', 'markdown', 'yaml']", "0 []"):
        done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                              cwd=Path(__file__).resolve().parent.parent)
        assert done.stdout.strip().splitlines()[-1] == expected, done.stderr


def test_the_pictures_check_takes_for_shown_the_powerpoint_deck_shows():
    from builder.checks import SHOWN_IN_PPTX
    from builder.model import Asset
    from builder.writers.slides.pptx import shows_in_pptx

    for mimetype in SHOWN_IN_PPTX:
        assert shows_in_pptx(Asset(key="k", path=Path("k"), sha1="0", size=1, mimetype=mimetype, width=1, height=1))


def test_check_twice_renders_again_only_the_chapter_edited_and_says_the_same(tmp_path, monkeypatch):
    """coursebuild check keeps the chapters it read in the cache folder (conftest: one per test)."""
    import builder.readers.course as course_reader

    folder = sample(tmp_path)
    parent, rendered = os.getpid(), []
    real = course_reader._read_chapter
    monkeypatch.setattr(course_reader, "_read_chapter",
                        lambda front, *args: (rendered.append(front.file) if os.getpid() == parent else None)
                        or real(front, *args))
    first = run("check", folder)
    assert first[0] == 0 and len(rendered) == 7  # the source's chapters here, the editions' in the child
    rendered.clear()
    editions._READS.clear()
    assert run("check", folder) == first and rendered == []
    chapter = sorted(folder.glob("0*.md"))[2]
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n![](images/ei-ole.png)\n", encoding="utf-8")
    editions._READS.clear()
    again = run("check", folder)
    assert rendered == [chapter.name]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))
    editions._READS.clear()
    assert again == run("check", folder)  # what a check with nothing kept says
    assert again[0] == 1 and f"{chapter.name}:" in again[2] and "image-missing" in again[2]


def test_modules_beside_reading_are_imported_here_while_the_child_reads_and_change_nothing(translated, monkeypatch):
    """A build with no PDF imports its writers' modules (python-pptx) while the child reads the editions."""
    from builder import build
    from builder.writers import load

    assert "builder.writers.slides.pptx" in load("pptx").beside_reading
    imported: list[tuple[str, bool]] = []
    real_start = course_check._EditionsAhead.start
    started = []
    monkeypatch.setattr(course_check._EditionsAhead, "start",
                        classmethod(lambda cls, *a: started.append(1) or real_start(*a)))
    real_import = course_check.importlib.import_module

    def import_module(name, *args):
        if name == "builder.writers.slides.pptx":
            imported.append((name, bool(started)))
        return real_import(name, *args)

    monkeypatch.setattr(course_check.importlib, "import_module", import_module)
    monkeypatch.delitem(sys.modules, "builder.writers.slides.pptx", raising=False)
    report = Report(root="course")
    course = build._check_for(["pptx"], translated, report, False, 2)
    assert imported == [("builder.writers.slides.pptx", True)]  # after the child started, here
    editions._READS.clear()
    alone = Report(root="course")
    assert course == course_check.check(translated, alone) and [str(d) for d in report] == [str(d) for d in alone]


def test_nothing_is_imported_beside_reading_without_a_second_process(translated, monkeypatch):
    monkeypatch.setattr(course_check, "can_fork", lambda jobs=None: False)
    imported = []
    real_import = course_check.importlib.import_module
    monkeypatch.setattr(course_check.importlib, "import_module",
                        lambda name, *a: imported.append(name) if name == "json" else real_import(name, *a))
    assert course_check.check(translated, Report(root="course"), parallel=True, beside=("json",)) is not None
    assert imported == []
