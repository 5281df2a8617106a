"""One preview session: build the pages, serve them, rebuild on every change until stopped."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

from builder.preview.server import make_server
from builder.preview.site import PreviewSite, Refresh
from builder.preview.watcher import watch_sources


def serve(
    course_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    folder: Path | None = None,
    make_pdfs: bool = True,
    log: Callable[[str], None] = print,
    on_ready: Callable[[str], None] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Serve a live preview of ``course_dir`` until ``stop`` is set (or Ctrl+C).

    The pages live in ``folder`` (default: a temporary folder removed at the end).
    ``on_ready(url)`` is called once the first pages are served and edits are being watched.
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
            _log_refresh(site.refresh(), log)
            (on_ready or log)(url)

        def on_change(paths: set[Path]) -> None:
            _log_refresh(site.refresh(), log, sorted(path.name for path in paths))

        watch_sources([site.course_dir, site.assets_dir], on_change, stop, ignore=[folder], on_watching=first_build)
    finally:
        site.close()
        if server is not None:
            server.shutdown()
            server.server_close()
        if own_folder:
            shutil.rmtree(folder, ignore_errors=True)


def _log_refresh(result: Refresh, log: Callable[[str], None], changed_files: list[str] | None = None) -> None:
    stamp = time.strftime("%H:%M:%S") + (f" {', '.join(changed_files)}:" if changed_files else "")
    for diagnostic in result.diagnostics:
        log(str(diagnostic))
    if not result.ok:
        errors = sum(1 for d in result.diagnostics if d.severity == "error")
        log(f"{stamp} {errors} error(s): the preview keeps showing the last version that worked")
    elif result.changed:
        log(f"{stamp} updated {', '.join(result.changed)} in {result.seconds:.2f} s")
    else:
        log(f"{stamp} no visible change ({result.seconds:.2f} s)")
