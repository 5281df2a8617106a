"""Diagnostics as a CI service shows them at their file and line: GitHub workflow commands, GitLab's
code-quality report.

GitHub reads ``::error file=F,line=N,title=T::message`` lines from a step's output and marks the
line in the changed file; GitLab reads a JSON report file named in the job's ``artifacts: reports:
codequality`` and shows it in the merge request. Paths are made relative to the folder the command
runs in (the repository's root in a CI job), as both expect.
"""

from __future__ import annotations

import hashlib
import os
from typing import Iterable, Mapping

from builder.diagnostics import ERROR, Diagnostic

FORMATS = ("text", "github", "gitlab")
GITLAB_REPORT = "gl-code-quality-report.json"  # the name GitLab's documentation uses
GITLAB_SEVERITY = {ERROR: "major"}  # a warning is "minor"


def detected_format(environ: Mapping[str, str]) -> str:
    """The format for the CI service the command runs under (by the variables each sets), else text."""
    if environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    if environ.get("GITLAB_CI") == "true":
        return "gitlab"
    return "text"


def repository_path(path: str) -> str:
    """``path`` relative to the current folder, with forward slashes ('./course.yml' -> 'course.yml')."""
    if os.path.isabs(path):
        try:
            path = os.path.relpath(path)
        except ValueError:  # another drive on Windows: keep it whole
            pass
    return os.path.normpath(path).replace(os.sep, "/")


def github_lines(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """One workflow command per diagnostic: ``::error file=…,line=…,title=code::sentence``."""
    lines = []
    for d in diagnostics:
        kind = "error" if d.severity == ERROR else "warning"
        properties = f"file={_property(repository_path(d.path))},line={d.line},title={_property(d.code)}"
        lines.append(f"::{kind} {properties}::{_data(d.message)}")
    return lines


def gitlab_report(diagnostics: Iterable[Diagnostic]) -> str:
    """The code-quality report: a JSON list of issues, each with a fingerprint that stays the same
    while the problem does (code, file and sentence; not the line, which moves with edits above it)."""
    issues = []
    seen: set[str] = set()
    for d in diagnostics:
        path = repository_path(d.path)
        fingerprint = hashlib.sha256(f"{d.code}\0{path}\0{d.message}".encode()).hexdigest()
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        issues.append({
            "description": d.message,
            "check_name": d.code,
            "fingerprint": fingerprint,
            "severity": GITLAB_SEVERITY.get(d.severity, "minor"),
            "location": {"path": path, "lines": {"begin": d.line}},
        })
    import json  # here: every command asks detected_format, only this needs json (1.5 ms to import)

    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def _data(text: str) -> str:
    """A workflow command's message: '%', carriage return and line feed escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value: as a message, and ':' and ',' escaped too."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")
