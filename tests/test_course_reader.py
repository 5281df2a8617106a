"""Reading a whole course folder: chapters, ids, all problems at once, determinism, and one fixture
per diagnostic code asserting the file and exact line it is reported at."""

from __future__ import annotations

import datetime as dt
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.diagnostics import CATALOGUE, ERROR, Report
from builder.readers.course import read_course

from conftest import COURSE_YML, FIRST_CHAPTER, chapter, examples, course_of, diagnostics_of, png, read, write_course

# Codes only the build and the writers report (tested in test_build.py), and the checks run after
# reading (builder.checks, tested in test_check_parity.py).
WRITER_CODES = {"render-problem", "output-failed", "slide-text-cut", "pptx-image-unsupported",
                "image-print-resolution",  # builder.checks, tested in test_print_shop.py
                "pdf-unavailable", "epub-unavailable"}  # the build without Pango: test_missing_pango.py
# Codes about a course's language editions, read after the course (builder.readers.editions;
# each has its fixture in test_translations.py).
EDITION_CODES = {code for code in CATALOGUE if code.startswith("translation-")}

# One tiny course per diagnostic: code -> (files, expected (file, line, code) list).
# Chapters made with chapter() have their body from line 6.
TRIGGERS: dict[str, tuple[dict, list[tuple[str, int, str]]]] = {
    "file-not-utf8": (
        {"01-alku.md": "---\ntitle: Alku\nsummary: Lyhyesti.\n---\n\nTeksti.\nÄäkköset.\n".encode("latin-1")},
        [("01-alku.md", 7, "file-not-utf8")],
    ),
    "file-unreadable": (
        {"02-kansio.md/kuva.png": png()},  # a folder named like a chapter
        [("02-kansio.md", 1, "file-unreadable")],
    ),
    "file-name-invalid": ({"01-mitä?.md": FIRST_CHAPTER}, [("01-mitä?.md", 1, "file-name-invalid")]),
    "text-control-character": (
        {"01-alku.md": chapter("Teksti.\n\nKopioitu\x0c teksti.\n")},
        [("01-alku.md", 8, "text-control-character")],
    ),
    "course-missing": ({"course.yml": None}, [("course.yml", 1, "course-missing")]),
    "course-no-chapters": (
        {"_luonnos.md": FIRST_CHAPTER, "README.md": "# Lue minut\n"},
        [("course.yml", 1, "course-no-chapters")],
    ),
    "yaml-syntax": (
        {"course.yml": COURSE_YML.replace("licence: CC BY 4.0", "licence: 'CC BY 4.0")},
        [("course.yml", 7, "yaml-syntax")],
    ),
    "key-missing": (
        {"course.yml": COURSE_YML.replace("organisation: Testiyhdistys ry\n", "")},
        [("course.yml", 1, "key-missing")],
    ),
    "key-type": (
        {"course.yml": COURSE_YML.replace("edition_date: 2026-01-15", "edition_date: 15.1.2026")},
        [("course.yml", 9, "key-type")],
    ),
    "key-unknown": (
        {"course.yml": COURSE_YML + "moodle:\n  quiz_nmae: Testi\n"},
        [("course.yml", 11, "key-unknown")],
    ),
    "key-duplicate": (
        {"01-alku.md": "---\ntitle: Alku\nsummary: Lyhyesti.\ntitle: Toinen nimi\n---\n\nTeksti.\n"},
        [("01-alku.md", 4, "key-duplicate")],
    ),
    "front-matter-missing": ({"01-alku.md": "# Alku\n\nTeksti.\n"}, [("01-alku.md", 1, "front-matter-missing")]),
    "front-matter-unclosed": (
        {"01-alku.md": "---\ntitle: Alku\nsummary: x\n\nTeksti.\n"},
        [("01-alku.md", 1, "front-matter-unclosed")],
    ),
    "chapter-id-duplicate": (
        {"01-alku.md": FIRST_CHAPTER, "02-toinen.md": "---\ntitle: T\nsummary: S\nid: alku\n---\n\nTeksti.\n"},
        [("02-toinen.md", 4, "chapter-id-duplicate")],
    ),
    "chapter-empty": ({"01-alku.md": "---\ntitle: Alku\nsummary: x\n---\n\n\n"}, [("01-alku.md", 1, "chapter-empty")]),
    "heading-anchor-duplicate": (
        {"01-alku.md": chapter("## Yksi {#sama}\n\n## Kaksi {#sama}\n")},
        [("01-alku.md", 8, "heading-anchor-duplicate")],
    ),
    "image-missing": ({"01-alku.md": chapter("Teksti.\n\n![Kuva](kuvat/ei.png)\n")}, [("01-alku.md", 8, "image-missing")]),
    "image-alt-unhelpful": (
        {"01-alku.md": chapter("Teksti.\n\n![IMG_2041](kuva.png)\n"), "kuva.png": png()},
        [("01-alku.md", 8, "image-alt-unhelpful")],
    ),
    "image-alt-missing": (
        {"01-alku.md": chapter("Teksti.\n\n![](kuva.png)\n"), "kuva.png": png()},
        [("01-alku.md", 8, "image-alt-missing")],
    ),
    "image-invalid": (
        {"01-alku.md": chapter("Teksti.\n\n![Kuva](kuva.png)\n"), "kuva.png": b"GIF89a rikki"},
        [("01-alku.md", 8, "image-invalid")],
    ),
    "image-too-large": (
        {"01-alku.md": chapter("Teksti.\n\n![Kuva](kuva.png)\n"), "kuva.png": png(6000, 40)},
        [("01-alku.md", 8, "image-too-large")],
    ),
    "path-outside-course": (
        {"01-alku.md": chapter("Teksti.\n\n![Kuva](../kuva.png)\n")},
        [("01-alku.md", 8, "path-outside-course")],
    ),
    "link-chapter-missing": (
        {"01-alku.md": chapter("Teksti.\n\n[Seuraava](02-seuraava.md)\n")},
        [("01-alku.md", 8, "link-chapter-missing")],
    ),
    "link-anchor-missing": (
        {"01-alku.md": chapter("## Alku\n\n[Loppuun](#loppu)\n")},
        [("01-alku.md", 8, "link-anchor-missing")],
    ),
    "link-file-unsupported": (
        {"01-alku.md": chapter("Teksti.\n\n[Lomake](lomake.pdf)\n")},
        [("01-alku.md", 8, "link-file-unsupported")],
    ),
    "link-web-address-incomplete": (
        {"01-alku.md": chapter("Teksti.\n\n[Digituki](www.digituki.fi)\n")},
        [("01-alku.md", 8, "link-web-address-incomplete")],
    ),
    "qr-mark-misplaced": (
        {"01-alku.md": chapter("Avaa [Suomi.fi](https://www.suomi.fi) {qr} ja kirjaudu.\n")},
        [("01-alku.md", 6, "qr-mark-misplaced")],
    ),
    "qr-link-not-web": (
        {"01-alku.md": chapter("Teksti.\n\nLue [alusta](01-alku.md){qr}.\n")},
        [("01-alku.md", 8, "qr-link-not-web")],
    ),
    "moodle-url-invalid": (
        {"course.yml": COURSE_YML + "moodle:\n  url: http://moodle.example.fi/course/view.php?id=12\n"},
        [("course.yml", 11, "moodle-url-invalid")],
    ),
    "list-bullet-pasted": (
        {"01-alku.md": chapter("Ota mukaan:\n• laturi\n")},
        [("01-alku.md", 7, "list-bullet-pasted")],
    ),
    "callout-kind-unknown": (
        {"01-alku.md": chapter("Teksti.\n\n!!! vihje\n    Teksti.\n")},
        [("01-alku.md", 8, "callout-kind-unknown")],
    ),
    "note-to-self-shown": (
        {"01-alku.md": chapter("Teksti. <!-- tarkista\n\nSeuraava.\n")},
        [("01-alku.md", 6, "note-to-self-shown")],
    ),
    "list-number-parenthesis": (
        {"01-alku.md": chapter("Teksti.\n\n1) Avaa.\n2) Valitse.\n")},
        [("01-alku.md", 8, "list-number-parenthesis")],
    ),
    "link-bare-address": (
        {"01-alku.md": chapter("Teksti.\n\nKatso https://www.kela.fi.\n")},
        [("01-alku.md", 8, "link-bare-address")],
    ),
    "code-block-indented": (
        {"01-alku.md": chapter("Teksti.\n\n    Sisennetty.\n")},
        [("01-alku.md", 8, "code-block-indented")],
    ),
    "callout-empty": (
        {"01-alku.md": chapter('Teksti.\n\n!!! vinkki "Muista"\nTeksti ilman sisennystä.\n')},
        [("01-alku.md", 8, "callout-empty")],
    ),
    "table-cells-extra": (
        {"01-alku.md": chapter("Teksti.\n\n| A | B |\n|---|---|\n| a | b | c |\n")},
        [("01-alku.md", 10, "table-cells-extra")],
    ),
    "footnote-missing": (
        {"01-alku.md": chapter("Teksti.\n\nVäite[^1].\n")},
        [("01-alku.md", 8, "footnote-missing")],
    ),
    "footnote-duplicate": (
        {"01-alku.md": chapter("Teksti[^1].\n\n[^1]: Lähde A.\n[^1]: Lähde B.\n")},
        [("01-alku.md", 8, "footnote-duplicate")],
    ),
    "footnote-unused": (
        {"01-alku.md": chapter("Teksti.\n\n[^1]: Lähde.\n")},
        [("01-alku.md", 8, "footnote-unused")],
    ),
    "heading-underlined": (
        {"01-alku.md": chapter("Teksti.\n\nMuista kirjautua ulos.\n---\n")},
        [("01-alku.md", 8, "heading-underlined")],
    ),
    "heading-level-one": (
        {"01-alku.md": chapter("Teksti.\n\n# Iso otsikko\n")},
        [("01-alku.md", 8, "heading-level-one")],
    ),
    "heading-level-skipped": (
        {"01-alku.md": chapter("Teksti.\n\n## Otsikko\n\n#### Alaotsikko\n")},
        [("01-alku.md", 10, "heading-level-skipped")],
    ),
    "block-unclosed": (
        {"01-alku.md": chapter("Teksti.\n\n```kysymys\nMikä?\n- [x] a\n")},
        [("01-alku.md", 8, "block-unclosed")],
    ),
    "block-opening-missing": (
        {"01-alku.md": chapter("Teksti.\n\nMikä?\n- [x] a\n- [ ] b\n```\n")},
        [("01-alku.md", 11, "block-opening-missing")],
    ),
    "notes-label-misspelt": (
        {"01-alku.md": chapter("Teksti.\n\n```slides\n## Dia\nMuistiinpanot\nPuhu hitaasti.\n```\n")},
        [("01-alku.md", 10, "notes-label-misspelt")],
    ),
    "question-after-feedback": (
        {"01-alku.md": chapter("Teksti.\n\n```kysymys\nMikä?\n- [x] a\n- [ ] b\nPalaute: x\nKuka?\n- [x] c\n```\n")},
        [("01-alku.md", 14, "question-after-feedback")],
    ),
    "question-option-dash": (
        {"01-alku.md": chapter("Teksti.\n\n```kysymys\nMikä?\n- [x] a\n– [ ] b\n```\n")},
        [("01-alku.md", 11, "question-option-dash")],
    ),
    "chapter-file-name": (
        {"01-alku.md": FIRST_CHAPTER, "02-turva.md.txt": FIRST_CHAPTER},
        [("02-turva.md.txt", 1, "chapter-file-name")],
    ),
    "chapter-file-copy": (
        {"01-alku.md": FIRST_CHAPTER, "01-alku - Kopio.md": FIRST_CHAPTER},
        [("01-alku - Kopio.md", 1, "chapter-file-copy")],
    ),
    "slide-title-missing": (
        {"01-alku.md": chapter("Teksti.\n\n```slides\nEi otsikkoa\n```\n")},
        [("01-alku.md", 9, "slide-title-missing")],
    ),
    "slide-separator-missing": (
        {"01-alku.md": chapter("Teksti.\n\n```slides\n## A\n- a\n\n## B\n- b\n```\n")},
        [("01-alku.md", 12, "slide-separator-missing")],
    ),
    "slide-in-notes": (
        {"01-alku.md": chapter("Teksti.\n\n```slides\n## A\n- a\nMuistiinpanot:\nKerro.\n## B\n- b\n```\n")},
        [("01-alku.md", 13, "slide-in-notes")],
    ),
    "slide-empty": (
        {"01-alku.md": chapter("Teksti.\n\n```slides\n## A\n---\n---\n## B\n```\n")},
        [("01-alku.md", 11, "slide-empty")],
    ),
    "slide-too-long": (
        {"01-alku.md": chapter("Teksti.\n\n```slides\n## Pitkä\n" + "- kohta\n" * 9 + "```\n")},
        [("01-alku.md", 9, "slide-too-long")],
    ),
    "question-text-missing": (
        {"01-alku.md": chapter("Teksti.\n\n```kysymys\n- [x] a\n- [ ] b\n```\n")},
        [("01-alku.md", 8, "question-text-missing")],
    ),
    "question-too-few-options": (
        {"01-alku.md": chapter("Teksti.\n\n```kysymys\nMikä?\n- [x] a\n```\n")},
        [("01-alku.md", 8, "question-too-few-options")],
    ),
    "question-no-correct": (
        {"01-alku.md": chapter("Teksti.\n\n```kysymys\nMikä?\n- [ ] a\n- [ ] b\n```\n")},
        [("01-alku.md", 8, "question-no-correct")],
    ),
    "question-line-unexpected": (
        {"01-alku.md": chapter("Teksti.\n\n```kysymys\nMikä?\n- [x] a\n- [ ] b\nylimääräinen\n```\n")},
        [("01-alku.md", 12, "question-line-unexpected")],
    ),
    "question-truefalse-invalid": (
        {"01-alku.md": chapter("Teksti.\n\n```kysymys\nOnko?\n- [x] Tosi\n- [x] Epätosi\n```\n")},
        [("01-alku.md", 8, "question-truefalse-invalid")],
    ),
    "html-removed": (
        {"01-alku.md": chapter("Teksti.\n\n<script>alert(1)</script>\n")},
        [("01-alku.md", 8, "html-removed")],
    ),
    "markdown-too-deep": (
        {"01-alku.md": chapter("Teksti.\n\n" + "".join("    " * level + "- kohta\n" for level in range(300)))},
        [("01-alku.md", 8 + 299, "markdown-too-deep")],
    ),
}


