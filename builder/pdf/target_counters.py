"""WeasyPrint 70's page references: each page that holds one laid out twice, not three times.

A ``target-counter(attr(href), page)`` (the contents' page numbers, a cross-reference's '(s. 47)')
is known only once its target is laid out, so the page that holds it is laid out again: once is
what that takes. WeasyPrint's ``compute_content_list`` records such a counter under the anchor
``anchor_name_from_token`` gives its token, which for ``attr(href)`` is None (the attribute is read
only in ``lookup_target``), so no target ever finds the pages that refer to it; and the
variable of the *local* missing counters takes the target's list (``missing_counters =
missing_target_counters.setdefault(...)``), so the target's 'page' passes for the page's own.
References get their numbers only through that second slip: a page is laid out again whenever its
own page counters change, and they all change once the total of 'pages' is known after the first
round. So every page holding a page reference was laid out three times: 17 of the sample booklet's
100 pages twice more, two extra rounds over the whole document.

``install()`` gives each counter lookup what WeasyPrint means it to hold: the target counters under
the anchor's real name (so laying out a target marks exactly the pages that refer to it, and a
page laid out after its target is marked by WeasyPrint's 'pending' step) and its own ``counter()``
names apart; and a target laid out again marks its referring pages only when a counter they show
(its 'page') changed, not when only the total of 'pages' did. The sample booklet: 117 page
layouts instead of 134, one round instead of two, the same bytes (tests/test_target_counters.py).

Even once is mostly avoidable (issue 21: the 17 pages laid out again were 0.16 s of the sample A5's
3.1 s). A page that refers forwards is laid out before its target and showed WeasyPrint's '0'
there; it now shows a guess with as many digits as the page being laid out has (a forward
target is on that page or later), and when its target is laid out, the number is put into the
page's text box in place of the guess if the two are exactly as wide: the page reference's
digits are tabular in the booklet's style (print.css), so every number of as many digits is as
wide as any other, the page's lines and boxes stay where they are, and the page is what laying
it out again would give (the same bytes, tests/test_target_counters.py). Otherwise (another
number of digits, another width, a reference broken over two lines) the page is laid out again
as before. A page that refers backwards gets its number before it is laid out: WeasyPrint put
it in only afterwards and laid the page out again.
"""

from __future__ import annotations

import copy

LOCAL_COUNTERS = ("counter()", "counters()")
TARGET_COUNTERS = ("target-counter()", "target-counters()")


def install() -> None:
    """Wrap WeasyPrint's ``compute_content_list`` (idempotent)."""
    from weasyprint.formatting_structure import build

    original = build.compute_content_list
    if getattr(original, "names_targets", False):
        return

    def compute_content_list(content_list, parent_box, counter_values, css_token, parse_again, target_collector,
                             *args, **kwargs):
        key = (parent_box, css_token)
        new_item = target_collector.collecting and key not in target_collector.counter_lookup_items
        result = original(content_list, parent_box, counter_values, css_token, parse_again, target_collector,
                          *args, **kwargs)
        item = target_collector.counter_lookup_items.get(key) if new_item else None
        if item is not None:
            item.missing_counters = local_missing_counters(content_list, counter_values)
            item.missing_target_counters = missing_target_counters(content_list, parent_box, target_collector)
        return result

    compute_content_list.names_targets = True
    build.compute_content_list = compute_content_list
    _spread_only_wanted_changes()
    _guess_forward_references()


