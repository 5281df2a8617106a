"""The PNG header read by hand (to spare importing Pillow) agrees with Pillow wherever it answers."""

from __future__ import annotations

import io
import random
import struct
import zlib

import pytest
from PIL import Image

from builder.readers import assets


def _pillow_kind(data: bytes, monkeypatch) -> object:
    with monkeypatch.context() as m:
        m.setattr(assets, "_plain_png_size", lambda data: None)
        return assets._image_kind(data)


def _png(mode: str, size=(7, 5), **save) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, "PNG", **save)
    return out.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _ihdr(width: int, height: int, depth: int = 8, colour: int = 2, compression=0, filtering=0, interlace=0) -> bytes:
    return _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour, compression, filtering, interlace))


def _built(*chunks: bytes) -> bytes:
    return assets.PNG_SIGNATURE + b"".join(chunks)


IDAT = _chunk(b"IDAT", zlib.compress(b"\0" * 16))
IEND = _chunk(b"IEND", b"")

SAMPLES = [
    _png("RGB"), _png("RGBA"), _png("L"), _png("LA"), _png("1"), _png("P"), _png("I;16"),
    _png("RGB", (1, 1)), _png("RGB", (3, 9)),
    _png("P", transparency=0), _png("RGB", dpi=(300, 300)),
    _built(_ihdr(3, 3), IDAT, IEND),
    _built(_ihdr(3, 3), IDAT, IDAT, _chunk(b"tEXt", b"a\0b"), IEND),
    _built(_ihdr(3, 3), IDAT, IEND, b"trailing bytes"),
    _built(_ihdr(3, 3, interlace=1), IDAT, IEND),
    _built(_ihdr(3, 3, interlace=2), IDAT, IEND),
    _built(_ihdr(3, 3, compression=1), IDAT, IEND),
    _built(_ihdr(3, 3, filtering=1), IDAT, IEND),
    _built(_ihdr(3, 3, depth=3), IDAT, IEND),
    _built(_ihdr(3, 3, colour=3), _chunk(b"PLTE", b"\0" * 9), IDAT, IEND),
    _built(_ihdr(3, 3, colour=3), _chunk(b"PLTE", b""), IDAT, IEND),
    _built(_ihdr(0, 3), IDAT, IEND),
    _built(_ihdr(3, 0), IDAT, IEND),
    _built(_ihdr(8000, 5000), IDAT, IEND),
    _built(_ihdr(8000, 5001), IDAT, IEND),
    _built(_ihdr(100000, 100000), IDAT, IEND),
    _built(_ihdr(2**32 - 1, 1), IDAT, IEND),
    _built(_ihdr(3, 3), _chunk(b"acTL", b"\0\0\0\1\0\0\0\0"), IDAT, IEND),
    _built(_ihdr(3, 3), _chunk(b"gAMA", b"\0\0\0\1"), IDAT, IEND),
    _built(_ihdr(3, 3), IEND),
    _built(_ihdr(3, 3), IDAT),
    _built(_ihdr(3, 3), IDAT, _chunk(b"IE_D", b""), IEND),
    _built(_ihdr(3, 3), IDAT, _chunk(b"IEN1", b""), IEND),
    _built(_ihdr(3, 3), IDAT, IEND[:-4]),
    _built(_chunk(b"IHDR", struct.pack(">IIBBBBB", 3, 3, 8, 2, 0, 0, 0) + b"\0"), IDAT, IEND),
    _built(IDAT, _ihdr(3, 3), IEND),
    b"\x89PNG\r\n\x1a\n",
    b"",
] + [
    _built(_ihdr(3, 3, depth=depth, colour=colour), _chunk(kind, b"\1" * length), IDAT, IEND)
    for kind, lengths in ((b"gAMA", (0, 3, 4)), (b"cHRM", (0, 31, 32, 40)), (b"sRGB", (0, 1)),
                          (b"pHYs", (0, 8, 9)), (b"tRNS", (0, 1, 2, 5, 6, 7)), (b"bKGD", (6,)), (b"tEXt", (3,)))
    for depth, colour in ((1, 0), (8, 0), (16, 0), (8, 2), (16, 2), (8, 3), (8, 4), (8, 6))
    for length in lengths
]


def _variants(data: bytes, rng: random.Random):
    yield data
    for cut in sorted({*range(0, min(len(data), 80)), *rng.sample(range(len(data)), min(len(data), 40))}):
        yield data[:cut]
    for _ in range(150):
        flipped = bytearray(data)
        flipped[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        yield bytes(flipped)


@pytest.mark.parametrize("index", range(len(SAMPLES)))
def test_read_by_hand_only_what_pillow_reads_alike(index, monkeypatch):
    rng = random.Random(index)
    for data in _variants(SAMPLES[index], rng) if SAMPLES[index] else [b""]:
        size = assets._plain_png_size(data)
        if size is not None:
            assert _pillow_kind(data, monkeypatch) == ("image/png", *size)


@pytest.mark.parametrize("colour", range(8))
def test_pixel_formats_as_pillow(colour, monkeypatch):
    for depth in (0, 1, 2, 3, 4, 8, 16, 32):
        data = _built(_ihdr(3, 3, depth=depth, colour=colour), IDAT, IEND)
        size = assets._plain_png_size(data)
        pillow = _pillow_kind(data, monkeypatch)
        assert (size is not None) == (pillow == ("image/png", 3, 3))


def test_the_course_images_are_read_by_hand():
    from pathlib import Path

    root = Path(__file__).parent.parent
    images = sorted((root / "course" / "images").glob("*.png")) + [root / "assets" / "logo.png"]
    assert len(images) > 1
    for path in images:
        data = path.read_bytes()
        assert assets._plain_png_size(data) is not None
        assert assets._image_kind(data)[0] == "image/png"


def test_common_pngs_are_read_by_hand(monkeypatch):
    for data in SAMPLES[:11]:
        assert assets._plain_png_size(data) is not None
        assert assets._image_kind(data) == _pillow_kind(data, monkeypatch)
