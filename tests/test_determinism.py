"""The same sources give the same bytes: two builds of one course, copied to two different folders and
built at different times, in different time zones, with different hash seeds, file dates and
umasks, give byte-identical outputs: the .mbz, the HTML booklet, every PDF, the PowerPoint file
and the offline slides.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from conftest import COURSE_YML, chapter, png

REPO = Path(__file__).resolve().parent.parent


def jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), (20, 120, 200)).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><rect width="40" height="20" fill="#0b3d6e"/></svg>'

COURSE = {
    "course.yml": COURSE_YML + "subtitle: Toistettava\nlogo: logo.png\nintroduction: |\n  Tervetuloa "
                               "[alkuun](01-alku.md).\n\n  ![Tabletti](kuvat/tabletti.png)\nbooklet:\n"
                               "  large_print: yes\nslides:\n  question_slides: yes\n",
    "01-alku.md": chapter(
        "## Laitteet\n\nTabletti on kätevä.\n\n![Tabletti pöydällä](kuvat/tabletti.png \"Kuva 1\")\n\n"
        "![Valokuva](<kuvat/äiti ja lapsi.jpg>)\n\n| Laite | Käyttö |\n|---|---|\n| Puhelin | Soitto |\n\n"
        "!!! vinkki\n    Kysy rohkeasti.\n\n[Salasanat](02-turva.md#hyva-salasana)[^1]\n\n[^1]: Lähde.\n\n"
        "```slides\n## Laitteet\n- Tabletti\n- Puhelin\n\n![Tabletti](kuvat/tabletti.png)\n\nMuistiinpanot:\n"
        "Kysy ryhmältä.\n---\n## Kaavio\n![Kaavio](kuvat/kaavio.svg)\n```\n\n"
        "```kysymys\nMikä on tabletti?\n- [x] Laite\n  > Oikein.\n- [ ] Ruoka\nPalaute: Se on laite.\n```\n",
        title="Alku"),
    "02-turva.md": chapter(
        "## Hyvä salasana\n\nPitkä salalause.\n\n"
        "```kysymys\nSaako salasanan kertoa?\n- [ ] Tosi\n- [x] Epätosi\n```\n\n"
        "```kysymys\nMitkä ovat hyviä?\n- [x] Pitkä\n- [x] Oma\n- [ ] 1234\n```\n", title="Tietoturva"),
    "kuvat/tabletti.png": png(40, 30),
    "kuvat/äiti ja lapsi.jpg": jpeg(),
    "kuvat/kaavio.svg": SVG,
}


def write_sources(root: Path) -> Path:
    """The course in ``root/course`` and its logo in ``root/assets``; returns the course folder."""
    for name, content in {**COURSE, "../assets/logo.png": png(20, 20, (200, 0, 0))}.items():
        path = root / "course" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return root / "course"


def set_file_times(folder: Path, when: float) -> None:
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (when, when))


def build_in(root: Path, *, hash_seed: str, zone: str, umask: int, locale: str) -> dict[str, bytes]:
    """Build every output of ``root/course`` in a fresh process from inside ``root``; name -> bytes."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": hash_seed, "TZ": zone, "LC_ALL": locale,
           "LANG": locale}
    env.pop("SOURCE_DATE_EPOCH", None)
    script = f"import os, sys; os.umask({umask:#o}); sys.argv[0] = 'coursebuild'; " \
             "from builder.cli import main; main()"
    done = subprocess.run([sys.executable, "-c", script, "build", "course", "-o", "output"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return {path.name: path.read_bytes() for path in sorted((root / "output").iterdir())}


def test_two_builds_in_different_folders_at_different_times_give_identical_bytes(tmp_path):
    first_root = tmp_path / "eka"
    second_root = tmp_path / "toinen kansio, pidempi ja ääkkösin" / "syvemmällä"
    set_file_times(write_sources(first_root), 978_307_200)  # 2001-01-01
    first = build_in(first_root, hash_seed="1", zone="UTC", umask=0o022, locale="C.UTF-8")

    shutil.copytree(first_root / "course", second_root / "course")  # fresh copies: new inodes, new dates
    shutil.copytree(first_root / "assets", second_root / "assets")
    set_file_times(second_root, 1_900_000_000)  # 2030
    time.sleep(1.1)  # ZIP and PDF dates count seconds (ZIP: two): the clock has moved on
    second = build_in(second_root, hash_seed="2", zone="Pacific/Auckland", umask=0o077, locale="fi_FI.UTF-8")

    assert sorted(first) == sorted(second)
    assert {"testikurssi.mbz", "testikurssi.html", "testikurssi-slides.html", "testikurssi-slides.pptx",
            "testikurssi-questions.xml", "testikurssi-booklet.pdf", "testikurssi-booklet-a4.pdf",
            "testikurssi-booklet-large.pdf", "testikurssi-slides.pdf", "testikurssi-handout.pdf"} <= set(first)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    for name, data in first.items():  # neither folder's path nor name leaks into any output
        for leak in (str(first_root), str(second_root), "toinen kansio"):
            assert leak.encode() not in data, (name, leak)
