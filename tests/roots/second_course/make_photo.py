"""Draws the second course's large photo (3000x2000 JPEG, a lakeside summer view) from a fixed seed.

The picture stands in for a phone photo a trainer drops into images/ as it is: several megabytes,
far larger than any page needs. It is made when the tests need it instead of being committed.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

SIZE = (3000, 2000)
SEED = 20270111


def _noise(rng: random.Random, size: tuple[int, int], cell: int) -> Image.Image:
    """Soft grey noise: random values on a coarse grid, scaled up smoothly."""
    small = (size[0] // cell + 1, size[1] // cell + 1)
    grid = Image.frombytes("L", small, rng.randbytes(small[0] * small[1]))
    return grid.resize(size, Image.Resampling.BICUBIC)


def draw_photo() -> Image.Image:
    rng = random.Random(SEED)
    width, height = SIZE
    photo = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(photo)
    horizon = int(height * 0.55)
    for y in range(horizon):  # sky: deep blue above, pale at the horizon
        t = y / horizon
        draw.line([(0, y), (width, y)], fill=(int(70 + 150 * t), int(130 + 100 * t), int(210 + 35 * t)))
    for y in range(horizon, height):  # lake: darker towards the shore in front
        t = (y - horizon) / (height - horizon)
        draw.line([(0, y), (width, y)], fill=(int(60 - 30 * t), int(100 - 40 * t), int(140 - 50 * t)))
    draw.ellipse((2250, 250, 2550, 550), fill=(255, 244, 200))  # the sun
    for _ in range(14):  # clouds
        x, y = rng.randrange(0, width), rng.randrange(80, horizon - 300)
        for _ in range(6):
            dx, dy, r = rng.randrange(-160, 160), rng.randrange(-40, 40), rng.randrange(60, 140)
            draw.ellipse((x + dx - r, y + dy - r // 2, x + dx + r, y + dy + r // 2), fill=(244, 246, 250))
    shore = [(0, horizon)]  # the far shore: a forested ridge
    for x in range(0, width + 60, 60):
        shore.append((x, horizon - 90 - int(70 * rng.random()) - int(60 * abs(((x / width) * 3) % 2 - 1))))
    shore.append((width, horizon))
    draw.polygon(shore, fill=(38, 74, 44))
    for _ in range(420):  # spruces along the ridge
        x = rng.randrange(0, width)
        top = horizon - rng.randrange(120, 260)
        draw.polygon([(x, top), (x - 22, horizon - 40), (x + 22, horizon - 40)], fill=(24, 52 + rng.randrange(30), 30))
    for y in range(horizon, height, 7):  # reflections and ripples on the water
        x = rng.randrange(-200, width)
        shade = rng.randrange(-25, 35)
        draw.line([(x, y), (x + rng.randrange(80, 600), y)], fill=(90 + shade, 130 + shade, 170 + shade), width=2)
    draw.polygon([(0, height), (0, height - 380), (700, height - 250), (1300, height)], fill=(92, 84, 70))  # rock
    draw.rectangle((1850, height - 520, 1870, height - 160), fill=(120, 80, 50))  # a jetty post
    draw.polygon([(1500, height - 220), (2900, height - 260), (2950, height - 180), (1500, height - 140)],
                 fill=(150, 110, 70))  # the jetty
    photo = photo.filter(ImageFilter.GaussianBlur(2))
    grain = Image.merge("RGB", [_noise(rng, SIZE, 3) for _ in range(3)])
    return Image.blend(photo, grain, 0.12)


def make_photo(path: Path) -> Path:
    """Write the photo to ``path`` (a .jpg), as a phone would: JPEG quality 92."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draw_photo().save(path, "JPEG", quality=92)
    return path


if __name__ == "__main__":
    print(make_photo(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("kesamaisema.jpg")))
