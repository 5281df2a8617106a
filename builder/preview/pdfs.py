"""The full build (PDFs, .mbz) behind the preview: one child process at a time, restarted on change.

The build runs in a child process rather than a thread: the PDF renders are CPU-bound, the build
forks its own workers (unsafe from a process that runs server threads), and a build made stale
by a newer edit can be stopped at once by ending its process group.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from builder.diagnostics import Diagnostic


@dataclass(frozen=True)
class PdfOutcome:
    ok: bool
    files: tuple[str, ...]  # names of the files written into the output folder
    diagnostics: tuple[Diagnostic, ...]
    seconds: float
    moodle_files: tuple[tuple[str, str], ...] = ()  # (name, file name) of the backup's section 0 files
    detail: str = ""  # why the build ended without a result (a crash), for the terminal


class PdfBuilds:
    """Runs ``python -m builder.preview.pdfs`` for every ``request()``; a newer request ends an older run."""

    def __init__(self, course_dir: Path, output_dir: Path, root: str, on_done: Callable[[PdfOutcome], None]) -> None:
        self._command = [sys.executable, "-m", "builder.preview.pdfs", str(course_dir), str(output_dir), root]
        self._on_done = on_done
        self._wake = threading.Condition()
        self._pending = False
        self._cancelled = False
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="preview-pdfs", daemon=True)
        self._thread.start()

    def request(self) -> None:
        with self._wake:
            self._pending = True
            self._cancelled = False
            self._wake.notify_all()

    def cancel(self) -> None:
        """End a running build now: its sources are changing. The next ``request()`` starts anew."""
        with self._wake:
            self._cancelled = True
            self._wake.notify_all()

    @property
    def superseded(self) -> bool:
        """True when the sources changed after the running or finished build started."""
        with self._wake:
            return self._pending or self._cancelled

    def stop(self) -> None:
        with self._wake:
            self._stopping = True
            self._wake.notify_all()
        self._thread.join(timeout=15)

    def _run(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._pending or self._stopping)
                if self._stopping:
                    return
                self._pending = False
            outcome = self._build_once()
            if outcome is not None:
                self._on_done(outcome)

    def _build_once(self) -> PdfOutcome | None:
        """One build; None when a newer request or stop() ended it early."""
        started = time.perf_counter()
        process = subprocess.Popen(self._command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, encoding="utf-8", start_new_session=True)
        while True:
            try:
                out, err = process.communicate(timeout=0.05)
                break
            except subprocess.TimeoutExpired:
                with self._wake:
                    stale = self._pending or self._cancelled or self._stopping
                if stale:
                    _end(process)
                    return None
        try:
            result = json.loads(out)
        except ValueError:
            last = (err.strip().splitlines() or [f"exit status {process.returncode}"])[-1]
            return PdfOutcome(False, (), (), time.perf_counter() - started, detail=last)
        diagnostics = tuple(Diagnostic(**d) for d in result["diagnostics"])
        return PdfOutcome(result["ok"], tuple(result["files"]), diagnostics, time.perf_counter() - started,
                          tuple((name, file) for name, file in result["moodle_files"]))


def _end(process: subprocess.Popen) -> None:
    """End the build and the workers it forked (its whole process group): politely, then for sure."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.communicate(timeout=1)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
    except ProcessLookupError:
        process.communicate()


def main(argv: list[str]) -> None:
    """The child: build COURSE into OUTPUT and print the result as one JSON object."""
    from builder.build import build
    from builder.diagnostics import Report
    from builder.preview.moodle_files import section0_files

    course_dir, output_dir, root = argv
    os.nice(10)  # the preview's own refresh comes first; the PDFs can wait a moment
    # SIGTERM unwinds the stack like Ctrl+C, so the build discards its staging folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    report = Report(root=root)
    # Every run follows an edit, so a record of it would never be used (and a temporary preview
    # folder would leave one behind in the cache each session).
    result = build(Path(course_dir), Path(output_dir), report, remember=False)
    backups = [path for path in result.written if path.suffix == ".mbz"]
    json.dump({
        "ok": result.ok,
        "files": [path.name for path in result.written],
        "diagnostics": [asdict(d) for d in report],
        "moodle_files": section0_files(backups[0]) if backups else [],
    }, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
