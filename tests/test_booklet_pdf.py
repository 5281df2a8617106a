"""The printable booklet PDFs, read back as a reader (and a printer) would see them."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from pypdf import PdfReader

from builder.build import build
from builder.diagnostics import Report
from pdf_structure import structure_tree
from test_imposition import first_lookalike, placed_pages

A5 = (419.53, 595.28)
A4_PORTRAIT = (595.28, 841.89)
A4_LANDSCAPE = (841.89, 595.28)

COURSE_YML = """\
title: Opastajan kirja
subtitle: Vapaaehtoiselle nettiopastajalle
short_name: opas
language: {language}
organisation: Testiyhdistys ry
contact: Testiyhdistys ry, www.example.org
authors:
  - Tessa Testaaja
  - Olli Opastaja
licence: CC BY 4.0
edition: 2. painos
edition_date: 2026-03-02
logo: logo.png
logo_alt: Opastajan kirja -logo
introduction: |
  Tämä kirja on sinulle, joka opastat ikäihmisiä.
booklet:
  large_print: {large}
"""

CHAPTERS = {
    "01-alku.md": """\
---
title: Vapaaehtoisena opastajana
summary: Mitä opastaja tekee ja miksi.
---
Opastaja istuu ikäihmisen vierellä ja neuvoo. Lue myös [salassapidosta](02-salassapito.md).

## Missä opastetaan

