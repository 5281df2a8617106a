"""load_yaml reads with libyaml (C) where it can, and must come to exactly what PyYAML's pure-Python
parser comes to: the same values, lines and diagnostics, word for word."""

from __future__ import annotations

import random

import pytest
import yaml

from builder.diagnostics import Report
from builder.readers import yaml_source
from builder.readers.yaml_source import load_yaml
from builder.wording import YAML_OTHER

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml has no fast path")

FAST = yaml_source._FAST_LOADER


def outcome(text: str, fast: bool, language: str = "en", line_offset: int = 3) -> tuple:
    """Everything load_yaml gives back: the YamlDoc's fields and every diagnostic in full."""
    report = Report(language=language)
    saved = yaml_source._FAST_LOADER
    yaml_source._FAST_LOADER = FAST if fast else None
    try:
        doc = load_yaml(text, "course.yml", report, line_offset)
    except RecursionError:  # PyYAML's own parser on a text nested hundreds deep, with either path
        return "RecursionError"
    finally:
        yaml_source._FAST_LOADER = saved
    fields = None if doc is None else (repr(doc.values), doc.lines, doc.first_line, doc.text_lines,
                                       doc.duplicates, doc.controls, doc.nodes)
    return fields, [(d.code, d.path, d.line, d.severity, d.message) for d in report]


SETTINGS = """\
# A course
title: Vapaaehtoisen opas
language: fi
edition_date: 2026-01-15
authors: [Anna, "Bertil B.", 'Cecilia']
introduction: |
  Tämä opas on sinulle.

  **Oppaan tausta.** Alun perin # ei kommentti
outline: >-
  taitettu
  teksti
summary: monta
  riviä
  ilman lainausmerkkejä
moodle:
  layout: book
  quiz: {name: Testi, attempts: 2}
  sections:
    - one
    - - nested
      - list
    - key: value
      other: 1
slides:
  question_slides: false   # a comment
"""

