"""The preview row: how long after a one-chapter edit ``coursebuild serve`` serves the new HTML.

The server runs on a copy of the course. Each run appends a new marker sentence to the first
chapter and then does what the browser does: when the server has a reload signal (Server-Sent
Events at ``/events``), it fetches the page once per event until the marker is in it; without
one, it fetches the page every 10 ms. The first edit finds which page shows that chapter and is
not counted.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from measure import TreeMemory

POLL_SECONDS = 0.01
START_SECONDS = 120.0
REFRESH_SECONDS = 30.0
HREF = re.compile(r'href="([^"#?]+)"')
URL = re.compile(r"https?://[\w.\[\]:-]+(?::\d+)?/?\S*")


@dataclass
class PreviewOutcome:
    seconds: list[float] = field(default_factory=list)
    peak_bytes: int = 0
    skip: str = ""
    failure: str = ""
    note: str = ""


def serve_help(coursebuild: Path, env: dict[str, str]) -> str | None:
    """``coursebuild serve --help``, or None when there is no serve command."""
    done = subprocess.run([str(coursebuild), "serve", "--help"], env=env, capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else None


def measure_preview(coursebuild: Path, course: Path, scratch: Path, runs: int, env: dict[str, str]) -> PreviewOutcome:
    help_text = serve_help(coursebuild, env)
    if help_text is None:
        return PreviewOutcome(skip="serve not available (coursebuild has no serve command)")
    copy = scratch / "course"
    shutil.copytree(course, copy)
    if (course.resolve().parent / "assets").is_dir():
        shutil.copytree(course.resolve().parent / "assets", scratch / "assets")
    chapter = sorted(p for p in copy.glob("*.md") if not p.name.startswith(("_", ".")))[0]
    port = _free_port()
    command = [str(coursebuild), "serve", str(copy)]
    for option, value in (("--port", str(port)), ("--host", "127.0.0.1"), ("--no-browser", None), ("--no-open", None)):
        if re.search(rf"(^|\s){option}\b", help_text):
            command += [option] + ([value] if value else [])
    log = scratch / "serve.log"
    with log.open("ab") as output:  # append mode: the child's writes never overwrite each other
        server = subprocess.Popen(command, env=env, cwd=scratch, stdin=subprocess.DEVNULL, stdout=output,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    memory = TreeMemory(server.pid)
    memory.start()
    outcome = PreviewOutcome()
    try:
        base = _wait_until_serving(server, log, port)
        original = chapter.read_text(encoding="utf-8")
        page = _find_page(base, chapter, original)
        events = ReloadEvents.listen(base)
        path = urllib.parse.urlsplit(page).path
        outcome.note = f"edit {chapter.name}, fetch {path} " + ("on each /events signal" if events else "every 10 ms")
        for _ in range(runs):
            time.sleep(1.0)  # let the watcher settle so that each edit is a separate change
            outcome.seconds.append(_refresh_seconds(page, chapter, original, events))
    except PreviewError as error:
        outcome.failure = f"{error}; serve log: {_tail(log)}"
    finally:
        memory.stop()
        outcome.peak_bytes = memory.peak_bytes
        _stop(server)
    return outcome


class PreviewError(Exception):
    pass


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(server: subprocess.Popen, log: Path, port: int) -> str:
    deadline = time.monotonic() + START_SECONDS
    candidates = [f"http://127.0.0.1:{port}/"]
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise PreviewError(f"serve exited with status {server.returncode}")
        for url in candidates + [u.rstrip(".,)") for u in URL.findall(_tail(log, 4000))]:
            if _get(url) is not None:
                return url
        time.sleep(0.2)
    raise PreviewError(f"serve answered no request in {START_SECONDS:.0f} s")


def _find_page(base: str, chapter: Path, original: str) -> str:
    """The served page that shows ``chapter``: the base page or one it links to."""
    marker = _edit(chapter, original)
    deadline = time.monotonic() + REFRESH_SECONDS
    while time.monotonic() < deadline:
        index = _get(base) or ""
        pages = [base] + [urllib.parse.urljoin(base, href) for href in HREF.findall(index)
                          if not href.startswith(("http:", "https:", "mailto:")) or href.startswith(base)]
        for page in dict.fromkeys(pages):
            if marker in (_get(page) or ""):
                return page
        time.sleep(0.1)
    raise PreviewError(f"no page served the edit of {chapter.name} within {REFRESH_SECONDS:.0f} s")


def _refresh_seconds(page: str, chapter: Path, original: str, events: "ReloadEvents | None") -> float:
    if events:
        events.clear()
    marker = _edit(chapter, original)
    started = time.perf_counter()
    while (left := REFRESH_SECONDS - (time.perf_counter() - started)) > 0:
        if events and not events.wait(left):
            break
        if marker in (_get(page) or ""):
            return time.perf_counter() - started
        if not events:
            time.sleep(POLL_SECONDS)
    raise PreviewError(f"the edit did not reach {page} within {REFRESH_SECONDS:.0f} s")


class ReloadEvents:
    """The server's reload signal as a browser hears it: one queue entry per Server-Sent Event."""

    def __init__(self, response) -> None:
        self._events: queue.Queue[None] = queue.Queue()
        self._response = response
        threading.Thread(target=self._read, daemon=True).start()

    @classmethod
    def listen(cls, base: str) -> "ReloadEvents | None":
        try:
            response = urllib.request.urlopen(urllib.parse.urljoin(base, "/events"), timeout=120)
        except (urllib.error.URLError, OSError, ValueError):
            return None
        if not response.headers.get("Content-Type", "").startswith("text/event-stream"):
            response.close()
            return None
        return cls(response)

    def _read(self) -> None:
        data = False
        try:
            for line in self._response:
                if line.startswith(b"data:"):
                    data = True
                elif not line.strip() and data:
                    self._events.put(None)
                    data = False
        except (OSError, ValueError):
            pass

    def clear(self) -> None:
        while not self._events.empty():
            self._events.get_nowait()

    def wait(self, seconds: float) -> bool:
        try:
            self._events.get(timeout=seconds)
            return True
        except queue.Empty:
            return False


def _edit(chapter: Path, original: str) -> str:
    marker = "benchmark" + uuid.uuid4().hex[:12]
    chapter.write_text(original.rstrip("\n") + f"\n\nMuokattu {marker}.\n", encoding="utf-8")
    return marker


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            if response.status != 200:
                return None
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, ValueError):
        return None


def _tail(log: Path, size: int = 300) -> str:
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return " ".join(text[-size:].split())


def _stop(server: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(server.pid, sig)
            server.wait(wait)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue
