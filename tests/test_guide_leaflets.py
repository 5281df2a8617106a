"""Guide leaflets: each guide chapter alone as an A5 PDF for the senior, with no way into chapters it leaves out."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from builder.diagnostics import Report
from builder.writers.booklet import leaflets as guide_leaflets
from conftest import course_of, write_course

VOLUNTEER_CHAPTER = """\
---
title: Opastajan työ
summary: Mitä opastaja tekee.
---

Opastaja istuu vieressä ja neuvoo. Tätä lausetta ei ole lehtisessä.

## Kotikäynnit {#kotikaynnit}

Kotikäynneistä sovitaan järjestön kanssa.
"""

GUIDE = """\
---
title: Turvaohje
summary: Lyhyt ohje ikäihmiselle.
kind: guide
---

Älä kerro koodia kenellekään. Lue myös [kotikäynneistä](01-tyo.md#kotikaynnit)
ja [opastajan työstä](01-tyo.md).

```slides
## Turvallisuus
- Ei koodeja
```
"""

A5_POINTS = (419.53, 595.28)


@pytest.fixture(scope="module")
def leaflets(tmp_path_factory):
    root = tmp_path_factory.mktemp("leaflets")
    course = course_of(write_course(root / "course", {"01-tyo.md": VOLUNTEER_CHAPTER, "02-turva.md": GUIDE}))
    staging = root / "out"
    staging.mkdir()
    report = Report()
    products = guide_leaflets.write(course, staging, {}, report)
    assert [str(d) for d in report] == []
    return products


def page_texts(path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def test_each_guide_gets_its_own_leaflet_named_after_the_course_and_the_guide(leaflets):
    assert {name: path.name for name, path in leaflets.items()} == {
        "guide-leaflet-turva": "testikurssi-opas-turva.pdf", "guide-leaflet-turva-a4": "testikurssi-opas-turva-a4.pdf"}


def test_the_leaflet_folds_from_a4_sheets_printed_on_both_sides(leaflets):
    """A multiple of four A5 pages, the back cover last, and the A4 sheets in saddle-stitch order."""
    leaflet = PdfReader(leaflets["guide-leaflet-turva"])
    pages = len(leaflet.pages)
    assert pages % 4 == 0
    texts = page_texts(leaflets["guide-leaflet-turva"])
    assert "Testiyhdistys ry" in texts[-1] and texts[-2] == ""  # the back cover, a blank page before it
    sheets = PdfReader(leaflets["guide-leaflet-turva-a4"])
    assert len(sheets.pages) == pages // 2
    assert all(round(float(p.mediabox.width)) == 842 and round(float(p.mediabox.height)) == 595 for p in sheets.pages)
    first_side = " ".join(sheets.pages[0].extract_text().split())
    assert "Turvaohje" in first_side and "Testiyhdistys ry" in first_side  # cover beside the back cover


def test_the_leaflet_is_a5_with_the_guide_title_and_the_organisation_on_its_cover(leaflets):
    reader = PdfReader(leaflets["guide-leaflet-turva"])
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == A5_POINTS
    cover = page_texts(leaflets["guide-leaflet-turva"])[0]
    assert "Turvaohje" in cover and "Lyhyt ohje ikäihmiselle." in cover and "Testiyhdistys ry" in cover
    assert "Testikurssi" not in cover
    assert reader.metadata.title.startswith("Turvaohje")


def test_the_leaflet_holds_the_guide_alone_without_contents_or_chapter_number(leaflets):
    text = " ".join(page_texts(leaflets["guide-leaflet-turva"]))
    assert "Älä kerro koodia kenellekään." in text
    assert "Tätä lausetta ei ole lehtisessä." not in text
    assert "Sisällys" not in text
    assert "Ohje 2" not in text


def test_a_link_to_a_chapter_left_out_names_where_the_booklet_has_it(leaflets):
    text = " ".join(page_texts(leaflets["guide-leaflet-turva"]))
    assert "kotikäynneistä (Testikurssi-oppaan luku 1)" in text
    assert "opastajan työstä (Testikurssi-oppaan luku 1)" in text
    for page in PdfReader(leaflets["guide-leaflet-turva"]).pages:
        for annotation in page.get("/Annots") or []:
            assert "/Dest" not in annotation.get_object()  # no link into pages the leaflet does not have


def test_a_course_without_guides_has_no_leaflets(make_course, tmp_path):
    course = course_of(make_course({"01-tyo.md": VOLUNTEER_CHAPTER}))
    assert not guide_leaflets.writes_leaflets(course)
    assert guide_leaflets.write(course, tmp_path, {}, Report()) == {}


def text_sizes(page) -> list[float]:
    """The size in points of each piece of text on ``page``."""
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.append(round(abs(size * tm[3] * cm[3]), 1))

    page.extract_text(visitor_text=visit)
    return sizes


def test_the_leaflet_body_text_is_14_pt(leaflets):
    page = PdfReader(leaflets["guide-leaflet-turva"]).pages[1]
    sizes = text_sizes(page)
    assert max(set(sizes), key=sizes.count) == 14.0  # the booklet's body is 12.5 pt
