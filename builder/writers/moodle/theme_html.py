"""The model's HTML dressed for Moodle's Bootstrap themes (Boost, Classic and their children):
pictures that fit the column, callouts and tables styled as the booklet's, code Moodle's filters
leave alone.

Only what Moodle's HTML cleaning keeps is used (``purify_html`` in ``lib/weblib.php``, applied
when a site sets ``forceclean``): class attributes, and inline ``height: auto``. HTML Purifier
drops a percentage ``max-width`` on an image (``CSS.MaxImgLength``), which is why ``img-fluid``
carries the fit where the inline style is cleaned away.
"""

from __future__ import annotations

import re
from html import unescape

from lxml import etree
from lxml import html as lxml_html

from .links import serialise_children

IMAGE_STYLE = "max-width: 100%; height: auto;"
# The booklet's callout colours as Bootstrap's alerts: green tip, orange warning, blue note.
ALERTS = {"callout-tip": "alert-success", "callout-warning": "alert-warning", "callout-note": "alert-info"}
# Moodle's URL-to-link, activity-name and glossary filters skip exactly this span (filterlib.php).
NOLINK = "nolink"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def dress_html(html: str, heading_level: int, activity_names: tuple[str, ...] = ()) -> str:
    """``html`` as Moodle's themes show it well. ``heading_level`` is the level of the heading the
    text sits under on its Moodle page (1 under a Page's name, 3 under a book chapter's title);
    ``activity_names`` are the names of the course's activities, which Moodle's filter would link."""
    names = _names_pattern(activity_names)
    if not any(mark in html for mark in ("<img", "<table", "callout", "<code")) and not (
            names and names.search(unescape(html))):
        return html
    container = lxml_html.fragment_fromstring(html, create_parent="div")
    for img in container.iter("img"):
        _add_class(img, "img-fluid")
        style = (img.get("style") or "").strip()
        img.set("style", f"{style.rstrip(';')}; {IMAGE_STYLE}" if style else IMAGE_STYLE)
    for figure in container.iter("figure"):
        _dress_figure(figure)
    for div in list(container.iter("div")):
        kind = next((c for c in (div.get("class") or "").split() if c in ALERTS), None)
        if kind:
            _dress_callout(div, ALERTS[kind], _level_before(container, div, heading_level) + 1)
    for table in list(container.iter("table")):
        _dress_table(table)
    for code in list(container.iter("code")):
        _keep_unlinked(code)
    if names:
        _keep_names_unlinked(container, names)
    return serialise_children(container)


def _add_class(element, *names: str) -> None:
    classes = (element.get("class") or "").split()
    element.set("class", " ".join(classes + [n for n in names if n not in classes]))


def _level_before(container, element, level: int) -> int:
    """The level of the last heading before ``element``, or ``level`` when none is."""
    for other in container.iter():
        if other is element:
            break
        if other.tag in HEADINGS:
            level = int(other.tag[1])
    return level


def _dress_figure(figure) -> None:
    """A caption set apart from its picture and smaller, as in the booklet, instead of a paragraph
    stuck to the picture's lower edge (Bootstrap's figure-img gives the space, figure-caption the size)."""
    for child in figure:
        if child.tag == "img":
            _add_class(child, "figure-img")
        elif child.tag == "figcaption":
            _add_class(child, "figure-caption")


def _dress_callout(div, alert: str, level: int) -> None:
    """A Bootstrap alert whose title is a heading one level under the text's own (a screen reader
    lists it among the page's headings; role="note" still marks the box)."""
    _add_class(div, "alert", alert)
    title = next((p for p in div if p.tag == "p" and "callout-title" in (p.get("class") or "").split()), None)
    if title is not None:
        title.tag = f"h{min(level, 6)}"
        # Sized like the booklet's bold title, not like a section heading.
        _add_class(title, "alert-heading", "h6")
    children = [child for child in div if isinstance(child.tag, str)]
    if children:
        _add_class(children[-1], "mb-0")  # the alert's own padding ends the box, as in the booklet


def _dress_table(table) -> None:
    """Bordered and padded like the booklet's tables, scrolling sideways inside its own box when
    wider than a phone (instead of widening the whole page)."""
    _add_class(table, "table", "table-bordered")
    for head in table.iter("thead"):
        _add_class(head, "thead-light", "table-light")  # Bootstrap 4 and 5 names of the grey header
    parent = table.getparent()
    if parent is not None and "table-responsive" in (parent.get("class") or "").split():
        return
    # The space below is the box's: Bootstrap 5's table-responsive (Moodle 5.x) takes the table's away.
    _add_class(table, "mb-0")
    wrapper = etree.Element("div", {"class": "table-responsive mb-3"})
    table.addprevious(wrapper)
    wrapper.tail, table.tail = table.tail, None
    wrapper.append(table)


def _keep_unlinked(code) -> None:
    """Code is shown as written: an example address ('https://pankki-tunnistus.example') must not
    become a live link. Each run of text gets its own nolink span, since the filters end the
    skipped part at the first '</span>'."""
    if code.text:
        span = etree.Element("span", {"class": NOLINK})
        span.text, code.text = code.text, None
        code.insert(0, span)
    for child in list(code):
        if child.get("class") == NOLINK:
            continue
        _keep_unlinked(child)
        if child.tail:
            span = etree.Element("span", {"class": NOLINK})
            span.text, child.tail = child.tail, None
            child.addnext(span)


def _names_pattern(names: tuple[str, ...]) -> re.Pattern | None:
    """Each name as Moodle's activity-name filter finds it (filter_phrases with fullmatch, not case
    sensitive): a whole word at either end that is a letter or digit; the longest name first."""
    parts = []
    for name in sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True):
        part = re.escape(name)
        part = (r"\b" if re.match(r"\w", name) else "") + part + (r"\b" if re.search(r"\w$", name) else "")
        parts.append(part)
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _keep_names_unlinked(element, names: re.Pattern) -> None:
    """A mention of an activity's name stays text: Moodle's activity-name filter (on by default)
    links every one to that activity, so with the book layout "Alkuperäinen Nettiopastajalle-vihkonen"
    in the introduction linked to the book named Nettiopastajalle (seen in 4.5). The course's own
    links are written as links; links and nolink spans the filter leaves alone."""
    if element.tag == "a" or NOLINK in (element.get("class") or "").split():
        return
    children = [child for child in element if isinstance(child.tag, str)]
    if element.text:
        element.text, spans = _unlinked_mentions(element.text, names)
        for index, span in enumerate(spans):
            element.insert(index, span)
    for child in children:
        _keep_names_unlinked(child, names)
        if child.tail:
            child.tail, spans = _unlinked_mentions(child.tail, names)
            for span in reversed(spans):
                child.addnext(span)


def _unlinked_mentions(text: str, names: re.Pattern) -> tuple[str, list]:
    """``text`` split at each mention: the text before the first, and a nolink span per mention
    whose tail is the text up to the next."""
    matches = list(names.finditer(text))
    if not matches:
        return text, []
    spans = []
    for match, following in zip(matches, matches[1:] + [None]):
        span = etree.Element("span", {"class": NOLINK})
        span.text = match.group(0)
        span.tail = text[match.end():following.start() if following else len(text)] or None
        spans.append(span)
    return text[:matches[0].start()], spans
