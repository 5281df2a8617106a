"""The coursebuild command: diagnostics as 'path:line: CODE: sentence', all at once, exit status 1,
no traceback, and a failed build that leaves output/ exactly as it was."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from builder.cli import main

from conftest import COURSE_YML, chapter, png

REPO = Path(__file__).resolve().parent.parent
DIAGNOSTIC = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<code>[a-z0-9-]+)(?P<warning> \((varoitus|varning|warning)\))?: "
                        r"(?P<sentence>\S.*)$")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def run_module(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``python -m builder ...`` as a trainer runs it, in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "builder", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


def diagnostics_in(stderr: str) -> list[tuple[str, int, str]]:
    return [(m["path"], int(m["line"]), m["code"]) for m in map(DIAGNOSTIC.match, stderr.splitlines()) if m]


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


@pytest.fixture
def broken_course(make_course):
    """Problems in three files: every one must be reported in one run."""
    return make_course({
        "course.yml": COURSE_YML + "tittle: x\n",
        "01-alku.md": chapter("Teksti.\n\n![](puuttuu.png)\n"),
        "02-toinen.md": "ei etutietoja\n",
        "03-kolmas.md": chapter("Teksti.\n\n```kysymys\nMikä?\n- [ ] a\n- [ ] b\n```\n"),
    })


# --- build -------------------------------------------------------------------------------------


def test_build_writes_the_outputs_and_lists_them(make_course, tmp_path):
    code, stdout, stderr = run("build", make_course(), "-o", tmp_path / "output", "--only", "html")
    assert code == 0
    assert stdout.splitlines() == [str(tmp_path / "output" / "testikurssi.html")]
    assert (tmp_path / "output" / "testikurssi.html").is_file()
    assert diagnostics_in(stderr) == []


def test_every_diagnostic_is_printed_as_path_line_code_sentence_at_once(broken_course, tmp_path):
    code, stdout, stderr = run("build", broken_course, "-o", tmp_path / "output")
    assert code == 1
    assert stdout == ""
    course = str(broken_course)
    assert diagnostics_in(stderr) == [
        (f"{course}/01-alku.md", 8, "image-alt-missing"),
        (f"{course}/01-alku.md", 8, "image-missing"),
        (f"{course}/02-toinen.md", 1, "front-matter-missing"),
        (f"{course}/03-kolmas.md", 8, "question-no-correct"),
        (f"{course}/course.yml", 10, "key-unknown"),
    ]
    lines = stderr.splitlines()
    assert [line for line in lines if not DIAGNOSTIC.match(line)] == [
        "4 virhettä, 1 varoitus", f"Kokoaminen epäonnistui: kansiossa {tmp_path / 'output'}/ ei muutettu mitään."]
    assert " (varoitus): " in next(line for line in lines if "key-unknown" in line)
    assert not (tmp_path / "output").exists()


def test_a_failed_build_leaves_output_byte_for_byte_as_before(make_course, tmp_path):
    course_dir = make_course({"01-alku.md": chapter("## Alku\n\nTeksti.\n\n```slides\n## Dia\n- kohta\n```\n"),
                              "02-toinen.md": chapter("Toinen [luku](01-alku.md#alku).\n")})
    output = tmp_path / "output"
    code, stdout, stderr = run("build", course_dir, "-o", output)
    assert code == 0, stderr
    before = snapshot(output)
    assert "testikurssi.html" in before

    (course_dir / "02-toinen.md").write_text(chapter("Rikki [luku](01-alku.md#ei-ole).\n"), encoding="utf-8")
    code, stdout, stderr = run("build", course_dir, "-o", output)

    assert code == 1
    assert diagnostics_in(stderr) == [(f"{course_dir}/02-toinen.md", 6, "link-anchor-missing")]
    assert snapshot(output) == before  # also: no .staging-* folder left behind


def test_an_output_folder_that_cannot_be_made_is_a_diagnostic(make_course, tmp_path):
    (tmp_path / "tiedosto").write_text("ei kansio")
    code, _, stderr = run("build", make_course(), "-o", tmp_path / "tiedosto" / "output", "--only", "html")
    assert code == 1
    assert [c for _, _, c in diagnostics_in(stderr)] == ["output-failed"]


def test_a_missing_course_folder(tmp_path):
    code, _, stderr = run("build", tmp_path / "ei-ole", "-o", tmp_path / "output")
    assert code == 1
    assert diagnostics_in(stderr) == [(f"{tmp_path / 'ei-ole'}/course.yml", 1, "course-missing")]


def test_strict_fails_on_warnings_and_writes_nothing(make_course, tmp_path):
    course_dir = make_course({"course.yml": COURSE_YML + "tittle: x\n"})
    code, _, stderr = run("build", course_dir, "-o", tmp_path / "output", "--only", "html", "--strict")
    assert code == 1
    assert "--strict" in stderr
    assert not (tmp_path / "output").exists()
    code, _, _ = run("build", course_dir, "-o", tmp_path / "output", "--only", "html")
    assert code == 0


def test_only_refuses_an_unknown_output(make_course, tmp_path):
    code, _, stderr = run("build", make_course(), "-o", tmp_path / "output", "--only", "html,pfd")
    assert code == 2
    assert "--only: tulostetta 'pfd' ei ole." in stderr and "\n  html – vihko verkkosivuna (HTML)\n" in stderr
    assert not (tmp_path / "output").exists()


def test_the_default_course_and_output_folders_are_in_the_current_folder(make_course, tmp_path, monkeypatch):
    make_course()
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = run("build", "--only", "html")
    assert code == 0
    assert stdout.splitlines() == [os.path.join("output", "testikurssi.html")]


# --- check -------------------------------------------------------------------------------------


def test_check_reports_without_writing(broken_course, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run("check", broken_course)
    assert code == 1
    assert len(diagnostics_in(stderr)) == 5
    assert not (tmp_path / "output").exists()


def test_check_of_a_good_course(make_course):
    course_dir = make_course({"02-toinen.md": chapter("Teksti.\n"), "01-alku.md": chapter("Teksti.\n")})
    code, stdout, stderr = run("check", course_dir)
    assert (code, stderr) == (0, "")
    assert stdout == f"{course_dir}: 2 lukua, ei virheitä.\n"


# --- the command's own words, in the course's language ------------------------------------------


@pytest.mark.parametrize("language, summary, failed, warning", [
    ("fi", "1 virhe, 1 varoitus", "Kokoaminen epäonnistui: kansiossa {output}/ ei muutettu mitään.", "varoitus"),
    ("sv", "1 fel, 1 varning", "Bygget misslyckades: ingenting i {output}/ ändrades.", "varning"),
    ("en", "1 error, 1 warning", "Build failed: nothing in {output}/ was changed.", "warning"),
])
def test_a_failed_build_is_summed_up_in_the_course_language(make_course, tmp_path, language, summary, failed,
                                                             warning):
    course_dir = make_course({"course.yml": COURSE_YML.replace("language: fi", f"language: {language}")
                              + "tittle: x\n",
                              "01-alku.md": chapter("Teksti.\n\n![Kuva](puuttuu.png)\n")})
    code, _, stderr = run("build", course_dir, "-o", tmp_path / "output", "--only", "html")
    assert code == 1
    lines = stderr.splitlines()
    assert lines[-2:] == [summary, failed.format(output=tmp_path / "output")]
    assert f"key-unknown ({warning}): " in stderr


@pytest.mark.parametrize("language, chapters, strict", [
    ("fi", "1 luku, ei virheitä.", "0 virhettä, 1 varoitus (--strict: varoitukset lasketaan virheiksi)"),
    ("sv", "1 kapitel, inga fel.", "0 fel, 1 varning (--strict: varningar räknas som fel)"),
    ("en", "1 chapter, no errors.", "0 errors, 1 warning (--strict: warnings count as errors)"),
])
def test_check_speaks_the_course_language(make_course, language, chapters, strict):
    settings = COURSE_YML.replace("language: fi", f"language: {language}")
    course_dir = make_course({"course.yml": settings})
    assert run("check", course_dir)[:2] == (0, f"{course_dir}: {chapters}\n")
    (course_dir / "course.yml").write_text(settings + "tittle: x\n", encoding="utf-8")
    code, _, stderr = run("check", course_dir, "--strict")
    assert (code, stderr.splitlines()[-1]) == (1, strict)


def test_without_a_readable_course_yml_the_words_are_finnish(tmp_path):
    code, _, stderr = run("build", tmp_path / "ei-ole", "-o", tmp_path / "output")
    assert code == 1
    assert stderr.splitlines()[-2:] == [
        "1 virhe, 0 varoitusta", f"Kokoaminen epäonnistui: kansiossa {tmp_path / 'output'}/ ei muutettu mitään."]


# --- as a separate process, exactly as a trainer runs it ---------------------------------------


def test_python_m_builder_fails_with_diagnostics_and_no_traceback(broken_course, tmp_path):
    done = run_module("build", broken_course, "-o", tmp_path / "output")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert len(diagnostics_in(done.stderr)) == 5
    assert not (tmp_path / "output").exists()


def test_python_m_builder_reports_broken_yaml_and_latin1_without_traceback(make_course, tmp_path):
    course_dir = make_course({
        "course.yml": COURSE_YML.replace("edition_date: 2026-01-15", "edition_date: 2026-13-45"),
        "01-alku.md": chapter("Äiti.\n").encode("latin-1"),
        "02-kuva.md": chapter("![Kuva](kuva.png)\n"),
        "kuva.png": png()[:30],
    })
    done = run_module("check", course_dir)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert diagnostics_in(done.stderr) == [
        (f"{course_dir}/01-alku.md", 3, "file-not-utf8"),  # the ä of the summary
        (f"{course_dir}/02-kuva.md", 6, "image-invalid"),
        (f"{course_dir}/course.yml", 9, "key-type"),
    ]


def test_help_does_not_import_the_heavy_libraries():
    done = subprocess.run(
        [sys.executable, "-c", "import sys, builder.cli; "
         "print(sorted(m for m in ('weasyprint', 'markdown', 'lxml', 'PIL', 'pptx') if m in sys.modules))"],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, check=True)
    assert done.stdout.strip() == "[]"


# --- the real course -------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_course_builds_end_to_end_without_any_diagnostic(tmp_path):
    """The course in course/ (being written now) builds with every output and not a single diagnostic."""
    course_dir = REPO / "course"
    short_name = yaml.safe_load((course_dir / "course.yml").read_text(encoding="utf-8"))["short_name"]
    output = tmp_path / "output"
    code, stdout, stderr = run("build", course_dir, "-o", output)
    assert diagnostics_in(stderr) == [], stderr
    assert code == 0, stderr
    assert (output / f"{short_name}.html").is_file()


# --- the program's exit (builder.cli.run) --------------------------------------------------------

def test_the_program_exits_with_the_commands_status_and_all_its_output(tmp_path, make_course):
    """run() leaves with os._exit: the status must still be the command's and no line may be lost."""
    assert run_module("--help").returncode == 0
    assert "Usage:" in run_module("--help").stdout
    assert run_module("build", "--only", "nosuch").returncode == 2  # click's usage error
    missing = run_module("build", tmp_path / "nowhere", "-o", tmp_path / "out")
    assert missing.returncode == 1 and "course-missing" in missing.stderr
    built = run_module("build", make_course(), "-o", tmp_path / "out", "--only", "html,questions")
    assert built.returncode == 0
    assert sorted(Path(line).name for line in built.stdout.splitlines()) == sorted(
        path.name for path in (tmp_path / "out").iterdir())



