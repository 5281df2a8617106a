"""The booklet's A4 folding layout: ``<short-name>-booklet-a4.pdf``, imposed from the A5 PDF.

No second render: the finished A5 pages are placed two to an A4 side in saddle-stitch order
(``builder.pdf.imposition``). It runs after the A5 booklet, beside the Moodle backup; ``--only
booklet-a4`` builds (and publishes) the A5 booklet too, as every ``--only`` brings what it needs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from builder.diagnostics import Report
from builder.pdf.imposition import impose_saddle_stitch
from builder.model import Course

NEEDS = ("booklet",)
# Imported while the course is read (the build has time to spare then), not after the A5 booklet: 80 ms
# off the path booklet -> A4 layout.
PRELOAD = ("pikepdf",)


def write(course: Course, staging: Path, products: Mapping[str, Path], report: Report) -> dict[str, Path]:
    target = staging / f"{course.meta.short_name}-booklet-a4.pdf"
    impose_saddle_stitch(products["booklet-pdf"], target, back_cover=True)
    return {"booklet-a4-pdf": target}
