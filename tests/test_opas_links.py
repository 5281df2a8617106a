"""Every link to a heading in the trainers' guide (docs/opas/) lands where the guide is read, on GitHub
or GitLab: their anchors are the heading in lower case, punctuation dropped, spaces as '-', and ä, ö and
å kept (the tool's own rule for course chapters, ä → a, is another: the guide is not built by the tool)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

OPAS = Path(__file__).resolve().parent.parent / "docs" / "opas"
FENCE = re.compile(r"^(`{3,}|~{3,})")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
LINK = re.compile(r"\]\(<?([^)#>\s]*)#([^)>\s]+)>?\)")


def lines_outside_code(path: Path):
    fence = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        match = FENCE.match(line)
        if fence:
            fence = "" if match and line.strip() == fence else fence
        elif match:
            fence = match.group(1)
        else:
            yield line


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: '3. Kun ohjelma löytää virheen' -> '3-kun-ohjelma-löytää-virheen'."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    return {github_anchor(m.group(1)) for line in lines_outside_code(path) if (m := HEADING.match(line))}


def heading_links() -> list[tuple[str, str, str]]:
    """(page, target page, anchor as written) of every link to a heading in the guide."""
    return [(page.name, target or page.name, anchor)
            for page in sorted(OPAS.glob("*.md")) for line in lines_outside_code(page)
            for target, anchor in LINK.findall(line) if not target.startswith(("http:", "https:"))]


def test_the_guide_has_links_to_headings_to_check():
    assert {page for page, _, _ in heading_links()} >= {"kirjoittaminen.md", "kaantaminen.md", "esittaminen.md"}


@pytest.mark.parametrize("page, target, anchor", heading_links())
def test_every_link_to_a_heading_is_written_as_the_headings_anchor(page, target, anchor):
    assert anchor in anchors(OPAS / target), f"{page}: #{anchor} is no heading's anchor in {target}"
