"""The WeasyPrint wrapper: only course files are read, problems become diagnostics, output is reproducible."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from pypdf import PdfReader

from builder.diagnostics import Report
from builder.pdf.render import course_file_fetcher, render_pdf

WHEN = dt.datetime(2026, 5, 4, 12, 30, tzinfo=dt.timezone.utc)


def render(tmp_path: Path, body: str, name: str = "out.pdf", named_files=None) -> tuple[Path, Report]:
    report = Report(language="en")
    html = f'<!DOCTYPE html><html lang="fi"><head><title>Testi</title></head><body>{body}</body></html>'
    target = tmp_path / name
    render_pdf(html, target, base_url=tmp_path.as_uri() + "/", allowed_roots=[tmp_path / "course"],
               named_files=named_files or {}, when=WHEN, report=report, output=name)
    return target, report


@pytest.fixture
def course_image(tmp_path) -> Path:
    (tmp_path / "course").mkdir()
    Image.new("RGB", (40, 30), (10, 100, 200)).save(tmp_path / "course" / "kuva.png")
    Image.new("RGB", (40, 30), (200, 0, 0)).save(tmp_path / "salainen.png")
    return tmp_path / "course" / "kuva.png"


def test_course_files_are_served(tmp_path, course_image):
    target, report = render(tmp_path, f'<img src="{course_image.as_uri()}" alt="Sininen laatikko">')
    assert list(report) == []
    assert structure_alts(target) == ["Sininen laatikko"]


def test_named_files_are_served_under_their_name(tmp_path, course_image):
    target, report = render(tmp_path, '<img src="asset:kuvat/kuva%20yksi.png" alt="Kuva">',
                            named_files={"asset:kuvat/kuva%20yksi.png": course_image})
    assert list(report) == []
    assert structure_alts(target) == ["Kuva"]


def test_a_camera_photo_reaches_the_pdf_at_print_resolution(tmp_path, course_image):
    photo = tmp_path / "course" / "kuva.jpg"
    Image.radial_gradient("L").resize((4000, 3000)).convert("RGB").save(photo, quality=90)
    target, report = render(tmp_path, '<img src="asset:kuva.jpg" alt="Kuva" style="width: 100mm">',
                            named_files={"asset:kuva.jpg": photo})
    assert list(report) == []
    with pikepdf.open(target) as pdf:
        [page] = pdf.pages
        assert [(int(i.Width), int(i.Height)) for i in page.get_images().values()] == [(2480, 1860)]


def test_files_outside_the_course_are_refused_and_reported(tmp_path, course_image):
    _, report = render(tmp_path, f'<img src="{(tmp_path / "salainen.png").as_uri()}" alt="x">')
    (problem,) = [d for d in report if d.code == "render-problem"]
    assert "out.pdf" in problem.message and "salainen.png" in problem.message
    assert problem.path == "course.yml"


def test_network_addresses_are_never_fetched(tmp_path, course_image):
    fetcher = course_file_fetcher([tmp_path / "course"])
    with pytest.raises(ValueError, match="only the course's own files"):
        fetcher.fetch("https://example.org/kuva.png")
    with pytest.raises(ValueError):
        fetcher.fetch((tmp_path / "course" / ".." / "salainen.png").as_uri())
    assert fetcher.fetch("data:text/plain,hei").read() == b"hei"


def test_weasyprint_warnings_become_diagnostics_not_log_output(tmp_path, caplog):
    _, report = render(tmp_path, '<p style="colour: red">Hei</p>')
    assert [d.code for d in report] == ["render-problem"]
    assert "colour" in list(report)[0].message
    assert not [r for r in caplog.records if r.name.startswith("weasyprint")]


def test_metadata_dates_come_from_the_build_time_and_bytes_repeat(tmp_path):
    first, _ = render(tmp_path, "<h1>Otsikko</h1><p>Teksti</p>", "a.pdf")
    second, _ = render(tmp_path, "<h1>Otsikko</h1><p>Teksti</p>", "b.pdf")
    assert first.read_bytes() == second.read_bytes()
    info = PdfReader(first).metadata
    assert info["/CreationDate"] == info["/ModDate"] == "D:20260504123000Z"
    assert str(PdfReader(first).trailer["/Root"]["/Lang"]) == "fi"


def test_blank_pages_make_a_multiple_and_go_before_the_last_page(tmp_path):
    pages = "".join(f'<p style="break-before: page">Sivu {n}</p>' for n in range(1, 6))
    html = f'<!DOCTYPE html><html lang="fi"><head><title>Testi</title><style>@page {{ size: A5 }}</style></head><body>{pages}</body></html>'
    target = tmp_path / "vihko.pdf"
    rendered = render_pdf(html, target, base_url=tmp_path.as_uri() + "/", allowed_roots=[tmp_path], when=WHEN,
                          report=Report(language="en"), output=target.name, page_multiple=4)
    reader = PdfReader(target)
    assert rendered.page_count == len(reader.pages) == 8
    assert [(page.extract_text() or "").strip() for page in reader.pages] == [
        "Sivu 1", "Sivu 2", "Sivu 3", "Sivu 4", "", "", "", "Sivu 5"]
    assert {(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages} == {
        (float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height))}


def structure_alts(path: Path) -> list[str]:
    pdf = pikepdf.open(path)
    found, stack = [], [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure":
                found.append(str(node.get("/Alt")))
            kids = node.get("/K")
            stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids] if isinstance(kids, pikepdf.Dictionary) else [])
    return found


def test_weasyprint_is_not_imported_until_a_pdf_is_made():
    """``coursebuild --help`` and ``check`` must not pay the 1.2 s WeasyPrint import."""
    code = ("import sys, builder.cli, builder.pdf.render, builder.pdf.imposition, builder.writers.booklet.pdf; "
            "print('weasyprint' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_cached_page_references_follow_the_pages_added():
    import pydyf

    from builder.pdf.render import cache_page_references

    cache_page_references()
    cache_page_references()  # twice: still one layer
    pdf = pydyf.PDF()
    for count in range(1, 5):
        first = pdf.page_references
        assert first is pdf.page_references  # kept while no page is added
        page = pydyf.Dictionary({"Type": "/Page", "Parent": pdf.pages.reference})
        pdf.add_page(page)
        assert len(pdf.page_references) == count
        assert pdf.page_references == tuple(f"{n} 0 R".encode() for n in pdf.pages["Kids"][::3])


RENDER_SCRIPT = """
import datetime as dt, sys
from pathlib import Path
import builder.pdf.render as pr
if sys.argv[2] == "plain":
    pr.cache_page_references = lambda: None
