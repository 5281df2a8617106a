"""The existing name nearest to a misspelt one, for a diagnostic's 'did you mean ...?'."""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import PurePosixPath
from typing import Callable, Iterable

# Below this likeness (difflib's ratio, 0..1) two names are different names, not one misspelt.
CLOSE_ENOUGH = 0.7
NUMBER_PREFIX = re.compile(r"^\d+[-_ .]*")


def spelling(text: str) -> str:
    """``text`` as a reader would say it: no case, ä as a, ö as o (also 'a' plus a combining mark)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def nearest_file(written: str, names: Iterable[str]) -> str | None:
    """The one of ``names`` (relative paths) that ``written`` most likely meant, or None.

    Names alike but for case, ä/ö/å or the extension's case come first ('Kaavio.PNG' ->
    'kaavio.png'); then names whose file name, without its extension (and its number prefix, for
    a renumbered chapter), is close: '08-lopuksi.md' -> '07-lopuksi.md', 'kavio.png' ->
    'kaavio.png', wherever they are.
    """
    names = sorted(set(names))
    same = [name for name in names if spelling(name) == spelling(written)]
    if same:
        return same[0]

    def likeness(name: str) -> float:
        return max(_likeness(_stem(written), _stem(name)), _likeness(_file_stem(written), _file_stem(name)))

    return _closest(written, names, likeness)


def nearest_anchor(written: str, anchors: Iterable[str]) -> str | None:
    """The one of ``anchors`` that ``written`` most likely meant, or None."""
    return _closest(written, sorted(set(anchors)), lambda anchor: _likeness(spelling(written), spelling(anchor)))


def nearest_setting(written: str, names: Iterable[str]) -> str | None:
    """The one of the setting names ``names`` that ``written`` most likely meant ('titel' -> 'title'), or None."""
    return nearest_anchor(written, names)


def _file_stem(name: str) -> str:
    return spelling(PurePosixPath(name).stem)


def _stem(name: str) -> str:
    return NUMBER_PREFIX.sub("", _file_stem(name))


def _closest(written: str, names: list[str], likeness: Callable[[str], float]) -> str | None:
    """The name most like ``written`` by ``likeness``; of equals, the one whose whole spelling is likest."""
    scored = [((likeness(name), _likeness(spelling(written), spelling(name))), name) for name in names]
    best = max(scored, key=lambda item: item[0], default=None)  # the first of equals: names come sorted
    return best[1] if best is not None and best[0][0] >= CLOSE_ENOUGH else None


def _likeness(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() if a and b else 0.0
