"""The offline deck: ``<short-name>-slides.html``, one self-contained file (styles, script, images, font inside)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from builder.labels import labels
from builder.model import Course
from builder.theme import theme_text
from builder.web_images import slide_image
from builder.writers.slides.deck import Deck
from builder.writers.slides.fit import Fit
from builder.writers.slides.markup import PART, data_url_for, font_faces, render, slide_views, theme_css

PRESENTER_LABELS = ("notes", "next-slide", "elapsed", "presenter-view", "no-notes")


def deck_html(course: Course, deck: Deck, fits: tuple[Fit, ...]) -> str:
    views = slide_views(course, deck, fits, data_url_for(course), lambda number: f"#{number}", slide_image)
    language = labels(course.meta.words)
    data = {
        "id": deck.short_name,
        "labels": {key: language[key] for key in PRESENTER_LABELS},
        "notes": [view.notes for view in views],
    }
    return render(
        course, deck, "deck.html.j2", views,
        fonts=font_faces(course, _font_data_url),
        css=theme_css(course, "slide.css", "deck.css"),
        script=theme_text(course, PART, "deck.js"),
        data=script_json(data),
    )


def script_json(value: object) -> str:
    """JSON that is safe inside a <script> element: no '<' can end it or open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _font_data_url(path: Path) -> str:
    return "data:font/ttf;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def write_html(course: Course, deck: Deck, fits: tuple[Fit, ...], target: Path) -> Path:
    target.write_text(deck_html(course, deck, fits), encoding="utf-8")
    return target