Opastusta annetaan kirjastoissa. Katso lisää [Suomi.fi-palvelusta](https://www.suomi.fi/palvelut/).

![Kolme laitetta vierekkäin pöydällä](images/laitteet.png "Tavallisimmat laitteet")

| Palvelu | Mihin sitä käytetään | Miten kirjaudutaan |
|---|---|---|
| Verkkopankki | laskut ja tilitapahtumat | pankkitunnukset |
| OmaKanta | reseptit ja hoitotahto | Suomi.fi-tunnistus |

!!! vinkki
    Kysy aina ensin, mitä ikäihminen haluaa oppia.

## Kun opastus päättyy

Kirjaudu aina ulos. Osoite on <https://www.kanta.fi/>.

```kysymys
Kuka näppäilee pankkitunnukset?
- [x] Ikäihminen itse.
- [ ] Opastaja.
```
""",
    "02-salassapito.md": """\
---
title: Salassapito
summary: Mitä näet, jää sinun ja ikäihmisen väliseksi.
---
Vaitiolovelvollisuus koskee kaikkea, mitä opastuksessa kuulet.

## Tunnukset

Tunnukset kuuluvat vain omistajalleen.

![Lukko ja avain](images/lukko.png)
""",
    "03-tietoturva.md": """\
---
title: Tietoturvaohje
summary: Lyhyt ohje turvalliseen verkonkäyttöön.
kind: guide
---
## Hyvä salasana

Hyvä salasana on pitkä.
""",
}


def write_course(root: Path, language: str = "fi", large: bool = True, extra: dict[str, str] | None = None) -> Path:
    course = root / "course"
    (course / "images").mkdir(parents=True)
    (root / "assets").mkdir()
    (course / "course.yml").write_text(COURSE_YML.format(language=language, large=str(large).lower()), encoding="utf-8")
    for name, text in CHAPTERS.items():
        (course / name).write_text(text, encoding="utf-8")
    Image.new("RGB", (600, 400), (40, 90, 160)).save(course / "images" / "laitteet.png")
    Image.new("RGB", (300, 300), (200, 120, 40)).save(course / "images" / "lukko.png")
    Image.new("RGB", (200, 200), (20, 120, 110)).save(root / "assets" / "logo.png")
    for name, text in (extra or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return course


def build_booklet(root: Path, **kwargs) -> tuple[Path, Report]:
    course = write_course(root, **kwargs)
    report = Report(root="course")
    result = build(course, root / "output", report, only=["booklet", "booklet-a4", "booklet-large"])
    assert result.ok, [str(d) for d in report]
    return root / "output", report


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    output, report = build_booklet(tmp_path_factory.mktemp("booklet"))
    return output, report


def page_texts(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def page_size(page) -> tuple[float, float]:
    box = page.mediabox
    return float(box.width), float(box.height)


def assert_size(actual: tuple[float, float], expected: tuple[float, float]) -> None:
    assert actual == pytest.approx(expected, abs=1.0)


def chapter_pages(texts: list[str]) -> dict[str, int]:
    """Chapter title -> 1-based page where its opening ('LUKU 1 Title' / 'OHJE 3 Title') stands."""
    found = {}
    for number, text in enumerate(texts, start=1):
        match = re.match(r"(?:LUKU|OHJE|CHAPTER|GUIDE) (\d+) (.+?) ", text)
        if match:
            for title in ("Vapaaehtoisena opastajana", "Salassapito", "Tietoturvaohje"):
                if text.startswith(f"{match.group(0).split()[0]} {match.group(1)} {title}"):
                    found[title] = number
    return found


def test_writer_products_and_file_names(built):
    output, report = built
    assert sorted(p.name for p in output.iterdir()) == ["opas-booklet-a4.pdf", "opas-booklet-large.pdf", "opas-booklet.pdf"]
    assert report.warnings == []


def test_a5_pages(built):
    output, _ = built
    reader = PdfReader(output / "opas-booklet.pdf")
    for page in reader.pages:
        assert_size(page_size(page), A5)
    assert len(reader.pages) % 2 == 0  # the back cover is a left-hand page


def test_cover_colophon_and_back_cover(built):
    output, _ = built
    texts = page_texts(output / "opas-booklet.pdf")
    assert texts[0].startswith("Opastajan kirja Vapaaehtoiselle nettiopastajalle")
    assert "Testiyhdistys ry" in texts[0] and "2. painos" in texts[0]
    colophon = texts[1]
    for words in ("Tiedot julkaisusta", "Tessa Testaaja, Olli Opastaja", "CC BY 4.0", "2. painos, 2.3.2026"):
        assert words in colophon
    assert texts[-1].startswith("Opastajan kirja")
    assert "www.example.org" in texts[-1]


def test_contents_lists_every_chapter_with_the_page_it_starts_on(built):
    output, _ = built
    texts = page_texts(output / "opas-booklet.pdf")
    contents = texts[2]
    assert contents.startswith("Sisällys")
    listed = {title: int(page) for title, page in re.findall(r"\d+\. (.+?) ?\.{3,} ?(\d+)", contents)}
    starts = chapter_pages(texts)
    assert set(starts) == {"Vapaaehtoisena opastajana", "Salassapito", "Tietoturvaohje"}
    assert listed == starts


def test_contents_entries_are_links_to_the_chapters(built):
    output, _ = built
    pdf = pikepdf.open(output / "opas-booklet.pdf")
    names = pdf.Root.Names.Dests.Names
    destinations = {str(names[i]): names[i + 1][0] for i in range(0, len(names), 2)}
    page_of = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    targets = {str(a.Dest) for a in pdf.pages[2].Annots if a.get("/Subtype") == "/Link" and "/Dest" in a}
    assert {"chapter-alku", "chapter-salassapito", "chapter-tietoturva"} <= targets
    starts = chapter_pages(page_texts(output / "opas-booklet.pdf"))
    assert page_of[destinations["chapter-salassapito"].objgen] == starts["Salassapito"]


def test_chapters_open_on_right_hand_pages_without_running_head(built):
    output, _ = built
    texts = page_texts(output / "opas-booklet.pdf")
    for title, number in chapter_pages(texts).items():
        assert number % 2 == 1, title
        assert texts[number - 1].startswith(("LUKU", "OHJE"))  # no running head above the opening


def test_running_head_and_page_number(built):
    output, _ = built
    texts = page_texts(output / "opas-booklet.pdf")
    start = chapter_pages(texts)["Vapaaehtoisena opastajana"]
    following = texts[start]  # the page after the opening, a left-hand page
    # Margin boxes come last in the text: the running head, then the page number.
    assert following.endswith(f"Vapaaehtoisena opastajana {start + 1}")
    assert texts[start - 1].endswith(f" {start}")
    assert not texts[start - 1].endswith(f"opastajana {start}")


def test_bookmarks_for_every_chapter_and_section(built):
    output, _ = built
    reader = PdfReader(output / "opas-booklet.pdf")
    outline = reader.outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert [t for t in top if t in ("Vapaaehtoisena opastajana", "Salassapito", "Tietoturvaohje")] == [
        "Vapaaehtoisena opastajana", "Salassapito", "Tietoturvaohje"]
    first = top.index("Vapaaehtoisena opastajana")
    items = [item for item in outline]
    children = items[items.index(next(i for i in outline if not isinstance(i, list) and i.title == top[first])) + 1]
    assert [c.title for c in children if not isinstance(c, list)][:2] == ["Missä opastetaan", "Kun opastus päättyy"]
    starts = chapter_pages(page_texts(output / "opas-booklet.pdf"))
    for item in outline:
        if not isinstance(item, list) and item.title in starts:
            assert reader.get_destination_page_number(item) + 1 == starts[item.title]


def test_metadata_title_author_language_and_dates(built):
    output, _ = built
    reader = PdfReader(output / "opas-booklet.pdf")
    info = reader.metadata
    assert info.title == "Opastajan kirja: Vapaaehtoiselle nettiopastajalle"
    assert info.author == "Tessa Testaaja, Olli Opastaja"
    assert info["/CreationDate"] == "D:20260302000000Z"  # the build time, not the clock
    assert str(reader.trailer["/Root"]["/Lang"]) == "fi"


def structure_elements(pdf: pikepdf.Pdf, kind: str) -> list[pikepdf.Dictionary]:
    found, stack = [], [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == kind:
                found.append(node)
            kids = node.get("/K")
            if isinstance(kids, pikepdf.Array):
                stack.extend(kids)
            elif isinstance(kids, pikepdf.Dictionary):
                stack.append(kids)
    return found


def test_tagged_pdf_with_image_alt_texts(built):
    output, _ = built
    pdf = pikepdf.open(output / "opas-booklet.pdf")
    assert pdf.Root.MarkInfo.Marked
    assert structure_elements(pdf, "/H1")
    alts = {str(figure.entry.get("/Alt")) for figure in structure_tree(pdf).all("Figure")}
    assert {"Kolme laitetta vierekkäin pöydällä", "Lukko ja avain", "Opastajan kirja -logo"} <= alts  # logo_alt
    assert "Testiyhdistys ry" not in alts  # the logo shows the title, not the organisation's name
    assert b"pdfuaid" in pdf.Root.Metadata.read_bytes()


def test_external_links_are_clickable_and_printed(built):
    output, _ = built
    body = re.sub(r"- ", "-", " ".join(page_texts(output / "opas-booklet.pdf")))  # words broken at a hyphen
    assert "Suomi.fi-palvelusta (www.suomi.fi/palvelut)" in body
    assert "Osoite on www.kanta.fi." in body  # a bare address is printed once, readable
    pdf = pikepdf.open(output / "opas-booklet.pdf")
    uris = {str(a.A.URI) for page in pdf.pages for a in page.get("/Annots", []) if "/A" in a and "/URI" in a.A}
    assert {"https://www.suomi.fi/palvelut/", "https://www.kanta.fi/"} <= uris


def test_image_keeps_its_caption_and_table_rows_keep_their_header(built):
    output, _ = built
    pdf = pikepdf.open(output / "opas-booklet.pdf")
    texts = page_texts(output / "opas-booklet.pdf")
    page_of = {page.objgen: number for number, page in enumerate(pdf.pages)}
    figure = next(f for f in structure_elements(pdf, "/Figure") if str(f.get("/Alt")).startswith("Kolme laitetta"))
    assert "Tavallisimmat laitteet" in texts[page_of[figure.Pg.objgen]]
    table_pages = [t for t in texts if "Verkkopankki" in t]
    assert len(table_pages) == 1
    assert "Mihin sitä" in table_pages[0] and "OmaKanta" in table_pages[0]


SERVICE_TABLES = """\
---
title: Palvelut
summary: Verkkopalvelut taulukoissa.
---
| Palvelu | Mihin sitä käytetään | Mistä löytyy |
|---|---|---|
| Verkkopankki | laskut, tilitapahtumat, e-laskut | oman pankin sivut tai sovellus |
| Suomi.fi | viranomaisten viestit, valtuudet, omat tiedot | <https://www.suomi.fi> |
| OmaVero | esitäytetty veroilmoitus, verokortti, kotitalousvähennys | <https://www.vero.fi/omavero> |
| Videopuhelut | puhelut kuvan kanssa, esimerkiksi WhatsApp tai Teams | sovelluskauppa |

| Palvelu | Mitä sillä tehdään | Kirjautuminen | Puhelin | Osoite |
|---|---|---|---|---|
| OmaKanta | reseptit, laboratoriotulokset, hoitotiedot | pankkitunnukset tai mobiilivarmenne | ei puhelinpalvelua | <https://www.kanta.fi/omakanta> |
| Terveyskylä | luotettavaa tietoa sairauksista | ei kirjautumista | ei puhelinpalvelua | <https://www.terveyskyla.fi> |
"""


def test_table_cells_keep_their_words_whole_and_a_wide_table_goes_row_by_row(tmp_path):
    """Review 2, P6: 'Verkko-pankki', 'val-tuudet', 'kotitalousvä-hennys', 'Videopu-helut' on A5 pp. 28-29."""
    output, _ = build_booklet(tmp_path, extra={"course/04-palvelut.md": SERVICE_TABLES})
    for name in ("opas-booklet.pdf", "opas-booklet-large.pdf"):
        text = "\n".join(page.extract_text() or "" for page in PdfReader(output / name).pages)
        words = set(re.findall(r"[\w.-]+", text))
        for word in ("Verkkopankki", "tilitapahtumat", "valtuudet", "kotitalousvähennys", "Videopuhelut",
                     "sovelluskauppa", "laboratoriotulokset", "pankkitunnukset", "mobiilivarmenne",
                     "puhelinpalvelua", "Kirjautuminen", "Terveyskylä"):
            assert word in words, (name, word)
        assert "\u00ad" not in text and "\u2010" not in text
        # The five columns, one row at a time: each heading beside its cell.
        assert "Kirjautuminen pankkitunnukset tai mobiilivarmenne" in text
        assert "Osoite www.terveyskyla.fi" in text
    with pikepdf.open(output / "opas-booklet.pdf") as pdf:
        by_rows = [table for table in structure_tree(pdf).all("Table")
                   if table.text.startswith(("Palvelu OmaKanta", "Palvelu Terveyskylä"))]
        assert len(by_rows) == 2
        for table in by_rows:
            assert [str(th.entry.A.Scope) for th in table.all("TH")] == ["/Row"] * 5


def text_sizes(page) -> dict[str, float]:
    """Each text run on ``page`` with its printed size in points."""
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (abs(tm[0] * cm[0] + tm[1] * cm[2]) ** 2 + abs(tm[0] * cm[1] + tm[1] * cm[3]) ** 2) ** 0.5
            sizes[text.strip()] = round(size * scale, 1)

    page.extract_text(visitor_text=visit)
    return sizes


def body_size(path: Path, sentence: str) -> float:
    for page in PdfReader(path).pages:
        for text, size in text_sizes(page).items():
            if sentence in text:
                return size
    raise AssertionError(f"{sentence!r} not found")


def test_body_text_is_large_enough(built):
    output, _ = built
    assert body_size(output / "opas-booklet.pdf", "Vaitiolovelvollisuus koskee") >= 12
    assert body_size(output / "opas-booklet-large.pdf", "Vaitiolovelvollisuus koskee") >= 16


def test_large_print_is_a4_with_the_same_content(built):
    output, _ = built
    reader = PdfReader(output / "opas-booklet-large.pdf")
    for page in reader.pages:
        assert_size(page_size(page), A4_PORTRAIT)
    small, large = " ".join(page_texts(output / "opas-booklet.pdf")), " ".join(page_texts(output / "opas-booklet-large.pdf"))
    for words in ("Opastaja istuu ikäihmisen vierellä ja neuvoo.", "Tunnukset kuuluvat vain omistajalleen.", "Hyvä salasana on pitkä."):
        assert words in small and words in large
    assert [i.title for i in reader.outline if not isinstance(i, list)] == [
        i.title for i in PdfReader(output / "opas-booklet.pdf").outline if not isinstance(i, list)]


def test_a4_imposition_sheets_and_order(built):
    output, _ = built
    a5 = PdfReader(output / "opas-booklet.pdf")
    a4 = PdfReader(output / "opas-booklet-a4.pdf")
    count = len(a5.pages)
    pages = count + (-count % 4)
    assert len(a4.pages) == pages // 2  # two printed sides per sheet
    for side in a4.pages:
        assert_size(page_size(side), A4_LANDSCAPE)
    root = a4.trailer["/Root"]
    assert str(root["/Lang"]) == "fi" and a4.metadata.title == PdfReader(output / "opas-booklet.pdf").metadata.title
    # The print dialog opens with what docs/printing.md asks for: flip on the short edge, actual size.
    assert root["/ViewerPreferences"] == {"/DisplayDocTitle": True, "/Duplex": "/DuplexFlipShortEdge",
                                          "/PrintScaling": "/None"}
    assert root["/MarkInfo"]["/Marked"].value is False  # pages drawn as pictures: the A5 PDF is the tagged one
    like = first_lookalike(output / "opas-booklet.pdf")  # the booklet's own blank pages look alike
    booklet = [like[n] for n in range(1, count)] + [None] * (pages - count) + [count]  # blanks before the back cover
    expected = []
    for sheet in range(pages // 4):
        outer, inner = pages - 2 * sheet, 2 * sheet + 1
        expected += [(booklet[outer - 1], booklet[inner - 1]), (booklet[inner], booklet[outer - 2])]
    placed = placed_pages(output / "opas-booklet-a4.pdf", output / "opas-booklet.pdf")
    assert placed == expected
    # Sheet 1 front: the back cover (the last page) and the cover; its back: page 2 and last-1.
    assert placed[0] == (count, 1) and placed[1][0] == 2


def test_a_link_to_another_chapter_prints_the_page_it_leads_to(built):
    """Paper cannot be clicked: 'Lue myös salassapidosta' says where (review 2, P6)."""
    output, _ = built
    for name in ("opas-booklet.pdf", "opas-booklet-large.pdf"):
        texts = page_texts(output / name)
        page = chapter_pages(texts)["Salassapito"]
        assert f"Lue myös salassapidosta (s. {page})." in " ".join(texts), name
    contents = page_texts(output / "opas-booklet.pdf")[2]
    assert "(s." not in contents  # its page numbers stand in their own column already


def test_same_sources_give_identical_pdfs(built, tmp_path):
    output, _ = built
    again, _ = build_booklet(tmp_path)
    for name in ("opas-booklet.pdf", "opas-booklet-a4.pdf", "opas-booklet-large.pdf"):
        assert (output / name).read_bytes() == (again / name).read_bytes(), name


def test_labels_follow_the_course_language(tmp_path):
    output, _ = build_booklet(tmp_path, language="en", large=False)
    assert sorted(p.name for p in output.iterdir()) == ["opas-booklet-a4.pdf", "opas-booklet.pdf"]
    texts = page_texts(output / "opas-booklet.pdf")
    assert texts[1].startswith("About this booklet")
    assert texts[2].startswith("Contents page")
    assert any(t.startswith("CHAPTER 2 Salassapito") for t in texts)
    assert any(t.startswith("GUIDE 3 Tietoturvaohje") for t in texts)
    assert f"Lue myös salassapidosta (p. {chapter_pages(texts)['Salassapito']})." in " ".join(texts)
    assert str(PdfReader(output / "opas-booklet.pdf").trailer["/Root"]["/Lang"]) == "en"


def test_course_theme_restyles_the_booklet(tmp_path):
    override = "@page { size: 120mm 170mm; }\n.cover-title { color: #000; }\n"
    output, _ = build_booklet(tmp_path, large=False, extra={"assets/theme/booklet/print.css": override})
    for page in PdfReader(output / "opas-booklet.pdf").pages:
        assert_size(page_size(page), (340.16, 481.89))


def test_a_theme_cannot_fetch_from_the_network(tmp_path):
    extra = {"assets/theme/booklet/large-print.css": ".cover { background: url(https://example.org/x.png); }\n"}
    output, report = build_booklet(tmp_path, extra=extra)
    problems = [d for d in report if d.code == "render-problem"]
    assert problems and all("opas-booklet-large.pdf" in d.message for d in problems)
    assert any("example.org" in d.message for d in problems)


def test_screen_html_keeps_its_own_order(tmp_path):
    """The print-only parts (colophon after the cover, page column, back cover) stay out of the screen page."""
    from builder.readers.course import read_course
    from builder.writers.booklet.html import booklet_html

    course = read_course(write_course(tmp_path), Report())
    screen = booklet_html(course, "screen", lambda key: key)
    assert "back-cover" not in screen and "toc-page-heading" not in screen
    assert screen.index('id="contents"') < screen.index('id="colophon"')
    assert 'href="#colophon"' in screen
    printed = booklet_html(course, "print", lambda key: key)
    assert printed.index('id="colophon"') < printed.index('id="contents"') < printed.index('id="back-cover"')


def test_a_minimal_course_still_makes_a_proper_booklet(tmp_path):
    """No subtitle, logo, contact, introduction or questions: cover, contents and chapter still stand."""
    course = tmp_path / "course"
    course.mkdir()
    (course / "course.yml").write_text(
        "title: Pieni kurssi\nshort_name: pieni\nlanguage: sv\norganisation: Förening rf\n"
        "authors:\n  - Ann\nlicence: CC BY 4.0\nedition: 1\nedition_date: 2026-01-01\n", encoding="utf-8")
    (course / "01-start.md").write_text("---\ntitle: Början\nsummary: Det första kapitlet.\n---\nText.\n", encoding="utf-8")
    report = Report(root="course")
    assert build(course, tmp_path / "output", report, only=["booklet", "booklet-a4", "booklet-large"]).ok, [str(d) for d in report]
    texts = page_texts(tmp_path / "output" / "pieni-booklet.pdf")
    assert texts[0].startswith("Pieni kurssi Förening rf")
    assert texts[2].startswith("Innehåll sida 1. Början")
    opening = next(n for n, t in enumerate(texts, start=1) if t.startswith("KAPITEL 1 Början"))
    assert opening % 2 == 1 and texts[2].endswith(f"{opening} 3")
    assert len(texts) % 2 == 0 and report.warnings == []


def test_the_folding_layout_built_alone_brings_the_a5_it_is_imposed_from(tmp_path):
    course = write_course(tmp_path / "src", large=False)
    report = Report()
    result = build(course, tmp_path / "output", report, only=["booklet-a4"])
    assert result.ok, [str(d) for d in report]
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == ["opas-booklet-a4.pdf", "opas-booklet.pdf"]
    assert len(PdfReader(tmp_path / "output" / "opas-booklet-a4.pdf").pages) % 2 == 0


def test_a_long_colophon_stays_on_the_back_of_the_cover(tmp_path):
    course = write_course(tmp_path, large=False)
    yml = course / "course.yml"
    authors = "".join(f"  - Kirjoittaja {n} Pitkänimisen Yhdistyksen Vapaaehtoisryhmästä\n" for n in range(4))
    text = yml.read_text(encoding="utf-8").replace("  - Tessa Testaaja\n", authors)
    text = text.replace("contact: Testiyhdistys ry, www.example.org",
                        "contact: Testiyhdistys ry, Esimerkkikatu 1, 00100 Helsinki, puh. 010 123 4567, www.example.org")
    yml.write_text(text, encoding="utf-8")
    report = Report()
    assert build(course, tmp_path / "output", report, only=["booklet"]).ok, [str(d) for d in report]
    texts = page_texts(tmp_path / "output" / "opas-booklet.pdf")
    assert "Tiedot julkaisusta" in texts[1] and "CC BY 4.0" in texts[1]
    assert texts[2].startswith("Sisällys")


def test_the_a5_booklet_a_print_shop_gets_has_whole_sheets_with_the_blanks_before_the_back_cover(built):
    """A folded booklet has a multiple of 4 pages: the A5 PDF brings its blank pages itself, before the back cover."""
    output, _ = built
    texts = page_texts(output / "opas-booklet.pdf")
    assert len(texts) % 4 == 0
    assert texts[-1].startswith("Opastajan kirja Vapaaehtoiselle")  # the back cover stays last
    assert len(PdfReader(output / "opas-booklet-a4.pdf").pages) * 2 == len(texts)  # nothing left to add
