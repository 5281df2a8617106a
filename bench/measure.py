"""One timed run of a command: wall time and the peak memory of its whole process tree.

Peak memory is the larger of two figures: the kernel's peak RSS of the largest single process
(``os.wait4`` on the child reports the child and every descendant it waited for), and the
largest sum of proportional set sizes (PSS) over the live process tree, sampled from /proc
while the command runs. PSS, unlike RSS, does not count twice the pages that forked workers
share with their parent, so the sum is what the tree really holds in memory.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

DIAGNOSTIC = re.compile(r":\d+: [a-z]+(-[a-z]+)*: |Error|error:")
SAMPLE_SECONDS = float(os.environ.get("BENCH_SAMPLE_SECONDS", "0.05"))


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_bytes: int
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    def failure(self) -> str:
        """A one-line reason for a failed run: its first diagnostic, else its last line of output."""
        if self.timed_out:
            return f"timed out after {self.seconds:.0f} s"
        lines = [line.strip() for line in (self.stderr or self.stdout).splitlines() if line.strip()]
        diagnostics = [line for line in lines if DIAGNOSTIC.search(line)]
        shown = (diagnostics or lines or [""])[0 if diagnostics else -1]
        return f"exit {self.returncode}: {shown[:200]}" if shown else f"exit {self.returncode}"


def run(command: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
        timeout: float = 900.0) -> Sample:
    """Run ``command`` once to completion and measure it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                   stdout=out, stderr=err, start_new_session=True)
        sampler = TreeMemory(process.pid)
        sampler.start()
        expired = threading.Event()
        timer = threading.Timer(timeout, lambda: (expired.set(), _kill_group(process.pid)))
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:  # Ctrl+C: the child is in its own session and would not see it
            _kill_group(process.pid)
            raise
        finally:
            timer.cancel()
            sampler.stop()
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        _kill_group(process.pid)  # daemons a command left behind (a browser) must not outlive it
        out.seek(0)
        err.seek(0)
        return Sample(
            seconds=seconds,
            peak_bytes=max(usage.ru_maxrss * 1024, sampler.peak_bytes),
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            timed_out=expired.is_set(),
        )


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


class TreeMemory:
    """Samples the summed PSS of a process and all its descendants in a background thread."""

    def __init__(self, root_pid: int, interval: float = SAMPLE_SECONDS) -> None:
        self.root_pid = root_pid
        self.interval = interval
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak_bytes = max(self.peak_bytes, tree_bytes(self.root_pid))
            self._stop.wait(self.interval)


def tree_bytes(root_pid: int) -> int:
    return sum(process_bytes(pid) for pid in descendants(root_pid))


def descendants(root_pid: int) -> list[int]:
    """``root_pid`` and every process below it (via /proc/PID/task/TID/children)."""
    found, queue = [], [root_pid]
    while queue:
        pid = queue.pop()
        found.append(pid)
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as handle:
                    queue.extend(int(child) for child in handle.read().split())
            except OSError:
                pass
    return found


def process_bytes(pid: int) -> int:
    """PSS of one process, or its RSS where smaps_rollup cannot be read; 0 once it is gone."""
    for path, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(path) as handle:
                for line in handle:
                    if line.startswith(key):
                        return int(line.split()[1]) * 1024
        except (OSError, ValueError):
            continue
    return 0