def test_every_reader_diagnostic_has_a_fixture():
    assert set(TRIGGERS) == set(CATALOGUE) - WRITER_CODES - EDITION_CODES


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_each_diagnostic_is_reported_at_its_file_and_line(make_course, code):
    files, expected = TRIGGERS[code]
    course_dir = make_course(files)
    course, report = read(course_dir)
    assert [(d.path, d.line, d.code) for d in report] == expected
    assert (course is None) == (CATALOGUE[code].severity == ERROR)


# Without a parsable course.yml the course language is unknown: messages stay in Finnish.
CONFIG_BROKEN = {"course-missing", "yaml-syntax"}


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_each_message_is_a_sentence_in_the_course_language(make_course, code):
    files, _ = TRIGGERS[code]
    messages = {}
    for language in ("fi", "sv", "en"):
        course_yml = files.get("course.yml", COURSE_YML)
        if course_yml is not None:
            course_yml = course_yml.replace("language: fi", f"language: {language}")
        [diagnostic] = read(make_course({**files, "course.yml": course_yml}, name=language))[1]
        # No placeholder left unfilled; '{qr}' is the Markdown mark the QR messages name.
        assert "{" not in diagnostic.message.replace("{qr}", "") and diagnostic.message.endswith((".", ")", "?"))
        messages[language] = diagnostic.message
    if code in CONFIG_BROKEN:
        assert messages["en"] == messages["sv"] == messages["fi"]
    else:
        assert len(set(messages.values())) == 3
        for language, message in messages.items():
            opening = next(string.Formatter().parse(CATALOGUE[code].template(language)))[0]
            assert message.startswith(opening)


