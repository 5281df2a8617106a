"""Hostile input: a course folder from elsewhere cannot put active content in any output or make the
build read a file outside the course folder and the package's own theme.

Every payload below carries the marker PWN. After the build no output (HTML booklet, offline
slides, every XML part of the PowerPoint file, the questions XML, every XML file inside the .mbz,
and every HTML text stored in those XML files) holds a script, frame, form, event handler, script
URL, a data: URL other than an image or font, or a style that loads something or covers the page;
and the marker stands nowhere but in inert text (a title attribute, escaped text), wherever the
trainer wrote it: text, titles, front matter, slides, notes, questions, feedback, course.yml.
"""

from __future__ import annotations

import base64
import re
import sys
import tarfile
import zipfile
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from lxml import etree
from lxml import html as lxml_html

from builder.build import build
from builder.diagnostics import Report
from builder.theme import PACKAGE_THEME

from conftest import COURSE_YML, chapter, png, write_course

MARKER = "PWN"

HOSTILE_YML = """\
title: 'Kurssi <script>alert("PWN")</script> & ]]> "lainaus"'
subtitle: '<img src=kuvat/k.png alt=k onerror=alert("PWN")>Alaotsikko'
short_name: vihamielinen
language: fi
organisation: '<iframe src="javascript:alert(`PWN`)"></iframe> Yhdistys ry'
contact: '<a href="javascript:alert(`PWN`)">yhteys</a> info@example.org'
authors:
  - '<b onmouseover=alert("PWN")>Tessa</b> Testaaja'
licence: "CC BY 4.0 <a href='javascript:alert(\\"PWN\\")'>x</a>"
edition: '"><script>alert("PWN")</script>1. painos'
edition_date: 2026-01-15
introduction: |
  Johdanto <script>alert("PWN")</script> [x](javascript:alert('PWN')) <img src=kuvat/k.png alt=k onerror=alert('PWN')>
moodle:
  quiz_name: '<script>alert("PWN")</script>Testi'
slides:
  title: '<svg onload=alert("PWN")>Diat'
  question_slides: yes
"""

DATA_PNG = base64.b64encode(png(2, 2, (1, 2, 3))).decode("ascii")

HOSTILE_BODY = f"""\
## Otsikko <script>alert('PWN')</script> {{onclick="alert('PWN')"}}

Teksti <a href="#" onclick="alert('PWN')">a</a> [b](javascript:alert('PWN')) [c](JaVaScRiPt:alert('PWN'))
<a href="&#x6A;avascript:alert('PWN')">d</a> [e](vbscript:msgbox("PWN")) <a href="data:text/html;base64,UFdO">f</a>

<iframe src="https://evil.example/PWN"></iframe><object data="PWN.swf"></object><embed src="PWN.swf">

<svg onload="alert('PWN')"><script>alert('PWN')</script></svg>
<math><mi xlink:href="javascript:alert('PWN')">m</mi></math>

<style>@import 'https://evil.example/PWN.css';</style><link rel="stylesheet" href="https://evil.example/PWN.css">

<form action="javascript:alert('PWN')"><button formaction="javascript:alert('PWN')">g</button></form>

<meta http-equiv="refresh" content="0;url=javascript:alert('PWN')"><base href="https://evil.example/PWN/">

<img src="kuvat/k.png" alt="kuva" onerror="alert('PWN')"> <img src="data:image/svg+xml;base64,UFdO" alt="d">

![Upotettu](data:image/png;base64,{DATA_PNG})

| a | b |
|:-:|---|
| <span style="position:fixed;top:0">x</span> | y |

<table><tr><td style="background:url(javascript:alert('PWN'));position:fixed">z</td></tr></table>

[viite][r] ja [toinen][s]

[r]: javascript:alert('PWN')
[s]: data:text/html;base64,UFdO

<javascript:alert('PWN')>

```slides
## Dia <script>alert('PWN')</script>
- kohta <img src="kuvat/k.png" alt="k" onerror="alert('PWN')">
- [h](javascript:alert('PWN'))

Muistiinpanot: <iframe src="javascript:alert('PWN')"></iframe> <script>alert('PWN')</script>
```

```kysymys
Kysymys <script>alert('PWN')</script> <img src="kuvat/k.png" alt="k" onerror="alert('PWN')">?
- [x] <a href="javascript:alert('PWN')">oikea</a>
  > <iframe src="https://evil.example/PWN"></iframe> palaute
- [ ] väärä <b onclick="alert('PWN')">x</b>
Palaute: <script>alert('PWN')</script> [k](javascript:alert('PWN'))
```
"""

