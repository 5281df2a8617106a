"""The Moodle writer's backup, checked without a Moodle: structure against Moodle's own backup,
file references, links, settings, and byte-for-byte reproducibility."""

from __future__ import annotations

import gzip
import re
import tarfile
from pathlib import Path

from urllib.parse import unquote

import pytest
from lxml import etree

from builder.mbz_inspect import inspect_backup
from conftest import COURSE_YML, chapter, course_of, write_course
from moodle_factory import TRICKY_TITLE, build_mbz, make_course, make_pdf, read_mbz, with_layout

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "moodle-reference" / "moodle-4.4" / "unpacked"
if not REFERENCE.is_dir():
    REFERENCE = Path("/work/shared/moodle-reference/moodle-4.4/unpacked")


def products(tmp_path: Path) -> dict[str, Path]:
    return {
        "booklet-pdf": make_pdf(tmp_path / "products" / "nettiopastaja-opas.pdf", "Booklet"),
        "slides-pdf": make_pdf(tmp_path / "products" / "nettiopastaja-diat.pdf", "Slides"),
    }


@pytest.fixture(params=["page", "book"])
def layout(request) -> str:
    return request.param


@pytest.fixture
def backup(tmp_path, layout):
    course = make_course(tmp_path / "course", layout)
    mbz, report = build_mbz(course, tmp_path / "staging", products(tmp_path))
    return read_mbz(mbz), report, course


def xml(entries, path):
    return etree.fromstring(entries[path])


def activities(entries, module):
    return sorted(p for p in entries if re.fullmatch(rf"activities/{module}_\d+/{module}\.xml", p))


# -- Structure ---------------------------------------------------------------------------------


def test_every_xml_file_is_well_formed(backup):
    entries, report, _ = backup
    xml_files = [p for p, data in entries.items() if p.endswith(".xml") and data is not None]
    assert len(xml_files) > 30
    for path in xml_files:
        etree.fromstring(entries[path])  # raises on a fault
    assert not report.errors and not report.warnings


def _kind(path: str) -> str:
    path = re.sub(r"^activities/([a-z]+)_\d+/", r"activities/\1/", path)
    path = re.sub(r"^sections/section_\d+/", "sections/", path)
    return re.sub(r"^files/[0-9a-f]{2}/[0-9a-f]{40}$", "files/POOL", path)


def _structure(files: dict[str, bytes | None]) -> dict[str, dict[str, tuple[list[str], set[str]]]]:
    """file kind -> element path -> (child tags in order, attribute names)."""
    kinds: dict[str, dict[str, tuple[list[str], set[str]]]] = {}
    for path, data in files.items():
        if data is None or not path.endswith(".xml"):
            continue
        root = etree.fromstring(data)
        elements = kinds.setdefault(_kind(path), {})
        for element in root.iter():
            key = re.sub(r"\[\d+\]", "", root.getroottree().getpath(element))
            children, attributes = elements.setdefault(key, ([], set()))
            for child in element:
                if child.tag not in children:
                    children.append(child.tag)
            attributes |= set(element.attrib)
    return kinds


# Modules this writer does not make.
NOT_WRITTEN = ("activities/label/", "activities/url/")


def test_every_file_kind_of_moodles_backup_is_written_with_moodles_elements(tmp_path):
    reference = {str(p.relative_to(REFERENCE)): p.read_bytes() for p in REFERENCE.rglob("*") if p.is_file()}
    ours: dict[str, bytes | None] = {}
    for layout in ("page", "book"):
        mbz, _ = build_mbz(make_course(tmp_path / layout, layout), tmp_path / f"out-{layout}", products(tmp_path))
        ours.update(read_mbz(mbz))

    wanted = {_kind(p) for p in reference} - {_kind(p) for p in reference if _kind(p).startswith(NOT_WRITTEN)}
    assert wanted - {_kind(p) for p in ours} == set()

    theirs, mine = _structure(reference), _structure(ours)
    for kind, elements in theirs.items():
        if kind.startswith(NOT_WRITTEN):
            continue
        for path, (children, attributes) in elements.items():
            assert path in mine[kind], f"{kind}: Moodle writes {path}, we do not"
            our_children, our_attributes = mine[kind][path]
            # Moodle's children, in Moodle's order (ours may have more, e.g. a fileref when there are files).
            assert [c for c in our_children if c in children] == children, f"{kind}: children of {path}"
            assert our_attributes == attributes, f"{kind}: attributes of {path}"