CASES = {
    "settings": SETTINGS,
    "front matter": "title: Luku\nsummary: Lyhyesti.\nid: luku-1\nkind: chapter\n",
    "document start": "---\ntitle: x\n",
    "document start and end": "--- # c\ntitle: x\n...\n",
    "block scalars": "a: |\n  x\n\n  y\nb: >\n  f\n  g\nc: |-\n  s\nd: |+\n  k\n\ne: |2\n   i\nf: | # c\n  t\n",
    "empty block scalar": "a: |\nb: 1\n",
    "multi-line quoted": "a: \"x\n  y\n\n  z\"\nb: 'p\n  q'\nc: \"e\\\n  f\"\n",
    "dates": "a: 2026-01-15\nb: 2026-01-15 12:30:00\nc: 2026-01-15T12:30:00+02:00\nd: '2026-01-15'\n",
    "bad dates": "a: 2026-13-45\nb: 2026-02-30\nc: 2026-1-5\n",
    "scalars": "a: 1\nb: 1.5\nc: yes\nd: null\ne: ~\nf: 0x1F\ng: .inf\nh: 1_000\ni:\nj: ''\n",
    "aliases": "base: &b {x: 1, y: [a, b]}\nd: *b\ns: &s text\nt: *s\n",
    "alias to a bad date": "a: &d 2026-13-45\nb: *d\nc: *d\n",
    "merge keys": "base: &b {x: 1}\nd:\n  <<: *b\n  y: 2\n",
    "nested lists": "a:\n- 1\n- - 2\n  - 3\n- x: 4\n  y: [5, [6, {z: 7}]]\nb: []\nc: {}\n",
    "duplicate keys": "title: a\nmoodle:\n  layout: book\n  layout: page\ntitle: b\n",
    "control character escapes": "a: \"x\\x01y\"\nb: \"\\x7f\\u0085\"\nc: \"\\ue000\"\n",
    "surrogate escape": "a: \"x\\ud800y\"\n",
    "raw control character": "title: x\x01y\n",
    "raw DEL": "title: x\x7fy\n",
    "raw lone surrogate": "title: x\ud800y\n",
    "raw NUL": "title: x\x00y\n",
    "raw U+FFFE": "title: x\ufffey\n",
    "unclosed single quote": "title: 'Kurssi\nlanguage: fi\n",
    "unclosed double quote": 'title: "Kurssi\nlanguage: fi\n',
    "unclosed bracket": "title: Kurssi\nauthors: [a, b\nlicence: CC BY\n",
    "unclosed brace": "title: Kurssi\nmoodle: {layout: page\nlicence: x\n",
    "bad indentation": "title: Kurssi\n  language: fi\n",
    "bad indentation deeper": "moodle:\n  layout: page\n start_date: 2026-01-01\n",
    "tab indentation": "title: Kurssi\n\ttab: x\n",
    "tab after colon": "title:\tKurssi\n",
    "tab in a flow list": "authors: [a,\tb]\n",
    "tab after a value": "title: Kurssi\t\nlanguage: fi\n",
    "tab in a block scalar": "a: |\n  x\ty\n",
    "key with no value": "title: Kurssi\nlanguage\nmoodle: x\n",
    "colon in a value": "title: Kurssi: osa 2\n",
    "value starting with @": "title: @x\n",
    "value starting with *": "title: *x\n",
    "unknown escape": 'title: "C:\\kurssi"\n',
    "second document": "title: a\n---\ntitle: b\n",
    "list at the top": "- title\n- summary\n",
    "scalar at the top": "just text\n",
    "empty": "",
    "comments only": "# nothing\n# here\n",
    "empty document at the very end": "---",
    "empty document with a comment at the end": "--- # c",
    "python tag": "title: !!python/object:os.system x\n",
    "tags": "a: !!str 1\nb: !!int 2\nc: !!timestamp nope\nd: !!float x\ne: !!bool x\nf: !custom x\n",
    "non-specific tag on nothing": "a: !\nb: 1\n",
    "explicit keys": "? a\n: 1\n? b\n",
    "explicit key at the very end": "x: 1\n? a",
    "question mark in a flow list": "a: [Miksi?, b]\n",
    "question mark in a flow mapping": "a: {b: c?}\n",
    "question mark in a block value": "title: Miksi? Koska.\n",
    "block scalar header then '#'": "a: |#\n  x\n",
    "BOM at the start": "\ufefftitle: x\n",
    "BOM in the middle": "title: x\n\ufeffid: y\n",
    "BOM at the end": "title: x\nid: y\n\ufeff",
    "line separator": "title: x\u2028id: y\n",
    "next line character": "title: x\x85id: y\n",
    "carriage returns": "title: x\r\nid: y\rz: 1\n",
    "duplicate anchors": "a: &x 1\nb: &x 2\nc: *x\n",
    "undefined alias": "a: *nothing\n",
    "alias to itself": "a: &x [1, *x]\n",
    "aliases repeating exponentially": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(4)),
    "nesting past the limit": "a: " + "[" * 60 + "]" * 60 + "\n",
    "nesting past libyaml's limit": "a: " + "[" * 1100 + "]" * 1100 + "\n",
    "YAML 1.2 directive": "%YAML 1.2\n---\na: 1\n",
    "YAML 1.3 directive": "%YAML 1.3\n---\na: 1\n",
    "colon at the end in a flow list": "a: [x:]\n",
    "long key": "k" * 1030 + ": 1\n",
    "long key just under the limit": "k" * 1020 + ": 1\n",
    "long key of wide characters": "ä" * 1030 + ": 1\n",
    "unicode": "title: Ääkköset – 😀\nid: ö\n",
}


@pytest.mark.parametrize("language", ["en", "fi"])
@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_fast_path_comes_to_what_pure_python_comes_to(text, language):
    assert outcome(text, fast=True, language=language) == outcome(text, fast=False, language=language)


def test_the_fast_path_is_taken_for_ordinary_settings(monkeypatch):
    """Otherwise the test above would compare the pure-Python path with itself."""
    used = []
    parse = yaml_source._parse
    monkeypatch.setattr(yaml_source, "_parse", lambda *args: used.append(args[2]) or parse(*args))
    for name in ("settings", "front matter", "document start", "block scalars", "aliases", "dates", "bad dates",
                 "alias to a bad date", "nested lists", "duplicate keys", "control character escapes", "empty",
                 "question mark in a block value"):
        used.clear()
        load_yaml(CASES[name], "course.yml", Report())
        assert used == [FAST], name


