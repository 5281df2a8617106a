"""WeasyPrint 70's page styles: each page's margin boxes styled without a walk over every page before it.

Before laying out a page, ``set_page_type_computed_styles`` adds the ``@page`` rules matching the
page's type to the style table and then walks the *whole* table for the entries of that type's
margin boxes (``@top-center``, ``@bottom-right`` ...). A page type holds the page's index, so each
page adds entries of its own and the table grows with the document: each layout walks the entries
of every page before it, quadratic in pages. The sample booklet's 117 layouts spend 0.04 s there,
the eight-fold booklet's 880 layouts (748 pages) 1.2 s, a twentieth of its render.

``install()`` keeps, beside the table, the keys of each page type's margin-box entries in the order
the table has them. Entries only ever come in at the end, through ``add_page_declarations`` (the
element styles are gone from the table before pagination begins), so the new ones are the last
few; should the table change any other way, the index is made again from the whole table. The same
styles are computed in the same order for the same keys: the same bytes (tests/test_page_styles.py).
"""

from __future__ import annotations

from itertools import islice


def install() -> None:
    """Replace ``weasyprint.layout.page.set_page_type_computed_styles`` (idempotent)."""
    from weasyprint.layout import page

    if getattr(page.set_page_type_computed_styles, "indexed", False):
        return

    def set_page_type_computed_styles(page_type, html, style_for):
        """Style ``page_type`` and its margin boxes, as WeasyPrint's own function does."""
        cascaded = style_for.get_cascaded_styles()
        index = margin_box_index(style_for, cascaded)
        before = len(cascaded)
        style_for.add_page_declarations(page_type)
        added = len(cascaded) - before
        if added > 0:
            for key in reversed(list(islice(reversed(cascaded), added))):
                if key[1]:
                    index.keys.setdefault(key[0], []).append(key)
        index.size = len(cascaded)

        style_for.set_computed_styles(
            page_type, root=html.etree_element, parent=html.etree_element, base_url=html.base_url)
        for element, pseudo_type in index.keys.get(page_type, ()):
            style_for.set_computed_styles(
                element, pseudo_type=pseudo_type, root=html.etree_element, parent=element,
                base_url=html.base_url)

    set_page_type_computed_styles.indexed = True
    page.set_page_type_computed_styles = set_page_type_computed_styles


class _Index:
    """The table's margin-box keys by page type (element -> [(element, pseudo type)], table order)."""

    def __init__(self, cascaded) -> None:
        self.keys: dict = {}
        for key in cascaded:
            if key[1]:
                self.keys.setdefault(key[0], []).append(key)
        self.size = len(cascaded)


def margin_box_index(style_for, cascaded) -> _Index:
    """The index kept with ``style_for``; made from the whole table when it does not match the table's size."""
    index = style_for.__dict__.get("_coursebuild_margin_boxes")
    if index is None or index.size != len(cascaded):
        index = style_for.__dict__["_coursebuild_margin_boxes"] = _Index(cascaded)
    return index
