"""The offline deck: one self-contained file, every slide in order, speaker notes only for the presenter."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from builder.theme import PACKAGE_THEME
from builder.writers.slides.deck import build_deck
from conftest import chapter, course_of, photo
from slides_support import build_slides, fixture_course, note_markers, words


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    course = fixture_course()
    made, report = build_slides(course, tmp_path_factory.mktemp("deck"))
    return course, made, report


@pytest.fixture(scope="module")
def page(built):
    _, made, _ = built
    return lxml_html.fromstring(made["slides-html"].read_bytes())


def audience_view(page):
    """The document as the audience sees it: everything but the script elements."""
    copy = lxml_html.fromstring(lxml_html.tostring(page))
    for script in copy.iter("script"):
        script.drop_tree()
    return copy


def deck_data(page) -> dict:
    [script] = page.xpath('//script[@id="deck-data"]')
    assert script.get("type") == "application/json"
    return json.loads(script.text)


def test_the_logo_on_the_title_and_closing_slides_reads_the_course_title(page):
    alts = [img.get("alt") for img in page.xpath('//img[@class="slide-logo"]')]
    assert alts == ["Testikurssi", "Testikurssi"]  # course.yml has no logo_alt: the title, as the logo shows it


def test_the_deck_is_written_as_short_name_slides_html(built):
    _, made, report = built
    assert made["slides-html"].name == "testikurssi-slides.html"
    assert [str(d) for d in report] == []


def test_every_slide_is_in_the_file_in_deck_order(built, page):
    course, _, _ = built
    deck = build_deck(course)
    sections = page.xpath('//main[@id="deck"]/section[contains(@class, "slide")]')
    assert [words(s.find_class("slide-title")[0].text_content()) for s in sections] == [s.title for s in deck.slides]
    assert [s.get("id") for s in sections] == [f"slide-{n}" for n in range(1, len(deck.slides) + 1)]
    assert [s.find_class("slide-number")[0].text for s in sections] == \
        [f"{n} / {len(deck.slides)}" for n in range(1, len(deck.slides) + 1)]


def test_every_speaker_note_is_in_the_presenter_data_and_none_in_the_audience_view(built, page):
    course, _, _ = built
    deck = build_deck(course)
    notes = deck_data(page)["notes"]
    assert len(notes) == len(deck.slides)
    for slide, note in zip(deck.slides, notes):
        assert words(lxml_html.fragment_fromstring(note, create_parent="div").text_content()) == words(slide.notes_text)
    markers = note_markers(course)
    assert markers == ["PUHUJA-ALFA", "PUHUJA-BEETA", "PUHUJA-GAMMA"]
    audience = lxml_html.tostring(audience_view(page), encoding="unicode")
    for marker in markers + ["Toinen kappale muistiinpanoissa"]:
        assert marker not in audience
    script_text = "".join(s.text or "" for s in page.iter("script"))
    assert all(marker in script_text for marker in markers)


def test_the_file_fetches_nothing_from_outside(page):
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        for name in ("src", "srcset", "poster", "data", "background", "action", "formaction"):
            value = element.get(name)
            assert value is None or value.startswith("data:"), (element.tag, name, value[:60])
        assert element.tag not in ("link", "iframe", "object", "embed", "base")
    style = "".join(s.text or "" for s in page.iter("style"))
    assert "@import" not in style
    urls = re.findall(r"url\(\s*[\"']?([^\"')]*)", style)
    assert urls and all(url.startswith("data:") for url in urls)
    script = "".join(s.text or "" for s in page.iter("script"))
    assert not re.search(r"\b(fetch|XMLHttpRequest|importScripts|WebSocket|EventSource|sendBeacon)\b", script)
    [policy] = page.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    assert "default-src 'none'" in policy and "img-src data:" in policy


def test_links_written_in_a_slide_stay_links_and_chapter_links_go_to_the_chapter_divider(page):
    hrefs = [a.get("href") for a in page.xpath('//section[contains(@class, "slide")]//a')]
    assert hrefs == ["https://www.kyberturvallisuuskeskus.fi", "#3"]  # slide 3 divides chapter 1


def test_images_are_embedded_and_sized_to_the_slide(page):
    images = page.xpath('//section[contains(@class, "slide")]//img')
    assert images and all(img.get("src").startswith("data:image/png;base64,") for img in images)
    alone = page.xpath('//section[contains(@class, "layout-image")]//img')[0]
    # 3:2, as tall as the room under a one-line title (13.48em) less the caption's line (1.3em)
    assert alone.get("style") == "width: 18.274em; height: 12.182em"


def test_the_theme_meets_wcag_aaa_contrast_for_text():
    css = (PACKAGE_THEME / "slides" / "slide.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", css))
    pairs = [("text", "background"), ("accent", "background"), ("on-accent", "accent"),
             ("muted", "background"), ("correct", "background")]
    for foreground, background in pairs:
        assert contrast(colours[foreground], colours[background]) >= 7.0, (foreground, background)
    deck_css = (PACKAGE_THEME / "slides" / "deck.css").read_text(encoding="utf-8")
    assert "background: #1b1b1b; color: #ffffff" in deck_css  # the presenter view: 17:1
    assert contrast("#ffffff", "#1b1b1b") >= 7.0 and contrast("#ffffff", "#3d3d3d") >= 7.0


def contrast(first: str, second: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_script_knows_every_navigation_key_and_the_presenter_view():
    script = (PACKAGE_THEME / "slides" / "deck.js").read_text(encoding="utf-8")
    for key in ('"ArrowRight"', '"ArrowLeft"', '"PageDown"', '"PageUp"', '" "', '"Home"', '"End"'):
        assert key in script
    for feature in ("touchstart", "touchend", "requestFullscreen", "location.replace", "#presenter-",
                    "postMessage", "BroadcastChannel", "window.open"):
        assert feature in script


def test_the_same_course_gives_the_same_bytes(built, tmp_path: Path):
    course, made, _ = built
    again, _ = build_slides(course, tmp_path / "again")
    for name in ("slides-html", "slides-pdf", "handout-pdf", "slides-pptx"):
        assert again[name].read_bytes() == made[name].read_bytes(), name


def test_a_large_photo_is_embedded_at_the_size_of_its_box(make_course, tmp_path):
    course = course_of(make_course({
        "01-kuva.md": chapter("Teksti.\n\n```slides\n## Puisto\n\n![Puisto syksyllä](kuvat/puisto.png)\n```\n"),
        "kuvat/puisto.png": photo(1800, 1200),
    }))
    made, _ = build_slides(course, tmp_path / "out")
    page = lxml_html.fromstring(made["slides-html"].read_bytes())
    [img] = page.xpath('//section[contains(@class, "layout-image")]//img')
    assert img.get("src").startswith("data:image/jpeg;base64,")
    # 20.2 x 13.5 slide ems, at 90 pixels an em: within the 1600-pixel cap
    assert (img.get("alt"), img.get("width"), img.get("height")) == ("Puisto syksyllä", "1600", "1067")
    assert made["slides-html"].stat().st_size < 1_500_000