@pytest.mark.parametrize("broken", [False, True])
def test_check_runs_without_the_garbage_collector_and_switches_it_back_on(tmp_path, monkeypatch, broken):
    """Its passes cost a check after an edit a twentieth of its time (issue 21); a caller in the same
    process (these tests, a tool) gets it back as it was, also when the check fails."""
    import gc

    import builder.cli as cli
    import builder.course_check as course_check

    seen = []
    real = course_check.check
    monkeypatch.setattr(course_check, "check", lambda *args, **kwargs: seen.append(gc.isenabled()) or
                        real(*args, **kwargs))
    course = tmp_path / "course"
    course.mkdir()
    (course / "course.yml").write_text(COURSE_YML + ("language: [\n" if broken else ""), encoding="utf-8")
    (course / "01-alku.md").write_text(chapter("Tekstiä.\n"), encoding="utf-8")
    assert gc.isenabled()
    status, _, _ = run("check", course)
    assert seen == [False] and gc.isenabled() and status == (1 if broken else 0)
    gc.disable()
    try:
        run("check", course)
        assert not gc.isenabled()  # switched off before: left off
        gc.enable()
        monkeypatch.setattr(cli, "_leaving_after", True)  # the program (cli.run) ends right after the command
        run("check", course)
        assert not gc.isenabled()  # no pass over all the check made just before leaving
    finally:
        gc.enable()


