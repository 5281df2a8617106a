"""What a learner sees in Moodle's Boost theme: the HTML the backup carries fits the column, styles
callouts and tables with the theme's own classes, keeps example addresses from becoming links, and
names sections and pages so the course index does not list a title twice. Both layouts, both
Moodle lines."""

from __future__ import annotations

import re

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import COURSE_YML, chapter, course_of, photo, write_course
from moodle_factory import build_mbz, read_mbz

BODY = """\
Lue ensin tämä. Alkuperäinen Testikurssi-vihkonen ilmestyi 2016; sen jälkeen lue luku: huijaukset uudelleen.

!!! vinkki "Kysy rohkeasti"
    Kukaan ei osaa kaikkea.

![Puisto syksyllä](kuvat/puisto.png "Puisto lokakuussa.")

Huijausviestin osoite voi olla `https://pankki-tunnistus.example/kirjaudu` tai `www.op-tunnus.example`.

```
Lähettäjä: asiakaspalvelu@pankki.example
Linkki: https://pankki-tunnistus.example/vahvista?tunnus=123
```

## Palvelut

| Palvelu | Osoite |
|---|---|
| Suomi.fi | <https://www.suomi.fi> |
| OmaKanta | kanta.fi |

Taulukon jälkeinen kappale.

!!! varoitus
    Älä koskaan kysy tunnuksia.

### Tarkemmin

!!! huomio "Kotikäynnit"
    Sovi ne aina yhdistyksen kanssa.
"""

GUIDE = "---\ntitle: Tietoturvaohje\nsummary: Lyhyt ohje.\nkind: guide\n---\n\nPidä laite ajan tasalla.\n"


@pytest.fixture(scope="module", params=[("page", "4"), ("book", "4"), ("page", "5"), ("book", "5")], ids="-".join)
def built(request, tmp_path_factory):
    layout, version = request.param
    tmp_path = tmp_path_factory.mktemp(f"{layout}{version}")
    course = course_of(write_course(tmp_path / "course", {
        "course.yml": COURSE_YML + f"moodle:\n  layout: {layout}\n  version: {version}\n",
        "01-huijaukset.md": chapter(BODY, title="Huijaukset"),
        "02-ohje.md": GUIDE,
        "kuvat/puisto.png": photo(1800, 1200),
    }))
    mbz, report = build_mbz(course, tmp_path / "staging")
    assert list(report) == []
    return layout, read_mbz(mbz)


def _contents(entries) -> list[tuple[int, etree._Element]]:
    """(level of the heading Moodle shows the text under, the text as a tree) for each page and
    book chapter: a Page's name is h1 (Moodle 4.5 and 5.1), a book chapter's title h3 and a subchapter's h4."""
    found = []
    for path, data in sorted(entries.items()):
        if re.fullmatch(r"activities/page_\d+/page\.xml", path):
            found.append((1, etree.fromstring(data).findtext("page/content")))
        elif re.fullmatch(r"activities/book_\d+/book\.xml", path):
            for ch in etree.fromstring(data).iter("chapter"):
                found.append((4 if ch.findtext("subchapter") == "1" else 3, ch.findtext("content")))
    return [(level, lxml_html.fragment_fromstring(html, create_parent="div")) for level, html in found]


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def test_every_picture_fits_the_column_down_to_a_phone(built):
    _, entries = built
    images = [img for _, tree in _contents(entries) for img in tree.iter("img")]
    assert images
    for img in images:
        assert "img-fluid" in _classes(img)  # Boost's max-width: 100%; height: auto
        style = img.get("style").replace(" ", "")
        assert "max-width:100%" in style and "height:auto" in style  # the same without Bootstrap
        assert (img.get("width"), img.get("height")) == ("1600", "1067")  # space kept while loading


def test_a_caption_is_set_apart_from_its_picture(built):
    _, entries = built
    [figure] = [f for _, tree in _contents(entries) for f in tree.iter("figure")]
    img, caption = list(figure)
    # Bootstrap's figure-img puts space under the picture, figure-caption makes the caption smaller.
    assert "figure-img" in _classes(img) and "img-fluid" in _classes(img)
    assert caption.tag == "figcaption" and "figure-caption" in _classes(caption)
    assert caption.text_content() == "Puisto lokakuussa."


def test_callouts_are_the_themes_alerts_with_a_heading_under_the_texts_own(built):
    layout, entries = built
    callouts = []
    for level, tree in _contents(entries):
        heading = level
        for element in tree.iter():
            if element.tag in ("h2", "h3", "h4", "h5", "h6") and "alert-heading" not in _classes(element):
                heading = int(element.tag[1])
            if "callout" in _classes(element):
                title = element[0]
                assert element.get("role") == "note"
                assert "alert" in _classes(element)
                assert title.tag == f"h{heading + 1}" and "alert-heading" in _classes(title)
                callouts.append(([c for c in _classes(element) if c.startswith("alert-")], title.text_content()))
    assert callouts == [(["alert-success"], "Kysy rohkeasti"), (["alert-warning"], "Varoitus"),
                        (["alert-info"], "Kotikäynnit")]