def test_moodle_backup_xml_lists_every_section_and_activity_folder(backup):
    entries, _, course = backup
    info = xml(entries, "moodle_backup.xml").find("information")
    sections = info.findall("contents/sections/section")
    assert len(sections) == len(course.chapters) + 1
    for element in info.findall("contents/activities/activity") + sections:
        directory = element.findtext("directory")
        assert any(p.startswith(directory + "/") for p in entries), directory
    # Declares the 4.4 that wrote the reference, so that 4.4 restores without "newer backup".
    assert info.findtext("moodle_version") == "2023112400"
    assert info.findtext("backup_release") == "4.4"


def test_a_course_without_questions_has_the_empty_question_bank_and_no_quiz(tmp_path, layout):
    mbz, _ = build_mbz(make_course(tmp_path / "course", layout, questions=False), tmp_path / "staging")
    entries = read_mbz(mbz)
    assert entries["questions.xml"] == b'<?xml version="1.0" encoding="UTF-8"?>\n<question_categories>\n</question_categories>'
    assert activities(entries, "quiz") == []
    assert b"question_categoryref" not in entries["course/inforef.xml"]
    assert xml(entries, "gradebook.xml").findtext("grade_items/grade_item/grademax") == "10.00000"


# -- Course, sections and activities ---------------------------------------------------------------


def test_course_settings_come_from_course_yml(backup):
    entries, _, course = backup
    root = xml(entries, "course/course.xml")
    assert root.findtext("fullname") == course.meta.title
    assert root.findtext("shortname") == "nettiopastaja"
    assert root.findtext("format") == "topics"
    assert root.findtext("lang") == "fi"
    assert root.findtext("enablecompletion") == "1"
    assert root.findtext("startdate") == "1768435200"  # 2026-01-15, the edition date
    assert "Kurssin johdanto." in root.findtext("summary")


def test_one_section_per_chapter_named_after_it_with_its_number_and_its_summary(backup):
    entries, _, course = backup
    sections = sorted(
        (xml(entries, p) for p in entries if p.endswith("/section.xml")), key=lambda s: int(s.findtext("number"))
    )
    assert [s.findtext("number") for s in sections] == ["0", "1", "2", "3"]
    assert sections[0].findtext("name") == "$@NULL@$"
    assert "Kurssin johdanto." in sections[0].findtext("summary")
    for section, chapter in zip(sections[1:], course.chapters):
        assert section.findtext("name") == f"{chapter.number}. {chapter.title}"  # as the booklet's contents
        summary = etree.HTML(section.findtext("summary")).xpath("string(//p[1])")
        assert summary == chapter.summary


def test_page_layout_has_one_page_per_chapter_in_its_section(tmp_path):
    entries, _, course = _build(tmp_path, "page")
    pages = [xml(entries, p) for p in activities(entries, "page")]
    assert [p.findtext("page/name") for p in pages] == [f"Lue luku: {c.title}" for c in course.chapters]
    info = xml(entries, "moodle_backup.xml").find("information")
    section_of = {s.findtext("sectionid"): s.findtext("title") for s in info.findall("contents/sections/section")}
    for element in info.findall("contents/activities/activity"):
        if element.findtext("modulename") == "page":
            title = element.findtext("title").removeprefix("Lue luku: ")
            assert section_of[element.findtext("sectionid")].endswith(f". {title}")


