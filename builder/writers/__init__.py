"""The output writers, in a plain table: name -> module implementing ``write()``.

Every writer module has one entry point::

    def write(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]

It reads only the ``Course`` model, writes its files into ``staging`` (a fresh folder whose
contents replace the same names in ``output/`` only when the whole build succeeds), may use the
files other writers produced earlier in the same run (``products``), reports problems to
``report``, and returns its own products by logical name (e.g. ``{"booklet-pdf": path}``).
Modules are imported lazily so that ``coursebuild --help`` and ``check`` stay fast.
"""

from __future__ import annotations

import importlib
from types import ModuleType

# Order matters: a writer may use the products of the writers before it.
WRITERS: dict[str, str] = {
    "html": "builder.writers.html_booklet",
    "booklet": "builder.writers.booklet_pdf",
    "slides": "builder.writers.slides",
    "questions": "builder.writers.questions_xml",
    "moodle": "builder.writers.moodle",
}


def load(name: str) -> ModuleType:
    return importlib.import_module(WRITERS[name])
