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
give. Nothing is kept across processes, and ``check`` and ``build`` (one reading each) do not
switch it on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from builder.diagnostics import Diagnostic, Report
from builder.model import Asset, Chapter

MAX_KEPT = 256  # chapters: far more than a course and its editions have


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
    chapter: Chapter
    diagnostics: tuple[Diagnostic, ...]
    links: tuple
    lookups: tuple[_Lookup, ...]


_KEPT: dict[tuple, _Kept] | None = None  # None: not switched on


def remember_chapter_reads(on: bool = True) -> None:
    """Keep each chapter read from now on in this process (``on=False``: forget them, keep none)."""
    global _KEPT
    _KEPT = {} if on else None


def read_chapter(front, number: int, ctx, read: Callable) -> Chapter:
    """``read(front, number, ctx)``, or what it gave last time when nothing it depends on has changed."""
    if _KEPT is None:
        return read(front, number, ctx)
    key = _key(front, number, ctx)
    kept = _KEPT.get(key)
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
    _KEPT.pop(key, None)
    _KEPT[key] = _Kept(chapter, diagnostics, tuple(ctx.links[links_before:]), tuple(recorder.lookups))
    while len(_KEPT) > MAX_KEPT:
        del _KEPT[next(iter(_KEPT))]
    return chapter


def _key(front, number: int, ctx) -> tuple:
    resolver = ctx.resolver
    return (front, number, ctx.chapter_id, ctx.shown, str(Path(ctx.source_dir).resolve()),
            tuple(sorted(ctx.chapter_files.items())), ctx.unreadable_chapters, ctx.language,
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
        through = _Shifted(found, lookup.shift) if lookup.shift else found
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
        while hasattr(underlying, "shift") and hasattr(underlying, "report"):  # markdown_body._ShiftedReport
            shift += underlying.shift
            underlying = underlying.report
        found = Report(underlying.language, underlying.root)
        key = self.resolver.resolve(target, base_dir, shown, line, _Shifted(found, shift) if shift else found)
        underlying.extend(found._items)
        self.lookups.append(_Lookup(target, base_dir, shown, line, shift, key,
                                    self.resolver.assets.get(key) if key else None, tuple(found._items)))
        return key


class _Shifted:
    def __init__(self, report: Report, shift: int) -> None:
        self.report, self.shift = report, shift

    def add(self, code: str, path: str, line: int, **fields: object):
        return self.report.add(code, path, line + self.shift, **fields)

    @property
    def language(self) -> str:
        return self.report.language