HOSTILE_FILES = {
    "course.yml": HOSTILE_YML,
    "01-alku.md": "---\ntitle: '<script>alert(\"PWN\")</script>Otsikko & <turva>'\n"
                  "summary: 'Tiivistelmä <img src=x onerror=alert(\"PWN\")>'\n---\n\n" + HOSTILE_BODY,
    "02-nimet.md": ("---\ntitle: '\"]]><!-- & --><x/>'\nsummary: \"Hankalia merkkejä: < > & \\\" '\"\n---\n\n"
                    "![Äiti & 'lapsi' (1)](<kuvat/äiti & 'lapsi' (1).png>)\n\n"
                    "Emoji 😀, oikealta vasemmalle \u200f, nollaleveä\u200bväli.\n"),
    "kuvat/k.png": png(),
    "kuvat/äiti & 'lapsi' (1).png": png(colour=(0, 80, 0)),
}

FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "svg", "math", "audio",
                  "video", "portal", "link"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "srcset", "ping",
                  "lowsrc", "dynsrc", "cite", "longdesc", "usemap", "manifest", "xlink:href"}
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}


def active_content(root, document: bool) -> list[str]:
    """Whatever in the parsed HTML ``root`` could run, load or cover something; [] for a clean page.

    A whole ``document`` may have the theme's own <meta>, <style> and <script> (without a src);
    an HTML fragment (a Moodle field, a question text) may have none of them.
    """
    faults = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in FORBIDDEN_TAGS:
            faults.append(f"<{tag}>")
        if tag in ("script", "style", "meta") and not document:
            faults.append(f"<{tag}> in a fragment")
        if tag == "script" and element.get("src") is not None:
            faults.append("<script src>")
        if tag == "meta" and (element.get("http-equiv") or "").lower() not in ("", "content-security-policy"):
            faults.append(f"<meta http-equiv={element.get('http-equiv')}>")
        if tag == "style" and re.search(r"@import|url\(\s*(?!['\"]?data:(image|font)/)", element.text or ""):
            faults.append("a style sheet that loads something")
        if tag in ("script", "style") and MARKER in (element.text or ""):
            faults.append(f"<{tag}> holds {MARKER}")
        for name, value in element.attrib.items():
            name = name.lower()
            if MARKER in value and name not in ("title", "alt"):
                faults.append(f"<{tag} {name}={value[:50]}>")
            if name.startswith("on"):
                faults.append(f"<{tag} {name}=>")
            if name in URL_ATTRIBUTES and (fault := _url_fault(tag, name, value)):
                faults.append(fault)
            if name == "style" and re.search(r"url\(|expression|javascript:|position\s*:\s*fixed", value, re.I):
                faults.append(f"<{tag} style={value[:50]}>")
    return faults


def _url_fault(tag: str, attribute: str, value: str) -> str:
    compact = re.sub(r"[\x00-\x20]", "", value).lower()
    scheme = urlsplit(compact).scheme if ":" in compact.split("/")[0] else ""
    if scheme == "data" and tag == "img" and attribute == "src" and compact.startswith("data:image/"):
        return ""
    if scheme in SAFE_SCHEMES or compact.startswith(("asset:", "chapter:")):
        return ""
    return f"<{tag} {attribute}={value[:50]}>"


EPUB_STYLE = b'<link rel="stylesheet" type="text/css" href="css/epub.css"/>'