# --- chapters ----------------------------------------------------------------------------------


def test_chapters_come_in_file_name_order_with_numbers_and_ids(make_course):
    files = {
        "10-loppu.md": chapter("Teksti.\n", title="Loppu"),
        "02-hyvä_salasana.md": chapter("Teksti.\n", title="Hyvä salasana"),
        "01-alku.md": "---\ntitle: Alku\nsummary: Ensin.\nid: aloitus\nkind: guide\n---\n\nTeksti.\n",
    }
    course = course_of(make_course(files))
    assert [(c.number, c.id, c.title, c.kind, c.source) for c in course.chapters] == [
        (1, "aloitus", "Alku", "guide", "01-alku.md"),
        (2, "hyva-salasana", "Hyvä salasana", "chapter", "02-hyvä_salasana.md"),
        (3, "loppu", "Loppu", "chapter", "10-loppu.md"),
    ]
    assert course.chapter("hyva-salasana").summary == "Tiivistelmä."
    with pytest.raises(KeyError):
        course.chapter("ei-ole")


def test_drafts_readme_and_files_in_subfolders_are_not_chapters(make_course):
    files = {"01-alku.md": FIRST_CHAPTER, "_luonnos.md": "rikki", ".piilo.md": "rikki", "README.md": "rikki",
             "muistiinpanot/01-x.md": "rikki", "ohje.txt": "rikki"}
    assert [c.source for c in course_of(make_course(files)).chapters] == ["01-alku.md"]


