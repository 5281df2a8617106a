"""The theme's template environment is kept for the process (builder.theme.theme_environment), yet a
template the course's own theme adds, edits or removes is what the next render uses."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

from builder.theme import PACKAGE_THEME, theme_environment

PACKAGE_TEMPLATE = (PACKAGE_THEME / "booklet" / "booklet.html.j2").name


def render(course, name: str = "own.html.j2") -> str:
    return theme_environment(course, "booklet").get_template(name).render(course=None)


def test_the_same_folders_give_the_same_environment(tmp_path):
    course = SimpleNamespace(theme_dirs=(tmp_path / "theme",))
    assert theme_environment(course, "booklet") is theme_environment(course, "booklet")


def test_an_own_template_added_edited_and_removed_is_seen(tmp_path):
    own = tmp_path / "theme" / "booklet"
    own.mkdir(parents=True)
    course = SimpleNamespace(theme_dirs=(tmp_path / "theme",))
    package = theme_environment(course, "booklet").get_template(PACKAGE_TEMPLATE).filename
    assert Path(package).parent == PACKAGE_THEME / "booklet"
    # added: the course's own booklet template replaces the package's
    (own / PACKAGE_TEMPLATE).write_text("oma", encoding="utf-8")
    assert render(course, PACKAGE_TEMPLATE) == "oma"
    # edited, even within the same second and at the same size: the date and the size are both looked at
    path = own / PACKAGE_TEMPLATE
    stat = path.stat()
    path.write_text("uus", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1000))
    assert render(course, PACKAGE_TEMPLATE) == "uus"
    path.write_text("uusi pidempi", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1000))  # the same date as before: the size differs
    assert render(course, PACKAGE_TEMPLATE) == "uusi pidempi"
    # an included template added beside it
    path.write_text("{% include 'osa.html.j2' %}", encoding="utf-8")
    (own / "osa.html.j2").write_text("osa", encoding="utf-8")
    assert render(course, PACKAGE_TEMPLATE) == "osa"
    # removed: the package's again
    path.unlink()
    assert theme_environment(course, "booklet").get_template(PACKAGE_TEMPLATE).filename == package
