"""`pip install` of the built wheel into a fresh virtual environment, as a trainer on a laptop would:
no editable install, no repository files, then `coursebuild new`, `check` and `build`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_a_wheel_installed_in_a_fresh_venv_makes_checks_and_builds_a_new_course(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(REPO)],
                   check=True, cwd=tmp_path)
    [wheel] = wheels.glob("coursebuild-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    # Nothing of the repository's: no PYTHONPATH, and every command runs in a folder of its own.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    work = tmp_path / "laptop"
    work.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run(args, cwd=work, env=env, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, (args, done.stdout[-3000:], done.stderr[-3000:])
        return done

    run(str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel))
    where = run(str(bin_dir / "python"), "-c", "import builder; print(builder.__file__)").stdout.strip()
    assert Path(where).is_relative_to(venv) and not Path(where).is_relative_to(REPO)

    coursebuild = str(bin_dir / "coursebuild")
    assert "Uusi kurssi tehtiin kansioon oma-kurssi." in run(coursebuild, "new", "oma-kurssi").stdout
    assert (work / "oma-kurssi" / ".github" / "workflows" / "coursebuild.yml").is_file()
    assert (work / "oma-kurssi" / ".gitlab-ci.yml").is_file()
    assert run(coursebuild, "check", "--strict", "oma-kurssi").stdout == "oma-kurssi: 2 lukua, ei virheitä.\n"
    built = run(coursebuild, "build", "oma-kurssi", "-o", "tulosteet", "--only", "html,slides,questions,pptx,booklet")
    assert "pdf-unavailable" not in built.stderr and "varoitus" not in built.stderr
    assert sorted(p.name for p in (work / "tulosteet").iterdir()) == [
        "oma-kurssi-booklet.pdf", "oma-kurssi-questions.xml", "oma-kurssi-slides.html", "oma-kurssi-slides.pptx",
        "oma-kurssi.html"]
    assert (work / "tulosteet" / "oma-kurssi-booklet.pdf").read_bytes().startswith(b"%PDF-")
    assert "Videopuhelu tutuksi" in (work / "tulosteet" / "oma-kurssi.html").read_text(encoding="utf-8")
