"""Whatever a trainer (or a hostile folder) writes, the build either succeeds or reports diagnostics.

Hypothesis writes course.yml, front matter, Markdown, slide and question blocks from pieces of the
real syntax, hostile HTML and arbitrary Unicode, then builds the fast outputs (the HTML booklet,
the questions XML and the Moodle backup) in this process. Nothing but a diagnostic may come out of
a bad source; every diagnostic names a file of the course and a line in it; and whenever the
build succeeds, every XML file is well formed: the questions XML and each file inside the .mbz.
"""

from __future__ import annotations

import contextlib
import tarfile
import tempfile
from pathlib import Path
from typing import Iterator

import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

from builder.build import build
from builder.diagnostics import CATALOGUE, Report
from builder.writers import moodle

from conftest import COURSE_YML, examples, png, write_course
from moodle_factory import make_pdf

FAST_WRITERS = ["html", "questions"]  # and the Moodle writer, given stand-in PDFs (see built())
SETTINGS = settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
MORE = settings(SETTINGS, max_examples=examples(100))

# Any character a file can hold: every script, emoji, control characters, the characters XML
# forbids; not lone surrogates, which UTF-8 cannot store (YAML escapes below make them), nor NUL,
# which makes a file not text at all (file-not-utf8, in the bad-input catalogue).
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
HOSTILE = st.sampled_from([
    "<script>alert(1)</script>", "<img src=k.png alt=k onerror=alert(1)>", "[x](javascript:alert(1))",
    "<iframe src=https://evil.example></iframe>", "<a href='data:text/html,x'>x</a>", "]]>", "<![CDATA[",
    "&#x0c;", "&#0;", "&#xD800;", "&amp;", "&", "<", ">", '"', "'", "\\", "\x0c", "\x1b", "\u2028", "\ufeff",
    "<svg onload=alert(1)>", "<style>body{display:none}</style>", "<!--", "-->", "{#id}", "{onclick=x}",
])
MARKDOWN = st.sampled_from([
    "## Otsikko", "### Alaotsikko {#oma}", "Tekstiä ja ääkkösiä.", "- kohta", "1. kohta", "> lainaus",
    "![Kuva](k.png)", "![Kuva](k.png \"Kuvateksti\")", "[linkki](01-a.md)", "<https://example.org>",
    "| a | b |", "|:-:|--:|", "!!! vinkki", "    sisennetty", "`koodi <script>`", "[^1]", "[^1]: Lähde.", "***",
    "", " ", "\t", "Muistiinpanot:", "Palaute: hyvä", "- [x] oikea", "- [ ] väärä", "  > palaute", "*korostus*",
])
MISTAKES = st.sampled_from([  # each one is an error somewhere: rarer than the rest
    "![](k.png)", "![Kuva](puuttuu.png)", "![K](../k.png)", "[x](09-ei.md)", "[x](#ei)", "!!! outo", "```",
    "[linkki](01-a.md#otsikko)",
    "~~~", "---",
])
WORDS = st.one_of(MARKDOWN, MARKDOWN, HOSTILE, ANY_TEXT)
CLEAN_LINE = st.one_of(WORDS, st.lists(WORDS, max_size=3).map(" ".join))
LINE = st.one_of(CLEAN_LINE, CLEAN_LINE, CLEAN_LINE, MISTAKES)


RARELY = st.sampled_from([False] * 9 + [True])  # Hypothesis likes boundary values: this stays one in ten


def lines(line=LINE):
    return st.lists(line, max_size=12).map("\n".join)


LINES = lines()
TEXT = st.tuples(st.sampled_from(["Otsikko", "Ääni", "x"]), st.one_of(ANY_TEXT, HOSTILE)).map(
    lambda pair: f"{pair[0]} {pair[1]}".replace("\r", " ").replace("\n", " "))  # one line, never empty


@st.composite
def slide_blocks(draw, clean: bool = False) -> str:
    title = TEXT if clean else st.one_of(TEXT, TEXT, TEXT, LINE)
    body = lines(CLEAN_LINE) if clean else LINES
    slides = draw(st.lists(st.tuples(title, body, st.one_of(st.none(), body)), min_size=1, max_size=3))
    parts = []
    for title, body, notes in slides:
        parts.append(f"## {title}\n{body}" + (f"\nMuistiinpanot:\n{notes}" if notes is not None else ""))
    return "```slides\n" + "\n---\n".join(parts) + "\n```"


