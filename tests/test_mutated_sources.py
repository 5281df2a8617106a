"""A course whose chapters and settings are mangled at random gives diagnostics, never a traceback.

Trainers paste, cut and half-finish things; readers must turn any text into `file:line: code`
messages. Each case below is the small translated course of tests/roots with one or two of its files
changed a few times at random places (a fenced block opened, a line cut, a run of brackets or
asterisks, a picture with a name too long for the file system, control characters ...), from a fixed
seed, so a failure is the same on every run and names its seed."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from builder.course_check import check
from builder.diagnostics import Report

ROOT = Path(__file__).resolve().parent / "roots" / "translated" / "course"
PIECES = [
    "```", "```slides\n", "```kysymys\n", "````slides\n", "- [x] ", "- [ ] ", "> ", "# ", "## ", "### ",
    "![kuva](images/x.png)", "![](", "![kuva](images/" + "a" * 300 + ".png)", "[linkki](02-turva.md#x)",
    "[a](#)", "{#id}", "{qr}", "!!! vinkki\n    ", "!!! outo\n", "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "<script>x</script>", "\x00", "\x0c", "\ufeff", "a" * 5000, "Muistiinpanot:\n", "Palaute: ", "  > ",
    "1. ", "10) ", "* ", "---\n", "\n\n", "\t", "e\u0301", "\u202e", "😀", "[^1]", "[^1]: alaviite\n",
    "Termi\n: määritelmä\n", "<!-- ", " -->", "&#0;", "&#x110000;", "\\", "`", "**", "__", "~~~\n",
    "[" * 50, "]" * 50, "<" * 30, "*" * 400, "    " * 60 + "- syvä\n", "title: x\n", "id: ", "kind: opas\n",
    "summary: |\n  a\n", "---\ntitle: [\n---\n", '"\\U00110000"', "{" * 80, "\r", "\r\n", "\ud800",
    "\n" + "".join("    " * level + "- kohta\n" for level in range(300)),  # past Python-Markdown's recursion
    "*" * 3000 + "sana" + "*" * 3000, "[" * 3000,  # past the toc extension's and PyYAML's recursion
]
CASES = 250


def mangled(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 6)):
        at = rng.randint(0, len(text))
        roll = rng.random()
        if roll < 0.6:
            text = text[:at] + rng.choice(PIECES) + text[at:]
        elif roll < 0.8:
            text = text[:at] + text[at + rng.randint(1, 40):]
        else:
            end = at + rng.randint(1, 80)
            text = text[:at] + text[at:end] * rng.randint(2, 5) + text[end:]
    return text


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    course = tmp_path_factory.mktemp("mangled") / "course"
    shutil.copytree(ROOT, course)
    return course


@pytest.mark.parametrize("seed", range(CASES))
def test_a_mangled_course_is_read_into_diagnostics(folder, seed):
    originals = {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.suffix in (".md", ".yml")}
    rng = random.Random(seed)
    try:
        for path in rng.sample(sorted(originals), rng.randint(1, 2)):
            path.write_bytes(mangled(originals[path].decode("utf-8"), rng).encode("utf-8", "surrogatepass"))
        report = Report(root="course")
        course = check(folder, report, parallel=False, remember=False)
        assert course is not None or report.errors, "refused without saying why"
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
