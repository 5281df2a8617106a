"""WeasyPrint 70's fixed boxes: a document without any not searched for them twice per page.

After pagination, ``layout_document`` hands each page the ``position: fixed`` boxes of every
other page: ``layout_fixed_boxes(context, pages[:i], page)`` and ``pages[i + 1:]``, a Python loop
over all the pages for each page, quadratic in pages even when no page has a fixed box (the
booklets have none). The sample booklet (100 pages) spends 0.005 s there, the eight-fold one
(748 pages) 0.13-0.22 s.

``install()`` asks first, in one C-level pass, whether any of the pages has a fixed box, and lays
them out with WeasyPrint's own function only if one has: nothing else changes, the same bytes
(tests/test_fixed_boxes.py).
"""

from __future__ import annotations

from operator import attrgetter

_FIXED_BOXES = attrgetter("fixed_boxes")


def install() -> None:
    """Wrap ``weasyprint.layout.layout_fixed_boxes`` (idempotent)."""
    import weasyprint.layout

    original = weasyprint.layout.layout_fixed_boxes
    if getattr(original, "skips_pages_without", False):
        return

    def layout_fixed_boxes(context, pages, containing_page):
        if not any(map(_FIXED_BOXES, pages)):
            return iter(())
        return original(context, pages, containing_page)

    layout_fixed_boxes.skips_pages_without = True
    weasyprint.layout.layout_fixed_boxes = layout_fixed_boxes
