"""The ``coursebuild`` command line: a thin click layer that imports the real work lazily."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import click


def _print_report(report, strict: bool = False, output_format: str = "text") -> None:
    """Every diagnostic, then how many, in the course's language (Finnish when it is not known).

    ``github`` adds a workflow command per diagnostic on standard output (an annotation at its file
    and line); ``gitlab`` writes the code-quality report file (builder.ci_annotations).
    """
    from builder.wording import counted, say

    for diagnostic in report:
        click.echo(str(diagnostic), err=True)
    if output_format == "github":
        from builder.ci_annotations import github_lines

        for line in github_lines(report):
            click.echo(line)
    elif output_format == "gitlab":
        from builder.ci_annotations import GITLAB_REPORT, gitlab_report

        Path(GITLAB_REPORT).write_text(gitlab_report(report), encoding="utf-8")
    errors, warnings, language = len(report.errors), len(report.warnings), report.language
    if errors or warnings:
        summary = f"{counted(language, errors, 'error')}, {counted(language, warnings, 'warning')}"
        click.echo(summary + (say(language, "strict-note") if strict and warnings else ""), err=True)


def _course_language(course: Path) -> str:
    """The language of the course in ``course``; Finnish when its course.yml does not say."""
    from builder.readers.course import course_language

    return course_language(course)


def _split_only(value: str | None, course: Path) -> list[str] | None:
    """The outputs ``--only`` names; an unknown name ends the command (status 2, as any wrong option)
    with a sentence in the course's language listing the names one can choose."""
    if not value:
        return None
    from builder.wording import output_name, say
    from builder.writers import WRITERS

    names = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [n for n in names if n not in WRITERS]
    if unknown:
        language = _course_language(course)
        click.echo(say(language, "only-unknown", names=", ".join(f"'{n}'" for n in unknown)), err=True)
        for name in WRITERS:
            click.echo(f"  {name} – {output_name(language, name)}", err=True)
        sys.exit(2)
    return names


def _format_option(command):
    return click.option(
        "--format", "output_format", type=click.Choice(["text", "github", "gitlab"]),
        help="How to report problems besides the text lines: github adds annotations (::error file=...), "
             "gitlab writes gl-code-quality-report.json. Default: github under GitHub Actions, gitlab "
             "under GitLab CI, else text.")(command)


def _chosen_format(value: str | None) -> str:
    if value:
        return value
    from builder.ci_annotations import detected_format

    return detected_format(os.environ)


def _split_translations(value: str | None, course: Path) -> list[str] | None:
    """The language editions ``--translations`` names ('none': no edition); one the course does not have
    ends the command (status 2) with a sentence in the course's language naming those it has."""
    if value is None:
        return None
    from builder.readers.editions import edition_tags
    from builder.translation_state import say_about_marking

    tags = [part.strip() for part in value.split(",") if part.strip() and part.strip() != "none"]
    known = edition_tags(course)
    for tag in tags:
        if tag not in known:
            language = _course_language(course)
            names = ", ".join(known) or say_about_marking(language, "none")
            click.echo(say_about_marking(language, "not-an-edition", tag=tag, course=course, tags=names), err=True)
            sys.exit(2)
    return tags


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="coursebuild")
def main() -> None:
    """Build a Moodle course, a printable booklet and a slide deck from Markdown course sources."""


@main.command()
@click.argument("course", default="course", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--output", default="output", type=click.Path(file_okay=False, path_type=Path),
              help="Folder the outputs are written into.")
@click.option("--only", help="Build only these outputs, e.g. --only moodle,booklet.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--moodle", "moodle_version", type=click.Choice(["4", "5", "both"]),
              help="The Moodle the backup is for, instead of course.yml's moodle.version: 4 (4.4, 4.5), "
                   "5 (5.0, 5.1) or both.")
@click.option("--translations", help="Make the outputs of only these language editions, e.g. --translations sv, "
                                     "or none (each is checked all the same).")
