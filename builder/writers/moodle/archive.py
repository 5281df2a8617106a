"""The .mbz itself: a gzip'd ustar archive that is byte-identical for the same contents."""

from __future__ import annotations

import gzip
import io
import os
import tarfile
from pathlib import Path
from typing import Mapping, Union

INDEX_NAME = ".ARCHIVE_INDEX"
INDEX_PREFIX = "Moodle archive file index. Count: "

Entry = Union[bytes, Path]  # file content, or a file on disk to copy in


def write_archive(target: Path, entries: Mapping[str, Entry], mtime: int) -> None:
    """Write ``entries`` (archive path -> content) to ``target`` as Moodle's tgz_packer does:
    the .ARCHIVE_INDEX file first, then every directory and file, here in sorted order, all
    owned by 0:0 with the same mtime; plain ustar headers (Moodle's extractor ignores pax ones).
    """
    contents = {path: _bytes(entry) for path, entry in entries.items()}
    listed = sorted(set(contents) | _directories(contents))
    index = _index(listed, contents, mtime)
    tmp = target.with_name(f".{target.name}.tmp")
    with open(tmp, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            with tarfile.open(fileobj=gz, mode="w", format=tarfile.USTAR_FORMAT) as tar:
                _add(tar, INDEX_NAME, index, mtime)
                for path in listed:
                    _add(tar, path, contents.get(path), mtime)
    os.replace(tmp, target)


def _bytes(entry: Entry) -> bytes:
    return entry.read_bytes() if isinstance(entry, Path) else entry


def _directories(paths) -> set[str]:
    dirs = set()
    for path in paths:
        parts = path.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            dirs.add("/".join(parts[:i]) + "/")
    return dirs


def _index(listed: list[str], contents: Mapping[str, bytes], mtime: int) -> bytes:
    lines = [f"{INDEX_PREFIX}{len(listed)}"]
    for path in listed:
        if path.endswith("/"):
            lines.append(f"{path}\td\t0\t?")
        else:
            lines.append(f"{path}\tf\t{len(contents[path])}\t{mtime}")
    return ("\n".join(lines) + "\n").encode("ascii")


def _add(tar: tarfile.TarFile, path: str, data: bytes | None, mtime: int) -> None:
    info = tarfile.TarInfo(path.rstrip("/") if data is None else path)
    info.mtime = mtime
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    if data is None:
        info.type = tarfile.DIRTYPE
        info.mode = 0o755
        tar.addfile(info)
    else:
        info.size = len(data)
        info.mode = 0o644
        tar.addfile(info, io.BytesIO(data))
