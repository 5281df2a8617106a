"""A plain paragraph skips Python-Markdown and the sanitiser: the HTML must be what they would make."""

from __future__ import annotations

import markdown
import nh3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.readers import markdown_body
from builder.readers.markdown_body import (
    EXTENSIONS, SAFE_ATTRIBUTES, SAFE_STYLE_PROPERTIES, SAFE_TAGS, _plain_html,
)

from conftest import examples

WORDS = ["Tosi", "epätosi", "Älä", "x", "2", "24", "ok", "Kela", "i", "A", "ÅSA", "e-palvelu", "naïve", "ñ"]
SAFE_MARKS = list(".,;:?!'\"()/%€$@+=-–—…”“’‘«»")
MARKS = SAFE_MARKS + list("*_`[]<>&\\#|~{}^") + ["  ", " ", "\n", "\n\n", "\t", "\u00a0", "1.", "- "]

texts = st.lists(st.sampled_from(WORDS + MARKS), min_size=1, max_size=14).map("".join)
# mostly words, spaces and the punctuation a plain paragraph may hold: more of them are plain
plainish = st.lists(st.sampled_from(WORDS * 3 + [" "] * 12 + ["\n"] * 3 + SAFE_MARKS), min_size=1, max_size=20).map("".join)
listish = st.lists(st.sampled_from(WORDS * 3 + [" "] * 8 + ["\n- "] * 4 + ["\n"] * 2 + SAFE_MARKS + MARKS[-8:]),
                   min_size=1, max_size=20).map(lambda parts: "- " + "".join(parts))


def _markdown_html(text: str, extensions) -> str:
    return markdown.markdown(text, extensions=extensions)


def _sanitised(html: str) -> str:
    return nh3.clean(html, tags=SAFE_TAGS, attributes=SAFE_ATTRIBUTES, url_schemes={"http", "https", "mailto", "tel"},
                     link_rel=None, strip_comments=True, filter_style_properties=SAFE_STYLE_PROPERTIES)


@settings(max_examples=examples(1500), deadline=None)
@given(texts | plainish | listish | st.tuples(st.sampled_from(["", "\n", "\n\n"]), texts | plainish | listish,
                                              st.sampled_from(["", "\n", "\n\n"])).map("".join))
def test_plain_html_is_what_markdown_makes_of_it(text):
    html = _plain_html(text, lists=True)
    if html is None:
        return
    assert html == _markdown_html(text, EXTENSIONS)
    assert html == _sanitised(html)
    if html.startswith("<p>"):
        assert html == _plain_html(text, lists=False) == _markdown_html(text, [])
    else:
        assert _plain_html(text, lists=False) is None


@pytest.mark.parametrize("text", [
    "Tosi", "Hän saa sanoa: ”En tiedä, selvitetään yhdessä.”", "Kerro, että jokainen\nvoi oppia (hitaasti) - 100 %.",
    "Maksu 5 € tai $5 / e@x.fi + alv = kaikki…",
])
def test_plain(text):
    assert _plain_html(text, lists=True) == f"<p>{text}</p>" == _markdown_html(text, EXTENSIONS)
    assert _plain_html(f"\n{text}\n\n", lists=False) == f"<p>{text}</p>"


@pytest.mark.parametrize("text", ["- a", "- Kirjastot\n- Hyvinvointiasemat ja palvelukeskukset\n", "\n\n- a b.\n- c\n\n"])
def test_plain_list(text):
    assert _plain_html(text, lists=True) == _markdown_html(text, EXTENSIONS)
    assert _plain_html(text, lists=True).startswith("<ul>\n<li>")


@pytest.mark.parametrize("text", [
    "", "2. kohta", "Rivi\n- kohta", "Otsikko\n===", "Otsikko\n---", "Termi\n: selitys", "a  b", "a \nb", "a\n\nb",
    "*a*", "a_b_", "`a`", "[a](b)", "<b>", "a & b", "a\\b", "# a", "a\t", "a\u00a0b", "!!! note", "a | b",
    "a {: #x}", "a[^1]", " a", "    a", "- a\n\n- b", "- a\n  b", "- a\nb", "* a", "1. a", "-a", "- a\n- ", "- - a",
    "- a\n\nb", "- a\n  - b", "- a\n   - b",
])
def test_not_plain(text):
    assert _plain_html(text, lists=True) is None


def test_render_is_the_same_either_way(monkeypatch, tmp_path):
    from builder.diagnostics import Report
    from builder.readers.assets import AssetResolver
    from builder.readers.markdown_body import BodyContext, render_markdown

    def rendered(text):
        report = Report()
        ctx = BodyContext("c", "01-c.md", tmp_path, {}, AssetResolver(tmp_path, None, report), report, "fi")
        body = render_markdown(text, ctx, collect_headings=False, first_line=5)
        return body, [(d.path, d.line, d.code) for d in report]

    samples = ["Tosi", "Kerro, että jokainen\nvoi oppia.\n", "Hän sanoo: ”Ei.”", "\n- Yksi\n- Kaksi kolme\n"]
    fast = [rendered(text) for text in samples]
    assert all(_plain_html(text, lists=True) for text in samples)
    monkeypatch.setattr(markdown_body, "_plain_html", lambda text, lists: None)
    assert fast == [rendered(text) for text in samples]
