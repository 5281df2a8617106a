"""Feedback while building: progress per output, plain lines in CI, ``--strict`` and ``--only``."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli import main
from builder.scaffold import create_course


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return create_course(tmp_path / "kurssi")


def build(*args: str):
    return CliRunner().invoke(main, ["build", *args])


def test_ci_gets_one_plain_line_per_output_with_its_time(course: Path, tmp_path: Path) -> None:
    result = build(str(course), "-o", str(tmp_path / "out"), "--only", "html,questions")
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 2  # one line as each output is done, in the order they finish
    assert sorted(re.fullmatch(r"  valmis: (.+) – \d+,\d s", line).group(1) for line in lines) == [
        "kysymykset (Moodle XML)", "vihko verkkosivuna (HTML)"]
    assert "…" not in result.stderr and "✓" not in result.stderr  # no progress display in a log
    assert sorted(Path(p).name for p in result.stdout.split()) == ["kurssi-questions.xml", "kurssi.html"]


def test_a_terminal_sees_each_output_start_and_finish(course: Path, tmp_path: Path) -> None:
    controller, terminal = pty.openpty()
    command = [sys.executable, "-m", "builder", "build", str(course), "-o", str(tmp_path / "out"),
               "--only", "html,questions"]
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=terminal, timeout=120)
    os.close(terminal)
    shown = _read_all(controller).decode("utf-8").replace("\r\n", "\n")
    assert done.returncode == 0, shown
    for name in ("vihko verkkosivuna (HTML)", "kysymykset (Moodle XML)"):
        started, finished = shown.index(f"… {name}\n"), shown.index(f"✓ {name} – ")
        assert started < finished


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # Linux: EIO once the other end is closed and drained
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks)


def test_only_builds_the_outputs_named(course: Path, tmp_path: Path) -> None:
    result = build(str(course), "-o", str(tmp_path / "out"), "--only", "html")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["kurssi.html"]


@pytest.mark.parametrize("language, sentence, html", [
    ("fi", "--only: tulostetta 'kirja' ei ole. Valitse yksi tai useampi näistä pilkuilla erotettuina:",
     "  html – vihko verkkosivuna (HTML)"),
    ("sv", "--only: det finns ingen utdata som heter 'kirja'. Välj en eller flera av dessa, åtskilda med kommatecken:",
     "  html – häftet som webbsida (HTML)"),
    ("en", "--only: there is no output called 'kirja'. Choose one or more of these, separated by commas:",
     "  html – booklet as a web page (HTML)"),
])
def test_only_refuses_an_unknown_output_in_the_course_language_and_names_the_choices(
        course: Path, tmp_path: Path, language: str, sentence: str, html: str) -> None:
    from builder.writers import WRITERS

    set_language(course, language)
    result = build(str(course), "-o", str(tmp_path / "out"), "--only", "html,kirja")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == sentence and html in lines
    assert [line.split(" – ")[0].strip() for line in lines[1:]] == list(WRITERS)
    assert "Usage" not in result.stderr and "Error" not in result.stderr  # not click's English
    assert not (tmp_path / "out").exists()


def test_only_speaks_finnish_when_the_course_language_is_unknown(tmp_path: Path) -> None:
    result = build(str(tmp_path / "ei-kurssia"), "-o", str(tmp_path / "out"), "--only", "kirja,vihko")
    assert result.exit_code == 2
    assert result.stderr.startswith("--only: tulostetta 'kirja', 'vihko' ei ole.")


def test_strict_turns_warnings_into_errors_and_writes_nothing(course: Path, tmp_path: Path) -> None:
    settings = course / "course.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "vari: sininen\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "kurssi.html").write_text("edellinen", encoding="utf-8")

    relaxed = build(str(course), "-o", str(tmp_path / "relaxed"), "--only", "html")
    assert relaxed.exit_code == 0
    assert "key-unknown (varoitus)" in relaxed.stderr

    strict = build(str(course), "-o", str(out), "--only", "html", "--strict")
    assert strict.exit_code == 1
    assert "course.yml:" in strict.stderr and "key-unknown" in strict.stderr
    assert "--strict: varoitukset lasketaan virheiksi" in strict.stderr
    assert [p.name for p in out.iterdir()] == ["kurssi.html"]
    assert (out / "kurssi.html").read_text(encoding="utf-8") == "edellinen"


def set_language(course: Path, language: str) -> None:
    settings = course / "course.yml"
    text = settings.read_text(encoding="utf-8")
    assert "language: fi" in text
    settings.write_text(text.replace("language: fi", f"language: {language}"), encoding="utf-8")


@pytest.mark.parametrize("language, lines", [
    ("sv", ["  klar: frågor (Moodle XML) – ", "  klar: häftet som webbsida (HTML) – "]),
    ("en", ["  built booklet as a web page (HTML) in ", "  built questions (Moodle XML) in "]),
])
def test_progress_speaks_the_course_language(course: Path, tmp_path: Path, language: str, lines: list[str]) -> None:
    set_language(course, language)
    result = build(str(course), "-o", str(tmp_path / "out"), "--only", "html,questions")
    assert result.exit_code == 0, result.output
    assert sorted(line.rstrip("0123456789.,s ") + " " for line in result.stderr.splitlines()) == sorted(lines)
    decimal = "," if language == "sv" else "."
    assert all(re.search(rf"\d{re.escape(decimal)}\d s$", line) for line in result.stderr.splitlines())


def test_an_output_the_course_does_not_ask_for_is_not_listed_as_built(course: Path, tmp_path: Path) -> None:
    settings = (course / "course.yml").read_text(encoding="utf-8")
    assert "large_print: true" not in settings
    result = build(str(course), "-o", str(tmp_path / "out"), "--only", "booklet-large,html")
    assert result.exit_code == 0, result.output
    assert [line.split(" – ")[0] for line in result.stderr.splitlines()] == ["  valmis: vihko verkkosivuna (HTML)"]


@pytest.mark.parametrize("jobs", [1, 2])  # one writer after another, and side by side in forked processes
def test_no_start_line_for_an_output_the_course_does_not_ask_for(course: Path, tmp_path: Path, jobs: int) -> None:
    from builder.build import build as run_build
    from builder.diagnostics import Report

    steps: list[tuple[str, bool]] = []
    report = Report(root=str(course))
    result = run_build(course, tmp_path / "out", report, only=["booklet-large", "html"], jobs=jobs, remember=False,
                       on_step=lambda name, took: steps.append((name, took is None)))
    assert result.ok, list(report)
    assert sorted(steps) == [("html", False), ("html", True)]  # started, then done; the large print neither


def test_a_writer_that_writes_only_for_some_courses_says_so_from_the_model(make_course) -> None:
    from conftest import COURSE_YML, course_of

    from builder.writers import load

    large = load("booklet-large")
    assert not large.writes(course_of(make_course({})))
    assert large.writes(course_of(make_course({"course.yml": COURSE_YML + "booklet:\n  large_print: true\n"})))
    assert load("html").writes(course_of(make_course({})))
