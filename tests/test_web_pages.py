"""The HTML booklet and the deck as their readers' browsers show them: on a phone, and printed.

Headless Chromium (tests/a11y/run-pages.js) lays the pages out at phone widths and prints them as
its print dialog does, background graphics off unless said; the printed pages are read with
pypdf and looked at through pdftoppm. Skipped, saying why, where Chromium or its driver is missing.
"""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import html as lxml_html
from PIL import Image
from pypdf import PdfReader

from builder.build import build
from builder.diagnostics import Report
from builder.labels import labels

REPO = Path(__file__).resolve().parent.parent
RUNNER = REPO / "tests" / "a11y" / "run-pages.js"
PACKAGES = REPO / "tests" / "a11y" / "node_modules"
SECOND = REPO / "tests" / "roots" / "second_course"
PHONE_WIDTHS = (320, 390)

sys.path.insert(0, str(SECOND))
from make_photo import make_photo  # noqa: E402


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def missing() -> str:
    if not shutil.which("node") or not (PACKAGES / "playwright-core").is_dir():
        return "Node.js or tests/a11y/node_modules is missing: run `make test` or `npm ci` in tests/a11y"
    if not chromium():
        return "Chromium is not installed (tools/system-deps.sh installs it as root)"
    if not shutil.which("pdftoppm"):
        return "pdftoppm is not installed (poppler-utils, tools/system-deps.sh)"
    return ""


pytestmark = pytest.mark.skipif(bool(missing()), reason=f"Chromium cannot run: {missing()}")


def built(course: Path, output: Path, only: list[str]) -> Path:
    report = Report(root=str(course))
    assert build(course, output, report, only=only).ok, [str(d) for d in report]
    return output


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """The real course's HTML booklet and deck, and the second course's booklet (its wide table)."""
    where = tmp_path_factory.mktemp("web")
    out = built(REPO / "course", where / "out", ["html", "slides"])
    shutil.copytree(SECOND / "course", where / "second" / "course")
    shutil.copytree(SECOND / "assets", where / "second" / "assets")
    make_photo(where / "second" / "course" / "images" / "kesamaisema.jpg")
    second = built(where / "second" / "course", where / "second-out", ["html"])
    return {
        "booklet": min((p for p in out.glob("*.html") if not p.name.endswith("-slides.html")),
                       key=lambda p: len(p.name)),  # the source's: an edition's names carry its tag
        "deck": min(out.glob("*-slides.html"), key=lambda p: len(p.name)),
        "second booklet": next(second.glob("*.html")),
    }


@pytest.fixture(scope="module")
def browser_views(pages, tmp_path_factory) -> dict[str, dict]:
    """Every measurement and print, from one browser run."""
    prints = tmp_path_factory.mktemp("prints")
    views = [{"name": f"{name} at {width}", "file": str(pages[name]), "width": width}
             for name in ("booklet", "second booklet") for width in PHONE_WIDTHS]
    views += [
        {"name": "booklet printed", "file": str(pages["booklet"]), "pdf": str(prints / "booklet.pdf")},
        {"name": "deck printed", "file": str(pages["deck"]), "pdf": str(prints / "deck.pdf")},
        {"name": "deck printed with backgrounds", "file": str(pages["deck"]), "pdf": str(prints / "deck-bg.pdf"),
         "background": True},
    ]
    done = subprocess.run(["node", str(RUNNER), chromium()], input=json.dumps(views), capture_output=True,
                          text=True, cwd=RUNNER.parent, timeout=300)
    assert done.returncode == 0, done.stderr
    return {result["name"]: result for result in json.loads(done.stdout)}


def page_texts(pdf: str) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages]


def words(element) -> str:
    return " ".join(element.text_content().split())


# --- phones ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("width", PHONE_WIDTHS)
@pytest.mark.parametrize("name", ["booklet", "second booklet"])
def test_the_booklet_does_not_scroll_sideways_on_a_phone(browser_views, name, width):
    view = browser_views[f"{name} at {width}"]
    assert view["innerWidth"] == width
    assert view["scrollWidth"] <= view["innerWidth"], view["wide"]
    assert view["wide"] == []


def test_every_table_is_in_a_named_box_the_keyboard_reaches(pages):
    names = []
    for name in ("booklet", "second booklet"):
        doc = lxml_html.parse(str(pages[name])).getroot()
        tables = doc.findall(".//table")
        assert tables
        for table in tables:
            box = table.getparent()
            assert "table-box" in box.get("class", "").split()
            assert (box.get("role"), box.get("tabindex")) == ("region", "0")
            headers = [words(th) for th in table.find(".//tr").iter("th")]
            assert box.get("aria-label") == ", ".join(headers)
            names.append(box.get("aria-label"))
    assert len(names) == len(set(names))


def test_on_a_phone_each_table_cell_is_shown_under_its_column_header(pages):
    doc = lxml_html.parse(str(pages["second booklet"])).getroot()
    table = max(doc.iter("table"), key=lambda t: len(t.find(".//tr")))
    headers = [words(th) for th in table.find(".//tr").iter("th")]
    assert len(headers) == 5
    for row in table.findall("./tbody/tr"):
        assert [cell.get("data-label") for cell in row] == headers
        assert [cell.get("role") for cell in row] == ["cell"] * 5
    assert table.get("role") == "table"


