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


# The settings (course.yml, each chapter's front matter) are kept as the chapters are: what reading
# a YAML text gave is taken again only for the very same text, file name, first line and report.


def _settings_parsed(monkeypatch) -> list[tuple[str, str]]:
    """(file name, text) of every YAML text PyYAML is asked to read from now on."""
    from builder.readers import yaml_source

    asked: list[tuple[str, str]] = []
    real = yaml_source.load_yaml
    monkeypatch.setattr(yaml_source, "load_yaml", lambda text, shown, *args: asked.append((shown, text)) or
                        real(text, shown, *args))
    return asked


def test_settings_as_before_are_not_read_again_and_an_edited_one_is(tmp_path, monkeypatch):
    course_dir = _course(tmp_path, TWO_CHAPTERS)
    _memo_on(course_dir)
    asked = _settings_parsed(monkeypatch)
    again, said = _read(course_dir)
    assert asked == [] and again is not None and said == []
    second = (course_dir / "02-toinen.md").read_text(encoding="utf-8")
    (course_dir / "02-toinen.md").write_text(second.replace("title: Luku", "title: Luku "), encoding="utf-8")
    remembered, said = _read(course_dir)
    assert asked == [("02-toinen.md", "title: Luku \nsummary: Tiivistelmä.")]  # one byte more: read again
    chapter_memo.remember_chapter_reads(False)
    editions._READS.clear()
    assert (remembered, said) == _read(course_dir, remembering=False)
    assert len(asked) > 1  # switched off: every text read anew


def test_an_edited_setting_is_reported_as_a_new_reading_reports_it(tmp_path):
    course_dir = _course(tmp_path, TWO_CHAPTERS)
    _memo_on(course_dir)
    second = TWO_CHAPTERS["02-toinen.md"]
    (course_dir / "02-toinen.md").write_text(second.replace("summary:", "tekija: Minä\nsummary:"), encoding="utf-8")
    yml = (course_dir / "course.yml").read_text(encoding="utf-8")
    (course_dir / "course.yml").write_text(yml + "licence: CC0\n", encoding="utf-8")
    (remembered, said), (fresh, fresh_said) = _remembered_and_fresh(course_dir)
    assert remembered is None and said == fresh_said
    assert any("02-toinen.md:3:" in line and "key-unknown" in line for line in said)
    assert any("course.yml:" in line and "key-duplicate" in line for line in said)
    (_, again), _ = _remembered_and_fresh(course_dir)  # the same texts once more: from memory, said again
    assert again == said
    (course_dir / "course.yml").write_text(yml, encoding="utf-8")
    (remembered, said), (fresh, fresh_said) = _remembered_and_fresh(course_dir)
    assert said == fresh_said and not any("key-duplicate" in line for line in said)


def test_settings_are_kept_for_the_same_file_name_first_line_and_report_only(monkeypatch):
    from builder.readers import yaml_source

    chapter_memo.remember_chapter_reads()
    asked = _settings_parsed(monkeypatch)
    text = "title: Luku\ntitle: Toinen\n"
    said = []
    for shown, offset, report in (("01-a.md", 1, Report("fi", "course")), ("01-a.md", 1, Report("fi", "course")),
                                  ("02-b.md", 1, Report("fi", "course")), ("01-a.md", 2, Report("fi", "course")),
                                  ("01-a.md", 1, Report("sv", "course")), ("01-a.md", 1, Report("fi", "toinen"))):
        assert chapter_memo.read_settings(text, shown, report, offset) is None
        fresh = Report(report.language, report.root)
        yaml_source.load_yaml(text, shown, fresh, offset)
        said.append([str(d) for d in report])
        assert said[-1] == [str(d) for d in fresh] and len(said[-1]) == 1
    assert len(asked) == 2 * 6 - 1  # each but the second reading by the memory, and each fresh one
    assert len({tuple(lines) for lines in said}) == 5


def test_settings_from_memory_are_a_new_reading_each_time():
    from builder.readers import yaml_source

    chapter_memo.remember_chapter_reads()
    text = "title: Luku\nauthors:\n  - Minä\nedition_date: 2026-01-15\n"
    first = chapter_memo.read_settings(text, "course.yml", Report())
    first.values["authors"].append("Joku muu")
    first.lines.clear()
    second = chapter_memo.read_settings(text, "course.yml", Report())
    assert second is not first and second == yaml_source.load_yaml(text, "course.yml", Report())
    assert second.values["authors"] == ["Minä"] and second.line("authors") == 2