if sys.argv[2] == "serialized-twice":
    pr.serialize_objects_once = lambda: None
from builder.diagnostics import Report
html = ('<!DOCTYPE html><html lang="fi"><head><title>T</title></head><body>'
        + ''.join(f'<h2>Otsikko {i}</h2><p style="break-after: page">Teksti <a href="#h{i}">linkki</a></p>'
                  f'<ul id="h{i}"><li>yksi</li><li>kaksi</li></ul>' for i in range(12)) + '</body></html>')
pr.render_pdf(html, Path(sys.argv[1]), base_url="file:///nonexistent/", allowed_roots=[],
              when=dt.datetime(2026, 5, 4, tzinfo=dt.timezone.utc), report=Report("fi"), output="x.pdf")
"""


def test_cached_page_references_change_no_byte_of_a_tagged_pdf(tmp_path):
    for variant in ("plain", "cached"):
        subprocess.run([sys.executable, "-c", RENDER_SCRIPT, str(tmp_path / f"{variant}.pdf"), variant], check=True)
    assert (tmp_path / "plain.pdf").read_bytes() == (tmp_path / "cached.pdf").read_bytes()
    assert len(PdfReader(tmp_path / "cached.pdf").pages) == 13  # the last list on a page of its own


def test_objects_serialized_once_change_no_byte_of_the_pdf(tmp_path):
    """builder.pdf.render.serialize_objects_once: the /ID hash and the file from bytes made once."""
    for variant in ("serialized-twice", "once"):
        subprocess.run([sys.executable, "-c", RENDER_SCRIPT, str(tmp_path / f"{variant}.pdf"), variant], check=True)
    assert (tmp_path / "serialized-twice.pdf").read_bytes() == (tmp_path / "once.pdf").read_bytes()
    assert b"/ID" in (tmp_path / "once.pdf").read_bytes()


def test_objects_are_serialized_afresh_outside_a_write(tmp_path):
    import pydyf

    from builder.pdf.render import serialize_objects_once

    serialize_objects_once()
    box = pydyf.Dictionary({"Type": "/Test", "N": 1})
    assert b"/N 1" in box.data
    box["N"] = 2
    assert b"/N 2" in box.data  # no write going on: nothing kept


def test_the_cyclic_collector_is_paused_during_a_render_only(tmp_path):
    import gc

    seen = []
    report = Report(language="en")
    render_pdf('<!DOCTYPE html><html lang="fi"><head><title>T</title></head><body><p>Teksti</p></body></html>',
               tmp_path / "a.pdf", base_url=tmp_path.as_uri() + "/", allowed_roots=[tmp_path], when=WHEN,
               report=report, output="a.pdf", finisher=lambda document, pdf: seen.append(gc.isenabled()))
    assert seen == [False] and gc.isenabled()
    with pytest.raises(RuntimeError):
        render_pdf("<p>x</p>", tmp_path / "b.pdf", base_url=tmp_path.as_uri() + "/", allowed_roots=[tmp_path],
                   when=WHEN, report=report, output="b.pdf",
                   finisher=lambda document, pdf: (_ for _ in ()).throw(RuntimeError("stop")))
    assert gc.isenabled()
    gc.disable()
    try:  # a caller that had it off finds it off
        render_pdf("<p>x</p>", tmp_path / "c.pdf", base_url=tmp_path.as_uri() + "/", allowed_roots=[tmp_path],
                   when=WHEN, report=report, output="c.pdf")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_renders_cycles_wait_frozen_until_the_next_render_in_the_process(tmp_path, monkeypatch):
    """In the process that leaves without teardown, no full collection over the render's objects as it
    ends (0.07 s of the sample A5): they are frozen, and the next render in this process thaws and
    frees them first; a forked child leaves the frozen objects of its parent alone. Elsewhere (the
    build's forked writers, the preview server) they are freed at once."""
    import gc
    import os
    import weakref

    import builder.pdf

    class Cycle:
        pass

    left: list = []

    def leave_a_cycle(document, pdf):  # garbage made during the render, in a reference cycle
        cycle = Cycle()
        cycle.me = cycle
        left.append(weakref.ref(cycle))

    html = '<!DOCTYPE html><html lang="fi"><head><title>T</title></head><body><p>Teksti</p></body></html>'
    options = dict(base_url=tmp_path.as_uri() + "/", allowed_roots=[tmp_path], when=WHEN, report=Report("en"))
    monkeypatch.setattr(builder.pdf, "leaves_without_teardown", None)
    render_pdf(html, tmp_path / "first.pdf", output="first.pdf", finisher=leave_a_cycle, **options)
    gc.collect()
    assert left[0]() is None  # a writer of the build's pool, the preview server: freed as before
    left.clear()
    monkeypatch.setattr(builder.pdf, "leaves_without_teardown", os.getpid())
    render_pdf(html, tmp_path / "a.pdf", output="a.pdf", finisher=leave_a_cycle, **options)
    assert gc.get_freeze_count() > 0 and gc.isenabled()
    gc.collect()
    assert left[0]() is not None  # frozen: not freed by a pass
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # a child's own render keeps its parent's objects frozen
        try:
            render_pdf(html, tmp_path / "child.pdf", output="child.pdf", **options)
            os.write(write_end, b"kept" if left[0]() is not None else b"thawed")
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        said = pipe.read()
    os.waitpid(pid, 0)
    assert said == b"kept"
    render_pdf(html, tmp_path / "b.pdf", output="b.pdf", **options)
    assert left[0]() is None  # the next render here freed it
    monkeypatch.setattr(builder.pdf, "leaves_without_teardown", None)
    render_pdf(html, tmp_path / "c.pdf", output="c.pdf", **options)  # and thawed what b.pdf left
    assert gc.get_freeze_count() == 0


def test_the_last_document_is_kept_only_in_the_process_that_leaves_without_teardown(tmp_path, monkeypatch):
    import os

    import builder.pdf
    from builder.pdf import render as pdf_render

    monkeypatch.setattr(pdf_render, "_KEPT", [])
    html = '<!DOCTYPE html><html lang="fi"><head><title>T</title></head><body><p>Teksti</p></body></html>'
    options = dict(base_url=tmp_path.as_uri() + "/", allowed_roots=[tmp_path], when=WHEN, report=Report("en"))
    monkeypatch.setattr(builder.pdf, "leaves_without_teardown", None)
    render_pdf(html, tmp_path / "a.pdf", output="a.pdf", **options)
    assert pdf_render._KEPT == []  # the preview server, a test: freed as usual
    monkeypatch.setattr(builder.pdf, "leaves_without_teardown", os.getpid() + 1)
    render_pdf(html, tmp_path / "b.pdf", output="b.pdf", **options)
    assert pdf_render._KEPT == []  # a forked writer of that process
    monkeypatch.setattr(builder.pdf, "leaves_without_teardown", os.getpid())
    render_pdf(html, tmp_path / "c.pdf", output="c.pdf", **options)
    render_pdf(html, tmp_path / "d.pdf", output="d.pdf", **options)
    assert len(pdf_render._KEPT) == 1 and len(pdf_render._KEPT[0].pages) == 1  # the last one only
