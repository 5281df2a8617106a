"""The preview's memory of chapters read before (builder.readers.chapter_memo): a chapter is rendered
again whenever anything its reading depends on changed, and what it gives is what a new reading gives."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from builder.diagnostics import Report
from builder.readers import chapter_memo, editions
import builder.readers.course as course_reader
from builder.readers.course import read_course
from builder.readers.editions import read_translations
from conftest import COURSE_YML, chapter, png, write_course

SAMPLE = Path(__file__).resolve().parent.parent / "course"


# Each test runs twice: with the memory kept in this process (the preview), and kept in a file between
# readings that are as if each were a process of its own (coursebuild check: load, read, save).
KEPT_IN = {"file": None}


@pytest.fixture(autouse=True, params=["process", "file"])
def memory(request, tmp_path, monkeypatch):
    KEPT_IN["file"] = tmp_path / "cache" / "check.pickle" if request.param == "file" else None
    if request.param == "file":
        monkeypatch.setattr(editions, "_READS", {})
    yield request.param
    chapter_memo.remember_chapter_reads(False)
    KEPT_IN["file"] = None


def _read(course_dir: Path, remembering: bool = True):
    file = KEPT_IN["file"]
    if file is not None and remembering:
        editions._READS.clear()  # a new process: only the file is kept
        chapter_memo.load(file)
    report = Report(root=str(course_dir))
    course = read_course(course_dir, report)
    if course is not None:
        course = read_translations(course, course_dir, course_dir.resolve().parent / "assets", report)
    if file is not None and remembering:
        chapter_memo.save(file)
        chapter_memo.remember_chapter_reads(False)
    return course, [str(d) for d in report]


def _remembered_and_fresh(course_dir: Path):
    """The course read with the memory of the readings before, and read anew without any."""
    remembered = _read(course_dir)
    chapter_memo.remember_chapter_reads(False)
    editions._READS.clear()
    fresh = _read(course_dir, remembering=False)
    chapter_memo.remember_chapter_reads(KEPT_IN["file"] is None)
    _read(course_dir)  # the memory holds the course as it now is, for the next edit
    return remembered, fresh


def _memo_on(course_dir: Path):
    chapter_memo.remember_chapter_reads(KEPT_IN["file"] is None)
    return _read(course_dir)


def test_sample_course_read_again_is_the_same_course_from_memory(tmp_path, monkeypatch):
    course_dir = tmp_path / "course"
    shutil.copytree(SAMPLE, course_dir)
    if (SAMPLE.parent / "assets").is_dir():
        shutil.copytree(SAMPLE.parent / "assets", tmp_path / "assets")
    first, _ = _memo_on(course_dir)
    first_path = sorted(course_dir.glob("0*.md"))[0]
    first_path.write_text(first_path.read_text(encoding="utf-8") + "\nUusi kappale lopussa.\n", encoding="utf-8")
    rendered = []
    real = course_reader._read_chapter
    monkeypatch.setattr(course_reader, "_read_chapter", lambda front, *args: rendered.append(front.file) or
                        real(front, *args))
    remembered, said = _read(course_dir)
    assert rendered == [first_path.name]  # the others came from memory, editions' chapters too
    monkeypatch.setattr(course_reader, "_read_chapter", real)
    chapter_memo.remember_chapter_reads(False)
    editions._READS.clear()
    fresh, fresh_said = _read(course_dir, remembering=False)
    assert remembered == fresh
    assert said == fresh_said
    assert "Uusi kappale lopussa." in remembered.chapters[0].blocks[-1].html
    assert remembered.chapters[0] != first.chapters[0]


def _course(tmp_path: Path, files: dict) -> Path:
    return write_course(tmp_path / "course", files)


TWO_CHAPTERS = {
    "01-alku.md": chapter("Tekstiä.\n\n![Kuva laitteesta](images/kuva.png)\n\nKatso [toinen](02-toinen.md#osa).\n"),
    "02-toinen.md": chapter("## Osa\n\nToisen luvun tekstiä.\n"),
    "images/kuva.png": png(4, 3),
}


def test_an_edited_picture_is_seen_in_the_chapter_not_edited(tmp_path):
    course_dir = _course(tmp_path, TWO_CHAPTERS)
    before, _ = _memo_on(course_dir)
    (course_dir / "images/kuva.png").write_bytes(png(40, 30))
    (remembered, said), (fresh, fresh_said) = _remembered_and_fresh(course_dir)
    assert (remembered, said) == (fresh, fresh_said)
    assert 'width="40"' in remembered.chapters[0].blocks[1].html
    assert remembered.assets["images/kuva.png"].sha1 != before.assets["images/kuva.png"].sha1


def test_a_removed_picture_and_its_return_are_seen(tmp_path):
    course_dir = _course(tmp_path, TWO_CHAPTERS)
    _memo_on(course_dir)
    data = (course_dir / "images/kuva.png").read_bytes()
    (course_dir / "images/kuva.png").unlink()
    (remembered, said), (fresh, fresh_said) = _remembered_and_fresh(course_dir)
    assert remembered is None and said == fresh_said
    assert any("01-alku.md:8:" in line and "image-missing" in line for line in said)
    (course_dir / "images/kuva.png").write_bytes(data)
    (remembered, said), (fresh, fresh_said) = _remembered_and_fresh(course_dir)
    assert (remembered, said) == (fresh, fresh_said)
    assert said == [] and remembered is not None


def test_a_missing_picture_suggestion_follows_the_pictures_on_disk(tmp_path):
    files = {**TWO_CHAPTERS, "01-alku.md": chapter("![Kuva](images/kuvaa.png)\n")}
    course_dir = _course(tmp_path, files)
    _, said = _memo_on(course_dir)
    assert any("kuva.png" in line for line in said)
    (course_dir / "images/kuva.png").rename(course_dir / "images/kuvaaa.png")
    (remembered, said), (fresh, fresh_said) = _remembered_and_fresh(course_dir)
    assert said == fresh_said
    assert any("kuvaaa.png" in line for line in said)


def test_a_renamed_chapter_breaks_the_link_of_the_chapter_not_edited(tmp_path):
    course_dir = _course(tmp_path, TWO_CHAPTERS)
    _memo_on(course_dir)
    (course_dir / "02-toinen.md").rename(course_dir / "02-kolmas.md")
    (remembered, said), (fresh, fresh_said) = _remembered_and_fresh(course_dir)
    assert remembered is None and said == fresh_said
    assert any("01-alku.md:10:" in line and "link-chapter-missing" in line for line in said)


def test_an_anchor_edited_away_in_the_other_chapter_is_seen(tmp_path):
    course_dir = _course(tmp_path, TWO_CHAPTERS)
    _memo_on(course_dir)
    (course_dir / "02-toinen.md").write_text(chapter("## Muu otsikko\n\nTekstiä.\n"), encoding="utf-8")
    (remembered, said), (fresh, fresh_said) = _remembered_and_fresh(course_dir)
    assert said == fresh_said
    assert any("01-alku.md:10:" in line and "link-anchor-missing" in line for line in said)


def test_the_course_language_changes_the_words_of_a_chapter_not_edited(tmp_path):
    files = {**TWO_CHAPTERS, "02-toinen.md": chapter("## Osa\n\n!!! vinkki\n    Hyvä vinkki.\n\n![](images/kuva.png)\n")}
    course_dir = _course(tmp_path, files)
    _, said = _memo_on(course_dir)
    (course_dir / "02-toinen.md").write_text(files["02-toinen.md"].replace("![]", "![Kuva]"), encoding="utf-8")
    first, _ = _read(course_dir)
    yml = (course_dir / "course.yml").read_text(encoding="utf-8")
    (course_dir / "course.yml").write_text(yml.replace("language: fi", "language: sv"), encoding="utf-8")
    (remembered, nothing), (fresh, fresh_said) = _remembered_and_fresh(course_dir)
    assert (remembered, nothing) == (fresh, fresh_said)
    assert remembered.chapters[1].blocks[1].html != first.chapters[1].blocks[1].html  # the tip's title
    (course_dir / "02-toinen.md").write_text(files["02-toinen.md"], encoding="utf-8")
    _read(course_dir)
    (course_dir / "course.yml").write_text(yml, encoding="utf-8")
    _read(course_dir)
    (course_dir / "course.yml").write_text(yml.replace("language: fi", "language: sv"), encoding="utf-8")
    (_, said_sv), (_, fresh_said) = _remembered_and_fresh(course_dir)
    assert said_sv == fresh_said and len(said_sv) == len(said) == 1
    assert said_sv != said  # the missing alt text is said in Swedish now


def test_a_diagnostic_of_a_chapter_not_edited_is_said_again(tmp_path):
    files = {**TWO_CHAPTERS, "02-toinen.md": chapter("## Osa\n\n![](images/kuva.png)\n")}
    course_dir = _course(tmp_path, files)
    _, said = _memo_on(course_dir)
    assert any("02-toinen.md:8:" in line and "image-alt-missing" in line for line in said)
    (course_dir / "01-alku.md").write_text(TWO_CHAPTERS["01-alku.md"] + "\nLisää.\n", encoding="utf-8")
    (remembered, again), (fresh, fresh_said) = _remembered_and_fresh(course_dir)
    assert again == said == fresh_said


def test_without_it_switched_on_nothing_is_kept(tmp_path):
    course_dir = _course(tmp_path, TWO_CHAPTERS)
    first, _ = _read(course_dir, remembering=False)
    second, _ = _read(course_dir, remembering=False)
    assert first == second and first.chapters[0] is not second.chapters[0]


def test_chapters_read_by_another_program_are_not_taken(tmp_path, monkeypatch):
    """The file holds what the chapters were read with: other modules or library versions, read anew."""
    course_dir = _course(tmp_path, TWO_CHAPTERS)
    file = tmp_path / "kept.pickle"
    for version, expected in (("yksi", ["01-alku.md", "02-toinen.md"]), ("yksi", []), ("kaksi", ["01-alku.md", "02-toinen.md"])):
        monkeypatch.setattr(chapter_memo, "_program_version", lambda version=version: version)
        rendered = []
        real = course_reader._read_chapter
        monkeypatch.setattr(course_reader, "_read_chapter", lambda front, *args: rendered.append(front.file) or
                            real(front, *args))
        chapter_memo.load(file)
        _read(course_dir, remembering=False)
        chapter_memo.save(file)
        chapter_memo.remember_chapter_reads(False)
        monkeypatch.setattr(course_reader, "_read_chapter", real)
        assert rendered == expected, version


def test_the_program_version_changes_with_any_module_of_the_program(tmp_path, monkeypatch):
    import os

    import builder.readers.markdown_body as module

    version = chapter_memo._program_version()
    assert version == chapter_memo._program_version()
    info = os.stat(module.__file__)
    try:
        os.utime(module.__file__, ns=(info.st_atime_ns, info.st_mtime_ns + 1))
        assert chapter_memo._program_version() != version
    finally:
        os.utime(module.__file__, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert chapter_memo._program_version() == version


@pytest.mark.parametrize("content", [b"", b"not a pickle", None])
def test_a_broken_or_unwritable_cache_file_only_costs_time(tmp_path, content):
    course_dir = _course(tmp_path, TWO_CHAPTERS)
    file = tmp_path / "kept.pickle"
    if content is None:
        file.mkdir()  # cannot be written
    else:
        file.write_bytes(content)
    chapter_memo.load(file)
    course, said = _read(course_dir, remembering=False)
    chapter_memo.save(file)
    chapter_memo.remember_chapter_reads(False)
    assert course is not None and said == []


def test_an_edited_introduction_is_rendered_again(tmp_path):
    files = {**TWO_CHAPTERS, "course.yml": COURSE_YML + "introduction: |\n  Tervetuloa [alkuun](01-alku.md).\n"}
    course_dir = _course(tmp_path, files)
    first, _ = _memo_on(course_dir)
    assert "Tervetuloa" in first.meta.introduction_html
    (course_dir / "course.yml").write_text(files["course.yml"].replace("Tervetuloa", "Hei ja tervetuloa"),
                                           encoding="utf-8")
    (remembered, said), (fresh, fresh_said) = _remembered_and_fresh(course_dir)
    assert (remembered, said) == (fresh, fresh_said)
    assert "Hei ja tervetuloa" in remembered.meta.introduction_html
    (course_dir / "01-alku.md").rename(course_dir / "01-eka.md")  # its link now leads nowhere
    (remembered, said), (fresh, fresh_said) = _remembered_and_fresh(course_dir)
    assert said == fresh_said and any("course.yml:" in line and "link-chapter-missing" in line for line in said)


def test_the_file_is_written_again_only_when_what_it_keeps_changed(tmp_path):
    course_dir = _course(tmp_path, TWO_CHAPTERS)
    file = tmp_path / "kept.pickle"

    def check_remembering():
        chapter_memo.load(file)
        _read(course_dir, remembering=False)
        chapter_memo.save(file)
        chapter_memo.remember_chapter_reads(False)
        return file.stat().st_mtime_ns, file.read_bytes()

    first = check_remembering()
    os.utime(file, ns=(0, 0))
    assert check_remembering()[0] == 0  # every chapter taken as kept: not written
    (course_dir / "images/kuva.png").write_bytes(png(40, 30))
    changed = check_remembering()
    assert changed[0] != 0 and changed[1] != first[1]  # a picture of a chapter changed: its reading too


def test_the_preview_keeps_its_chapters_to_itself(tmp_path, monkeypatch):
    from builder.preview.site import PreviewSite

    course_dir = _course(tmp_path, TWO_CHAPTERS)
    site = PreviewSite(course_dir, tmp_path / "preview", make_pdfs=False, log=lambda line: None)
    try:
        assert site.refresh().ok
        assert chapter_memo._KEPT is None  # nothing else in the process takes the preview's chapters
        rendered = []
        real = course_reader._read_chapter
        monkeypatch.setattr(course_reader, "_read_chapter", lambda front, *args: rendered.append(front.file) or
                            real(front, *args))
        (course_dir / "02-toinen.md").write_text(TWO_CHAPTERS["02-toinen.md"] + "\nLisää.\n", encoding="utf-8")
        assert site.refresh().ok
        assert rendered == ["02-toinen.md"]
        assert "Lisää." in (tmp_path / "preview" / "opas.html").read_text(encoding="utf-8")
    finally:
        site.close()


class _Runs:
    """An object whose unpickling runs code: what a planted cache file could do."""

    def __reduce__(self):
        return (os.system, ("touch ran-from-pickle",))


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file owners and modes are POSIX's")
def test_a_cache_file_others_can_write_is_not_loaded(tmp_path, monkeypatch):
    import pickle

    monkeypatch.chdir(tmp_path)
    file = tmp_path / "kept.pickle"
    file.write_bytes(pickle.dumps(_Runs()))
    file.chmod(0o666)
    chapter_memo.load(file)
    chapter_memo.remember_chapter_reads(False)
    assert not (tmp_path / "ran-from-pickle").exists()
    course_dir = _course(tmp_path, TWO_CHAPTERS)
    file.unlink()
    chapter_memo.load(file)
    _read(course_dir, remembering=False)
    chapter_memo.save(file)
    chapter_memo.remember_chapter_reads(False)
    assert file.stat().st_mode & 0o777 == 0o600  # written for this user alone
