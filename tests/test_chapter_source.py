"""Splitting a chapter into front matter, body and ```slides / ```kysymys blocks, keeping line numbers."""

from __future__ import annotations

import pytest

from builder.diagnostics import Report
from builder.readers.chapter_source import split_chapter


def split(text: str):
    report = Report()
    source = split_chapter(text, "01-luku.md", report)
    return source, [(d.line, d.code) for d in report]


CHAPTER = """\
---
title: Luku
summary: Lyhyesti.
---

Ensimmäinen kappale.

```slides
## Dia
- kohta
```

Toinen kappale.

~~~kysymys
Mikä?
- [x] Tämä
- [ ] Tuo
~~~
"""


def test_front_matter_body_and_blocks_are_separated():
    source, problems = split(CHAPTER)
    assert problems == []
    assert source.front_matter == "title: Luku\nsummary: Lyhyesti."
    assert source.front_matter_line == 2
    assert [(b.kind, b.first_line, b.lines) for b in source.blocks] == [
        ("slides", 9, ("## Dia", "- kohta")),
        ("question", 16, ("Mikä?", "- [x] Tämä", "- [ ] Tuo")),
    ]


def test_body_keeps_every_line_at_its_file_line_number():
    source, _ = split(CHAPTER)
    body = source.body.split("\n")
    assert len(body) == len(CHAPTER.split("\n"))
    assert body[5] == "Ensimmäinen kappale."  # line 6
    assert body[12] == "Toinen kappale."  # line 13
    assert all(not line for line in body[:5] + body[7:11] + body[14:19])  # front matter and blocks blanked


@pytest.mark.parametrize("word, kind", [("slides", "slides"), ("diat", "slides"), ("bilder", "slides"),
                                        ("SLIDES", "slides"), ("kysymys", "question"), ("question", "question"),
                                        ("fråga", "question"), ("fraga", "question")])
def test_block_words_in_every_language(word, kind):
    source, _ = split(f"---\ntitle: x\n---\n```{word}\nsisältö\n```\n")
    assert [b.kind for b in source.blocks] == [kind]


def test_a_slides_fence_inside_an_ordinary_code_block_is_just_code():
    text = "---\ntitle: x\n---\n````\n```slides\n## Ei dia\n```\n````\n"
    source, problems = split(text)
    assert (source.blocks, problems) == ((), [])
    assert "```slides" in source.body


def test_a_longer_fence_closes_only_with_the_same_fence():
    text = "---\ntitle: x\n---\n````slides\n## Dia\n```\nkoodia\n```\n````\n"
    source, _ = split(text)
    assert source.blocks[0].lines == ("## Dia", "```", "koodia", "```")


def test_front_matter_may_end_with_three_dots():
    source, problems = split("---\ntitle: x\n...\nTeksti.\n")
    assert problems == []
    assert source.front_matter == "title: x"


@pytest.mark.parametrize(
    "text, problem",
    [
        ("title: x\n---\nTeksti.\n", (1, "front-matter-missing")),
        ("\n---\ntitle: x\n---\n", (1, "front-matter-missing")),
        ("", (1, "front-matter-missing")),
        ("---\ntitle: x\nsummary: y\n\nTeksti.\n", (1, "front-matter-unclosed")),
        ("---\ntitle: x\n---\n\nTeksti.\n\n```slides\n## Dia\n- kohta\n", (7, "block-unclosed")),
        ("---\ntitle: x\n---\n```kysymys\nMikä?\n~~~\n", (4, "block-unclosed")),
    ],
    ids=["no-opening-dashes", "blank-first-line", "empty-file", "unclosed-front-matter", "unclosed-slides",
         "other-fence-does-not-close"],
)
def test_structure_problems_are_reported_where_they_start(text, problem):
    assert split(text) == (None, [problem])


def test_unclosed_block_message_names_the_block_word():
    report = Report(language="en")
    split_chapter("---\ntitle: x\n---\n```diat\n## Dia\n", "01-luku.md", report)
    [diagnostic] = report
    assert diagnostic.message == "The ```diat block that starts here is never closed with a ``` line."
