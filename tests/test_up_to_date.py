"""A build with nothing to do: same inputs, outputs untouched since the last build -> nothing is written."""

from __future__ import annotations

import os
import types

import pytest

import builder.build
from builder import reuse, up_to_date
from builder.build import build
from builder.diagnostics import Report

from conftest import chapter, png


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """Two fake writers (b needs a) that note each run in a file outside the output folder."""
    runs = tmp_path / "runs.txt"

    def writer(name):
        def write(course, staging, products, report):
            with runs.open("a", encoding="utf-8") as log:
                log.write(name + "\n")
            path = staging / f"{name}.txt"
            path.write_text(f"{name}: {course.meta.title}", encoding="utf-8")
            return {name: path}
        return write

    table = {name: types.SimpleNamespace(write=writer(name), needs=needs, preload=(), programs=(), late_imports=(), beside_reading=(),
                                         writes=lambda course: True) for name, needs in (("a", ()), ("b", ("a",)))}
    monkeypatch.setattr(builder.build, "WRITERS", {name: f"fake.{name}" for name in table})
    monkeypatch.setattr(builder.build, "load", lambda name: table[name])
    return lambda: runs.read_text(encoding="utf-8").split() if runs.exists() else []


def stamps(folder):
    return {path.name: (path.stat().st_mtime_ns, path.read_bytes()) for path in sorted(folder.iterdir())}


def test_building_again_without_a_change_writes_nothing_and_says_the_same(make_course, tmp_path, counted):
    course = make_course({"01-alku.md": chapter("Teksti.\n").replace("---\n\n", "vari: sininen\n---\n\n")})
    output = tmp_path / "output"
    first = build(course, output, Report(root="kurssi"))
    before = stamps(output)
    again = Report(root="kurssi")
    second = build(course, output, again)
    assert first.ok and not first.up_to_date and counted() == ["a", "b"]
    assert second.ok and second.up_to_date and counted() == ["a", "b"]  # no writer ran the second time
    assert stamps(output) == before
    assert second.written == first.written
    assert [str(d) for d in again] == [str(d) for d in first.report] == [
        "kurssi/01-alku.md:4: key-unknown (varoitus): Tuntematon asetus 'vari' jätetään huomiotta. "
        "Tarkista kirjoitusasu."]


# What a change makes again (builder.reuse): the jobs whose inputs it reaches, the jobs those need
# (b needs a), and a job whose file in output/ is not as it was made; nothing for a file no writer reads.
CHANGES = {"chapter": ["a", "b"], "new file": [], "asset": ["a", "b"], "theme": ["a", "b"], "code": ["a", "b"],
           "date": ["a", "b"], "output edited": ["a"], "output removed": ["a", "b"], "other outputs": [],
           "strict": ["a", "b"], "record damaged": [], "job record damaged": ["a", "b"]}


@pytest.mark.parametrize("change", list(CHANGES))
def test_any_change_means_the_build_runs_and_makes_again_what_it_reaches(make_course, tmp_path, counted, change,
                                                                         monkeypatch):
    course = make_course({"kuva.png": png(), "01-alku.md": chapter("![Kuva](kuva.png)\n", title="Alku")})
    output = tmp_path / "output"
    code = tmp_path / "builder"  # stands in for the package: a new coursebuild writes other bytes
    code.mkdir()
    (code / "writer.py").write_text("VERSION = 1\n", encoding="utf-8")
    monkeypatch.setattr(up_to_date, "PACKAGE", code)
    assert build(course, output, Report()).ok
    only, strict = None, False
    if change == "chapter":
        (course / "01-alku.md").write_text(chapter("![Kuva](kuva.png)\n\nToinen teksti.\n", title="Alku"),
                                           encoding="utf-8")
    elif change == "new file":  # no writer reads it: the course has no theme of its own that could name it
        (course / "muistiinpano.txt").write_text("x", encoding="utf-8")
    elif change == "asset":
        (course / "kuva.png").write_bytes(png(5, 5))
    elif change == "theme":
        (tmp_path / "assets" / "theme").mkdir(parents=True)
        (tmp_path / "assets" / "theme" / "booklet.css").write_text("body { color: black }", encoding="utf-8")
    elif change == "code":
        (code / "writer.py").write_text("VERSION = 2\n", encoding="utf-8")
    elif change == "date":
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the outputs' dates come from it
    elif change == "output edited":
        (output / "a.txt").write_text("muokattu", encoding="utf-8")
    elif change == "output removed":
        (output / "b.txt").unlink()
    elif change == "other outputs":
        only = ["a"]
    elif change == "strict":
        strict = True
    elif change == "record damaged":
        up_to_date.record_path(output).write_text("{", encoding="utf-8")
    elif change == "job record damaged":  # with a change the build's own record sees, which the jobs do not
        reuse.record_path(output).write_text("{", encoding="utf-8")
        (course / "muistiinpano.txt").write_text("x", encoding="utf-8")
    result = build(course, output, Report(), only=only, strict=strict)
    assert result.ok and not result.up_to_date
    assert counted()[2:] == CHANGES[change]
    assert (output / "a.txt").read_text(encoding="utf-8") == "a: Testikurssi"
    assert sorted(p.name for p in result.written + result.reused) == (["a.txt"] if only else ["a.txt", "b.txt"])
    assert build(course, output, Report(), only=only, strict=strict).up_to_date  # and then nothing to do


