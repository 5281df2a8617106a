"""Reading source files as text: UTF-8 only, a byte-order mark and CRLF line endings accepted."""

from __future__ import annotations

import html
import os
import re
import stat
from pathlib import Path

import nh3

from builder.diagnostics import Report
from builder.wording import control_names, os_reason, say

# Characters XML 1.0 cannot hold (C0 controls but tab and newline, lone surrogates a YAML escape
# can make, U+FFFE and U+FFFF), and the others no reader sees and no font draws: control characters (C0, DEL and C1), surrogates,
# noncharacters, private-use areas and the planes Unicode leaves unassigned (4-13). In a PDF each
# would print as an empty box with a renderer's message in English; here they go, with a warning.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff"
                     "\U00040000-\U000dffff\U000f0000-\U0010ffff]")
# Each character CONTROL finds is written in UTF-8 with one of these bytes (as itself or as its first
# byte): C0 and DEL; C1 (0xc2); surrogates (0xed); private use, noncharacters (0xee, 0xef); the planes
# past 3 (0xf1-0xf4). A file without any of them has none to remove, and looking for these bytes is
# 15 times quicker than CONTROL's search of its text (0.1 ms of a 20 kB chapter).
CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f, 0xc2, 0xed, 0xee, 0xef,
                       0xf1, 0xf2, 0xf3, 0xf4])
_OTHER_BYTES = bytes(sorted(set(range(256)) - set(CONTROL_BYTES)))
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)  # a trainer's note to self, hidden in the text as in Markdown
UNSAFE_MARKUP = re.compile(
    r"<\s*/?\s*(script|iframe|object|embed|style|form|frame|frameset|meta|link|base|svg|math)\b"
    r"|<[a-z][^>]*\son[a-z]+\s*="
    r"|<[a-z][^>]*\s(src|href|action|formaction|data)\s*=\s*[\"']?\s*(javascript|vbscript|data)\s*:",
    re.IGNORECASE,
)


def read_text(path: Path, shown: str, report: Report, within: Path | None = None) -> str | None:
    """The file's text with '\\n' line endings, or None after reporting why it cannot be read.

    With ``within``, a file whose real location is outside that folder (a symbolic link out of the
    course folder) is refused without being opened. Invisible control characters are removed, each
    line that had some with a warning.
    """
    try:
        if within is not None and not is_inside(path, within):
            report.add("path-outside-course", shown, 1, target=shown)
            return None
        mode = path.stat().st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            # A named pipe or a device would never end (or never start): not a text file.
            report.add("file-unreadable", shown, 1, detail=say(report.language, "not-regular-file"))
            return None
        data = path.read_bytes()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symbolic link loop (Python 3.11)
        report.add("file-unreadable", shown, 1, detail=os_reason(report.language, exc))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:  # UTF-16 ("Unicode" in Notepad) without a byte-order mark, or not text at all
        report.add("file-not-utf8", shown, data[: data.index(b"\x00")].count(b"\n") + 1,
                   detail=say(report.language, "zero-bytes"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.add("file-not-utf8", shown, line, detail=say(report.language, "byte", byte=f"0x{data[exc.start]:02x}"))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if data.translate(None, _OTHER_BYTES) and CONTROL.search(text):  # any of CONTROL_BYTES, then a look
        lines = text.split("\n")
        for number, line in enumerate(lines, start=1):
            found = "".join(CONTROL.findall(line))
            if found:
                report.add("text-control-character", shown, number, detail=control_names(report.language, found))
                lines[number - 1] = CONTROL.sub("", line)
        text = "\n".join(lines)
    return text


def harmless_text(value: str) -> str:
    """``value`` without markup that could run or load something: a setting such as a title is text.

    Writers escape text, so 'Tieto & <turva>' stays as written. But a script (with its code), a
    frame, an event handler or a script address copied in from a hostile source goes, with every
    tag around it, so that no output, not even a plain-text field of a Moodle backup, carries one.
    An HTML comment ('<!-- tarkista -->') goes too, as it does from a chapter's text: a note to self
    must not be printed on the cover or shown in Moodle.
    """
    value = without_comments(CONTROL.sub("", value))
    for _ in range(5):  # '&lt;script&gt;' inside a removed tag must not come back as a tag
        if not UNSAFE_MARKUP.search(value):
            return value
        value = " ".join(CONTROL.sub("", html.unescape(nh3.clean(value, tags=set()))).split())  # '&#1;' too
    return UNSAFE_MARKUP.sub("", value)


def note_shown(value: str) -> str:
    """The start of a note to self ('<!-- kesken') left in ``value`` once its whole notes are gone: one without
    its '-->', which would be printed; '' when there is none."""
    start = value.find("<!--")
    if start == -1:
        return ""
    rest = HTML_COMMENT.sub("", value)
    start = rest.find("<!--")
    return "" if start == -1 else rest[start:].split("\n", 1)[0][:40].rstrip()


def without_comments(value: str) -> str:
    """``value`` without its HTML comments, its spaces then evened out; as it was when it has none."""
    return " ".join(HTML_COMMENT.sub("", value).split()) if "<!--" in value else value


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path``'s real location (symbolic links followed) is inside ``folder``'s."""
    try:
        return Path(os.path.realpath(path)).is_relative_to(Path(os.path.realpath(folder)))
    except (OSError, ValueError):
        return False
