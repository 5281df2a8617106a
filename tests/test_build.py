"""The build: read and check everything, write into staging, publish only when nothing went wrong."""

from __future__ import annotations

import os
import sys
import types

import pytest

import builder.build
from builder.build import build
from builder.diagnostics import Report

from conftest import COURSE_YML, chapter


def snapshot(folder):
    """Every path under ``folder`` with its bytes: what a user would see in the file manager."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def fake_writer(write, needs=()):
    return types.SimpleNamespace(write=write, needs=needs, preload=(), writes=lambda course: True, programs=(),
                                 late_imports=(), beside_reading=())


@pytest.fixture
def writers(monkeypatch):
    """Replace the writer table: ``writers({"a": write_a, "b": (write_b, ("a",))})`` (a tuple adds NEEDS).

    Writers may run in forked processes: they tell the test what happened through files, not lists.
    """

    def install(table):
        modules = {name: fake_writer(*(entry if isinstance(entry, tuple) else (entry,))) for name, entry in table.items()}
        monkeypatch.setattr(builder.build, "WRITERS", {name: f"fake.{name}" for name in table})
        monkeypatch.setattr(builder.build, "load", lambda name: modules[name])

    return install


def write_text_file(name, text="sisältö"):
    def write(course, staging, products, report):
        path = staging / name
        path.write_text(text, encoding="utf-8")
        return {name: path}

    return write


def test_a_good_course_is_published_and_staging_is_gone(make_course, tmp_path):
    output = tmp_path / "output"
    result = build(make_course(), output, Report(), only=["html"])
    assert result.ok
    assert result.written == [output / "testikurssi.html"]
    assert [p.name for p in output.iterdir()] == ["testikurssi.html"]
    assert list(result.report) == []


def test_an_error_in_the_sources_writes_nothing_not_even_the_folder(make_course, tmp_path):
    course_dir = make_course({"01-alku.md": chapter("![Kuva](puuttuu.png)\n")})
    result = build(course_dir, tmp_path / "output", Report())
    assert not result.ok
    assert (result.course, result.written) == (None, [])
    assert [d.code for d in result.report] == ["image-missing"]
    assert not (tmp_path / "output").exists()


def test_an_error_in_the_sources_leaves_earlier_outputs_untouched(make_course, tmp_path):
    course_dir = make_course()
    output = tmp_path / "output"
    assert build(course_dir, output, Report(), only=["html"]).ok
    before = snapshot(output)
    (course_dir / "01-alku.md").write_text("ei etutietoja\n", encoding="utf-8")
    assert not build(course_dir, output, Report(), only=["html"]).ok
    assert snapshot(output) == before


def test_a_crashing_writer_is_a_diagnostic_and_nothing_is_published(make_course, tmp_path, writers):
    def crash(course, staging, products, report):
        raise RuntimeError("levy täynnä")

    output = tmp_path / "output"
    output.mkdir()
    (output / "vanha.html").write_text("vanha")
    writers({"html": write_text_file("uusi.html"), "pdf": crash})
    result = build(make_course(), output, Report(language="en"))
    assert not result.ok
    assert [(d.path, d.line, d.code) for d in result.report] == [("course.yml", 1, "output-failed")]
    assert "pdf" in result.report.errors[0].message and "levy täynnä" in result.report.errors[0].message
    assert snapshot(output) == {"vanha.html": b"vanha"}


def test_a_writer_reporting_an_error_stops_the_build_before_writers_that_need_it(make_course, tmp_path, writers):
    def failing(course, staging, products, report):
        (staging / "puolikas.pdf").write_bytes(b"%PDF")
        report.add("output-failed", "course.yml", 1, output="pdf", detail="fontti puuttuu")
        return {}

    def later(course, staging, products, report):
        (tmp_path / "later-ran").touch()
        return {}

    writers({"pdf": failing, "moodle": (later, ("pdf",))})
    result = build(make_course(), tmp_path / "output", Report())
    assert not result.ok
    assert not (tmp_path / "later-ran").exists()
    assert snapshot(tmp_path / "output") == {}


def test_a_writer_that_needs_others_runs_after_them_and_gets_only_their_products(make_course, tmp_path, writers):
    def second(course, staging, products, report):
        (staging / "seen.txt").write_text(",".join(f"{k}={v.name}:{v.read_text()}" for k, v in products.items()))
        return {}

    writers({"second": (second, ("first",)), "first": write_text_file("eka.html"), "third": write_text_file("c.txt")})
    result = build(make_course(), tmp_path / "output", Report())
    assert result.ok
    # Only what it declared it needs: what else happens to be done by then depends on timing.
    assert (tmp_path / "output" / "seen.txt").read_text() == "eka.html=eka.html:sisältö"


def test_a_writer_process_that_dies_is_a_diagnostic(make_course, tmp_path, writers):
    def dies(course, staging, products, report):
        os._exit(3)

    writers({"a": write_text_file("a.txt"), "b": dies})
    result = build(make_course(), tmp_path / "output", Report())
    assert not result.ok
    assert ("course.yml", 1, "output-failed") in [(d.path, d.line, d.code) for d in result.report]
    assert snapshot(tmp_path / "output") == {}


def test_writers_run_one_at_a_time_when_asked(make_course, tmp_path, writers):
    def pid(name):
        def write(course, staging, products, report):
            (staging / name).write_text(str(os.getpid()))
            return {}
        return write

    writers({"a": pid("a.txt"), "b": pid("b.txt")})
    build(make_course(), tmp_path / "output", Report(), jobs=1)
    assert {(tmp_path / "output" / n).read_text() for n in ("a.txt", "b.txt")} == {str(os.getpid())}


def test_only_selects_writers(make_course, tmp_path, writers):
    writers({"a": write_text_file("a.txt"), "b": write_text_file("b.txt")})
    result = build(make_course(), tmp_path / "output", Report(), only=["b"])
    assert [p.name for p in result.written] == ["b.txt"]


def test_only_also_builds_what_the_chosen_writer_needs(make_course, tmp_path, writers):
    def second(course, staging, products, report):
        (staging / "seen.txt").write_text(",".join(sorted(products)))
        return {}

    writers({"first": write_text_file("eka.html"), "second": (second, ("first",)), "third": write_text_file("c.txt")})
    result = build(make_course(), tmp_path / "output", Report(), only=["second"])
    assert sorted(p.name for p in result.written) == ["eka.html", "seen.txt"]
    assert (tmp_path / "output" / "seen.txt").read_text() == "eka.html"


def test_strict_turns_warnings_into_a_failed_build(make_course, tmp_path, writers):
    writers({"a": write_text_file("a.txt")})
    course_dir = make_course({"course.yml": COURSE_YML + "tuntematon: x\n"})
    strict = build(course_dir, tmp_path / "strict", Report(), strict=True)
    assert (strict.ok, strict.written) == (False, [])
    assert not (tmp_path / "strict").exists()
    relaxed = build(course_dir, tmp_path / "relaxed", Report())
    assert relaxed.ok
    assert [d.code for d in relaxed.report.warnings] == ["key-unknown"]


def test_strict_also_counts_warnings_from_writers(make_course, tmp_path, writers):
    def warns(course, staging, products, report):
        (staging / "a.txt").write_text("x")
        report.add("render-problem", "course.yml", 1, output="a", detail="kuva skaalattiin")
        return {}

    writers({"a": warns})
    assert not build(make_course(), tmp_path / "output", Report(), strict=True).ok
    assert snapshot(tmp_path / "output") == {}


def test_an_interrupt_discards_staging_and_propagates(make_course, tmp_path, writers):
    def interrupted(course, staging, products, report):
        (staging / "a.txt").write_text("x")
        raise KeyboardInterrupt

    writers({"a": interrupted})
    with pytest.raises(KeyboardInterrupt):
        build(make_course(), tmp_path / "output", Report())
    assert snapshot(tmp_path / "output") == {}


def test_progress_is_reported_before_and_after_each_writer(make_course, tmp_path, writers):
    steps = []
    writers({"a": write_text_file("a.txt"), "b": write_text_file("b.txt")})
    build(make_course(), tmp_path / "output", Report(), on_step=lambda name, seconds: steps.append((name, seconds)))
    for name in ("a", "b"):
        mine = [seconds for step, seconds in steps if step == name]
        assert len(mine) == 2 and mine[0] is None and mine[1] >= 0


def test_the_html_booklet_is_byte_identical_across_builds(make_course, tmp_path):
    course_dir = make_course({"01-alku.md": chapter("## Otsikko\n\nTeksti.\n")})
    build(course_dir, tmp_path / "eka", Report(), only=["html"])
    build(course_dir, tmp_path / "toka", Report(), only=["html"])
    assert snapshot(tmp_path / "eka") == snapshot(tmp_path / "toka")


@pytest.fixture
def fresh_module(tmp_path, monkeypatch):
    """The name of a module nobody has imported yet (what WeasyPrint is to a fresh build)."""
    folder = tmp_path / "modules"
    folder.mkdir()
    name = f"preloaded_{os.getpid()}_{len(os.listdir(tmp_path))}"
    (folder / f"{name}.py").write_text("LOADED = True\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    yield name
    sys.modules.pop(name, None)


COURSES_TO_READ = {
    "good": {},
    "warning": {"01-alku.md": chapter("Teksti.\n").replace("---\n\n", "vari: sininen\n---\n\n")},
    "error": {"01-alku.md": chapter("Teksti.\n", title="")},
    "language from course.yml": {"course.yml": COURSE_YML.replace("language: fi", "language: en"),
                                 "01-alku.md": chapter("[rikki](02-ei-ole.md)\n")},
}


@pytest.mark.parametrize("files", COURSES_TO_READ.values(), ids=COURSES_TO_READ.keys())
def test_reading_beside_the_imports_gives_what_reading_alone_gives(make_course, fresh_module, files, monkeypatch):
    course_dir = make_course(files)
    alone = Report(root="course")
    expected_check = builder.build.check
    expected = expected_check(course_dir, alone)
    beside = Report(root="course")
    read_here = []  # the child's appends stay in the child
    monkeypatch.setattr(builder.build, "check", lambda *args: read_here.append(1) or expected_check(*args))
    course = builder.build._check_while_importing([fresh_module], course_dir, beside, strict=False)
    assert read_here == []  # read in the child and sent back, not read again here
    assert fresh_module in sys.modules  # imported here, in the process that forks the writers
    assert course == expected
    assert (list(beside), beside.language) == (list(alone), alone.language)


def test_a_reader_process_that_dies_means_reading_here(make_course, fresh_module, monkeypatch):
    course_dir = make_course()
    parent, real_check = os.getpid(), builder.build.check
    monkeypatch.setattr(builder.build, "check",
                        lambda *args: real_check(*args) if os.getpid() == parent else os._exit(3))
    report = Report(root="course")
    course = builder.build._check_while_importing([fresh_module], course_dir, report, strict=False)
    assert course == real_check(course_dir, Report(root="course"))
    assert list(report) == []


def test_a_build_with_writers_that_preload_reads_beside_the_import(make_course, tmp_path, writers, fresh_module,
                                                                   monkeypatch):
    writers({"a": write_text_file("a.txt")})
    monkeypatch.setattr(builder.build.load("a"), "preload", (fresh_module,))
    forked = []
    real = builder.build._check_while_importing
    monkeypatch.setattr(builder.build, "_check_while_importing", lambda *args, **kw: forked.append(1) or real(*args, **kw))
    result = build(make_course(), tmp_path / "output", Report())
    assert result.ok and forked and fresh_module in sys.modules
    assert (tmp_path / "output" / "a.txt").read_text(encoding="utf-8") == "sisältö"


def test_only_the_writers_that_render_pdf_make_the_build_import_weasyprint():
    """An HTML deck or a PowerPoint alone must not wait 0.4 s for WeasyPrint to load."""
    from builder.writers import WRITERS, load

    # The large print renders only when the course asks; --only booklet-print is asked for by a course that does.
    pdf_writers = {"booklet", "booklet-print", "slides-pdf", "handout", "guide-leaflets"}
    assert {name for name in WRITERS if "weasyprint" in load(name).preload} == pdf_writers
    # pikepdf (80 ms) only for the writers that impose PDF pages, all of which wait for a PDF render anyway.
    imposers = {"booklet-a4", "handout", "guide-leaflets"}
    assert {name for name in WRITERS if "pikepdf" in load(name).preload} == imposers
    assert all(load(name).preload == () for name in WRITERS if name not in pdf_writers | imposers)
    assert all(set(load(name).needs) & pdf_writers for name in imposers - pdf_writers)


def test_the_reading_child_hands_over_the_print_images(make_course, fresh_module, monkeypatch):
    from builder.pdf import print_images
    from conftest import png

    monkeypatch.setattr(print_images, "_PREPARED", {})
    monkeypatch.setattr(print_images, "_PENDING", [])
    course_dir = make_course({"01-alku.md": chapter("![Punainen laatikko](kuva.png)\n"), "kuva.png": png(8, 6)})
    course = builder.build._check_while_importing([fresh_module], course_dir, Report(), strict=False, pdf_images=True)
    image = course.assets["kuva.png"].path
    assert print_images._PREPARED == {} and len(print_images._PENDING) == 1  # taken when the render asks
    made_here = print_images._made_for_pdf(image)
    assert print_images.image_for_pdf(image) == made_here  # what the render would have made itself
    handed_over = dict(print_images._PREPARED)
    assert set(handed_over) == {image} and print_images._PENDING == []
    assert handed_over[image][1] == "image/jpeg"


def test_images_the_reading_child_does_not_send_are_made_by_the_render(make_course, fresh_module, monkeypatch):
    """A child that dies after sending the course: the render makes each image itself, the same."""
    from builder.pdf import print_images
    from conftest import png

    monkeypatch.setattr(print_images, "_PREPARED", {})
    monkeypatch.setattr(print_images, "_PENDING", [])
    parent = os.getpid()
    monkeypatch.setattr(print_images, "prepare", lambda paths: os._exit(3) if os.getpid() != parent else {})
    course_dir = make_course({"01-alku.md": chapter("![Punainen laatikko](kuva.png)\n"), "kuva.png": png(8, 6)})
    course = builder.build._check_while_importing([fresh_module], course_dir, Report(), strict=False, pdf_images=True)
    image = course.assets["kuva.png"].path
    assert print_images.image_for_pdf(image) == print_images._made_for_pdf(image)
    assert print_images._PENDING == [] and print_images._PREPARED == {}


def test_a_build_that_renders_nothing_stops_waiting_for_the_images(make_course, tmp_path, writers, fresh_module,
                                                                   monkeypatch):
    """The images being prepared are let go when the build ends, and the child that made them reaped."""
    from builder.pdf import print_images
    from conftest import png

    monkeypatch.setattr(print_images, "_PENDING", [])
    writers({"a": write_text_file("a.txt")})
    real_check = builder.build._check_while_importing
    monkeypatch.setattr(builder.build, "_check_for", lambda selected, course_dir, report, strict, jobs: real_check(
        [fresh_module], course_dir, report, strict, selected, pdf_images=True))  # as for a PDF writer
    let_go = []
    real_drop = print_images.drop_pending
    monkeypatch.setattr(print_images, "drop_pending",
                        lambda: let_go.extend(print_images._PENDING) or real_drop())
    course_dir = make_course({"01-alku.md": chapter("![Punainen laatikko](kuva.png)\n"), "kuva.png": png(8, 6)})
    assert build(course_dir, tmp_path / "output", Report()).ok
    assert len(let_go) == 1 and let_go[0].status is not None and print_images._PENDING == []


def test_an_import_that_fails_does_not_wait_for_the_reading_child_forever(make_course, tmp_path, monkeypatch):
    """The child may be blocked writing a large course into the pipe; the parent must not wait on it."""
    import random
    import signal

    from PIL import Image

    from builder.pdf import print_images

    monkeypatch.setattr(print_images, "_PREPARED", {})
    noise = random.Random(5)
    picture = Image.new("RGB", (500, 500))
    picture.putdata([(noise.randrange(256), noise.randrange(256), noise.randrange(256)) for _ in range(500 * 500)])
    course_dir = make_course({"01-alku.md": chapter("![Kohinaa](kohina.png)\n")})
    picture.save(course_dir / "kohina.png")  # its JPEG alone is far more than a pipe holds
    broken = tmp_path / "modules"
    broken.mkdir()
    (broken / "breaks_on_import.py").write_text("raise KeyboardInterrupt\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(broken))
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the parent waited for the child forever"))
    signal.alarm(30)
    try:
        with pytest.raises(KeyboardInterrupt):
            builder.build._check_while_importing(["breaks_on_import"], course_dir, Report(), strict=False,
                                                 pdf_images=True)
    finally:
        signal.alarm(0)
        sys.modules.pop("breaks_on_import", None)
