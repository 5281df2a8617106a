"""Rebuilding after an edit of one language edition (builder.reuse): only the outputs that depend on it are
made again; the other editions' outputs stay in output/ as they were, byte for byte and not rewritten."""

from __future__ import annotations

import shutil
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

import builder.build
from builder import reuse
from builder.build import build
from builder.cli import main
from builder.diagnostics import Report

from conftest import png

ROOT = Path(__file__).resolve().parent / "roots" / "translated" / "course"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A copy of tests/roots/translated (a Finnish source, a Swedish edition), every chapter marked in step."""
    folder = tmp_path / "course"
    shutil.copytree(ROOT, folder)
    assert CliRunner().invoke(main, ["translated", str(folder), "sv", "--all"]).exit_code == 0
    return folder


@pytest.fixture
def ran(monkeypatch, tmp_path):
    """Two fake writers (b needs a) that note each job they run ('sv:a') outside the output folder; a
    also says one warning, and fails when the course's organisation says so."""
    runs = tmp_path / "runs.txt"

    def writer(name):
        def write(course, staging, products, report):
            assert course.translations == ()  # each writer gets its own edition's model, nothing more
            with runs.open("a", encoding="utf-8") as log:
                log.write(f"{course.meta.translation}:{name}\n")
            if name == "a":
                report.add("render-problem", "course.yml", 1, output=name, detail="varoitus " + course.meta.title)
            path = staging / f"{course.meta.translation or 'fi'}-{name}.txt"
            path.write_text(f"{name}: {course.meta.title}: {len(course.chapters[0].blocks)}", encoding="utf-8")
            return {name: path}
        return write

    table = {name: types.SimpleNamespace(write=writer(name), needs=needs, preload=(), programs=(), late_imports=(), beside_reading=(),
                                         builds_without=(), writes=lambda course: True)
             for name, needs in (("a", ()), ("b", ("a",)))}
    monkeypatch.setattr(builder.build, "WRITERS", {name: f"fake.{name}" for name in table})
    monkeypatch.setattr(builder.build, "load", lambda name: table[name])

    def jobs():
        done = runs.read_text(encoding="utf-8").split() if runs.exists() else []
        runs.unlink(missing_ok=True)
        return sorted(done)
    return jobs