def parts_of(path: Path) -> list[tuple[str, str, bytes]]:
    """(where, kind, content) of everything a reader of ``path`` gets: a page, or each XML part inside."""
    data = path.read_bytes()
    if path.suffix == ".html":
        return [(path.name, "html", data)]
    if path.suffix == ".xml":
        return [(path.name, "xml", data)]
    if path.suffix == ".mbz":
        with tarfile.open(path) as tar:
            return [(f"{path.name}/{m.name}", "xml", tar.extractfile(m).read())
                    for m in tar.getmembers() if m.name.endswith(".xml")]
    if path.suffix == ".epub":  # each content document as a page, less the one style sheet link the writer puts in
        with zipfile.ZipFile(path) as book:
            return [(f"{path.name}/{n}", "html", re.sub(rb"^<\?xml[^>]*\?>", b"", book.read(n)).replace(EPUB_STYLE, b""))
                    if n.endswith(".xhtml") else (f"{path.name}/{n}", "xml", book.read(n))
                    for n in book.namelist() if n.endswith((".xhtml", ".opf", ".xml"))]
    if path.suffix == ".pptx":
        with zipfile.ZipFile(path) as package:
            return [(f"{path.name}/{n}", "xml", package.read(n)) for n in package.namelist()
                    if n.endswith((".xml", ".rels"))]
    raise AssertionError(f"unexpected output {path.name}")


def faults_in(where: str, kind: str, content: bytes) -> list[str]:
    if kind == "html":
        found = active_content(lxml_html.document_fromstring(content.decode("utf-8")), document=True)
        return [f"{where}: {f}" for f in found]
    root = etree.fromstring(content)  # raises, and fails the test, unless well formed
    found = []
    for element in root.iter():
        text = element.text or ""
        if "<" in text:  # HTML stored as text (Moodle's content, intro, questiontext), or a title with '<'

            fragment = lxml_html.fragment_fromstring(text, create_parent="div")
            found += [f"{where}: <{etree.QName(element).localname}> {f}" for f in active_content(fragment, False)]
        if element.get("TargetMode") == "External" and urlsplit(element.get("Target", "")).scheme not in SAFE_SCHEMES:
            found.append(f"{where}: relationship to {element.get('Target')}")
    return found


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> SimpleNamespace:
    folder = tmp_path_factory.mktemp("hostile")
    course = write_course(folder / "course", HOSTILE_FILES)
    report = Report()
    result = build(course, folder / "output", report)
    assert result.ok, [str(d) for d in report]
    return SimpleNamespace(output=folder / "output", report=report, folder=folder)


OUTPUTS = ["vihamielinen.html", "vihamielinen-slides.html", "vihamielinen-slides.pptx",
           "vihamielinen-questions.xml", "vihamielinen.mbz", "vihamielinen.epub"]


@pytest.mark.parametrize("name", OUTPUTS)
def test_no_output_carries_anything_active_from_the_sources(hostile, name):
    found = [fault for part in parts_of(hostile.output / name) for fault in faults_in(*part)]
    assert found == []


def test_every_output_was_checked(hostile):
    assert sorted(p.name for p in hostile.output.iterdir() if p.suffix != ".pdf") == sorted(OUTPUTS)


def test_the_pdfs_have_no_scripts_and_link_only_to_the_web(hostile):
    import pikepdf

    for path in sorted(hostile.output.glob("*.pdf")):
        with pikepdf.open(path) as pdf:
            names = pdf.Root.get("/Names")
            assert names is None or "/JavaScript" not in names, path.name
            assert "/OpenAction" not in pdf.Root or "/JS" not in str(pdf.Root.OpenAction), path.name
            for page in pdf.pages:
                for annotation in page.get("/Annots") or []:
                    action = annotation.get("/A")
                    if action is None:
                        continue
                    assert str(action.get("/S")) in ("/URI", "/GoTo"), path.name
                    assert urlsplit(str(action.get("/URI", ""))).scheme in SAFE_SCHEMES, path.name