@st.composite
def question_blocks(draw, clean: bool = False) -> str:
    stem = draw(TEXT if clean else st.one_of(TEXT, TEXT, LINES))
    option = st.tuples(st.booleans(), TEXT if clean else st.one_of(TEXT, LINE), st.one_of(st.none(), TEXT))
    options = [] if not clean and draw(RARELY) else [(True, draw(TEXT), None), (False, draw(TEXT), None)]
    options += draw(st.lists(option, max_size=2))
    lines = [stem]
    for right, text, feedback in options:
        lines.append(f"- [{'x' if right else ' '}] {text}")
        if feedback is not None:
            lines.append(f"  > {feedback}")
    if draw(st.booleans()):
        lines.append(f"Palaute: {draw(LINE)}")
    return "```kysymys\n" + "\n".join(lines) + "\n```"


YAML_ESCAPES = st.sampled_from(['"Nimi\\x01"', '"Nimi \\ud800"', '"\\uFFFENimi"', '"Ni\\0mi"', '"Ni\\tmi"',
                                '"\\e[31mNimi"'])
SCALAR = st.one_of(ANY_TEXT, HOSTILE, st.integers(), st.booleans(), st.none(), st.dates(), st.floats(allow_nan=False))
VALUE = st.one_of(SCALAR, st.lists(SCALAR, max_size=3),
                  st.dictionaries(st.sampled_from(["a", "b"]), SCALAR, max_size=2))


@st.composite
def yaml_text(draw, keys: list[str], base: dict, text_keys: list[str]) -> str:
    """Settings as YAML: the base values, now and then one replaced by any text (often markup or
    a YAML escape), more rarely by a value of the wrong kind, and once in a while broken text."""
    values = dict(base)
    escaped = {}
    for key in draw(st.lists(st.sampled_from(text_keys), max_size=3, unique=True)):
        if draw(st.booleans()):
            values[key] = draw(TEXT)
        else:
            escaped[key] = draw(YAML_ESCAPES)
    if draw(RARELY):
        values[draw(st.sampled_from(keys))] = draw(VALUE)
    text = "".join(f"{key}: {escaped[key]}\n" if key in escaped
                   else yaml.safe_dump({key: value}, allow_unicode=True, width=10_000)
                   for key, value in values.items())
    for key in escaped.keys() - values.keys():
        text += f"{key}: {escaped[key]}\n"
    if draw(RARELY):
        text += draw(st.sampled_from(["title: 'auki\n", "- lista\n", "a: [\n", "\tsisennys: x\n", "*ei: x\n",
                                      "a: &a [*a]\n", "title: toinen\n"]))
    return text


COURSE = yaml.safe_load(COURSE_YML) | {"introduction": "Johdanto.", "moodle": {"layout": "page"}}
COURSE_KEYS = ["title", "subtitle", "short_name", "language", "organisation", "contact", "authors", "licence",
               "edition", "edition_date", "introduction", "logo", "moodle", "booklet", "slides"]
COURSE_TEXT_KEYS = ["title", "subtitle", "organisation", "contact", "licence", "edition", "introduction"]
FRONT = {"title": "Luku", "summary": "Tiivistelmä."}
FRONT_KEYS = ["title", "summary", "id", "kind", "muu"]
FRONT_TEXT_KEYS = ["title", "summary", "muu"]


@st.composite
def chapters(draw) -> str:
    """A chapter: clean (text, slides and questions without a mistake) or anything at all, half and half."""
    clean = draw(st.booleans())
    text = lines(CLEAN_LINE) if clean else LINES
    pieces = draw(st.lists(st.one_of(text, slide_blocks(clean), question_blocks(clean)), min_size=1, max_size=4))
    if clean:
        pieces.insert(0, "Tekstiä.")
    return "---\n" + draw(yaml_text(FRONT_KEYS, FRONT, FRONT_TEXT_KEYS)) + "---\n\n" + "\n\n".join(pieces) + "\n"


@contextlib.contextmanager
def built(files: dict) -> Iterator[tuple[Report, Path | None, Path]]:
    """Build ``files`` (on top of a one-image course) with the fast writers, in this process: the
    report, the output folder when the build succeeded (else None), and the output folder's path."""
    with tempfile.TemporaryDirectory(prefix="ominaisuus-") as folder:
        course = write_course(Path(folder) / "course", {"k.png": png(), **files})
        report = Report()
        output = Path(folder) / "output"
        try:
            result = build(course, output, report, only=FAST_WRITERS, jobs=1)
            if result.ok:  # a build --only moodle renders the booklet and slides PDFs the backup carries: too slow here
                pdfs = {"booklet-pdf": make_pdf(Path(folder) / "opas.pdf", "Booklet"),
                        "slides-pdf": make_pdf(Path(folder) / "diat.pdf", "Slides")}
                moodle.write(result.course, output, pdfs, report)
        except Exception as error:  # the property: nothing but diagnostics, ever
            raise AssertionError(f"the build raised {type(error).__name__}: {error}") from error
        yield report, output if result.ok else None, output


