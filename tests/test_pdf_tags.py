"""The booklet PDF's structure tree read as a screen reader reads it: language, title, headings, lists,
tables, images and the reading order, compared with the HTML the PDF is rendered from.

A small course with every kind of block, and the real course in course/, whose answer key must
list every question of the course.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from builder.build import build
from builder.diagnostics import Report
from builder.labels import labels
from builder.model import Course
from builder.pdf.print_html import prepare_for_print
from builder.readers.course import read_course
from builder.writers.booklet.pdf import asset_url
from builder.writers.booklet.html import booklet_html
from pdf_structure import artifact_texts, page_marks, parent_tree, shown_texts, structure_tree, tagged_content
from test_booklet_pdf import write_course

REPO = Path(__file__).resolve().parent.parent

LISTS_CHAPTER = """\
---
title: Listat
summary: Luettelot ja alaotsikot.
---
## Ostoslista

- maito
- leipä
    - ruisleipä
    - vehnäleipä
- voi

### Järjestyksessä

1. avaa selain
2. kirjaudu sisään
"""

LONG_CHAPTER = """\
---
title: Pitkä taulukko
summary: Taulukko ja kappale, jotka jatkuvat seuraavalle sivulle.
---
## Palvelut

| Palvelu | Osoite |
|---|---|
""" + "".join(f"| Palvelu {n} | palvelu{n}.example.fi |\n" for n in range(1, 41)) + """
## Pitkä kappale

