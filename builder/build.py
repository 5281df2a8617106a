"""The build: read and check everything, then run the writers into a staging folder, then publish."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from builder.diagnostics import Report
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
) -> BuildResult:
    """Build ``course_dir`` into ``output_dir``; on any error nothing in ``output_dir`` changes."""
    course = check(course_dir, report, strict)
    result = BuildResult(course, report)
    if course is None:
        return result
    selected = [name for name in WRITERS if only is None or name in set(only)]
    staging = Staging(output_dir)
    try:
        products: dict[str, Path] = {}
        for name in selected:
            if on_step:
                on_step(name, None)
            started = time.perf_counter()
            writer = load(name)
            try:
                products.update(writer.write(course, staging.path, dict(products), report))
            except Exception as exc:  # a writer bug must still end in a diagnostic, not a traceback
                report.add("output-failed", "course.yml", 1,
                           output=name, detail=f"{type(exc).__name__}: {exc}")
                raise _WriterFailed from exc
            result.timings[name] = time.perf_counter() - started
            if on_step:
                on_step(name, result.timings[name])
            if report.errors or (strict and report.warnings):
                break
        if report.errors or (strict and report.warnings):
            staging.discard()
            result.course = None
            return result
        result.written = staging.commit()
        return result
    except _WriterFailed:
        staging.discard()
        result.course = None
        return result
    except BaseException:
        staging.discard()
        raise


class _WriterFailed(Exception):
    pass
