"""The deck's slides as theme markup for one medium: image URLs resolved, layout classes set, fonts declared."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from lxml import html as lxml_html

from builder.html_rewrite import rewrite_urls, set_size
from builder.labels import labels
from builder.model import ASSET_SCHEME, Asset, Course
from builder.theme import theme_environment, theme_file, theme_text
from builder.writers.slides.deck import Deck, DeckSlide, asset_of, picture_size_of
from builder.writers.slides.fit import Fit
from builder.writers.slides.geometry import (
    COVER_TITLE_SIZE, SLIDE_HEIGHT, cover_title_size, figure_boxes, media_share, picture_size, title_lines,
)
from builder.web_images import WebImage, slide_image

PART = "slides"
WHOLE_SLIDE = (32.0, SLIDE_HEIGHT)  # width and height in ems, as in slide.css
BoxPicture = Callable[[Asset, float, float], WebImage]  # a picture for a box of width x height slide ems
FONTS = (("AtkinsonHyperlegible-Regular.ttf", "normal"), ("AtkinsonHyperlegible-Bold.ttf", "bold"))


@dataclass(frozen=True)
class SlideView:
    """A slide as the templates show it: the deck slide plus its number, classes and resolved HTML."""

    slide: DeckSlide
    number: int
    classes: str
    text: str
    media: str
    notes: str
    logo_url: str
    text_style: str = ""  # the columns' widths on a split slide
    media_style: str = ""

    def __getattr__(self, name: str):
        return getattr(self.slide, name)


def slide_views(course: Course, deck: Deck, fits: tuple[Fit, ...], asset_url: Callable[[str], str],
                slide_href: Callable[[int], str], box_picture: BoxPicture | None = None) -> list[SlideView]:
    """The slides for one medium: ``asset_url(key)`` locates images, ``slide_href(number)`` links to a slide.

    A link to another chapter (or a heading in it) leads to that chapter's divider slide. A
    medium that stores each picture at the size it is shown gives ``box_picture``.
    """
    dividers = {s.chapter_id: n for n, s in enumerate(deck.slides, start=1) if s.kind == "section"}

    def rewrite(html: str) -> str:
        if not html:
            return ""
        return rewrite_urls(html, asset_url, lambda chapter_id, anchor: slide_href(dividers.get(chapter_id, 1)))

    views = []
    for number, (slide, fit) in enumerate(zip(deck.slides, fits), start=1):
        text, media = slide.parts
        media = sized_pictures(course, slide, media, fit.text_share, box_picture)
        classes = [f"kind-{slide.kind}", f"layout-{slide.layout}", fit.css_class]
        if slide.kind in ("title", "section", "closing"):
            if cover_title_size(slide.title) < COVER_TITLE_SIZE:
                classes.append("cover-lines-3")
        elif title_lines(slide.title) > 1:
            classes.append("title-lines-2")
        if "<figcaption" in media:
            classes.append("has-caption")
        if media.count("<figure") > 1:
            classes.append("media-count-2")
        columns = ("", "")
        if slide.layout == "split":
            columns = (f"width: {fit.text_share * 100:.1f}%", f"width: {media_share(fit.text_share) * 100:.1f}%")
        views.append(SlideView(slide, number, " ".join(classes), rewrite(text), rewrite(media),
                               rewrite(slide.notes_html), asset_url(slide.logo) if slide.logo else "", *columns))
    return views


def sized_pictures(course: Course, slide: DeckSlide, media_html: str, text_share: float,
                   box_picture: BoxPicture | None = None) -> str:
    """The pictures with their size on the slide set, filling the room the geometry gives them;
    with ``box_picture``, each one's source is the picture made for that size."""
    if not media_html:
        return ""
    root = lxml_html.fragment_fromstring(media_html, create_parent="div")
    figures = [f for f in root.iter("figure") if f.find(".//img") is not None]
    boxes = figure_boxes(slide, [f.find(".//figcaption") is not None for f in figures], text_share)
    for figure, box in zip(figures, boxes):
        img = figure.find(".//img")
        asset = asset_of(course, img.get("src", ""))
        if asset is None:
            continue
        width, height = picture_size(box, *picture_size_of(asset))
        img.set("style", f"width: {width:.3f}em; height: {height:.3f}em")
        if box_picture is not None:
            picture = box_picture(asset, width, height)
            img.set("src", picture.data_url())
            set_size(img, picture.width, picture.height)
        if len(figures) > 1 and slide.layout == "image":
            figure.set("style", f"width: {box.width:.3f}em")
    return "\n".join(lxml_html.tostring(child, encoding="unicode", method="html") for child in root)


def font_faces(course: Course, font_url: Callable[[Path], str]) -> str:
    """@font-face rules for the theme's bundled font, when the theme has it (else the system sans-serif)."""
    rules = []
    for name, weight in FONTS:
        try:
            path = theme_file(course, "fonts", name)
        except FileNotFoundError:
            return ""
        rules.append(f'@font-face {{ font-family: "Atkinson Hyperlegible"; font-style: normal; '
                     f'font-weight: {weight}; src: url("{font_url(path)}") format("truetype"); }}')
    return "\n".join(rules) + "\n"


def font_paths(course: Course) -> list[Path]:
    paths = []
    for name, _ in FONTS:
        try:
            paths.append(theme_file(course, "fonts", name))
        except FileNotFoundError:
            pass
    return paths


def data_url_for(course: Course) -> Callable[[str], str]:
    """``asset:KEY`` -> a data: URL, each file read and encoded once; no larger than the slide.

    Pictures in figures are made for their own box (``slide_image`` as ``box_picture``); this
    serves the rest: the logo and pictures within the text.
    """
    cache: dict[str, str] = {}

    def url(key: str) -> str:
        if key not in cache:
            asset = asset_of(course, ASSET_SCHEME + key)
            cache[key] = slide_image(asset, *WHOLE_SLIDE).data_url()
        return cache[key]

    return url


def theme_css(course: Course, *names: str) -> str:
    return "\n".join(theme_text(course, PART, name) for name in names)


def render(course: Course, deck: Deck, template: str, views: list[SlideView], **context) -> str:
    environment = theme_environment(course, PART)
    return environment.get_template(template).render(
        deck=deck, meta=course.meta, slides=views, total=len(views), labels=labels(course.meta.words), **context)
