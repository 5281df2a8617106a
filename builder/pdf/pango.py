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
import sys

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
            import weasyprint  # noqa: F401
    except (OSError, ImportError) as error:
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return None


def what_to_install(language: str, platform: str = sys.platform) -> str:
    """The one line that says what to install for Pango on ``platform``, in ``language``."""
    words = INSTALL.get(platform) or INSTALL["linux"]
    return words.template(language)
