"""Text contrast of at least 7:1 (WCAG AAA) in the booklet and the slides, computed from the theme.

Two views of the same theme files: every rule that sets a text colour and a background together
is checked as it stands, and every text the theme actually paints is checked against the
background it is painted on, by laying out the outputs of a small course with WeasyPrint (the
HTML booklet and the deck in its screen media, the booklet PDF, the slides PDF and the handout in
print) and walking the boxes. The last test makes sure the walk meets every text colour the theme
declares, so a new colour cannot slip past it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import tinycss2
import tinycss2.color4
from lxml import html as lxml_html

from builder.model import Course
from builder.theme import PACKAGE_THEME

from conftest import COURSE_YML, course_of, png, write_course

AAA = 7.0
THEME_SHEETS = {  # part -> its style sheets; the first one's :root holds the custom properties
    "booklet": ("booklet.css", "print.css", "large-print.css"),
    "slides": ("slide.css", "deck.css", "handout.css", "print.css"),
}

CHAPTER = """\
---
title: Turvallinen asiointi
summary: Ensimmäinen luku kaikkine osineen.
---
Lue [Suomi.fi-sivuilta](https://www.suomi.fi/) ja [ohjeesta](02-ohje.md). Väite[^1].

## Lista ja taulukko

- yksi
- kaksi

1. ensin
2. sitten

| Palvelu | Tunnistus |
|---|---|
| Pankki | tunnukset |

![Tabletti pöydällä](kuva.png "Kuva tabletista")

!!! vinkki
    Vinkki, jossa on [linkki](https://www.example.org/).

!!! varoitus
    Varoitus, jossa on [linkki](https://www.example.org/).

!!! huomio
    Huomio, jossa on [linkki](https://www.example.org/).

`koodia`

[^1]: Lähde.

```slides
## Dia kaikesta
- kohta ja [linkki](https://www.example.org/)

!!! vinkki
    Dian vinkki.

Muistiinpanot:
Puhujan muistiinpano.
```

```slides
## Kuvadia
Tekstiä kuvan vieressä.

![Tabletti](kuva.png "Kuvateksti")
```

```kysymys
Kuka näppäilee tunnukset?
- [x] Asiakas itse
  > Oikein.
- [ ] Opastaja
  > Ei.
Palaute: Tunnukset ovat henkilökohtaiset.
```
"""

FILLER = "\n\n".join(["Opastaja istuu vierellä, neuvoo rauhassa ja antaa ikäihmisen tehdä itse. " * 6] * 8)

GUIDE = "---\ntitle: Pikaohje\nsummary: Lyhyt ohje.\nkind: guide\n---\n## Lopuksi\n\nKirjaudu ulos.\n"


# --- the contrast ratio ------------------------------------------------------------------------------


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2 relative luminance of an sRGB colour with channels 0..1."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def over(top: tuple[float, float, float, float], below: tuple[float, float, float]) -> tuple[float, float, float]:
    """``top`` (with alpha) painted over the opaque ``below``."""
    *rgb, alpha = top
    return tuple(alpha * t + (1 - alpha) * b for t, b in zip(rgb, below))


def hex_of(rgb: tuple[float, ...]) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb[:3])


def test_the_ratio_is_the_wcag_one():
    assert contrast((0, 0, 0), (1, 1, 1)) == pytest.approx(21.0)
    assert contrast((1, 1, 1), (1, 1, 1)) == pytest.approx(1.0)
    assert contrast(rgba("#767676")[:3], (1, 1, 1)) == pytest.approx(4.54, abs=0.01)  # the AA borderline grey


# --- the theme as written ----------------------------------------------------------------------------


def rgba(value: str) -> tuple[float, float, float, float] | None:
    """A CSS colour value as (r, g, b, alpha) with channels 0..1; None for inherit, currentColor and the like."""
    color = tinycss2.color4.parse_color(value)
    if color is None or not hasattr(color, "to"):
        return None
    r, g, b = color.to("srgb").coordinates
    return (r, g, b, color.alpha)


@dataclasses.dataclass(frozen=True)
class Rule:
    sheet: str
    selector: str
    declarations: dict[str, str]


def theme_rules(part: str) -> list[Rule]:
    """Every rule of the part's package style sheets with its declarations, custom properties resolved.

    Rules inside @media and @page (margin boxes too) count: their selector names where they stand.
    """
    variables: dict[str, str] = {}
    rules: list[Rule] = []

    def collect(sheet: str, nodes, context: str) -> None:
        for node in nodes:
            if node.type == "qualified-rule":
                name = tinycss2.serialize(node.prelude)
            elif node.type == "at-rule" and node.content is not None:
                name = f"@{node.at_keyword} {tinycss2.serialize(node.prelude)}"
            else:
                continue
            selector = " ".join(f"{context} {name}".split())
            items = tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True)
            declarations = {d.lower_name: tinycss2.serialize(d.value).strip() for d in items if d.type == "declaration"}
            if declarations:
                rules.append(Rule(sheet, selector, declarations))
            if selector == ":root":
                variables.update((k, v) for k, v in declarations.items() if k.startswith("--"))
            collect(sheet, items, selector)

    for sheet in THEME_SHEETS[part]:
        text = (PACKAGE_THEME / part / sheet).read_text(encoding="utf-8")
        collect(sheet, tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True), "")
    return [dataclasses.replace(rule, declarations={k: resolve(v, variables) for k, v in rule.declarations.items()})
            for rule in rules]


def resolve(value: str, variables: dict[str, str]) -> str:
    while "var(--" in value:
        start = value.index("var(--")
        end = value.index(")", start)
        value = value[:start] + variables[value[start + 4:end].strip()] + value[end + 1:]
    return value


def text_colour(rule: Rule) -> tuple[float, float, float, float] | None:
    return rgba(rule.declarations["color"]) if "color" in rule.declarations else None


def background_colour(rule: Rule) -> tuple[float, float, float, float] | None:
    for name in ("background-color", "background"):
        if name in rule.declarations:
            found = rgba(rule.declarations[name].split()[0])
            if found is not None:
                return found
    return None


@pytest.mark.parametrize("part", sorted(THEME_SHEETS))
def test_rules_that_set_text_and_background_together(part):
    pairs = [(rule, text_colour(rule), background_colour(rule)) for rule in theme_rules(part)]
    pairs = [(rule, fg, bg) for rule, fg, bg in pairs if fg and bg]
    assert pairs, "the theme has rules with both a text colour and a background"
    low = [f"{rule.sheet} {rule.selector}: {hex_of(fg)} on {hex_of(bg)} is {contrast(over(fg, bg[:3]), bg[:3]):.2f}:1"
           for rule, fg, bg in pairs if contrast(over(fg, bg[:3]), bg[:3]) < AAA]
    assert low == []


# --- the theme as painted ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Painted:
    document: str
    text: str
    colour: tuple[float, float, float]
    background: tuple[float, float, float]

    @property
    def ratio(self) -> float:
        return contrast(self.colour, self.background)


def painted_text(document, name: str) -> list[Painted]:
    """Each text a WeasyPrint document paints, with its colour and the background under it (opacity applied)."""
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder

    found: list[Painted] = []

    def walk(box, background, backdrop, opacity):
        if isinstance(box, AbsolutePlaceholder):
            box = box._box
        style = box.style
        if style["opacity"] < 1:  # a group painted translucent over what is behind it
            backdrop = over((*background, opacity), backdrop) if opacity < 1 else background
            opacity *= style["opacity"]
        own = style["background_color"]
        if own.alpha > 0:
            background = over(own_rgba(own), background)
        if isinstance(box, boxes.TextBox) and box.text.strip() and style["visibility"] == "visible":
            colour = over(own_rgba(style["color"]), background)
            seen = over((*background, opacity), backdrop)
            found.append(Painted(name, box.text.strip(), over((*colour, opacity), backdrop), seen))
        for child in getattr(box, "children", ()):
            walk(child, background, backdrop, opacity)

    for page in document.pages:
        walk(page._page_box, (1.0, 1.0, 1.0), (1.0, 1.0, 1.0), 1.0)
    return found


def own_rgba(color) -> tuple[float, float, float, float]:
    r, g, b = color.to("srgb").coordinates
    return (r, g, b, color.alpha)


def course_for_contrast(root: Path) -> Course:
    return course_of(write_course(root, {
        "course.yml": COURSE_YML + "subtitle: Opas\ncontact: Testiyhdistys ry, www.example.org\nlogo: logo.png\n"
                                   "introduction: Tervetuloa [kurssille](https://www.example.org/).\n"
                                   "slides:\n  question_slides: true\n",
        "01-alku.md": CHAPTER + "\n" + FILLER + "\n",  # long enough for running heads
        "02-ohje.md": GUIDE,
        "kuva.png": png(60, 40),
        "logo.png": png(20, 20, (0, 0, 160)),
    }))


def deck_with_classes(html: str, classes: str, current: int, presenter_labels: dict | None = None) -> str:
    """The deck's HTML as its script leaves it: ``classes`` on <html>, slide ``current`` (0-based) shown.

    With ``presenter_labels`` the presenter view's parts are added as deck.js builds them, with both
    kinds of notes box (notes, and the line saying there are none).
    """
    document = lxml_html.document_fromstring(html)
    document.set("class", classes)
    slides = document.xpath("//main[@id='deck']/section")
    slides[current].set("class", slides[current].get("class") + " current")
    if presenter_labels:
        labels = presenter_labels
        slides[current + 1].set("class", slides[current + 1].get("class") + " next")
        deck = document.get_element_by_id("deck")
        deck.append(lxml_html.fragment_fromstring(
            f'<div class="presenter-bar"><span class="title">{labels["presenter-view"]}</span>'
            f'<span class="counter">{current + 1} / {len(slides)}</span>'
            f'<span class="elapsed">{labels["elapsed"]} 00:00</span></div>'))
        deck.append(lxml_html.fragment_fromstring(f'<p class="presenter-next-label">{labels["next-slide"]}</p>'))
        deck.append(lxml_html.fragment_fromstring(
            f'<section class="presenter-notes"><h2>{labels["notes"]}</h2><p>Puhujan muistiinpano.</p>'
            f'<p class="none">{labels["no-notes"]}</p></section>'))
    return lxml_html.tostring(document, encoding="unicode", doctype="<!DOCTYPE html>")


@pytest.fixture(scope="module")
def painted(tmp_path_factory) -> list[Painted]:
    """The text every medium paints for a course using every part of the theme."""
    import weasyprint

    from builder.labels import labels
    from builder.pdf.render import course_file_fetcher
    from builder.writers.booklet.pdf import asset_url as booklet_asset_url
    from builder.writers.booklet.html import booklet_html, data_url
    from builder.writers.slides.html import deck_html
    from builder.writers.slides.markup import font_paths
    from builder.writers.slides.pdf import asset_url, font_url, handout_html, slides_pdf_html
    from builder.pdf.print_html import prepare_for_print
    from builder.writers.slides.deck import build_deck
    from builder.writers.slides.fit import measure

    course = course_for_contrast(tmp_path_factory.mktemp("contrast") / "course")
    named = {asset_url(key): asset.path for key, asset in course.assets.items()}
    named.update((font_url(path), path) for path in font_paths(course))
    named.update((booklet_asset_url(key), asset.path) for key, asset in course.assets.items())
    fetcher = course_file_fetcher([], named)
    deck = build_deck(course)
    fits = tuple(measure(slide) for slide in deck.slides)
    words = labels(course.meta.language)
    sections = [n for n, slide in enumerate(deck.slides) if slide.kind == "section"]
    with_notes = next(n for n, slide in enumerate(deck.slides) if slide.notes_html)
    screen_deck = deck_html(course, deck, fits)
    print_css = (PACKAGE_THEME / "booklet" / "print.css").read_text(encoding="utf-8")
    documents = {
        "HTML booklet": (booklet_html(course, "screen", lambda key: data_url(course, key)), "screen"),
        "booklet PDF": (prepare_for_print(booklet_html(course, "print", booklet_asset_url, print_css), "fi"), "print"),
        "slides PDF": (slides_pdf_html(course, deck, fits), "print"),
        "handout": (handout_html(course, deck, fits), "print"),
        "deck without script": (screen_deck, "screen"),
        "deck with its controls": (deck_with_classes(screen_deck, "js pointer-active", sections[0]), "screen"),
        "presenter view": (deck_with_classes(screen_deck, "js presenter blackout", with_notes, words), "screen"),
        "presenter view at a divider": (deck_with_classes(screen_deck, "js presenter", sections[0], words), "screen"),
    }
    found: list[Painted] = []
    for name, (html, media) in documents.items():
        document = weasyprint.HTML(string=html, base_url=course.root.as_uri() + "/", url_fetcher=fetcher,
                                   media_type=media).render()
        found.extend(painted_text(document, name))
    return found


def test_every_painted_text_has_7_to_1(painted):
    assert {p.document for p in painted} >= {"HTML booklet", "booklet PDF", "slides PDF", "handout", "presenter view"}
    running_heads = [p for p in painted if p.document == "booklet PDF" and p.text == "Turvallinen asiointi"]
    assert len(running_heads) > 1  # the chapter title, and its running head on the following pages
    low: dict[tuple, Painted] = {}
    for p in painted:
        if p.ratio < AAA:
            low.setdefault((p.document, hex_of(p.colour), hex_of(p.background)), p)
    assert [f"{doc}: {fg} on {bg} is {p.ratio:.2f}:1 ({p.text!r})"
            for (doc, fg, bg), p in sorted(low.items())] == []


def test_the_walk_meets_every_text_colour_the_theme_declares(painted):
    """A text colour in the theme that no painted text uses would go unchecked: the fixture must reach it."""
    painted_colours = {hex_of(p.colour) for p in painted}
    for part in THEME_SHEETS:
        rules = theme_rules(part)
        declared = {hex_of(fg[:3]): rule for rule in rules if (fg := text_colour(rule)) and fg[3] == 1}
        checked_alone = {hex_of(text_colour(rule)[:3]) for rule in rules if text_colour(rule) and background_colour(rule)}
        unmet = {colour: f"{rule.sheet} {rule.selector}" for colour, rule in declared.items()
                 if colour not in painted_colours and colour not in checked_alone}
        assert unmet == {}, part
