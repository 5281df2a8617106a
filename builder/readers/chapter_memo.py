"""Chapters read before, kept in memory for a process that reads the same course again and again.

The preview (builder.preview.site) reads the whole course after every save, yet a save changes one
chapter: rendering the others again costs most of a refresh. Once ``remember_chapter_reads()`` is
called, a chapter is rendered again only when something its reading depends on differs:

- everything the reader is given: the chapter file's front matter, body and fenced blocks, its
  number, id and file name, the folder, every chapter file name and id (its links), the files that
  are no chapter yet, the language of its words and of the diagnostics, the report's root, and
  the folders pictures are looked up in (``_key``);
- the pictures it shows: every lookup the reading made (``AssetResolver.resolve``) is made again, in
  the same order, and must come out the same: the same asset key, the same file contents (its
  sha1, size, pixels) and the same diagnostics. A picture edited, added where one was missing, or
  removed, is a miss and the chapter is read again.

A hit gives back the same ``Chapter``, the same diagnostics and the same links a new reading would
give. ``build`` does not switch it on.

``coursebuild check`` keeps the chapters it read in the user's cache folder
(``$XDG_CACHE_HOME/coursebuild/check/``, one file per course folder: ``load``, ``save``), so that a
check after an edit renders only the chapters edited. The file also holds what the chapters were
read with: the program's modules (by size and date, as Python tells a compiled module out of
date), Python's version and the files of Python-Markdown, nh3, lxml and PyYAML (found where an import
would find them, by size and date: an upgrade writes them anew); any difference and the file is not
used. Only the chapters the last check used are kept in it.

The settings are kept the same way (``read_settings``): what reading a YAML text (course.yml, a
chapter's front matter) gave, its ``YamlDoc`` and diagnostics, for the very same text, file name,
first line and report. A check whose settings are all as before does not import PyYAML.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from builder.diagnostics import Diagnostic, Report
from builder.model import Asset, Chapter
from builder.readers.markdown_body import ShiftedReport

MAX_KEPT = 1024  # chapters and settings texts: far more than a course and its editions have


@dataclass(frozen=True)
class _Lookup:
    """One picture lookup made while reading a chapter, and what came of it."""

    target: str
    base_dir: Path
    shown: str
    line: int
    shift: int  # lines added by the report it was made through (a slide or an answer: a piece of the file)
    key: str | None
    asset: Asset | None
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class _Kept:
    chapter: Chapter  # or the introduction's RenderedBody
    diagnostics: tuple[Diagnostic, ...]
    links: tuple
    lookups: tuple[_Lookup, ...]


_KEPT: dict[tuple, _Kept] | None = None  # None: not switched on
_USED: set[tuple] = set()  # the keys read or taken since switched on: what ``save`` keeps
_VERSION: str | None = None  # the program the chapters kept were read with (``load``)
# What ``load`` found in the file: each entry pickled on its own, by the digest of its key (``_digest``),
# unpickled only when it is looked up; ``save`` writes again the very bytes of each entry taken unchanged.
_LOADED: dict[bytes, bytes] = {}
_TAKEN: dict[tuple, tuple[bytes, bytes, object]] = {}  # key -> (digest, pickled, what it unpickled to)


def remember_chapter_reads(on: bool = True) -> None:
    """Keep each chapter read from now on in this process (``on=False``: forget them, keep none)."""
    global _KEPT, _VERSION
    _KEPT = {} if on else None
    _USED.clear()
    _LOADED.clear()
    _TAKEN.clear()
    _VERSION = None


@contextmanager
def kept_in(store: dict):
    """Within the block, chapters are kept in (and taken from) ``store``: the preview's own memory,
    which nothing outside its refreshes reads. What was switched on before is as it was afterwards."""
    global _KEPT, _LOADED, _TAKEN
    previous, previous_used, previous_file = _KEPT, set(_USED), (_LOADED, _TAKEN)
    _KEPT, _LOADED, _TAKEN = store, {}, {}
    _USED.clear()
    try:
        yield
    finally:
        _KEPT = previous
        _LOADED, _TAKEN = previous_file
        _USED.clear()
        _USED.update(previous_used)


def cache_file(course_dir: Path) -> Path:
    """Where ``coursebuild check`` keeps the chapters of the course in ``course_dir``."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    key = hashlib.sha256(os.fsencode(Path(course_dir).resolve())).hexdigest()[:32]
    return Path(cache) / "coursebuild" / "check" / f"{key}.pickle"


def load(path: Path) -> None:
    """Switch on, with the chapters kept in ``path`` when they were read by this same program."""
    global _VERSION
    remember_chapter_reads()
    _VERSION = _program_version()
    try:
        with open(path, "rb") as file:
            if not _private(os.fstat(file.fileno())):
                return  # a pickle runs code when loaded: only this user's own, that no one else can write
            version, kept = pickle.load(file)
    except Exception:  # noqa: BLE001 - none yet, unreadable or from another program: read anew
        return
    if version == _VERSION and isinstance(kept, dict):
        _LOADED.update(kept)


