"""A second, different course (tests/roots/second_course), built as a trainer would, and every output looked at.

The course was written from docs/syntax.md and docs/opas/ alone: five chapters (one `kind: guide`), a
wide table with web addresses, footnotes, numbered lists that go on at 3, nested lists, every callout
kind, an SVG and PNG diagrams, and a 3000x2000 phone photo made by make_photo.py into a copy of the
course (it is too big to commit). What the outputs must hold is read from the sources the way a
trainer reads them, not from the tool's own reader.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pikepdf
import pytest
import yaml
from lxml import etree
from lxml import html as lxml_html
from PIL import Image
from pptx import Presentation

from pdf_structure import structure_tree

ROOT = Path(__file__).resolve().parent / "roots" / "second_course"
SHORT = "etayhteydet-arjessa"
TITLE = "Etäyhteydet arjessa"  # course.yml title, also the logo's alt text (logo_alt by default)
PHOTO = "images/kesamaisema.jpg"
PHOTO_WIDTH = 3000
WEB_WIDTH = 2000  # more than any screen or Moodle page needs

sys.path.insert(0, str(ROOT))
from make_photo import make_photo  # noqa: E402

LABELS = {  # generated words a reader of each language sees
    "fi": {"contents": "Sisällys", "answers": "Vastaukset", "agenda": "Ohjelma", "thanks": "Kiitos!"},
    "sv": {"contents": "Innehåll", "answers": "Svar", "agenda": "Program", "thanks": "Tack!"},
    "en": {"contents": "Contents", "answers": "Answers", "agenda": "Agenda", "thanks": "Thank you!"},
}


# --- the sources, read as a trainer reads them ------------------------------------------------------

def squash(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def fenced_blocks(text: str, word: str) -> list[str]:
    return re.findall(rf"^```{word}\n(.*?)^```$", text, flags=re.M | re.S)


@dataclass(frozen=True)
class Option:
    text: str
    right: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    text: str
    options: tuple[Option, ...]
    feedback: str


@dataclass(frozen=True)
class Chapter:
    file: str
    id: str
    title: str
    kind: str
    body: str
    slides: tuple[tuple[str, str], ...]  # (title, notes)
    questions: tuple[Question, ...]
    footnotes: dict[str, str]
    images: tuple[tuple[str, str], ...]  # (path, alt) in the text, not on slides
    list_starts: tuple[tuple[int, str], ...]  # (start number > 1, the item's first words)


def read_question(block: str) -> Question:
    text, options, general = [], [], ""
    for line in block.splitlines():
        if match := re.match(r"- \[([ x])\] (.*)", line):
            options.append([match.group(2), match.group(1) == "x", ""])
        elif line.startswith("  > "):
            options[-1][2] = squash(options[-1][2] + " " + line[4:])
        elif line.startswith("Palaute:"):
            general = line.removeprefix("Palaute:").strip()
        elif not options:
            text.append(line)
    return Question(squash(" ".join(text)), tuple(Option(*o) for o in options), general)


def read_slide(part: str) -> tuple[str, str]:
    title = next(line[3:].strip() for line in part.splitlines() if line.startswith("## "))
    notes = part.split("Muistiinpanot:", 1)[1] if "Muistiinpanot:" in part else ""
    return title, squash(notes)


def read_chapter(path: Path) -> Chapter:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    prose = re.sub(r"^```.*?^```$", "", body, flags=re.M | re.S)
    footnotes = {}
    for label, first, rest in re.findall(r"^\[\^([^\]]+)\]: (.*)\n((?:    .*\n)*)", prose, flags=re.M):
        footnotes[label] = squash(first + " " + rest)
    images = re.findall(r'!\[([^\]]+)\]\(<?([^)">]+?)>?(?: "[^"]*")?\)', prose)
    starts, previous = [], ""
    for line in prose.splitlines():
        in_list = re.match(r"\d+\. |\s", previous)  # an item, or the indented rest of one
        if (match := re.match(r"(\d+)\. (.*)", line)) and not in_list and match.group(1) != "1":
            starts.append((int(match.group(1)), squash(re.sub(r"\*\*", "", match.group(2)))[:25]))
        if line.strip():
            previous = line
    return Chapter(
        file=path.name, id=meta.get("id", re.sub(r"^\d+-", "", path.stem)), title=meta["title"],
        kind=meta.get("kind", "chapter"), body=body,
        slides=tuple(read_slide(part) for block in fenced_blocks(body, "slides")
                     for part in re.split(r"^---$", block, flags=re.M)),
        questions=tuple(read_question(block) for block in fenced_blocks(body, "kysymys")),
        footnotes=footnotes,
        images=tuple(dict.fromkeys((src, alt) for alt, src in images)),
        list_starts=tuple(starts),
    )


CHAPTERS = [read_chapter(p) for p in sorted((ROOT / "course").glob("[0-9]*.md"))]
QUESTIONS = [q for c in CHAPTERS for q in c.questions]
SLIDES = [s for c in CHAPTERS for s in c.slides]
IMAGES = {src: alt for c in CHAPTERS for src, alt in c.images}
SLIDE_IMAGES = {src: alt for c in CHAPTERS for block in fenced_blocks(c.body, "slides")
                for alt, src in re.findall(r"!\[([^\]]+)\]\(([^)\s]+)", block)}


def test_the_fixture_is_the_course_the_brief_asks_for():
    """Guards the fixture itself: if someone trims it, the tests below would prove less."""
    assert len([c for c in CHAPTERS if c.kind == "chapter"]) >= 4 and [c.kind for c in CHAPTERS].count("guide") == 1
    for chapter in CHAPTERS:
        assert len(chapter.body.split()) >= 600, chapter.file
        assert len(chapter.questions) >= 3 and all(notes for _, notes in chapter.slides), chapter.file
    kinds = {("multi" if sum(o.right for o in q.options) > 1 else "tf" if {o.text for o in q.options} == {"Tosi", "Epätosi"}
              else "single") for q in QUESTIONS}
    assert kinds == {"single", "multi", "tf"}
    assert any(o.text == "Tosi" and o.right for q in QUESTIONS for o in q.options)
    assert all(q.feedback and all(o.feedback for o in q.options) for q in QUESTIONS)
    assert sum(bool(c.footnotes) for c in CHAPTERS) >= 2 and sum(bool(c.list_starts) for c in CHAPTERS) >= 2
    text = "".join(c.body for c in CHAPTERS)
    for kind in ("vinkki", "varoitus", "huomio", "tip", "warning", "note"):
        assert f"!!! {kind}" in text
    assert {Path(src).suffix for src in IMAGES} == {".png", ".svg", ".jpg"}


# --- building -----------------------------------------------------------------------------------------

@dataclass
class Build:
    course: Path
    out: Path
    returncode: int
    output: str

    def file(self, suffix: str) -> Path:
        return self.out / f"{SHORT}{suffix}"


def coursebuild(*args: str, cache: Path) -> subprocess.CompletedProcess:
    program = Path(sys.executable).with_name("coursebuild")
    command = [str(program)] if program.exists() else [sys.executable, "-m", "builder"]
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(command + list(args), capture_output=True, text=True, env=env, timeout=600)


def copy_course(where: Path, layout: str = "page", language: str = "fi") -> Path:
    shutil.copytree(ROOT / "course", where / "course")
    shutil.copytree(ROOT / "assets", where / "assets")
    make_photo(where / "course" / PHOTO)
    settings = where / "course" / "course.yml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace("language: fi\n", f"language: {language}\n").replace("  layout: page\n", f"  layout: {layout}\n")
    settings.write_text(text, encoding="utf-8")
    return where / "course"


def build(tmp_path_factory, name: str, *only: str, layout: str = "page", language: str = "fi") -> Build:
    where = tmp_path_factory.mktemp(name)
    course = copy_course(where, layout, language)
    args = ["build", str(course), "-o", str(where / "out")] + (["--only", ",".join(only)] if only else [])
    done = coursebuild(*args, cache=where / "cache")
    return Build(course, where / "out", done.returncode, done.stdout + done.stderr)


@pytest.fixture(scope="session")
def fi_page(tmp_path_factory) -> Build:
    """Every output, Finnish, a Page per chapter: what `coursebuild build course -o output` gives."""
    return build(tmp_path_factory, "fi-page")


@pytest.fixture(scope="session")
def fi_book(tmp_path_factory) -> Build:
    return build(tmp_path_factory, "fi-book", "moodle", layout="book")


@pytest.fixture(scope="session", params=["sv", "en"])
def translated(request, tmp_path_factory) -> tuple[str, Build]:
    language = request.param
    return language, build(tmp_path_factory, f"{language}-book", "html", "slides", "moodle", layout="book",
                           language=language)


# --- reading the outputs --------------------------------------------------------------------------------

def html_doc(path: Path):
    return lxml_html.parse(str(path)).getroot()


def pdf_tree(path: Path):
    with pikepdf.open(path) as pdf:
        return structure_tree(pdf)


def pdf_figure_alts(path: Path) -> list[str]:
    """The alternative text of every figure, as a screen reader announces it."""
    with pikepdf.open(path) as pdf:
        return [str(f.entry.get("/Alt", "")) for f in structure_tree(pdf).all("Figure")]


def mbz_entries(path: Path) -> dict[str, bytes]:
    import tarfile
    with tarfile.open(path, "r:gz") as archive:
        return {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()}


def mbz_pages(entries: dict[str, bytes]) -> dict[str, str]:
    """Every page of HTML a learner opens in Moodle: 'page_3' or 'book_1/12' -> its HTML."""
    pages = {}
    for name, data in sorted(entries.items()):
        if re.fullmatch(r"activities/page_\d+/page\.xml", name):
            pages[name.split("/")[1]] = etree.fromstring(data).findtext("page/content")
        elif re.fullmatch(r"activities/book_\d+/book\.xml", name):
            for chapter in etree.fromstring(data).findall("book/chapters/chapter"):
                pages[f"{name.split('/')[1]}/{chapter.get('id')}"] = chapter.findtext("content")
    return pages


def fragment(text: str):
    return lxml_html.fragment_fromstring(text, create_parent="div")


def data_images(doc) -> dict[str, bytes]:
    """alt text -> the bytes of the embedded (data: URI) picture."""
    found = {}
    for img in doc.iter("img"):
        src = img.get("src", "")
        if src.startswith("data:"):
            found[img.get("alt", "")] = base64.b64decode(src.split(",", 1)[1])
    return found


def deck_notes(doc) -> list[str]:
    data = json.loads(doc.get_element_by_id("deck-data").text)
    return [squash(lxml_html.fragment_fromstring(n, create_parent="div").text_content()) if n else "" for n in data["notes"]]


# --- the build as a whole -------------------------------------------------------------------------------

def allowed_warnings(output: str) -> list[str]:
    """Warning lines other than the one a trainer is told about the SVG on a slide (PowerPoint cannot show it)."""
    lines = [line for line in output.splitlines() if re.search(r": [a-z-]+ \((varoitus|warning|varning)\):", line)]
    return [line for line in lines if "pptx-image-unsupported" not in line or ".svg" not in line]


def test_check_finds_no_error_in_the_course(tmp_path):
    course = copy_course(tmp_path)
    done = coursebuild("check", str(course), cache=tmp_path / "cache")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(CHAPTERS)} chapters, no errors" in done.stdout or f"{len(CHAPTERS)} lukua" in done.stdout, done.stdout
    assert allowed_warnings(done.stdout + done.stderr) == []


def test_every_output_is_written(fi_page):
    assert fi_page.returncode == 0, fi_page.output
    assert allowed_warnings(fi_page.output) == []
    for suffix in (".mbz", ".html", "-booklet.pdf", "-booklet-a4.pdf", "-slides.html", "-slides.pdf",
                   "-handout.pdf", "-slides.pptx", "-questions.xml"):
        assert fi_page.file(suffix).stat().st_size > 0, suffix


@pytest.fixture(scope="session")
def built_again(tmp_path_factory) -> tuple[Build, Build]:
    """The same sources built a second time: the web outputs and the PowerPoint alone, the book backup alone."""
    return (build(tmp_path_factory, "fi-page-again", "html", "slides", "questions", "pptx"),
            build(tmp_path_factory, "fi-book-again", "moodle", layout="book"))


@pytest.mark.parametrize("suffix", [".html", "-slides.html", "-questions.xml", ".mbz"])
def test_a_second_build_of_the_same_sources_is_byte_identical(suffix, fi_page, fi_book, built_again):
    again, first = (built_again[1], fi_book) if suffix == ".mbz" else (built_again[0], fi_page)
    assert again.returncode == 0, again.output
    assert again.file(suffix).read_bytes() == first.file(suffix).read_bytes()


def test_the_pptx_of_a_second_build_alone_is_byte_identical(fi_page, built_again):
    assert built_again[0].file("-slides.pptx").read_bytes() == fi_page.file("-slides.pptx").read_bytes()


# --- chapter titles ---------------------------------------------------------------------------------------

def test_every_chapter_title_is_in_every_output(fi_page):
    titles = [c.title for c in CHAPTERS]
    booklet = html_doc(fi_page.file(".html"))
    assert [squash(h.text_content()) for h in booklet.find_class("chapter-title")] == titles
    assert [h for h in (e.text for e in pdf_tree(fi_page.file("-booklet.pdf")).all("H1")) if h in titles] == titles
    slide_titles = [squash(h.text_content()) for h in html_doc(fi_page.file("-slides.html")).find_class("slide-title")]
    assert all(t in slide_titles for t in titles)
    pptx_titles = [s.shapes.title.text for s in Presentation(fi_page.file("-slides.pptx")).slides if s.shapes.title]
    assert all(t in pptx_titles for t in titles)
    sections = etree.fromstring(mbz_entries(fi_page.file(".mbz"))["moodle_backup.xml"])
    section_names = [s.findtext("title") for s in sections.findall("information/contents/sections/section")][1:]
    assert [re.sub(r"^\d+\. ", "", name) for name in section_names] == titles  # '1. ' before it or not


# --- questions --------------------------------------------------------------------------------------------

def test_every_question_is_in_the_questions_xml_with_its_right_answers_and_feedback(fi_page):
    root = etree.parse(str(fi_page.file("-questions.xml"))).getroot()
    written = [q for q in root.findall("question") if q.get("type") != "category"]
    assert len(written) == len(QUESTIONS)
    for question, xml in zip(QUESTIONS, written):
        assert squash(fragment(xml.findtext("questiontext/text")).text_content()) == question.text
        assert squash(fragment(xml.findtext("generalfeedback/text")).text_content()) == question.feedback
        answers = xml.findall("answer")
        assert len(answers) == len(question.options)
        for option, answer in zip(question.options, answers):
            if xml.get("type") == "truefalse":
                assert answer.findtext("text") == {"Tosi": "true", "Epätosi": "false"}[option.text]
            else:
                assert squash(answer.findtext("text")) == option.text
            assert (float(answer.get("fraction")) > 0) == option.right, (question.text, option.text)
            assert squash(fragment(answer.findtext("feedback/text")).text_content()) == option.feedback


def test_every_question_is_in_the_backup_and_its_quiz(fi_page):
    from builder.mbz_inspect import inspect_backup
    result = inspect_backup(fi_page.file(".mbz"))
    assert result.faults == []
    bank = etree.fromstring(mbz_entries(fi_page.file(".mbz"))["questions.xml"])
    texts = [squash(fragment(q.findtext("questiontext")).text_content()) for q in bank.iter("question")]
    assert sorted(texts) == sorted(q.text for q in QUESTIONS)
    for question in QUESTIONS:
        entry = next(q for q in bank.iter("question") if squash(fragment(q.findtext("questiontext")).text_content()) == question.text)
        assert squash(fragment(entry.findtext("generalfeedback")).text_content()) == question.feedback
        answers = {squash(fragment(a.findtext("answertext")).text_content()): a for a in entry.iter("answer")}
        for option in question.options:
            answer = answers[option.text]
            assert (float(answer.findtext("fraction")) > 0) == option.right, (question.text, option.text)
            assert squash(fragment(answer.findtext("feedback")).text_content()) == option.feedback
    assert sum(line.strip().startswith("slot ") for line in result.lines) == len(QUESTIONS)


def test_the_booklet_answer_key_marks_exactly_the_right_options(fi_page):
    booklet = html_doc(fi_page.file(".html"))
    answers = booklet.find_class("answer")
    assert len(answers) == len(QUESTIONS)
    for question, item in zip(QUESTIONS, answers):
        assert squash(item.find_class("question-text")[0].text_content()) == question.text
        options = item.find_class("answer-options")[0].findall("li")
        for option, li in zip(question.options, options):
            assert (li.get("class") == "correct") == option.right, (question.text, option.text)
            assert option.text in squash(li.text_content()) and option.feedback in squash(li.text_content())
        assert squash(item.find_class("general-feedback")[0].text_content()) == question.feedback
    pdf_text = squash(pdf_tree(fi_page.file("-booklet.pdf")).text)
    for question in QUESTIONS:
        assert question.feedback in pdf_text


# --- slides -----------------------------------------------------------------------------------------------

def test_every_slide_title_and_note_is_in_the_deck_and_the_pptx(fi_page):
    deck = html_doc(fi_page.file("-slides.html"))
    sections = [section for section in deck.iter("section") if "slide" in (section.get("class") or "").split()]
    notes = deck_notes(deck)
    assert len(notes) == len(sections)
    deck_slides = [(squash(s.find_class("slide-title")[0].text_content()) if s.find_class("slide-title") else "", n)
                   for s, n in zip(sections, notes)]
    pptx = Presentation(fi_page.file("-slides.pptx"))
    pptx_slides = [(s.shapes.title.text if s.shapes.title else "",
                    squash(s.notes_slide.notes_text_frame.text) if s.has_notes_slide else "") for s in pptx.slides]
    for slide in SLIDES:
        assert slide in deck_slides, slide
        assert slide in pptx_slides, slide
    pdf_text = squash(pdf_tree(fi_page.file("-slides.pdf")).text)
    assert all(title in pdf_text for title, _ in SLIDES)
    assert all(note not in pdf_text for _, note in SLIDES)  # notes never show to the audience


# --- footnotes --------------------------------------------------------------------------------------------

def footnote_links(root) -> list[str]:
    return [a.get("href") for a in root.iter("a") if "footnote" in (a.get("class") or "")
            or re.search(r"#(.*--)?fn(ref)?:", a.get("href") or "")]


def test_every_footnote_is_in_the_html_booklet_and_its_links_land(fi_page):
    booklet = html_doc(fi_page.file(".html"))
    ids = {e.get("id") for e in booklet.iter() if e.get("id")}
    links = footnote_links(booklet)
    assert len([h for h in links if ":" in h and "fnref" not in h]) == sum(len(c.footnotes) for c in CHAPTERS)
    assert all(h.startswith("#") and h[1:] in ids for h in links), [h for h in links if h[1:] not in ids]
    text = squash(booklet.text_content())
    assert all(note in text for c in CHAPTERS for note in c.footnotes.values())


def test_every_footnote_is_in_the_booklet_pdf_and_its_link_lands(fi_page):
    text = squash(pdf_tree(fi_page.file("-booklet.pdf")).text)
    assert all(note in text for c in CHAPTERS for note in c.footnotes.values())
    with pikepdf.open(fi_page.file("-booklet.pdf")) as pdf:
        names = set(pikepdf.NameTree(pdf.Root.Names.Dests).keys())
        targets = []
        for page in pdf.pages:
            for annot in page.get("/Annots", []):
                action = annot.get("/A")
                if annot.get("/Subtype") == "/Link" and action is not None and action.get("/S") == "/GoTo":
                    targets.append(str(action.D))
                elif annot.get("/Subtype") == "/Link" and annot.get("/Dest") is not None:
                    targets.append(str(annot.Dest))
    footnote_targets = [t for t in targets if re.search(r"fn:", t)]
    assert len(footnote_targets) == sum(len(c.footnotes) for c in CHAPTERS)
    assert all(t in names for t in targets)


@pytest.mark.parametrize("layout", ["page", "book"])
def test_every_footnote_link_in_the_backup_lands_on_its_note(layout, fi_page, fi_book):
    built = fi_page if layout == "page" else fi_book
    pages = mbz_pages(mbz_entries(built.file(".mbz")))
    checked = 0
    for name, text in pages.items():
        root = fragment(text)
        ids = {e.get("id") for e in root.iter() if e.get("id")}
        for href in footnote_links(root):
            checked += 1
            assert href.startswith("#") and href[1:] in ids, (name, href)
    assert checked == 2 * sum(len(c.footnotes) for c in CHAPTERS)  # the reference and the way back


# --- numbered lists that go on at 3 -----------------------------------------------------------------------

STARTS = [start for c in CHAPTERS for start in c.list_starts]


def list_starts(root) -> list[tuple[int, str]]:
    found = []
    for ol in root.iter("ol"):
        items = ol.findall("li")
        if ol.get("start") and items:
            found.append((int(ol.get("start")), squash(items[0].text_content())[:25]))
    return found


def test_numbered_lists_keep_their_start_number_in_the_html_booklet_and_the_backup(fi_page, fi_book):
    assert STARTS and all(start in list_starts(html_doc(fi_page.file(".html"))) for start in STARTS)
    for built in (fi_page, fi_book):
        starts = [s for text in mbz_pages(mbz_entries(built.file(".mbz"))).values() for s in list_starts(fragment(text))]
        assert all(start in starts for start in STARTS), starts


def test_numbered_lists_keep_their_start_number_in_the_booklet_pdf(fi_page):
    items = {squash(li.text)[3:28] if len(li.children) < 2 else squash(li.children[1].text)[:25]: li
             for li in pdf_tree(fi_page.file("-booklet.pdf")).all("LI")}
    for number, words in STARTS:
        item = items[words]
        assert item.children[0].role == "Lbl" and item.children[0].text == f"{number}.", (words, item.children[0].text)


# --- images -----------------------------------------------------------------------------------------------

def test_every_image_is_in_the_html_booklet(fi_page):
    embedded = data_images(html_doc(fi_page.file(".html")))
    for src, alt in IMAGES.items():
        assert alt in embedded, src
        if src.endswith(".svg"):
            assert b"<svg" in embedded[alt]
        else:
            Image.open(io.BytesIO(embedded[alt])).verify()


def test_every_slide_image_is_in_the_deck(fi_page):
    deck = html_doc(fi_page.file("-slides.html"))
    embedded = data_images(deck)
    assert SLIDE_IMAGES and all(alt in embedded for alt in SLIDE_IMAGES.values())


def slide_pictures(path: Path) -> dict[str, list[str]]:
    """slide title -> the content types of its pictures."""
    pictures = {}
    for slide in Presentation(path).slides:
        title = slide.shapes.title.text if slide.shapes.title else ""
        pictures[title] = [shape.image.content_type for shape in slide.shapes if shape.shape_type == 13]
    return pictures


def slide_images(kind: str) -> list[str]:
    """Titles of the slides that show an image of this kind ('svg' or 'raster')."""
    titles = []
    for title_and_body in (part for c in CHAPTERS for block in fenced_blocks(c.body, "slides")
                           for part in re.split(r"^---$", block, flags=re.M)):
        images = re.findall(r"!\[[^\]]+\]\(([^)\s]+)", title_and_body)
        if any(i.endswith(".svg") == (kind == "svg") for i in images):
            titles.append(read_slide(title_and_body)[0])
    return titles


def test_every_png_and_jpeg_slide_image_is_in_the_pptx(fi_page):
    pictures = slide_pictures(fi_page.file("-slides.pptx"))
    assert slide_images("raster") and all(pictures[title] for title in slide_images("raster"))


def test_the_svg_slide_image_is_in_the_pptx(fi_page):
    pictures = slide_pictures(fi_page.file("-slides.pptx"))
    assert slide_images("svg") and all(pictures[title] for title in slide_images("svg"))


@pytest.mark.parametrize("layout", ["page", "book"])
def test_every_image_is_in_the_backup_files_and_its_page(layout, fi_page, fi_book):
    built = fi_page if layout == "page" else fi_book
    entries = mbz_entries(built.file(".mbz"))
    files = etree.fromstring(entries["files.xml"])
    names = {f.findtext("filename") for f in files.iter("file")}
    hashes = {f.findtext("filename"): f.findtext("contenthash") for f in files.iter("file")}
    pages = "".join(mbz_pages(entries).values())
    for src, alt in IMAGES.items():
        name = Path(src).name
        assert name in names, name
        assert any(path.endswith(hashes[name]) for path in entries), name
        img = [i for i in fragment(pages).iter("img") if i.get("alt") == alt]
        assert img and unquote(img[0].get("src")) == f"@@PLUGINFILE@@/{name}", (name, img and img[0].get("src"))


def test_every_image_is_in_the_booklet_pdf_and_the_slides_pdf(fi_page):
    figures = pdf_figure_alts(fi_page.file("-booklet.pdf"))
    assert all(alt in figures for alt in IMAGES.values())
    slide_alts = pdf_figure_alts(fi_page.file("-slides.pdf"))
    pictures = [a for a in slide_alts if a != TITLE]  # the logo, on the title and closing slides, says the title
    assert len(pictures) == len(slide_images("svg") + slide_images("raster"))
    with pikepdf.open(fi_page.file("-booklet.pdf")) as pdf:
        widths = [int(obj.Width) for obj in pdf.objects if isinstance(obj, pikepdf.Stream)
                  and obj.get("/Subtype") == "/Image"]
    assert len(widths) >= len([s for s in IMAGES if not s.endswith(".svg")])


def test_the_a4_print_booklet_holds_every_booklet_page(fi_page):
    with pikepdf.open(fi_page.file("-booklet.pdf")) as a5, pikepdf.open(fi_page.file("-booklet-a4.pdf")) as a4:
        pages = len(a5.pages)
        assert len(a4.pages) * 2 == pages + (-pages % 4)
        box = [float(v) for v in a4.pages[0].MediaBox]
        assert round(box[2] - box[0]) == 842 and round(box[3] - box[1]) == 595  # A4 landscape


def photo_width(images: dict[str, bytes], alt: str) -> int:
    return Image.open(io.BytesIO(images[alt])).width


def test_the_phone_photo_is_made_smaller_in_the_html_booklet(fi_page):
    assert photo_width(data_images(html_doc(fi_page.file(".html"))), IMAGES[PHOTO]) <= WEB_WIDTH


def test_the_phone_photo_is_made_smaller_in_the_slides_html(fi_page):
    assert photo_width(data_images(html_doc(fi_page.file("-slides.html"))), SLIDE_IMAGES[PHOTO]) <= WEB_WIDTH


def test_the_phone_photo_is_made_smaller_in_the_backup(fi_page):
    entries = mbz_entries(fi_page.file(".mbz"))
    files = etree.fromstring(entries["files.xml"])
    digest = next(f.findtext("contenthash") for f in files.iter("file") if f.findtext("filename") == Path(PHOTO).name)
    data = next(d for p, d in entries.items() if p.endswith(digest))
    assert Image.open(io.BytesIO(data)).width <= WEB_WIDTH


# --- the book layout and the other languages -----------------------------------------------------------------

def test_the_book_layout_passes_inspect_with_every_chapter(fi_book):
    from builder.mbz_inspect import inspect_backup
    assert fi_book.returncode == 0, fi_book.output
    result = inspect_backup(fi_book.file(".mbz"))
    assert result.faults == []
    chapters = [c.findtext("title") for c in etree.fromstring(
        next(d for p, d in mbz_entries(fi_book.file(".mbz")).items() if p.endswith("book.xml"))).iter("chapter")]
    assert all(c.title in chapters for c in CHAPTERS)


def test_every_chapter_link_in_the_backup_lands(fi_page, fi_book):
    for built in (fi_page, fi_book):
        pages = mbz_pages(mbz_entries(built.file(".mbz")))
        for name, text in pages.items():
            for a in fragment(text).iter("a"):
                href = a.get("href", "")
                assert "chapter:" not in href and not href.endswith(".md") and ".md#" not in href, (name, href)


def test_labels_follow_the_course_language_and_the_text_stays(translated):
    language, built = translated
    assert built.returncode == 0, built.output
    words = LABELS[language]
    booklet = html_doc(built.file(".html"))
    assert booklet.get("lang") == language
    headings = [squash(h.text_content()) for h in booklet.iter("h1")]
    assert words["contents"] in headings and words["answers"] in headings
    assert [squash(h.text_content()) for h in booklet.find_class("chapter-title")] == [c.title for c in CHAPTERS]
    deck = [squash(h.text_content()) for h in html_doc(built.file("-slides.html")).find_class("slide-title")]
    assert words["agenda"] in deck and words["thanks"] in deck
    assert all(title in deck for title, _ in SLIDES)
    from builder.mbz_inspect import inspect_backup
    result = inspect_backup(built.file(".mbz"))
    assert result.faults == []
    course_xml = etree.fromstring(mbz_entries(built.file(".mbz"))["course/course.xml"])
    assert course_xml.findtext("course/lang") or course_xml.findtext("lang") == language
    for other in set(LABELS) - {language}:
        assert LABELS[other]["contents"] not in headings


def test_a_forgotten_closing_fence_is_reported_where_the_block_starts(tmp_path):
    """A trainer forgets the closing ``` of the first slides block and of a question in the middle of a chapter."""
    course = copy_course(tmp_path)
    expected = []
    for name, opening in (("01-videopuhelut.md", "```slides\n"), ("03-verkkokauppa.md", "```kysymys\nIkäihminen saa")):
        path = course / name
        text = path.read_text(encoding="utf-8")
        start = text.index(opening)
        end = text.index("\n```\n", start)
        path.write_text(text[:end] + "\n" + text[end + 5:], encoding="utf-8")
        expected.append(f"{name}:{text[:start].count(chr(10)) + 1}: block-unclosed:")
    done = coursebuild("build", str(course), "-o", str(tmp_path / "out"), "--only", "html", cache=tmp_path / "cache")
    assert done.returncode == 1
    for where in expected:
        assert where in done.stdout + done.stderr, done.stdout + done.stderr
    assert not (tmp_path / "out").exists()