@_format_option
def build(course: Path, output: Path, only: str | None, strict: bool, moodle_version: str | None,
          translations: str | None, output_format: str | None) -> None:
    """Build every output of COURSE (default: ./course) into OUTPUT."""
    from builder.build import build as run_build, job_title
    from builder.diagnostics import Report
    from builder.wording import say, seconds

    report = Report(root=str(course))
    names = _split_only(only, course)
    done = "step-done-terminal" if sys.stderr.isatty() else "step-done-log"

    def on_step(name: str, took: float | None) -> None:
        language = report.language  # the course's: the writers start after it is read
        if took is None:
            if done == "step-done-terminal":
                click.echo(say(language, "step-started", output=job_title(language, name)), err=True)
        else:
            click.echo(say(language, done, output=job_title(language, name), seconds=seconds(language, took)),
                       err=True)

    result = run_build(course, output, report, only=names, strict=strict, on_step=on_step,
                       moodle_version=moodle_version, translations=_split_translations(translations, course))
    _print_report(report, strict, _chosen_format(output_format))
    if not result.ok:
        click.echo(say(report.language, "build-failed", output=output), err=True)
        sys.exit(1)
    if result.up_to_date:
        click.echo(say(report.language, "up-to-date", output=output), err=True)
    elif result.reused:
        click.echo(say(report.language, "reused", output=output, count=len(result.reused)), err=True)
    for path in sorted(result.written + result.reused):  # every output of this build, made again or not
        click.echo(str(path))