def test_every_removal_is_a_warning_and_the_text_around_it_stays(hostile):
    assert {d.code for d in hostile.report} == {"html-removed"}
    assert all(d.severity == "warning" for d in hostile.report)
    booklet = (hostile.output / "vihamielinen.html").read_text(encoding="utf-8")
    page = lxml_html.document_fromstring(booklet)
    text = " ".join(page.text_content().split())
    for kept in ("Yhdistys ry", "Tessa Testaaja", "Otsikko &", "Tiivistelmä", "oikea", "väärä x",
                 '"]]><x/>', "Emoji 😀"):  # the title's comment goes, as a comment in the text does
        assert kept in text, kept
    assert "<!--" not in text
    assert "Kurssi & ]]> \"lainaus\"" in page.findtext(".//title")


def test_embedded_data_urls_are_only_the_tools_own_images_and_fonts(hostile):
    """A data: picture written in the text is refused (it escapes every image check); the tool's own
    embedded images and fonts are the only data: URLs in the pages."""
    lines = {d.line for d in hostile.report if d.path == "01-alku.md"}
    assert {22, 24, 34} <= lines  # the raw <img src="data:...">, the Markdown one, [s]: data:
    for name in ("vihamielinen.html", "vihamielinen-slides.html"):
        text = (hostile.output / name).read_text(encoding="utf-8")
        assert DATA_PNG not in text and "UFdO" not in text
        kinds = set(re.findall(r"data:([a-z]+)/", text))
        assert kinds <= {"image", "font"}, (name, kinds)


def test_archive_entry_names_are_plain_relative_paths(hostile):
    safe = re.compile(r"^(?:[A-Za-z0-9_.\-]+/)*([A-Za-z0-9_.\-]+|\[Content_Types\]\.xml)/?$")
    with tarfile.open(hostile.output / "vihamielinen.mbz") as tar:
        for member in tar.getmembers():
            assert safe.match(member.name) and ".." not in member.name.split("/"), member.name
            assert member.isfile() or member.isdir(), member.name
            assert (member.uid, member.gid) == (0, 0)
        files_xml = etree.fromstring(tar.extractfile("files.xml").read())
    assert "äiti & 'lapsi' (1).png" in {f.findtext("filename") for f in files_xml}  # the name, kept as data
    with zipfile.ZipFile(hostile.output / "vihamielinen-slides.pptx") as package:
        for name in package.namelist():
            assert safe.match(name) and ".." not in name.split("/"), name


def test_character_references_to_control_characters_never_reach_the_xml(tmp_path):
    """'&#1;' in a slide title or beside removed markup in a setting once became a raw control
    character, which lxml refuses: the build raised ValueError (found by test_property_based)."""
    course = write_course(tmp_path / "course", {
        "course.yml": COURSE_YML.replace("title: Testikurssi", "title: 'Kurssi <b onclick=x>&#1;</b>'"),
        "01-alku.md": chapter("Teksti &#x0c;.\n\n```slides\n## Dia &#1; &#x1b;\n- kohta\n```\n\n"
                              "```kysymys\nMikä &#x1b;?\n- [x] a &#1;\n- [ ] b\n```\n"),
    })
    report = Report()
    result = build(course, tmp_path / "output", report, only=["html", "questions", "moodle"], jobs=1)
    assert result.ok, [str(d) for d in report]
    for path in (tmp_path / "output").iterdir():
        if path.suffix == ".pdf":  # the PDFs the backup carries: test_the_pdfs_have_no_scripts_... reads those
            continue
        for where, kind, content in parts_of(path):
            assert faults_in(where, kind, content) == []
            assert not re.search(rb"[\x01\x0c\x1b]|&#(x0*1b|x0*c|0*1);", content, re.I), where


# --- file access ----------------------------------------------------------------------------------------