@pytest.mark.parametrize("name, renamed", [
    ("05-tietoturva.md.txt", "05-tietoturva.md"), ("05-tietoturva.txt", "05-tietoturva.md"),
    ("05-tietoturva.markdown", "05-tietoturva.md"), ("05-tietoturva.mdown", "05-tietoturva.md"),
    ("tietoturva.md.txt", "tietoturva.md"), ("05-Tietoturva.MARKDOWN", "05-Tietoturva.md"),
])
def test_a_chapter_saved_with_another_ending_is_an_error_naming_the_right_name(make_course, name, renamed):
    course, report = read(make_course({"01-alku.md": FIRST_CHAPTER, name: chapter("Teksti.\n")}))
    assert [(d.path, d.line, d.code) for d in report] == [(name, 1, "chapter-file-name")]
    assert f"'{renamed}'" in report.errors[0].message
    assert course is None


@pytest.mark.parametrize("name, text", [
    ("muistiinpanot.txt", "Muista kahvi.\n"), ("ohje.markdown", "# Ohje\n"), ("_05-luonnos.md.txt", FIRST_CHAPTER),
    ("01-alku.md.txt", FIRST_CHAPTER), ("05-kuva.png", "---"),
])
def test_other_files_beside_the_chapters_are_left_alone(make_course, name, text):
    assert diagnostics_of(make_course({"01-alku.md": FIRST_CHAPTER, name: text})) == []


