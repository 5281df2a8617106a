"""Reusing one edition's outputs when nothing it is made from changed (issue 21).

A job is one writer for the source ('booklet') or for a language edition ('sv:booklet'). Its outputs
are a function of what it reads (tests/test_determinism.py): the model of its edition, which the
build hands it as it is (the source without its editions, ``Course.translations`` empty), the files
that model names (pictures, by their SHA-1 in the model), the theme, the coursebuild package, the
installed libraries and system fonts, ``SOURCE_DATE_EPOCH``, the Python version, ``--strict`` and
the products of the jobs of the same edition it needs. A job's **key** is a digest of all of these:

* the edition's model, every field (chapter text as HTML, settings, asset keys, paths and
  SHA-1s, build time), serialized in a stable order (``model_digest``);
* what every edition shares (``shared_digest``): the package tree, the ``assets/`` tree (theme
  overrides, the logo, shared pictures), the environment above and the report's language; and,
  when the course has a theme of its own, every file of the course folder but the chapter
  Markdown, since a theme's templates and style sheets are read with the course folder as their base
  and could name any file in it (the package's theme names none);
* the writer's name.

The products a job needs come from jobs with the same key parts, so they are covered. After a
successful build a record in the cache (``$XDG_CACHE_HOME/coursebuild/jobs/``, one file per output
folder) keeps, for each job, its key, the SHA-256 of each file it wrote and the diagnostics it
reported. The next build into the same folder reuses a job, without running it, when its key is the
same and every file it wrote is still in ``output/`` with those bytes (a file deleted or edited there
is made again); its diagnostics are reported again. A job that has to run takes the jobs it needs
with it (their products must come from this run). An entry is only ever written for a key that
the job was run with, so an entry stays true whatever happens later: at worst it is not used.

The course is read and checked in full on every build regardless (its diagnostics are this run's).
As for builder.up_to_date, system libraries (Pango, Poppler) are not in the key: after upgrading them,
an edition whose sources do not change keeps the outputs the old ones made; ``remember=False``
(the preview) neither reuses nor records. When this computer cannot run some writers (no Pango),
nothing is reused or recorded: the jobs that need them make other bytes then.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import sys
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import Iterable, Mapping

from builder import up_to_date
from builder.diagnostics import Diagnostic
from builder.model import Course

FORMAT = 1


@dataclasses.dataclass(frozen=True)
class JobRecord:
    key: str
    outputs: dict[str, str]  # file name in output/ -> SHA-256
    diagnostics: tuple[dict, ...]  # the writer's diagnostics, paths relative to the course folder


def model_digest(course: Course) -> str | None:
    """A digest of every field of ``course`` (its editions left out); None for a value it cannot serialize."""
    parts: list[str] = []
    try:
        _serialize(course, parts)
    except TypeError:
        return None
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _serialize(value: object, parts: list[str]) -> None:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts.append("D" + type(value).__module__ + "." + type(value).__qualname__)
        for item in dataclasses.fields(value):
            if isinstance(value, Course) and item.name == "translations":
                if value.translations:  # the writers get each edition without them (builder.build)
                    raise TypeError("an edition's model with its own editions")
                continue
            parts.append("f" + item.name)
            _serialize(getattr(value, item.name), parts)
        parts.append(")")
    elif value is None or isinstance(value, (bool, int, float)):
        parts.append(type(value).__name__ + repr(value))
    elif isinstance(value, str):
        parts.append("s" + json.dumps(value))
    elif isinstance(value, (tuple, list)):
        parts.append(f"[{len(value)}")
        for item in value:
            _serialize(item, parts)
    elif isinstance(value, (dict, MappingProxyType)):
        parts.append(f"{{{len(value)}")
        for key, item in value.items():  # in their order: writers may go through them in it
            _serialize(key, parts)
            _serialize(item, parts)
    elif isinstance(value, PurePath):
        parts.append("p" + json.dumps(str(value)))
    elif isinstance(value, (dt.date, dt.datetime, dt.time)):
        parts.append("t" + type(value).__name__ + value.isoformat())
    else:
        raise TypeError(type(value).__name__)


def shared_digest(course_dir: Path, assets_dir: Path, course: Course, strict: bool, language: str) -> str | None:
    """What every edition's outputs depend on besides its model; None when it cannot be had cheaply."""
    digest = hashlib.sha256()
    digest.update(json.dumps([FORMAT, sys.version, strict, os.environ.get("SOURCE_DATE_EPOCH"), language,
                              up_to_date._libraries(), up_to_date._system_fonts()]).encode())
    budget = [up_to_date.MAX_INPUT_BYTES]
    folders = [("package", up_to_date.PACKAGE), ("assets", Path(assets_dir))]
    if course.theme_dirs:
        folders.append(("course", Path(course_dir)))
    try:
        for label, folder in folders:
            digest.update(f"\0{label}\0".encode())
            if not up_to_date._add_tree(digest, folder, budget, markdown=label != "course"):
                return None
    except OSError:
        return None
    return digest.hexdigest()


