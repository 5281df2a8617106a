"""A small WeasyPrint wrapper: HTML to a tagged, reproducible PDF, with problems reported as diagnostics.

WeasyPrint is imported inside the functions only: importing it takes over a second, and
``coursebuild --help`` or ``check`` must not pay for it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import mimetypes
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Mapping, Sequence
from urllib.parse import quote, unquote, urlsplit
from urllib.request import url2pathname

from builder.diagnostics import Report
from builder.model import ASSET_SCHEME
from builder.pdf.print_images import image_for_pdf
from builder.wording import pdf_log_reason

PDF_VARIANT = "pdf/ua-1"  # tagged PDF with the structure tree and image alt texts


@dataclass(frozen=True)
class RenderedPdf:
    path: Path
    page_count: int


def render_pdf(
    html: str,
    target: Path,
    *,
    base_url: str,
    allowed_roots: Sequence[Path],
    when: dt.datetime,
    report: Report,
    output: str,
    named_files: Mapping[str, Path] | None = None,
    page_multiple: int = 1,
    variant: str = PDF_VARIANT,
    finisher: Callable | None = None,
    image_converter: Callable[[Path], tuple[bytes, str]] | None = None,
) -> RenderedPdf:
    """Render ``html`` into the PDF file ``target``.

    Only files under ``allowed_roots``, the files in ``named_files`` (URL -> path: a name that
    does not depend on where the course folder is, because WeasyPrint names each image in the PDF
    after its URL) and ``data:`` URLs are read; anything else is refused and reported. ``when`` becomes the document's creation and modification date, so the same
    sources give the same bytes. WeasyPrint's warnings become ``render-problem`` diagnostics
    naming ``output``. With ``page_multiple`` (4 for a booklet a print shop folds), blank pages go
    before the last page, the back cover, until the page count is a multiple of it. ``variant``
    is WeasyPrint's PDF variant (the print shop's 'pdf/x-4' or 'pdf/x-1a', untagged), ``finisher``
    its hook that changes the PDF's objects before they are written, ``image_converter`` what the
    course's pictures are handed over as (path -> bytes and MIME type; by default ``image_for_pdf``).
    """
    import weasyprint

    from builder.pdf import fixed_boxes, line_breaks, page_styles, target_counters
    from builder.pdf import tags as pdf_tags

    cache_page_references()
    deflate_at_level(COMPRESSION_LEVEL)
    serialize_objects_once()
    line_breaks.install()
    target_counters.install()
    page_styles.install()
    fixed_boxes.install()
    pdf_tags.install()
    fetcher = course_file_fetcher(allowed_roots, named_files, image_converter)
    stamp = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    options = {"pdf_variant": variant, "pdf_identifier": True, "cache": {}}
    with weasyprint_log_to(report, output), cyclic_collector_paused():
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(**options)
        missing = -len(document.pages) % page_multiple
        if missing and len(document.pages) > 1:
            document.pages[-1:-1] = [blank_page_like(document.pages[-1]) for _ in range(missing)]
        document.metadata.created = stamp
        document.metadata.modified = stamp
        document.write_pdf(target, finisher=finisher, **options)
    keep_until_exit(document)
    return RenderedPdf(Path(target), len(document.pages))


_KEPT: list = []  # the document keep_until_exit() keeps


def keep_until_exit(document) -> None:
    """Keep ``document`` (only the last one) in a process that leaves without the interpreter's teardown.

    Freeing a laid-out document, millions of objects, takes 0.07-0.1 s of the sample booklet's
    ``--only booklet`` build, at its very end, for memory the operating system takes back when the
    process leaves a moment later (builder.cli.run). Only the process that said so keeps one
    (builder.pdf.leaves_without_teardown): not the build's forked writers, whose pool runs several
    renders one after another, nor the preview server.
    """
    import builder.pdf

    if builder.pdf.leaves_without_teardown == os.getpid():
        _KEPT[:] = [document]


@contextlib.contextmanager
def cyclic_collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while WeasyPrint lays out and writes a document.

    A render makes millions of objects that all live until the PDF is written, and the collector
    walks them again on each of its full passes, more often the bigger the document: 11 % of the
    sample A5's render (3.63 s against 3.24 s of CPU), 17 % of a booklet four times as long, for
    2-6 % more memory at the peak (a render's cycles are freed when it is done, as before).

    Switched on again, the collector makes one full pass over them at once: 0.07-0.08 s of the
    sample A5. In the process that leaves without the interpreter's teardown (``--only booklet``:
    builder.pdf.leaves_without_teardown) that pass, at the very end, freed what the process gives
    back a moment later anyway: there the render's objects are frozen instead (``gc.freeze``: out
    of every pass), and a next render in the same process thaws and collects them first, so that no
    more than one render's cycles wait. The build's forked writers and the preview server free
    them at once, as before (the eight-fold course's peak memory is the sum over the writers).
    """
    import builder.pdf

    was_on = gc.isenabled()
    gc.disable()
    if _FROZEN_RENDER == [os.getpid()]:  # the cycles this process's last render left: freed first
        _FROZEN_RENDER.clear()
        gc.unfreeze()
        gc.collect()
    try:
        yield
    finally:
        if builder.pdf.leaves_without_teardown == os.getpid():
            gc.freeze()
            _FROZEN_RENDER[:] = [os.getpid()]
        if was_on:
            gc.enable()


