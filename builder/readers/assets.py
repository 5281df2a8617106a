"""Finding, checking and fingerprinting the files a course refers to (images, the logo)."""

from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
import warnings
import zlib
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from builder.diagnostics import Report
from builder.model import Asset
from builder.readers.file_names import windows_name_problem
from builder.readers.nearest import nearest_file
from builder.wording import image_reason, os_reason

MAX_PIXELS = 40_000_000  # a 40-megapixel image is far beyond any page or slide; larger is a bomb
# Pixels: three times the most any output shows (builder.web_images.MAX_WIDTH, 1600; tests/test_assets.py
# holds them together). Written out: importing web_images (subprocess, base64 ...) cost every check 3-5 ms.
OVERSIZED_SIDE = 4800
OVERSIZED_BYTES = 5_000_000  # a file this heavy slows the PDFs, which take pictures as they are
RASTER_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_MODES = {  # (bit depth, colour type) pairs Pillow opens
    (1, 0), (2, 0), (4, 0), (8, 0), (16, 0), (8, 2), (16, 2), (1, 3), (2, 3), (4, 3), (8, 3),
    (8, 4), (16, 4), (8, 6), (16, 6),
}
# Chunks before the image data that Pillow reads without fail at least this long (tRNS: by colour type)
PNG_SETTINGS = {b"PLTE": 0, b"gAMA": 4, b"cHRM": 32, b"sRGB": 1, b"pHYs": 9}
PNG_TRANSPARENCY = {0: 2, 2: 6, 3: 0}  # greyscale, truecolour, palette; not with an alpha channel
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}  # what 'did you mean' offers for a picture


class AssetResolver:
    """Resolves image references against the course folder and the assets folder, once per file."""

    def __init__(self, course_root: Path, assets_root: Path | None, report: Report,
                 shared_root: Path | None = None) -> None:
        self.course_root = course_root.resolve()
        self.assets_root = assets_root.resolve() if assets_root and assets_root.is_dir() else None
        # A language edition's pictures of its own replace the source's of the same name; the others
        # are the source's (builder.readers.editions): the source folder is searched after its own.
        self.shared_root = shared_root.resolve() if shared_root is not None else None
        self.report = report
        self.assets: dict[str, Asset] = {}
        self._bad: set[Path] = set()
        self._images: list[Path] | None = None  # listed at the first missing image

    def resolve(self, target: str, base_dir: Path, shown: str, line: int, report=None) -> str | None:
        """The asset key for ``target`` written in file ``shown``, or None after a diagnostic."""
        report = report or self.report  # a piece of a file reports through its own line shift
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or target.startswith(("/", "\\")) or (len(target) > 1 and target[1] == ":"):
            report.add("path-outside-course", shown, line, target=target)
            return None
        relative = unquote(parts.path)
        bases = [base_dir] + [root for root in (self.shared_root, self.assets_root) if root is not None]
        for base in bases:
            candidate = base / relative
            if not _present(candidate):
                candidate = self._in_other_normal_form(base, relative)
                if candidate is None:
                    continue
            real = Path(os.path.realpath(candidate))  # a symbolic link loop stays as it is: no file, missing
            root = self._root_of(real)
            if root is None:
                report.add("path-outside-course", shown, line, target=target)
                return None
            if _is_file(real):
                return self._register(real, root, target, shown, line, report)
        if self._root_of(Path(os.path.normpath(base_dir.resolve() / relative))) is None:
            report.add("path-outside-course", shown, line, target=target)
        else:
            report.add("image-missing", shown, line, target=target, suggestion=self._nearest_image(relative, base_dir))
        return None

    def _nearest_image(self, relative: str, base_dir: Path) -> str | None:
        """The course's picture ``relative`` most likely meant, written as the chapter would write it."""
        if self._images is None:
            self._images = sorted({path for root in (self.course_root, self.shared_root, self.assets_root)
                                   if root is not None for path in _image_files(root)})
        def as_written(path: Path) -> str:  # course pictures from the chapter's folder, assets/ ones from assets/
            start = (base_dir.resolve() if path.is_relative_to(self.course_root)
                     else self.shared_root if self.shared_root and path.is_relative_to(self.shared_root)
                     else self.assets_root)
            return Path(os.path.relpath(path, start)).as_posix()

        return nearest_file(relative, [as_written(path) for path in self._images])

    def _in_other_normal_form(self, base: Path, relative: str) -> Path | None:
        """The file ``relative`` names when its name on disk spells ä, ö or å in another Unicode form.

        A folder copied from a Mac keeps 'ä' as 'a' plus a combining mark (NFD); the text says 'ä'.
        Only folders inside the course or assets folder are listed.
        """
        if self._root_of(Path(os.path.normpath(base.resolve() / relative))) is None:
            return None
        current = base
        for part in relative.split("/"):
            if part in ("", "."):
                continue
            following = current / part
            if not _present(following):
                wanted = unicodedata.normalize("NFC", part)
                try:
                    following = next((entry for entry in sorted(current.iterdir())
                                      if unicodedata.normalize("NFC", entry.name) == wanted), None)
                except OSError:
                    return None
                if following is None:
                    return None
            current = following
        return current

    def _root_of(self, real: Path) -> Path | None:
        for root in (self.course_root, self.shared_root, self.assets_root):
            if root is not None and real.is_relative_to(root):
                return root
        return None

    def _register(self, real: Path, root: Path, target: str, shown: str, line: int, report) -> str | None:
        relative = real.relative_to(root).as_posix()
        key = f"assets/{relative}" if root == self.assets_root else relative
        if key in self.assets:
            return key
        if real in self._bad:
            return None
        for part in relative.split("/"):
            problem = windows_name_problem(part)
            if problem:
                self._bad.add(real)
                report.add("file-name-invalid", shown, line, name=part, detail=problem)
                return None
        try:
            data = real.read_bytes()
        except OSError as exc:
            self._bad.add(real)
            report.add("file-unreadable", shown, line, detail=f"{target}: {os_reason(report.language, exc)}")
            return None
        kind = _image_kind(data)
        if isinstance(kind, str):
            self._bad.add(real)
            report.add("image-invalid", shown, line, target=target, detail=image_reason(report.language, kind))
            return None
        mimetype, width, height = kind
        if oversized(len(data), width, height):
            report.add("image-too-large", shown, line, target=target,
                       size=size_in_words(report.language, len(data), width, height))
        self.assets[key] = Asset(
            key=key,
            path=real,
            sha1=hashlib.sha1(data).hexdigest(),
            size=len(data),
            mimetype=mimetype,
            width=width,
            height=height,
        )
        return key


