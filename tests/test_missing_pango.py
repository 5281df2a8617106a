"""Without Pango (a Windows or macOS laptop after `pip install`) the PDFs are left out with one warning.

The build runs in a child process whose cffi cannot load Pango's libraries, exactly as on a
computer without them: WeasyPrint's own import raises OSError ("cannot load library ...") and
prints its notice, and the build must turn that into pdf-unavailable, in the course's language.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import threading
from pathlib import Path

import pytest

from builder.diagnostics import Report
from builder.pdf.pango import what_to_install
from builder.readers.course import read_course
from builder.scaffold import create_course
from builder.wording import output_name
from builder.writers import WRITERS, load

HIDE_PANGO = """\
import re
import cffi.api

_dlopen = cffi.api.FFI.dlopen


def dlopen(self, name, *args, **kwargs):
    if re.search(r"gobject|pango|harfbuzz|fontconfig", str(name)):
        raise OSError(f"cannot load library '{name}': {name}: cannot open shared object file: "
                      "No such file or directory")
    return _dlopen(self, name, *args, **kwargs)


cffi.api.FFI.dlopen = dlopen
"""
REPO = Path(__file__).resolve().parent.parent
WITHOUT_PANGO = ("pptx", "html", "slides", "questions", "moodle")  # the outputs a computer without Pango makes


def coursebuild(*args: str, hide_pango: Path | None = None) -> subprocess.CompletedProcess:
    paths = ([str(hide_pango)] if hide_pango else []) + [str(REPO)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    return subprocess.run([sys.executable, "-m", "builder", *args], capture_output=True, text=True, env=env,
                          timeout=300)


@pytest.fixture
def no_pango(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(HIDE_PANGO, encoding="utf-8")
    return folder


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return create_course(tmp_path / "kurssi")


def test_the_other_outputs_are_built_and_one_warning_says_what_to_install(course, tmp_path, no_pango):
    out = tmp_path / "out"
    done = coursebuild("build", str(course), "-o", str(out), hide_pango=no_pango)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "WeasyPrint could not import" not in done.stdout + done.stderr
    [line] = [line for line in done.stderr.splitlines() if "pdf-unavailable" in line]
    assert line.startswith(f"{course}/course.yml:1: pdf-unavailable (varoitus): Tällä tietokoneella ei voi tehdä "
                           "PDF-tiedostoja: niitä tekevä WeasyPrint tarvitsee Pango-kirjaston")
    assert "(cannot load library 'libgobject-2.0-0'" in line
    # Named are the outputs this course has: not the large print, say, when it does not ask for it (next test).
    model = read_course(course, Report())
    left_out = [output_name("fi", name) for name in WRITERS if name not in WITHOUT_PANGO and load(name).writes(model)]
    assert "vihko (A5-PDF)" in left_out and "e-kirja (EPUB)" in left_out
    assert f"Tekemättä jäivät: {', '.join(left_out)}." in line
    assert line.endswith(what_to_install("fi", sys.platform))
    assert done.stderr.splitlines()[-1] == "0 virhettä, 1 varoitus"
    assert sorted(p.name for p in out.iterdir()) == [
        "kurssi-questions.xml", "kurssi-slides.html", "kurssi-slides.pptx", "kurssi.html", "kurssi.mbz"]
    assert sorted(done.stdout.split()) == sorted(str(p) for p in out.iterdir())


def test_a_course_that_asks_for_large_print_is_told_it_is_left_out_too(course, tmp_path, no_pango):
    """The large-print writer imports WeasyPrint only when it has something to render (LATE_IMPORTS)."""
    settings = course / "course.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("large_print: false", "large_print: true"),
                        encoding="utf-8")
    out = tmp_path / "out"
    done = coursebuild("build", str(course), "-o", str(out), "--only", "booklet-large,html", hide_pango=no_pango)
    assert done.returncode == 0, done.stderr
    assert "Tekemättä jäivät: isotekstinen vihko (A4-PDF)." in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in out.iterdir()] == ["kurssi.html"]


def test_the_moodle_backup_says_which_pdfs_it_lacks(course, tmp_path, no_pango):
    out = tmp_path / "out"
    assert coursebuild("build", str(course), "-o", str(out), "--only", "moodle", hide_pango=no_pango).returncode == 0
    with tarfile.open(out / "kurssi.mbz", "r:gz") as backup:
        names = backup.getnames()
        first_section = backup.extractfile("sections/section_1/section.xml").read().decode()
        resources = [n for n in names if n.startswith("activities/resource_")]
    assert "Tästä kurssista puuttuvat PDF-tiedostot: Kurssimateriaali (PDF), Diaesitys (PDF)." in first_section
    assert resources == []


def test_strict_stops_the_build_and_writes_nothing(course, tmp_path, no_pango):
    out = tmp_path / "out"
    out.mkdir()
    (out / "kurssi.html").write_text("edellinen", encoding="utf-8")
    done = coursebuild("build", str(course), "-o", str(out), "--strict", hide_pango=no_pango)
    assert done.returncode == 1
    assert "pdf-unavailable (varoitus)" in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in out.iterdir()] == ["kurssi.html"]
    assert (out / "kurssi.html").read_text(encoding="utf-8") == "edellinen"


def test_the_message_is_in_the_course_language(course, tmp_path, no_pango):
    settings = course / "course.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("language: fi", "language: sv"),
                        encoding="utf-8")
    done = coursebuild("build", str(course), "-o", str(tmp_path / "out"), "--only", "html,booklet",
                       hide_pango=no_pango)
    assert done.returncode == 0
    assert ("pdf-unavailable (varning): Inga PDF-filer kan göras på den här datorn: WeasyPrint, som gör dem, "
            "behöver biblioteket Pango") in done.stderr
    assert "Utelämnade: häfte (A5-PDF)." in done.stderr


def test_the_build_after_installing_pango_makes_the_pdfs(course, tmp_path, no_pango):
    """A build without the PDFs is not remembered as up to date: once Pango is there, they are made."""
    out = tmp_path / "out"
    assert coursebuild("build", str(course), "-o", str(out), "--only", "html,booklet", hide_pango=no_pango).returncode == 0
    assert not (out / "kurssi-booklet.pdf").exists()
    done = coursebuild("build", str(course), "-o", str(out), "--only", "html,booklet")
    assert done.returncode == 0, done.stderr
    assert "pdf-unavailable" not in done.stderr
    assert (out / "kurssi-booklet.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("platform, language, says", [
    ("win32", "fi", "avaa Käynnistä-valikosta 'MSYS2 UCRT64' ja kirjoita: pacman -S mingw-w64-ucrt-x86_64-pango "
                    "mingw-w64-ucrt-x86_64-poppler"),
    ("darwin", "fi", "kirjoita Päätteeseen: brew install pango poppler"),
    ("linux", "en", "On Debian or Ubuntu: sudo apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b"),
    ("darwin", "sv", "I macOS: installera Homebrew från https://brew.sh/"),
])
def test_what_to_install_follows_the_system(platform, language, says):
    assert says in what_to_install(language, platform)


def test_the_live_preview_says_it_too(course, tmp_path, no_pango):
    """`coursebuild serve`, the laptop's everyday command, makes the PDFs in the background: its log
    carries the same warning, and the preview's own pages still come."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(no_pango), str(REPO)])}
    preview = subprocess.Popen([sys.executable, "-m", "builder", "serve", str(course), "--port", "0", "--folder",
                                str(tmp_path / "preview")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=env)
    deadline = threading.Timer(180, preview.terminate)  # a preview that never says so fails, not hangs
    deadline.start()
    try:
        lines = []
        for line in preview.stderr:  # the log; it waits for the background build
            lines.append(line)
            if "PDF:t valmiina" in line or "epäonnistui" in line:
                break
    finally:
        deadline.cancel()
        preview.terminate()
        preview.communicate(timeout=30)
    assert [line for line in lines if "pdf-unavailable (varoitus): Tällä tietokoneella ei voi tehdä" in line]
    assert not [line for line in lines if "Traceback" in line]
    assert (tmp_path / "preview" / "opas.html").is_file()
    assert sorted(p.suffix for p in (tmp_path / "preview" / "files").iterdir()) == [".html", ".html", ".mbz",
                                                                                   ".pptx", ".xml"]


def test_without_poppler_the_epub_is_left_out_with_its_own_warning(course, tmp_path):
    """Pango there, Poppler's pdfinfo and pdftotext not (a laptop after `brew install pango`)."""
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO), "PATH": str(empty)}
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "builder", "build", str(course), "-o", str(out), "--only", "epub"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (f"{course}/course.yml:1: epub-unavailable (varoitus): E-kirjaa ei voi tehdä tällä tietokoneella: sen "
            "sivunumerot luetaan A5-vihkosta Popplerin ohjelmilla pdfinfo, pdftotext, joita ei ole asennettu. "
            "Tekemättä jäi: e-kirja (EPUB).") in done.stderr
    assert "Traceback" not in done.stderr
    assert [p.name for p in out.iterdir()] == ["kurssi-booklet.pdf"]
    strict = subprocess.run([sys.executable, "-m", "builder", "build", str(course), "-o", str(tmp_path / "strict"),
                             "--only", "epub", "--strict"], capture_output=True, text=True, env=env, timeout=300)
    assert strict.returncode == 1 and not (tmp_path / "strict").exists()


def test_on_windows_poppler_is_found_in_msys2s_folder_without_path(tmp_path):
    from builder.pdf.poppler import find_program

    folder = tmp_path / "ucrt64" / "bin"
    folder.mkdir(parents=True)
    program = folder / "pdftotext"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    nothing = str(tmp_path / "nothing")
    msys2 = {"PATH": nothing, "WEASYPRINT_DLL_DIRECTORIES": str(folder)}
    assert find_program("pdftotext", "win32", msys2) == str(program)
    assert find_program("pdfinfo", "win32", msys2) is None
    assert find_program("pdftotext", "darwin", msys2) is None  # only Windows looks beyond PATH
