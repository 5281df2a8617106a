"""The sample course's selkokieli edition (course/fi-selko/) keeps to Selkokeskus's advice of short
sentences (issue 19): measured here on its chapters' running text, the sentences a reader reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

EDITION = Path(__file__).resolve().parent.parent / "course" / "fi-selko"
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")
WORD = re.compile(r"\w[\w\-–.@/]*")


def running_text(markdown: str) -> list[str]:
    """The chapter's paragraphs and list items as plain text: no front matter, headings, pictures,
    callout openings or fenced blocks (slides and questions are measured with their own rules)."""
    if markdown.startswith("---\n"):
        markdown = markdown.split("\n---\n", 1)[1]
    pieces: list[list[str]] = [[]]
    fence = ""
    for line in markdown.splitlines():
        opening = FENCE.match(line)
        if fence:
            fence = "" if opening and line.strip() == fence else fence
            continue
        if opening:
            fence = opening.group(1)
            continue
        if not line.strip() or line.lstrip().startswith(("#", "![", "!!!")) or LIST_ITEM.match(line):
            pieces.append([])
        if line.strip() and not line.lstrip().startswith(("#", "![", "!!!")):
            pieces[-1].append(LIST_ITEM.sub("", line))
    text = [" ".join(" ".join(piece).split()) for piece in pieces]
    text = [re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", t) for t in text]  # a link reads as its text
    return [re.sub(r"\{[^}]*\}|[*_`]", "", t) for t in text if t]


def sentences(markdown: str) -> list[str]:
    """Each sentence of the running text; a list item without a full stop is one."""
    return [s for piece in running_text(markdown) for s in re.split(r"(?<=[.!?])\s+", piece) if WORD.search(s)]


def average_words(markdown: str) -> float:
    found = sentences(markdown)
    return sum(len(WORD.findall(s)) for s in found) / len(found)


def test_the_measure_counts_sentences_and_list_items_of_the_running_text_only():
    text = ("---\ntitle: Otsikko\nsummary: Yksi kaksi.\n---\n\n## Väliotsikko\n\nHuijari on rikollinen. "
            "Hän haluaa\nrahasi.\n\n![Kuva](images/x.png)\n\nHuijari haluaa:\n\n- tunnukset\n- kortin tiedot\n\n"
            "```slides\n## Dia\n- Tämä lause ei kuulu mukaan, koska se on dialla.\n```\n")
    assert sentences(text) == ["Huijari on rikollinen.", "Hän haluaa rahasi.", "Huijari haluaa:", "tunnukset",
                               "kortin tiedot"]
    assert average_words(text) == pytest.approx(11 / 5)


@pytest.mark.parametrize("chapter", sorted(p.name for p in EDITION.glob("*.md") if not p.name.startswith("_")))
def test_a_selkokieli_chapter_averages_under_ten_words_a_sentence(chapter):
    assert average_words((EDITION / chapter).read_text(encoding="utf-8")) < 10
