"""QR codes in the printed booklets: paper cannot be clicked, but a phone can read a code.

With ``moodle.url`` in course.yml each chapter's self-check ends in a code for the course in
Moodle, 'Tee testi Moodlessa' and the address, and the colophon has one for the course; a web
link the trainer marked with ``{qr}`` (class ``qr`` in the model) gets a code after its paragraph.
The codes are segno's vector SVG with the four-module quiet zone the QR standard asks for,
handed to WeasyPrint as ``data:`` URLs: paths in the PDF, no pixels, the same bytes every time.
"""

from __future__ import annotations

import base64
import io

from lxml import html as lxml_html

from builder.labels import labels
from builder.model import Course
from builder.pdf.print_html import readable_address

QUIET_ZONE = 4  # modules of light margin on every side (ISO/IEC 18004)
MODULE_MM = 0.5  # the smallest module a phone camera reads at arm's length
SMALLEST_MM = 20.0  # no code printed smaller than this, however short its address
STYLE_SHEET = "qr.css"
# Where a link's code goes: after the paragraph it stands in, or at the end of its list item or cell.
AFTER_BLOCKS = ("p", "dt", "blockquote", "h2", "h3", "h4")
INSIDE_BLOCKS = ("li", "dd", "td", "th", "figcaption")


def qr_svg(url: str) -> tuple[str, int]:
    """The QR code of ``url`` as SVG text and its width in modules, quiet zone included.

    Error correction M (15 % of the code may be lost: a smudge, a staple's shadow) keeps the
    code small enough for the A5 page; the light modules are painted white so that the code
    reads on a coloured background too.
    """
    import segno

    code = segno.make(url, error="m", micro=False, boost_error=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", border=QUIET_ZONE, dark="#000", light="#fff", xmldecl=False,
              omitsize=True, nl=False)
    return buffer.getvalue().decode("ascii"), code.symbol_size(border=QUIET_ZONE)[0]


def qr_image(document, url: str, alt: str):
    """An ``<img class="qr-code">`` of ``url``'s code at its printed size."""
    svg, modules = qr_svg(url)
    size = max(SMALLEST_MM, round(modules * MODULE_MM, 1))
    return document.makeelement("img", {
        "class": "qr-code",
        "src": "data:image/svg+xml;base64," + base64.b64encode(svg.encode("ascii")).decode("ascii"),
        "alt": alt,
        "style": f"width: {size}mm; height: {size}mm",
    })


def add_qr_codes(html: str, course: Course, css: str) -> str:
    """``html`` (the booklet's print HTML) with its QR codes and their style sheet ``css``;
    ``html`` itself when it has no place for a code."""
    document = lxml_html.document_fromstring(html)
    words = labels(course.meta.words)
    added = 0
    url = course.meta.moodle.url
    if url:
        for section in document.find_class("self-check"):
            section.append(_bridge(document, url, words["moodle-quiz"], words["qr-code"]))
            added += 1
        colophon = document.get_element_by_id("colophon", None)
        if colophon is not None:
            colophon.set("class", (colophon.get("class", "") + " has-moodle-bridge").strip())
            colophon.append(_bridge(document, url, words["moodle-course"], words["qr-code"]))
            added += 1
    added += _link_codes(document, words["qr-code"])
    if not added:
        return html
    head = document.find("head")
    style = document.makeelement("style", {})
    style.text = css
    head.append(style)
    return lxml_html.tostring(document, encoding="unicode", doctype="<!DOCTYPE html>")


def _bridge(document, url: str, title: str, qr_word: str):
    """A code for the course in Moodle with what it is for and the address to type instead."""
    bridge = document.makeelement("div", {"class": "moodle-bridge"})
    bridge.append(qr_image(document, url, qr_word))
    text = document.makeelement("p", {"class": "moodle-bridge-text"})
    strong = document.makeelement("strong", {})
    strong.text = title
    strong.tail = " "
    address = document.makeelement("span", {"class": "qr-address"})
    address.text = readable_address(url)
    text.extend([strong, address])
    bridge.append(text)
    return bridge


def _link_codes(document, qr_word: str) -> int:
    """A code after the block of each web link the trainer marked with {qr}, its text as the caption."""
    count = 0
    places: dict = {}  # block -> its figures, in the order the links stand
    for link in document.xpath('//a[contains(concat(" ", normalize-space(@class), " "), " qr ")]'):
        href = link.get("href") or ""
        if not href.startswith(("https://", "http://")):
            continue  # the reader warned about it (qr-link-not-web)
        block = next((a for a in link.iterancestors() if a.tag in AFTER_BLOCKS + INSIDE_BLOCKS), None)
        if block is None:
            continue
        figure = document.makeelement("div", {"class": "link-qr"})
        figure.append(qr_image(document, href, f"{qr_word}: {link.text_content().strip()}"))
        caption = document.makeelement("p", {"class": "link-qr-text"})
        caption.text = link.text_content().strip()
        address = document.makeelement("span", {"class": "qr-address"})
        address.text = readable_address(href)
        caption.append(address)
        figure.append(caption)
        places.setdefault(block, []).append(figure)
        count += 1
    for block, figures in places.items():
        if block.tag in INSIDE_BLOCKS:
            block.extend(figures)
        else:
            for figure in reversed(figures):
                block.addnext(figure)
    return count