# [pid] while the objects of that process's last render are frozen; a forked child leaves its parent's
# frozen (they are the parent's pages, shared until written to: not walked in the child either).
_FROZEN_RENDER: list[int] = []


def blank_page_like(page):
    """An empty page of the same size and bleed as ``page``: no text, no running head, no page number."""
    import weasyprint

    bleed = " ".join(f"{page.bleed[side]}px" for side in ("top", "right", "bottom", "left"))
    style = f"@page {{ size: {page.width}px {page.height}px; margin: 0; bleed: {bleed} }}"
    return weasyprint.HTML(string=f"<html><head><style>{style}</style></head></html>").render().pages[0]


COMPRESSION_LEVEL = 6  # zlib's own default: the sample booklet's streams deflate in 0.05 s, not 0.17 s; the PDF 0.3 % larger


def deflate_at_level(level: int) -> None:
    """Make pydyf deflate the PDF's streams at zlib ``level`` instead of its fixed 9.

    Level 9 spends three times as long as 6 on the sample booklet's 221 streams (0.17 s against
    0.05 s of each A5 render) to save 6 kB of its 2.1 MB. The bytes stay the same from run to run.
    """
    import zlib

    import pydyf

    if getattr(pydyf.zlib, "level", None) == level:
        return

    class Deflate:
        """The part of ``zlib`` pydyf uses, at ``level``."""

        def __init__(self) -> None:
            self.level = level

        def compressobj(self, level=-1, *args, **kwargs):
            return zlib.compressobj(self.level, *args, **kwargs)

        def compress(self, data, level=-1):
            return zlib.compress(data, self.level)

        def __getattr__(self, name):
            return getattr(zlib, name)

    pydyf.zlib = Deflate()


_WRITING = threading.local()  # .objects: while pydyf writes a PDF in this thread, id -> (object, its bytes)


def serialize_objects_once() -> None:
    """Make pydyf turn each object into bytes once per ``PDF.write``, not twice.

    With ``pdf_identifier`` (a file identifier from the content, so the same sources give the
    same /ID), pydyf writes every object and then joins every object's bytes again to hash them:
    each dictionary is serialised and each stream deflated a second time, 0.2 s of the sample
    booklet's 1 s write. While a PDF is written, this thread remembers what each dictionary and
    stream gave the first time; nothing is changed in between, so the bytes are the same
    (tests/test_pdf_render.py).
    """
    import pydyf

    if getattr(pydyf.PDF.write, "serializes_once", False):
        return
    for cls in (pydyf.Dictionary, pydyf.Stream):
        serialize = cls.__dict__["data"].fget

        def data(obj, serialize=serialize):
            made = getattr(_WRITING, "objects", None)
            if made is None:
                return serialize(obj)
            found = made.get(id(obj))
            if found is None:
                found = made[id(obj)] = (obj, serialize(obj))  # the object kept, so that its id stays its own
            return found[1]

        cls.data = property(data, doc=cls.__dict__["data"].__doc__)
    write = pydyf.PDF.write

    def write_once(pdf, *args, **kwargs):
        _WRITING.objects = {}
        try:
            return write(pdf, *args, **kwargs)
        finally:
            _WRITING.objects = None

    write_once.serializes_once = True
    pydyf.PDF.write = write_once