def test_an_error_is_worded_from_the_pure_python_parser():
    """libyaml words its problems otherwise, which builder.wording does not know."""
    for name in ("unclosed bracket", "bad indentation", "unknown escape", "value starting with @"):
        (doc, diagnostics), (_, pure) = outcome(CASES[name], fast=True), outcome(CASES[name], fast=False)
        assert doc is None and diagnostics == pure and diagnostics[0][0] == "yaml-syntax", name
        assert YAML_OTHER.template("en") not in diagnostics[0][4], diagnostics  # one builder.wording knows


def test_a_bad_date_behind_an_alias_stays_text():
    doc, diagnostics = outcome(CASES["alias to a bad date"], fast=True)
    assert diagnostics == []
    assert doc[0] == repr({"a": "2026-13-45", "b": "2026-13-45", "c": "2026-13-45"})


def _tree(node, seen=None):
    seen = {} if seen is None else seen
    if node is None:
        return None
    if id(node) in seen:
        return ("alias", seen[id(node)])
    seen[id(node)] = len(seen)
    own = (type(node).__name__, node.tag, node.start_mark.line, node.start_mark.index)
    if isinstance(node, yaml.ScalarNode):
        return own + (node.value, node.style in ("|", ">"))
    if isinstance(node, yaml.SequenceNode):
        return own + (bool(node.flow_style), [_tree(item, seen) for item in node.value])
    return own + (bool(node.flow_style), [(_tree(k, seen), _tree(v, seen)) for k, v in node.value])


@pytest.mark.parametrize("name", ["settings", "document start", "document start and end", "block scalars",
                                  "empty block scalar", "multi-line quoted", "aliases", "nested lists",
                                  "comments only", "unicode"])
def test_both_parsers_give_the_same_nodes_lines_and_styles(name):
    text = CASES[name]
    assert repr(_tree(yaml.compose(text, Loader=FAST))) == repr(_tree(yaml.compose(text, Loader=yaml.SafeLoader)))


def _random_settings(rnd: random.Random, indent: int = 0, depth: int = 0) -> str:
    words = ["a", "title", "ä", "x y", "Miksi?", "Hei!", "2026-01-15", "2026-13-45", "1", "yes", "~", "a:b",
             "a#b", "&x", "*x", "!!str", "!", "? ", "@", "'q'", '"e\\x01"', "'it''s'", "[a, b?]", "{k: v}", "#c",
             "\t", "\ufeff", "-", "|", ">", "%", "`"]
    pad, lines = " " * indent, []
    for _ in range(rnd.randint(1, 4)):
        key, value = rnd.choice(["title", "a", "b", "'q k'", rnd.choice(words)]), " ".join(rnd.sample(words, 2))
        shape = rnd.random()
        if shape < 0.4:
            lines.append(f"{pad}{key}: {value}")
        elif shape < 0.55:
            header = rnd.choice(["|", ">-", "|+", "|2", "| #c", "|#"])
            lines.append(f"{pad}{key}: {header}\n{pad}  {value}\n{pad}  {rnd.choice(words)}")
        elif shape < 0.7 and depth < 3:
            lines.append(f"{pad}{key}:{rnd.choice(['', ' &a'])}\n"
                         + _random_settings(rnd, indent + rnd.choice([0, 1, 2, 2, 4]), depth + 1))
        elif shape < 0.85:
            lines.append(f"{pad}{key}:\n" + "\n".join(f"{pad}{rnd.choice(['  ', ''])}- {rnd.choice(words)}"
                                                    for _ in range(rnd.randint(1, 3))))
        else:
            lines.append(f"{pad}{key}: {value}\n{pad}  {rnd.choice(words)}")
    return "\n".join(lines)


def test_fast_path_on_random_settings_and_their_typos():
    rnd = random.Random(21)
    for _ in range(400):
        text = rnd.choice(["", "---\n"]) + _random_settings(rnd) + rnd.choice(["", "\n"])
        for _ in range(rnd.choice([0, 1, 2])):  # a typo: a character added, removed or copied from elsewhere
            at, other = rnd.randrange(len(text) + 1), rnd.randrange(len(text) + 1)
            text = rnd.choice([text[:at] + rnd.choice(" \n:-?[]{},#&*!|>'\"\\") + text[at:],
                               text[:at] + text[at + 2:], text[:at] + text[other:other + 8] + text[at:]])
        assert outcome(text, fast=True) == outcome(text, fast=False), repr(text)