def test_book_layout_has_a_chapter_per_chapter_and_a_subchapter_per_second_level_heading(tmp_path):
    entries, _, course = _build(tmp_path, "book")
    assert activities(entries, "page") == []
    [path] = activities(entries, "book")
    chapters = xml(entries, path).findall("book/chapters/chapter")
    assert [(c.findtext("title"), c.findtext("subchapter")) for c in chapters] == [
        ("Vapaaehtoisena opastajana", "0"),
        ("Työnjako", "1"),
        ("Salassapito", "0"),
        ("Vaitiolo", "1"),
        (TRICKY_TITLE, "0"),
        ("Salasanat", "1"),
    ]
    assert [c.findtext("pagenum") for c in chapters] == ["1", "2", "3", "4", "5", "6"]
    # The heading became the subchapter's title, so it is not repeated in the text.
    assert "<h2" not in "".join(c.findtext("content") for c in chapters)
    # A chapter that starts with a heading still has text of its own: its summary.
    assert "Summary with" in chapters[4].findtext("content")


def test_pages_and_the_book_complete_on_view(tmp_path):
    for layout, module in (("page", "page"), ("book", "book")):
        entries, _, _ = _build(tmp_path / layout, layout)
        for path in activities(entries, module):
            module_xml = xml(entries, path.rsplit("/", 1)[0] + "/module.xml")
            assert (module_xml.findtext("completion"), module_xml.findtext("completionview")) == ("2", "1")


def test_pdfs_from_the_same_build_are_file_resources_in_section_0(backup):
    entries, _, _ = backup
    resources = activities(entries, "resource")
    assert len(resources) == 2
    names = [xml(entries, p).findtext("resource/name") for p in resources]
    assert names == ["Kurssimateriaali (PDF)", "Diaesitys (PDF)"]
    files = xml(entries, "files.xml").findall("file")
    pdfs = [f for f in files if f.findtext("component") == "mod_resource" and f.findtext("filename") != "."]
    assert sorted(f.findtext("filename") for f in pdfs) == ["nettiopastaja-diat.pdf", "nettiopastaja-opas.pdf"]
    assert {f.findtext("sortorder") for f in pdfs} == {"1"}  # the main file of its resource
    for path in resources:
        assert xml(entries, path.rsplit("/", 1)[0] + "/module.xml").findtext("sectionnumber") == "0"


def test_no_pdf_resources_without_pdf_products(tmp_path):
    course = make_course(tmp_path / "course")
    mbz, _ = build_mbz(course, tmp_path / "staging", {})
    entries = read_mbz(mbz)
    assert activities(entries, "resource") == []
    assert "application/pdf" not in entries["files.xml"].decode()


def test_tricky_characters_arrive_intact(backup):
    entries, _, _ = backup
    info = xml(entries, "moodle_backup.xml").find("information")
    assert f"3. {TRICKY_TITLE}" in [s.findtext("title") for s in info.findall("contents/sections/section")]
    section = next(xml(entries, p) for p in entries if p.endswith("section.xml") and "🔐".encode() in entries[p])
    assert section.findtext("name") == f"3. {TRICKY_TITLE}"
    text = "".join(etree.fromstring(entries[p]).xpath("string()") for p in entries if p.endswith(".xml") and p.startswith("activities/"))
    assert 'Text &amp; &lt;code&gt; "quoted" ]]&gt; 😀' in text


# -- Files and links ---------------------------------------------------------------------------


def _files(entries):
    rows = []
    for f in xml(entries, "files.xml").findall("file"):
        rows.append({child.tag: child.text for child in f} | {"id": f.get("id")})
    return rows


