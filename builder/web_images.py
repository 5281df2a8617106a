"""Images as the web outputs take them: no more pixels than the layout shows, photos as JPEG.

The HTML booklet, the slide deck, the PowerPoint deck and the Moodle backup are each downloaded
by every reader, so a 3000-pixel photo saved as PNG (7 MB) would make each of them heavy for
nothing. Each output asks for the size its layout shows, with twice the pixels for sharp
(high-density) screens, and never more than MAX_WIDTH pixels wide:

* the booklet page and Moodle show a text column: the booklet's 38em at 20 px (760 px) and
  Moodle's course content column (Boost: 830 px), so COLUMN_WIDTH;
* a slide picture fills its box on the slide: SLIDE_PIXELS_PER_EM pixels for each slide em.

A picture that has more pixels is scaled down (a palette PNG only when it is over 1.5 times too
large); then a photo (opaque, many colours, or a JPEG) becomes a JPEG, a diagram with few colours
a palette PNG and a transparent picture a PNG. SVG (drawn at any size) and GIF (it may be
animated) pass untouched, and so does any picture the re-encoding would not make smaller. The bytes depend only on the file and the size asked for:
no date or other metadata is written, and Pillow's encoders are deterministic.
"""

from __future__ import annotations

import base64
import hashlib
import io
import subprocess
import sys
from dataclasses import dataclass

from builder.model import Asset

MAX_WIDTH = 1600
COLUMN_WIDTH = MAX_WIDTH  # 2 x 830 px of Moodle's column (the booklet's 760 px is less), capped
SLIDE_PIXELS_PER_EM = 90  # a slide is 32 em wide: full screen on a 2880-px high-density laptop
JPEG_QUALITY = 85
PALETTE_COLOURS = 256  # a picture with at most this many colours is a diagram, not a photo
DIAGRAM_SLACK = 1.5  # a palette PNG this much larger than shown stays as it is: scaling blurs it, saves little
RECODED_TYPES = {"image/png", "image/jpeg", "image/webp"}
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg"}

_MADE: dict[tuple, "WebImage"] = {}  # once per file and size in a build's process


@dataclass(frozen=True)
class WebImage:
    """The bytes an output stores for a picture, with the name, type and pixel size they have."""

    data: bytes
    mimetype: str
    filename: str
    width: int | None
    height: int | None

    @property
    def sha1(self) -> str:
        return hashlib.sha1(self.data).hexdigest()

    def data_url(self) -> str:
        return f"data:{self.mimetype};base64," + base64.b64encode(self.data).decode("ascii")


def column_image(asset: Asset) -> WebImage:
    """``asset`` for a page's text column (the HTML booklet, Moodle)."""
    return web_image(asset, COLUMN_WIDTH)


def slide_image(asset: Asset, width_em: float, height_em: float) -> WebImage:
    """``asset`` for a box of ``width_em`` x ``height_em`` slide ems."""
    return web_image(asset, min(MAX_WIDTH, _pixels(width_em)), _pixels(height_em))


def web_image(asset: Asset, max_width: int, max_height: int | None = None) -> WebImage:
    """``asset`` no larger than ``max_width`` x ``max_height`` pixels, in the smallest fit form."""
    # Two limits that give one size (a picture that fits both) make one picture.
    size = fitted(asset.width, asset.height, max_width, max_height) if asset.width and asset.height else None
    key = (asset.path, asset.sha1, size or (max_width, max_height))
    if key not in _MADE:
        _MADE[key] = _made(asset, max_width, max_height)
    return _MADE[key]


def fitted(width: int, height: int, max_width: float, max_height: float | None) -> tuple[int, int]:
    """The largest size of the same proportions within the limits; never larger than it was."""
    scale = min(1.0, max_width / width, (max_height / height) if max_height else 1.0)
    if scale >= 1.0:
        return width, height
    return max(1, round(width * scale)), max(1, round(height * scale))