def test_a_failed_build_leaves_no_record_to_skip_with(make_course, tmp_path, counted):
    course = make_course()
    output = tmp_path / "output"
    assert build(course, output, Report()).ok
    (course / "course.yml").write_text("title: [\n", encoding="utf-8")
    assert not build(course, output, Report()).ok
    broken = Report()
    assert not build(course, output, broken).ok and broken.errors  # still reported, never skipped


def test_the_record_lives_outside_the_output_folder_and_names_files_relative_to_the_course(make_course, tmp_path,
                                                                                            counted):
    course = make_course({"01-alku.md": chapter("Teksti.\n").replace("---\n\n", "vari: sininen\n---\n\n")})
    output = tmp_path / "output"
    build(course, output, Report(root="/polku/kurssi"))
    assert sorted(path.name for path in output.iterdir()) == ["a.txt", "b.txt"]
    record = up_to_date.record_path(output)
    assert record.is_relative_to(os.environ["XDG_CACHE_HOME"])
    assert '"path": "01-alku.md"' in record.read_text(encoding="utf-8")
    shown = Report(root="toinen")
    assert build(course, output, shown).up_to_date
    assert [d.path for d in shown] == ["toinen/01-alku.md"]


def test_a_cache_that_cannot_be_written_costs_only_the_skip(make_course, tmp_path, counted, monkeypatch):
    blocked = tmp_path / "ei-kansio"
    blocked.write_text("tiedosto, ei kansio", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    course = make_course()
    output = tmp_path / "output"
    assert build(course, output, Report()).ok
    assert not build(course, output, Report()).up_to_date
    assert counted() == ["a", "b", "a", "b"]


def test_the_fingerprint_reads_no_pipe_and_follows_no_link(make_course, tmp_path):
    course = make_course()
    outside = tmp_path / "muualla"
    outside.mkdir()
    os.mkfifo(outside / "putki")  # reading it would block forever
    os.mkfifo(course / "putki")
    os.symlink(outside / "putki", course / "linkki")
    os.symlink(outside, course / "kansiolinkki")
    first = up_to_date.fingerprint(course, tmp_path / "assets", ["a"], False)
    assert first == up_to_date.fingerprint(course, tmp_path / "assets", ["a"], False)
    os.unlink(course / "linkki")
    os.symlink(outside / "toinen", course / "linkki")
    assert up_to_date.fingerprint(course, tmp_path / "assets", ["a"], False) != first  # where a link points counts


def test_the_program_says_when_nothing_has_changed(make_course, tmp_path):
    from click.testing import CliRunner

    from builder.cli import main

    course = make_course()
    arguments = ["build", str(course), "-o", str(tmp_path / "output"), "--only", "html"]
    assert CliRunner().invoke(main, arguments).exit_code == 0
    again = CliRunner().invoke(main, arguments)
    assert again.exit_code == 0
    assert "Mikään ei ole muuttunut edellisen kokoamisen jälkeen" in again.stderr
    assert again.stdout.strip().endswith("testikurssi.html")


def test_an_unreadable_file_means_no_fingerprint_and_no_traceback(make_course, tmp_path, monkeypatch):
    course = make_course()
    secret = course / "salainen.txt"
    secret.write_text("x", encoding="utf-8")
    real_open = open
    monkeypatch.setattr("builtins.open", lambda path, *a, **k: (_ for _ in ()).throw(PermissionError(13, "ei lupaa"))
                        if str(path) == str(secret) else real_open(path, *a, **k))
    assert up_to_date.fingerprint(course, tmp_path / "assets", ["a"], False) is None