def check_diagnostics(report: Report, files: dict) -> None:
    for diagnostic in report:
        assert diagnostic.code in CATALOGUE, str(diagnostic)
        if diagnostic.code in ("output-failed", "render-problem"):
            raise AssertionError(f"a writer failed on input the reader accepted: {diagnostic}")
        text = files.get(diagnostic.path)
        if isinstance(text, str):
            lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
            assert 1 <= diagnostic.line <= lines, str(diagnostic)


def check_outputs(output: Path) -> None:
    """Every XML output is well formed, and the HTML booklet holds no script the theme did not put there."""
    for path in output.iterdir():
        if path.suffix == ".xml":
            etree.fromstring(path.read_bytes())
        elif path.suffix == ".mbz":
            with tarfile.open(path) as tar:
                for member in tar.getmembers():
                    if member.name.endswith(".xml"):
                        etree.fromstring(tar.extractfile(member).read())
        elif path.suffix == ".html":
            page = lxml_html.document_fromstring(path.read_text(encoding="utf-8"))
            assert not page.xpath("//script|//iframe|//object|//embed|//*[@*[starts-with(name(), 'on')]]")
            assert not page.xpath("//@href[starts-with(normalize-space(translate(., 'JAVSCRIPT', 'javscript')),"
                                  " 'javascript:')]")


@MORE
@given(course_yml=yaml_text(COURSE_KEYS, COURSE, COURSE_TEXT_KEYS), first=chapters(),
       second=st.one_of(st.none(), chapters()))
def test_any_course_builds_or_gets_diagnostics_and_its_xml_is_well_formed(course_yml, first, second):
    files = {"course.yml": course_yml, "01-a.md": first}
    if second is not None:
        files["02-b.md"] = second
    with built(files) as (report, output, folder):
        check_diagnostics(report, files)
        event("built" if output else "diagnostics: " + ", ".join(sorted({d.code for d in report.errors})))
        assert (output is None) == bool(report.errors)
        if output is not None:
            check_outputs(output)
        else:
            assert not folder.exists()  # not even the folder: nothing is written while an error stands


TITLE = st.one_of(TEXT, TEXT, ANY_TEXT, HOSTILE, st.lists(st.one_of(ANY_TEXT, HOSTILE), max_size=3).map(" ".join))


@SETTINGS
@given(course_title=TITLE, organisation=TITLE, chapter_title=TITLE, summary=TITLE, question=TITLE,
       answer=TITLE, slide_title=TITLE)
@example(course_title="", organisation="", chapter_title="", summary="\U00040000", question="Otsikko ",
         answer="", slide_title="")  # a summary of one unassigned character: key-missing once it is removed
def test_the_backup_is_well_formed_xml_whatever_the_titles_contain(
        course_title, organisation, chapter_title, summary, question, answer, slide_title):
    """Titles and texts anywhere in the course: a valid course always builds, its XML always parses."""
    course_yml = yaml.safe_dump(COURSE | {"title": course_title or "x", "organisation": organisation or "x"},
                                allow_unicode=True)
    front = yaml.safe_dump({"title": chapter_title or "x", "summary": summary or "x"}, allow_unicode=True)
    body = (f"Teksti.\n\n```slides\n## {slide_title.splitlines()[0] if slide_title.strip() else 'x'}\n- kohta\n```\n\n"
            f"```kysymys\nKysymys {question.splitlines()[0] if question.strip() else ''}?\n"
            f"- [x] {answer.splitlines()[0] if answer.strip() else 'a'}\n- [ ] b\n```\n")
    files = {"course.yml": course_yml, "01-a.md": f"---\n{front}---\n\n{body}"}
    with built(files) as (report, output, _):
        check_diagnostics(report, files)
        event("built" if output else "diagnostics: " + ", ".join(sorted({d.code for d in report.errors})))
        if output is None:  # a title or summary left empty once markup and control characters are gone
            assert {d.code for d in report.errors} <= {"key-type", "key-missing", "slide-title-missing"}, [str(d) for d in report]
            return
        check_outputs(output)
