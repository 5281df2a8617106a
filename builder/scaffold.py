"""``coursebuild new``: a new course folder copied from the small example course in the package."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from importlib import metadata
from pathlib import Path

from builder.readers.config import SHORT_NAME
from builder.readers.course import slug

TEMPLATE = Path(__file__).parent / "scaffold_course"
DEFAULT_SHORT_NAME = "uusi-kurssi"
# The CI workflows install the coursebuild that wrote them: the same outputs until the pin is changed.
CI_FILES = (".github/workflows/coursebuild.yml", ".gitlab-ci.yml")
PINNED = re.compile(r"coursebuild==[0-9][0-9A-Za-z.+-]*")


class FolderExists(Exception):
    """The target exists and is not an empty folder: nothing was written."""


def short_name_for(folder: Path) -> str:
    """A valid ``short_name`` from the folder's name ('Kevään kurssi' -> 'kevaan-kurssi')."""
    name = slug(Path(folder).resolve().name).strip("-")
    return name if SHORT_NAME.match(name) else DEFAULT_SHORT_NAME


def tool_version() -> str:
    """The version of the coursebuild that runs, as installed."""
    return metadata.version("coursebuild")


def create_course(target: Path) -> Path:
    """Copy the example course into ``target``; refuses anything but a missing or empty folder.

    The copy is made beside the target and renamed into place, so an interrupted run leaves
    no half-made course behind.
    """
    if Path(target).is_symlink():
        raise FolderExists(str(target))
    target = Path(target).resolve()
    if target.exists() and not (target.is_dir() and not any(target.iterdir())):
        raise FolderExists(str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        copy = work / "course"
        shutil.copytree(TEMPLATE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        settings = copy / "course.yml"
        text = settings.read_text(encoding="utf-8")
        text = text.replace(f"short_name: {DEFAULT_SHORT_NAME}", f"short_name: {short_name_for(target)}", 1)
        settings.write_text(text, encoding="utf-8")
        for name in CI_FILES:
            workflow = copy / name
            workflow.write_text(PINNED.sub(f"coursebuild=={tool_version()}", workflow.read_text(encoding="utf-8")),
                                encoding="utf-8")
        # rename() onto an empty folder replaces it; onto a non-empty one it fails (checked above).
        os.rename(copy, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target