def _image_files(root: Path) -> list[Path]:
    """Every picture file under ``root``, hidden folders and files left out."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(folder) / name for name in files
                     if not name.startswith(".") and Path(name).suffix.lower() in IMAGE_SUFFIXES)
    return found


def oversized(size: int, width: int | None, height: int | None) -> bool:
    """Whether a picture is far beyond what any output shows: its size only slows every build."""
    return size > OVERSIZED_BYTES or max(width or 0, height or 0) > OVERSIZED_SIDE


def size_in_words(language: str, size: int, width: int | None, height: int | None) -> str:
    """'3000 × 2000 pikseliä, 7,4 Mt': a picture's size as the course's language writes it."""
    megabytes = f"{size / 1_000_000:.1f}"
    pixels, unit = {"fi": ("pikseliä", "Mt"), "sv": ("pixlar", "MB")}.get(language, ("pixels", "MB"))
    if language in ("fi", "sv"):
        megabytes = megabytes.replace(".", ",")
    shown = f"{megabytes} {unit}"
    return f"{width} × {height} {pixels}, {shown}" if width and height else shown


def _image_kind(data: bytes) -> tuple[str, int | None, int | None] | str:
    """(mimetype, width, height) for a usable image, else a short reason why it is not one."""
    head = data[:1024].lstrip()
    if head.startswith(b"<?xml") or head.startswith(b"<svg") or b"<svg" in head:
        return _svg_kind(data)
    size = _plain_png_size(data)
    if size is not None:
        return RASTER_TYPES["PNG"], size[0], size[1]
    from PIL import Image  # importing Pillow costs more than reading a whole course

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PIXELS:
                    return f"{image.width}×{image.height} pixels is too large"
                fmt = image.format or ""
                size = image.size
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "the image is too large"
    except Exception:  # Pillow raises many kinds for broken files
        return "not a readable image"
    if fmt not in RASTER_TYPES:
        return f"unsupported format {fmt or 'unknown'}"
    return RASTER_TYPES[fmt], size[0], size[1]


def _plain_png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a plain, intact PNG, else None: Pillow then judges the file.

    Plain: the header; a palette and settings such as transparency, gamma or resolution, each long
    enough for Pillow; the image data; then any chunks up to the end chunk. Every chunk whole with
    its checksum right, a pixel format Pillow opens and no more than MAX_PIXELS pixels. Pillow
    reads such a file to the same size (its verify() checks the same checksums); anything else,
    however harmless, is left to Pillow and its own wording.
    """
    if not data.startswith(PNG_SIGNATURE):
        return None
    size, pos, image_data, end_of_data = None, len(PNG_SIGNATURE), False, len(data)
    while pos + 12 <= end_of_data:
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        end = pos + 8 + length
        if end + 4 > end_of_data or not kind.isalpha():
            return None
        if zlib.crc32(data[pos + 4:end]) != int.from_bytes(data[end:end + 4], "big"):
            return None
        if size is None:
            if kind != b"IHDR" or length != 13:
                return None
            width, height = int.from_bytes(data[pos + 8:pos + 12], "big"), int.from_bytes(data[pos + 12:pos + 16], "big")
            depth, colour, compression, filtering, interlace = data[pos + 16:pos + 21]
            if (depth, colour) not in PNG_MODES or compression or filtering or interlace > 1:
                return None
            if not (width > 0 and height > 0 and width * height <= MAX_PIXELS):
                return None
            size = width, height
        elif not image_data:
            if kind == b"IDAT":
                image_data = True
            elif kind == b"tRNS":
                if length < PNG_TRANSPARENCY.get(colour, length + 1):
                    return None
            elif length < PNG_SETTINGS.get(kind, length + 1):
                return None
        elif kind == b"IEND":
            return size
        pos = end + 4
    return None


