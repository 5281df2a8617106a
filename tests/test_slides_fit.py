"""Text that would not fit: shrunk in steps, and a warning at the slide's file:line when even that fails."""

from __future__ import annotations

from pathlib import Path

from conftest import png

from builder.build import build
from builder.diagnostics import Report
from builder.model import SourcePos
from builder.writers.slides.deck import DeckSlide
from builder.writers.slides.fit import SCALES, measure
from builder.writers.slides.geometry import Box, picture_size
from slides_support import copy_fixture


def slide(body_html: str, title: str = "Otsikko") -> DeckSlide:
    return DeckSlide("content", title, body_html, "", SourcePos("01-a.md", 5))


def bullets(count: int, length: int) -> str:
    word = "sana "
    text = (word * (length // len(word) + 1))[:length].strip()
    return "<ul>" + "".join(f"<li>{text}</li>" for _ in range(count)) + "</ul>"


def test_a_short_list_fits_at_full_size():
    fit = measure(slide(bullets(4, 30)))
    assert fit.scale == 1.0 and fit.fits


def test_more_text_shrinks_in_steps_before_it_overflows():
    sizes = [measure(slide(bullets(count, 50))).scale for count in (6, 8, 10, 12)]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] == 1.0 and sizes[-1] < 1.0
    assert all(size in SCALES for size in sizes)


def test_far_too_much_text_does_not_fit_even_at_the_smallest_size():
    fit = measure(slide(bullets(20, 80)))
    assert fit.scale == SCALES[-1] and not fit.fits


def test_text_beside_a_picture_gets_a_narrow_column_when_it_allows():
    picture = '\n<figure><img src="asset:a.png" alt="a" width="300" height="200"></figure>'
    short = measure(slide(bullets(3, 20) + picture))
    longer = measure(slide(bullets(7, 28) + picture))  # would wrap in the narrow column, not in the wide one
    assert short.scale == longer.scale == 1.0
    assert short.text_share < longer.text_share < 1.0


def test_pictures_fill_their_box_keeping_proportions():
    assert picture_size(Box(0, 0, 12, 12), 300, 200) == (12, 8)
    assert picture_size(Box(0, 0, 29, 12), 300, 200) == (18, 12)


POINT = "Tämä kohta on niin pitkä, että se jatkuu riville"  # 48 characters

TOO_LONG = f"""\
```slides
## Pitkä otsikko, joka jatkuu toiselle riville asti
{chr(10).join(f"- {POINT}" for _ in range(8))}

![Kuva](images/kuva.png)
```

```slides
## Liian monta kohtaa
{chr(10).join(f"- {n}" for n in range(1, 11))}
```

```kysymys
Mitä teet, kun ikäihminen pyytää sinua hoitamaan pankkiasiansa puolestaan ja antaa tunnuksensa sinulle?
- [ ] Hoidan asian nopeasti hänen tunnuksillaan, koska hän itse pyysi sitä ja luottaa minuun täysin.
- [x] Kieltäydyn ystävällisesti ja neuvon häntä tekemään asian itse, vaihe kerrallaan, vierestä.
- [ ] Kirjoitan tunnukset muistiin, jotta voin auttaa häntä myöhemmin uudelleen samassa asiassa.
- [ ] Pyydän häntä antamaan tunnukset jollekulle toiselle vapaaehtoiselle, joka osaa asian paremmin.
Palaute: Tunnukset ovat henkilökohtaiset: niitä ei anneta kenellekään, ei edes auttajalle, koskaan.
```
"""


def test_the_build_warns_once_at_file_line_about_a_slide_that_will_not_fit(tmp_path: Path):
    course_dir = copy_fixture(tmp_path / "course")
    (course_dir / "images" / "kuva.png").write_bytes(png(300, 200))
    (course_dir / "04-pitka.md").write_text(
        "---\ntitle: Pitkä\nsummary: Liian pitkiä dioja.\n---\n\nTekstiä.\n\n" + TOO_LONG, encoding="utf-8")
    report = Report(root=str(course_dir))
    result = build(course_dir, tmp_path / "out", report, only=["slides"], jobs=1)
    assert result.ok, [str(d) for d in report]
    too_long = [(Path(d.path).name, d.line) for d in report if d.code == "slide-too-long"]
    # Line 9: eight points beside a picture under a two-line title pass the reader's count (8 lines,
    # under 420 characters) but not the slide. Line 23: ten points, which the reader reports; the
    # writer does not say it again. Line 36: the question's answer slide (question, options and
    # feedback), reported once although the question and its answer slide both come from there.
    assert too_long == [("04-pitka.md", 9), ("04-pitka.md", 23), ("04-pitka.md", 36)]
    beside = next(d for d in report if d.code == "slide-too-long" and d.line == 9)
    assert "Pitkä otsikko, joka jatkuu toiselle riville asti" in beside.message
    assert "pienimmälläkin tekstikoolla" in beside.message
