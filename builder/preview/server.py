"""The preview's HTTP server: the preview folder's files, its pages with the panel, and the reload events."""

from __future__ import annotations

import errno
import json
import mimetypes
import socket
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from builder.preview.reload import inject, sse_message
from builder.preview.site import OVERVIEW, PreviewSite
from builder.preview.wording import words

KEEPALIVE_SECONDS = 15  # a comment line this often lets a browser notice a dead server
LOCAL_NAMES = {"localhost", "127.0.0.1", "[::1]"}


def resolve(root: Path, url_path: str) -> Path | None:
    """The file under ``root`` that ``url_path`` names, or None for anything outside or hidden."""
    path = unquote(urlsplit(url_path).path)
    parts = [part for part in path.split("/") if part]
    if "\x00" in path or any(part.startswith(".") or "\\" in part for part in parts):
        return None
    real_root = root.resolve()
    candidate = real_root.joinpath(*parts).resolve()
    if not candidate.is_relative_to(real_root) or not candidate.is_file():
        return None
    return candidate


class PreviewHandler(BaseHTTPRequestHandler):
    server: "PreviewServer"
    server_version = "coursebuild-preview"

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        if not self._host_allowed():
            self.send_error(HTTPStatus.FORBIDDEN, "Unknown host name")
            return
        site = self.server.site
        path = urlsplit(self.path).path
        name = OVERVIEW if path == "/" else unquote(path.lstrip("/"))
        if path == "/events":
            self._events()
        elif path == "/status.json":
            self._send(json.dumps(self._status(), ensure_ascii=False).encode("utf-8"),
                       "application/json; charset=utf-8", send_body)
        elif (html := site.page_html(name)) is not None:
            self._send(inject(html, name, site.state).encode("utf-8"), "text/html; charset=utf-8", send_body)
        elif (file := resolve(site.folder, path)) is not None:
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            # Images are addressed by content (?v=hash): a reload need not fetch them again.
            versioned = path.startswith("/media/") and "v=" in urlsplit(self.path).query
            self._send(file.read_bytes(), kind, send_body, cache=versioned)
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def _host_allowed(self) -> bool:
        """Refuse other host names while bound to this machine only (DNS rebinding)."""
        if not self.server.local_only:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name in LOCAL_NAMES

    def _status(self) -> dict:
        site = self.server.site
        snapshot = site.state.snapshot()
        return {
            "pages": snapshot["pages"],
            "pdf": site.pdf_status,
            "files": list(site.pdf_files),
            "diagnostics": [str(d) for d in site.all_diagnostics()],
        }

    def _send(self, body: bytes, content_type: str, send_body: bool, cache: bool = False) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=31536000, immutable" if cache else "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _events(self) -> None:
        """Server-Sent Events: the state now, then each change, until the client or the server goes."""
        state = self.server.site.state
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        snapshot = state.snapshot()
        self.wfile.write(b"retry: 1000\n\n" + sse_message(snapshot))
        self.wfile.flush()
        while not state.closed:
            newer = state.wait(snapshot["serial"], KEEPALIVE_SECONDS)
            if newer is not None:
                snapshot = newer
                self.wfile.write(sse_message(snapshot))
            elif not state.closed:
                self.wfile.write(b": keepalive\n\n")
            self.wfile.flush()

    def log_message(self, format: str, *args) -> None:
        pass  # the terminal shows what changed, not every request


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream must not keep the program alive

    def __init__(self, address: tuple[str, int], site: PreviewSite) -> None:
        self.site = site
        self.local_only = address[0] in ("127.0.0.1", "localhost", "::1")
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, PreviewHandler)

    def handle_error(self, request, client_address) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):
            return  # a browser closing a tab mid-response is normal; nothing for the trainer to see
        w = words(self.site.language)
        self.site.log(f"{w['log-server-fault']} ({w['log-technical']}: {type(error).__name__}: {error})")


def make_server(host: str, port: int, site: PreviewSite, tries: int = 10) -> PreviewServer:
    """A server on ``port``, or on the next free one when it is taken (port 0: any free port)."""
    for offset in range(tries if port else 1):
        try:
            return PreviewServer((host, port + offset), site)
        except OSError as error:
            if error.errno != errno.EADDRINUSE or offset == tries - 1:
                raise
    raise AssertionError("unreachable")
