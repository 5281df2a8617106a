"""Which files in the course folder are chapters, and the files that only look like one: a chapter
Notepad saved as '.md.txt' would vanish from every output, an Explorer copy would be published twice."""

from __future__ import annotations

import re
from pathlib import Path

from builder.diagnostics import Report
from builder.readers.text import is_inside

# Longest first: '05-x.md.txt' becomes '05-x.md', not '05-x.md.md'.
NEAR_ENDINGS = (".md.txt", ".markdown", ".mdown", ".mkdn", ".mkd", ".txt")
CHAPTER_NUMBER = re.compile(r"^\d+[-_ .]")
# What Explorer, Finder, Google Drive and browsers add to a copied or re-downloaded file's name.
COPY_AFTER = re.compile(r"(\s+[-–]?\s*(copy|kopio|kopia)(\s*\(\d+\))?|\s*\(\d+\))$", re.IGNORECASE)
COPY_BEFORE = re.compile(r"^(copy of|kopio|kopia av|kopia)\s*[-:]?\s+", re.IGNORECASE)


def chapter_paths(course_dir: Path, report: Report) -> list[Path]:
    """The chapters in file-name order; files that look like chapters but are not read as one, or are
    a chapter's copy, are reported."""
    files = sorted((p for p in course_dir.iterdir() if not p.name.startswith(("_", "."))), key=lambda p: p.name)
    chapters = [p for p in files if p.suffix.lower() == ".md" and p.name.lower() != "readme.md"]
    names = {p.name for p in chapters}
    for path in files:
        renamed = _chapter_name_for(path, course_dir)
        if renamed and renamed not in names:
            report.add("chapter-file-name", path.name, 1, name=renamed)
    for path in chapters:
        if path.suffix != ".md" and _linked_as(path.stem + ".md", chapters, course_dir):
            report.add("chapter-file-name", path.name, 1, name=path.stem + ".md")
        original = _original_of(path.stem)
        if original and original != path.name and original in names:
            report.add("chapter-file-copy", path.name, 1, original=original)
    return chapters


def _chapter_name_for(path: Path, course_dir: Path) -> str | None:
    """'05-x.md' for a '05-x.md.txt' that is a chapter by its number or its front matter, else None."""
    ending = next((e for e in NEAR_ENDINGS if path.name.lower().endswith(e)), None)
    if ending is None:
        return None
    if not (CHAPTER_NUMBER.match(path.name) or _opens_with_front_matter(path, course_dir)):
        return None
    return path.name[: -len(ending)] + ".md"


def _opens_with_front_matter(path: Path, course_dir: Path) -> bool:
    if not path.is_file() or not is_inside(path, course_dir):  # never a pipe, never a file elsewhere
        return False
    try:
        with path.open("rb") as file:
            start = file.read(8)
    except OSError:
        return False
    return start.removeprefix(b"\xef\xbb\xbf").startswith(b"---")


def _linked_as(name: str, chapters: list[Path], course_dir: Path) -> bool:
    """Whether any chapter's text spells ``name``: '05-x.MD' is found on Windows, not on a server."""
    needle = name.encode("utf-8")
    for path in chapters:
        if not path.is_file() or not is_inside(path, course_dir):
            continue
        try:
            if needle in path.read_bytes():
                return True
        except OSError:
            continue
    return False


def _original_of(stem: str) -> str | None:
    """'02-x.md' for '02-x - Kopio', '02-x (1)' or 'Copy of 02-x'; None for a name with no copy mark."""
    original = COPY_BEFORE.sub("", COPY_AFTER.sub("", stem))
    return original + ".md" if original and original != stem else None
