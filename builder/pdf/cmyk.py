"""Everything in CMYK, for a print shop that asks for PDF/X-1a: no RGB, no ICC colour, no transparency.

WeasyPrint writes the booklet's colours as device RGB. For PDF/X-1a they become the process
colours of the output intent (coated offset, FOGRA39): each colour operator of the content
streams is rewritten, and each picture reaches WeasyPrint as a CMYK JPEG, its transparency laid
on white paper first. Greys (the text, the QR codes, rules) become black ink alone, as print
shops want text: a grey or black made of four inks blurs when the plates are a hair apart.
Other colours go through the colour profiles (sRGB to FOGRA39, relative colorimetric).
"""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path

from builder.pdf.print_images import PRINT_MAX_SIDE

JPEG_QUALITY = 92
# 'r g b rg' (fill) and 'r g b RG' (stroke), as pydyf writes them, one operator to an entry
RGB_OPERATOR = re.compile(rb"^\s*([0-9.+-]+)\s+([0-9.+-]+)\s+([0-9.+-]+)\s+(rg|RG)\s*$")


@functools.lru_cache(maxsize=None)
def _transform(output_profile: bytes):
    from PIL import ImageCms

    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(io.BytesIO(output_profile)), "RGB", "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


def cmyk_colour(red: float, green: float, blue: float, output_profile: bytes) -> tuple[float, ...]:
    """The CMYK (0-1 each) of an sRGB colour (0-1 each) on the output intent's press; a grey is black ink alone."""
    if red == green == blue:
        return (0.0, 0.0, 0.0, round(1 - red, 4))
    from PIL import Image, ImageCms

    pixel = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in (red, green, blue)))
    return tuple(round(v / 255, 4) for v in ImageCms.applyTransform(pixel, _transform(output_profile)).getpixel((0, 0)))


def cmyk_image(path: Path, output_profile: bytes) -> tuple[bytes, str]:
    """The picture at ``path`` as a CMYK JPEG for the renderer, on white where it was transparent;
    an SVG as it is (its colours are drawn by the renderer and rewritten with the page's)."""
    from PIL import Image, ImageCms

    data = path.read_bytes()
    if not data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8", b"GIF8", b"RIFF")):
        import mimetypes

        return data, mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    with Image.open(io.BytesIO(data)) as image:
        image = image.convert("RGBA")
        if max(image.size) > PRINT_MAX_SIDE:
            scale = PRINT_MAX_SIDE / max(image.size)
            image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                                 Image.Resampling.LANCZOS)
        flat = Image.new("RGB", image.size, (255, 255, 255))
        flat.paste(image, mask=image.getchannel("A"))
        cmyk = ImageCms.applyTransform(flat, _transform(output_profile))
        out = io.BytesIO()
        cmyk.save(out, format="JPEG", quality=JPEG_QUALITY, subsampling=0)
    return out.getvalue(), "image/jpeg"


def rewrite_colours(pdf, output_profile: bytes) -> None:
    """Turn every RGB colour operator of the pydyf ``pdf``'s content streams, and every RGB gradient
    (a theme's ``linear-gradient``), into its CMYK one."""
    import pydyf

    cache: dict[tuple[bytes, bytes, bytes], bytes] = {}
    for obj in pdf.objects:
        # WeasyPrint 70 names the X-1a output intent's DeviceCMYK for a gradient and leaves its ends RGB.
        if isinstance(obj, pydyf.Dictionary) and obj.get("ColorSpace") in ("/DeviceRGB", "/DeviceCMYK") \
                and "ShadingType" in obj:
            obj["ColorSpace"] = "/DeviceCMYK"
            _cmyk_function(obj["Function"], output_profile)
            continue
        if not isinstance(obj, pydyf.Stream) or obj.extra.get("Subtype") == "/Image":
            continue
        for index, entry in enumerate(obj.stream):
            line = entry.encode() if isinstance(entry, str) else entry
            match = RGB_OPERATOR.match(line) if isinstance(line, bytes) and len(line) < 80 else None
            if match is None:
                continue
            key = match.group(1, 2, 3)
            if key not in cache:
                values = cmyk_colour(*(float(v) for v in key), output_profile)
                cache[key] = b" ".join(_number(v) for v in values)
            obj.stream[index] = cache[key] + (b" k" if match.group(4) == b"rg" else b" K")


def _cmyk_function(function, output_profile: bytes) -> None:
    """A gradient's colour function (an interpolation, or a stitching of them) from RGB to CMYK ends."""
    import pydyf

    for part in function.get("Functions", ()):
        _cmyk_function(part, output_profile)
    for end in ("C0", "C1"):
        if end in function and len(function[end]) == 3:
            function[end] = pydyf.Array(cmyk_colour(*(float(v) for v in function[end]), output_profile))


def _number(value: float) -> bytes:
    return (f"{value:.4f}".rstrip("0").rstrip(".") or "0").encode("ascii")

