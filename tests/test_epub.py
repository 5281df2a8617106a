"""The EPUB edition (issue 17): valid, accessible, and its page list is the printed A5 booklet's.

Built end to end for the sample course and the second course. EPUBCheck (Debian's `epubcheck`)
and Ace by DAISY (tests/ace, run against Debian's Chromium) are skipped with a reason where they
are not installed; `make test` installs both.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from builder.build import build
from builder.diagnostics import Report
from builder.readers.course import read_course
from builder.writers import epub

REPO = Path(__file__).resolve().parent.parent
SECOND = REPO / "tests" / "roots" / "second_course"
ACE = REPO / "tests" / "ace" / "node_modules" / ".bin" / "ace-puppeteer"
NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
BODY_TOP, BODY_BOTTOM = 44, 540  # points: the A5 page below its running head and above its page number

sys.path.insert(0, str(SECOND))
from make_photo import make_photo  # noqa: E402


def built(where: Path, course: Path) -> dict[str, Path]:
    report = Report(root=str(course))
    result = build(course, where / "out", report, only=["epub"], remember=False)
    assert result.ok, [str(d) for d in report]
    # The source's files: a language edition's have its tag in the name, so theirs are the shortest.
    return {"course": course, "epub": min((where / "out").glob("*.epub"), key=lambda p: len(p.name)),
            "pdf": min((where / "out").glob("*-booklet.pdf"), key=lambda p: len(p.name))}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> dict[str, Path]:
    return built(tmp_path_factory.mktemp("epub-sample"), REPO / "course")


@pytest.fixture(scope="module")
def second(tmp_path_factory) -> dict[str, Path]:
    where = tmp_path_factory.mktemp("epub-second")
    shutil.copytree(SECOND / "course", where / "course")
    shutil.copytree(SECOND / "assets", where / "assets")
    make_photo(where / "course" / "images" / "kesamaisema.jpg")
    return built(where, where / "course")


@pytest.fixture(params=["sample", "second"])
def edition(request) -> dict[str, Path]:
    return request.getfixturevalue(request.param)


def files(book: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(book) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def xml(data: bytes):
    return etree.fromstring(data)


def squashed(text: str) -> str:
    """Letters and digits in lower case: how a printed line and the e-book's text are compared."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).lower() if c.isalnum())


# --- validity -------------------------------------------------------------------------------------

def epubcheck_command() -> list[str] | None:
    program = shutil.which("epubcheck")
    if program is None or shutil.which("java") is None:
        return None
    # Debian's epubcheck is the jar itself, started through binfmt_misc where that is set up.
    return ["java", "-jar", program] if Path(program).read_bytes()[:2] == b"PK" else [program]


@pytest.mark.skipif(epubcheck_command() is None, reason="epubcheck is not installed (tools/system-deps.sh installs it)")
def test_epubcheck_finds_no_error_or_warning(edition):
    done = subprocess.run([*epubcheck_command(), str(edition["epub"])], capture_output=True, text=True, timeout=600)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "0 fatals / 0 errors / 0 warnings" in output or "No errors or warnings detected" in output, output


@pytest.mark.skipif(not ACE.exists() or not shutil.which("chromium"),
                    reason="Ace is not installed: `npm ci --ignore-scripts` in tests/ace, and Chromium")
def test_ace_reports_no_violation(sample, tmp_path):
    # Ace gives Chromium 5 s to start unless told otherwise; on a loaded CI machine it needs more.
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": shutil.which("chromium"), "ACE_TIMEOUT_INITIAL": "120000"}
    done = subprocess.run([str(ACE), "-f", "-o", str(tmp_path / "ace"), str(sample["epub"])],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    report = json.loads((tmp_path / "ace" / "report.json").read_text(encoding="utf-8"))
    violations = [(a["earl:testSubject"]["url"], v["earl:test"]["dct:title"])
                  for a in report["assertions"] for v in a.get("assertions", [])]
    assert violations == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    assert report["properties"]["hasPageBreaks"] is True


# --- the page list is the printed booklet's --------------------------------------------------------

def first_printed_line(pdf: Path, page: int) -> str:
    """The first line of text on ``page`` below the running head (poppler's plain text of that band)."""
    done = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-x", "0", "-y", str(BODY_TOP),
                           "-W", "1000", "-H", str(BODY_BOTTOM - BODY_TOP), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True)
    return next((line.strip() for line in done.stdout.splitlines() if line.strip()), "")


