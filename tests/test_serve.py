"""``coursebuild serve`` end to end: a real server on a free port, driven over HTTP and its event stream."""

from __future__ import annotations

import http.client
import json
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from builder.diagnostics import Report
from builder.preview.overview import moodle_sections
from builder.preview.reload import PreviewState, inject
from builder.readers.course import read_course
from builder.scaffold import create_course

STARTUP_SECONDS = 60  # generous for a slow CI machine; a healthy start takes well under a second
CHANGE_SECONDS = 30  # generous for a loaded CI machine; a healthy refresh takes well under a second
CHAPTER = "01-videopuhelu.md"


class Preview:
    """``coursebuild serve`` in a child process, as a trainer starts it."""

    def __init__(self, course: Path, folder: Path, *options: str) -> None:
        # As from a terminal: Ctrl+C reaches it even when the tests themselves run as a background
        # job (make test &), where the shell starts them with SIGINT ignored and children inherit that.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "builder", "serve", str(course), "--port", "0", "--folder", str(folder), *options],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        self.stdout: queue.Queue[str] = queue.Queue()
        self.stderr: list[str] = []
        threading.Thread(target=self._pump, args=(self.process.stdout, self.stdout.put), daemon=True).start()
        threading.Thread(target=self._pump, args=(self.process.stderr, self.stderr.append), daemon=True).start()
        try:
            line = self.stdout.get(timeout=STARTUP_SECONDS)
        except queue.Empty:
            self.process.kill()
            raise AssertionError("serve printed no address; stderr: " + "".join(self.stderr))
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line
        self.url, self.port = match.group(0), int(match.group(1))

    @staticmethod
    def _pump(stream, put) -> None:
        for line in stream:
            put(line)

    def get(self, path: str, host: str | None = None) -> tuple[int, str, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.putrequest("GET", path, skip_host=host is not None)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, response.getheader("Content-Type") or "", body

    def page(self, path: str) -> str:
        status, _, body = self.get(path)
        assert status == 200, path
        return body.decode("utf-8")

    def status(self) -> dict:
        with urllib.request.urlopen(self.url + "status.json", timeout=30) as response:
            return json.load(response)

    def wait_for_output(self, text: str, seconds: float = CHANGE_SECONDS) -> None:
        """Wait until the terminal (stderr) shows a line with ``text``."""
        deadline = time.monotonic() + seconds
        while not any(text in line for line in self.stderr):
            assert time.monotonic() < deadline, f"{text!r} not in: " + "".join(self.stderr)
            time.sleep(0.05)

    def stop(self, sig: int = signal.SIGINT) -> tuple[int, str]:
        self.process.send_signal(sig)
        code = self.process.wait(timeout=30)
        time.sleep(0.1)  # let the pump threads take the last lines
        return code, "".join(self.stderr)


class EventStream:
    """The browser's side of the reload signal: each ``state`` event, parsed."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.connection.request("GET", "/events")
        self.response = self.connection.getresponse()
        assert self.response.getheader("Content-Type").startswith("text/event-stream")
        self.states: queue.Queue[tuple[float, dict]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        event, data = "", []
        try:
            for raw in self.response.fp:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: "):
                    data.append(line[6:])
                elif not line and event == "state":
                    self.states.put((time.perf_counter(), json.loads("\n".join(data))))
                    event, data = "", []
        except (OSError, ValueError):
            pass

    def wait_for(self, predicate, seconds: float = CHANGE_SECONDS) -> tuple[float, dict]:
        deadline = time.monotonic() + seconds
        while True:
            try:
                at, state = self.states.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError("no such state event") from None
            if predicate(state):
                return at, state

    def close(self) -> None:
        self.connection.close()


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return create_course(tmp_path / "kurssi")


@pytest.fixture
def preview(course: Path, tmp_path: Path):
    running = Preview(course, tmp_path / "preview", "--no-pdf")
    yield running
    if running.process.poll() is None:
        running.stop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_serves_the_booklet_the_slides_and_the_moodle_overview(preview: Preview) -> None:
    overview = preview.page("/")
    assert "Yleistä" in overview  # section 0, as Moodle names it
    for text in ("Mikä on videopuhelu?", "Ensimmäinen puhelu", "Testaa osaamisesi", "Sivu", "Tentti"):
        assert text in overview
    assert 'href="opas.html#chapter-videopuhelu"' in overview

    booklet = preview.page("/opas.html")
    assert "Videopuhelu on puhelu, jossa näet toisen ihmisen kasvot." in booklet
    assert 'new EventSource("/events")' in booklet  # the reload script
    assert 'src="media/images/videopuhelu.png?v=' in booklet

    assert "Puhelun vaiheet" in preview.page("/diat.html")

    status, kind, image = preview.get("/media/images/videopuhelu.png")
    assert (status, kind) == (200, "image/png") and image.startswith(b"\x89PNG")


def test_a_chapter_edit_reaches_the_open_page_with_a_reload_signal(preview: Preview, course: Path) -> None:
    events = EventStream(preview.port)
    _, before = events.wait_for(lambda state: True)
    edited_at = time.perf_counter()
    edit(course / CHAPTER, "Videopuhelu on puhelu", "Videopuhelu on kuvapuhelu")

    arrived, after = events.wait_for(lambda s: s["pages"]["opas.html"] > before["pages"]["opas.html"])
    assert arrived - edited_at < CHANGE_SECONDS
    assert "Videopuhelu on kuvapuhelu, jossa" in preview.page("/opas.html")
    # Only what the edit touched changes: the overview shows no body text, so it does not reload.
    assert after["pages"]["index.html"] == before["pages"]["index.html"]
    events.close()


def test_broken_front_matter_keeps_the_last_preview_and_fixing_it_brings_the_edit(
        preview: Preview, course: Path) -> None:
    events = EventStream(preview.port)
    _, before = events.wait_for(lambda state: True)
    chapter = course / CHAPTER
    good = chapter.read_text(encoding="utf-8")
    chapter.write_text(good.replace("---\n\nVideopuhelu on puhelu", "\nVideopuhelu on rikki", 1), encoding="utf-8")

    _, broken = events.wait_for(lambda s: "front-matter-unclosed" in s["panel"])
    assert f"{CHAPTER}:1" in broken["panel"]
    assert broken["pages"] == before["pages"]  # nothing to reload: the last good pages stay
    page = preview.page("/opas.html")
    assert "Videopuhelu on puhelu" in page and "front-matter-unclosed" in page
    preview.wait_for_output(f"{CHAPTER}:1: front-matter-unclosed")  # the terminal says it too

    chapter.write_text(good.replace("Videopuhelu on puhelu", "Videopuhelu toimii taas"), encoding="utf-8")
    _, fixed = events.wait_for(lambda s: s["pages"]["opas.html"] > before["pages"]["opas.html"])
    assert "front-matter-unclosed" not in fixed["panel"]
    assert "Videopuhelu toimii taas" in preview.page("/opas.html")
    assert preview.status()["diagnostics"] == []
    events.close()


def test_a_course_broken_from_the_start_shows_its_diagnostics_then_the_course(course: Path, tmp_path: Path) -> None:
    settings = course / "course.yml"
    good = settings.read_text(encoding="utf-8")
    settings.write_text(good.replace("title: Videopuhelu tutuksi\n", "", 1), encoding="utf-8")
    running = Preview(course, tmp_path / "preview", "--no-pdf")
    try:
        page = running.page("/")
        assert "key-missing" in page and "course.yml" in page and "Traceback" not in page
        events = EventStream(running.port)
        settings.write_text(good, encoding="utf-8")
        events.wait_for(lambda s: s["pages"].get("index.html", 0) > 0)
        assert "Yleistä" in running.page("/")
        events.close()
    finally:
        code, stderr = running.stop()
    assert code == 0 and "Traceback" not in stderr


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_stops_cleanly(preview: Preview, sig: int) -> None:
    events = EventStream(preview.port)  # an open event stream must not hold the server up
    events.wait_for(lambda state: True)
    code, stderr = preview.stop(sig)
    assert code == 0
    assert "Traceback" not in stderr
    assert "Esikatselu lopetettiin." in stderr
    events.close()


def test_serves_nothing_outside_the_preview_folder(preview: Preview) -> None:
    for path in ("/../kurssi/course.yml", "/%2e%2e/kurssi/course.yml", "/media/../../kurssi/course.yml",
                 "/files/..%2f..%2fkurssi%2fcourse.yml", "/.opas.html.tmp", "/etc/passwd"):
        assert preview.get(path)[0] == 404, path
    assert preview.get("/media/images/videopuhelu.png")[0] == 200


def test_refuses_requests_for_other_host_names(preview: Preview) -> None:
    assert preview.get("/", host="attacker.example")[0] == 403
    assert preview.get("/", host=f"localhost:{preview.port}")[0] == 200


def test_pdfs_are_built_in_the_background_and_the_page_says_when(course: Path, tmp_path: Path) -> None:
    running = Preview(course, tmp_path / "preview")
    try:
        events = EventStream(running.port)
        _, state = events.wait_for(lambda s: "PDF:t valmiina" in s["panel"] or "cb-pdf-failed" in s["panel"],
                                   seconds=300)
        assert "PDF:t valmiina" in state["panel"], running.stderr
        pdfs = [name for name in running.status()["files"] if name.endswith(".pdf")]
        assert "kurssi-booklet.pdf" in pdfs
        status, kind, body = running.get("/files/kurssi-booklet.pdf")
        assert (status, kind) == (200, "application/pdf") and body.startswith(b"%PDF")
        # Section 0 offers what the Moodle backup offers, by Moodle's names (the panel below lists all files).
        overview = running.page("/").split('<div id="cb-preview"')[0]
        assert 'href="files/kurssi-booklet.pdf">Kurssimateriaali (PDF)</a>' in overview
        assert 'href="files/kurssi-slides.pdf">Diaesitys (PDF)</a>' in overview
        assert "kurssi-booklet-a4.pdf" not in overview  # built, but not in the Moodle course
        events.close()
    finally:
        code, stderr = running.stop()
    assert code == 0 and "Traceback" not in stderr


def test_a_page_that_forbids_connections_may_still_hear_the_reload_signal() -> None:
    deck = ('<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            'script-src \'unsafe-inline\'"></head><body><main>dia</main></body></html>')
    page = inject(deck, "diat.html", PreviewState())
    assert 'content="connect-src \'self\'; default-src \'none\';' in page
    assert page.index('new EventSource("/events")') < page.index("</body>")


def test_the_overview_follows_the_moodle_layout(course: Path) -> None:
    settings = course / "course.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("layout: page", "layout: book"), encoding="utf-8")
    report = Report()
    book = read_course(course, report)
    assert book is not None, [str(d) for d in report]

    sections = moodle_sections(book, [("Kurssimateriaali (PDF)", "kurssi-booklet.pdf")], "opas.html", str)
    assert [s.name for s in sections] == ["Yleistä", "1. Mikä on videopuhelu?", "2. Ensimmäinen puhelu"]
    assert [(a.kind, a.name) for a in sections[0].activities] == [
        ("book", "Videopuhelu tutuksi"), ("resource", "Kurssimateriaali (PDF)")]
    assert [(a.kind, a.name, a.detail) for a in sections[2].activities] == [
        ("quiz", "Testaa osaamisesi – 2. Ensimmäinen puhelu", "2 kysymystä")]  # no Page: the chapters are in the book


@pytest.mark.parametrize("layout", ["page", "book"])
def test_the_overview_names_sections_and_activities_as_the_backup_does(course: Path, tmp_path: Path,
                                                                       layout: str) -> None:
    from moodle_factory import build_mbz, read_mbz, with_layout
    from lxml import etree

    report = Report()
    read = with_layout(read_course(course, report), layout)
    mbz, _ = build_mbz(read, tmp_path / "staging")
    contents = etree.fromstring(read_mbz(mbz)["moodle_backup.xml"]).find("information/contents")
    backup = {s.findtext("sectionid"): [s.findtext("title"), []] for s in contents.iter("section")}
    for activity in contents.iter("activity"):
        if activity.findtext("modulename") != "qbank":  # hidden from learners, and not in the overview
            backup[activity.findtext("sectionid")][1].append(activity.findtext("title"))
    chapters = list(backup.values())[1:]
    overview = moodle_sections(read, [], "opas.html", str)[1:]
    assert [[s.name, [a.name for a in s.activities]] for s in overview] == chapters
