"""Theme lookup: templates and CSS are package data, overridable from the course's assets/theme/."""

from __future__ import annotations

import os
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
    elsewhere could otherwise reach Python (``cycler.__init__.__globals__.os``) and read any file.

    One environment per set of folders and of the course's own theme files in them, kept for the
    process: compiling the booklet's template costs more than filling it (the preview fills it on
    every save). Jinja reloads a template whose file changed (its date); a file added to or removed
    from the course's theme folder, or one whose size or date changed, makes a new environment.
    """
    dirs = theme_dirs(course, part)
    key = (tuple(str(d) for d in dirs), _own_files(dirs[:-1]))
    environment = _ENVIRONMENTS.get(key)
    if environment is None:
        loader = jinja2.FileSystemLoader([str(d) for d in dirs])
        environment = SandboxedEnvironment(loader=loader, autoescape=jinja2.select_autoescape(["html", "j2"]),
                                           trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        if len(_ENVIRONMENTS) >= 32:
            _ENVIRONMENTS.clear()
        _ENVIRONMENTS[key] = environment
    return environment


_ENVIRONMENTS: dict[tuple, jinja2.Environment] = {}


def _own_files(dirs: list[Path]) -> tuple:
    """Every file in the course's own theme folders, with its size and date."""
    found = []
    for root in dirs:
        for folder, subdirs, files in os.walk(root):
            subdirs.sort()
            for name in sorted(files):
                path = os.path.join(folder, name)
                try:
                    info = os.stat(path)
                except OSError:
                    found.append((path,))
                    continue
                found.append((path, info.st_size, info.st_mtime_ns))
    return tuple(found)


def theme_file(course: Course, part: str, name: str) -> Path:
    """The first ``name`` found in the theme folders for ``part``."""
    for folder in theme_dirs(course, part):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"theme file {part}/{name}")


def theme_text(course: Course, part: str, name: str) -> str:
    return theme_file(course, part, name).read_text(encoding="utf-8")
