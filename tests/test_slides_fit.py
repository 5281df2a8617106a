"""Text that would not fit: shrunk in steps, and a warning at the slide's file:line when even that fails."""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

from conftest import png

from builder.build import build
from builder.diagnostics import Report
from builder.model import SourcePos
from builder.writers.slides.continued import fit_deck
from builder.writers.slides.deck import Deck, DeckSlide
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


def deck_of(*slides: DeckSlide) -> Deck:
    return Deck("Diat", "fi", "diat", slides)


def items(html: str) -> list[str]:
    return [" ".join(li.text_content().split()) for li in lxml_html.fragment_fromstring(html, create_parent="div").iter("li")]


def test_a_slide_too_full_for_any_text_size_continues_on_the_next_with_every_point_in_order():
    points = "".join(f"<li>Kohta {n}: tämä kohta on niin pitkä, että se jatkuu toiselle riville asti</li>"
                     for n in range(1, 15))
    fitted = fit_deck(deck_of(slide(f"<ol>{points}</ol>", title="Neljätoista kohtaa")))
    titles = [s.title for s in fitted.deck.slides]
    assert titles[0] == "Neljätoista kohtaa" and len(titles) > 1
    assert all(title == "Neljätoista kohtaa (jatkuu)" for title in titles[1:])
    assert all(fit.fits for fit in fitted.fits)
    shown = [point for s in fitted.deck.slides for point in items(s.body_html)]
    assert [p.split(":")[0] for p in shown] == [f"Kohta {n}" for n in range(1, 15)]
    second = lxml_html.fragment_fromstring(fitted.deck.slides[1].body_html)
    assert second.get("start") == str(len(items(fitted.deck.slides[0].body_html)) + 1)  # numbers go on
    assert [(c.slide.title, c.parts) for c in fitted.continued] == [("Neljätoista kohtaa", len(titles))]
    assert fitted.cut == ()


def test_the_continued_slides_share_the_points_evenly_and_the_pictures_stay_on_the_first():
    points = "".join(f"<li>Kohta {n}</li>" for n in range(1, 31))
    picture = '\n<figure><img src="asset:a.png" alt="a" width="300" height="200"></figure>'
    fitted = fit_deck(deck_of(slide(f"<ul>{points}</ul>{picture}")))
    counts = [len(items(s.body_html)) for s in fitted.deck.slides]
    assert sum(counts) == 30 and max(counts) - min(counts) <= max(counts) // 2
    assert [s.layout for s in fitted.deck.slides] == ["split"] + ["text"] * (len(counts) - 1)
    assert fitted.deck.slides[0].notes_html == slide("").notes_html


def test_a_slide_that_fits_is_left_as_it_is():
    one = slide(bullets(4, 30))
    fitted = fit_deck(deck_of(one))
    assert fitted.deck.slides == (one,) and fitted.continued == () and fitted.cut == ()


def test_a_paragraph_taller_than_a_slide_is_cut_and_the_words_lost_are_named():
    words = [f"sana{n}" for n in range(1, 401)]
    fitted = fit_deck(deck_of(slide(f"<p>Lyhyt alku.</p><p>{' '.join(words)}</p>", title="Liian pitkä")))
    (cut,) = fitted.cut
    assert cut.slide.title.startswith("Liian pitkä")
    lost = cut.text.split()
    assert 0 < len(lost) < len(words) and lost == words[-len(lost):]  # the paragraph's end, from the estimate