def test_check_compares_again_only_the_chapters_it_said_are_out_of_date(tmp_path, monkeypatch):
    """The changes shown after the diagnostics are those of the chapters the check said are behind their
    source, as comparing every edition chapter again shows them; the others are not compared twice."""
    import shutil

    import builder.readers.editions as editions
    import builder.translation_state as translation_state

    sample = Path(__file__).resolve().parent.parent / "course"
    shutil.copytree(sample, tmp_path / "course")
    if (sample.parent / "assets").is_dir():
        shutil.copytree(sample.parent / "assets", tmp_path / "assets")
    course = tmp_path / "course"
    for name in ("01-vapaaehtoisuus.md", "03-nettiopastaminen.md"):
        with (course / name).open("a", encoding="utf-8") as file:
            file.write("\nUusi kappale lopussa.\n")
    compared = []
    real = translation_state.changes
    monkeypatch.setattr(translation_state, "changes", lambda course_dir, tag, chapters: compared.append(
        (tag, list(chapters))) or real(course_dir, tag, chapters))
    status, _, said = run("check", course)
    assert status == 0 and said.count("translation-out-of-date") == 2 and said.count("\n--- sv/.source/") == 2
    assert compared[-1:] == [("sv", ["01-vapaaehtoisuus.md", "03-nettiopastaminen.md"])]
    # What comparing every chapter of every edition again shows, in the order the warnings above said it.
    shown = ""
    for tag in ("fi-selko", "sv"):
        for change in real(course, tag, sorted(path.name for path in (course / tag).glob("[0-9]*.md"))):
            if change.diff:
                shown += f"\n{course / tag / change.chapter}: mitä lähdeluvussa {change.chapter} on muuttunut " \
                         f"sen jälkeen, kun käännös merkittiin:\n{change.diff}\n"
    assert shown.count("\n--- sv/.source/") == 2 and shown in said