def slide_drawing(asset: Asset, width_em: float, height_em: float) -> WebImage:
    """The SVG ``asset`` drawn as a PNG for a box of ``width_em`` x ``height_em`` slide ems."""
    width = min(MAX_WIDTH, _pixels(width_em))
    height = max(1, round(width * height_em / width_em))
    key = (asset.path, asset.sha1, "drawn", width, height)
    if key not in _MADE:
        stem = asset.filename.rpartition(".")[0] or asset.filename
        _MADE[key] = WebImage(svg_as_png(asset, width, height), "image/png", f"{stem}.png", width, height)
    return _MADE[key]


def svg_as_png(asset: Asset, width: int, height: int) -> bytes:
    """The SVG ``asset`` drawn as a PNG of ``width`` x ``height`` pixels (for PowerPoint's fallback).

    CairoSVG is WeasyPrint's sibling (the same maintainers, the same CSS parser) and draws with
    the system's Cairo. Without ``unsafe`` it reads no file or address the SVG names; the reader
    has already refused any SVG that names one. Each drawing is made in a new Python process:
    Cairo's font caches carry over from one drawing to the next and move a few anti-aliased
    pixels of the text, so a drawing made after others (in a full build, after the checks) would
    not have the bytes of the same drawing made first (``--only pptx``).
    """
    done = subprocess.run([sys.executable, "-I", "-c", _DRAW_SVG, str(width), str(height)],
                          input=asset.path.read_bytes(), capture_output=True, check=False)
    if done.returncode != 0:
        raise SvgDrawingError(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:])
    return done.stdout


def svg_drawable(asset: Asset) -> bool:
    """Whether CairoSVG can draw the SVG ``asset``, tried small in this process (the bytes are not kept)."""
    try:
        import cairosvg  # OSError without the Cairo library (Windows, macOS): the deck then leaves SVGs out

        cairosvg.svg2png(bytestring=asset.path.read_bytes(), output_width=64, output_height=64)
    except Exception:  # noqa: BLE001 - CairoSVG raises many kinds for drawings it cannot handle
        return False
    return True


class SvgDrawingError(Exception):
    """CairoSVG could not draw an SVG (the check step has warned about it)."""


_DRAW_SVG = (
    "import sys, cairosvg; sys.stdout.buffer.write(cairosvg.svg2png(bytestring=sys.stdin.buffer.read(), "
    "output_width=int(sys.argv[1]), output_height=int(sys.argv[2])))"
)


def _pixels(ems: float) -> int:
    return max(1, round(ems * SLIDE_PIXELS_PER_EM))


def _made(asset: Asset, max_width: int, max_height: int | None) -> WebImage:
    original = WebImage(asset.path.read_bytes(), asset.mimetype, asset.filename, asset.width, asset.height)
    if asset.mimetype not in RECODED_TYPES or _passes_undecoded(original, max_width, max_height):
        return original
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(original.data)) as image:
        width, height = _upright_size(image)
        size = fitted(width, height, max_width, max_height)
        must_convert = asset.mimetype == "image/webp"  # older tablets' browsers and PowerPoint lack WebP
        if size == (width, height) and not must_convert and not _maybe_smaller(image):
            return original
        if image.format == "JPEG":
            image.draft("RGB", _unrotated(image, size))  # decodes at a fraction of the size: faster
        icc_profile = image.info.get("icc_profile")
        kind = _kind(image)
        subsampling = _chroma_subsampling(image)
        picture = _plain(ImageOps.exif_transpose(image), kind)
    if picture.size != size:
        picture = picture.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    made = _encoded(picture, kind, icc_profile, subsampling, asset.filename)
    return made if must_convert or len(made.data) < len(original.data) else original