def test_a_capital_md_ending_that_links_spell_small_is_named(make_course):
    files = {"01-alku.md": chapter("Katso [turva](05-turva.md).\n"), "05-turva.MD": chapter("Teksti.\n")}
    assert diagnostics_of(make_course(files)) == [("01-alku.md", 6, "link-chapter-missing"),
                                                   ("05-turva.MD", 1, "chapter-file-name")]


def test_a_capital_md_ending_is_a_chapter_when_links_spell_it_so(make_course):
    files = {"01-alku.md": chapter("Katso [turva](05-turva.MD).\n"), "05-turva.MD": chapter("Teksti.\n")}
    assert [c.source for c in course_of(make_course(files)).chapters] == ["01-alku.md", "05-turva.MD"]


@pytest.mark.parametrize("copy", ["02-turva - Kopio.md", "02-turva - Copy.md", "02-turva - kopia.md",
                                  "02-turva - Copy (2).md", "02-turva (1).md", "Copy of 02-turva.md",
                                  "Kopio 02-turva.md", "02-turva copy.md"])
def test_an_explorer_copy_of_a_chapter_is_a_warning_naming_both_files(make_course, copy):
    files = {"01-alku.md": FIRST_CHAPTER, "02-turva.md": chapter("Teksti.\n"), copy: chapter("Teksti.\n")}
    course, report = read(make_course(files))
    assert [(d.path, d.line, d.code, d.severity) for d in report] == [(copy, 1, "chapter-file-copy", "warning")]
    assert "02-turva.md" in report.warnings[0].message
    assert course is not None and len(course.chapters) == 3  # still published: the warning says so