def _digest(key: tuple) -> bytes:
    """What a key is kept under in the file: the SHA-256 of its pickle, written without pickle's sharing
    (the pickler's fast mode) so that equal keys give equal bytes however their objects are shared."""
    pickled = io.BytesIO()
    pickler = pickle.Pickler(pickled, pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(key)
    return hashlib.sha256(pickled.getvalue()).digest()


def _get(key: tuple):
    """What is kept for ``key``: in this process, or else in the file ``load`` read (then kept here)."""
    kept = _KEPT.get(key)
    if kept is None and _LOADED:
        digest = _digest(key)
        pickled = _LOADED.get(digest)
        if pickled is not None:
            try:
                kept = pickle.loads(pickled)
            except Exception:  # noqa: BLE001 - a class renamed since: read anew
                return None
            _KEPT[key] = kept
            _TAKEN[key] = (digest, pickled, kept)
    return kept


def _private(status: os.stat_result) -> bool:
    """Whether a file is this user's and only they can write it (always so where there are no owners:
    Windows keeps each user's cache folder to them)."""
    if not hasattr(os, "getuid"):
        return True
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def save(path: Path) -> None:
    """Keep in ``path`` the chapters used since switched on; a cache that cannot be written only
    costs the next check its time."""
    if _KEPT is None or _VERSION is None:
        return
    scratch = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        entries = {}
        for key, value in used().items():
            taken = _TAKEN.get(key)
            if taken is not None and taken[2] is value:
                entries[taken[0]] = taken[1]  # taken from the file as it was: its very bytes
            else:
                entries[_digest(key)] = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        if entries.keys() == _LOADED.keys() and all(entries[digest] is _LOADED[digest] for digest in entries):
            return  # every chapter taken as it was kept, and no other: the file says it all already
        path.parent.mkdir(parents=True, exist_ok=True)
        with os.fdopen(os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600),
                       "wb") as file:
            pickle.dump((_VERSION, entries), file, pickle.HIGHEST_PROTOCOL)
        os.replace(scratch, path)
    except (OSError, pickle.PicklingError):
        try:
            scratch.unlink(missing_ok=True)
        except OSError:
            pass


def kept_any() -> bool:
    """Whether any chapter is kept (``load`` found some)."""
    return bool(_KEPT) or bool(_LOADED)


def used() -> dict[tuple, _Kept]:
    """The chapters used since switched on (a process reading for another sends them back with this)."""
    return {key: value for key, value in (_KEPT or {}).items() if key in _USED}


def keep(entries: dict[tuple, _Kept]) -> None:
    """Take chapters another process read (``used``) as read here."""
    if _KEPT is not None:
        _KEPT.update(entries)
        _USED.update(entries)


LIBRARIES = ("markdown", "nh3", "lxml", "yaml")  # what the chapters and settings are read with


def _program_version() -> str:
    """What chapters are read with: the program's modules (every builder/**/*.py by size and date, as
    Python itself tells a compiled module out of date), the libraries' files and Python's version.

    A library is known by the file an import of it would load, by size and date, not by its version:
    that needs it imported, and a check that takes everything from the cache imports neither
    Python-Markdown nor PyYAML."""
    from importlib.machinery import PathFinder

    digest = hashlib.sha256(sys.version.encode())
    for name in LIBRARIES:
        try:
            spec = PathFinder.find_spec(name)
            info = os.stat(spec.origin)
            digest.update(f"{name} {spec.origin} {info.st_size} {info.st_mtime_ns}\n".encode())
        except (AttributeError, TypeError, ImportError, OSError, ValueError):  # not found where imports look
            digest.update(f"{name} not found\n".encode())
    lines: list[str] = []
    _module_files(Path(__file__).resolve().parent.parent, lines)
    digest.update("\n".join(lines).encode())
    return digest.hexdigest()


