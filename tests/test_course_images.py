"""The sample course's pictures: their text prints at 9 pt or more in the A5 booklet.

The pictures are drawn by tools/draw_course_images.py, which records every text size it draws.
The printed size follows from the booklet's print style sheet: a picture fills the text width
unless the height limit for pictures makes it narrower.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
PRINT_CSS = ROOT / "builder" / "theme" / "booklet" / "print.css"
PAGE_WIDTHS_MM = {"A5": 148.0, "A4": 210.0}
MM_PER_PT = 25.4 / 72


def drawing_script():
    spec = importlib.util.spec_from_file_location("draw_course_images", ROOT / "tools" / "draw_course_images.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DRAW = drawing_script()


def printed_width_mm(width_px: int, height_px: int, css: str) -> float:
    """How wide the booklet prints a ``width_px`` x ``height_px`` picture, from print.css."""
    page = PAGE_WIDTHS_MM[re.search(r"@page\s*\{[^}]*?size:\s*(A\d)", css).group(1)]
    sides = []
    for block in re.findall(r"@page :(?:right|left)\s*\{([^@}]*)", css):
        margins = [float(re.search(rf"margin-{side}:\s*([\d.]+)mm", block).group(1)) for side in ("left", "right")]
        sides.append(sum(margins))
    assert len(sides) == 2, "print.css: the left and right pages' margins were not found"
    text_width = page - max(sides)
    max_height = float(re.search(r"figure img\s*\{[^}]*max-height:\s*([\d.]+)mm", css).group(1))
    return min(text_width, max_height * width_px / height_px)


def test_printed_width_follows_the_style_sheet():
    css = PRINT_CSS.read_text(encoding="utf-8")
    assert printed_width_mm(1200, 800, css) == pytest.approx(115.0)
    assert printed_width_mm(800, 800, css) == pytest.approx(80.0)  # a square picture: the height limit
    wider_margins = css.replace("margin-left: 18mm", "margin-left: 28mm")
    assert printed_width_mm(1200, 800, wider_margins) == pytest.approx(105.0)


@pytest.mark.parametrize("name", sorted(DRAW.PICTURES))
def test_every_text_in_a_picture_prints_at_9_pt_or_more(name):
    canvas = DRAW.PICTURES[name]()
    width_mm = printed_width_mm(canvas.width, canvas.height, PRINT_CSS.read_text(encoding="utf-8"))
    smallest_pt = canvas.smallest_text_px * (width_mm / canvas.width) / MM_PER_PT
    assert smallest_pt >= 9.0, f"{name}: the smallest text prints at {smallest_pt:.1f} pt"


@pytest.mark.parametrize("name", sorted(DRAW.PICTURES))
def test_the_course_carries_each_drawn_picture_at_its_drawn_size(name):
    canvas = DRAW.PICTURES[name]()
    with Image.open(ROOT / "course" / "images" / name) as image:
        assert image.size == (canvas.width, canvas.height)


def test_every_picture_the_course_shows_is_drawn_by_the_script():
    shown = set()
    for chapter in (ROOT / "course").glob("*.md"):
        shown |= set(re.findall(r"\]\(<?images/([^)>\s]+)", chapter.read_text(encoding="utf-8")))
    assert shown == set(DRAW.PICTURES)


def test_a_text_that_runs_off_the_picture_is_refused():
    canvas = DRAW.Canvas(200, 100)
    with pytest.raises(ValueError, match="runs off"):
        canvas.text((150, 10), "Liian pitkä teksti", size=DRAW.TEXT)
