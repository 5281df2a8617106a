"""The bundled booklet font (Atkinson Hyperlegible): its files, and the subsets a web page embeds."""

from __future__ import annotations

import base64
import html
import io
import re

from builder.model import Course
from builder.theme import theme_file

FAMILY = "Atkinson Hyperlegible"
FONT_FILES = (  # (file, weight, style) of the bundled Atkinson Hyperlegible (SIL OFL 1.1)
    ("AtkinsonHyperlegible-Regular.ttf", "normal", "normal"),
    ("AtkinsonHyperlegible-Bold.ttf", "bold", "normal"),
    ("AtkinsonHyperlegible-Italic.ttf", "normal", "italic"),
    ("AtkinsonHyperlegible-BoldItalic.ttf", "bold", "italic"),
)
# Every printable ASCII character stays in: style sheets add text of their own (a printed link's
# address, counters), and a reader's browser may show what the page's text does not have.
ASCII = "".join(chr(code) for code in range(0x20, 0x7F))
ITALIC_MARKUP = re.compile(r"<(em|i|cite|var|dfn|address)\b|font-style:\s*italic")
DATA_URL = re.compile(r"data:[^\"')\s]*")


def used_characters(page: str) -> str:
    """Every character ``page`` (HTML with its style sheets) can show, in both cases, sorted.

    Both cases because ``text-transform`` shows letters the source does not have ('Luku' as 'LUKU').
    """
    text = html.unescape(DATA_URL.sub("", page))
    characters = set(ASCII) | set(text)
    characters |= {c.upper() for c in characters if len(c.upper()) == 1}
    characters |= {c.lower() for c in characters if len(c.lower()) == 1}
    return "".join(sorted(c for c in characters if c.isprintable()))


def font_subsets(course: Course, characters: str, italic: bool, flavor: str | None = None) -> list[tuple[str, str, str, bytes]]:
    """(file name, weight, style, bytes) of each face of the theme's font cut down to ``characters``;
    the italic faces only with ``italic``, none a course's own theme has dropped. ``flavor``: 'woff'
    for a web page, None for a TrueType file (an EPUB)."""
    faces = []
    for name, weight, style in FONT_FILES:
        if style == "italic" and not italic:
            continue
        try:
            path = theme_file(course, "fonts", name)
        except FileNotFoundError:
            continue
        data = subset_font(path.read_bytes(), characters)
        if flavor:
            from fontTools.ttLib import TTFont

            # The file's own timestamp is kept, so the same sources give the same bytes.
            font = TTFont(io.BytesIO(data), recalcTimestamp=False)
            font.flavor = flavor
            packed = io.BytesIO()
            font.save(packed)
            data = packed.getvalue()
        faces.append((name, weight, style, data))
    return faces


def subset_font(data: bytes, characters: str) -> bytes:
    """The TrueType font ``data`` cut down to ``characters`` and the glyphs shaping them needs.

    HarfBuzz's subsetter (uharfbuzz), the one browsers' font tools and WeasyPrint use: 0.4 ms a face
    where fontTools' took 50 ms, which was 0.15 s of the EPUB on the build's critical path (after the
    A5 booklet) and as much again for the HTML booklet. The result depends only on its input.
    """
    import uharfbuzz as hb

    wanted = hb.SubsetInput()
    wanted.unicode_set.update(ord(character) for character in characters)
    return hb.subset(hb.Face(hb.Blob(data)), wanted).blob.data


def embedded_font_css(course: Course, page: str) -> str:
    """@font-face rules with the theme's font inside, as WOFF subsets of the characters ``page`` uses.

    The italic faces only when the page has italic text. Empty when the theme has no such font
    (a course's own theme may drop it: the page then falls back to the system's sans-serif).
    """
    rules = []
    for _, weight, style, data in font_subsets(course, used_characters(page), bool(ITALIC_MARKUP.search(page)), "woff"):
        encoded = base64.b64encode(data).decode("ascii")
        rules.append(f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; font-style: {style}; '
                     f'font-display: swap; src: url("data:font/woff;base64,{encoded}") format("woff"); }}\n')
    return "".join(rules)