def test_a_chapter_whose_name_only_ends_like_a_copy_is_no_copy(make_course):
    files = {"01-alku.md": FIRST_CHAPTER, "02-varmuuskopio.md": chapter("Teksti.\n"),
             "03-turva (1).md": chapter("Teksti.\n")}
    assert diagnostics_of(make_course(files)) == []


def test_front_matter_problems_are_reported_at_their_lines(make_course):
    files = {
        "01-a.md": "---\ntitle: A\nsummary: [x, y\n---\n\nTeksti.\n",
        "02-b.md": "---\ntitle: B\n---\n\nTeksti.\n",
        "03-c.md": "---\ntitle: C\nsummary: S\nid: Iso Kirjain\nkind: luku\nsumary: x\n---\n\nTeksti.\n",
        "04-d.md": "---\n- lista\n---\n\nTeksti.\n",
        "05-e.md": "---\ntitle:\n  sisäkkäinen: x\nsummary: ''\n---\n\nTeksti.\n",
    }
    assert diagnostics_of(make_course(files)) == [
        ("01-a.md", 3, "yaml-syntax"),
        ("02-b.md", 1, "key-missing"),
        ("03-c.md", 4, "key-type"),
        ("03-c.md", 5, "key-type"),
        ("03-c.md", 6, "key-unknown"),
        ("04-d.md", 2, "key-type"),
        ("05-e.md", 2, "key-type"),
        ("05-e.md", 4, "key-type"),
    ]


@pytest.mark.parametrize("title, summary", [("12:30", "2.10"), ("No", "On"), ("0401234567", "+358 40 123")])
def test_a_title_yaml_reads_as_a_number_or_yes_or_no_is_the_text_as_written(make_course, title, summary):
    course = course_of(make_course({"01-alku.md": f"---\ntitle: {title}\nsummary: {summary}\n---\n\nTeksti.\n"}))
    assert (course.chapters[0].title, course.chapters[0].summary) == (title, summary)


def test_a_file_name_that_gives_no_usable_id_asks_for_one(make_course):
    # reported where the front matter's settings start: that is where 'id:' should be added
    assert diagnostics_of(make_course({"01-.md": chapter("Teksti.\n")})) == [("01-.md", 2, "key-type")]


def test_chapters_whose_names_give_the_same_id(make_course):
    files = {"01-salasana.md": chapter("Teksti.\n"), "02-salasana.md": chapter("Teksti.\n")}
    assert diagnostics_of(make_course(files)) == [("02-salasana.md", 1, "chapter-id-duplicate")]


