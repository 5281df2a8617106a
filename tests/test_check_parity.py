"""What `build` finds about the sources, `check` finds: the guide's "run check --strict before publishing" holds.

Each course below has a problem that used to surface only while a writer ran (a slide that does not
fit, a picture the PowerPoint file cannot hold, text no slide can show). `check` and `build` now
run the same checks before any writer, so both report it alike, at the same file and line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from builder.build import build, check
from builder.diagnostics import Report
from conftest import COURSE_YML, chapter, png, write_course

# A drawing whose only shape is itself: browsers and WeasyPrint draw nothing, the PowerPoint file
# (which needs it drawn as PNG) cannot take it at all.
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 20 10">'
       '<g id="a"><use xlink:href="#a"/></g></svg>')
POINT = "Tämä kohta on niin pitkä, että se jatkuu riville"  # 48 characters

BESIDE_A_PICTURE = (  # passes the reader's count (8 lines, under 420 characters), not the slide
    "```slides\n## Pitkä otsikko, joka jatkuu toiselle riville asti\n"
    + "".join(f"- {POINT}\n" for _ in range(8)) + "\n![Kuva](kuva.png)\n```\n")
LONG_QUESTION = (
    "```kysymys\n"
    "Mitä teet, kun ikäihminen pyytää sinua hoitamaan pankkiasiansa puolestaan ja antaa tunnuksensa sinulle?\n"
    + "".join(f"- [{'x' if n == 2 else ' '}] Vaihtoehto {n}, joka on kirjoitettu pitkäksi, jotta se vie tilaa "
              f"dialla ja jatkuu vielä toiselle riville.\n" for n in range(1, 5))
    + "Palaute: Tunnukset ovat henkilökohtaiset: niitä ei anneta kenellekään, ei edes auttajalle, koskaan.\n```\n")
VECTOR_PICTURE = "```slides\n## Kaavio\n![Kaavio, joka ei piirry](kaavio.svg)\n```\n"
ONE_ENDLESS_PARAGRAPH = "```slides\n## Kaikki kerralla\n" + " ".join(["sana"] * 600) + "\n```\n"

COURSES = {
    "text beside a picture that does not fit": {"01-a.md": chapter("Teksti.\n\n" + BESIDE_A_PICTURE),
                                                "kuva.png": png(300, 200)},
    "a question slide that does not fit": {
        "course.yml": COURSE_YML + "slides:\n  question_slides: true\n",
        "01-a.md": chapter("Teksti.\n\n" + LONG_QUESTION)},
    "a picture the PowerPoint file cannot hold": {"01-a.md": chapter("Teksti.\n\n" + VECTOR_PICTURE),
                                                  "kaavio.svg": SVG},
    "text no slide can show": {"01-a.md": chapter("Teksti.\n\n" + ONE_ENDLESS_PARAGRAPH)},
}
EXPECTED = {
    "text beside a picture that does not fit": [("01-a.md", 9, "slide-too-long")],
    "a question slide that does not fit": [("01-a.md", 8, "slide-too-long")],
    "a picture the PowerPoint file cannot hold": [("01-a.md", 10, "pptx-image-unsupported")],  # its own line
    "text no slide can show": [("01-a.md", 9, "slide-too-long"), ("01-a.md", 9, "slide-text-cut")],
}


def found(report: Report) -> list[tuple[str, int, str]]:
    return [(Path(d.path).name, d.line, d.code) for d in report]


@pytest.mark.parametrize("name", COURSES)
def test_check_strict_fails_exactly_as_build_strict_does(name, tmp_path):
    course = write_course(tmp_path / "course", COURSES[name])
    checked, built = Report(), Report()
    passed = check(course, checked, strict=True) is not None
    result = build(course, tmp_path / "out", built, strict=True)
    assert sorted(found(checked)) == sorted(EXPECTED[name])
    assert [str(d) for d in built] == [str(d) for d in checked]
    assert passed is result.ok is False
    assert not (tmp_path / "out").exists()


def test_the_writers_find_nothing_the_checks_did_not(tmp_path):
    """The slide warnings in one course built in full: the build says exactly what check said."""
    warnings = {**COURSES["a question slide that does not fit"],
                "01-a.md": chapter("Teksti.\n\n" + LONG_QUESTION + "\n" + BESIDE_A_PICTURE), "kuva.png": png(300, 200)}
    course = write_course(tmp_path / "course", warnings)
    checked, built = Report(), Report()
    assert check(course, checked) is not None
    result = build(course, tmp_path / "out", built)
    assert result.ok
    assert [code for _, _, code in found(checked)] == ["slide-too-long", "slide-too-long"]
    assert [str(d) for d in built] == [str(d) for d in checked]


def test_only_the_pdf_renderer_can_add_to_what_check_found(tmp_path):
    """A drawing the renderer cannot draw is known only by drawing it (docs/diagnostics.md, render-problem)."""
    course = write_course(tmp_path / "course", COURSES["a picture the PowerPoint file cannot hold"])
    checked, built = Report(), Report()
    check(course, checked, outputs=["slides-pdf"])
    assert build(course, tmp_path / "out", built, only=["slides-pdf"]).ok
    added = [d for d in built if str(d) not in {str(c) for c in checked}]
    assert added and {d.code for d in added} == {"render-problem"}
    assert all("kaavio.svg" in d.message for d in added)


def test_build_of_one_output_checks_only_what_that_output_needs(tmp_path):
    course = write_course(tmp_path / "course", COURSES["a picture the PowerPoint file cannot hold"])
    report = Report()
    assert build(course, tmp_path / "out", report, only=["slides"], strict=True).ok
    assert list(report) == []


def test_check_does_not_load_the_pdf_renderer(tmp_path):
    """check must stay fast (docs/benchmark.md): its slide checks estimate, they do not render."""
    course = write_course(tmp_path / "course", COURSES["text beside a picture that does not fit"])
    program = ("import sys; from builder.build import check; from builder.diagnostics import Report; "
               f"check(__import__('pathlib').Path({str(course)!r}), Report()); "
               "print(sorted(m for m in ('weasyprint', 'pptx') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.stdout.strip() == "[]"