@main.command()
@click.argument("course", default="course", type=click.Path(file_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@_format_option
def check(course: Path, strict: bool, output_format: str | None) -> None:
    """Check COURSE (default: ./course) and report every problem, without writing anything."""
    # Without the cyclic garbage collector: its passes over the objects a check makes (modules, chapters
    # from the cache) took 10 ms of a 0.2 s check after an edit, 0.05 s of a first one, for the 0.3 MB
    # the cycles among them hold until the command ends. Switched back on after for a caller in this
    # process (not when ``run`` leaves right after: the first pass would go through everything made).
    collecting = gc.isenabled()
    gc.disable()
    try:
        _check(course, strict, output_format)
    finally:
        if collecting and not _leaving_after:
            gc.enable()


def _check(course: Path, strict: bool, output_format: str | None) -> None:
    from builder.course_check import check as run_check  # not builder.build: the writers are not needed
    from builder.diagnostics import Report
    from builder.wording import counted, say

    report = Report(root=str(course))
    result = run_check(course, report, strict, parallel=True, remember=True)
    _print_report(report, strict, _chosen_format(output_format))
    _print_source_changes(course, report)
    if result is None:
        sys.exit(1)
    chapters = counted(report.language, len(result.chapters), "chapter")
    click.echo(say(report.language, "check-ok", course=course, chapters=chapters))


def _print_source_changes(course: Path, report) -> None:
    """For each translation the check said is out of date, in the order it said so, what changed in its
    source chapter since it was marked; the other chapters are not compared again."""
    prefix = os.path.join(str(course), "")
    behind: dict[str, list[str]] = {}  # edition tag -> its chapters behind, as the check said them
    for diagnostic in report:
        if diagnostic.code == "translation-out-of-date" and diagnostic.path.startswith(prefix):
            tag, _, name = diagnostic.path[len(prefix):].partition("/")
            behind.setdefault(tag, []).append(name)
    if not behind:
        return
    from builder.translation_state import changes, say_about_marking

    for tag, names in behind.items():
        for change in changes(course, tag, names):
            if change.diff:
                path = course / change.tag / change.chapter
                click.echo("\n" + say_about_marking(report.language, "changes-heading", path=path,
                                                     source=change.chapter), err=True)
                click.echo(change.diff, err=True)


@main.command()
@click.argument("course", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("tag")
@click.argument("chapters", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Mark every chapter of the edition.")
def translated(course: Path, tag: str, chapters: tuple[str, ...], every: bool) -> None:
    """Mark CHAPTERS of the language edition TAG of COURSE as translating their source chapters as they
    are now, after checking them against the source: `check` then reports a chapter out of date only
    when its source changes again.

    Example: coursebuild translated course sv 03-nettiopastaminen.md
    """
    from builder.diagnostics import Report
    from builder.readers.chapter_files import chapter_paths
    from builder.readers.editions import edition_tags
    from builder.translation_state import mark_translated, say_about_marking

    language = _course_language(course)
    tags = edition_tags(course)
    if tag not in tags or not (course / tag).is_dir():
        names = ", ".join(tags) or say_about_marking(language, "none")
        click.echo(say_about_marking(language, "not-an-edition", tag=tag, course=course, tags=names), err=True)
        sys.exit(1)
    source = {path.name for path in chapter_paths(course, Report())}
    edition = sorted(path.name for path in chapter_paths(course / tag, Report()) if path.name in source)
    if not chapters and not every:
        example = edition[0] if edition else "01-luku.md"
        click.echo(say_about_marking(language, "name-chapters", example=example), err=True)
        sys.exit(2)
    names = edition if every else [Path(chapter).name for chapter in chapters]
    for name in names:
        if name not in edition:
            click.echo(say_about_marking(language, "no-chapter", file=name, course=course, tag=tag), err=True)
            sys.exit(1)
    try:
        mark_translated(course, tag, names)
    except OSError as error:  # a read-only folder, a full disk: said, not a traceback
        from builder.wording import os_reason

        click.echo(say_about_marking(language, "not-written", folder=course / tag / ".source",
                                     detail=os_reason(language, error)), err=True)
        sys.exit(1)
    for name in names:
        click.echo(say_about_marking(language, "marked", file=f"{tag}/{name}", tag=tag, source=name))


@main.command()
@click.argument("backup", type=click.Path(dir_okay=False, exists=True, path_type=Path))
def inspect(backup: Path) -> None:
    """List the sections, activities and files of a Moodle backup (.mbz) and report faults."""
    from builder.mbz_inspect import inspect_backup

    result = inspect_backup(backup)
    for line in result.lines:
        click.echo(line)
    for warning in result.warnings:
        click.echo(f"{backup}: warning: {warning}", err=True)
    for fault in result.faults:
        click.echo(f"{backup}: fault: {fault}", err=True)
    if result.faults:
        sys.exit(1)


@main.command()
@click.argument("course", default="course", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default lets in only this computer.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on; the next free one when it is taken (0: any free port).")
@click.option("--folder", type=click.Path(file_okay=False, path_type=Path),
              help="Keep the preview's files here (default: a temporary folder).")
@click.option("--no-pdf", is_flag=True, help="Do not build the PDFs in the background.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the web browser.")
def serve(course: Path, host: str, port: int, folder: Path | None, no_pdf: bool, open_browser: bool) -> None:
    """Preview COURSE live in a web browser: the page follows every saved edit.

    COURSE defaults to ./course. The terminal prints the address to open.
    """
    import signal
    import threading

    from builder.preview.session import serve as run_serve
    from builder.wording import os_reason, say

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    language = ["fi"]  # the course's, once the preview has read it

    def ready(url: str, course_language: str) -> None:
        language[0] = course_language
        click.echo(say(course_language, "serve-ready", course=course, url=url))
        if open_browser:
            import webbrowser

            webbrowser.open(url)

    try:
        run_serve(course, host, port, folder, make_pdfs=not no_pdf, log=lambda line: click.echo(line, err=True),
                  on_ready=ready, stop=stop)
    except KeyboardInterrupt:
        pass
    except OSError as error:
        language[0] = _course_language(course)
        click.echo(say(language[0], "serve-failed", address=f"{host}:{port}", detail=os_reason(language[0], error)),
                   err=True)
        sys.exit(1)
    click.echo(say(language[0], "serve-stopped"), err=True)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
def new(folder: Path) -> None:
    """Create a new example course in FOLDER to start writing from.

    The example shows every authoring feature and builds without any diagnostics.
    """
    from builder.scaffold import TEMPLATE, FolderExists, create_course
    from builder.wording import say

    language = _course_language(TEMPLATE)  # the new course's: said in the language it is written in
    try:
        create_course(folder)
    except FolderExists:
        click.echo(say(language, "new-exists", folder=folder), err=True)
        sys.exit(1)
    click.echo(say(language, "new-created", folder=folder))


_leaving_after = False  # set by ``run``: the process ends with the command, without the interpreter's teardown


def run() -> None:
    """The ``coursebuild`` program: the command, then an exit without the interpreter's teardown.

    After a PDF render the process holds some 90 000 objects in reference cycles; freeing them and
    every module at exit took 0.1-0.2 s of each build, for memory the operating system takes back
    anyway. Everything the command wrote is closed by then; the streams are flushed here.
    """
    global _leaving_after
    import builder.pdf

    builder.pdf.leaves_without_teardown = os.getpid()  # a rendered document is not freed just before leaving
    _leaving_after = True
    try:
        main()
        status = 0
    except SystemExit as exit:  # click ends every command this way, also --help and errors
        status = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        if isinstance(exit.code, str):
            print(exit.code, file=sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (coursebuild ... | head): nothing more to say
            pass
    os._exit(status)


if __name__ == "__main__":
    run()
