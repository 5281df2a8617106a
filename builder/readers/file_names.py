"""File names every computer can hold: what Windows refuses in a name, so a copied course still opens there."""

from __future__ import annotations

FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)}
RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)}


def windows_name_problem(name: str) -> str | None:
    """The part of ``name`` (one file or folder name) that Windows refuses, or None when it has none."""
    for character in name:
        if character in FORBIDDEN:
            return character if character >= " " else f"U+{ord(character):04X}"
    if name.endswith((".", " ")) and name not in (".", ".."):
        return name[-1]
    stem = name.split(".", 1)[0].rstrip(" ").upper()
    if stem in RESERVED:
        return stem
    return None
