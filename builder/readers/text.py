"""Reading source files as text: UTF-8 only, a byte-order mark and CRLF line endings accepted."""

from __future__ import annotations

from pathlib import Path

from builder.diagnostics import Report


def read_text(path: Path, shown: str, report: Report) -> str | None:
    """The file's text with '\\n' line endings, or None after reporting why it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.add("file-unreadable", shown, 1, detail=exc.strerror or type(exc).__name__)
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.add("file-not-utf8", shown, line, detail=f"byte 0x{data[exc.start]:02x}")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")