""" + " ".join(f"Lause numero {n} kertoo, miten opastaja auttaa kärsivällisesti." for n in range(1, 90)) + "\n"

BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "th", "td", "figcaption")


class Booklet:
    """A built A5 booklet: its structure tree, and the print HTML it was rendered from."""

    def __init__(self, course_dir: Path, output: Path) -> None:
        report = Report(root="course")
        result = build(course_dir, output, report, only=["booklet"])
        assert result.ok, [str(d) for d in report]
        self.course: Course = read_course(course_dir, Report())
        self.path = output / f"{self.course.meta.short_name}-booklet.pdf"
        self.pdf = pikepdf.open(self.path)
        self.tree = structure_tree(self.pdf)
        self.html = lxml_html.document_fromstring(
            prepare_for_print(booklet_html(self.course, "print", asset_url), self.course.meta.language))
        for hidden in self.html.xpath("//*[contains(@class, 'skip-link') or contains(@class, 'footnote-backref')]"):
            hidden.drop_tree()  # display: none in print.css


def plain(text: str) -> str:
    """Text to compare: no whitespace, no soft hyphens, no hyphens the PDF added where it broke a word,
    and no case (CSS upper-cases the chapter labels)."""
    return re.sub(r"[\s\u00ad\u2010]", "", text).casefold()


def read_text(tree) -> str:
    """What the tagged PDF reads, compared as plain() does, without the page numbers print.css adds
    after a cross-reference ('salassapidosta (s. 5)'): text that the HTML cannot have."""
    return re.sub(r"\((?:s|p)\.\d+\)|,(?:s|p)\.\d+(?=\))", "", plain(tree.text))


def leaf_blocks(document) -> list:
    """The innermost text blocks of the HTML, in document order."""
    blocks = [e for e in document.iter(*BLOCKS)]
    inner = [e for e in blocks if not any(d is not e and d.tag in BLOCKS for d in e.iterdescendants())]
    return [e for e in inner if plain(e.text_content())]


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Booklet:
    root = tmp_path_factory.mktemp("tags")
    course_dir = write_course(root, large=False, extra={"course/04-listat.md": LISTS_CHAPTER, "course/05-pitka.md": LONG_CHAPTER})
    return Booklet(course_dir, root / "output")


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> Booklet:
    return Booklet(REPO / "course", tmp_path_factory.mktemp("real") / "output")


BOOKLETS = ["small", "real"]  # fixture names: the structure checks run on both


# --- the document ------------------------------------------------------------------------------------


def test_language_and_title_are_what_a_reader_is_told(small):
    pdf = small.pdf
    assert str(pdf.Root.Lang) == small.html.get("lang") == "fi"
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)  # the title, not the file name, in the window
    title = small.html.findtext(".//title")
    with pdf.open_metadata() as xmp:
        assert xmp["dc:title"] == title
        assert xmp["pdfuaid:part"] == "1"
    assert pdf.Root.MarkInfo.Marked
    assert [kid.role for kid in small.tree.children] == ["Document"]


# --- headings and reading order ----------------------------------------------------------------------


@pytest.mark.parametrize("name", BOOKLETS)
def test_headings_are_tagged_in_the_order_of_the_html(request, name):
    booklet = request.getfixturevalue(name)
    tagged = [(e.role, plain(e.text)) for e in booklet.tree.walk() if re.fullmatch(r"H[1-6]", e.role)]
    written = [(e.tag.upper(), plain(e.text_content())) for e in booklet.html.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert tagged == written
    titles = [plain(chapter.title) for chapter in booklet.course.chapters]
    assert [text for role, text in tagged if role == "H1" and text in titles] == titles


@pytest.mark.parametrize("name", BOOKLETS)
def test_the_tree_reads_every_block_of_the_html_in_order(request, name):
    booklet = request.getfixturevalue(name)
    read = read_text(booklet.tree)
    position, lost = 0, []
    for block in leaf_blocks(booklet.html):
        text = plain(block.text_content())
        found = read.find(text, position)
        if found < 0:
            lost.append(f"<{block.tag}> {' '.join(block.text_content().split())[:80]}")
        else:
            position = found + len(text)
    assert lost == [], "read out of order, or not at all"


@pytest.mark.parametrize("name", BOOKLETS)
def test_running_heads_and_page_numbers_are_not_read(request, name):
    """Page furniture stays out of the reading order: a chapter title is read where the HTML has it."""
    booklet = request.getfixturevalue(name)
    read, written = read_text(booklet.tree), plain(booklet.html.find("body").text_content())
    for chapter in booklet.course.chapters:
        assert read.count(plain(chapter.title)) == written.count(plain(chapter.title)), chapter.title


# --- lists, tables, images ---------------------------------------------------------------------------


def test_every_list_and_item_is_tagged(small):
    written = small.html.xpath("//body//*[self::ul or self::ol or self::dl]")
    assert len(small.tree.all("L")) == len(written)
    assert len(small.tree.all("LI")) == len(small.html.xpath("//body//*[self::li or self::dt or self::dd]"))
    for element in small.tree.all("L"):
        assert {kid.role for kid in element.children} <= {"LI", "L"}


def test_a_simple_list_has_labels_and_bodies_and_its_nested_list_follows_its_item(small):
    [shopping] = [e for e in small.tree.all("L") if e.children and e.children[0].text.endswith("maito")]
    items = [kid for kid in shopping.children if kid.role == "LI"]
    assert [[part.role for part in item.children] for item in items] == [["Lbl", "LBody"]] * 3
    assert [item.children[1].text for item in items] == ["maito", "leipä", "voi"]
    assert [kid.role for kid in shopping.children] == ["LI", "LI", "L", "LI"]  # nested list after 'leipä'
    nested = shopping.children[2]
    assert [item.children[1].text for item in nested.children] == ["ruisleipä", "vehnäleipä"]
    [steps] = [e for e in small.tree.all("L") if e.children and e.children[0].text.endswith("avaa selain")]
    assert [item.children[0].text for item in steps.children] == ["1.", "2."]


def test_contents_entries_are_list_items_with_their_links(small):
    [contents] = [e for e in small.tree.all("L") if e.children and e.children[0].text.startswith("Aluksi")]
    assert len(contents.children) == len(small.html.xpath("//ol[@class='toc-list']/li"))
    for item in contents.children:
        [body] = item.children
        assert body.role == "LBody" and body.children[0].role == "Link"


@pytest.mark.parametrize("name", BOOKLETS)
def test_each_table_is_one_table_with_scoped_header_cells_that_its_data_cells_point_to(request, name):
    """A table over a page break is one Table (PDF/UA-1 7.5): its header row once, with /Scope, and every
    data cell's /Headers naming header cells of its own table (not the header the next page repeats)."""
    booklet = request.getfixturevalue(name)
    tables, written = booklet.tree.all("Table"), booklet.html.xpath("//body//table")
    assert len(tables) == len(written)
    for table, html_table in zip(tables, written):
        assert [part.role for part in table.children] == ["THead", "TBody"]
        [head_row] = table.children[0].children
        headers = head_row.children
        ths = html_table.xpath(".//th")
        assert [cell.role for cell in headers] == ["TH"] * len(ths)
        assert [plain(cell.text) for cell in headers] == [plain(th.text_content()) for th in ths]
        assert [str(cell.entry.A.Scope) for cell in headers] == ["/Column"] * len(ths)
        rows = table.children[1].children
        assert len(rows) == len(html_table.xpath("./tbody/tr"))
        for row in rows:
            assert [cell.role for cell in row.children] == ["TD"] * len(headers)
            for column, cell in enumerate(row.children):
                assert [str(i) for i in cell.entry.A.Headers] == [str(headers[column].entry.ID)]