def test_every_pluginfile_reference_resolves_and_every_file_has_content(backup, tmp_path):
    entries, _, _ = backup
    refs = 0
    rows = _files(entries)
    for path, data in entries.items():
        if not (data and path.endswith(".xml")):
            continue
        for element in etree.fromstring(data).iter():
            for ref in re.findall(r"@@PLUGINFILE@@/([^\"]+)", element.text or ""):
                refs += 1
                assert any(r["filename"] == unquote(ref) for r in rows), (path, ref)
    assert refs >= 8
    for row in rows:
        if row["filename"] != ".":
            pooled = f"files/{row['contenthash'][:2]}/{row['contenthash']}"
            assert entries[pooled] is not None and len(entries[pooled]) == int(row["filesize"])
    mbz = tmp_path / "staging" / "nettiopastaja.mbz"
    assert inspect_backup(mbz).faults == []


def test_images_are_stored_once_by_content_hash_in_the_file_area_of_their_text(tmp_path):
    entries, _, course = _build(tmp_path, "page")
    rows = [r for r in _files(entries) if r["filename"] != "."]
    pool = [p for p, d in entries.items() if p.startswith("files/") and d is not None]
    assert len(pool) == len({r["contenthash"] for r in rows}) == len(course.assets) + 2
    tablet = [r for r in rows if r["filename"] == "ikäihminen ja tabletti.png"]
    assert len(tablet) == 2  # used by two pages: one entry each, one content
    assert {(r["component"], r["filearea"], r["itemid"]) for r in tablet} == {("mod_page", "content", "0")}
    assert len({r["contextid"] for r in tablet}) == 2
    # Two different images both named kuva.png in one page: both kept, under distinct names.
    assert {"kuva.png", "kuva-2.png"} <= {r["filename"] for r in rows if r["component"] == "mod_page"}


def test_file_names_with_accents_and_spaces_are_url_encoded_in_the_text(tmp_path):
    entries, _, _ = _build(tmp_path, "page")
    pages = "".join(xml(entries, p).findtext("page/content") for p in activities(entries, "page"))
    assert '"@@PLUGINFILE@@/ik%C3%A4ihminen%20ja%20tabletti.png"' in pages
    assert '"@@PLUGINFILE@@/%C3%A5land%20%C3%B6.png"' in pages
    assert "asset:" not in pages


def test_book_images_are_in_the_chapter_area_of_their_book_chapter(tmp_path):
    entries, _, _ = _build(tmp_path, "book")
    [path] = activities(entries, "book")
    chapters = {c.get("id"): c.findtext("content") for c in xml(entries, path).findall("book/chapters/chapter")}
    for row in _files(entries):
        if row["component"] == "mod_book" and row["filename"] != ".":
            assert row["filearea"] == "chapter"
            assert row["filename"] in chapters[row["itemid"]].replace("%20", " ").replace("%C3%A4", "ä").replace(
                "%C3%B6", "ö"
            ).replace("%C3%A5", "å")


def test_page_links_use_moodles_restore_encoding_with_anchors(tmp_path):
    entries, _, _ = _build(tmp_path, "page")
    cmid = {xml(entries, p).findtext("page/name").removeprefix("Lue luku: "): xml(entries, p).get("moduleid")
            for p in activities(entries, "page")}
    first = next(xml(entries, p) for p in activities(entries, "page") if xml(entries, p).get("moduleid") == cmid["Vapaaehtoisena opastajana"])
    content = first.findtext("page/content")
    assert f'href="$@PAGEVIEWBYID*{cmid["Salassapito"]}@$"' in content
    assert f'href="$@PAGEVIEWBYID*{cmid[TRICKY_TITLE]}@$#salasanat"' in content
    assert 'href="#tyonjako"' in content  # a link within the same page keeps only its anchor
    last = next(xml(entries, p) for p in activities(entries, "page") if xml(entries, p).get("moduleid") == cmid[TRICKY_TITLE])
    # The anchor lands on the id the heading has in the HTML ('salassapito--esimerkki').
    assert f'href="$@PAGEVIEWBYID*{cmid["Salassapito"]}@$#salassapito--esimerkki"' in last.findtext("page/content")
    assert "chapter:" not in content
    assert 'href="https://www.suomi.fi"' in "".join(entries[p].decode() for p in activities(entries, "page"))


