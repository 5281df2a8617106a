"""Theme lookup: templates and CSS are package data, overridable from the course's assets/theme/."""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from builder.model import Course

PACKAGE_THEME = Path(__file__).parent / "theme"


def theme_dirs(course: Course, part: str) -> list[Path]:
    """Folders searched for ``part`` ('booklet', 'slides'), the course's own first."""
    own = [d / part for d in course.theme_dirs if (d / part).is_dir()]
    return own + [PACKAGE_THEME / part]


def theme_environment(course: Course, part: str) -> jinja2.Environment:
    """Templates from the course's own theme folder too: sandboxed, since a course folder copied from
    elsewhere could otherwise reach Python (``cycler.__init__.__globals__.os``) and read any file."""
    loader = jinja2.FileSystemLoader([str(d) for d in theme_dirs(course, part)])
    return SandboxedEnvironment(loader=loader, autoescape=jinja2.select_autoescape(["html", "j2"]),
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def theme_file(course: Course, part: str, name: str) -> Path:
    """The first ``name`` found in the theme folders for ``part``."""
    for folder in theme_dirs(course, part):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"theme file {part}/{name}")


def theme_text(course: Course, part: str, name: str) -> str:
    return theme_file(course, part, name).read_text(encoding="utf-8")