def stamps(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Each file's inode, modification time and bytes: a file written again has another inode."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.iterdir())}


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


SOURCE = ["fi-a.txt", "fi-b.txt"]
SWEDISH = ["sv-a.txt", "sv-b.txt"]


def changed(before: dict, after: dict) -> list[str]:
    return sorted(name for name in after if before.get(name) != after[name])


def test_an_edit_of_one_edition_makes_its_outputs_again_and_keeps_the_others(course, tmp_path, ran):
    output = tmp_path / "output"
    assert build(course, output, Report()).ok and ran() == [":a", ":b", "sv:a", "sv:b"]
    first = stamps(output)
    append(course / "sv" / "01-laite.md", "\nEn mening till.\n")
    result = build(course, output, Report())
    assert result.ok and not result.up_to_date
    assert ran() == ["sv:a", "sv:b"]
    second = stamps(output)
    assert changed(first, second) == SWEDISH
    assert sorted(p.name for p in result.written) == SWEDISH
    assert sorted(p.name for p in result.reused) == SOURCE
    append(course / "01-laite.md", "\nVielä yksi lause.\n")  # and the other way round
    assert build(course, output, Report()).ok and ran() == [":a", ":b"]
    assert changed(second, stamps(output)) == SOURCE


@pytest.mark.parametrize("shared", ["inherited setting", "shared picture", "logo", "theme", "code", "strict"])
def test_an_edit_of_what_the_editions_share_makes_every_edition_again(course, tmp_path, ran, shared, monkeypatch):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.png").write_bytes(png())
    code = tmp_path / "package"  # stands in for the coursebuild package
    code.mkdir()
    (code / "writer.py").write_text("VERSION = 1\n", encoding="utf-8")
    monkeypatch.setattr(builder.up_to_date, "PACKAGE", code)
    output = tmp_path / "output"
    assert build(course, output, Report()).ok and len(ran()) == 4
    strict = False
    if shared == "inherited setting":  # sv/course.yml does not say its own organisation
        (course / "course.yml").write_text((course / "course.yml").read_text(encoding="utf-8").replace(
            "organisation: Testiyhdistys ry", "organisation: Toinen yhdistys ry"), encoding="utf-8")
    elif shared == "shared picture":  # the edition has no picture of its own by this name
        assert not (course / "sv" / "images" / "tabletti.png").exists()
        (course / "images" / "tabletti.png").write_bytes(png(7, 5))
    elif shared == "logo":
        (tmp_path / "assets" / "logo.png").write_bytes(png(6, 6))
    elif shared == "theme":
        (tmp_path / "assets" / "theme" / "booklet").mkdir(parents=True)
        (tmp_path / "assets" / "theme" / "booklet" / "booklet.css").write_text("p { color: black }", encoding="utf-8")
    elif shared == "code":
        (code / "writer.py").write_text("VERSION = 2\n", encoding="utf-8")
    elif shared == "strict":
        strict = True
    result = build(course, output, Report(), strict=strict)
    if strict:  # a's warning stops the build: a ran again for each edition it started for, nothing changed
        jobs = ran()
        assert not result.ok and ":a" in jobs and set(jobs) <= {":a", "sv:a"}
    else:
        assert result.ok and ran() == [":a", ":b", "sv:a", "sv:b"]


def test_an_output_deleted_or_edited_in_the_output_folder_is_made_again(course, tmp_path, ran):
    output = tmp_path / "output"
    assert build(course, output, Report()).ok and len(ran()) == 4
    first = stamps(output)
    (output / "sv-b.txt").unlink()
    assert build(course, output, Report()).ok
    assert ran() == ["sv:a", "sv:b"]  # b needs a's products from this run
    assert (output / "sv-b.txt").read_bytes() == first["sv-b.txt"][2]
    (output / "fi-a.txt").write_text("muokattu", encoding="utf-8")
    assert build(course, output, Report()).ok
    assert ran() == [":a"]  # b, which needs it, stands: a makes the same bytes again
    assert (output / "fi-a.txt").read_bytes() == first["fi-a.txt"][2]


def test_reused_jobs_say_again_what_they_said_when_they_ran(course, tmp_path, ran):
    output = tmp_path / "output"
    first = Report(root="kurssi")
    assert build(course, output, first).ok
    ran()
    append(course / "sv" / "01-laite.md", "\nEn mening till.\n")
    again = Report(root="kurssi")
    assert build(course, output, again).ok and ran() == ["sv:a", "sv:b"]
    said = lambda report: sorted(str(d) for d in report if d.code == "render-problem")  # noqa: E731
    assert said(again) == said(first) and len(said(first)) == 2


def test_an_error_leaves_the_output_folder_and_the_record_as_they_were(course, tmp_path, ran):
    output = tmp_path / "output"
    assert build(course, output, Report()).ok and len(ran()) == 4
    before, record = stamps(output), reuse.record_path(output).read_bytes()
    append(course / "sv" / "01-laite.md", "\n![Bild](images/saknas.png)\n")
    report = Report()
    assert not build(course, output, report).ok and report.errors and ran() == []
    assert stamps(output) == before and reuse.record_path(output).read_bytes() == record
    (course / "sv" / "01-laite.md").write_text((course / "sv" / "01-laite.md").read_text(encoding="utf-8").replace(
        "\n![Bild](images/saknas.png)\n", ""), encoding="utf-8")
    assert build(course, output, Report()).ok and ran() == []  # the edition is as when its files were made
    assert stamps(output) == before


def test_a_writer_that_fails_after_others_were_reused_changes_nothing(course, tmp_path, ran, monkeypatch):
    output = tmp_path / "output"
    assert build(course, output, Report()).ok and len(ran()) == 4
    before = stamps(output)
    append(course / "sv" / "01-laite.md", "\nEn mening till.\n")
    table = {name: builder.build.load(name) for name in ("a", "b")}

    def broken(course, staging, products, report):
        raise RuntimeError("rikki")
    monkeypatch.setattr(builder.build, "load",
                        lambda name: types.SimpleNamespace(**dict(vars(table[name]), write=broken))
                        if name == "b" else table[name])
    report = Report()
    assert not build(course, output, report).ok and [d.code for d in report.errors] == ["output-failed"]
    assert stamps(output) == before


def test_with_a_theme_of_its_own_any_other_file_of_the_course_reaches_every_edition(course, tmp_path, ran):
    (tmp_path / "assets" / "theme" / "booklet").mkdir(parents=True)
    (tmp_path / "assets" / "theme" / "booklet" / "booklet.css").write_text("p { color: black }", encoding="utf-8")
    output = tmp_path / "output"
    assert build(course, output, Report()).ok and len(ran()) == 4
    append(course / "sv" / "01-laite.md", "\nEn mening till.\n")  # chapters reach writers only through the model
    assert build(course, output, Report()).ok and ran() == ["sv:a", "sv:b"]
    (course / "tausta.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    assert build(course, output, Report()).ok and ran() == [":a", ":b", "sv:a", "sv:b"]  # a theme may name it


def test_without_a_theme_of_its_own_a_file_no_writer_reads_makes_nothing_again(course, tmp_path, ran):
    output = tmp_path / "output"
    assert build(course, output, Report()).ok and len(ran()) == 4
    (course / "muistiinpanot.txt").write_text("x", encoding="utf-8")
    result = build(course, output, Report())
    assert result.ok and not result.up_to_date and ran() == [] and len(result.reused) == 4


def test_only_some_outputs_or_editions_keep_the_record_of_the_others(course, tmp_path, ran):
    output = tmp_path / "output"
    assert build(course, output, Report(), translations=[]).ok and ran() == [":a", ":b"]
    assert build(course, output, Report()).ok and ran() == ["sv:a", "sv:b"]
    append(course / "sv" / "01-laite.md", "\nEn mening till.\n")
    assert build(course, output, Report(), only=["a"]).ok and ran() == ["sv:a"]
    assert build(course, output, Report()).ok and ran() == ["sv:a", "sv:b"]  # b needs a's products from this run


def test_the_real_writers_after_an_edition_edit_give_what_a_full_build_gives(course, tmp_path):
    output = tmp_path / "output"
    assert build(course, output, Report()).ok
    first = stamps(output)
    append(course / "sv" / "02-turva.md", "\nEn mening till om säkerhet.\n")
    report = Report()
    result = build(course, output, report)
    assert result.ok, [str(d) for d in report]
    second = stamps(output)
    remade = changed(first, second)
    assert remade and all(name.startswith("tabletti-sv") for name in remade), remade
    assert {p.name for p in result.reused} == {name for name in first if not name.startswith("tabletti-sv")}
    fresh = tmp_path / "fresh"
    assert build(course, fresh, Report(), remember=False).ok
    assert {name: data for name, (_, _, data) in second.items()} == \
        {name: data for name, (_, _, data) in stamps(fresh).items()}