def test_the_long_table_and_paragraph_run_over_a_page_break_as_one_element_each(small):
    """The case above is really there: the long table's cells and the long paragraph's lines stand on two pages."""
    [table] = [t for t in small.tree.all("Table") if t.text.startswith("Palvelu Osoite")]
    assert len(table.all("TR")) == 41
    assert len({cell.entry.Pg.objgen for cell in table.all("TD")}) > 1
    [paragraph] = [p for p in small.tree.all("P") if p.text.startswith("Lause numero 1 ")]
    assert paragraph.text.endswith("Lause numero 89 kertoo, miten opastaja auttaa kärsivällisesti.")
    assert len({span.entry.Pg.objgen for span in paragraph.children}) > 1


@pytest.mark.parametrize("name", BOOKLETS)
def test_every_block_of_the_html_is_one_structure_element_whatever_the_page_breaks(request, name):
    booklet = request.getfixturevalue(name)
    counts = {role: len(booklet.tree.all(role)) for role in ("P", "Table", "L", "Sect", "BlockQuote", "H1", "H2")}
    written = {role: len(booklet.html.xpath(f"//body//*[{' or '.join(f'self::{tag}' for tag in tags)}]"))
               for role, tags in (("P", ["p"]), ("Table", ["table"]), ("L", ["ul", "ol", "dl"]),
                                  ("Sect", ["section"]), ("BlockQuote", ["blockquote"]),
                                  ("H1", ["h1"]), ("H2", ["h2"]))}
    assert counts == written
    assert len(booklet.tree.all("Part")) == 1  # <main>, across every page


# --- PDF/UA: the Matterhorn Protocol's machine-checkable conditions on content --------------------------


@pytest.mark.parametrize("name", BOOKLETS)
def test_all_content_is_tagged_once_or_an_artifact(request, name):
    """Matterhorn 01-005: no content is neither tagged nor an artifact. Every marked content with an MCID
    is reached from the structure tree once, the parent tree names the element that reaches it, and
    every text shown outside tagged content is inside an artifact."""
    booklet = request.getfixturevalue(name)
    pdf = booklet.pdf
    reached = tagged_content(pdf)
    marked = {(number, mark.mcid) for number, page in enumerate(pdf.pages) for mark in page_marks(page)
              if mark.mcid is not None}
    assert set(reached) == marked
    assert [key for key, parents in reached.items() if len(parents) > 1] == []
    parents = parent_tree(pdf)
    for (number, mcid), [holder] in reached.items():
        by_mcid = parents[int(pdf.pages[number].obj.StructParents)]
        assert by_mcid[mcid].objgen == holder, (number, mcid)
    untagged = [(number, text) for number, page in enumerate(pdf.pages) for marks, text in shown_texts(page)
                if text.strip() and not any(m.mcid is not None or m.tag == "Artifact" for m in marks)]
    assert untagged == []


def test_running_heads_and_page_numbers_are_pagination_artifacts(real):
    """Matterhorn 18-001 in spirit: page furniture is an artifact of type Pagination, header or footer."""
    artifacts = artifact_texts(real.pdf)
    numbered = [number for number, found in enumerate(artifacts, start=1) if ("Pagination/Footer", str(number)) in found]
    assert len(numbered) >= len(artifacts) * 3 // 4
    titles = {plain(chapter.title) for chapter in real.course.chapters}
    heads = {plain(text) for found in artifacts for kind, text in found if kind == "Pagination/Header"}
    assert titles <= heads