def _svg_kind(data: bytes) -> tuple[str, int | None, int | None] | str:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return "broken SVG"
    if etree.QName(root).localname != "svg":
        return "not an SVG image"
    unsafe = _svg_unsafe(root)
    if unsafe:
        return f"an SVG with {unsafe}"
    size = _svg_size_problem(root)
    if size:
        return size
    return "image/svg+xml", None, None


SVG_LENGTH = re.compile(r"\s*[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*(px|pt|pc|mm|cm|in|em|ex|%)?\s*")
SVG_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
SVG_VIEWBOX = re.compile(rf"\s*({SVG_NUMBER})(?:\s*,\s*|\s+)({SVG_NUMBER})(?:\s*,\s*|\s+)"
                         rf"({SVG_NUMBER})(?:\s*,\s*|\s+)({SVG_NUMBER})\s*")


def _svg_size_problem(root) -> str:
    """Why the drawing's size cannot be read, or ''.

    The PDF renderer leaves out a drawing whose viewBox or width is not a number, and the
    PowerPoint file's drawing of it fails: the picture would be missing with only a renderer's
    message in English, so the reader says so at the picture's line instead.
    """
    box = root.get("viewBox")
    if box is not None:
        match = SVG_VIEWBOX.fullmatch(box)
        if match is None or float(match.group(3)) <= 0 or float(match.group(4)) <= 0:
            return f"an SVG viewBox that is not four numbers ({box[:40]})"
    for name in ("width", "height"):
        value = root.get(name)
        if value is not None and value.strip() and SVG_LENGTH.fullmatch(value) is None:
            return f"an SVG {name} that is not a size ({value[:40]})"
    return ""


SVG_ACTIVE = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}
SVG_OWN_URL = ("#", "data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")


def _svg_unsafe(root) -> str:
    """What makes an SVG more than a picture (a script, an event handler, a file it loads), or ''.

    A picture must be self-contained: Moodle serves the file as it is, and a browser that opens it
    on its own would run a script or fetch whatever it names.
    """
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(entity.system_url for entity in dtd.iterentities()):
        return "an external entity"
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).localname in SVG_ACTIVE:
            return f"a <{etree.QName(element).localname}> element"
        for name, value in element.attrib.items():
            local = etree.QName(name).localname.lower()
            if local.startswith("on"):
                return f"an event handler ({local})"
            if "javascript:" in "".join(value.split()).lower():  # also <set to="javascript:..."> animating a link
                return f"a script address ({local})"
            if local in ("href", "src") and not value.strip().lower().startswith(SVG_OWN_URL):
                return f"a reference to another file ({value[:40]})"
    return ""


def _present(path: Path) -> bool:
    """Whether ``path`` names a file, folder or symbolic link; not when the system cannot even look it
    up (a name longer than a file name can be: 'File name too long')."""
    try:
        return path.exists() or path.is_symlink()
    except OSError:
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False
