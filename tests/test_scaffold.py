"""``coursebuild new``: a course to start from that builds clean and shows every authoring feature."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from builder.build import build
from builder.cli import main
from builder.diagnostics import Report
from builder.readers.course import read_course
from builder.writers import WRITERS


def new(folder: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["new", str(folder)])
    return result.exit_code, result.output


def test_new_course_checks_and_builds_every_output_without_a_single_diagnostic(tmp_path: Path) -> None:
    code, output = new(tmp_path / "kevaan-kurssi")
    assert code == 0, output
    assert "coursebuild serve" in output  # tells the trainer what to do next

    report = Report()
    result = build(tmp_path / "kevaan-kurssi", tmp_path / "output", report)
    assert [str(d) for d in report] == []
    assert result.ok
    assert set(result.timings) == set(WRITERS)
    assert (tmp_path / "output" / "kevaan-kurssi.html").is_file()


def test_new_course_shows_every_authoring_feature(tmp_path: Path) -> None:
    new(tmp_path / "kurssi")
    report = Report()
    course = read_course(tmp_path / "kurssi", report)
    assert course is not None and len(report) == 0
    assert len(course.chapters) == 2

    body = "\n".join(chapter.body_html for chapter in course.chapters)
    assert list(course.assets) == ["images/videopuhelu.png"]
    assert "<figcaption" in body  # an image with a caption
    for kind in ("tip", "warning", "note"):  # !!! vinkki, !!! varoitus, !!! huomio
        assert f'class="callout callout-{kind}"' in body, kind
    assert 'href="chapter:ensimmainen-puhelu#puhelun-vaiheet"' in body  # a link to a heading in another chapter
    assert 'href="chapter:videopuhelu"' in body
    assert 'href="https://www.suomi.fi"' in body

    slides = [slide for chapter in course.chapters for slide in chapter.slides]
    assert len(slides) == 3
    assert any(slide.notes_text for slide in slides)
    assert any("asset:images/videopuhelu.png" in slide.body_html for slide in slides)
    assert {question.kind for question in course.questions} == {"single", "multiple", "truefalse"}


def test_short_name_comes_from_the_folder_name(tmp_path: Path) -> None:
    new(tmp_path / "Kevään kurssi 2027")
    text = (tmp_path / "Kevään kurssi 2027" / "course.yml").read_text(encoding="utf-8")
    assert "short_name: kevaan-kurssi-2027\n" in text


def test_refuses_a_folder_that_has_anything_in_it(tmp_path: Path) -> None:
    existing = tmp_path / "kurssi"
    existing.mkdir()
    (existing / "course.yml").write_text("title: Oma\n", encoding="utf-8")
    code, output = new(existing)
    assert code == 1
    assert output == f"{existing} on jo olemassa eikä se ole tyhjä: mitään ei kirjoitettu. Valitse toinen kansio.\n"
    assert (existing / "course.yml").read_text(encoding="utf-8") == "title: Oma\n"
    assert sorted(p.name for p in existing.iterdir()) == ["course.yml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kurssi"]  # no half-made copy beside it


def test_refuses_a_file_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "kurssi").write_text("muistiinpano", encoding="utf-8")
    assert new(tmp_path / "kurssi")[0] == 1
    assert (tmp_path / "kurssi").read_text(encoding="utf-8") == "muistiinpano"


def test_an_empty_folder_is_filled(tmp_path: Path) -> None:
    (tmp_path / "kurssi").mkdir()
    assert new(tmp_path / "kurssi")[0] == 0
    assert (tmp_path / "kurssi" / "course.yml").is_file()