def test_book_links_point_to_the_book_chapter_holding_the_anchor(tmp_path):
    entries, _, _ = _build(tmp_path, "book")
    [path] = activities(entries, "book")
    root = xml(entries, path)
    cmid = root.get("moduleid")
    ids = {c.findtext("title"): c.get("id") for c in root.findall("book/chapters/chapter")}
    text = {c.findtext("title"): c.findtext("content") for c in root.findall("book/chapters/chapter")}
    # To a chapter: its first book chapter. To a second-level heading: that subchapter, no anchor.
    assert f'href="$@BOOKVIEWBYIDCH*{cmid}*{ids["Salassapito"]}@$"' in text["Vapaaehtoisena opastajana"]
    assert f'href="$@BOOKVIEWBYIDCH*{cmid}*{ids["Salasanat"]}@$"' in text["Vapaaehtoisena opastajana"]
    # To a deeper heading: the subchapter holding it, with the anchor kept.
    # The anchor lands on the id the heading has in the HTML ('salassapito--esimerkki').
    assert f'href="$@BOOKVIEWBYIDCH*{cmid}*{ids["Vaitiolo"]}@$#salassapito--esimerkki"' in text["Salasanat"]


def test_a_link_to_an_unknown_chapter_is_reported_not_written(tmp_path):
    from dataclasses import replace

    from builder.model import Block, SourcePos

    course = make_course(tmp_path / "course")
    broken = replace(
        course.chapters[0],
        blocks=(Block("p", '<p><a href="chapter:ei-ole">x</a></p>', SourcePos("01-vapaaehtoisuus.md", 7)),),
    )
    course = replace(course, chapters=(broken, *course.chapters[1:]))
    mbz, report = build_mbz(course, tmp_path / "staging")
    assert [d.code for d in report] == ["render-problem"]
    assert "chapter:" not in read_mbz(mbz)["activities/page_1/page.xml"].decode()


# -- Reproducibility and archive format -------------------------------------------------------------


def test_two_builds_are_byte_identical(tmp_path, layout):
    # Two copies of the sources in different folders, built into different folders.
    first, _ = build_mbz(make_course(tmp_path / "a" / "course", layout), tmp_path / "a" / "out", products(tmp_path / "a"))
    second, _ = build_mbz(make_course(tmp_path / "b" / "course", layout), tmp_path / "b" / "out", products(tmp_path / "b"))
    assert first.read_bytes() == second.read_bytes()


def test_archive_is_sorted_with_fixed_owner_and_mtime_and_gzip_mtime_zero(tmp_path):
    course = make_course(tmp_path / "course")
    mbz, _ = build_mbz(course, tmp_path / "staging", products(tmp_path))
    raw = mbz.read_bytes()
    assert raw[:2] == b"\x1f\x8b" and raw[4:8] == b"\0\0\0\0"  # gzip, mtime 0
    with tarfile.open(mbz, "r:gz") as tar:
        members = tar.getmembers()
    names = [m.name for m in members]
    assert names[0] == ".ARCHIVE_INDEX"
    assert names[1:] == sorted(names[1:], key=lambda n: n + "/" if members[names.index(n)].isdir() else n)
    assert {(m.uid, m.gid, m.uname, m.gname, m.mtime) for m in members} == {(0, 0, "", "", 1768435200)}
    assert not any(m.type in (tarfile.XHDTYPE, tarfile.XGLTYPE) for m in members)
    index = read_mbz(mbz)[".ARCHIVE_INDEX"].decode().splitlines()
    assert index[0] == f"Moodle archive file index. Count: {len(members) - 1}"
    header = gzip.decompress(raw)[257:263]
    assert header == b"ustar\0"  # the POSIX magic Moodle's extractor requires


def test_writer_reads_only_the_model(tmp_path):
    """Nothing of the source folder but the assets' own files is read: another root works."""
    course = make_course(tmp_path / "course")
    (tmp_path / "course" / "01-vapaaehtoisuus.md").write_text("not used", encoding="utf-8")
    mbz, report = build_mbz(course, tmp_path / "staging")
    assert mbz.exists() and not list(report)


