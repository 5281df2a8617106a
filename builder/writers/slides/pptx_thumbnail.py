"""The PowerPoint package's preview picture: the title slide drawn small, as file managers show it."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from builder.model import Course
from builder.theme import theme_file
from builder.writers.slides.deck import DeckSlide
from builder.writers.slides.geometry import LOGO_BOX, PAD_SIDE, SLIDE_HEIGHT, cover_title_size

WIDTH = 256  # pixels, PowerPoint's own preview width
SCALE = WIDTH / 32  # pixels per slide em
HEIGHT = round(SLIDE_HEIGHT * SCALE)
TITLE_TOP = 5.6


def thumbnail_jpeg(course: Course, slide: DeckSlide, logo: bytes | None, accent: str, text: str) -> bytes:
    """``slide`` (the title slide) in the theme's ``accent`` and ``text`` colours (RRGGBB) with its
    ``logo`` picture (PNG or JPEG bytes) as a small JPEG; the same slide gives the same bytes."""
    picture = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(picture)
    if logo is not None:
        _paste_logo(picture, logo)
    size = cover_title_size(slide.title) * SCALE
    title_font = _font(course, "AtkinsonHyperlegible-Bold.ttf", size)
    top = TITLE_TOP * SCALE
    for line in _wrapped(slide.title, title_font, (32 - 2 * PAD_SIDE) * SCALE):
        draw.text((PAD_SIDE * SCALE, top), line, font=title_font, fill=f"#{accent}")
        top += size * 1.12
    line_font = _font(course, "AtkinsonHyperlegible-Regular.ttf", 1.05 * SCALE)
    top += 0.5 * SCALE
    for line in slide.lines:
        for part in _wrapped(line, line_font, 26 * SCALE):
            draw.text((PAD_SIDE * SCALE, top), part, font=line_font, fill=f"#{text}")
            top += 1.05 * SCALE * 1.3
    draw.rectangle((0, round(17.5 * SCALE), WIDTH, HEIGHT), fill=f"#{accent}")
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90)
    return out.getvalue()


def _paste_logo(picture: Image.Image, logo: bytes) -> None:
    image = Image.open(io.BytesIO(logo)).convert("RGBA")
    image.thumbnail((round(LOGO_BOX.width * SCALE), round(LOGO_BOX.height * SCALE)), Image.Resampling.LANCZOS)
    left = round((LOGO_BOX.left + LOGO_BOX.width) * SCALE) - image.width  # against the box's right edge
    picture.paste(image, (left, round(LOGO_BOX.top * SCALE)), image)


def _font(course: Course, name: str, size: float):
    """The theme's font; Pillow's own when a course's theme has dropped it."""
    try:
        return ImageFont.truetype(str(theme_file(course, "fonts", name)), size)
    except FileNotFoundError:
        return ImageFont.load_default(size)


def _wrapped(text: str, font, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` pixels where it can be (a long word stands alone)."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines
