"""One preview session: build the pages, serve them, rebuild on every change until stopped."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

from builder.preview.server import make_server
from builder.preview.site import PreviewSite, Refresh, page_title
from builder.preview.wording import words
from builder.wording import counted, seconds
from builder.preview.watcher import watch_sources


def serve(
    course_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    folder: Path | None = None,
    make_pdfs: bool = True,
    log: Callable[[str], None] = print,
    on_ready: Callable[[str, str], None] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Serve a live preview of ``course_dir`` until ``stop`` is set (or Ctrl+C).

    The pages live in ``folder`` (default: a temporary folder removed at the end).
    ``on_ready(url, language)`` is called once the first pages are served and edits are being
    watched; ``language`` is the course's, which the command line's own words follow.
    """
    stop = stop or threading.Event()
    own_folder = folder is None
    folder = Path(tempfile.mkdtemp(prefix="coursebuild-preview-")) if own_folder else Path(folder)
    site = PreviewSite(course_dir, folder, make_pdfs, log)
    server = None
    try:
        server = make_server(host, port, site)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="preview-http",
                         daemon=True).start()
        shown_host = f"[{host}]" if ":" in host else host
        url = f"http://{shown_host}:{server.server_address[1]}/"

        def first_build() -> None:  # once watching: an edit made meanwhile is not lost
            _log_refresh(site.refresh(), site.language, log)
            if on_ready:
                on_ready(url, site.language)
            else:
                log(url)

        def on_change(paths: set[Path]) -> None:
            _log_refresh(site.refresh(), site.language, log, sorted(path.name for path in paths))

        watch_sources([site.course_dir, site.assets_dir], on_change, stop, ignore=[folder], on_watching=first_build)
    finally:
        site.close()
        if server is not None:
            server.shutdown()
            server.server_close()
        if own_folder:
            shutil.rmtree(folder, ignore_errors=True)


def _log_refresh(result: Refresh, language: str, log: Callable[[str], None],
                 changed_files: list[str] | None = None) -> None:
    w = words(language)
    stamp = time.strftime("%H:%M:%S") + (f" {', '.join(changed_files)}:" if changed_files else "")
    took = seconds(language, result.seconds)
    for diagnostic in result.diagnostics:
        log(str(diagnostic))
    if not result.ok:
        errors = sum(1 for d in result.diagnostics if d.severity == "error")
        log(w["log-errors"].format(stamp=stamp, errors=counted(language, errors, "error")))
    elif result.changed:
        pages = ", ".join(page_title(language, page) for page in result.changed)
        log(w["log-updated"].format(stamp=stamp, pages=pages, seconds=took))
    else:
        log(w["log-unchanged"].format(stamp=stamp, seconds=took))
