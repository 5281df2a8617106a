"""The bundled font cut down to what a page shows (builder.fonts), with HarfBuzz's subsetter."""

from __future__ import annotations

import io
from pathlib import Path

from fontTools.ttLib import TTFont

from builder.fonts import FONT_FILES, subset_font

FONTS = Path(__file__).resolve().parent.parent / "builder" / "theme" / "fonts"
TEXT = "Nettiopastajalle – äöå ÄÖÅ é € “lainaus” ‘heitto’ «citat» … Luku 3: Salasana!"


def cmap(data: bytes) -> set[str]:
    return set(map(chr, TTFont(io.BytesIO(data)).getBestCmap()))


def test_each_face_keeps_every_character_asked_for_and_little_else():
    for name, _, _ in FONT_FILES:
        full = (FONTS / name).read_bytes()
        cut = subset_font(full, TEXT)
        covered, known = cmap(cut), cmap(full)
        assert {c for c in TEXT if c in known} <= covered, name
        assert covered <= set(TEXT) | {" "}, name  # nothing the page does not show
        font = TTFont(io.BytesIO(cut))
        assert len(font.getGlyphOrder()) < len(TTFont(FONTS / name).getGlyphOrder()) / 4
        assert font["head"].modified == TTFont(FONTS / name)["head"].modified  # no clock in the bytes


def test_the_same_text_gives_the_same_bytes_whatever_order_it_comes_in():
    full = (FONTS / FONT_FILES[0][0]).read_bytes()
    assert subset_font(full, TEXT) == subset_font(full, "".join(sorted(TEXT, reverse=True)))
    assert subset_font(full, TEXT) != subset_font(full, TEXT + "Ω")