def _spread_only_wanted_changes() -> None:
    """Tell the pages referring to a target its new page only when a counter they show has changed;
    put the number into a page already laid out when it fits in place of the old one, else lay
    the page out again; give a page not laid out yet its number before it is.

    WeasyPrint compares all of the target's page counters: the total of 'pages', filled in after the
    first round, changes them all, and each referring page would be laid out a third time for the
    same 'page' number. And it marks a referring page not laid out yet as pending, to put the number
    in after laying it out, and then lays it out again.
    """
    from weasyprint.css.targets import TargetCollector

    original = TargetCollector.cache_target_page_counters
    if getattr(original, "names_targets", False):
        return

    def cache_target_page_counters(self, anchor_name, page_counter_values, page_maker_index, page_maker):
        item = self.target_lookup_items.get(anchor_name)
        if self.collecting or item is None or item.state != "up-to-date":
            return original(self, anchor_name, page_counter_values, page_maker_index, page_maker)
        item.page_maker_index = page_maker_index
        wanted = wanted_counters(self, anchor_name)
        if item.cached_page_counter_values and not getattr(item, "guesses_shown", False) and all(
                item.cached_page_counter_values.get(name) == page_counter_values.get(name) for name in wanted):
            item.cached_page_counter_values = copy.deepcopy(page_counter_values)
            return
        item.cached_page_counter_values = copy.deepcopy(page_counter_values)
        item.guesses_shown = False
        layout = getattr(self, "coursebuild_layout", None)
        for (parent_box, css_token), lookup in self.counter_lookup_items.items():
            if css_token != "content":
                continue
            missing = lookup.missing_target_counters.get(anchor_name)
            if missing is None or all(page_counter_values.get(name) is None for name in missing):
                continue
            if lookup.page_maker_index is None:  # not laid out yet: its number now, laid out once
                lookup.parse_again(lookup.cached_page_counter_values)
            elif lookup.page_maker_index >= len(page_maker):
                lookup.pending = True
            else:
                before = shown_texts(parent_box)
                lookup.parse_again(lookup.cached_page_counter_values)
                if shown_texts(parent_box) == before:
                    continue  # it showed this number already
                page = layout.pages.get(lookup.page_maker_index) if layout is not None else None
                if page is None or not put_in_place(page, parent_box, before, layout.context):
                    page_maker[lookup.page_maker_index][-1]["content_changed"] = True

    cache_target_page_counters.names_targets = True
    TargetCollector.cache_target_page_counters = cache_target_page_counters


class _Layout:
    """What the page references need of the layout going on: its context and the pages laid out so far
    (index -> the page as last laid out), and the digits of the guesses given to targets not laid out."""

    def __init__(self, context) -> None:
        self.context = context
        self.pages: dict = {}
        self.digits = 0


def _guess_forward_references() -> None:
    """Wrap WeasyPrint's ``remake_page``: before a page is laid out, the targets not laid out yet get a
    guess of as many digits as this page's number (when that grows: pages 1, 10, 100...) and the
    references to them not laid out yet show it; after, the page is kept for ``put_in_place``."""
    from weasyprint.layout import page as page_layout

    original = page_layout.remake_page
    if getattr(original, "names_targets", False):
        return

    def remake_page(index, context, root_box, html):
        collector = context.target_collector
        layout = getattr(collector, "coursebuild_layout", None)
        if layout is None or layout.context is not context:
            layout = collector.coursebuild_layout = _Layout(context)
        digits = len(str(index + 1))
        if digits > layout.digits:
            layout.digits = digits
            guess_targets(collector, 10 ** (digits - 1))
        page, resume_at = original(index, context, root_box, html)
        layout.pages[index] = page
        return page, resume_at

    remake_page.names_targets = True
    page_layout.remake_page = remake_page


def guess_targets(collector, guess: int) -> None:
    """Give each target not laid out yet the page ``guess``, and the references to it not laid out yet
    their text with it. A page laid out keeps the guess it shows: the target then has two or more
    guesses shown (``guesses_shown``), and each referring page is compared when it is laid out."""
    shown = {name for lookup in collector.counter_lookup_items.values() if lookup.page_maker_index is not None
             for name in lookup.missing_target_counters}
    guessed = set()
    for name, item in collector.target_lookup_items.items():
        if item.state == "up-to-date" and item.page_maker_index is None:
            item.cached_page_counter_values = {"page": [guess]}
            item.guesses_shown = name in shown or getattr(item, "guesses_shown", False)
            guessed.add(name)
    if not guessed:
        return
    for (_, css_token), lookup in collector.counter_lookup_items.items():
        if (css_token == "content" and lookup.page_maker_index is None
                and any("page" in lookup.missing_target_counters.get(name, ()) for name in guessed)):
            lookup.parse_again(lookup.cached_page_counter_values)


def shown_texts(parent_box) -> list[str]:
    """The texts of the generated content of ``parent_box`` (a ``::before`` or ``::after``) as its
    children now hold them, a leader's dots left out."""
    return [box.text for box in _text_boxes(parent_box)]


