"""Bad input through the command line, as a trainer meets it: every kind in tests/bad_input/ is built
with ``python -m builder build`` into an output folder holding the previous good build.

A broken source ends in every expected ``file:line: code``, exit status 1, no traceback, and the
output folder exactly as it was (bytes, times, no staging folder). A legitimate oddity (a
byte-order mark, CRLF, ä and ö in names) builds every output without a word.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bad_input.catalogue import BUILDS, FAILS, GOOD, KINDS, WARNS, Kind, readme_table
from builder.diagnostics import CATALOGUE, ERROR
from conftest import write_course

REPO = Path(__file__).resolve().parent.parent
DIAGNOSTIC = re.compile(r"^course/(?P<path>.+?):(?P<line>\d+): (?P<code>[a-z0-9-]+)( \(\w+\))?: \S")  # (varoitus), (varning), (warning)
WRITER_CODES = {"output-failed", "render-problem"}


def coursebuild(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """``python -m builder ARGS`` in a fresh process, exactly as run from a terminal in ``cwd``."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([sys.executable, "-m", "builder", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def diagnostics_in(stderr: str) -> list[tuple[str, int, str]]:
    """(file relative to the course folder, line, code) of every diagnostic line, in printed order."""
    return [(m["path"], int(m["line"]), m["code"]) for m in map(DIAGNOSTIC.match, stderr.splitlines()) if m]


def snapshot(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    """Everything a failed build must not touch: each entry's bytes and modification time, the folder's too."""
    entries = {".": (None, folder.stat().st_mtime_ns)}
    for path in sorted(folder.rglob("*")):
        entries[path.relative_to(folder).as_posix()] = (
            path.read_bytes() if path.is_file() else None, path.stat().st_mtime_ns)
    return entries


@pytest.fixture(scope="module")
def good_build(tmp_path_factory) -> Path:
    """The output folder of the good course, every output built."""
    folder = tmp_path_factory.mktemp("good")
    write_course(folder / "course", GOOD)
    done = coursebuild("build", "course", "-o", "output", cwd=folder)
    assert done.returncode == 0 and diagnostics_in(done.stderr) == [], done.stderr
    return folder / "output"


def prepare(kind: Kind, folder: Path, good_build: Path) -> Path:
    """The good course with ``kind`` applied in ``folder/course``, and the good build in ``folder/output``."""
    course = write_course(folder / "course", GOOD)
    for name, content in kind.files.items():
        path = course / name
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    if kind.setup:
        kind.setup(course)
    shutil.copytree(good_build, folder / "output", copy_function=shutil.copy2)
    return folder / "output"


def by_outcome(outcome: str) -> list:
    return [pytest.param(kind, id=kind.name) for kind in KINDS if kind.outcome == outcome]


@pytest.mark.parametrize("kind", by_outcome(FAILS))
def test_a_broken_source_is_reported_at_its_line_and_output_stays_as_it_was(kind, tmp_path, good_build):
    output = prepare(kind, tmp_path, good_build)
    before = snapshot(output)

    done = coursebuild("build", "course", "-o", "output", cwd=tmp_path)

    assert "Traceback" not in done.stderr
    assert done.returncode == 1, done.stderr
    assert sorted(diagnostics_in(done.stderr)) == sorted(kind.expected), done.stderr
    assert done.stdout == ""
    assert snapshot(output) == before  # not a byte, not a time stamp, no .staging-* folder


@pytest.mark.slow  # a dozen full builds, about 25 s
@pytest.mark.parametrize("kind", by_outcome(WARNS) + by_outcome(BUILDS))
def test_a_legitimate_or_repairable_source_builds_every_output(kind, tmp_path, good_build):
    output = prepare(kind, tmp_path, good_build)

    done = coursebuild("build", "course", "-o", "output", cwd=tmp_path)

    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr
    assert diagnostics_in(done.stderr) == list(kind.expected), done.stderr
    written = sorted(Path(line).name for line in done.stdout.splitlines())
    outputs = [p.name for p in good_build.iterdir()]
    if "sv/course.yml" in kind.files:  # a Swedish edition: each output a second time, named with its tag
        outputs += [name.replace("testikurssi", "testikurssi-sv", 1) for name in outputs]
    assert written == sorted(outputs)
    assert sorted(p.name for p in output.iterdir()) == written  # nothing else, no staging folder left


def test_the_catalogue_has_thirty_kinds_of_broken_source_and_each_reader_error():
    assert len(by_outcome(FAILS)) >= 30
    assert len({kind.name for kind in KINDS}) == len(KINDS)
    reader_errors = {code for code, message in CATALOGUE.items() if message.severity == ERROR} - WRITER_CODES
    tried = {code for kind in KINDS for _, _, code in kind.expected}
    assert reader_errors - tried == set()


def test_the_readme_lists_the_catalogue():
    """After adding a kind: python tests/bad_input/catalogue.py prints the table for README.md."""
    readme = (Path(__file__).parent / "bad_input" / "README.md").read_text(encoding="utf-8")
    assert readme_table() in readme
