"""A build with nothing to do: the same inputs as the last build, whose outputs are still there as made.

The outputs are a function of the inputs alone (byte-identical builds, tests/test_determinism.py):
the files of the course and assets folders, the coursebuild package, the installed Python
libraries, the system's font files, ``SOURCE_DATE_EPOCH``, the Python version, the outputs asked
for and ``--strict``. (System libraries such as Pango are not in it: after upgrading them, the
first build of an unchanged course keeps its outputs until a source changes.) A build that succeeds leaves a small
record in the user's cache folder (``$XDG_CACHE_HOME/coursebuild/builds/``, one file per output
folder, so output/ holds nothing but the outputs): a fingerprint of those inputs, each output's
SHA-256 and every diagnostic it reported. When the next build into the same folder finds the same
fingerprint and every output still has its recorded bytes, it reports the same diagnostics and
writes nothing (pressing build twice, rebuilding before printing); any difference, a missing or
unreadable record, means the build runs: it reads and checks the whole course and makes again the
outputs the difference reaches (builder.reuse keeps the others, one job at a time).

Nothing is read through a symbolic link (its target path counts instead), nothing but regular
files is read (a named pipe would block), and a course too large to fingerprint quickly is
simply built.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from builder.diagnostics import Diagnostic, Report

FORMAT = 1
MAX_INPUT_BYTES = 200_000_000  # beyond this, hashing would cost more than it saves
PACKAGE = Path(__file__).resolve().parent
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")


@dataclass(frozen=True)
class PreviousBuild:
    outputs: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]
    language: str


def fingerprint(course_dir: Path, assets_dir: Path, writers: Iterable[str], strict: bool,
                options: Iterable[str] = ()) -> str | None:
    """A digest of everything the build's outputs depend on, or None when it cannot be had cheaply;
    ``options`` are the build's other options that change an output ('moodle=5')."""
    digest = hashlib.sha256()
    digest.update(json.dumps([FORMAT, sys.version, sorted(writers), strict, os.environ.get("SOURCE_DATE_EPOCH"),
                              _libraries(), _system_fonts(), *([sorted(options)] if options else [])]).encode())
    budget = [MAX_INPUT_BYTES]
    try:
        for label, folder in (("course", course_dir), ("assets", assets_dir), ("package", PACKAGE)):
            digest.update(f"\0{label}\0".encode())
            if not _add_tree(digest, Path(folder), budget):
                return None
    except OSError:  # a file that cannot be read (the reader will say which) or went away meanwhile
        return None
    return digest.hexdigest()


def previous_build(output_dir: Path, current: str | None, root: str = "") -> PreviousBuild | None:
    """The last build's record when it had the fingerprint ``current`` and its outputs are intact.

    Its diagnostics name files under ``root`` as this run's report does (see ``remember``).
    """
    if current is None:
        return None
    try:
        record = json.loads(record_path(output_dir).read_text(encoding="utf-8"))
        if record.get("format") != FORMAT or record.get("fingerprint") != current:
            return None
        outputs = []
        for name, expected in sorted(record["outputs"].items()):
            path = Path(output_dir) / name
            if name != Path(name).name or path.is_symlink() or _file_digest(path) != expected:
                return None
            outputs.append(path)
        return PreviousBuild(tuple(outputs), restored_diagnostics(record["diagnostics"], root), str(record["language"]))
    except (OSError, ValueError, KeyError, TypeError):  # no record, or not one we wrote: just build
        return None


def remember(output_dir: Path, current: str | None, outputs: Iterable[Path], report: Report) -> None:
    """Keep the record of a successful build; a cache that cannot be written only costs the next build.

    Diagnostics are kept relative to the course folder, without the root the report shows them under.
    """
    if current is not None:
        write_record(record_path(output_dir), _record_text(current, outputs, report))


def write_record(target: Path, text: str) -> None:
    """Write a record in the cache whole or not at all; a cache that cannot be written only costs time."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = target.with_name(f".{target.name}.{os.getpid()}")
        scratch.write_text(text, encoding="utf-8")
        os.replace(scratch, target)
    except OSError:
        return


def record_path(output_dir: Path) -> Path:
    """Where the record of builds into ``output_dir`` is kept."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    key = hashlib.sha256(os.fsencode(Path(output_dir).resolve())).hexdigest()[:32]
    return Path(cache) / "coursebuild" / "builds" / f"{key}.json"


def _record_text(current: str, outputs: Iterable[Path], report: Report) -> str:
    return json.dumps({
        "format": FORMAT,
        "fingerprint": current,
        "outputs": {path.name: _file_digest(path) for path in sorted(outputs)},
        "diagnostics": stored_diagnostics(report, report.root),
        "language": report.language,
    }, indent=1, ensure_ascii=False) + "\n"


def stored_diagnostics(diagnostics: Iterable[Diagnostic], root: str) -> list[dict]:
    """Diagnostics as a record keeps them: fields, paths relative to the course folder (without ``root``)."""
    prefix = os.path.join(root, "") if root else ""
    return [dict(asdict(d), path=d.path.removeprefix(prefix) if prefix else d.path) for d in diagnostics]


def restored_diagnostics(stored: Iterable[dict], root: str) -> tuple[Diagnostic, ...]:
    """The diagnostics of a record, under this run's ``root``."""
    return tuple(Diagnostic(**dict(fields, path=_under(root, fields["path"]))) for fields in stored)


def _under(root: str, path: str) -> str:
    return os.path.join(root, path) if root and not os.path.isabs(path) else path


def _add_tree(digest, folder: Path, budget: list[int], markdown: bool = True) -> bool:
    """Add every entry under ``folder`` (relative name, kind, bytes) to ``digest``; False if too large.

    ``markdown=False`` leaves out the Markdown files (builder.reuse: chapters reach the writers only
    through the model)."""
    if folder.is_symlink() or not folder.is_dir():
        digest.update(f"{folder.is_symlink()}:{os.readlink(folder) if folder.is_symlink() else ''}".encode())
        return True
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in (".git", "__pycache__"))
        for name in sorted(files) + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            path = os.path.join(root, name)
            relative = os.path.relpath(path, folder).replace(os.sep, "/")
            if not markdown and name.lower().endswith(".md"):
                continue
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                digest.update(f"\0link\0{relative}\0{os.readlink(path)}".encode("utf-8", "surrogateescape"))
            elif stat.S_ISREG(info.st_mode):
                budget[0] -= info.st_size
                if budget[0] < 0:
                    return False
                digest.update(f"\0file\0{relative}\0{info.st_size}\0".encode("utf-8", "surrogateescape"))
                with open(path, "rb") as handle:
                    digest.update(handle.read())
            else:  # a pipe, a socket, a device: its name and kind, never its contents
                digest.update(f"\0other\0{relative}\0{stat.S_IFMT(info.st_mode)}".encode("utf-8", "surrogateescape"))
    return True


def _libraries() -> list[str]:
    """The installed distributions (name and version), from the names of their metadata folders."""
    found = set()
    for entry in sys.path:
        if not entry.endswith(("site-packages", "dist-packages")):
            continue
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found.update(name for name in names if name.endswith((".dist-info", ".egg-info")))
    return sorted(found)


def _system_fonts() -> list[str]:
    """The system's font files (name, size, date): WeasyPrint takes symbols the bundled font lacks from them."""
    found = []
    for folder in FONT_FOLDERS:
        for root, dirs, files in os.walk(os.path.expanduser(folder)):
            dirs.sort()
            for name in sorted(files):
                try:
                    info = os.stat(os.path.join(root, name))
                except OSError:
                    continue
                found.append(f"{root}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return found


def _file_digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