def _build(tmp_path: Path, layout: str):
    course = make_course(tmp_path / "course", layout)
    mbz, report = build_mbz(course, tmp_path / "staging", products(tmp_path))
    return read_mbz(mbz), report, course


def test_names_longer_than_moodles_columns_are_shortened(tmp_path):
    from dataclasses import replace

    course = make_course(tmp_path / "course")
    long_title = "Pitkä otsikko " * 30  # 420 characters; Moodle's name columns hold 255
    course = replace(course, chapters=(replace(course.chapters[0], title=long_title), *course.chapters[1:]))
    mbz, _ = build_mbz(course, tmp_path / "staging")
    entries = read_mbz(mbz)
    name = xml(entries, "activities/page_1/page.xml").findtext("page/name")
    assert len(name) <= 255 and name.endswith("…") and name.startswith("Lue luku: Pitkä otsikko")
    section = xml(entries, "sections/section_2/section.xml").findtext("name")
    assert len(section) <= 255 and section.endswith("…") and section.startswith("1. Pitkä otsikko")


def test_a_large_photo_is_stored_column_sized_as_a_jpeg_under_its_new_name(tmp_path, layout):
    from conftest import chapter, course_of, photo, write_course

    course = with_layout(course_of(write_course(tmp_path / "course", {
        "01-alku.md": chapter("![Puisto syksyllä](kuvat/puisto.png)\n"),
        "kuvat/puisto.png": photo(1800, 1200),
    })), layout)
    mbz, report = build_mbz(course, tmp_path / "staging")
    entries = read_mbz(mbz)
    [row] = [r for r in _files(entries) if r["filename"] != "."]
    assert (row["filename"], row["mimetype"]) == ("puisto.jpg", "image/jpeg")
    pooled = entries[f"files/{row['contenthash'][:2]}/{row['contenthash']}"]
    assert len(pooled) == int(row["filesize"]) < 500_000
    assert pooled.startswith(b"\xff\xd8")  # JPEG bytes under the JPEG name
    texts = "".join(d.decode() for p, d in entries.items() if d and re.fullmatch(r"activities/(page|book)_\d+/\w+\.xml", p))
    assert 'src="@@PLUGINFILE@@/puisto.jpg"' in texts and "puisto.png" not in texts
    assert 'width="1600" height="1067"' in texts and 'alt="Puisto syksyllä"' in texts
    assert inspect_backup(mbz).faults == []
    assert list(report) == []


# -- Footnotes -----------------------------------------------------------------------------------

FOOTNOTE_CHAPTERS = {
    "01-alku.md": chapter("Johdanto[^1].\n\n## Laitteet\n\nTabletti[^laite] ja puhelin[^1].\n\n"
                          "[^1]: Ensimmäinen alaviite.\n[^laite]: Laite, jolla on kosketusnäyttö.\n"),
    "02-turva.md": chapter("## Salasanat\n\nPitkä salalause[^1].\n\n## Huijaukset\n\nÄlä vastaa[^2].\n\n"
                           "[^1]: Toisen luvun alaviite.\n[^2]: Kolmas.\n"),
}
MOODLE_LINK = re.compile(r"^\$@(?:PAGEVIEWBYID\*(\d+)|BOOKVIEWBYIDCH\*\d+\*(\d+))@\$(?:#(.*))?$")


def _footnote_course(tmp_path: Path, layout: str, language: str = "fi"):
    course_yml = (COURSE_YML.replace("language: fi", f"language: {language}") + f"moodle:\n  layout: {layout}\n"
                  + "introduction: |\n  Tervetuloa[^1].\n\n  [^1]: Johdannon alaviite.\n")
    return course_of(write_course(tmp_path / "course", {"course.yml": course_yml, **FOOTNOTE_CHAPTERS}))


