"""The CI files `coursebuild new` writes: valid for GitHub and GitLab, and the GitHub workflow's own
steps build the course as `make build` does; the annotations a failing course gives, exactly."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from builder.ci_annotations import github_lines
from builder.cli import main
from builder.diagnostics import WARNING, Diagnostic
from builder.scaffold import create_course

REPO = Path(__file__).resolve().parent.parent
WORKFLOW = ".github/workflows/coursebuild.yml"
GITLAB = ".gitlab-ci.yml"
VERSION = metadata.version("coursebuild")
BAD_CHAPTER = """\
---
title: Kolmas luku
summary: Luku, jossa on kaksi virhettä.
---

Tekstiä.

![](images/puuttuu.png)
"""


def tool(name: str) -> str:
    """A checker from the test extras, beside this Python (the venv's bin folder) or on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} is missing: install the test extras, pip install -e '.[test]'"
    return found


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return create_course(tmp_path / "kurssi")


def test_new_writes_both_ci_files_pinned_to_this_version(tmp_path):
    result = CliRunner().invoke(main, ["new", str(tmp_path / "kurssi")])
    assert result.exit_code == 0, result.output
    workflow = (tmp_path / "kurssi" / WORKFLOW).read_text(encoding="utf-8")
    gitlab = (tmp_path / "kurssi" / GITLAB).read_text(encoding="utf-8")
    assert f"'coursebuild=={VERSION}'" in workflow
    assert f'COURSEBUILD_PACKAGE: "coursebuild=={VERSION}"' in gitlab
    assert "output/" in (tmp_path / "kurssi" / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_github_workflow_passes_actionlint(course):
    done = subprocess.run([tool("actionlint"), "-no-color", WORKFLOW], cwd=course, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_would_see_a_broken_workflow(course):
    workflow = course / WORKFLOW
    workflow.write_text(workflow.read_text(encoding="utf-8").replace("runs-on: ubuntu-24.04", "runs_on: ubuntu"),
                        encoding="utf-8")
    done = subprocess.run([tool("actionlint"), "-no-color", WORKFLOW], cwd=course, capture_output=True, text=True)
    assert done.returncode == 1 and "runs_on" in done.stdout


def test_the_gitlab_file_passes_gitlabs_schema(course):
    done = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(course / GITLAB)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_gitlabs_schema_would_see_a_broken_file(course):
    gitlab = course / GITLAB
    gitlab.write_text(gitlab.read_text(encoding="utf-8").replace("when: always", "when: sometimes"), encoding="utf-8")
    done = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(gitlab)],
                          capture_output=True, text=True)
    assert done.returncode == 1


def test_a_failing_course_gives_github_annotations_at_file_and_line(course, monkeypatch):
    (course / "03-kolmas.md").write_text(BAD_CHAPTER, encoding="utf-8")
    monkeypatch.chdir(course)
    result = CliRunner().invoke(main, ["check", "--strict", "--format", "github", "."])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=03-kolmas.md,line=8,title=image-alt-missing::Kuvalta 'images/puuttuu.png' puuttuu "
        "vaihtoehtoinen teksti: kirjoita hakasulkeisiin, mitä kuvassa näkyy: ![kuvaus](images/puuttuu.png).",
        "::error file=03-kolmas.md,line=8,title=image-missing::Kuvaa 'images/puuttuu.png' ei löydy. Tarkista "
        "tiedoston nimi ja kansio.",
    ]
    assert "./03-kolmas.md:8: image-missing: Kuvaa 'images/puuttuu.png' ei löydy." in result.stderr


