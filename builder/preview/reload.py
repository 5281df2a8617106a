"""The reload signal: what the open pages need to know, published to Server-Sent Events listeners."""

from __future__ import annotations

import json
import re
import threading
from importlib.resources import files

RELOAD_SCRIPT = files("builder.preview").joinpath("templates/reload.js").read_text(encoding="utf-8")
PANEL_CSS = files("builder.preview").joinpath("templates/panel.css").read_text(encoding="utf-8")
CSP_META = re.compile(r"<meta\b[^>]*http-equiv=[\"']?content-security-policy[^>]*>", re.IGNORECASE)
CSP_CONTENT = re.compile(r"(content=[\"'])", re.IGNORECASE)


class PreviewState:
    """Each page's version and the preview panel's HTML; listeners wait for the next change."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._serial = 0
        self._pages: dict[str, int] = {}
        self._panel = ""
        self._closed = False

    def publish(self, changed_pages: list[str], panel_html: str) -> None:
        with self._changed:
            for name in changed_pages:
                self._pages[name] = self._pages.get(name, 0) + 1
            self._panel = panel_html
            self._serial += 1
            self._changed.notify_all()

    def snapshot(self) -> dict:
        with self._changed:
            return {"serial": self._serial, "pages": dict(self._pages), "panel": self._panel}

    def version(self, page: str) -> int:
        with self._changed:
            return self._pages.get(page, 0)

    def wait(self, serial: int, timeout: float) -> dict | None:
        """The state once its serial differs from ``serial``; None on timeout or when closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._serial != serial, timeout)
            if self._closed or self._serial == serial:
                return None
            return {"serial": self._serial, "pages": dict(self._pages), "panel": self._panel}

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()


def inject(html: str, page: str, state: PreviewState) -> str:
    """``html`` with the preview panel and the reload script added before ``</body>``.

    A page that forbids all connections (the offline slide deck's Content-Security-Policy)
    is allowed this one, to its own server, so that it hears the reload signal.
    """
    html = CSP_META.sub(lambda tag: CSP_CONTENT.sub(r"\1connect-src 'self'; ", tag.group(0), count=1), html, count=1)
    snapshot = state.snapshot()
    config = json.dumps({"page": page, "version": snapshot["pages"].get(page, 0)})
    snippet = (
        f'<style>{PANEL_CSS}</style>\n'
        f'<div id="cb-preview-spacer"></div>\n'
        f'<div id="cb-preview" role="region" aria-label="coursebuild">{snapshot["panel"]}</div>\n'
        f'<script>var COURSEBUILD_PREVIEW = {config};\n{RELOAD_SCRIPT}</script>\n'
    )
    at = html.lower().rfind("</body>")
    return html + snippet if at == -1 else html[:at] + snippet + html[at:]


def sse_message(snapshot: dict) -> bytes:
    return f"event: state\ndata: {json.dumps(snapshot)}\n\n".encode("utf-8")