def _places(entries) -> dict[str, str]:
    """Page cmid, book chapter id, 'course' or section path -> its HTML content."""
    places = {"course": xml(entries, "course/course.xml").findtext("summary")}
    for path in entries:
        if re.fullmatch(r"sections/section_\d+/section\.xml", path):
            places[path] = xml(entries, path).findtext("summary") or "<p></p>"
    for path in activities(entries, "page"):
        places[xml(entries, path).get("moduleid")] = xml(entries, path).findtext("page/content")
    for path in activities(entries, "book"):
        for book_chapter in xml(entries, path).findall("book/chapters/chapter"):
            places[book_chapter.get("id")] = book_chapter.findtext("content")
    return places


def _link_landings(places: dict[str, str]) -> list[tuple[str, str, bool]]:
    """(place, href, lands) for every in-course link with an anchor: the anchor is an id of the place it opens."""
    from lxml import html as lxml_html

    ids = {key: {el.get("id") for el in lxml_html.fragment_fromstring(html, create_parent="div").iter() if el.get("id")}
           for key, html in places.items()}
    found = []
    for key, html in places.items():
        for a in lxml_html.fragment_fromstring(html, create_parent="div").iter("a"):
            href = a.get("href") or ""
            moodle = MOODLE_LINK.match(href)
            if href.startswith("#"):
                found.append((key, href, href[1:] in ids[key]))
            elif moodle and moodle.group(3):
                found.append((key, href, moodle.group(3) in ids[moodle.group(1) or moodle.group(2)]))
    return found


def test_footnote_links_land_on_their_footnote_and_back_in_both_layouts(tmp_path, layout):
    mbz, report = build_mbz(_footnote_course(tmp_path, layout), tmp_path / "staging")
    landings = _link_landings(_places(read_mbz(mbz)))
    assert not list(report)
    # five footnotes in the chapters, one in the introduction (in the course summary and in section 0)
    assert len([href for _, href, _ in landings if "fn:" in href]) == 5 + 2
    assert len([href for _, href, _ in landings if "fnref" in href]) == 5 + 2  # and a way back from each
    assert [(key, href) for key, href, lands in landings if not lands] == []
    # The note is on the page that first refers to it; only the second reference to the first chapter's
    # note 1, in its other book chapter, leads to another page.
    on_the_same_page = [href for _, href, _ in landings if "fn:" in href and href.startswith("#")]
    assert len(on_the_same_page) == (7 if layout == "page" else 6)


@pytest.mark.parametrize("language, title", [("fi", "Takaisin alaviitteen 1 kohtaan tekstissä"),
                                             ("sv", "Tillbaka till fotnot 1 i texten"),
                                             ("en", "Back to footnote 1 in the text")])
def test_the_footnote_back_link_is_titled_in_the_course_language(tmp_path, language, title):
    course = _footnote_course(tmp_path, "page", language)
    assert f'title="{title}"' in course.chapters[0].body_html
    assert "Jump back" not in course.chapters[1].body_html


def test_in_the_book_layout_each_chapters_section_links_to_its_book_chapter(tmp_path):
    course = make_course(tmp_path / "course", "book")
    mbz, report = build_mbz(course, tmp_path / "staging")
    entries = read_mbz(mbz)
    assert list(report) == []
    [book] = [xml(entries, p) for p in activities(entries, "book")]
    cmid = book.get("moduleid")
    top = {c.findtext("title"): c.get("id") for c in book.iter("chapter") if c.findtext("subchapter") == "0"}
    sections = {int(s.findtext("number")): s for s in (xml(entries, p) for p in entries if p.endswith("section.xml"))}
    for chapter in course.chapters:
        summary = sections[chapter.number].findtext("summary")
        link = f'<a href="$@BOOKVIEWBYIDCH*{cmid}*{top[chapter.title]}@$">Lue luku: '
        assert link in summary, summary
    assert "BOOKVIEWBYIDCH" not in sections[0].findtext("summary")