class Audit:
    """Every file the build opens and every program it starts, as Python's audit hooks see them.

    Writers run in this process (``jobs=1``), so nothing escapes the hook. Files a C library opens
    itself (fontconfig) are not seen; the course's files all go through Python.
    """

    def __init__(self) -> None:
        self.opened: list[str] = []
        self.started: list[str] = []
        self.recording = False

    def __call__(self, event: str, args: tuple) -> None:
        if not self.recording:
            return
        if event == "open" and isinstance(args[0], (str, bytes, Path)):
            self.opened.append(str(args[0], "utf-8", "replace") if isinstance(args[0], bytes) else str(args[0]))
        elif event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn"):
            self.started.append(repr(args[:2]))

    def build(self, *args, **kwargs):
        self.opened.clear()
        self.started.clear()
        self.recording = True
        try:
            return build(*args, jobs=1, **kwargs)
        finally:
            self.recording = False


AUDIT = Audit()


@pytest.fixture
def audit() -> Audit:
    if not getattr(sys, "_coursebuild_audit", False):
        sys.addaudithook(AUDIT)  # for the rest of the session (a hook cannot be removed); idle unless recording
        sys._coursebuild_audit = True
    return AUDIT


def secrets(folder: Path) -> Path:
    """A folder beside the course holding what must never be read: a style sheet, a picture, a text."""
    secret = folder / "muualla"
    secret.mkdir()
    (secret / "salainen.css").write_text(f"body::after {{ content: '{MARKER}-css' }}\n", encoding="utf-8")
    (secret / "salainen.png").write_bytes(png(3, 3, (9, 9, 9)))
    (secret / "salainen.md").write_text(chapter(f"{MARKER}-md\n"), encoding="utf-8")
    (secret / "salainen.txt").write_text(f"{MARKER}-txt\n", encoding="utf-8")
    return secret


def reads_outside(audit: Audit, folder: Path) -> list[str]:
    """What the build opened in ``folder`` (the test's sandbox) outside the course, assets and output
    folders, or in /etc; and the programs it started that are not the C compiler and linker that
    ctypes asks where a library is."""
    allowed = [(folder / name).resolve() for name in ("course", "assets", "output")]
    found = []
    for entry in audit.opened:
        path = Path(entry).resolve() if entry.startswith("/") else None
        if path is None:
            continue
        if path.is_relative_to(folder.resolve()) and not any(path.is_relative_to(a) for a in allowed):
            found.append(entry)
        if path.is_relative_to("/etc") and path.name in ("passwd", "shadow", "hosts"):
            found.append(entry)
    # poppler's pdfinfo and pdftotext read the booklet PDF just written, for the EPUB's page list.
    output = str((folder / "output").resolve())
    found += [s for s in audit.started if not re.search(r"\b(gcc|cc|ld|ldconfig|objdump)\b", s)
              and not (re.match(r"\('(?:/[^']*/)?(pdfinfo|pdftotext)'", s) and s.count(output) == 1)]
    return found


def test_a_theme_cannot_make_the_build_read_outside_the_course(tmp_path, audit):
    """Style sheets in assets/theme/ that point at files elsewhere: the PDFs' URL fetcher refuses
    them (render-problem warnings), the HTML pages keep them as inert text, nothing is opened."""
    secret = secrets(tmp_path)
    course = write_course(tmp_path / "course", {"01-alku.md": chapter("## Otsikko\n\nTeksti.\n\n![Kuva](k.png)\n"),
                                                "k.png": png()})
    hostile_css = (
        f'@import url("{(secret / "salainen.css").as_uri()}");\n'
        f'@import "../../../muualla/salainen.css";\n'
        f'body {{ background: url("{(secret / "salainen.png").as_uri()}"); }}\n'
        f'h1 {{ background: url("{secret / "salainen.png"}"); }}\n'
        f'h2 {{ background: url("../../muualla/salainen.png"); }}\n'
        f'p {{ background: url("file:///etc/passwd"); }}\n'
        f'@font-face {{ font-family: X; src: url("{(secret / "salainen.txt").as_uri()}"); }}\n'
    )
    for part, sheet in (("booklet", "booklet.css"), ("slides", "slide.css")):
        theme = tmp_path / "assets" / "theme" / part
        theme.mkdir(parents=True)
        (theme / sheet).write_text((PACKAGE_THEME / part / sheet).read_text(encoding="utf-8") + hostile_css,
                                   encoding="utf-8")
    report = Report()
    result = audit.build(course, tmp_path / "output", report)
    assert result.ok, [str(d) for d in report.errors]
    assert reads_outside(audit, tmp_path) == []
    for path in (tmp_path / "output").iterdir():
        assert MARKER.encode() not in path.read_bytes(), path.name
    assert {d.code for d in report} <= {"render-problem"}


