"""WeasyPrint 70's line breaking, kept from leaving one word alone on a line before a link.

A paragraph's text that ends in a space and is followed by an inline element ('...kerrotaan
<a>Tietoturvaohjeessa</a>.') is laid out a line at a time. When the rest of that text fits the
line only without its trailing space, Pango keeps it on one line (a space at the end of a line
hangs), but WeasyPrint measures the space too, finds the line too wide, decides it cannot be
broken earlier and puts only its first word there: the booklet printed 'samassa / paikassa /
kuin pankkikorttia.' on three lines. CSS removes collapsible spaces at the end of a line
(css-text-3, 4.1.3), so such a text fits: ``install()`` lets it.
"""

from __future__ import annotations

COLLAPSING = ("normal", "pre-line")  # white-space values whose spaces at a line's end are removed


def install() -> None:
    """Wrap the ``split_first_line`` WeasyPrint's inline layout calls (idempotent)."""
    from weasyprint.layout import inline
    from weasyprint.text import line_break

    original = inline.split_first_line
    if getattr(original, "hangs_trailing_spaces", False):
        return

    def split_first_line(text, style, context, max_width, justification_spacing, is_line_start=True,
                         minimum=False):
        result = original(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        resume_index = result[2]
        if (resume_index is None or minimum or max_width is None or not text.endswith(" ")
                or style["white_space"] not in COLLAPSING):
            return result
        if not _fits_without_trailing_spaces(line_break, text, style, context, max_width, justification_spacing):
            return result
        # The whole text on this line, its trailing space hanging past the edge: the inline layout
        # allows for that space, and the line's last space is removed when the line is finished.
        return original(text, style, context, None, justification_spacing, is_line_start, minimum)

    split_first_line.hangs_trailing_spaces = True
    inline.split_first_line = split_first_line


def _fits_without_trailing_spaces(line_break, text, style, context, max_width, justification_spacing) -> bool:
    layout = line_break.create_layout(text.rstrip(" "), style, context, max_width, justification_spacing)
    try:
        first_line, resume_index = layout.get_first_line()
        return resume_index is None and line_break.line_size(first_line, style)[0] <= max_width
    finally:
        layout.deactivate()
