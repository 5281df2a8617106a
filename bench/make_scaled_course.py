"""A course N times the size of the sample, for the benchmark's scale rows.

Copy 1 is the sample itself. Copies 2..N repeat every chapter under a new file name and id
(``03-kohtaaminen-2.md``), with links between chapters pointing into the same copy and every
image, slide and question repeated. Each copy gets its own image files (a PNG gains a text
chunk, so its bytes and hash differ while the picture is the same): the PDFs and the Moodle
backup really carry N times the images, as a course N times the size would.

The scaled course is the source language alone: its course.yml loses ``translations:`` and the
editions' folders are not copied (an edition must have a translation of every chapter, and
the rows with editions are ``build`` and ``build-source``), so the 1x row and the 8x row make the
same kinds of outputs.

    python bench/make_scaled_course.py 4 /tmp/scale-4   # writes /tmp/scale-4/course and /assets
"""

from __future__ import annotations

import argparse
import re
import shutil
import struct
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PREFIX = re.compile(r"^\d+[-_ .]*")
LINK_TARGET = re.compile(r"(\]\(\s*)(<[^>]+>|[^)\s]+)")
REFERENCE_TARGET = re.compile(r"^(\s*\[[^\]]+\]:\s*)(<[^>]+>|\S+)", re.M)
ID_LINE = re.compile(r"^(id:\s*)([\"']?)([a-z0-9-]+)\2\s*$", re.M)
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def chapter_files(course: Path) -> list[Path]:
    return sorted(p for p in course.glob("*.md")
                  if not p.name.startswith(("_", ".")) and p.name.lower() != "readme.md")


def scale_course(source: Path, times: int, target_root: Path) -> Path:
    """Write the scaled course into ``target_root/course`` (and its ``assets/``); return that folder."""
    target = target_root / "course"
    if target_root.exists():
        shutil.rmtree(target_root)
    target.mkdir(parents=True)
    assets = source.resolve().parent / "assets"
    if assets.is_dir():
        shutil.copytree(assets, target_root / "assets")
    chapters = chapter_files(source)
    editions = edition_folders(source)
    width = max(2, len(str(times * len(chapters))))
    for path in source.rglob("*"):
        relative = path.relative_to(source)
        if relative.parts[0] in editions:
            continue
        if relative == Path("course.yml"):
            (target / relative).write_text(without_translations(path.read_text(encoding="utf-8")), encoding="utf-8")
        elif path.is_file() and path not in chapters:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / relative)
    for copy in range(1, times + 1):
        suffix = "" if copy == 1 else f"-{copy}"
        names = {}
        for position, path in enumerate(chapters):
            number = (copy - 1) * len(chapters) + position + 1
            names[path.name] = f"{number:0{width}d}-{PREFIX.sub('', path.stem)}{suffix}.md"
        media = "" if copy == 1 else f"copy-{copy}/"
        if media:
            _copy_media(source, target / media, chapters, copy)
        for path in chapters:
            text = path.read_text(encoding="utf-8")
            text = _retarget(text, names, media)
            if suffix:
                text = _rename_id(text, suffix)
            (target / names[path.name]).write_text(text, encoding="utf-8")
    return target


TRANSLATIONS = re.compile(r"^translations:[^\n]*\n(?:[ \t]+-[^\n]*\n|[ \t]*\n)*", re.M)


def edition_folders(course: Path) -> set[str]:
    """The folders of the course's language editions (``translations: [sv, fi-selko]``)."""
    found = TRANSLATIONS.search((course / "course.yml").read_text(encoding="utf-8") + "\n")
    return set(re.findall(r"[\w-]+", found.group(0).partition(":")[2])) if found else set()


def without_translations(config: str) -> str:
    """``config`` (course.yml's text) without its ``translations:`` key."""
    return TRANSLATIONS.sub("", config if config.endswith("\n") else config + "\n")


def _retarget(text: str, names: dict[str, str], media: str) -> str:
    """Point chapter links at this copy's files and media paths at this copy's media folder."""
    def replace(match: re.Match) -> str:
        raw = match.group(2)
        bracketed = raw.startswith("<")
        target = raw.strip("<>")
        file, hash_, anchor = target.partition("#")
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^#|^/", target) or not file:
            return match.group(0)
        if file in names:
            new = names[file] + hash_ + anchor
        elif file.endswith(".md") or not media:
            return match.group(0)
        else:
            new = media + target
        return match.group(1) + (f"<{new}>" if bracketed else new)

    return REFERENCE_TARGET.sub(replace, LINK_TARGET.sub(replace, text))


def _rename_id(text: str, suffix: str) -> str:
    front = FRONT_MATTER.match(text)
    if not front:
        return text
    renamed = ID_LINE.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}{suffix}{m.group(2)}", front.group(0))
    return renamed + text[front.end():]


def _copy_media(source: Path, target: Path, chapters: list[Path], copy: int) -> None:
    for path in source.rglob("*"):
        if not path.is_file() or path in chapters or path.name == "course.yml" \
                or path.relative_to(source).parts[0] in edition_folders(source):
            continue
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        data = path.read_bytes()
        destination.write_bytes(_mark_png(data, copy) if data.startswith(b"\x89PNG\r\n\x1a\n") else data)


def _mark_png(data: bytes, copy: int) -> bytes:
    """The same picture with a tEXt chunk after IHDR, so that each copy is a different file."""
    ihdr_end = 8 + 8 + struct.unpack(">I", data[8:12])[0] + 4
    payload = b"Comment\x00benchmark copy " + str(copy).encode()
    chunk = struct.pack(">I", len(payload)) + b"tEXt" + payload
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + payload) & 0xFFFFFFFF)
    return data[:ihdr_end] + chunk + data[ihdr_end:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("times", type=int)
    parser.add_argument("target", type=Path, help="folder to create; its course/ is the scaled course")
    parser.add_argument("--course", type=Path, default=REPO / "course")
    args = parser.parse_args()
    print(scale_course(args.course, args.times, args.target))


if __name__ == "__main__":
    main()
