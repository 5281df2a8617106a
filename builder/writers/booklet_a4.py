"""The booklet's A4 folding layout: ``<short-name>-booklet-a4.pdf``, imposed from the A5 PDF.

No second render: the finished A5 pages are placed two to an A4 side in saddle-stitch order
(``builder.imposition``). In a full build this runs after the A5 booklet, beside the Moodle
backup; built alone (``--only booklet-a4``) it renders the A5 booklet into a scratch folder first.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Mapping

from builder.diagnostics import Report
from builder.imposition import impose_saddle_stitch
from builder.model import Course

NEEDS = ("booklet",)


def write(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    target = staging / f"{course.meta.short_name}-booklet-a4.pdf"
    if "booklet-pdf" in products:
        impose_saddle_stitch(products["booklet-pdf"], target, back_cover=True)
    else:
        from builder.writers.booklet_pdf import render_edition

        with tempfile.TemporaryDirectory() as scratch:
            a5 = render_edition(course, "a5", Path(scratch), report)
            impose_saddle_stitch(a5, target, back_cover=True)
    return {"booklet-a4-pdf": target}
