"""The build: read and check everything, then run the writers into a staging folder, then publish.

Writers that need nothing from other writers run at the same time in separate processes (the
PDF renders are CPU-bound and independent); a writer that declares ``NEEDS`` runs after them
and gets their products.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from builder.diagnostics import Diagnostic, Report
from builder.model import Course
from builder.readers.course import read_course
from builder.staging import Staging
from builder.writers import WRITERS, load


@dataclass
class BuildResult:
    course: Course | None
    report: Report
    written: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.course is not None and not self.report.errors


@dataclass(frozen=True)
class _WriterOutcome:
    name: str
    products: dict[str, Path]
    diagnostics: tuple[Diagnostic, ...]
    seconds: float


def check(course_dir: Path, report: Report, strict: bool = False) -> Course | None:
    course = read_course(course_dir, report)
    if strict and report.warnings:
        return None
    return course


def build(
    course_dir: Path,
    output_dir: Path,
    report: Report,
    only: Iterable[str] | None = None,
    strict: bool = False,
    on_step: Callable[[str, float | None], None] | None = None,
    jobs: int | None = None,
) -> BuildResult:
    """Build ``course_dir`` into ``output_dir``; on any error nothing in ``output_dir`` changes."""
    course = check(course_dir, report, strict)
    result = BuildResult(course, report)
    if course is None:
        return result
    wanted = set(only) if only is not None else set(WRITERS)
    selected = [name for name in WRITERS if name in wanted]
    try:
        staging = Staging(output_dir)
    except OSError as exc:  # output/ cannot be made (a file in the way, no permission): say so, no traceback
        report.add("output-failed", "course.yml", 1, output=str(output_dir), detail=exc.strerror or str(exc))
        result.course = None
        return result
    try:
        products: dict[str, Path] = {}
        for wave in _waves(selected):
            for outcome in _run_wave(wave, course, staging.path, products, report, on_step, jobs):
                products.update(outcome.products)
                report.extend(outcome.diagnostics)
                result.timings[outcome.name] = outcome.seconds
            if report.errors or (strict and report.warnings):
                break
        if report.errors or (strict and report.warnings):
            staging.discard()
            result.course = None
            return result
        result.written = staging.commit()
        return result
    except BaseException:
        staging.discard()
        raise


def _waves(selected: list[str]) -> list[list[str]]:
    """Writers in groups: each group needs only products of the groups before it."""
    first = [name for name in selected if not load(name).needs]
    rest = [name for name in selected if name not in first]
    return [wave for wave in (first, rest) if wave]


def _run_wave(wave, course, staging, products, report, on_step, jobs) -> list[_WriterOutcome]:
    for name in wave:
        if on_step:
            on_step(name, None)
    workers = min(len(wave), jobs or os.cpu_count() or 1)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        outcomes = [_run_writer(name, course, staging, products, report.language, report.root) for name in wave]
    else:
        # fork: the children inherit the course model and the preloaded modules as they are (one
        # WeasyPrint import instead of one per process); only names and paths are pickled.
        for module in sorted({m for name in wave for m in load(name).preload}):
            importlib.import_module(module)
        _FORKED_COURSE[:] = [course]
        context = multiprocessing.get_context("fork")
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                futures = [pool.submit(_run_forked_writer, name, staging, products, report.language, report.root)
                           for name in wave]
                outcomes = [_outcome(name, future, report) for name, future in zip(wave, futures)]
        finally:
            _FORKED_COURSE.clear()
    for outcome in outcomes:
        if on_step:
            on_step(outcome.name, outcome.seconds)
    return outcomes


_FORKED_COURSE: list[Course] = []


def _outcome(name: str, future, report: Report) -> _WriterOutcome:
    """The forked writer's outcome; a process that died (a crash in a C library, os._exit) is a diagnostic."""
    try:
        return future.result()
    except BrokenProcessPool:
        failed = Report(report.language, report.root)
        detail = "prosessi pysähtyi kesken" if report.language == "fi" else "the writer's process stopped abruptly"
        failed.add("output-failed", "course.yml", 1, output=name, detail=detail)
        return _WriterOutcome(name, {}, tuple(failed), 0.0)


def _run_forked_writer(name: str, staging: Path, products: dict[str, Path], language: str, root: str) -> _WriterOutcome:
    return _run_writer(name, _FORKED_COURSE[0], staging, products, language, root)


def _run_writer(name: str, course: Course, staging: Path, products: dict[str, Path],
                language: str, root: str) -> _WriterOutcome:
    report = Report(language, root)
    started = time.perf_counter()
    try:
        made = load(name).write(course, staging, dict(products), report)
    except Exception as exc:  # a writer bug must still end in a diagnostic, not a traceback
        report.add("output-failed", "course.yml", 1, output=name, detail=f"{type(exc).__name__}: {exc}")
        made = {}
    return _WriterOutcome(name, dict(made), tuple(report), time.perf_counter() - started)