def test_references_out_of_the_course_are_refused_without_being_opened(tmp_path, audit):
    secret = secrets(tmp_path)
    course = write_course(tmp_path / "course", {
        "course.yml": COURSE_YML + f"logo: {secret / 'salainen.png'}\n",
        "01-alku.md": chapter(f"![Kuva](kuvat/linkki.png)\n\n<img src=\"{secret / 'salainen.png'}\" alt=\"x\">\n\n"
                              "![Kuva](../muualla/salainen.png)\n\n![Kuva](%2e%2e/muualla/salainen.png)\n"),
        "kuvat/.keep": "",
    })
    (course / "kuvat" / "linkki.png").symlink_to(secret / "salainen.png")
    (course / "02-linkki.md").symlink_to(secret / "salainen.md")
    (tmp_path / "assets" / "theme" / "booklet").mkdir(parents=True)
    (tmp_path / "assets" / "theme" / "booklet" / "booklet.css").symlink_to(secret / "salainen.css")
    report = Report()
    result = audit.build(course, tmp_path / "output", report)
    assert not result.ok
    assert sorted((d.path, d.line, d.code) for d in report) == [
        ("../assets/theme/booklet/booklet.css", 1, "path-outside-course"),
        ("01-alku.md", 6, "path-outside-course"),
        ("01-alku.md", 8, "path-outside-course"),
        ("01-alku.md", 10, "path-outside-course"),
        ("01-alku.md", 12, "path-outside-course"),
        ("02-linkki.md", 1, "path-outside-course"),
        ("course.yml", 10, "path-outside-course"),
    ]
    assert reads_outside(audit, tmp_path) == []
    assert not (tmp_path / "output").exists()


def test_a_theme_template_cannot_reach_python(tmp_path, audit):
    """A template override runs in Jinja's sandbox: no way to a module, a file or a program."""
    secret = secrets(tmp_path)
    course = write_course(tmp_path / "course", {})
    theme = tmp_path / "assets" / "theme" / "booklet"
    theme.mkdir(parents=True)
    (theme / "booklet.html.j2").write_text(
        "<html><body>{{ cycler.__init__.__globals__.os.popen('cat %s').read() }}"
        "{{ lipsum.__globals__['os'].popen('id').read() }}</body></html>" % (secret / "salainen.txt"),
        encoding="utf-8")
    report = Report()
    result = audit.build(course, tmp_path / "output", report, only=["html"])
    assert not result.ok
    assert [(d.code, "SecurityError" in d.message) for d in report] == [("output-failed", True)]
    assert reads_outside(audit, tmp_path) == []
    assert not (tmp_path / "output").exists()


def test_the_pdf_url_fetcher_refuses_a_link_out_of_an_allowed_folder(tmp_path):
    from builder.pdf.render import course_file_fetcher

    secret = secrets(tmp_path)
    course = tmp_path / "course"
    course.mkdir()
    (course / "linkki.png").symlink_to(secret / "salainen.png")
    fetcher = course_file_fetcher([course, PACKAGE_THEME])
    for url in ((course / "linkki.png").as_uri(), (secret / "salainen.png").as_uri(), "file:///etc/passwd",
                (course / ".." / "muualla" / "salainen.png").as_uri(), "https://evil.example/PWN.png"):
        with pytest.raises(Exception):
            fetcher.fetch(url)
