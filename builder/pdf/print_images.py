"""Images as the PDF renderer takes them fastest: an opaque PNG is handed over as a fine JPEG.

WeasyPrint re-encodes every PNG when it writes a PDF (a palette PNG twice: once to RGB, once
into the PDF), which is a large share of a booklet's write time, while a JPEG passes into the
PDF untouched. At quality 92 without chroma subsampling the JPEG of a flat diagram shows no
artefacts even at print resolution, so opaque PNGs go to the renderer as such JPEGs. Images
with transparency stay PNG: a JPEG would lose it. A picture larger than any page prints is
scaled to print resolution first (PRINT_MAX_SIDE).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Iterable

JPEG_QUALITY = 92
# 300 pixels per inch across a whole A4 page (210 mm), more than any page of ours prints a picture
# at: a camera's 4000-pixel photo would only make every PDF, and the Moodle backup holding them, larger.
PRINT_MAX_SIDE = 2480

_PREPARED: dict[Path, tuple[bytes, str]] = {}  # made ahead by prepare(), in another process
_PENDING: list = []  # the process still making them (a builder.forked.Forked sending them as its next part)


def image_for_pdf(path: Path) -> tuple[bytes, str]:
    """The bytes and MIME type to hand the PDF renderer for the image file at ``path``."""
    if _PENDING:
        take_pending()
    if path in _PREPARED:
        return _PREPARED[path]
    return _made_for_pdf(path)


def _made_for_pdf(path: Path) -> tuple[bytes, str]:
    data = path.read_bytes()
    png, jpeg = data.startswith(b"\x89PNG\r\n\x1a\n"), data.startswith(b"\xff\xd8")
    if not (png or jpeg):
        return data, _mimetype(path)
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        too_large = max(image.size) > PRINT_MAX_SIDE
        transparent = png and (image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info)
        if not too_large and (jpeg or transparent):
            return data, "image/jpeg" if jpeg else "image/png"
        if too_large:
            scale = PRINT_MAX_SIDE / max(image.size)
            image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                                 Image.Resampling.LANCZOS)
        out = io.BytesIO()
        if transparent:
            image.save(out, format="PNG", optimize=True)
            return out.getvalue(), "image/png"
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        # A diagram's sharp coloured edges need full colour resolution; a camera photo was 4:2:0 already.
        image.save(out, format="JPEG", quality=JPEG_QUALITY, subsampling=2 if jpeg else 0)
    return out.getvalue(), "image/jpeg"


def prepare(paths: Iterable[Path]) -> dict[Path, tuple[bytes, str]]:
    """``image_for_pdf`` of each PNG and JPEG file, made while the renderer's process is busy elsewhere.

    The build makes them in the process that reads the course (0.09 s for the sample course's nine
    images) and hands them over after the course (``use_pending``). A file that cannot be converted
    is left out: the render then meets it itself and reports it as it always does.
    """
    prepared = {}
    for path in paths:
        if path.suffix.lower() in (".png", ".jpg", ".jpeg"):
            try:
                prepared[path] = _made_for_pdf(path)
            except Exception:  # noqa: BLE001 - reported by the render, not here
                continue
    return prepared


def use_pending(source) -> None:
    """Images ``source`` (a builder.forked.Forked) is still preparing: taken when first asked for."""
    drop_pending()
    _PENDING.append(source)


def take_pending() -> None:
    """Wait for the images a child is still preparing and keep them; nothing if it sends none."""
    while _PENDING:
        source = _PENDING.pop()
        images = source.next_part()
        source.close()
        if isinstance(images, dict):
            _PREPARED.update(images)


def drop_pending() -> None:
    """Stop waiting for images still being prepared (a build that ends without rendering them)."""
    while _PENDING:
        _PENDING.pop().close()


def _mimetype(path: Path) -> str:
    import mimetypes

    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"