def text_after(document, marker) -> str:
    """The e-book's text from ``marker`` on, to the end of its file."""
    text = []
    for node in document.iter():
        if node is marker:
            text = [marker.tail or ""]
            continue
        if text and isinstance(node.tag, str):
            text += [node.text or "", node.tail or ""]
    return "".join(text)


def page_targets(book: Path) -> dict[int, tuple[str, str]]:
    contents = files(book)
    nav = xml(contents["EPUB/nav.xhtml"])
    page_list = nav.find(".//x:nav[@epub:type='page-list']", NS)
    return {int(a.text): tuple(a.get("href").split("#")) for a in page_list.iter(f"{{{NS['x']}}}a")}


def test_ten_random_pages_begin_where_the_print_does(edition):
    pdf, book = edition["pdf"], edition["epub"]
    targets = page_targets(book)
    contents = files(book)
    page_count = len(targets)
    printed = {n: first_printed_line(pdf, n) for n in range(1, page_count + 1)}
    assert sorted(targets) == list(range(1, page_count + 1))  # every page, blank ones too
    pages = random.Random(17).sample([n for n, line in printed.items() if squashed(line)], 10)
    for number in pages:
        name, identifier = targets[number]
        document = xml(contents[f"EPUB/{name}"])
        marker = document.find(f".//*[@id='{identifier}']")
        assert marker.get(f"{{{NS['epub']}}}type") == "pagebreak" and marker.get("aria-label") == str(number)
        words = [w for w in printed[number].split() if not re.fullmatch(r"[\d.•✔✘☐]+", w)]
        after = squashed(text_after(document, marker))
        if words != printed[number].split():  # a numbered heading ("3. Nettiopastaminen …" in the answers)
            after = after.lstrip("0123456789")
        assert after.startswith(squashed(words[0])), (number, printed[number], after[:80])
        assert squashed("".join(words[:2])) in after[:200], (number, printed[number], after[:200])


def test_page_markers_stand_in_reading_order(edition):
    contents = files(edition["epub"])
    spine = [i.get("idref") for i in xml(contents["EPUB/content.opf"]).iterfind(".//opf:itemref", NS)]
    hrefs = {i.get("id"): i.get("href") for i in xml(contents["EPUB/content.opf"]).iterfind(".//opf:item", NS)}
    numbers = [int(m.get("aria-label")) for idref in spine
               for m in xml(contents[f"EPUB/{hrefs[idref]}"]).iterfind(".//*[@epub:type='pagebreak']", NS)]
    assert numbers == list(range(1, len(numbers) + 1))


def test_writing_twice_from_the_same_booklet_gives_the_same_bytes(sample, tmp_path):
    course = read_course(sample["course"], Report(root="course"))
    first, second_dir = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second_dir.mkdir()
    for folder in (first, second_dir):
        epub.write(course, folder, {"booklet-pdf": sample["pdf"]}, Report(root="course"))
    assert (first / sample["epub"].name).read_bytes() == (second_dir / sample["epub"].name).read_bytes()
    assert (first / sample["epub"].name).read_bytes() == sample["epub"].read_bytes()


# --- the container, metadata and files -------------------------------------------------------------

