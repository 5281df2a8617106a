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
    assert diagnostic.message == "The ```diat block that starts here is never closed: add a line with only ``` where it ends."


# --- a missing fence line: what follows must not silently change place --------------------------


@pytest.mark.parametrize(
    "body, problem",
    [
        ("```slides\n## Dia\n- kohta\n\nTeksti.\n\n```kysymys\nMikä?\n- [x] a\n- [ ] b\n```\n", (4, "block-unclosed")),
        ("```kysymys\nYksi?\n- [x] a\n- [ ] b\n\n```kysymys\nKaksi?\n- [x] a\n- [ ] b\n```\n", (4, "block-unclosed")),
        ("~~~slides\n## Dia\n\n~~~kysymys\nMikä?\n~~~\n", (4, "block-unclosed")),
        ("```slides\n## Dia\n```python\nprint()\n```\n```\n", (4, "block-unclosed")),
        ("## Dia\n- kohta\n```\n\n```kysymys\nMikä?\n- [x] a\n- [ ] b\n```\n", (6, "block-opening-missing")),
        ("Mikä?\n- [x] a\n- [ ] b\n```\n", (7, "block-opening-missing")),
        ("Mikä?\n- [x] a\n- [ ] b\n```\n\n\n", (7, "block-opening-missing")),
        ("Teksti.\n\n```python\nprint()\n", (6, "block-unclosed")),
    ],
    ids=["slides-then-question", "question-then-question", "tilde-fences", "code-inside-a-three-backtick-deck",
         "slides-opening-deleted", "question-opening-deleted-at-the-end", "trailing-blank-lines",
         "code-block-never-closed"],
)
def test_a_missing_fence_line_is_reported_before_the_next_block_is_swallowed(body, problem):
    assert split("---\ntitle: x\n---\n" + body) == (None, [problem])


def test_a_four_backtick_block_may_hold_code_fences_with_a_language():
    text = "---\ntitle: x\n---\n````slides\n## Dia\n```python\nprint()\n```\n````\n\n```kysymys\nMikä?\n```\n"
    source, problems = split(text)
    assert problems == []
    assert [(b.kind, b.lines) for b in source.blocks] == [
        ("slides", ("## Dia", "```python", "print()", "```")), ("question", ("Mikä?",))]


def test_an_ordinary_code_block_may_hold_a_shorter_block_fence():
    text = "---\ntitle: x\n---\n````markdown\n```kysymys\nMikä?\n```\n````\n\n```slides\n## Dia\n```\n"
    source, problems = split(text)
    assert problems == []
    assert [b.kind for b in source.blocks] == ["slides"]


def test_unclosed_block_message_says_what_to_add():
    report = Report(language="fi")
    split_chapter("---\ntitle: x\n---\n```kysymys\nMikä?\n\n```kysymys\nToinen?\n```\n", "01-luku.md", report)
    [diagnostic] = report
    assert diagnostic.message == "Tästä alkavaa ```kysymys-lohkoa ei päätetä: lisää lohkon loppuun rivi, jolla on vain ```."


# --- front matter whose closing '---' is missing ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: x\nsummary: y\n\nTeksti.\n\n```slides\n## A\n---\n## B\n```\n",
        "---\ntitle: x\nsummary: y\n\n## Otsikko\n\n---\n\nTeksti.\n",
        "---\ntitle: x\nsummary: y\n```slides\n## A\n---\n## B\n```\n",
        "---\ntitle: x\nsummary: y\n\nTeksti: jatkuu tässä\nja tässä.\n\n***\n\n---\n",
    ],
    ids=["prose-then-slides", "heading-then-rule", "fence-right-after", "prose-that-looks-like-a-setting"],
)
def test_front_matter_that_runs_into_the_text_is_unclosed(text):
    assert split(text) == (None, [(1, "front-matter-unclosed")])


def test_unclosed_front_matter_message_names_the_line_to_put_the_dashes_after():
    report = Report(language="en")
    split_chapter("---\ntitle: x\nsummary: y\n\nTeksti.\n\n```slides\n## A\n---\n## B\n```\n", "01-luku.md", report)
    [diagnostic] = report
    assert diagnostic.message == ("The front matter that starts here is not closed: add a line with only '---' "
                                  "after line 3, the last setting, before the chapter text.")


@pytest.mark.parametrize(
    "front",
    ["title: x\nsummary: y\n", "# kommentti\ntitle: x\nsummary: >\n  Pitkä\n  teksti.\n",
     "title: 'x'\nsummary: \"y\"\nid: luku-1\n\n", "title: x\nsummary:\n  - a\n  - b\n"],
)
def test_front_matter_of_settings_comments_and_indented_lines_is_fine(front):
    source, problems = split(f"---\n{front}---\n\nTeksti.\n\n```slides\n## A\n---\n## B\n```\n")
    assert problems == [] and source.front_matter == front[:-1]
