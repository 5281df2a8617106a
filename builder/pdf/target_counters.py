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
"""

from __future__ import annotations

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


def _spread_only_wanted_changes() -> None:
    """Mark the pages referring to a target again only when a counter they show has changed.

    WeasyPrint compares all of the target's page counters: the total of 'pages', filled in after the
    first round, changes them all, and each referring page would be laid out a third time for the
    same 'page' number.
    """
    import copy

    from weasyprint.css.targets import TargetCollector

    original = TargetCollector.cache_target_page_counters
    if getattr(original, "names_targets", False):
        return

    def cache_target_page_counters(self, anchor_name, page_counter_values, page_maker_index, page_maker):
        item = self.target_lookup_items.get(anchor_name)
        if (not self.collecting and item is not None and item.state == "up-to-date"
                and item.cached_page_counter_values
                and all(item.cached_page_counter_values.get(name) == page_counter_values.get(name)
                        for name in wanted_counters(self, anchor_name))):
            item.page_maker_index = page_maker_index
            item.cached_page_counter_values = copy.deepcopy(page_counter_values)
            return
        original(self, anchor_name, page_counter_values, page_maker_index, page_maker)

    cache_target_page_counters.names_targets = True
    TargetCollector.cache_target_page_counters = cache_target_page_counters


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
