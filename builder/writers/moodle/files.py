"""The backup's files: file areas, files.xml rows, and the content pool stored once by hash."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ...model import Asset
from ...web_images import column_image
from .xmlnode import Node, leaf, node

EMPTY_SHA1 = hashlib.sha1(b"").hexdigest()  # the content hash Moodle gives directory entries


@dataclass(frozen=True)
class Content:
    """One file's bytes, identified by their SHA-1 as Moodle's file pool does."""

    sha1: str
    size: int
    mimetype: str
    source: Path | bytes  # the file, or the bytes made for the backup


def content_of(path: Path, mimetype: str) -> Content:
    data = path.read_bytes()
    return Content(hashlib.sha1(data).hexdigest(), len(data), mimetype, path)


def image_content(asset: Asset) -> tuple[str, Content]:
    """The name and content under which the backup stores ``asset``: sized for Moodle's column.

    A photo stored as PNG becomes a JPEG, so its name changes with its type ('kuva.png' ->
    'kuva.jpg'); the hash, size and type in files.xml are those of the bytes stored.
    """
    picture = column_image(asset)
    return picture.filename, Content(picture.sha1, len(picture.data), picture.mimetype, picture.data)


def pool_path(sha1: str) -> str:
    """Where backup_file_manager puts a content file inside the archive."""
    return f"files/{sha1[:2]}/{sha1}"


@dataclass(frozen=True)
class AreaKey:
    owner: str  # whose inforef.xml lists the files: 'course', 'section:ID' or 'activity:CMID'
    contextid: int
    component: str
    filearea: str
    itemid: int


@dataclass(frozen=True)
class FileRecord:
    """One <file> of files.xml."""

    id: int
    area: AreaKey
    filename: str  # '.' for the area's directory entry
    content: Content | None  # None for the directory entry
    sortorder: int


@dataclass
class _Area:
    names: dict[str, Content] = field(default_factory=dict)  # filename -> content, in order added
    sortorder: dict[str, int] = field(default_factory=dict)
    stored: dict[tuple[str, str], str] = field(default_factory=dict)  # (asked name, sha1) -> name


def _unique_name(filename: str, taken: dict[str, Content]) -> str:
    """A name not yet used in the area: 'kuva.png', then 'kuva-2.png', 'kuva-3.png' ..."""
    if filename not in taken:
        return filename
    stem, dot, ext = filename.rpartition(".")
    if not stem:
        stem, dot, ext = filename, "", ""
    n = 2
    while f"{stem}-{n}{dot}{ext}" in taken:
        n += 1
    return f"{stem}-{n}{dot}{ext}"


class FileRegistry:
    """Collects files by area while the activities are laid out; ids come out in that order."""

    def __init__(self) -> None:
        self._areas: dict[AreaKey, _Area] = {}

    def add(self, area: AreaKey, filename: str, content: Content, sortorder: int = 0) -> str:
        """Store ``content`` in ``area`` under ``filename`` (once per area) and return the name used."""
        files = self._areas.setdefault(area, _Area())
        if (filename, content.sha1) not in files.stored:
            name = _unique_name(filename, files.names)
            files.stored[(filename, content.sha1)] = name
            files.names[name] = content
            files.sortorder[name] = sortorder
        return files.stored[(filename, content.sha1)]

    def freeze(self) -> "Files":
        records: list[FileRecord] = []
        for key, area in self._areas.items():
            for name, content in area.names.items():
                records.append(FileRecord(len(records) + 1, key, name, content, area.sortorder[name]))
            # Moodle lists the area's root directory entry after its files.
            records.append(FileRecord(len(records) + 1, key, ".", None, 0))
        return Files(tuple(records))


@dataclass(frozen=True)
class Files:
    records: tuple[FileRecord, ...]

    def ids_for(self, owner: str) -> list[int]:
        return [r.id for r in self.records if r.area.owner == owner]

    def pool(self) -> dict[str, Content]:
        """Each distinct content once, by hash, in first-use order."""
        pool: dict[str, Content] = {}
        for record in self.records:
            if record.content is not None:
                pool.setdefault(record.content.sha1, record.content)
        return pool


def files_xml(files: Files, time: int, author: str, licence: str) -> Node:
    return node("files", (_file_node(r, time, author, licence) for r in files.records))


def _file_node(record: FileRecord, time: int, author: str, licence: str) -> Node:
    directory = record.content is None
    area = record.area
    return node(
        "file",
        [
            leaf("contenthash", EMPTY_SHA1 if directory else record.content.sha1),
            leaf("contextid", area.contextid),
            leaf("component", area.component),
            leaf("filearea", area.filearea),
            leaf("itemid", area.itemid),
            leaf("filepath", "/"),
            leaf("filename", record.filename),
            leaf("userid", None),
            leaf("filesize", 0 if directory else record.content.size),
            leaf("mimetype", None if directory else record.content.mimetype),
            leaf("status", 0),
            leaf("timecreated", time),
            leaf("timemodified", time),
            leaf("source", None),
            leaf("author", None if directory else author),
            leaf("license", None if directory else licence),
            leaf("sortorder", record.sortorder),
            leaf("repositorytype", None),
            leaf("repositoryid", None),
            leaf("reference", None),
        ],
        id=record.id,
    )


# Moodle's licence short names (admin/settings: licences); anything else is 'unknown'.
_LICENCES = {
    "cc by 4.0": "cc-4.0",
    "cc by-sa 4.0": "cc-sa-4.0",
    "cc by-nd 4.0": "cc-nd-4.0",
    "cc by-nc 4.0": "cc-nc-4.0",
    "cc by-nc-sa 4.0": "cc-nc-sa-4.0",
    "cc by-nc-nd 4.0": "cc-nc-nd-4.0",
    "cc0": "public",
    "cc0 1.0": "public",
    "public domain": "public",
    "all rights reserved": "allrightsreserved",
}


def moodle_licence(licence: str) -> str:
    return _LICENCES.get(" ".join(licence.lower().split()), "unknown")