def test_a_chapter_with_only_slides_has_no_text(make_course):
    files = {"01-alku.md": chapter("```slides\n## Dia\n```\n")}
    assert diagnostics_of(make_course(files)) == [("01-alku.md", 1, "chapter-empty")]


# --- everything at once ------------------------------------------------------------------------


def test_every_problem_in_every_file_is_reported_in_one_read(make_course):
    files = {
        "course.yml": COURSE_YML.replace("language: fi", "language: de") + "tittle: x\n",
        "01-alku.md": chapter("![](puuttuu.png)\n\n[x](09-ei.md)\n"),
        "02-toinen.md": "ei etutietoja\n",
        "03-kolmas.md": "---\ntitle: K\nsummary: S\n---\n\n```slides\n## A\n---\n---\n```\n\nTeksti.\n",
        "04-latin.md": "---\ntitle: Ä\n".encode("latin-1"),
    }
    assert diagnostics_of(make_course(files)) == [
        ("01-alku.md", 6, "image-alt-missing"),
        ("01-alku.md", 6, "image-missing"),
        ("01-alku.md", 8, "link-chapter-missing"),
        ("02-toinen.md", 1, "front-matter-missing"),
        ("03-kolmas.md", 9, "slide-empty"),
        ("04-latin.md", 2, "file-not-utf8"),
        ("course.yml", 3, "key-type"),
        ("course.yml", 10, "key-unknown"),
    ]


def test_messages_are_in_the_course_language(make_course):
    english = COURSE_YML.replace("language: fi", "language: en")
    for yml, expected in ((COURSE_YML, "Kuvaa 'x.png' ei löydy. Tarkista tiedoston nimi ja kansio."),
                          (english, "The image 'x.png' does not exist. Check the file name and folder.")):
        course_dir = make_course({"course.yml": yml, "01-a.md": chapter("![Kuva](x.png)\n")}, name=yml[-10:-1])
        assert [d.message for d in read(course_dir)[1]] == [expected]


# --- legitimate inputs that must build ---------------------------------------------------------


def test_bom_and_crlf_line_endings_build_with_right_line_numbers(make_course):
    files = {
        "course.yml": ("\ufeff" + COURSE_YML).replace("\n", "\r\n"),
        "01-alku.md": ("\ufeff" + chapter("## Otsikko\n\nTeksti.\n")).replace("\n", "\r\n"),
        "02-rikki.md": ("\ufeff" + chapter("Teksti.\n\n![Kuva](ei.png)\n")).replace("\n", "\r\n"),
    }
    course_dir = make_course(files)
    assert diagnostics_of(course_dir) == [("02-rikki.md", 8, "image-missing")]
    (course_dir / "02-rikki.md").unlink()
    course = course_of(course_dir)
    assert course.meta.title == "Testikurssi"
    assert course.chapters[0].body_html == '<h2 id="alku--otsikko">Otsikko</h2>\n<p>Teksti.</p>'


def test_scandinavian_letters_everywhere(make_course):
    files = {
        "course.yml": COURSE_YML.replace("Testikurssi", "Äidinkieli ja öljyvärit – Åland"),
        "01-äö.md": chapter("![Äiti ja lapsi](<kuvat/äiti ja lapsi.png>)\n", title="Ääni"),
        "kuvat/äiti ja lapsi.png": png(),
    }
    course = course_of(make_course(files))
    assert course.meta.title == "Äidinkieli ja öljyvärit – Åland"
    assert (course.chapters[0].id, course.chapters[0].title) == ("ao", "Ääni")
    assert course.chapters[0].asset_keys == ("kuvat/äiti ja lapsi.png",)


# --- the model -----------------------------------------------------------------------------------


def test_reading_twice_gives_equal_models(make_course):
    files = {"01-a.md": chapter("## Otsikko\n\n![Kuva](k.png \"Teksti\")\n\n```slides\n## Dia\n```\n\n"
                                "```kysymys\nMikä?\n- [x] a\n- [ ] b\n```\n"), "k.png": png()}
    course_dir = make_course(files)
    assert course_of(course_dir) == course_of(course_dir)


