"""The build: read and check everything, then run the writers into a staging folder, then publish.

Writers run at the same time in separate processes (the PDF renders are CPU-bound and
independent); a writer that declares ``NEEDS`` starts as soon as the writers it needs are done
and gets their products.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

from builder import course_check, reuse, up_to_date
from builder.forked import Forked
from builder.pdf import poppler, print_images
from builder.pdf.pango import pango_missing, what_to_install
from builder.diagnostics import Diagnostic, Report
from builder.model import Course
from builder.readers.course import default_assets_dir
from builder.staging import Staging
from builder.wording import os_reason, output_name, say
from builder.writers import WRITERS, load


@dataclass
class BuildResult:
    course: Course | None
    report: Report
    written: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    up_to_date: bool = False  # nothing changed since the last build: its outputs stand, nothing written
    reused: list[Path] = field(default_factory=list)  # outputs of jobs whose inputs did not change (builder.reuse)

    @property
    def ok(self) -> bool:
        return (self.course is not None or self.up_to_date) and not self.report.errors


@dataclass(frozen=True)
class _WriterOutcome:
    name: str
    products: dict[str, Path]
    diagnostics: tuple[Diagnostic, ...]
    seconds: float
    files: tuple[str, ...] = ()  # the names it wrote into the staging folder


def check(course_dir: Path, report: Report, strict: bool = False, outputs: Iterable[str] | None = None) -> Course | None:
    """Read the course and run the checks of what ``outputs`` (every output when None) need of it.

    ``build`` runs exactly this before its writers, which report nothing about the sources
    themselves: what ``check`` passes, ``build`` does not refuse for the sources' sake.
    (builder.course_check, which ``coursebuild check`` imports alone: not the writers.)
    """
    return course_check.check(course_dir, report, strict, outputs)


def build(
    course_dir: Path,
    output_dir: Path,
    report: Report,
    only: Iterable[str] | None = None,
    strict: bool = False,
    on_step: Callable[[str, float | None], None] | None = None,
    jobs: int | None = None,
    remember: bool = True,
    moodle_version: str | None = None,
    translations: Iterable[str] | None = None,
) -> BuildResult:
    """Build ``course_dir`` into ``output_dir``; on any error nothing in ``output_dir`` changes.

    When nothing has changed since the last build into ``output_dir`` (builder.up_to_date), its
    outputs stand and nothing is written; ``remember=False`` neither looks for nor keeps a record.
    ``moodle_version`` ('4', '5' or 'both') overrides course.yml's moodle.version. ``translations``: the
    language editions whose outputs to make (every one when None); each is checked all the same.
    """
    selected = _with_needs(only if only is not None else WRITERS)
    options = [f"moodle={moodle_version}"] if moodle_version else []
    if translations is not None:
        translations = set(translations)
        options.append("translations=" + ",".join(sorted(translations)))
    assets = default_assets_dir(course_dir)
    inputs = up_to_date.fingerprint(course_dir, assets, selected, strict, options) if remember else None
    previous = up_to_date.previous_build(output_dir, inputs, report.root)
    if previous is not None:
        report.language = previous.language
        report.extend(previous.diagnostics)
        return BuildResult(None, report, list(previous.outputs), up_to_date=True)
    course = _check_for(selected, course_dir, report, strict, jobs)
    try:
        if course is not None and moodle_version:
            course = _for_moodle(course, moodle_version)
        if course is not None and translations is not None:
            course = replace(course, translations=tuple(e for e in course.translations
                                                        if e.meta.translation in translations))
        result = BuildResult(course, report)
        if course is None:
            return result
        selected, left_out = _without_what_this_computer_lacks(selected, course, report)
        if left_out:
            inputs = None  # the next build, perhaps with Pango or Poppler installed, must make what was left out
        keys, kept = _standing_jobs(course_dir, assets, output_dir, selected, course, strict, report) \
            if remember and not left_out else ({}, {})
        try:
            staging = Staging(output_dir)
        except OSError as exc:  # output/ cannot be made (a file in the way, no permission): say so, no traceback
            report.add("output-failed", "course.yml", 1, output=str(output_dir), detail=os_reason(report.language, exc))
            result.course = None
            return result
        try:
            stop = lambda: bool(report.errors or (strict and report.warnings))  # noqa: E731
            for kept_job in kept.values():  # what the reused jobs said when they ran, as if they ran again
                report.extend(reuse.replayed(kept_job, report.root))
            outcomes = _run_writers(selected, course, staging.path, report, on_step, jobs, stop, skip=set(kept))
            for outcome in outcomes:
                result.timings[outcome.name] = outcome.seconds
            if stop():
                staging.discard()
                result.course = None
                return result
            result.written = staging.commit()
            result.reused = [Path(output_dir) / name for job in kept.values() for name in job.outputs]
            if keys:
                reuse.remember(output_dir, {o.name: reuse.entry(keys[o.name], output_dir, o.files, o.diagnostics,
                                                                report.root) for o in outcomes if o.name in keys})
            up_to_date.remember(output_dir, inputs, sorted(result.written + result.reused), report)
            return result
        except BaseException:
            staging.discard()
            raise
    finally:
        print_images.drop_pending()  # images prepared for a render that did not ask for them


def _standing_jobs(course_dir: Path, assets: Path, output_dir: Path, selected: list[str], course: Course,
                   strict: bool, report: Report) -> tuple[dict[str, str], dict[str, reuse.JobRecord]]:
    """Each job's key (builder.reuse), and the jobs whose outputs in ``output_dir`` stand as the last
    build made them from the same inputs; a job that runs takes the jobs it needs with it."""
    editions = {tag: _edition(course, tag) for tag in _tags(course)}
    jobs = {_job(tag, name): [_job(tag, need) for need in load(name).needs if need in selected]
            for name in selected for tag in editions}
    keys = reuse.job_keys(jobs, editions, reuse.shared_digest(course_dir, assets, course, strict, report.language))
    kept = reuse.standing(output_dir, reuse.records(output_dir), keys)
    running = [job for job in jobs if job not in kept]
    while running:
        for need in jobs[running.pop()]:
            if kept.pop(need, None) is not None:
                running.append(need)
    return keys, kept


def _for_moodle(course: Course, version: str) -> Course:
    moodle = replace(course.meta.moodle, version=version)
    return replace(course, meta=replace(course.meta, moodle=moodle))


def _with_needs(wanted: Iterable[str]) -> list[str]:
    """The writers ``wanted`` and every writer they need, in the table's order.

    ``--only moodle`` must not give a backup without the booklet and slide PDFs it carries, nor
    ``--only booklet-a4`` fail for want of the A5 booklet it imposes.
    """
    chosen: set[str] = set()
    pending = list(wanted)
    while pending:
        name = pending.pop()
        if name not in chosen:
            chosen.add(name)
            pending.extend(load(name).needs)
    return [name for name in WRITERS if name in chosen]


def _without_what_this_computer_lacks(selected: list[str], course: Course,
                                      report: Report) -> tuple[list[str], list[str]]:
    """``selected`` less the writers this computer cannot run, and those that need what they make: the
    PDF writers when WeasyPrint cannot load Pango (builder.pdf.pango), a writer whose ``PROGRAMS`` are
    missing (the EPUB without Poppler: builder.pdf.poppler). One warning each names what was left out
    and what to install. A writer that can do without a product it needs (``BUILDS_WITHOUT``, the
    Moodle backup without the PDFs) stays. The warnings name only the outputs this course has.
    """
    left_out: list[str] = []
    renders = [name for name in selected  # the large print imports WeasyPrint only for a course that asks for it
               if "weasyprint" in load(name).preload + load(name).late_imports and load(name).writes(course)]
    reason = pango_missing() if renders else None
    if reason is not None:
        selected, dropped = _without(selected, renders)
        report.add("pdf-unavailable", "course.yml", 1, detail=reason, install=what_to_install(report.language),
                   outputs=_output_names(report.language, [name for name in dropped if load(name).writes(course)]))
        left_out += dropped
    lacking = {name: missing for name in selected
               if (missing := [p for p in load(name).programs if poppler.program(p) is None])}
    if lacking:
        selected, dropped = _without(selected, list(lacking))
        report.add("epub-unavailable", "course.yml", 1, install=poppler.what_to_install(report.language),
                   programs=", ".join(sorted({p for missing in lacking.values() for p in missing})),
                   outputs=_output_names(report.language, [name for name in dropped if load(name).writes(course)]))
        left_out += dropped
    return selected, left_out


def _without(selected: list[str], unable: list[str]) -> tuple[list[str], list[str]]:
    """``selected`` less ``unable`` and every writer that needs one of them (and cannot do without it)."""
    out = set(unable)
    while grown := {name for name in selected if name not in out
                    and (set(load(name).needs) & out) - set(load(name).builds_without)}:
        out |= grown
    return [name for name in selected if name not in out], [name for name in selected if name in out]


def _output_names(language: str, names: list[str]) -> str:
    return ", ".join(output_name(language, name) for name in names)


def _check_for(selected: list[str], course_dir: Path, report: Report, strict: bool, jobs: int | None) -> Course | None:
    """``check``, beside the import of what the selected writers preload when there is a core for it."""
    preload = sorted({m for name in selected for m in load(name).preload} - set(sys.modules))
    if preload and course_check.can_fork(jobs):
        return _check_while_importing(preload, course_dir, report, strict, selected,
                                      pdf_images="weasyprint" in preload)
    # No PDF (the web pages, the deck, the PowerPoint, the questions): the language editions are read
    # in a second process while this one imports what the writers import beside reading, then reads
    # the source, as check does.
    beside = sorted({m for name in selected for m in load(name).beside_reading} - set(sys.modules))
    return course_check.check(course_dir, report, strict, selected, parallel=course_check.can_fork(jobs),
                              beside=beside)


def _check_while_importing(modules: list[str], course_dir: Path, report: Report, strict: bool,
                           outputs: Iterable[str] | None = None, pdf_images: bool = False) -> Course | None:
    """``check`` in a forked child while this process imports ``modules`` for the writers.

    Importing WeasyPrint takes 0.3-0.45 s and reading and checking the course with its editions about
    as long; on two cores they overlap. The child sends the checked course and its report back
    pickled, and with ``pdf_images`` then the course's images as the PDF renderer takes them
    (builder.pdf.print_images.prepare, 0.09 s for the sample's nine): this process takes those only
    when the renderer first asks for an image, having made the booklet's HTML and styles meanwhile.
    Should the child die without sending the course, it is read here instead, and an image not
    sent is made by the renderer itself, so the outcome is the same either way.
    """
    def read_and_prepare():
        course = check(course_dir, report, strict, outputs)
        yield course, report
        if course is not None and pdf_images:
            yield print_images.prepare(a.path for a in course.assets.values())

    child = Forked(read_and_prepare, parts=True)
    try:
        for module in modules:
            _preload(module)
    except BaseException:
        child.close()  # an interrupted import: the child's write fails instead of waiting for us forever
        raise
    sent = child.next_part()
    course, checked = sent if sent is not None else (None, None)
    if checked is None:
        child.close()
        return check(course_dir, report, strict, outputs)
    report.language = checked.language
    report.extend(checked)
    if course is not None and pdf_images:
        print_images.use_pending(child)
    else:
        child.close()
    return course


def _preload(module: str) -> None:
    """Import ``module`` ahead of the writers; WeasyPrint through pango_missing, which keeps its
    OSError (no Pango on this computer) for the build to report instead of raising it."""
    if module == "weasyprint":
        pango_missing()
    else:
        importlib.import_module(module)


def _run_writers(selected, course, staging, report, on_step, jobs, stop, skip=frozenset()) -> list[_WriterOutcome]:
    """Run the writers, each as soon as the writers it needs are done, up to ``jobs`` at a time.

    Nothing new starts once ``stop()`` is true (an error, or a warning under --strict); what is
    running then finishes into the staging folder, which the caller discards. The jobs in ``skip``
    (outputs that stand, builder.reuse) do not run; no job that runs needs one of them.
    """
    writers = {name: load(name) for name in selected}
    # A job is a writer for the source ('booklet') or for a language edition ('sv:booklet'); each
    # writer's jobs side by side, so that the longest start first whichever edition they are for.
    tags = _tags(course)
    order = [_job(tag, name) for name in selected for tag in tags if _job(tag, name) not in skip]
    waiting = {job: {_job(tag, need) for need in writers[name].needs if need in writers} - set(skip)
               for job in order for tag, name in [_job_parts(job)]}
    made: dict[str, dict[str, Path]] = {}  # job -> its products
    outcomes: list[_WriterOutcome] = []
    done: set[str] = set()

    def needed(job: str) -> dict[str, Path]:
        """The products of the jobs ``job`` needs, and nothing else: the same in every run."""
        tag, name = _job_parts(job)
        return {key: path for need in writers[name].needs for key, path in made.get(_job(tag, need), {}).items()}

    def ready() -> list[str]:
        return [job for job in order if job in waiting and waiting[job] <= done]

    def writes(job: str) -> bool:
        tag, name = _job_parts(job)
        return writers[name].writes(_edition(course, tag))

    def finish(outcome: _WriterOutcome) -> None:
        made[outcome.name] = outcome.products
        report.extend(outcome.diagnostics)
        outcomes.append(outcome)
        done.add(outcome.name)
        if on_step and outcome.products:  # a writer with nothing to make (no large print asked for) is not news
            on_step(outcome.name, outcome.seconds)

    workers = min(len(order), jobs or os.cpu_count() or 1)
    if workers <= 1 or not hasattr(os, "fork"):
        while waiting and not stop() and (names := ready()):
            del waiting[names[0]]
            if on_step and writes(names[0]):
                on_step(names[0], None)
            finish(_run_writer(names[0], _edition(course, _job_parts(names[0])[0]), staging, needed(names[0]),
                               report.language, report.root))
        return outcomes
    # fork: the children inherit the course model and the preloaded modules as they are (one
    # WeasyPrint import instead of one per process); only names and paths are pickled.
    for module in sorted({m for writer in writers.values() for m in writer.preload}):
        _preload(module)
    print_images.take_pending()  # before forking: a pipe has one reader
    _FORKED_COURSE[:] = [course]
    import multiprocessing  # here, not at the top: a build of one writer never needs them (12 ms)
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            running: dict = {}
            while True:
                if not stop():
                    for name in ready():
                        del waiting[name]
                        if on_step and writes(name):  # no start line for one that writes nothing
                            on_step(name, None)
                        future = pool.submit(_run_forked_writer, name, staging, needed(name),
                                             report.language, report.root)
                        running[future] = name
                if not running:
                    break
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in sorted(finished, key=lambda f: order.index(running[f])):
                    finish(_outcome(running.pop(future), future, report))
    finally:
        _FORKED_COURSE.clear()
    return outcomes


_FORKED_COURSE: list[Course] = []


def _tags(course: Course) -> list[str]:
    """'' for the source, then each language edition's tag."""
    return ["", *(edition.meta.translation for edition in course.translations)]


def _job(tag: str, name: str) -> str:
    return f"{tag}:{name}" if tag else name


def _job_parts(job: str) -> tuple[str, str]:
    """'sv:booklet' -> ('sv', 'booklet'); 'booklet' -> ('', 'booklet')."""
    tag, _, name = job.rpartition(":")
    return tag, name


def job_title(language: str, job: str) -> str:
    """What a job makes, as a trainer would call it: 'vihko (A5-PDF)', 'vihko (A5-PDF), sv'."""
    tag, name = _job_parts(job)
    return output_name(language, name) + (f", {tag}" if tag else "")


def _edition(course: Course, tag: str) -> Course:
    """The source ``course`` (tag '') or its language edition ``tag``, as its writers get it: the source
    without its editions, so that its outputs depend on its own model alone (builder.reuse)."""
    if not tag:
        return replace(course, translations=()) if course.translations else course
    return next((e for e in course.translations if e.meta.translation == tag), course)


def _outcome(name: str, future, report: Report) -> _WriterOutcome:
    """The forked writer's outcome; a process that died (a crash in a C library, os._exit) is a diagnostic."""
    from concurrent.futures.process import BrokenProcessPool  # loaded already: the pool that ran it

    try:
        return future.result()
    except BrokenProcessPool:
        failed = Report(report.language, report.root)
        failed.add("output-failed", "course.yml", 1, output=job_title(report.language, name),
                   detail=say(report.language, "process-stopped"))
        return _WriterOutcome(name, {}, tuple(failed), 0.0)


def _run_forked_writer(name: str, staging: Path, products: dict[str, Path], language: str, root: str) -> _WriterOutcome:
    return _run_writer(name, _edition(_FORKED_COURSE[0], _job_parts(name)[0]), staging, products, language, root)


def _run_writer(name: str, course: Course, staging: Path, products: dict[str, Path],
                language: str, root: str) -> _WriterOutcome:
    report = Report(language, root)
    started = time.perf_counter()
    files: list[str] = []
    try:
        # Each job writes into a folder of its own, then its files move up beside the others: which
        # files a job made is known for certain (builder.reuse records them), whatever it returns.
        own = Path(tempfile.mkdtemp(prefix=".job-", dir=staging))
        made = load(_job_parts(name)[1]).write(course, own, dict(products), report)
        files = sorted(entry.name for entry in own.iterdir())
        for file in files:
            os.replace(own / file, Path(staging) / file)
        own.rmdir()
        made = {key: Path(staging) / Path(path).relative_to(own) if Path(path).is_relative_to(own) else path
                for key, path in made.items()}
    except Exception as exc:  # a writer bug must still end in a diagnostic, not a traceback
        report.add("output-failed", "course.yml", 1, output=job_title(language, name),
                   detail=say(language, "program-fault", fault=f"{type(exc).__name__}: {exc}"))
        made = {}
    return _WriterOutcome(name, dict(made), tuple(report), time.perf_counter() - started, tuple(files))
