"""YAML with line numbers: every key's source line, syntax errors at their line, no crashes."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.diagnostics import Report
from builder.readers.yaml_source import as_date, load_yaml


def load(text: str, line_offset: int = 0):
    report = Report()
    doc = load_yaml(text, "course.yml", report, line_offset)
    return doc, [(d.line, d.code) for d in report]


def test_every_key_has_its_line_nested_keys_dotted():
    doc, problems = load("title: Kurssi\n\nmoodle:\n  layout: book\n  quiz_name: Testi\n")
    assert problems == []
    assert doc.values == {"title": "Kurssi", "moodle": {"layout": "book", "quiz_name": "Testi"}}
    assert doc.lines == {"title": 1, "moodle": 3, "moodle.layout": 4, "moodle.quiz_name": 5}


def test_line_offset_places_front_matter_lines_in_the_chapter_file():
    doc, _ = load("title: Luku\nsummary: Lyhyesti.\n", line_offset=1)
    assert doc.line("title") == 2
    assert doc.line("summary") == 3
    assert doc.first_line == 2


def test_a_missing_key_falls_back_to_its_group_then_to_the_first_line():
    doc, _ = load("\ntitle: x\nslides:\n  title: y\n")
    assert doc.line("slides.question_slides") == 3
    assert doc.line("logo") == 2


@pytest.mark.parametrize(
    "text, line",
    [
        # PyYAML notices these only at the end; the trainer must look where the bracket or quote opens.
        ("title: Kurssi\nauthors: [a, b\nlicence: CC BY\n", 2),
        ("title: 'Kurssi\nlanguage: fi\n", 1),
        ('title: Kurssi\nmoodle: {layout: page\nlicence: x\n', 2),
        # These are noticed where they stand.
        ("title: Kurssi\n  language: fi\n", 2),
        ("moodle:\n  layout: page\n start_date: 2026-01-01\n", 3),
        ("title: Kurssi\n\ttab: x\n", 2),
    ],
)
def test_syntax_error_is_reported_at_its_line(text, line):
    assert load(text) == (None, [(line, "yaml-syntax")])


def test_syntax_error_in_front_matter_counts_the_opening_dashes():
    assert load("title: Luku\nsummary: [x, y\nid: z\n", line_offset=1) == (None, [(3, "yaml-syntax")])


def test_a_list_at_the_top_level_is_a_type_error():
    assert load("- title\n- summary\n") == (None, [(1, "key-type")])


def test_empty_text_is_an_empty_mapping():
    doc, problems = load("", line_offset=1)
    assert (doc.values, problems) == ({}, [])
    assert doc.first_line == 2


def test_impossible_date_is_kept_as_text_for_the_setting_check_not_a_crash():
    doc, problems = load("edition_date: 2026-13-45\n")
    assert problems == []
    assert doc.values == {"edition_date": "2026-13-45"}
    assert as_date(doc.values["edition_date"]) is None


@pytest.mark.parametrize("text", ["edition_date: !!timestamp nope\n", "edition_date: !!int kaksi\n",
                                  "edition_date: !!float x\n"])
def test_a_value_its_tag_cannot_make_is_kept_as_text(text):
    doc, problems = load(text)
    assert (problems, doc.values["edition_date"]) == ([], text.split()[-1])


def test_python_tags_are_refused_as_yaml_errors():
    assert load("title: !!python/object:os.system x\n") == (None, [(1, "yaml-syntax")])


@pytest.mark.parametrize(
    "value, expected",
    [
        (dt.date(2026, 1, 15), dt.date(2026, 1, 15)),
        (dt.datetime(2026, 1, 15, 12, 30), dt.date(2026, 1, 15)),
        ("2026-01-15", dt.date(2026, 1, 15)),
        (" 2026-01-15 ", dt.date(2026, 1, 15)),
        ("15.1.2026", None),
        (20260115, None),
        (None, None),
    ],
)
def test_as_date(value, expected):
    assert as_date(value) == expected


def test_text_line_is_where_the_text_starts_after_a_block_indicator():
    doc, _ = load("a: plain\nb: |\n  block\nc: >-\n  folded\nd:\n  e: 'quoted'\n", line_offset=1)
    assert [doc.text_line(k) for k in ("a", "b", "c", "d.e")] == [2, 4, 6, 8]


def problem_of(text: str) -> tuple[int, str, str]:
    report = Report("en")
    assert load_yaml(text, "course.yml", report, line_offset=1) is None
    [diagnostic] = list(report)
    return diagnostic.line, diagnostic.code, str(diagnostic)


def test_an_escape_past_the_last_unicode_character_is_a_yaml_error_at_its_line_not_a_crash():
    # PyYAML's own scanner raises ValueError (chr() arg not in range) for "\U00110000"
    line, code, text = problem_of('title: Kurssi\nsubtitle: "Osa \\U0010FFFF ja \\U00110000"\n')
    assert (line, code) == (3, "yaml-syntax") and "backslash" in text


@pytest.mark.parametrize("text, line", [
    ("title: Kurssi\nlist: " + "[" * 3000 + "]" * 3000 + "\n", 2),  # PyYAML's parser is recursive
    ("title: Kurssi\nlists: [" + ", ".join(["[1]"] * 60) + "]\nlist: " + "[" * 3000 + "]" * 3000 + "\n", 3),  # closed: no level
    ("title: Kurssi\nlist:\n" + "".join(" " * (2 * level) + f"k{level}:\n" for level in range(1, 400)), 53),
])
def test_settings_nested_hundreds_deep_are_a_yaml_error_not_a_crash(text, line):
    found_line, code, message = problem_of(text)
    assert (found_line - 1, code) == (line, "yaml-syntax") and "nested too deeply" in message


def test_an_alias_inside_itself_is_still_put_down_to_the_aliases():
    line, code, text = problem_of("title: Kurssi\nloop: &x [*x]\n")
    assert (line, code) == (3, "yaml-syntax") and "aliases" in text