def test_zip_has_mimetype_first_stored_then_sorted_entries_with_fixed_dates(sample):
    with zipfile.ZipFile(sample["epub"]) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert sample["epub"].read_bytes()[30:58] == b"mimetypeapplication/epub+zip"
    names = [i.filename for i in infos[1:]]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_accessibility_metadata_in_the_course_language(sample):
    opf = xml(files(sample["epub"])["EPUB/content.opf"])
    properties: dict[str, list[str]] = {}
    for meta in opf.iterfind(".//opf:meta", NS):
        properties.setdefault(meta.get("property"), []).append(meta.text)
    assert set(properties["schema:accessMode"]) == {"textual", "visual"}
    assert "textual" in properties["schema:accessModeSufficient"]
    assert {"printPageNumbers", "pageNavigation", "structuralNavigation", "alternativeText", "tableOfContents",
            "readingOrder"} <= set(properties["schema:accessibilityFeature"])
    assert properties["schema:accessibilityHazard"] == ["none"]
    assert properties["schema:accessibilitySummary"][0].startswith("Julkaisu täyttää WCAG 2.1 AA")
    assert properties["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    assert properties["source-of"] == ["pagination"]
    source = opf.find(".//dc:source", NS)
    assert source.get("id") == "print-edition" and "nettiopastajalle-booklet.pdf" in source.text
    assert opf.find(".//dc:language", NS).text == "fi"


def test_every_file_says_its_language_and_every_picture_has_alt_text(edition):
    contents = files(edition["epub"])
    language = xml(contents["EPUB/content.opf"]).find(".//dc:language", NS).text
    documents = {name: xml(data) for name, data in contents.items() if name.endswith(".xhtml")}
    assert len(documents) >= 6
    for name, document in documents.items():
        assert document.get("lang") == language, name
        assert document.get("{http://www.w3.org/XML/1998/namespace}lang") == language, name
        for img in document.iter(f"{{{NS['x']}}}img"):
            assert img.get("alt", "").strip(), (name, img.get("src"))
            assert f"EPUB/{img.get('src')}" in contents
    figures = [f for d in documents.values() for f in d.iter(f"{{{NS['x']}}}figure")]
    assert figures and all(f.find("x:figcaption", NS) is not None for f in figures)


def test_one_file_per_chapter_and_the_navigation(sample):
    contents = files(sample["epub"])
    course = read_course(sample["course"], Report(root="course"))
    chapters = sorted(n for n in contents if re.fullmatch(r"EPUB/chapter-\d\d\.xhtml", n))
    assert len(chapters) == len(course.chapters)
    for name, chapter in zip(chapters, course.chapters):
        title = xml(contents[name]).find(".//x:h1", NS)
        assert "".join(title.itertext()) == chapter.title
    nav = xml(contents["EPUB/nav.xhtml"])
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    links = [a.get("href") for a in toc.iter(f"{{{NS['x']}}}a")]
    assert {"foreword.xhtml", "answer-key.xhtml", "chapter-01.xhtml"} <= {link.split("#")[0] for link in links}
    assert any(link.startswith("chapter-01.xhtml#") for link in links)  # the chapters' sections too
    landmarks = nav.find(".//x:nav[@epub:type='landmarks']", NS)
    assert {a.get(f"{{{NS['epub']}}}type") for a in landmarks.iter(f"{{{NS['x']}}}a")} == {"cover", "toc", "bodymatter"}
    for name in ("foreword", "answer-key", "colophon", "cover"):
        assert f"EPUB/{name}.xhtml" in contents


def test_the_font_is_embedded_as_a_subset_and_the_reader_keeps_size_and_colours(sample):
    contents = files(sample["epub"])
    fonts = {name: data for name, data in contents.items() if name.startswith("EPUB/fonts/")}
    assert "EPUB/fonts/AtkinsonHyperlegible-Regular.ttf" in fonts
    original = REPO / "builder" / "theme" / "fonts" / "AtkinsonHyperlegible-Regular.ttf"
    assert len(fonts["EPUB/fonts/AtkinsonHyperlegible-Regular.ttf"]) < original.stat().st_size / 2
    css = contents["EPUB/css/epub.css"].decode("utf-8")
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert not re.search(r"font-size:\s*[\d.]+(px|pt)", rules)
    assert not re.search(r"(^|[;{\s])(color|background(-color)?):(?!\s*(inherit|currentColor|transparent))", rules)


def test_cross_references_lead_by_link_without_the_printed_page_word(sample):
    """Paper says where a link leads ('(s. 42)', print.css); the e-book's links are clicked, its pages its own."""
    printed = epub.print_html(read_course(sample["course"], Report(root="course")))
    assert 'data-page-reference="s."' in printed
    contents = files(sample["epub"])
    links = [link for name, data in contents.items() if name.endswith(".xhtml") and name != "EPUB/nav.xhtml"
             for link in xml(data).iter(f"{{{NS['x']}}}a") if "#" in (link.get("href") or "")]
    assert links and not [link.attrib for link in links if any(key.startswith("data-") for key in link.attrib)]
