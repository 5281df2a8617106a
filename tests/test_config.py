"""course.yml: required settings, types, defaults, unknown settings, each reported at its line."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import COURSE_YML, course_of, diagnostics_of, read

FULL_COURSE_YML = """\
title: Nettiopastajalle
subtitle: Opas vapaaehtoiselle
short_name: netti-opas-2
language: sv
organisation: Socom
contact: www.socom.fi
authors: Yksi Tekijä
licence: CC BY 4.0
edition: 2
edition_date: 2026-11-27
logo_alt: Nettiopastajalle-logo
introduction: |
  Tämä on **johdanto**.
moodle:
  layout: book
  start_date: 2027-01-11
  quiz_name: Kokeile
booklet:
  large_print: yes
slides:
  title: Valmennus
  question_slides: true
"""


def with_setting(line: str) -> str:
    """The minimal course.yml with ``line`` appended as its line 10."""
    return COURSE_YML + line


def test_every_setting_reaches_the_model(make_course):
    meta = course_of(make_course({"course.yml": FULL_COURSE_YML})).meta
    assert (meta.title, meta.subtitle, meta.short_name, meta.language) == (
        "Nettiopastajalle", "Opas vapaaehtoiselle", "netti-opas-2", "sv")
    assert (meta.organisation, meta.contact, meta.licence, meta.edition) == ("Socom", "www.socom.fi", "CC BY 4.0", "2")
    assert meta.authors == ("Yksi Tekijä",)  # a single author may be written without a list
    assert meta.edition_date == dt.date(2026, 11, 27)
    assert meta.introduction_html == "<p>Tämä on <strong>johdanto</strong>.</p>"
    assert meta.logo_alt == "Nettiopastajalle-logo"
    assert (meta.moodle.layout, meta.moodle.start_date, meta.moodle.quiz_name) == ("book", dt.date(2027, 1, 11), "Kokeile")
    assert meta.booklet.large_print is True
    assert (meta.slides.title, meta.slides.question_slides) == ("Valmennus", True)


def test_optional_settings_have_their_documented_defaults(make_course):
    meta = course_of(make_course()).meta
    assert (meta.subtitle, meta.contact, meta.introduction_html, meta.logo) == ("", "", "", None)
    assert meta.logo_alt == meta.title == "Testikurssi"  # what a course's logo shows is most often its title
    assert meta.authors == ("Tessa Testaaja",)
    assert (meta.moodle.layout, meta.moodle.start_date, meta.moodle.quiz_name) == ("page", None, "Testaa osaamisesi")
    assert meta.booklet.large_print is False
    assert (meta.slides.title, meta.slides.question_slides) == ("", False)


@pytest.mark.parametrize("language, quiz_name", [("fi", "Testaa osaamisesi"), ("sv", "Testa dina kunskaper"),
                                                 ("en", "Test your knowledge")])
def test_the_default_quiz_name_is_in_the_course_language(make_course, language, quiz_name):
    meta = course_of(make_course({"course.yml": COURSE_YML.replace("language: fi", f"language: {language}")})).meta
    assert meta.moodle.quiz_name == quiz_name


@pytest.mark.parametrize("key", ["title", "short_name", "language", "organisation", "authors", "licence",
                                 "edition", "edition_date"])
def test_each_missing_required_setting_is_reported(make_course, key):
    lines = [line for line in COURSE_YML.splitlines(keepends=True) if not line.startswith(key + ":")]
    if key == "authors":
        lines = [line for line in lines if not line.startswith("  - ")]
    course_dir = make_course({"course.yml": "".join(lines)})
    assert diagnostics_of(course_dir) == [("course.yml", 1, "key-missing")]
    assert f"'{key}'" in next(iter(read(course_dir)[1])).message


def test_all_missing_settings_are_reported_at_once(make_course):
    course_dir = make_course({"course.yml": "title: Kurssi\n"})
    assert [code for _, _, code in diagnostics_of(course_dir)] == ["key-missing"] * 7


def test_an_empty_required_value_counts_as_missing(make_course):
    assert diagnostics_of(make_course({"course.yml": COURSE_YML.replace("title: Testikurssi", "title:")})) == [
        ("course.yml", 1, "key-missing")]


@pytest.mark.parametrize(
    "setting, wrong_line",
    [
        # wrong_line counts within the setting: 1 is the setting's first line
        ("language: de", 1),
        ("short_name: Iso Nimi", 1),
        ("short_name: -alkaa-viivalla", 1),
        ("edition_date: 15.1.2026", 1),
        ("edition_date: 2026-13-45", 1),
        ("moodle:\n  layout: kirja", 2),
        ("moodle:\n  layout: page\n  start_date: ensi vuonna", 3),
        ("booklet:\n  large_print: kyllä", 2),
        ("slides:\n  question_slides: 1", 2),
        ("authors:\n  nimi: Tessa", 1),
        ("title: [Kaksi, otsikkoa]", 1),
        ("organisation: {nimi: Socom}", 1),
        ("moodle: page", 1),
    ],
)
def test_a_wrongly_typed_setting_is_reported_at_its_own_line(make_course, setting, wrong_line):
    key = setting.split(":")[0]
    kept = [line for line in COURSE_YML.splitlines(keepends=True)
            if not line.startswith(key + ":") and not (key == "authors" and line.startswith("  - "))]
    text = "".join(kept) + setting + "\n"
    assert diagnostics_of(make_course({"course.yml": text})) == [("course.yml", len(kept) + wrong_line, "key-type")]


def test_key_type_message_says_what_is_expected_in_finnish(make_course):
    course_dir = make_course({"course.yml": COURSE_YML.replace("language: fi", "language: de")})
    [diagnostic] = read(course_dir)[1]
    assert diagnostic.message == "Asetuksen 'language' pitää olla jokin näistä: fi, sv, en."


def test_unknown_setting_is_a_warning_at_its_line_and_the_course_still_reads(make_course):
    course_dir = make_course({"course.yml": with_setting("tittle: Kirjoitusvirhe\nmoodle:\n  layuot: book\n")})
    course, report = read(course_dir)
    assert [(d.path, d.line, d.code, d.severity) for d in report] == [
        ("course.yml", 10, "key-unknown", "warning"),
        ("course.yml", 12, "key-unknown", "warning"),
    ]
    assert course is not None
    assert "'moodle.layuot'" in report.warnings[1].message


@pytest.mark.parametrize("flag, expected", [("yes", True), ("no", False), ("true", True), ("false", False)])
def test_yes_and_no_are_booleans(make_course, flag, expected):
    course = course_of(make_course({"course.yml": with_setting(f"booklet:\n  large_print: {flag}\n")}))
    assert course.meta.booklet.large_print is expected


def test_numbers_are_accepted_as_text(make_course):
    course = course_of(make_course({"course.yml": COURSE_YML.replace("edition: 1. painos", "edition: 2")}))
    assert course.meta.edition == "2"


@pytest.mark.parametrize("key, written", [
    ("edition", "2.10"),           # a float to YAML: 2.1
    ("contact", "0401234567"),     # octal to YAML: 67451255
    ("contact", "+358401234567"),  # 358401234567
    ("subtitle", "12:30"),         # base 60 to YAML: 750
    ("licence", "1_000"),          # 1000
    ("organisation", "0x1F"),      # 31
    ("edition", "3."),             # 3.0
])
def test_a_setting_that_yaml_reads_as_a_number_keeps_the_text_as_written(make_course, key, written):
    text = "".join(line for line in COURSE_YML.splitlines(keepends=True) if not line.startswith(key + ":"))
    meta = course_of(make_course({"course.yml": text + f"{key}: {written}\n"})).meta
    assert getattr(meta, key) == written


@pytest.mark.parametrize("word", ["No", "yes", "On", "OFF", "true"])
def test_a_text_setting_that_yaml_reads_as_yes_or_no_is_the_word_as_written(make_course, word):
    text = COURSE_YML.replace("title: Testikurssi", f"title: {word}") + f"slides:\n  title: {word}\n"
    meta = course_of(make_course({"course.yml": text})).meta
    assert (meta.title, meta.slides.title, meta.logo_alt) == (word, word, word)


def test_a_yes_or_no_setting_still_takes_yes_and_no(make_course):
    meta = course_of(make_course({"course.yml": with_setting("booklet:\n  large_print: No\n")})).meta
    assert meta.booklet.large_print is False


def test_introduction_problems_are_reported_at_their_line_in_course_yml(make_course):
    text = with_setting("introduction: |\n  Katso kuva.\n\n  ![](kuvat/puuttuu.png)\n")
    assert diagnostics_of(make_course({"course.yml": text})) == [
        ("course.yml", 13, "image-alt-missing"),
        ("course.yml", 13, "image-missing"),
    ]


def test_introduction_can_link_to_a_chapter(make_course):
    course = course_of(make_course({"course.yml": with_setting("introduction: Aloita [alusta](01-alku.md).\n")}))
    assert course.meta.introduction_html == '<p>Aloita <a href="chapter:alku">alusta</a>.</p>'


def test_an_introduction_on_the_key_line_is_reported_at_that_line(make_course):
    text = with_setting("introduction: Katso ![](kuvat/puuttuu.png)\n")
    assert diagnostics_of(make_course({"course.yml": text})) == [
        ("course.yml", 10, "image-alt-missing"),
        ("course.yml", 10, "image-missing"),
    ]


def test_a_misspelt_setting_is_named_as_it_was_meant_and_a_strange_one_is_not(make_course):
    course_yml = COURSE_YML + "tittle: Kurssi\nmoodle:\n  layot: page\nväri: sininen\n"
    chapter_text = "---\ntitel: Luku\nsummary: Tiivistelmä.\nsumary: Toinen.\n---\n\nTeksti.\n"
    report = read(make_course({"course.yml": course_yml, "01-alku.md": chapter_text}))[1]
    said = sorted((d.path, d.line, d.message) for d in report if d.code == "key-unknown")
    assert [message.split("kirjoitusasu.")[1] for _, _, message in said] == [
        " Tarkoititko 'title'?", " Tarkoititko 'summary'?",  # 01-alku.md: titel, sumary
        " Tarkoititko 'title'?", " Tarkoititko 'moodle.layout'?", ""]  # course.yml: tittle, layot, väri
