"""Rewriting the model's neutral URLs for one medium: asset: images and chapter: links."""

from __future__ import annotations

from builder.html_rewrite import rewrite_urls


def rewrite(html: str) -> str:
    return rewrite_urls(
        html,
        asset_url=lambda key: f"files/{key}",
        chapter_url=lambda chapter_id, anchor: f"{chapter_id}.html" + (f"#{anchor}" if anchor else ""),
    )


def test_images_and_chapter_links_get_the_medium_urls() -> None:
    html = '<p>Katso <a href="chapter:salassapito#tunnukset">tunnukset</a>.</p><figure><img src="asset:images/kuva.png" alt="Kuva"></figure>'
    assert rewrite(html) == (
        '<p>Katso <a href="salassapito.html#tunnukset">tunnukset</a>.</p>'
        '<figure><img src="files/images/kuva.png" alt="Kuva"></figure>'
    )


def test_a_link_to_a_whole_chapter_has_no_anchor() -> None:
    assert rewrite('<p><a href="chapter:netiketti">Netiketti</a></p>') == '<p><a href="netiketti.html">Netiketti</a></p>'


def test_external_links_and_plain_text_stay_as_they_are() -> None:
    html = 'Alku <a href="https://www.suomi.fi">Suomi.fi</a> &amp; <b>loppu</b>'
    assert rewrite(html) == html


def test_names_with_scandinavian_letters_and_spaces_reach_the_callback_unchanged() -> None:
    seen = []
    rewrite_urls('<img src="asset:images/ikäihminen ja tabletti.png" alt="x">', lambda key: seen.append(key) or "k", lambda c, a: "")
    assert seen == ["images/ikäihminen ja tabletti.png"]


def test_leading_text_before_the_first_element_is_kept() -> None:
    assert rewrite('Teksti ennen <a href="chapter:a">a</a> ja jälkeen') == 'Teksti ennen <a href="a.html">a</a> ja jälkeen'
