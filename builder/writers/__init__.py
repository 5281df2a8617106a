"""The output writers, in a plain table: name -> module implementing ``write()``.

Every writer module has one entry point::

    def write(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]

It reads only the ``Course`` model, writes its files into ``staging`` (a fresh folder whose
contents replace the same names in ``output/`` only when the whole build succeeds), may use the
files of the writers it declares in ``NEEDS`` (``products``, built in the same run), reports problems to
``report``, and returns its own products by logical name (e.g. ``{"booklet-pdf": path}``).
An entry names a module (its ``write``) or ``module:function``; a module may declare
``NEEDS``, the writers whose products it uses, and then starts as soon as those are done,
and ``PRELOAD``, heavy modules the build imports once before it forks the writers' processes
(a tuple for the whole module, or a dict from function name to tuple when a module holds writers
that need different ones). ``BUILDS_WITHOUT`` names the writers of ``NEEDS`` it can do without when
this computer cannot run them (no Pango for the PDFs: builder.pdf.pango); it then gets no product
from them. ``PROGRAMS`` names the programs it runs (Poppler's, builder.pdf.poppler): without them
the build leaves it out with a warning. ``LATE_IMPORTS`` (a dict like ``PRELOAD``) names the heavy
modules a writer imports itself when it has something to make, instead of the build preloading them:
the build still knows it cannot run without them (WeasyPrint without Pango). ``BESIDE_READING`` (a
dict like ``PRELOAD``) names modules worth importing while a second process reads the language
editions, when the build renders no PDF (python-pptx: 0.1 s of the PowerPoint's 0.5 s).
A writer that writes only for some courses (the large print) names, in ``WRITES``, a dict from
function name to a test of the model, whether it will write anything: the terminal then shows it
starting only when it will.
Modules are imported lazily so that ``coursebuild --help`` and ``check`` stay fast.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from builder.model import Course

# The writers, longest first: independent ones run side by side in this order.
WRITERS: dict[str, str] = {
    "booklet": "builder.writers.booklet.pdf",
    "booklet-large": "builder.writers.booklet.pdf:write_large_print",
    "booklet-print": "builder.writers.booklet.print_shop",
    "slides-pdf": "builder.writers.slides:write_slides_pdf",
    "handout": "builder.writers.slides.handout",
    "pptx": "builder.writers.slides:write_pptx",
    "html": "builder.writers.booklet.html",
    "epub": "builder.writers.epub",
    "slides": "builder.writers.slides:write_deck",
    "questions": "builder.writers.questions_xml",
    "booklet-a4": "builder.writers.booklet.a4",
    "guide-leaflets": "builder.writers.booklet.leaflets",
    "moodle": "builder.writers.moodle",
}


@dataclass(frozen=True)
class Writer:
    name: str
    write: Callable
    needs: tuple[str, ...]
    preload: tuple[str, ...]
    writes: Callable[[Course], bool]  # whether it writes anything for this course
    builds_without: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    late_imports: tuple[str, ...] = ()
    beside_reading: tuple[str, ...] = ()


def load(name: str) -> Writer:
    module_name, _, function = WRITERS[name].partition(":")
    module = importlib.import_module(module_name)
    function = function or "write"

    def of_function(table: str) -> tuple[str, ...]:
        """The module's ``table`` for this writer: the whole tuple, or its entry in a dict by function."""
        value = getattr(module, table, ())
        return tuple(value.get(function, ()) if isinstance(value, dict) else value)

    writes = getattr(module, "WRITES", {}).get(function, _writes_always)
    return Writer(name, getattr(module, function), tuple(getattr(module, "NEEDS", ())), of_function("PRELOAD"),
                  writes, tuple(getattr(module, "BUILDS_WITHOUT", ())), tuple(getattr(module, "PROGRAMS", ())),
                  of_function("LATE_IMPORTS"), of_function("BESIDE_READING"))


def _writes_always(course: Course) -> bool:
    return True