def test_figures_carry_the_alt_text_of_their_images_and_captions_follow_them(small):
    figures = small.tree.all("Figure")
    assert [str(f.entry.get("/Alt")) for f in figures] == [img.get("alt") for img in small.html.iter("img")]
    assert all(len(f.entry.A.BBox) == 4 for f in figures)
    elements = list(small.tree.walk())
    [captioned] = [f for f in figures if str(f.entry.Alt).startswith("Kolme laitetta")]
    after = elements[elements.index(captioned) + 1]
    assert (after.role, after.text) == ("Caption", "Tavallisimmat laitteet")
    [group] = [e for e in elements if captioned in e.children]
    assert group.role == "Div" and group.children == [captioned, after]  # the <figure>, grouping the two


# --- the page count ----------------------------------------------------------------------------------


def test_the_real_booklet_has_whole_sheets_with_blank_pages_before_the_back_cover(real):
    """A print shop folds the A5 PDF as it is: a multiple of 4 pages, the back cover last, blanks before it."""
    texts = [page.extract_text() or "" for page in PdfReader(real.path).pages]
    assert len(texts) % 4 == 0
    assert plain(texts[-1]).startswith(plain(real.course.meta.title))
    last_written = max(n for n, text in enumerate(texts[:-1]) if text.strip())
    assert texts[-2].strip() == "" and len(texts) - 2 - last_written <= 4


# --- the answer key ----------------------------------------------------------------------------------


def answer_key_text(path: Path, heading: str) -> str:
    """The text of the answer-key pages: from the page that opens with ``heading`` to the one before the back cover."""
    texts = [page.extract_text() or "" for page in PdfReader(path).pages]
    start = next(n for n, text in enumerate(texts) if text.lstrip().startswith(heading))
    return " ".join(" ".join(texts[start:-1]).split())


def text_of(fragment: str) -> str:
    return lxml_html.fromstring(fragment).text_content()


def printed_text_of(fragment: str) -> str:
    """The fragment's text as the booklet prints it: a link whose text is its address in its readable form."""
    from builder.pdf.print_html import readable_address

    root = lxml_html.fromstring(fragment)
    for link in root.iter("a"):
        if link.text_content() == link.get("href"):
            link.text = readable_address(link.get("href"))
    return root.text_content()


def test_the_answer_key_lists_every_question_of_the_course_with_its_right_answers(real):
    """Under each chapter's heading, every question in order, each followed by its right answers."""
    course = real.course
    words = labels(course.meta.language)
    key = plain(answer_key_text(real.path, words["answer-key"]))
    expected = []
    for chapter in course.chapters:
        if chapter.questions:
            expected.append(f"{chapter.number}. {chapter.title}")
        for question in chapter.questions:
            expected.append(text_of(question.text_html))
            expected.extend(f"✔ {words['correct']}: {text_of(a.text_html)}" for a in question.answers if a.correct)
    position, missing = 0, []
    for text in expected:
        found = key.find(plain(text), position)
        if found < 0:
            missing.append(text)
        else:
            position = found + len(plain(text))
    assert sum(len(chapter.questions) for chapter in course.chapters) >= 10
    assert missing == []
    right = sum(answer.correct for chapter in course.chapters for q in chapter.questions for answer in q.answers)
    assert key.count("✔") == right


def test_each_answer_stands_whole_on_one_page_with_one_feedback_and_no_wrong_option(real):
    """Printed, the key gives the right answers and one 'Palaute:' line (every option with its feedback
    took 24 of 108 pages), and a reader never turns the page between a question and its answer."""
    words = labels(real.course.meta.language)
    pages = [plain(page.extract_text() or "") for page in PdfReader(real.path).pages]
    for question in (q for chapter in real.course.chapters for q in chapter.questions):
        stem = plain(text_of(question.text_html))
        page = [page for page in pages if stem in page][-1]  # the key comes after the chapters
        after = page[page.find(stem):]
        feedback = question.general_feedback_html or next(a.feedback_html for a in question.answers if a.correct)
        assert after.find(plain(f"{words['feedback']}: {printed_text_of(feedback)}")) > 0, text_of(question.text_html)
        for answer in question.answers:
            if answer.feedback_html:
                assert plain(text_of(answer.feedback_html)) not in after or answer.correct, text_of(answer.text_html)
