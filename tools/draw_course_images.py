#!/usr/bin/env python3
"""Draw the sample course's own illustrations and the booklet logo.

Run from the project folder:

    .venv/bin/python tools/draw_course_images.py

The images are flat illustrations with Finnish labels. They are drawn at twice
the final size and scaled down (smooth edges), then stored as palette PNGs to
keep the files small. The script is deterministic: every run writes the same
bytes, so the images can be kept in version control and rebuilt at will.

Every text is drawn at MIN_TEXT_PX or larger, so that it prints at 9 pt or more where the A5
booklet prints a picture at the full text width, and reads on a projected slide; each Canvas
records the sizes it drew (``smallest_text_px``), and tests/test_course_images.py checks them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "course" / "images"
ASSETS = ROOT / "assets"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

S = 2  # drawing scale: draw at 2x, save at 1x
MIN_TEXT_PX = 36  # the smallest text in a 1200-px picture: 9.8 pt when printed 115 mm wide

# Colours: dark text on light background, strong contrast.
BG = (250, 247, 240)
WHITE = (255, 255, 255)
INK = (28, 36, 48)
GREY = (96, 104, 116)
LINE = (200, 196, 186)
TEAL = (0, 112, 110)
TEAL_LIGHT = (214, 236, 232)
ORANGE = (214, 104, 26)
ORANGE_LIGHT = (252, 228, 204)
BLUE = (36, 84, 156)
BLUE_LIGHT = (218, 228, 244)
GREEN = (36, 120, 52)
GREEN_LIGHT = (220, 238, 216)
RED = (190, 30, 36)
RED_LIGHT = (250, 222, 220)
YELLOW = (246, 196, 64)
PURPLE = (112, 64, 140)
SKIN_A = (236, 196, 164)
SKIN_B = (196, 140, 104)
HAIR_GREY = (206, 208, 212)
HAIR_DARK = (70, 52, 40)
WOOD = (196, 150, 104)


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return _font_cache(name, size * S)


_FONTS: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}


def _font_cache(name: str, px: int) -> ImageFont.FreeTypeFont:
    key = (name, px)
    if key not in _FONTS:
        _FONTS[key] = ImageFont.truetype(str(FONT_DIR / name), px)
    return _FONTS[key]


class Canvas:
    """A drawing surface that takes final-size coordinates and draws at S times the size."""

    def __init__(self, width: int, height: int, bg=BG, mode: str = "RGB"):
        self.width, self.height = width, height
        self.img = Image.new(mode, (width * S, height * S), bg)
        self.d = ImageDraw.Draw(self.img)
        self.text_sizes: list[int] = []

    @property
    def smallest_text_px(self) -> int:
        """The smallest font size (em, in pixels of the saved picture) of any text drawn."""
        return min(self.text_sizes)

    # -- primitives -------------------------------------------------------
    @staticmethod
    def _s(values):
        return [round(v * S) for v in values]

    def rect(self, box, fill=None, outline=None, width=0, radius=0):
        box = self._s(box)
        if radius:
            self.d.rounded_rectangle(box, radius=radius * S, fill=fill, outline=outline, width=width * S)
        else:
            self.d.rectangle(box, fill=fill, outline=outline, width=width * S)

    def ellipse(self, box, fill=None, outline=None, width=0):
        self.d.ellipse(self._s(box), fill=fill, outline=outline, width=width * S)

    def circle(self, cx, cy, r, fill=None, outline=None, width=0):
        self.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill, outline=outline, width=width)

    def polygon(self, points, fill=None, outline=None, width=0):
        pts = [tuple(self._s(p)) for p in points]
        self.d.polygon(pts, fill=fill, outline=outline, width=width * S)

    def line(self, points, fill=INK, width=4, rounded=True):
        pts = [tuple(self._s(p)) for p in points]
        self.d.line(pts, fill=fill, width=width * S, joint="curve")
        if rounded:
            r = width / 2
            for x, y in points:
                self.circle(x, y, r, fill=fill)

    def pieslice(self, box, start, end, fill):
        self.d.pieslice(self._s(box), start, end, fill=fill)

    def chord(self, box, start, end, fill):
        self.d.chord(self._s(box), start, end, fill=fill)

    def arc(self, box, start, end, fill, width):
        self.d.arc(self._s(box), start, end, fill=fill, width=width * S)

    # -- text -------------------------------------------------------------
    def text(self, xy, s, size=30, fill=INK, bold=False, anchor="la"):
        x, y = xy
        self.text_sizes.append(size)
        self.d.text((x * S, y * S), s, font=font(size, bold), fill=fill, anchor=anchor)
        left, top, right, bottom = self.d.textbbox((x * S, y * S), s, font=font(size, bold), anchor=anchor)
        if left < 0 or top < 0 or right > self.width * S or bottom > self.height * S:
            raise ValueError(f"text {s!r} runs off the picture")

    def text_width(self, s, size=30, bold=False) -> float:
        return self.d.textlength(s, font=font(size, bold)) / S

    def wrap(self, s, size, max_width, bold=False) -> list[str]:
        words = s.split()
        lines: list[str] = []
        current = ""
        for word in words:
            trial = f"{current} {word}".strip()
            if self.text_width(trial, size, bold) <= max_width or not current:
                current = trial
            else:
                lines.append(current)
                current = word
        if current:
            lines.append(current)
        return lines

    def paragraph(self, xy, s, size=30, max_width=300, fill=INK, bold=False, align="left", leading=1.3):
        """Wrap and draw text; xy is the top-left (align left) or top-centre (align centre).

        Returns the y just below the last line."""
        x, y = xy
        step = size * leading
        for line in self.wrap(s, size, max_width, bold):
            anchor = "ma" if align == "center" else "la"
            self.text((x, y), line, size=size, fill=fill, bold=bold, anchor=anchor)
            y += step
        return y

    def title(self, s, y=28, size=52, fill=INK):
        self.text((self.width / 2, y), s, size=size, fill=fill, bold=True, anchor="ma")

    # -- shapes used in several pictures -----------------------------------
    def arrow(self, points, fill=INK, width=8, head=22):
        """A line through points with an arrowhead at the last point."""
        (x1, y1), (x2, y2) = points[-2], points[-1]
        dx, dy = x2 - x1, y2 - y1
        length = (dx * dx + dy * dy) ** 0.5
        ux, uy = dx / length, dy / length
        base = (x2 - ux * head * 1.2, y2 - uy * head * 1.2)
        self.line(list(points[:-1]) + [base], fill=fill, width=width)
        left = (base[0] - uy * head, base[1] + ux * head)
        right = (base[0] + uy * head, base[1] - ux * head)
        self.polygon([(x2, y2), left, right], fill=fill)

    def check(self, cx, cy, r=22, fill=GREEN):
        self.circle(cx, cy, r, fill=fill)
        self.line([(cx - r * 0.45, cy + r * 0.02), (cx - r * 0.1, cy + r * 0.38), (cx + r * 0.5, cy - r * 0.36)],
                  fill=WHITE, width=max(3, round(r / 5)))

    def cross(self, cx, cy, r=22, fill=RED):
        self.circle(cx, cy, r, fill=fill)
        k = r * 0.38
        w = max(3, round(r / 5))
        self.line([(cx - k, cy - k), (cx + k, cy + k)], fill=WHITE, width=w)
        self.line([(cx - k, cy + k), (cx + k, cy - k)], fill=WHITE, width=w)

    def badge(self, cx, cy, number, r=24, fill=RED):
        self.circle(cx, cy, r, fill=fill)
        self.text((cx, cy + 1), str(number), size=round(r * 1.15), fill=WHITE, bold=True, anchor="mm")

    def save(self, path: Path, colors: int = 96):
        small = self.img.resize((self.width, self.height), Image.Resampling.LANCZOS)
        if small.mode == "RGBA":
            out = small.quantize(colors=colors, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        else:
            out = small.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        path.parent.mkdir(parents=True, exist_ok=True)
        out.save(path, format="PNG", optimize=True)
        return path


# -- people ------------------------------------------------------------------

def person(c: Canvas, x, top, shirt, skin=SKIN_A, hair=HAIR_GREY, glasses=False, long_hair=False,
           side_hair=False, scale=1.0):
    """A seated person seen from the front, upper body only. x is the centre line.

    Returns the shoulder points (left, right) for drawing arms."""
    k = scale
    head_r = 48 * k
    hy = top + head_r
    # body
    body_top = hy + head_r + 8 * k
    c.rect((x - 88 * k, body_top, x + 88 * k, body_top + 220 * k), fill=shirt, radius=round(60 * k))
    # neck
    c.rect((x - 16 * k, hy + head_r - 14 * k, x + 16 * k, body_top + 18 * k), fill=skin)
    # hair behind head
    if long_hair:
        c.rect((x - head_r - 6 * k, hy - 10 * k, x + head_r + 6 * k, hy + head_r + 14 * k), fill=hair, radius=round(26 * k))
    c.circle(x, hy, head_r, fill=skin)
    # hair on top
    if side_hair:  # short grey hair: a thin cap and tufts over the ears
        c.chord((x - head_r - 2 * k, hy - head_r - 8 * k, x + head_r + 2 * k, hy + head_r * 0.1), 180, 360, fill=hair)
        for sx in (x - head_r + 4 * k, x + head_r - 4 * k):
            c.circle(sx, hy - 8 * k, 15 * k, fill=hair)
    else:
        c.chord((x - head_r - 4 * k, hy - head_r - 8 * k, x + head_r + 4 * k, hy + head_r * 0.6), 180, 360, fill=hair)
    # eyes and smile
    c.circle(x - 17 * k, hy + 4 * k, 5 * k, fill=INK)
    c.circle(x + 17 * k, hy + 4 * k, 5 * k, fill=INK)
    c.arc((x - 18 * k, hy + 6 * k, x + 18 * k, hy + 30 * k), 20, 160, fill=INK, width=max(2, round(3 * k)))
    if glasses:
        for gx in (x - 17 * k, x + 17 * k):
            c.circle(gx, hy + 4 * k, 13 * k, outline=INK, width=max(2, round(3 * k)))
        c.line([(x - 4 * k, hy + 3 * k), (x + 4 * k, hy + 3 * k)], fill=INK, width=max(2, round(3 * k)), rounded=False)
    return (x - 70 * k, body_top + 30 * k), (x + 70 * k, body_top + 30 * k)


def arm(c: Canvas, points, sleeve, skin=SKIN_A, width=34):
    c.line(points, fill=sleeve, width=width)
    hx, hy = points[-1]
    c.circle(hx, hy, width * 0.62, fill=skin)


def speech_bubble(c: Canvas, box, tail_to, fill=WHITE, outline=INK, width=4, radius=30):
    x1, y1, x2, y2 = box
    tx, ty = tail_to
    # tail from the bubble's lower edge toward tail_to
    base_x = min(max(tx, x1 + radius + 30), x2 - radius - 30)
    half = 34
    c.polygon([(base_x - half, y2 - width), (base_x + half, y2 - width), (tx, ty)], fill=outline)
    c.rect(box, fill=fill, outline=outline, width=width, radius=radius)
    # the tail's inside, drawn over the bubble's lower outline so that the two join cleanly
    inner = half - width * 1.6
    dy = ty - y2
    k = (width * 2.2) / max(dy, 1)
    c.polygon([(base_x - inner, y2 - width - 1), (base_x + inner, y2 - width - 1),
               (tx + (base_x - tx) * k, ty - dy * k)], fill=fill)


# -- devices -----------------------------------------------------------------

def app_grid(c: Canvas, box, cols, rows, colours):
    x1, y1, x2, y2 = box
    cw, rh = (x2 - x1) / cols, (y2 - y1) / rows
    size = min(cw, rh) * 0.62
    i = 0
    for r in range(rows):
        for col in range(cols):
            cx, cy = x1 + cw * (col + 0.5), y1 + rh * (r + 0.5)
            c.rect((cx - size / 2, cy - size / 2, cx + size / 2, cy + size / 2),
                   fill=colours[i % len(colours)], radius=round(size / 4))
            i += 1


def phone(c: Canvas, cx, cy, h=300):
    w = h * 0.5
    c.rect((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), fill=INK, radius=round(w * 0.16))
    c.rect((cx - w / 2 + 10, cy - h / 2 + 26, cx + w / 2 - 10, cy + h / 2 - 26), fill=WHITE, radius=8)
    c.rect((cx - 18, cy - h / 2 + 11, cx + 18, cy - h / 2 + 16), fill=GREY, radius=2)
    app_grid(c, (cx - w / 2 + 14, cy - h / 2 + 40, cx + w / 2 - 14, cy + h / 2 - 60), 3, 4,
             [TEAL, ORANGE, BLUE, GREEN, YELLOW, PURPLE])
    c.circle(cx, cy + h / 2 - 13, 7, fill=GREY)


def tablet(c: Canvas, cx, cy, w=300, h=220, screen=None):
    c.rect((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), fill=INK, radius=22)
    sx1, sy1, sx2, sy2 = cx - w / 2 + 16, cy - h / 2 + 16, cx + w / 2 - 16, cy + h / 2 - 16
    c.rect((sx1, sy1, sx2, sy2), fill=WHITE, radius=8)
    if screen is None:
        app_grid(c, (sx1 + 6, sy1 + 6, sx2 - 6, sy2 - 6), 4, 3, [TEAL, ORANGE, BLUE, GREEN, YELLOW, PURPLE])
    else:
        screen(sx1, sy1, sx2, sy2)


def laptop(c: Canvas, cx, cy, w=380):
    h = w * 0.62
    top = cy - h / 2
    c.rect((cx - w / 2, top, cx + w / 2, top + h), fill=INK, radius=16)
    c.rect((cx - w / 2 + 16, top + 16, cx + w / 2 - 16, top + h - 16), fill=WHITE, radius=6)
    # a browser window on the screen
    sx1, sy1, sx2 = cx - w / 2 + 16, top + 16, cx + w / 2 - 16
    c.rect((sx1, sy1, sx2, sy1 + 28), fill=BLUE_LIGHT)
    for i, col in enumerate((RED, YELLOW, GREEN)):
        c.circle(sx1 + 18 + i * 22, sy1 + 14, 6, fill=col)
    c.rect((sx1 + 90, sy1 + 7, sx2 - 14, sy1 + 21), fill=WHITE, radius=7)
    for i, frac in enumerate((0.8, 0.6, 0.7, 0.45)):
        if sy1 + 64 + i * 30 > top + h - 26:
            break
        c.rect((sx1 + 24, sy1 + 50 + i * 30, sx1 + 24 + (sx2 - sx1 - 48) * frac, sy1 + 64 + i * 30), fill=LINE, radius=6)
    # base and keyboard
    base_y = top + h
    c.polygon([(cx - w / 2 - 40, base_y + 34), (cx + w / 2 + 40, base_y + 34),
               (cx + w / 2, base_y), (cx - w / 2, base_y)], fill=GREY)
    c.rect((cx - w / 2 - 40, base_y + 30, cx + w / 2 + 40, base_y + 42), fill=INK, radius=6)
    for row in range(2):
        for i in range(12):
            kx = cx - w / 2 + 20 + i * (w - 40) / 12 + row * 6
            c.rect((kx, base_y + 6 + row * 12, kx + (w - 40) / 12 - 6, base_y + 14 + row * 12), fill=LINE, radius=2)


def mouse(c: Canvas, cx, cy):
    c.ellipse((cx - 22, cy - 34, cx + 22, cy + 34), fill=INK)
    c.line([(cx, cy - 30), (cx, cy - 8)], fill=GREY, width=3, rounded=False)


# -- the pictures --------------------------------------------------------------
# Each draw_* returns its Canvas; main() saves them. Words are few and large: every text is at
# least MIN_TEXT_PX, reading text 40 px (10.9 pt in print), titles 52 px.

TEXT = 40  # the size of the pictures' reading text


def draw_places() -> Canvas:
    """Where guidance happens: library, meeting place (asukastupa, palvelukeskus), event."""
    c = Canvas(1200, 800)
    c.title("Missä nettiopastusta annetaan?")
    cards = [
        ("Kirjasto", "Säännölliset opastusajat", BLUE, BLUE_LIGHT),
        ("Kohtaamispaikka", "Asukastupa tai palvelukeskus", GREEN, GREEN_LIGHT),
        ("Tapahtuma", "Opastuspiste messuilla", ORANGE, ORANGE_LIGHT),
    ]
    for i, (name, text, colour, light) in enumerate(cards):
        x1 = 16 + i * 394
        x2 = x1 + 380
        c.rect((x1, 110, x2, 780), fill=WHITE, outline=LINE, width=3, radius=28)
        c.rect((x1 + 14, 124, x2 - 14, 440), fill=light, radius=20)
        cx = (x1 + x2) / 2
        if i == 0:
            _library(c, cx, 420, colour)
        elif i == 1:
            _welfare_station(c, cx, 420, colour)
        else:
            _event_stand(c, cx, 420, colour)
        c.text((cx, 462), name, size=TEXT if c.text_width(name, TEXT, True) <= 340 else MIN_TEXT_PX,
               bold=True, anchor="ma", fill=INK)
        c.paragraph((cx, 530), text, size=TEXT, max_width=320, align="center")
    return c


def _library(c: Canvas, cx, ground, colour):
    # building with a pediment roof and columns
    c.rect((cx - 130, ground - 8, cx + 130, ground), fill=GREY)
    c.rect((cx - 115, ground - 190, cx + 115, ground - 8), fill=WHITE, outline=colour, width=4)
    c.polygon([(cx - 135, ground - 188), (cx + 135, ground - 188), (cx, ground - 262)], fill=colour)
    for k in (-80, -40, 40, 80):
        c.rect((cx + k - 10, ground - 170, cx + k + 10, ground - 8), fill=BLUE_LIGHT, outline=colour, width=3)
    c.rect((cx - 24, ground - 90, cx + 24, ground - 8), fill=colour, radius=6)
    # an open book on the roof
    bx, by = cx, ground - 214
    c.polygon([(bx - 40, by - 14), (bx, by - 4), (bx, by + 22), (bx - 40, by + 12)], fill=WHITE)
    c.polygon([(bx + 40, by - 14), (bx, by - 4), (bx, by + 22), (bx + 40, by + 12)], fill=WHITE)
    c.line([(bx, by - 4), (bx, by + 22)], fill=colour, width=3, rounded=False)


def _welfare_station(c: Canvas, cx, ground, colour):
    c.rect((cx - 130, ground - 8, cx + 130, ground), fill=GREY)
    c.rect((cx - 105, ground - 170, cx + 105, ground - 8), fill=WHITE, outline=colour, width=4)
    c.polygon([(cx - 130, ground - 168), (cx + 130, ground - 168), (cx, ground - 262)], fill=colour)
    # heart above the door
    hx, hy = cx, ground - 118
    c.circle(hx - 17, hy - 8, 19, fill=RED)
    c.circle(hx + 17, hy - 8, 19, fill=RED)
    c.polygon([(hx - 35, hy - 2), (hx + 35, hy - 2), (hx, hy + 34)], fill=RED)
    c.rect((cx - 24, ground - 70, cx + 24, ground - 8), fill=colour, radius=6)
    for wx in (cx - 75, cx + 75):
        c.rect((wx - 20, ground - 100, wx + 20, ground - 60), fill=GREEN_LIGHT, outline=colour, width=3)


def _event_stand(c: Canvas, cx, ground, colour):
    c.rect((cx - 130, ground - 8, cx + 130, ground), fill=GREY)
    # poles
    for px in (cx - 115, cx + 115):
        c.rect((px - 6, ground - 230, px + 6, ground - 8), fill=GREY)
    # striped roof
    top, bottom = ground - 262, ground - 206
    n = 6
    w = 260 / n
    for i in range(n):
        x = cx - 130 + i * w
        c.rect((x, top, x + w, bottom), fill=colour if i % 2 == 0 else WHITE)
        c.pieslice((x, bottom - w / 2, x + w, bottom + w / 2), 0, 180, fill=colour if i % 2 == 0 else WHITE)
    c.rect((cx - 130, top, cx + 130, bottom), outline=colour, width=3)
    # counter with a sign and a laptop
    c.rect((cx - 110, ground - 96, cx + 110, ground - 8), fill=WHITE, outline=colour, width=4, radius=6)
    c.text((cx, ground - 52), "Opastus", size=MIN_TEXT_PX, bold=True, fill=colour, anchor="mm")
    c.rect((cx - 40, ground - 150, cx + 40, ground - 100), fill=INK, radius=6)
    c.rect((cx - 33, ground - 144, cx + 33, ground - 106), fill=BLUE_LIGHT)
    c.polygon([(cx - 56, ground - 96), (cx + 56, ground - 96), (cx + 40, ground - 102), (cx - 40, ground - 102)], fill=GREY)



def draw_hands_on_device() -> Canvas:
    """The senior holds the tablet; the guide sits beside and talks."""
    c = Canvas(1200, 800)
    c.title("Laite pysyy ikäihmisen käsissä")
    # senior on the left (glasses, grey hair), guide on the right
    sl, sr = person(c, 380, 250, shirt=BLUE, hair=HAIR_GREY, glasses=True, side_hair=True)
    gl, gr = person(c, 870, 262, shirt=TEAL, skin=SKIN_B, hair=HAIR_DARK, long_hair=True, scale=0.95)
    # table
    c.rect((110, 570, 1090, 610), fill=WOOD, radius=10)
    c.rect((130, 610, 1070, 622), fill=(160, 116, 76))
    # the senior's sleeves go under the tablet, the hands hold its edges
    tcx, tcy = 400, 480
    left_hand, right_hand = (tcx - 150, tcy + 20), (tcx + 150, tcy + 20)
    c.line([sl, (sl[0] - 30, 470), left_hand], fill=BLUE, width=34)
    c.line([sr, (sr[0] + 30, 470), right_hand], fill=BLUE, width=34)

    def screen(x1, y1, x2, y2):
        c.rect((x1, y1, x2, y1 + 26), fill=TEAL)
        c.rect((x1 + 16, y1 + 40, x2 - 16, y1 + 54), fill=LINE, radius=7)
        c.rect((x1 + 16, y1 + 64, x2 - 60, y1 + 78), fill=LINE, radius=7)
        c.rect(((x1 + x2) / 2 - 84, y2 - 64, (x1 + x2) / 2 + 84, y2 - 10), fill=GREEN, radius=12)
        c.text(((x1 + x2) / 2, y2 - 37), "Jatka", size=MIN_TEXT_PX, bold=True, fill=WHITE, anchor="mm")

    tablet(c, tcx, tcy, w=300, h=204, screen=screen)
    for hx, hy in (left_hand, right_hand):
        c.circle(hx, hy, 21, fill=SKIN_A)
    # guide: one hand on the table, the other pointing toward the screen without touching it
    arm(c, [gr, (gr[0] + 24, 500), (gr[0] - 6, 548)], TEAL, skin=SKIN_B)
    arm(c, [gl, (gl[0] - 60, 440), (tcx + 218, 446)], TEAL, skin=SKIN_B)
    c.line([(tcx + 218, 446), (tcx + 186, 444)], fill=SKIN_B, width=12)
    # speech bubble from the guide
    speech_bubble(c, (700, 100, 1170, 226), (880, 262))
    c.text((935, 138), "Paina itse", size=TEXT, anchor="mm")
    c.text((935, 188), "Jatka-painiketta.", size=TEXT, anchor="mm")
    # labels
    c.text((320, 660), "Ikäihminen tekee itse", size=TEXT, bold=True, anchor="ma", fill=BLUE)
    c.text((880, 660), "Opastaja neuvoo", size=TEXT, bold=True, anchor="ma", fill=TEAL)
    c.text((880, 714), "vierestä", size=TEXT, bold=True, anchor="ma", fill=TEAL)
    return c


def draw_devices() -> Canvas:
    c = Canvas(1200, 800)
    c.title("Tavallisimmat laitteet")
    items = [
        (210, "Älypuhelin", "Aina mukana", TEAL),
        (600, "Tabletti", "Iso näyttö", ORANGE),
        (990, "Tietokone", "Näppäimistö", BLUE),
    ]
    for cx, name, text, colour in items:
        c.rect((cx - 185, 110, cx + 185, 700), fill=WHITE, outline=colour, width=5, radius=28)
        c.rect((cx - 160, 540, cx + 160, 546), fill=colour, radius=3)
    phone(c, 210, 320, h=300)
    tablet(c, 600, 320, w=290, h=210)
    laptop(c, 975, 300, w=230)
    mouse(c, 1112, 466)
    for cx, name, text, colour in items:
        c.text((cx, 566), name, size=44, bold=True, anchor="ma", fill=INK)
        c.text((cx, 630), text, size=TEXT, anchor="ma", fill=INK)
    c.text((600, 726), "Samat verkkopalvelut toimivat kaikissa.", size=TEXT, anchor="ma", fill=INK)
    return c


def draw_session_steps() -> Canvas:
    """The five steps of a guidance session as a top-to-bottom flow."""
    c = Canvas(1200, 800)
    c.title("Opastuskerran kulku")
    steps = [
        "Tervehdi ja esittäydy",
        "Kysy, mitä hän haluaa oppia",
        "Hän tekee, sinä neuvot",
        "Kertaa ja tee muistilista",
        "Hän kirjautuu ulos, sovitte jatkosta",
    ]
    colours = [TEAL, BLUE, ORANGE, GREEN, PURPLE]
    top, step, h = 106, 124, 100
    # arrows between the numbers, drawn first so the circles cover their ends
    for i in range(len(steps) - 1):
        y1 = top + i * step + h / 2 + 34
        y2 = top + (i + 1) * step + h / 2 - 34
        c.arrow([(80, y1), (80, y2)], fill=INK, width=7, head=13)
    for i, (text, colour) in enumerate(zip(steps, colours)):
        y = top + i * step
        c.rect((140, y, 1170, y + h), fill=WHITE, outline=colour, width=5, radius=22)
        c.badge(80, y + h / 2, i + 1, r=38, fill=colour)
        c.text((172, y + h / 2), text, size=44, bold=True, anchor="lm")
    c.text((600, 740), "Kun ikäihminen tekee itse, hän muistaa.", size=TEXT, anchor="ma", fill=INK)
    return c


def draw_confidentiality() -> Canvas:
    c = Canvas(1200, 800)
    c.title("Mitä näet ja kuulet, jää tähän")
    # a big speech bubble with a padlock
    speech_bubble(c, (50, 150, 430, 560), (160, 640), fill=TEAL_LIGHT, outline=TEAL, width=6, radius=60)
    lx, ly = 240, 380
    c.arc((lx - 70, ly - 150, lx + 70, ly - 10), 180, 360, fill=INK, width=24)
    c.rect((lx - 82, ly - 80, lx - 58, ly - 60), fill=INK)
    c.rect((lx + 58, ly - 80, lx + 82, ly - 60), fill=INK)
    c.rect((lx - 110, ly - 80, lx + 110, ly + 110), fill=YELLOW, outline=INK, width=6, radius=22)
    c.circle(lx, ly + 5, 22, fill=INK)
    c.polygon([(lx - 12, ly + 10), (lx + 12, ly + 10), (lx + 8, ly + 60), (lx - 8, ly + 60)], fill=INK)
    rules = [
        "Et kerro asioita muille",
        "Et kirjoita tunnuksia muistiin",
        "Et kuvaa näyttöä tai papereita",
        "Et käytä tietoja myöhemmin",
    ]
    for i, rule in enumerate(rules):
        cy = 190 + i * 128
        c.cross(510, cy, r=30)
        lines = c.wrap(rule, TEXT, 620, bold=True)
        c.paragraph((560, cy - len(lines) * 52 / 2 + 2), rule, size=TEXT, max_width=620, bold=True)
    c.text((600, 726), "Vaitiolo jatkuu myös vapaaehtoistyön jälkeen.", size=TEXT, anchor="ma", fill=INK)
    return c


def draw_division_of_work() -> Canvas:
    c = Canvas(1200, 800)
    c.title("Kuka auttaa missäkin?")
    left = [
        "Laitteen käytössä",
        "Kirjautumisen opettelussa",
        "Sähköpostissa ja videopuheluissa",
        "Rohkaisemalla kokeilemaan itse",
    ]
    right = [
        "Pankki: tunnus- ja maksuongelmat",
        "Kela ja Vero: etuudet ja verot",
        "Terveysasema: hoito ja lääkkeet",
        "Sosiaalipalvelut: apu arjessa",
        "Huolto: rikki mennyt laite",
    ]
    cols = [(30, "Nettiopastaja auttaa", left, GREEN, GREEN_LIGHT, True),
            (615, "Ammattilainen auttaa", right, BLUE, BLUE_LIGHT, False)]
    for x, head, items, colour, light, ok in cols:
        c.rect((x, 104, x + 555, 786), fill=light, radius=28)
        c.rect((x, 104, x + 555, 188), fill=colour, radius=28)
        c.rect((x, 160, x + 555, 188), fill=colour)
        c.text((x + 277, 146), head, size=TEXT, bold=True, fill=WHITE, anchor="mm")
        step = 590 / len(items)
        y = 196 + step / 2
        for item in items:
            if ok:
                c.check(x + 44, y, r=26)
            else:
                c.circle(x + 44, y, 26, fill=colour)
                c.arrow([(x + 30, y), (x + 60, y)], fill=WHITE, width=6, head=10)
            lines = c.wrap(item, TEXT, 460)
            c.paragraph((x + 84, y - len(lines) * 50 / 2 + 2), item, size=TEXT, max_width=460, leading=1.25)
            y += step
    return c


def draw_phishing() -> Canvas:
    """A scam e-mail with its four warning signs numbered, and the address its button leads to."""
    c = Canvas(1200, 800)
    c.title("Tunnista huijausviesti")
    # e-mail window
    x1, y1, x2, y2 = 24, 100, 700, 786
    c.rect((x1, y1, x2, y2), fill=WHITE, outline=INK, width=4, radius=18)
    c.rect((x1, y1, x2, y1 + 60), fill=BLUE_LIGHT, radius=18)
    c.rect((x1, y1 + 30, x2, y1 + 60), fill=BLUE_LIGHT)
    c.line([(x1, y1 + 60), (x2, y1 + 60)], fill=INK, width=3, rounded=False)
    c.text((x1 + 24, y1 + 30), "Sähköposti", size=MIN_TEXT_PX, bold=True, anchor="lm")
    c.text((x1 + 24, 176), "Lähettäjä:", size=MIN_TEXT_PX, fill=GREY)
    c.text((x1 + 24, 222), "tuki@pankki-fi.example", size=TEXT, bold=True, fill=INK)
    c.text((x1 + 24, 286), "Aihe:", size=MIN_TEXT_PX, fill=GREY)
    c.text((x1 + 24, 332), "Tilisi suljetaan!", size=TEXT, bold=True, fill=INK)
    c.line([(x1 + 20, 394), (x2 - 20, 394)], fill=LINE, width=3, rounded=False)
    c.paragraph((x1 + 24, 416), "Vahvista pankkitunnuksesi heti.", size=TEXT, max_width=560)
    c.rect((x1 + 70, 548, x1 + 490, 624), fill=ORANGE, radius=14)
    c.text((x1 + 280, 586), "Vahvista tästä", size=TEXT, bold=True, fill=WHITE, anchor="mm")
    c.text((x1 + 24, 660), "Linkki vie sivulle", size=MIN_TEXT_PX, fill=GREY)
    c.text((x1 + 24, 706), "pankki-fi.example", size=MIN_TEXT_PX, bold=True, fill=INK)
    # the warning signs, marked on the message
    c.rect((x1 + 12, 214, x1 + 596, 272), outline=RED, width=4, radius=10)
    c.rect((x1 + 12, 324, x1 + 596, 382), outline=RED, width=4, radius=10)
    c.rect((x1 + 12, 406, x1 + 596, 530), outline=RED, width=4, radius=10)
    c.rect((x1 + 12, 536, x1 + 596, 760), outline=RED, width=4, radius=18)
    for i, my in enumerate((243, 353, 468, 648), start=1):
        c.badge(x1 + 634, my, i, r=32)
    # legend
    legend = ["Outo lähettäjä", "Kiirehtii ja pelottelee", "Pyytää tunnuksia", "Linkki vie vieraalle sivulle"]
    y = 120
    for i, text in enumerate(legend, start=1):
        lines = c.wrap(text, TEXT, 390, bold=True)
        c.badge(760, y + 26, i, r=32)
        c.paragraph((804, y), text, size=TEXT, max_width=390, bold=True, leading=1.2)
        y += len(lines) * 48 + 34
    c.rect((730, 596, 1186, 786), fill=RED_LIGHT, radius=18)
    c.paragraph((958, 606), "Pankki ei koskaan kysy tunnuksia viestillä.", size=TEXT, max_width=420,
                bold=True, align="center", fill=RED, leading=1.2)
    return c


def draw_scam_sms() -> Canvas:
    """A fake parcel text message on a phone, with its three warning signs numbered."""
    c = Canvas(1200, 800)
    c.title("Tunnista huijaustekstiviesti")
    # the phone, its lower end running off the picture
    px1, py1, px2 = 30, 100, 560
    c.rect((px1, py1, px2, 840), fill=INK, radius=48)
    c.rect((px1 + 18, py1 + 18, px2 - 18, 840), fill=WHITE, radius=30)
    c.text((px1 + 44, py1 + 40), "+44 7700 900123", size=TEXT, bold=True, fill=INK)
    c.text((px1 + 44, py1 + 96), "Tekstiviesti", size=MIN_TEXT_PX, fill=GREY)
    c.line([(px1 + 18, py1 + 152), (px2 - 18, py1 + 152)], fill=LINE, width=3, rounded=False)
    # the message bubble
    bx1, by1, bx2 = px1 + 36, py1 + 180, px2 - 40
    message = "Pakettisi odottaa. Maksa 1,90 € tänään:"
    text_top = by1 + 24
    link_top = text_top + len(c.wrap(message, TEXT, bx2 - bx1 - 48)) * TEXT * 1.25 + 22
    c.rect((bx1, by1, bx2, link_top + 90), fill=BLUE_LIGHT, radius=26)
    y = c.paragraph((bx1 + 24, text_top), message, size=TEXT, max_width=bx2 - bx1 - 48, leading=1.25)
    c.text((bx1 + 24, link_top), "paketti-fi.example", size=TEXT, bold=True, fill=BLUE)
    # the warning signs, marked on the message
    marks = [(py1 + 30, py1 + 92), (text_top - 12, y + 6), (link_top - 12, link_top + 58)]
    for i, (top, bottom) in enumerate(marks, start=1):
        right = px2 - 34 if i == 1 else bx2 - 8
        c.rect((px1 + 32 if i == 1 else bx1 + 8, top, right, bottom), outline=RED, width=4, radius=10)
        c.badge(px2 + 44, (top + bottom) / 2, i, r=32)
    legend = ["Outo numero", "Kiirehtii ja pyytää maksua", "Linkki vie vieraalle sivulle"]
    y = 124
    for i, text in enumerate(legend, start=1):
        lines = c.wrap(text, TEXT, 380, bold=True)
        c.badge(774, y + 26, i, r=32)
        c.paragraph((818, y), text, size=TEXT, max_width=380, bold=True, leading=1.2)
        y += len(lines) * 48 + 40
    c.rect((680, 560, 1186, 786), fill=RED_LIGHT, radius=18)
    c.paragraph((933, 578), "Älä avaa linkkiä. Katso lähetys itse sovelluksesta.", size=TEXT, max_width=470,
                bold=True, align="center", fill=RED, leading=1.2)
    return c


def draw_passphrase() -> Canvas:
    c = Canvas(1200, 800)
    c.title("Hyvä salasana on pitkä salalause")
    words = [("mustikka", BLUE), ("kello", ORANGE), ("lumi", TEAL), ("kirja", PURPLE)]
    widths = [c.text_width(w, 44, True) + 50 for w, _ in words]
    gap = 64
    total = sum(widths) + gap * (len(words) - 1)
    x = (1200 - total) / 2
    for (word, colour), w in zip(words, widths):
        c.rect((x, 110, x + w, 196), fill=colour, radius=20)
        c.text((x + w / 2, 153), word, size=44, bold=True, fill=WHITE, anchor="mm")
        x += w
        if word != words[-1][0]:
            c.text((x + gap / 2, 153), "+", size=48, bold=True, fill=INK, anchor="mm")
            x += gap
    c.text((600, 218), "Neljä sanaa, jotka eivät liity toisiinsa", size=TEXT, fill=INK, anchor="ma")
    # the good passphrase
    c.rect((60, 290, 1140, 440), fill=GREEN_LIGHT, outline=GREEN, width=5, radius=22)
    c.text((600, 332), "mustikka-kello-lumi-kirja", size=48, bold=True, fill=INK, anchor="mm")
    c.check(124, 398, r=24)
    c.text((164, 398), "Pitkä, helppo muistaa, vaikea arvata", size=TEXT, fill=INK, anchor="lm")
    # the bad example
    c.rect((60, 470, 1140, 570), fill=RED_LIGHT, outline=RED, width=5, radius=22)
    c.cross(124, 520, r=24)
    bad_w = c.text_width("Salasana1", 44, True)
    c.text((164, 520), "Salasana1", size=44, bold=True, fill=INK, anchor="lm")
    c.line([(160, 522), (168 + bad_w, 522)], fill=RED, width=5, rounded=False)
    c.text((210 + bad_w, 520), "Lyhyt, helppo arvata", size=TEXT, fill=INK, anchor="lm")
    c.text((600, 604), "Palvelu vaatii numeron tai ison kirjaimen?", size=TEXT, fill=INK, anchor="ma")
    c.text((600, 656), "Lisää se: Mustikka-kello-lumi-kirja7", size=TEXT, fill=INK, anchor="ma")
    c.text((600, 730), "Keksi oma: älä käytä tätä esimerkkiä.", size=TEXT, bold=True, fill=INK, anchor="ma")
    return c


def draw_logo() -> Canvas:
    c = Canvas(600, 600, bg=(255, 255, 255, 0), mode="RGBA")
    # speech bubble
    x1, y1, x2, y2 = 50, 50, 550, 390
    c.polygon([(120, 370), (230, 370), (100, 470)], fill=TEAL + (255,))
    c.rect((x1, y1, x2, y2), fill=TEAL + (255,), radius=80)
    # three dots of a conversation
    for dx in (170, 260, 350):
        c.circle(dx, 220, 30, fill=(255, 255, 255, 255))
    # a mouse cursor pointing at the last dot, with a white rim
    cx, cy = 352, 222
    pts = [(0, 0), (0, 200), (50, 154), (84, 230), (116, 216), (82, 142), (146, 142)]
    cursor = [(cx + px, cy + py) for px, py in pts]
    c.polygon(cursor, fill=(255, 255, 255, 255))
    c.line(cursor + [cursor[0]], fill=(255, 255, 255, 255), width=22)
    c.polygon(cursor, fill=ORANGE + (255,))
    # name
    c.text((300, 520), "Nettiopastajalle", size=60, bold=True, fill=INK + (255,), anchor="mm")
    return c


# The course's pictures by file name (in course/images/), in the order they are drawn.
PICTURES: dict[str, Callable[[], Canvas]] = {
    "ohjauspaikat.png": draw_places,
    "ikaihminen-ja-tabletti.png": draw_hands_on_device,
    "laitteet.png": draw_devices,
    "opastuskerran-kulku.png": draw_session_steps,
    "vaitiolo.png": draw_confidentiality,
    "tyonjako.png": draw_division_of_work,
    "huijausviesti.png": draw_phishing,
    "huijaustekstiviesti.png": draw_scam_sms,
    "salalause.png": draw_passphrase,
}


def main() -> int:
    jobs = [(draw, IMAGES / name, 96) for name, draw in PICTURES.items()]
    jobs.append((draw_logo, ASSETS / "logo.png", 64))
    for draw, path, colors in jobs:
        draw().save(path, colors=colors)
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