def job_keys(jobs: Iterable[str], editions: Mapping[str, Course], shared: str | None) -> dict[str, str]:
    """Each job's key ('sv:booklet' -> digest); jobs whose key cannot be had are left out (never reused)."""
    if shared is None:
        return {}
    models = {tag: model_digest(edition) for tag, edition in editions.items()}
    keys = {}
    for job in jobs:
        tag, _, name = job.rpartition(":")
        if models.get(tag) is not None:
            keys[job] = hashlib.sha256(f"{FORMAT}\0{shared}\0{models[tag]}\0{name}".encode()).hexdigest()
    return keys


def records(output_dir: Path) -> dict[str, JobRecord]:
    """The jobs recorded for ``output_dir`` (none when there is no record, or one not ours)."""
    try:
        data = json.loads(record_path(output_dir).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return {}
        found = {}
        for job, entry in data["jobs"].items():
            outputs = {str(name): str(sha) for name, sha in entry["outputs"].items()}
            found[str(job)] = JobRecord(str(entry["key"]), outputs, tuple(dict(d) for d in entry["diagnostics"]))
        return found
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def standing(output_dir: Path, recorded: Mapping[str, JobRecord], keys: Mapping[str, str]) -> dict[str, JobRecord]:
    """The jobs of ``keys`` whose record has the same key and whose files in ``output_dir`` are as recorded."""
    kept = {}
    for job, key in keys.items():
        entry = recorded.get(job)
        if entry is not None and entry.key == key and _intact(Path(output_dir), entry.outputs):
            kept[job] = entry
    return kept


def _intact(output_dir: Path, outputs: Mapping[str, str]) -> bool:
    for name, expected in outputs.items():
        path = output_dir / name
        if name != Path(name).name or name in ("", ".", "..") or path.is_symlink():
            return False
        try:
            if up_to_date._file_digest(path) != expected:
                return False
        except OSError:  # gone, a folder, unreadable
            return False
    return True


def replayed(entry: JobRecord, root: str) -> list[Diagnostic]:
    """The diagnostics a reused job reported when it ran, under this run's ``root``."""
    return list(up_to_date.restored_diagnostics(entry.diagnostics, root))


def entry(key: str, output_dir: Path, files: Iterable[str], diagnostics: Iterable[Diagnostic],
          root: str) -> JobRecord:
    """The record of a job that ran with ``key`` and wrote ``files`` (now in ``output_dir``)."""
    return JobRecord(key, {name: up_to_date._file_digest(Path(output_dir) / name) for name in sorted(files)},
                     tuple(up_to_date.stored_diagnostics(diagnostics, root)))


def remember(output_dir: Path, jobs: Mapping[str, JobRecord]) -> None:
    """Keep ``jobs`` (the others recorded before stay); a cache that cannot be written only costs time."""
    merged = {**records(output_dir), **jobs}
    up_to_date.write_record(record_path(output_dir), json.dumps(
        {"format": FORMAT, "jobs": {job: dataclasses.asdict(e) for job, e in sorted(merged.items())}},
        indent=1, ensure_ascii=False) + "\n")


def record_path(output_dir: Path) -> Path:
    """Where the job records of builds into ``output_dir`` are kept: beside builder.up_to_date's."""
    builds = up_to_date.record_path(output_dir)
    return builds.parent.parent / "jobs" / builds.name
