"""Whether this computer can make PDFs: WeasyPrint needs Pango, a system library pip does not install.

On Windows and macOS a ``pip install`` brings WeasyPrint but not Pango; importing WeasyPrint then
raises OSError ("cannot load library 'libgobject-2.0-0'"). The build asks here before it starts the
PDF writers, and leaves them out with one warning saying what to install on this system instead of
one traceback per writer.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import struct
import subprocess
import sys
from typing import Iterator

from builder.wording import Words

# What to install for Pango on each system, from WeasyPrint's installation guide
# (doc.courtbouillon.org/weasyprint/stable/first_steps.html). On Windows WeasyPrint 70 looks in
# C:\msys64\ucrt64\bin by itself (its WEASYPRINT_DLL_DIRECTORIES default), so MSYS2's UCRT64 Pango
# needs no further setting. Poppler comes in the same command: the EPUB, left out with the PDFs, needs
# it as well (builder.pdf.poppler), and one installation is easier to follow than two.
INSTALL: dict[str, Words] = {
    "win32": Words(
        "On Windows: install MSYS2 from https://www.msys2.org/ in its default folder C:\\msys64, open "
        "'MSYS2 UCRT64' from the Start menu and type: pacman -S mingw-w64-ucrt-x86_64-pango mingw-w64-ucrt-x86_64-poppler",
        "Windowsissa: asenna MSYS2 osoitteesta https://www.msys2.org/ sen ehdottamaan kansioon C:\\msys64, "
        "avaa Käynnistä-valikosta 'MSYS2 UCRT64' ja kirjoita: pacman -S mingw-w64-ucrt-x86_64-pango mingw-w64-ucrt-x86_64-poppler",
        "I Windows: installera MSYS2 från https://www.msys2.org/ i den föreslagna mappen C:\\msys64, öppna "
        "'MSYS2 UCRT64' från Start-menyn och skriv: pacman -S mingw-w64-ucrt-x86_64-pango mingw-w64-ucrt-x86_64-poppler",
    ),
    "darwin": Words(
        "On macOS: install Homebrew from https://brew.sh/ and type in Terminal: brew install pango poppler",
        "macOS:ssä: asenna Homebrew osoitteesta https://brew.sh/ ja kirjoita Päätteeseen: brew install pango poppler",
        "I macOS: installera Homebrew från https://brew.sh/ och skriv i Terminal: brew install pango poppler",
    ),
    "linux": Words(
        "On Debian or Ubuntu: sudo apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b poppler-utils; "
        "on Fedora: sudo dnf install pango poppler-utils",
        "Debianissa tai Ubuntussa: sudo apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b poppler-utils; "
        "Fedorassa: sudo dnf install pango poppler-utils",
        "I Debian eller Ubuntu: sudo apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b poppler-utils; "
        "i Fedora: sudo dnf install pango poppler-utils",
    ),
}


@functools.cache
def pango_missing() -> str | None:
    """None when WeasyPrint loads; else why not, as the system said it ("cannot load library ...").

    WeasyPrint prints a notice of its own to standard output when a library is missing; it is kept
    out of the build's output, which lists the files written.
    """
    notice = io.StringIO()
    try:
        with contextlib.redirect_stdout(notice):
            try:
                with libraries_from_one_listing():
                    import weasyprint  # noqa: F401
            except OSError:  # as WeasyPrint alone would look, to be sure: gcc and ld may know more places
                import weasyprint  # noqa: F401
    except (OSError, ImportError) as error:
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return None


@contextlib.contextmanager
def libraries_from_one_listing() -> Iterator[None]:
    """On Linux, ``ctypes.util.find_library`` answered from one ``ldconfig -p`` listing.

    WeasyPrint tries each library under its Windows and macOS names first ('libgobject-2.0-0',
    'libharfbuzz-vector.0.dylib', ...), and cffi asks ``find_library`` about every name that fails:
    each time Python runs ldconfig, gcc and ld, 22 times in all, 0.25 s of WeasyPrint's 0.6 s
    import here. This asks the loader's cache once, with Python's own pattern, and answers None for
    a name it does not list (WeasyPrint goes on to the Linux name, 'libgobject-2.0.so.0', which the
    loader opens by itself). Should WeasyPrint then fail to load, pango_missing() imports it again
    without this, so what loads is never less than before. Elsewhere, or without ldconfig: as it is.
    """
    import ctypes.util

    listing = _loader_listing() if sys.platform.startswith("linux") else None
    if not listing:
        yield
        return
    original = ctypes.util.find_library
    abi = _LDCONFIG_ABI.get(f"{os.uname().machine}-{struct.calcsize('l') * 8}", "libc6")

    def find_library(name: str) -> str | None:
        found = re.search(os.fsencode(r"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(name), abi)), listing)
        return os.fsdecode(found.group(1)) if found else None

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original


# ctypes.util._findSoname_ldconfig's table: how ldconfig -p names this machine's ABI.
_LDCONFIG_ABI = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
                 "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}


def _loader_listing() -> bytes | None:
    """``/sbin/ldconfig -p`` as Python's find_library runs it, or None."""
    try:
        done = subprocess.run(["/sbin/ldconfig", "-p"], stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, env={"LC_ALL": "C", "LANG": "C"}, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def what_to_install(language: str, platform: str = sys.platform) -> str:
    """The one line that says what to install for Pango on ``platform``, in ``language``."""
    words = INSTALL.get(platform) or INSTALL["linux"]
    return words.template(language)
