"""Poppler's pdfinfo and pdftotext, which read the A5 booklet for the EPUB's page list: where they are
on this computer, and what to install when they are not.

On Debian `make build` installs them (poppler-utils); on a laptop after `pip install` they are
usually missing. The build then leaves the EPUB out with one warning instead of failing. On Windows
MSYS2 puts them beside Pango in C:\\msys64\\ucrt64\\bin, which is seldom on PATH: the same folders
WeasyPrint looks in for Pango (WEASYPRINT_DLL_DIRECTORIES) are looked in here.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
from typing import Mapping

from builder.wording import Words

PROGRAMS = ("pdfinfo", "pdftotext")
# WeasyPrint 70's default for WEASYPRINT_DLL_DIRECTORIES (weasyprint/text/ffi.py), the MSYS2 folders first.
WINDOWS_FOLDERS = r"C:\msys64\ucrt64\bin;C:\msys64\mingw64\bin"

INSTALL: dict[str, Words] = {
    "win32": Words(
        "On Windows, in the 'MSYS2 UCRT64' window (see pdf-unavailable): pacman -S mingw-w64-ucrt-x86_64-poppler",
        "Windowsissa 'MSYS2 UCRT64' -ikkunassa (katso pdf-unavailable): pacman -S mingw-w64-ucrt-x86_64-poppler",
        "I Windows, i fönstret 'MSYS2 UCRT64' (se pdf-unavailable): pacman -S mingw-w64-ucrt-x86_64-poppler",
    ),
    "darwin": Words(
        "On macOS, in Terminal: brew install poppler",
        "macOS:ssä Päätteessä: brew install poppler",
        "I macOS, i Terminal: brew install poppler",
    ),
    "linux": Words(
        "On Debian or Ubuntu: sudo apt install poppler-utils; on Fedora: sudo dnf install poppler-utils",
        "Debianissa tai Ubuntussa: sudo apt install poppler-utils; Fedorassa: sudo dnf install poppler-utils",
        "I Debian eller Ubuntu: sudo apt install poppler-utils; i Fedora: sudo dnf install poppler-utils",
    ),
}


@functools.cache
def program(name: str) -> str | None:
    """The path of Poppler's program ``name`` (on PATH, or on Windows in MSYS2's folder); None when missing."""
    return find_program(name, sys.platform, os.environ)


def find_program(name: str, platform: str, environ: Mapping[str, str]) -> str | None:
    found = shutil.which(name, path=environ.get("PATH"))
    if found or platform != "win32":
        return found
    return shutil.which(name, path=environ.get("WEASYPRINT_DLL_DIRECTORIES", WINDOWS_FOLDERS))


def what_to_install(language: str, platform: str = sys.platform) -> str:
    """The one line that says what to install for Poppler on ``platform``, in ``language``."""
    words = INSTALL.get(platform) or INSTALL["linux"]
    return words.template(language)
