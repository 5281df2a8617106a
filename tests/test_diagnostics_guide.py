"""docs/diagnostics.md keeps step with the catalogue: every code, its severity and its messages in fi, sv, en."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from builder.diagnostics import CATALOGUE, LANGUAGES

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "diagnostics.md"
HEADING = re.compile(r"^#{2,4} `?([a-z0-9-]+)`?\s*$", re.MULTILINE)


def sections() -> dict[str, str]:
    """Code -> the guide's text under that code's heading, up to the next heading (outside code blocks)."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    fence = ""
    for line in GUIDE.read_text(encoding="utf-8").splitlines():
        marker = re.match(r"^(`{3,}|~{3,})", line)
        if fence:
            fence = "" if marker and marker.group(1) == fence and not line[len(fence):].strip() else fence
        elif marker:
            fence = marker.group(1)
        elif line.startswith("#"):
            code = HEADING.match(line)
            current = found.setdefault(code.group(1), []) if code else None
            continue
        if current is not None:
            current.append(line)
    return {code: "\n".join(lines) for code, lines in found.items()}


def fixed_parts(template: str) -> list[str]:
    """The words of a message template around its {placeholders}."""
    return [literal.strip() for literal, *_ in string.Formatter().parse(template) if len(literal.strip()) > 3]


def test_every_catalogue_code_has_a_heading_and_nothing_else_does():
    assert sorted(sections()) == sorted(CATALOGUE)


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_each_code_states_its_severity(code):
    assert f"**Severity:** {CATALOGUE[code].severity}." in sections()[code]


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_each_code_shows_its_finnish_swedish_and_english_messages_as_the_tool_words_them(code):
    section = sections()[code].replace("\\`", "`")  # backticks in messages are escaped in Markdown
    shown = {language: re.findall(rf"^> \*\*{language}:\*\* (.+)$", section, re.MULTILINE) for language in LANGUAGES}
    assert all(len(lines) == 1 for lines in shown.values()), shown
    for language in LANGUAGES:
        for part in fixed_parts(CATALOGUE[code].template(language)):
            assert part in shown[language][0], (language, part)
    assert section.index("> **fi:**") < section.index("> **sv:**") < section.index("> **en:**")


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_each_code_says_what_causes_it_and_how_to_fix_it(code):
    section = sections()[code]
    assert "**What causes it.**" in section and "**How to fix it.**" in section and "*Korjaus:*" in section
