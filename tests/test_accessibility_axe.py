"""The HTML booklet and the slide deck of the real course pass axe-core in headless Chromium.

axe-core runs with its default rules, WCAG 2.x AAA (text contrast 7:1) and its best practices,
through tests/a11y/run-axe.js. `make test` installs Chromium and the npm packages; where they
are missing this module is skipped and says what is missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from builder.build import build
from builder.diagnostics import Report

REPO = Path(__file__).resolve().parent.parent
RUNNER = REPO / "tests" / "a11y" / "run-axe.js"
PACKAGES = REPO / "tests" / "a11y" / "node_modules"


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def missing() -> str:
    if not shutil.which("node"):
        return "Node.js is not installed (tools/system-deps.sh installs it as root)"
    if not (PACKAGES / "axe-core").is_dir() or not (PACKAGES / "playwright-core").is_dir():
        return "tests/a11y/node_modules is missing: run `make test` or `npm ci` in tests/a11y"
    if not chromium():
        return "Chromium is not installed (tools/system-deps.sh installs it as root)"
    return ""


pytestmark = pytest.mark.skipif(bool(missing()), reason=f"axe-core cannot run: {missing()}")


def first_slide_with_notes(deck: Path) -> int:
    """The 1-based number of the first slide with speaker notes, as the presenter view would show them."""
    text = deck.read_text(encoding="utf-8")
    opening = '<script type="application/json" id="deck-data">'
    start = text.index(opening) + len(opening)
    notes = json.loads(text[start:text.index("</script>", start)])["notes"]
    return next(number for number, html in enumerate(notes, start=1) if html)


@pytest.fixture(scope="module")
def audits(tmp_path_factory) -> dict[str, list[dict]]:
    """Every view's axe violations, from one browser run over the real course's HTML booklet and deck."""
    output = tmp_path_factory.mktemp("a11y")
    report = Report(root="course")
    result = build(REPO / "course", output, report, only=["html", "slides"])
    assert result.ok, [str(d) for d in report]
    booklet = min((p for p in output.glob("*.html") if not p.name.endswith("-slides.html")), key=lambda p: len(p.name))
    deck = min(output.glob("*-slides.html"), key=lambda p: len(p.name))  # the source's, not an edition's
    with_notes = first_slide_with_notes(deck)
    views = [
        {"name": "booklet", "file": str(booklet)},
        {"name": "booklet on a phone", "file": str(booklet), "width": 320},  # tables as cards
        {"name": "deck on a phone", "file": str(deck), "width": 390},
        {"name": "deck", "file": str(deck), "pointer": True},  # the controls show under the pointer
        {"name": "deck without script", "file": str(deck), "script": False},  # every slide at once
        {"name": "presenter view", "file": str(deck), "hash": "#presenter-1"},
        {"name": "presenter view with notes", "file": str(deck), "hash": f"#presenter-{with_notes}"},
    ]
    done = subprocess.run(["node", str(RUNNER), chromium()], input=json.dumps(views), capture_output=True,
                          text=True, cwd=RUNNER.parent, timeout=300)
    assert done.returncode == 0, done.stderr
    return {result["name"]: result["violations"] for result in json.loads(done.stdout)}


def described(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(node['target'])}: {' '.join(node['summary'].split())}")
    return "\n".join(lines)


VIEWS = ["booklet", "booklet on a phone", "deck on a phone", "deck", "deck without script", "presenter view", "presenter view with notes"]


@pytest.mark.parametrize("view", VIEWS)
def test_no_axe_violations(audits, view):
    assert view in audits
    assert audits[view] == [], f"axe-core found in the {view}:\n{described(audits[view])}"