def test_tables_are_bordered_and_scroll_in_their_own_box(built):
    _, entries = built
    [table] = [t for _, tree in _contents(entries) for t in tree.iter("table")]
    assert {"table", "table-bordered"} <= _classes(table)
    wrapper = table.getparent()
    # The paragraph after it keeps its distance in Bootstrap 4 and 5 alike (5 zeroes a wrapped table's margin).
    assert wrapper.tag == "div" and _classes(wrapper) == {"table-responsive", "mb-3"} and "mb-0" in _classes(table)
    assert [th.get("scope") for th in table.iter("th")] == ["col", "col"]
    following = wrapper.getnext()
    assert following.tag == "p" and following.text_content() == "Taulukon jälkeinen kappale."


# Moodle's URL-to-link filter (filter/urltolink): it leaves links and nolink spans alone, and
# links every http(s):// or www. address left in the text.
IGNORED = re.compile(r'<a\s[^>]+?>.*?</a>|<span[^>]+?class="nolink"[^>]*?>.*?</span>', re.S | re.I)
ADDRESS = re.compile(r"(?:https?://|(?<!://)www\.)[\w.-]+\.\w+", re.I)


def test_addresses_shown_as_code_do_not_become_links(built):
    _, entries = built
    html = "".join(etree.tostring(tree, encoding="unicode") for _, tree in _contents(entries))
    assert "pankki-tunnistus.example" in html and "www.op-tunnus.example" in html
    assert ADDRESS.findall(IGNORED.sub("", html)) == []
    # The code reads as written, and the address written as a link stays a link.
    code = [c.text_content() for _, tree in _contents(entries) for c in tree.iter("code")]
    assert "https://pankki-tunnistus.example/kirjaudu" in code
    assert "Linkki: https://pankki-tunnistus.example/vahvista?tunnus=123" in "".join(code)
    assert 'href="https://www.suomi.fi"' in html


def test_a_mention_of_an_activitys_name_does_not_become_a_link(built):
    layout, entries = built
    info = etree.fromstring(entries["moodle_backup.xml"]).find("information/contents")
    # What learners see: Moodle's activity-name filter links each (case-insensitive, whole words)
    # to its activity everywhere in the course's texts except inside links and nolink spans.
    names = [a.findtext("title") for a in info.iter("activity") if a.findtext("modulename") != "qbank"]
    texts = [etree.tostring(tree, encoding="unicode") for _, tree in _contents(entries)]
    texts += [etree.fromstring(data).findtext("summary") for path, data in entries.items()
              if re.fullmatch(r"sections/section_\d+/section\.xml", path)]
    filtered = IGNORED.sub("", "".join(texts))
    for name in names:
        assert not re.search(rf"\b{re.escape(name)}\b", filtered, re.I), name
    # In the book layout the book is named as the course: the old booklet's name stays text.
    mention = '<span class="nolink">Testikurssi</span>-vihkonen' if layout == "book" else "Testikurssi-vihkonen"
    assert mention in "".join(texts)
    page_name = '<span class="nolink">lue luku: huijaukset</span>' if layout == "page" else "lue luku: huijaukset"
    assert page_name in "".join(texts)


def test_the_course_index_names_each_section_and_its_page_differently(built):
    layout, entries = built
    info = etree.fromstring(entries["moodle_backup.xml"]).find("information/contents")
    sections = {s.findtext("sectionid"): s.findtext("title") for s in info.iter("section")}
    index: dict[str, list[str]] = {}
    for activity in info.iter("activity"):
        index.setdefault(sections[activity.findtext("sectionid")], []).append(activity.findtext("title"))
    assert "1. Huijaukset" in sections.values() and "2. Tietoturvaohje" in sections.values()
    for section, names in index.items():
        assert section not in names
    if layout == "page":
        assert index["1. Huijaukset"][0] == "Lue luku: Huijaukset"
        assert index["2. Tietoturvaohje"] == ["Lue ohje: Tietoturvaohje"]
        page_names = [etree.fromstring(d).findtext("page/name") for p, d in entries.items()
                      if re.fullmatch(r"activities/page_\d+/page\.xml", p)]
        assert page_names == ["Lue luku: Huijaukset", "Lue ohje: Tietoturvaohje"]
    else:
        summaries = [etree.fromstring(d).findtext("summary") for p, d in sorted(entries.items())
                     if re.fullmatch(r"sections/section_\d+/section\.xml", p)]
        assert any(">Lue ohje: Tietoturvaohje</a>" in s for s in summaries)