def test_build_time_is_the_edition_date_at_midnight_utc(make_course, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert course_of(make_course()).build_time == dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc)


def test_source_date_epoch_sets_the_build_time(make_course, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert course_of(make_course()).build_time == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)


def test_a_source_date_epoch_beyond_what_a_zip_can_stamp_is_the_last_moment_it_can(make_course, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999")  # year 5138: the PowerPoint writer crashed
    assert course_of(make_course()).build_time == dt.datetime(2107, 12, 31, 23, 59, 59, tzinfo=dt.timezone.utc)


def test_assets_are_sorted_and_read_only(make_course):
    files = {"01-a.md": chapter("![B](b.png)\n\n![A](a.png)\n"), "a.png": png(), "b.png": png(colour=(0, 0, 0))}
    course = course_of(make_course(files))
    assert list(course.assets) == ["a.png", "b.png"]
    assert course.chapters[0].asset_keys == ("b.png", "a.png")
    with pytest.raises(TypeError):
        course.assets["c.png"] = course.assets["a.png"]  # type: ignore[index]


def test_course_questions_are_every_chapters_questions_in_order(make_course):
    question = "Teksti.\n\n```kysymys\nMikä?\n- [x] a\n- [ ] b\n```\n"
    course = course_of(make_course({"01-a.md": chapter(question), "02-b.md": chapter(question)}))
    assert [q.id for q in course.questions] == ["a-q1", "b-q1"]


def test_a_theme_folder_beside_the_course_is_used(make_course, tmp_path):
    (tmp_path / "assets" / "theme" / "booklet").mkdir(parents=True)
    course = course_of(make_course())
    assert course.theme_dirs == ((tmp_path / "assets" / "theme").resolve(),)
    assert course.root == (tmp_path / "course").resolve()


def test_an_explicit_assets_folder_replaces_the_default(make_course, tmp_path):
    (tmp_path / "muualla").mkdir()
    (tmp_path / "muualla" / "logo.png").write_bytes(png())
    course_dir = make_course({"course.yml": COURSE_YML + "logo: logo.png\n"})
    assert diagnostics_of(course_dir) == [("course.yml", 10, "image-missing")]
    course, report = read(course_dir, assets_dir=tmp_path / "muualla")
    assert list(report) == []
    assert course.meta.logo == "assets/logo.png"


# --- whatever a trainer writes, the reader answers with diagnostics, never a traceback ------------

PIECES = st.sampled_from([
    "---", "```slides", "```kysymys", "```", "~~~", "## Otsikko", "# Ä", "Otsikko\n---", "- [x] a", "- [ ] b",
    "> palaute", "Palaute: x", "Muistiinpanot:", "!!! vinkki", "!!! outo", "    sisennys", "![kuva](k.png)",
    "![](ei.png)", "[linkki](01-a.md#x)", "[x](02-b.md)", "[x](#y)", "<script>", "{#oma}", "title: x",
    "summary: [", "id: Iso", "kind: luku", "| a | b |", "|---|---|", "[^1]", "[^1]: x", "", " ", "\t",
    "Tekstiä ja ääkkösiä.", "\\", "*", "`", "<", "&", "\r",
])


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=30), st.lists(PIECES, max_size=8))
def test_any_chapter_text_gives_diagnostics_at_existing_lines_never_an_exception(body, front):
    text = "---\n" + "\n".join(front) + "\n---\n" + "\n".join(body) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        course_dir = write_course(Path(folder) / "course", {"01-a.md": text, "k.png": png()})
        course, report = read(course_dir)
    line_count = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for diagnostic in report:
        assert diagnostic.code in CATALOGUE
        assert diagnostic.path == "01-a.md" and 1 <= diagnostic.line <= line_count, str(diagnostic)
    assert (course is None) == bool(report.errors)
