"""Touches to the HTML that WeasyPrint renders: numbered lists as written, printed link addresses, page
numbers for cross-references, tables that fit the page with whole words."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from builder.labels import label
from builder.pdf.print_tables import fit_tables

# A page number the trainer wrote after a link or in it: 's. 12', 'sivulla 12', 'p. 12', 'page 12', 'sidan 12'.
WRITTEN_PAGE = re.compile(r"\b(?:s|pp?|sivu\w*|pages?|sid\w*)\.?\s*\d", re.IGNORECASE)


def prepare_for_print(html: str, language: str) -> str:
    """``html`` with lists numbered as written, external link addresses printed, cross-references
    ready for their page numbers and each table too wide for whole words printed row by row."""
    document = lxml_html.document_fromstring(html)
    changed = number_lists_as_written(document)
    changed = print_link_addresses(document) or changed
    changed = mark_cross_references(document, label(language, "page-reference")) or changed
    changed = fit_tables(document) or changed
    if not changed:
        return html
    return lxml_html.tostring(document, encoding="unicode", doctype="<!DOCTYPE html>")


def lists_numbered_as_written(html: str) -> str:
    """The whole document ``html`` with each numbered list starting at its own number in WeasyPrint too."""
    if " start=" not in html:
        return html
    document = lxml_html.document_fromstring(html)
    if not number_lists_as_written(document):
        return html
    return lxml_html.tostring(document, encoding="unicode", doctype="<!DOCTYPE html>")


def number_lists_as_written(document) -> bool:
    """Give each ``<ol start=N>`` the counter reset that makes WeasyPrint number it from N.

    WeasyPrint 70 ignores the start attribute and numbers every list 1, 2, 3; a trainer's list that
    goes on after a paragraph ('3. Kolmas') or a slide continued mid-list must keep its numbers.
    """
    changed = False
    for ol in document.iter("ol"):
        start = (ol.get("start") or "").strip()
        if not start.lstrip("-").isdigit() or int(start) == 1:
            continue
        style = (ol.get("style") or "").strip().rstrip(";")
        ol.set("style", (style + "; " if style else "") + f"counter-reset: list-item {int(start) - 1}")
        changed = True
    return changed


def print_link_addresses(document) -> bool:
    """Paper cannot be clicked: put each external link's address after its text (in the same line).

    A link whose text is its own address is shortened to the readable form instead.
    """
    changed = False
    for link in list(document.iter("a")):
        href = link.get("href") or ""
        if not href.startswith(("http://", "https://", "mailto:")):
            continue
        shown = readable_address(href)
        text = link.text_content().strip()
        if readable_address(text) == shown:
            if len(link) == 0 and text != shown:
                link.text = shown
                changed = True
            continue
        address = lxml_html.Element("span", {"class": "print-address"})
        address.text = f" ({shown})"
        address.tail = link.tail
        link.tail = None
        link.addnext(address)
        changed = True
    return changed


def mark_cross_references(document, page_word: str) -> bool:
    """Give each link to another place in the booklet the word print.css puts before its page number.

    Paper cannot be clicked either: 'Lue lisää luvusta Salassapito ja tietosuoja' needs '(s. 43)',
    which only WeasyPrint knows (``target-counter``). The contents already has its page numbers,
    footnote numbers stand on the same page, and a link the trainer wrote a page number after (or
    in) keeps it alone. The word is an attribute, not text, so the EPUB, whose reader turns pages
    of its own, shows none.
    """
    changed = False
    for link in document.iter("a"):
        if not (link.get("href") or "").startswith("#") or (link.get("class") or "").startswith(("footnote", "skip")):
            continue
        if any(ancestor.tag == "nav" for ancestor in link.iterancestors()):
            continue
        if WRITTEN_PAGE.search(link.text_content()) or WRITTEN_PAGE.match((link.tail or "").lstrip(" (")):
            continue
        link.set("data-page-reference", page_word)
        if (link.tail or "").startswith(")"):  # '(lue lisää, s. 30)', not '(lue lisää (s. 30))'
            link.set("data-page-reference-in", "brackets")
        changed = True
    return changed


def readable_address(url: str) -> str:
    """An address as a reader types it: without 'https://', 'mailto:' or a trailing slash."""
    for prefix in ("https://", "http://", "mailto:"):
        if url.startswith(prefix):
            url = url[len(prefix):]
            break
    return url.rstrip("/")