def _passes_undecoded(original: WebImage, max_width: int, max_height: int | None) -> bool:
    """Whether the file passes as it is, told without decoding it (Pillow costs more than a whole
    course's pictures): a JPEG that fits, or a PNG stored compactly (palette or grey: full colour
    may be a photo) that fits or is a diagram less than DIAGRAM_SLACK times too large, which
    scaling would blur for little gain. Fits either way round: an orientation tag may turn it."""
    width, height = original.width, original.height
    if not (width and height):
        return False
    if original.mimetype == "image/png" and original.data[25:26] in (b"\x00", b"\x03", b"\x04"):
        slack = DIAGRAM_SLACK
    elif original.mimetype == "image/jpeg":
        slack = 1.0
    else:
        return False
    limits = (max_width * slack, max_height * slack if max_height else None)
    return fitted(width, height, *limits) == (width, height) and fitted(height, width, *limits) == (height, width)


def _upright_size(image) -> tuple[int, int]:
    """The size the picture is shown at: a phone photo's orientation tag may turn it on its side."""
    orientation = image.getexif().get(0x0112, 1)
    return (image.height, image.width) if orientation in (5, 6, 7, 8) else (image.width, image.height)


def _unrotated(image, size: tuple[int, int]) -> tuple[int, int]:
    orientation = image.getexif().get(0x0112, 1)
    return (size[1], size[0]) if orientation in (5, 6, 7, 8) else size


def _maybe_smaller(image) -> bool:
    """A PNG whose pixels fit but that is stored as full colour: a photo, or a diagram saved loosely."""
    return image.format == "PNG" and image.mode not in ("P", "L", "1", "LA", "PA")


def _kind(image) -> str:
    """'transparent', 'diagram' (few colours) or 'photo': what the picture is stored as."""
    if image.format == "JPEG":
        return "photo"
    if _transparent(image):
        return "transparent"
    if image.mode in ("P", "L", "1") or image.getcolors(PALETTE_COLOURS) is not None:
        return "diagram"
    return "photo"


def _transparent(image) -> bool:
    """Whether any pixel is see-through (an unused alpha channel does not count)."""
    if "transparency" in image.info:
        return True
    if image.mode not in ("RGBA", "LA", "PA", "RGBa", "La"):
        return False
    return image.getchannel("A").getextrema()[0] < 255


def _plain(image, kind: str):
    """The picture in the mode its kind is encoded from (8 bits a channel, alpha only when used)."""
    if kind == "transparent":
        return image.convert("RGBA")
    if image.mode in ("L", "1", "I;16", "I") and kind == "diagram":
        return image.convert("L")
    return image.convert("RGB")


def _chroma_subsampling(image) -> int:
    """The JPEG colour resolution to keep: a photo's own (a camera's is mostly 4:2:0, value 2);
    full (0) for a picture that was not a JPEG, such as a screenshot with small coloured text."""
    if image.format != "JPEG":
        return 0
    from PIL import JpegImagePlugin

    sampling = JpegImagePlugin.get_sampling(image)
    return sampling if sampling in (0, 1, 2) else 2


def _encoded(picture, kind: str, icc_profile: bytes | None, subsampling: int, filename: str) -> WebImage:
    from PIL import Image

    out = io.BytesIO()
    extra = {"icc_profile": icc_profile} if icc_profile else {}
    if kind == "photo":
        mimetype = "image/jpeg"
        picture.save(out, format="JPEG", quality=JPEG_QUALITY, subsampling=subsampling, optimize=True, **extra)
    else:
        mimetype = "image/png"
        if kind == "diagram" and picture.mode == "RGB":
            picture = picture.quantize(PALETTE_COLOURS, method=Image.Quantize.MEDIANCUT, dither=0)
        picture.save(out, format="PNG", optimize=True, **extra)
    width, height = picture.size
    return WebImage(out.getvalue(), mimetype, _renamed(filename, mimetype), width, height)


def _renamed(filename: str, mimetype: str) -> str:
    """``filename`` with the extension of its new type ('kuva.png' as a JPEG: 'kuva.jpg')."""
    extension = EXTENSIONS[mimetype]
    stem, dot, old = filename.rpartition(".")
    if not dot:
        return f"{filename}.{extension}"
    if old.lower() in ({"jpg", "jpeg"} if extension == "jpg" else {extension}):
        return filename
    return f"{stem}.{extension}"
