"""Pictures too coarse for a print shop: under 200 pixels per inch at the size the booklet prints them.

The size is worked out as print.css lays a picture out, without rendering (``check`` stays fast and
finds what ``build`` finds): its own size at 96 pixels to the inch, no wider than the A5 text
column and no taller than 80 mm.
"""

from __future__ import annotations

import math

from lxml import html as lxml_html

from builder.diagnostics import Report
from builder.model import ASSET_SCHEME, Course

GOOD_PPI = 200  # what print shops ask for at the least; 300 is their ideal for photos
COLUMN_MM = 148 - 18 - 15  # the A5 page less print.css's inner and outer margins
MAX_HEIGHT_MM = 80  # print.css: 'figure img' and 'p img'
MM_PER_CSS_PX = 25.4 / 96


def printed_size_mm(width_px: int, height_px: int) -> tuple[float, float]:
    """The width and height in millimetres at which print.css prints a ``width_px`` × ``height_px`` picture."""
    width = min(width_px * MM_PER_CSS_PX, COLUMN_MM)
    height = width * height_px / width_px
    if height > MAX_HEIGHT_MM:
        width, height = width * MAX_HEIGHT_MM / height, MAX_HEIGHT_MM
    return width, height


def check_print_resolution(course: Course, report: Report) -> None:
    """Warn about each raster picture of the print-shop booklet printed at under GOOD_PPI."""
    if not course.meta.booklet.print_shop:
        return
    for chapter in course.chapters:
        for block in chapter.blocks:
            if ASSET_SCHEME not in block.html:
                continue
            for img in lxml_html.fragment_fromstring(block.html, create_parent="div").iter("img"):
                _check_picture(course, img, block.pos.path, block.pos.line, report)


def _check_picture(course: Course, img, path: str, line: int, report: Report) -> None:
    asset = course.assets.get((img.get("src") or "")[len(ASSET_SCHEME):])
    if asset is None or not asset.width or not asset.height or asset.mimetype == "image/svg+xml":
        return
    width, height = printed_size_mm(asset.width, asset.height)
    ppi = asset.width / (width / 25.4)
    if ppi >= GOOD_PPI:
        return
    largest = asset.width / GOOD_PPI * 25.4
    report.add("image-print-resolution", path, line, image=asset.key, pixels=f"{asset.width} × {asset.height}",
               printed=f"{width:.0f} × {height:.0f} mm", ppi=int(ppi),
               largest=f"{largest:.0f} × {largest * asset.height / asset.width:.0f} mm",
               needed=math.ceil(width / 25.4 * GOOD_PPI))