def put_in_place(page, parent_box, before: list[str], context) -> bool:
    """Put the generated content of ``parent_box``, changed from ``before``, into its copy laid out on
    ``page``; False (nothing changed) unless each changed text is as wide as the one it replaces."""
    from weasyprint.text.line_break import create_layout, line_size

    after = shown_texts(parent_box)
    laid_out = [box for box in page.descendants() if box.missing_link is parent_box]
    if len(laid_out) != 1 or len(after) != len(before):
        return False
    boxes = list(_text_boxes(laid_out[0]))
    if len(boxes) != len(before):
        return False
    changes = []
    for box, old, new in zip(boxes, before, after):
        if old == new:
            continue
        text = _replaced(box.text, old, new)
        if text is None:
            return False
        widths = []
        for each in (box.text, text):
            made = create_layout(each, box.style, context, None, box.justification_spacing)
            try:
                first_line, rest = made.get_first_line()
                widths.append(None if rest is not None else line_size(first_line, box.style)[0])
            finally:
                made.deactivate()
        if widths[0] is None or widths[0] != widths[1]:
            return False
        changes.append((box, text))
    for box, text in changes:
        shaped = copy.copy(box.pango_layout)
        shaped.text = text
        box.text = text
        box.pango_layout = shaped
    return True


def _replaced(shown: str, old: str, new: str) -> str | None:
    """``shown`` (the laid-out text of ``old``: the same, or its end when white space before it was
    collapsed) with the part where ``new`` differs from ``old`` replaced; None when it is not that."""
    if not shown or not old.endswith(shown):
        return None
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    cut = len(old) - len(shown)  # characters of old not shown
    if start < cut:
        return None
    return shown[:start - cut] + new[start:len(new) - end] + shown[len(shown) - end:]


def _text_boxes(box):
    """The text boxes under ``box`` in order, those of a leader (its dots) left out."""
    from weasyprint.formatting_structure import boxes

    for child in getattr(box, "children", ()):
        if getattr(child, "is_leader", False):
            continue
        if isinstance(child, boxes.TextBox):
            yield child
        else:
            yield from _text_boxes(child)


def wanted_counters(target_collector, anchor_name: str) -> set[str]:
    """The counters of the target ``anchor_name`` that any content shows."""
    return {name for lookup in target_collector.counter_lookup_items.values()
            for name in lookup.missing_target_counters.get(anchor_name, ())}


def local_missing_counters(content_list, counter_values) -> list[str]:
    """The names of ``counter()`` and ``counters()`` in ``content_list`` that ``counter_values`` lacks."""
    missing: list[str] = []
    for kind, value in content_list or ():
        if kind in LOCAL_COUNTERS and value[-1] != "none":
            name = value[0]
            if name not in counter_values and name not in missing:
                missing.append(name)
    return missing


def missing_target_counters(content_list, source_box, target_collector) -> dict[str, list[str]]:
    """Anchor name -> the counters ``content_list`` takes from that target which it does not have yet
    (the page-based ones: 'page', 'pages'), the anchor named as ``lookup_target`` names it."""
    missing: dict[str, list[str]] = {}
    for kind, value in content_list or ():
        if kind not in TARGET_COUNTERS or value[-1] == "none":
            continue
        anchor_token, counter_name = value[:2]
        name = anchor_name(anchor_token, source_box)
        if name is None:
            continue
        target = target_collector.target_lookup_items.get(name)
        known = target.target_box.cached_counter_values if target is not None and target.target_box else None
        if known is None or counter_name not in known:
            names = missing.setdefault(name, [])
            if counter_name not in names:
                names.append(counter_name)
    return missing


def anchor_name(anchor_token, source_box) -> str | None:
    """The anchor a ``target-*()`` token points to, resolved as ``TargetCollector.lookup_target`` does."""
    from weasyprint.css.targets import anchor_name_from_token
    from weasyprint.urls import get_url_tuple

    if anchor_token[0] == "attr()":
        attr_name, kind, fallback = anchor_token[1]
        attr_value = source_box.element.get(attr_name, fallback)
        if kind == "string":
            anchor_token = ("string", attr_value)
        elif kind == "url":
            anchor_token = ("url", get_url_tuple(attr_value, source_box.style.base_url))
    return anchor_name_from_token(anchor_token)