def cache_page_references() -> None:
    """Make pydyf's ``PDF.page_references`` remember its tuple while no page is added.

    pydyf 0.13 builds the tuple of every page's reference anew on each read, and WeasyPrint's PDF/UA
    tagging reads it once per structure element: quadratic in pages, 0.12 s of the 74-page
    booklet's render. The tuple only changes when ``add_page`` extends ``Kids``, so it is kept with
    the length of ``Kids`` it was made for. The same bytes come out (tests/test_pdf_render.py).
    """
    import pydyf

    original = pydyf.PDF.page_references
    if getattr(original, "fget", None) is None or getattr(original.fget, "cached", False):
        return

    def page_references(pdf):
        kids = pdf.pages["Kids"]
        cached = pdf.__dict__.get("_coursebuild_page_references")
        if cached is None or cached[0] != len(kids):
            cached = pdf.__dict__["_coursebuild_page_references"] = (len(kids), original.fget(pdf))
        return cached[1]

    page_references.cached = True
    pydyf.PDF.page_references = property(page_references, doc=original.__doc__)


def asset_url(key: str) -> str:
    """The URL an image has in the print HTML: the model's neutral ``asset:KEY``, percent-encoded.

    WeasyPrint names each image in the PDF after its URL, so a file path would make the PDF's
    bytes depend on where the course folder is. The reader may hand a key over percent-encoded
    (lxml serialises non-ASCII and spaces in src that way), hence unquote, then quote.
    """
    return ASSET_SCHEME + quote(unquote(key))


def course_file_fetcher(allowed_roots: Sequence[Path], named_files: Mapping[str, Path] | None = None,
                        image_converter: Callable[[Path], tuple[bytes, str]] | None = None):
    """A WeasyPrint URL fetcher serving only files under ``allowed_roots``, ``named_files`` and ``data:`` URLs;
    a named file, and a picture of a theme, goes through ``image_converter`` when there is one."""
    import weasyprint
    from weasyprint.urls import URLFetcherResponse

    roots = tuple(Path(root).resolve() for root in allowed_roots)
    named = {unquote(url): Path(path) for url, path in (named_files or {}).items()}

    class CourseFileFetcher(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if unquote(url) in named:
                return _named_response(url, named[unquote(url)])
            if scheme != "file":
                raise ValueError(f"only the course's own files are used, not {url}")
            path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
            if not any(path.is_relative_to(root) for root in roots) or not path.is_file():
                raise ValueError(f"{path.name} is not a file of this course")
            return _file_response(url, path)

    def _named_response(url: str, path: Path) -> URLFetcherResponse:
        if image_converter is not None:
            data, mimetype = image_converter(path)
            return URLFetcherResponse(url, data, {"Content-Type": mimetype})
        if path.suffix.lower() in (".png", ".jpg", ".jpeg"):
            data, mimetype = image_for_pdf(path)
            return URLFetcherResponse(url, data, {"Content-Type": mimetype})
        return _file_response(url, path)

    def _file_response(url: str, path: Path) -> URLFetcherResponse:
        mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if image_converter is not None and mimetype.startswith("image/") and mimetype != "image/svg+xml":
            data, mimetype = image_converter(path)  # a theme's own picture, e.g. a background
            return URLFetcherResponse(url, data, {"Content-Type": mimetype})
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mimetype})

    return CourseFileFetcher()


class _ReportHandler(logging.Handler):
    def __init__(self, report: Report, output: str) -> None:
        super().__init__(logging.WARNING)
        self.report = report
        self.output = output

    def emit(self, record: logging.LogRecord) -> None:
        text = " ".join(record.getMessage().split())
        detail = pdf_log_reason(self.report.language, record.msg, tuple(record.args or ()), text)
        self.report.add("render-problem", "course.yml", 1, output=self.output, detail=detail)


@contextlib.contextmanager
def weasyprint_log_to(report: Report, output: str) -> Iterator[None]:
    """Route WeasyPrint's warnings and errors into ``report`` while rendering, and nowhere else."""
    logger = logging.getLogger("weasyprint")
    handler = _ReportHandler(report, output)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