def test_a_warning_is_a_github_warning_and_the_format_follows_the_ci_service(course, monkeypatch):
    (course / "03-kolmas.md").write_text(BAD_CHAPTER.replace("![](images/puuttuu.png)", "- yksi\n• kaksi"),
                                         encoding="utf-8")
    monkeypatch.chdir(course.parent)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")  # no --format: GitHub Actions sets this variable
    result = CliRunner().invoke(main, ["check", "kurssi"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "::warning file=kurssi/03-kolmas.md,line=9,title=list-bullet-pasted::Rivi alkaa luettelopallolla (•), "
        "josta ei tule luetteloa: rivit jäävät yhdeksi kappaleeksi. Jos tarkoitit luetteloa, aloita jokainen rivi "
        "yhdysmerkillä ja välilyönnillä: '- '.")


def test_github_annotations_escape_what_the_runner_would_read_as_syntax():
    odd = Diagnostic("a,b:c.md", 3, "render-problem", WARNING, "100 % varma\nrivi")
    assert github_lines([odd]) == ["::warning file=a%2Cb%3Ac.md,line=3,title=render-problem::100 %25 varma%0Arivi"]


def test_a_failing_course_gives_gitlabs_code_quality_report(course, monkeypatch):
    (course / "03-kolmas.md").write_text(BAD_CHAPTER, encoding="utf-8")
    monkeypatch.chdir(course)
    monkeypatch.setenv("GITLAB_CI", "true")
    result = CliRunner().invoke(main, ["check", "--strict", "."])
    assert result.exit_code == 1
    issues = json.loads((course / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("image-alt-missing", "major", {"path": "03-kolmas.md", "lines": {"begin": 8}}),
        ("image-missing", "major", {"path": "03-kolmas.md", "lines": {"begin": 8}}),
    ]
    assert issues[1]["description"] == "Kuvaa 'images/puuttuu.png' ei löydy. Tarkista tiedoston nimi ja kansio."
    assert len({i["fingerprint"] for i in issues}) == 2


def test_a_clean_course_gives_an_empty_code_quality_report(course, monkeypatch):
    monkeypatch.chdir(course)
    assert CliRunner().invoke(main, ["check", "--strict", "--format", "gitlab", "."]).exit_code == 0
    assert json.loads((course / "gl-code-quality-report.json").read_text(encoding="utf-8")) == []


def run_steps(workflow: dict) -> list[str]:
    """The build job's shell steps, in order, with the workflow's own env expression for the package
    resolved as GitHub does when the repository sets no variable."""
    package = workflow["env"]["COURSEBUILD_PACKAGE"]
    assert package == f"${{{{ vars.COURSEBUILD_PACKAGE || 'coursebuild=={VERSION}' }}}}"
    steps = [step["run"] for step in workflow["jobs"]["build"]["steps"] if "run" in step]
    assert not any("${{" in step for step in steps)
    return steps


@pytest.mark.slow
def test_the_workflows_own_steps_build_a_clean_clone_as_make_build_does(course, tmp_path):
    """In a clone of the course's repository, on a fresh Python with nothing but what the steps install,
    the workflow's shell steps run in order; the outputs are those `make build` makes (byte for byte)."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.skip("the workflow's apt-get step needs root on a Debian-like machine")
    subprocess.run(["git", "init", "-q", str(course)], check=True)
    subprocess.run(["git", "-C", str(course), "add", "."], check=True)
    subprocess.run(["git", "-C", str(course), "-c", "user.name=T", "-c", "user.email=t@example.fi", "commit", "-qm",
                    "Kurssi"], check=True)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(course), str(clone)], check=True)
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(REPO)],
                   check=True, cwd=tmp_path)
    runner = tmp_path / "runner"  # what setup-python and the runner give: python on PATH, and sudo
    subprocess.run([sys.executable, "-m", "venv", str(runner)], check=True)
    (runner / "bin" / "sudo").write_text('#!/bin/sh\nexec "$@"\n', encoding="utf-8")
    (runner / "bin" / "sudo").chmod(0o755)
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))},
           "PATH": f"{runner / 'bin'}{os.pathsep}{os.environ['PATH']}", "GITHUB_ACTIONS": "true",
           "COURSEBUILD_PACKAGE": f"coursebuild=={VERSION}", "PIP_FIND_LINKS": str(wheels),
           "PIP_DISABLE_PIP_VERSION_CHECK": "1", "DEBIAN_FRONTEND": "noninteractive"}
    workflow = yaml.safe_load((clone / WORKFLOW).read_text(encoding="utf-8"))
    for step in run_steps(workflow):
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step], cwd=clone, env=env,
                              capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, (step, done.stdout[-3000:], done.stderr[-3000:])
    assert not [line for line in done.stdout.splitlines() if line.startswith("::")]  # no annotation: clean

    made = subprocess.run([sys.executable, "-m", "builder", "build", str(course), "-o", str(tmp_path / "make-build")],
                          capture_output=True, text=True, cwd=REPO)
    assert made.returncode == 0, made.stderr
    expected = {p.name: p.read_bytes() for p in (tmp_path / "make-build").iterdir()}
    got = {p.name: p.read_bytes() for p in (clone / "output").iterdir()}
    assert sorted(got) == sorted(expected)
    assert [name for name in sorted(got) if got[name] != expected[name]] == []
    site = sorted(p.name for p in (clone / "site").iterdir())
    assert site == sorted([*(n for n in expected if n.endswith(".html")), "index.html"])
    assert (clone / "site" / "index.html").read_bytes() == expected["kurssi.html"]
