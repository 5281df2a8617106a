"""Shared fixtures: tiny course folders written from a dict, and what the reader says about them."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Callable, Mapping

import pytest
from hypothesis import settings

from builder.diagnostics import Report
from builder.model import Course
from builder.readers.course import read_course

COURSE_YML = """\
title: Testikurssi
short_name: testikurssi
language: fi
organisation: Testiyhdistys ry
authors:
  - Tessa Testaaja
licence: CC BY 4.0
edition: 1. painos
edition_date: 2026-01-15
"""

FIRST_CHAPTER = """\
---
title: Alku
summary: Ensimmäinen luku.
---

Tekstiä.
"""

MakeCourse = Callable[..., Path]

# `make test` (and CI) tries the same generated examples on every run, so a red run is the code's
# doing and repeats on the next try; `make fuzz` draws new ones, many more, to look for new slips.
settings.register_profile("repeatable", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", print_blob=True)
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "repeatable")
settings.load_profile(HYPOTHESIS_PROFILE)


def examples(count: int) -> int:
    """How many examples a property test tries: ``count`` in `make test`, ten times as many in `make fuzz`."""
    return count * 10 if HYPOTHESIS_PROFILE == "explore" else count


@pytest.fixture(autouse=True)
def own_build_records(tmp_path_factory, monkeypatch) -> None:
    """Each test keeps its records of earlier builds (builder.up_to_date) to itself, away from ~/.cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: builds every output of the real course (about 20 s); "
                                       "`pytest -m 'not slow'` leaves it out while editing")


def write_course(root: Path, files: Mapping[str, str | bytes | None]) -> Path:
    """Write ``files`` (path -> text or bytes; None leaves the file out) into ``root``.

    course.yml is the minimal valid one unless ``files`` gives its own, and a one-paragraph
    chapter 01-alku.md is added when ``files`` has no chapter at all.
    """
    defaults: dict[str, str | bytes | None] = {"course.yml": COURSE_YML}
    if not any(name.endswith(".md") and "/" not in name for name in files):
        defaults["01-alku.md"] = FIRST_CHAPTER
    root.mkdir(parents=True, exist_ok=True)
    for name, content in {**defaults, **files}.items():
        if content is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return root


@pytest.fixture
def make_course(tmp_path: Path) -> MakeCourse:
    """``make_course({"01-a.md": "..."})`` -> the path of a course folder ``tmp_path/course``."""

    def make(files: Mapping[str, str | bytes | None] | None = None, name: str = "course") -> Path:
        return write_course(tmp_path / name, files or {})

    return make


def read(course_dir: Path, assets_dir: Path | None = None) -> tuple[Course | None, Report]:
    report = Report()
    return read_course(course_dir, report, assets_dir), report


def diagnostics_of(course_dir: Path) -> list[tuple[str, int, str]]:
    """Every diagnostic the reader gives for ``course_dir``, as (file, line, code), sorted."""
    return [(d.path, d.line, d.code) for d in read(course_dir)[1]]


def course_of(course_dir: Path) -> Course:
    """The course read from ``course_dir``, which must read without a single diagnostic."""
    course, report = read(course_dir)
    assert [str(d) for d in report] == []
    assert course is not None
    return course


def png(width: int = 4, height: int = 3, colour: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def photo(width: int = 3000, height: int = 2000, seed: int = 1, format: str = "PNG") -> bytes:
    """A photo-like picture: colour gradients with fine seeded noise, the same bytes every run.

    As PNG, 3000 x 2000 of it is about 11 MB, as a camera's photo saved as PNG would be.
    """
    import random

    from PIL import Image

    noise = Image.frombytes("RGB", (width, height), random.Random(seed).randbytes(width * height * 3))
    ramp = Image.linear_gradient("L").resize((width, height))
    colours = Image.merge("RGB", (ramp, ramp.transpose(Image.Transpose.ROTATE_180),
                                  ramp.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    buffer = io.BytesIO()
    Image.blend(colours, noise, 0.05).save(buffer, format=format, **({"compress_level": 1} if format == "PNG" else {}))
    return buffer.getvalue()


def chapter(body: str, title: str = "Luku", summary: str = "Tiivistelmä.") -> str:
    """A chapter file whose ``body`` starts on line 6 (four lines of front matter, one blank)."""
    return f"---\ntitle: {title}\nsummary: {summary}\n---\n\n{body}"