def test_the_booklet_carries_its_font_cut_to_the_characters_it_shows(pages):
    page = pages["booklet"].read_text(encoding="utf-8")
    faces = re.findall(r'@font-face \{ font-family: "Atkinson Hyperlegible"; font-weight: (\w+); font-style: (\w+);'
                       r'.*?url\("data:font/woff;base64,([A-Za-z0-9+/=]+)"\)', page)
    assert {(weight, style) for weight, style, _ in faces} >= {("normal", "normal"), ("bold", "normal")}
    text = " ".join(lxml_html.fromstring(page.encode("utf-8")).xpath("//body")[0].itertext())
    full = TTFont(REPO / "builder" / "theme" / "fonts" / "AtkinsonHyperlegible-Regular.ttf")
    for weight, style, data in faces:
        font = TTFont(io.BytesIO(base64.b64decode(data)))
        assert font.flavor == "woff"
        covered = set(map(chr, font.getBestCmap()))
        shown = {c for c in text if ord(c) in full.getBestCmap()} | {c.upper() for c in "luku"}
        assert shown - covered == set(), (weight, style)
        assert len(font.getGlyphOrder()) < len(full.getGlyphOrder()) / 2


# --- the booklet from the browser's print dialog -----------------------------------------------------

def test_the_printed_booklet_starts_each_chapter_on_a_page_of_its_own(browser_views, pages):
    pdf = browser_views["booklet printed"]["pdf"]
    reader = PdfReader(pdf)
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    texts = page_texts(pdf)
    doc = lxml_html.parse(str(pages["booklet"])).getroot()
    chapters = doc.xpath("//section[contains(@class, 'chapter ')]")
    assert len(chapters) == 7
    for chapter in chapters:
        opening = f"{words(chapter.find('.//p'))} {words(chapter.find('.//h1'))}".lower()
        assert any(text.lower().startswith(opening) for text in texts), opening
    assert texts[0].startswith(words(doc.find(".//p[@class='cover-title']")))
    assert all(texts), "a blank page"
    assert len(texts) < 70


def test_the_printed_booklet_keeps_every_callout_on_one_page(browser_views, pages):
    texts = [text.replace(" ", "") for text in page_texts(browser_views["booklet printed"]["pdf"])]
    doc = lxml_html.parse(str(pages["booklet"])).getroot()
    callouts = doc.xpath("//div[contains(@class, 'callout ')]")
    assert len(callouts) >= 10
    for callout in callouts:
        whole = words(callout).replace(" ", "")
        start, end = whole[:40], whole[-40:]
        assert any(start in text and end in text for text in texts), words(callout)[:60]


def test_the_printed_booklet_gives_the_address_of_each_web_link_and_no_navigation(browser_views, pages):
    text = "".join(page_texts(browser_views["booklet printed"]["pdf"])).replace(" ", "")
    doc = lxml_html.parse(str(pages["booklet"])).getroot()
    marked = doc.xpath("//a[contains(@class, 'prints-url')]")
    assert {a.get("href") for a in marked} >= {"https://www.kanta.fi/omakanta", "https://www.vero.fi/omavero"}
    for link in marked:
        assert f"{words(link)}({link.get('href')})".replace(" ", "") in text
    assert "(https://www.suomi.fi)" not in text  # a link whose text is its address says it once
    assert labels("fi")["skip-to-content"].replace(" ", "") not in text


# --- the deck from the browser's print dialog -----------------------------------------------------

def contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    def luminance(rgb):
        channels = [c / 255 for c in rgb[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def page_pictures(pdf: str, folder: Path) -> list[Image.Image]:
    subprocess.run(["pdftoppm", "-r", "40", "-png", pdf, str(folder / "page")], check=True, timeout=120)
    return [Image.open(path).convert("RGB") for path in sorted(folder.glob("page-*.png"))]


@pytest.mark.parametrize("view", ["deck printed", "deck printed with backgrounds"])
def test_the_printed_deck_is_one_legible_slide_a_page(browser_views, pages, view, tmp_path):
    pdf = browser_views[view]["pdf"]
    slides = lxml_html.parse(str(pages["deck"])).getroot().xpath("//section[contains(@class, 'slide ')]")
    reader = PdfReader(pdf)
    assert len(reader.pages) == len(slides)
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert round(width / height, 2) == round(16 / 9, 2)
    dividers = [n for n, slide in enumerate(slides) if "kind-section" in slide.get("class").split()]
    assert len(dividers) == 7
    texts = page_texts(pdf)
    for number, (picture, slide) in enumerate(zip(page_pictures(pdf, tmp_path), slides)):
        assert words(slide.find(".//*[@class='slide-title']"))[:20] in texts[number]
        colours = picture.getcolors(picture.width * picture.height)
        ground = max(colours)[1]
        # The text's own colour is the one farthest from the page's ground (edges are smoothed).
        best = max(contrast(colour, ground) for _, colour in colours)
        assert best >= 7, f"slide {number + 1}: its text has {best:.1f}:1 against its ground"