def _module_files(folder: Path, lines: list[str]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        lines.append(f"{folder} unreadable")
        return
    for entry in entries:
        if entry.is_dir():
            if entry.name != "__pycache__":
                _module_files(Path(entry.path), lines)
        elif entry.name.endswith(".py"):
            try:
                info = entry.stat()
                lines.append(f"{entry.path} {info.st_size} {info.st_mtime_ns}")
            except OSError:
                lines.append(f"{entry.path} unreadable")


def read_settings(text: str, shown: str, report: Report, line_offset: int = 0):
    """``yaml_source.load_yaml(text, shown, report, line_offset)``: once switched on, what it gave for the
    very same text, file name, first line and report (its language and root), with the same diagnostics;
    the YamlDoc a new one each time, as from a new reading. Only a text not read before imports PyYAML."""
    if _KEPT is not None:
        key = ("settings", text, shown, line_offset, report.language, report.root)
        kept = _get(key)
        _USED.add(key)
        if kept is not None:
            report.extend(kept[1])
            return None if kept[0] is None else pickle.loads(kept[0])
    from builder.readers.yaml_source import load_yaml

    if _KEPT is None:  # not switched on: read, keep nothing
        return load_yaml(text, shown, report, line_offset)
    own = Report(report.language, report.root)
    doc = load_yaml(text, shown, own, line_offset)
    _put(key, (None if doc is None else pickle.dumps(doc, pickle.HIGHEST_PROTOCOL), tuple(own._items)))
    report.extend(own._items)
    return doc


def kept_check(name: str, inputs: tuple, report: Report, run: Callable[[Report], None]) -> None:
    """``run(report)``, an output check (builder.checks): once switched on, the diagnostics it gave
    before for ``inputs`` the very same when pickled (everything the check looks at), and the same
    report language and root."""
    if _KEPT is None:
        run(report)
        return
    key = ("check", name, _digest(inputs), report.language, report.root)  # equal inputs, equal digests
    kept = _get(key)
    _USED.add(key)
    if kept is None:
        own = Report(report.language, report.root)
        run(own)
        kept = tuple(own._items)
        _put(key, kept)
    report.extend(kept)


def _put(key: tuple, kept) -> None:
    _KEPT.pop(key, None)
    _KEPT[key] = kept
    while len(_KEPT) > MAX_KEPT:
        del _KEPT[next(iter(_KEPT))]


def read_chapter(front, number: int, ctx, read: Callable) -> Chapter:
    """``read(front, number, ctx)``, or what it gave last time when nothing it depends on has changed.

    ``front`` is all the text read (a chapter's front matter and body, or ('introduction', text,
    line) for course.yml's introduction); ``read`` depends on nothing else but ``ctx``."""
    if _KEPT is None:
        return read(front, number, ctx)
    key = _key(front, number, ctx)
    kept = _get(key)
    _USED.add(key)
    if kept is not None and _same_lookups(kept.lookups, ctx):
        ctx.report.extend(kept.diagnostics)
        ctx.links.extend(kept.links)
        return kept.chapter
    own = Report(ctx.report.language, ctx.report.root)
    recorder = _RecordingResolver(ctx.resolver)
    links_before = len(ctx.links)
    chapter = read(front, number, replace(ctx, report=own, resolver=recorder))
    diagnostics = tuple(own._items)
    ctx.report.extend(diagnostics)
    _put(key, _Kept(chapter, diagnostics, tuple(ctx.links[links_before:]), tuple(recorder.lookups)))
    return chapter


def _key(front, number: int, ctx) -> tuple:
    resolver = ctx.resolver
    return (front, number, ctx.chapter_id, ctx.shown, str(Path(ctx.source_dir).resolve()),
            tuple(sorted(ctx.chapter_files.items())), tuple(sorted(ctx.unreadable_chapters)),
            tuple(sorted(ctx.left_out_chapters)), ctx.language,
            ctx.report.language, ctx.report.root,
            resolver.course_root, resolver.assets_root, resolver.shared_root)


def _same_lookups(lookups: tuple[_Lookup, ...], ctx) -> bool:
    """Whether each picture lookup comes out as it did; the resolver is left as it was when one does not."""
    if not lookups:
        return True
    resolver = ctx.resolver
    assets, bad = dict(resolver.assets), set(resolver._bad)
    for lookup in lookups:
        found = Report(ctx.report.language, ctx.report.root)
        through = ShiftedReport(found, lookup.shift) if lookup.shift else found
        key = resolver.resolve(lookup.target, lookup.base_dir, lookup.shown, lookup.line, through)
        if (key != lookup.key or tuple(found._items) != lookup.diagnostics
                or (resolver.assets.get(key) if key else None) != lookup.asset):
            resolver.assets.clear()
            resolver.assets.update(assets)
            resolver._bad.clear()
            resolver._bad.update(bad)
            return False
    return True


class _RecordingResolver:
    """The chapter's AssetResolver, noting every lookup and what came of it."""

    def __init__(self, resolver) -> None:
        self.resolver = resolver
        self.lookups: list[_Lookup] = []

    @property
    def assets(self) -> dict[str, Asset]:
        return self.resolver.assets

    def resolve(self, target: str, base_dir: Path, shown: str, line: int, report=None) -> str | None:
        report = report if report is not None else self.resolver.report
        underlying, shift = report, 0
        while isinstance(underlying, ShiftedReport):
            shift += underlying.shift
            underlying = underlying.report
        found = Report(underlying.language, underlying.root)
        key = self.resolver.resolve(target, base_dir, shown, line, ShiftedReport(found, shift) if shift else found)
        underlying.extend(found._items)
        self.lookups.append(_Lookup(target, base_dir, shown, line, shift, key,
                                    self.resolver.assets.get(key) if key else None, tuple(found._items)))
        return key