def test_a_check_with_its_settings_as_before_does_not_import_pyyaml(tmp_path):
    """Not even to show what changed in the editions' sources after the messages."""
    import subprocess
    import sys

    shutil.copytree(SAMPLE, tmp_path / "course")
    if (SAMPLE.parent / "assets").is_dir():
        shutil.copytree(SAMPLE.parent / "assets", tmp_path / "assets")
    script = (
        "import sys\nfrom pathlib import Path\nfrom builder import cli\n"
        "first = sys.modules.get('yaml') is not None\n"
        "try:\n    cli._check(Path(sys.argv[1]), False, None)\nexcept SystemExit as leaving:\n"
        "    print('exit', leaving.code)\n"
        "print(first, 'yaml' in sys.modules)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = []
    for _ in range(3):
        with (tmp_path / "course" / "01-vapaaehtoisuus.md").open("a", encoding="utf-8") as file:
            file.write("\nLause lisättiin.\n")
        done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "course")], env=env, check=True,
                              capture_output=True, text=True)
        runs.append((done.stdout.splitlines()[-1].split(), done.stderr.count("\n--- sv/.source/01-vapaaehtoisuus.md")))
    assert runs[0] == (["False", "True"], 1)  # a first check reads the settings with PyYAML
    assert runs[1] == runs[2] == (["False", "False"], 1)  # the same said, and the changes shown, without it


def test_the_program_version_follows_the_libraries_files_without_importing_them(tmp_path, monkeypatch):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import sys\nfrom builder.readers import chapter_memo\n"
                           "chapter_memo._program_version()\n"
                           "print(*(name in sys.modules for name in ('markdown', 'yaml')))"],
                          check=True, capture_output=True, text=True)
    assert done.stdout.split() == ["False", "False"]
    library = tmp_path / "kirjasto_testiin" / "__init__.py"
    library.parent.mkdir()
    library.write_text("VERSION = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(chapter_memo, "LIBRARIES", ("kirjasto_testiin",))
    version = chapter_memo._program_version()
    assert version == chapter_memo._program_version()
    info = os.stat(library)
    os.utime(library, ns=(info.st_atime_ns, info.st_mtime_ns + 1))  # upgraded: written anew
    assert chapter_memo._program_version() != version
    library.unlink()
    library.parent.rmdir()
    assert chapter_memo._program_version() not in (version,)


def test_the_file_keeps_each_entry_on_its_own_and_a_broken_one_is_read_anew(tmp_path, monkeypatch):
    """The file holds each entry pickled on its own: load unpickles none, a lookup only its own, and a
    check that takes an entry unchanged writes its very bytes again; an entry that cannot be unpickled
    (a class renamed since) is only read anew."""
    import pickle

    course_dir = _course(tmp_path, TWO_CHAPTERS)
    file = tmp_path / "kept.pickle"
    chapter_memo.load(file)
    first = _read(course_dir, remembering=False)
    chapter_memo.save(file)
    version, entries = pickle.loads(file.read_bytes())
    assert entries and all(isinstance(key, bytes) and isinstance(value, bytes) for key, value in entries.items())
    chapter_memo.load(file)
    assert chapter_memo._KEPT == {} and chapter_memo.kept_any()  # nothing unpickled before it is looked up
    chapter_memo.remember_chapter_reads(False)
    (course_dir / "01-alku.md").write_text(TWO_CHAPTERS["01-alku.md"] + "\nLisää.\n", encoding="utf-8")
    chapter_memo.load(file)
    _read(course_dir, remembering=False)
    chapter_memo.save(file)
    chapter_memo.remember_chapter_reads(False)
    _, again = pickle.loads(file.read_bytes())
    same = [digest for digest in entries if digest in again]
    assert same and all(again[digest] == entries[digest] for digest in same) and again.keys() != entries.keys()
    rendered = []
    real = course_reader._read_chapter
    monkeypatch.setattr(course_reader, "_read_chapter", lambda front, *args: rendered.append(front.file) or
                        real(front, *args))
    file.write_bytes(pickle.dumps((version, {digest: b"\x80\x05rikki" for digest in again})))
    chapter_memo.load(file)
    (course_dir / "01-alku.md").write_text(TWO_CHAPTERS["01-alku.md"], encoding="utf-8")
    assert _read(course_dir, remembering=False) == first and sorted(rendered) == ["01-alku.md", "02-toinen.md"]
