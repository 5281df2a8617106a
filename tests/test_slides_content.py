"""Awkward content in every slide output: markup characters, SVG and WebP pictures, no logo or contact line."""

from __future__ import annotations

import io
from pathlib import Path

from lxml import html as lxml_html
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from builder.checks import check_outputs
from builder.diagnostics import Report
from conftest import chapter, course_of
from slides_support import build_slides

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect width="200" height="100" fill="#0b3d6e"/></svg>'

SLIDES = """\
Tekstiä.

```slides
## Ehto a < b & "lainaus"
- 5 < 6 & 7 > 3

Muistiinpanot:
Sano: `</script>` ei katkaise mitään.

---

## Vektorikuva

![Sininen suorakulmio](images/kuva.svg)

---

## WebP-kuva

![Punainen ruutu](images/kuva.webp)
```
"""


def webp() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), (200, 40, 40)).save(buffer, format="WEBP")
    return buffer.getvalue()


def test_awkward_content_reaches_every_output_intact(make_course, tmp_path: Path):
    course = course_of(make_course({
        "01-merkit.md": chapter(SLIDES, title="Merkit & kuvat"),
        "images/kuva.svg": SVG,
        "images/kuva.webp": webp(),
    }))
    made, report = build_slides(course, tmp_path / "out")
    assert list(report) == []  # the writers report nothing about the sources: the checks do
    checked = Report(course.meta.language)
    check_outputs(course, checked)
    assert list(checked) == []  # the SVG reaches PowerPoint too

    page = lxml_html.fromstring(made["slides-html"].read_bytes())
    titles = [t.text_content() for t in page.find_class("slide-title")]
    assert 'Ehto a < b & "lainaus"' in titles
    assert "5 < 6 & 7 > 3" in page.text_content()
    [data] = page.xpath('//script[@id="deck-data"]')
    assert "</" not in data.text and "\\u003c/code\\u003e" in data.text  # nothing in the notes can end the script
    svg = page.xpath('//section[contains(@class, "layout-image")]//img')[0]
    assert svg.get("src").startswith("data:image/svg+xml;base64,")
    assert svg.get("style") == "width: 26.965em; height: 13.482em"  # 2:1 from the viewBox, as tall as the room

    pdf = " ".join(p.extract_text() for p in PdfReader(made["slides-pdf"]).pages)
    assert 'Ehto a < b & "lainaus"' in pdf

    slides = list(Presentation(made["slides-pptx"]).slides)
    assert [s.shapes.title.text for s in slides][3:6] == ['Ehto a < b & "lainaus"', "Vektorikuva", "WebP-kuva"]
    assert "</script>" in slides[3].notes_slide.notes_text_frame.text
    assert [shape.shape_type for shape in slides[5].shapes if shape.shape_type == 13] == [13]
    assert [shape.shape_type for shape in slides[4].shapes if shape.shape_type == 13] == [13]
    closing = slides[-1]
    assert closing.shapes.title.text == "Kiitos!"
    assert [shape.shape_type for shape in closing.shapes if shape.shape_type == 13] == []  # no logo
