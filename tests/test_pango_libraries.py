"""builder.pdf.pango.libraries_from_one_listing: WeasyPrint loads the same libraries, asking ldconfig once."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys
from pathlib import Path

import pytest

from builder.pdf import pango

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or not Path("/sbin/ldconfig").exists(),
                                reason="ldconfig -p is Linux's")
REPO = Path(__file__).resolve().parent.parent
LOADED = """
import sys
sys.path.insert(0, {repo!r})
from builder.pdf.pango import pango_missing, libraries_from_one_listing
if sys.argv[1] == "plain":
    import weasyprint
else:
    assert pango_missing() is None
libraries = sorted({{line.split()[-1] for line in open("/proc/self/maps")
                    if any(n in line for n in ("gobject", "pango", "harfbuzz", "fontconfig"))}})
print("\\n".join(libraries))
"""


def loaded(variant: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", LOADED.format(repo=str(REPO)), variant],
                          capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_weasyprint_loads_the_same_library_files_as_alone():
    alone = loaded("plain")
    assert any("pango" in path for path in alone)
    assert loaded("listing") == alone


def test_names_are_answered_as_python_answers_them():
    names = ["c", "m", "pango-1.0", "gobject-2.0", "harfbuzz", "fontconfig", "libgobject-2.0-0", "pango-1.0-0"]
    python = {name: ctypes.util._findSoname_ldconfig(name) for name in names}
    with pango.libraries_from_one_listing():
        listed = {name: ctypes.util.find_library(name) for name in names}
    assert listed == python
    assert listed["pango-1.0"] and listed["libgobject-2.0-0"] is None
    assert ctypes.util.find_library is not None and ctypes.util.find_library.__module__ == "ctypes.util"


def test_a_failed_load_is_tried_again_as_weasyprint_alone_would(monkeypatch):
    tried = []

    class Failing:
        def __enter__(self):
            tried.append("listing")
            raise OSError("cannot load library 'libgobject-2.0-0'")

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(pango, "libraries_from_one_listing", Failing)
    assert pango.pango_missing.__wrapped__() is None  # WeasyPrint imported the second way
    assert tried == ["listing"]
