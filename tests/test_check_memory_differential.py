"""`coursebuild check` with its memory (builder.readers.chapter_memo, the slide check kept by
builder.checks) says exactly what a check with an empty cache says, after every edit a trainer makes.

Each test below copies a course, then makes a seeded series of trainer-like edits: a sentence added,
a letter changed with the file's date put back, a picture broken, removed and brought back, a chapter
renamed, removed or added, a setting misspelt, a quiz left unclosed, an edition's file edited, a
slip undone. After every edit it runs the real command twice, in new processes: once with the cache
the earlier checks filled (warm) and once with a cache of its own (cold). Exit status, standard
output and standard error must be the same, byte for byte.

The edits are drawn, not listed, so that the series comes back to earlier states (where a stale
memory shows) in orders no one would write down; the seeds are fixed, so a red run repeats.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from conftest import png

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "course"
SECOND = Path(__file__).resolve().parent / "roots" / "second_course"
STEPS = 24

sys.path.insert(0, str(SECOND))
from make_photo import make_photo  # noqa: E402


def run_coursebuild(workdir: Path, cache: Path, *arguments: str) -> subprocess.CompletedProcess:
    """The real command in a new process, with its own cache and no CI's report format."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    for variable in ("GITHUB_ACTIONS", "GITLAB_CI", "CI"):
        env.pop(variable, None)
    return subprocess.run([sys.executable, "-m", "builder", *arguments], cwd=workdir, env=env,
                          capture_output=True, text=True, timeout=300)


def keep_originals(workdir: Path, tmp_path: Path) -> Path:
    """Copies of ``workdir``'s course and assets for undoing (see Trainer); the course's copy."""
    original = tmp_path / "original"
    shutil.copytree(workdir / "course", original)
    if (workdir / "assets").is_dir():
        shutil.copytree(workdir / "assets", tmp_path / "assets-original")
    return original


def _check(workdir: Path, cache: Path, fmt: str) -> tuple[int, str, str]:
    done = run_coursebuild(workdir, cache, "check", "--format", fmt, "course")
    return done.returncode, done.stdout, done.stderr


class Trainer:
    """Edits a copy of a course as a trainer would, with a seeded hand."""

    def __init__(self, course: Path, original: Path, rng: random.Random):
        """``course`` is edited; undoing puts back ``original``, a copy of it, and the assets folder
        beside the course from ``assets-original`` beside ``original`` when there is one."""
        self.course, self.original, self.rng = course, original, rng
        self.assets, self.assets_original = course.parent / "assets", original.parent / "assets-original"
        self.removed: dict[Path, bytes] = {}

    # -- what there is to edit ---------------------------------------------------------------------
    def chapters(self) -> list[Path]:
        return sorted(p for p in self.course.rglob("*.md") if ".source" not in p.parts)

    def settings(self) -> list[Path]:
        return sorted(self.course.rglob("course.yml"))

    def pictures(self) -> list[Path]:
        return sorted(p for p in self.course.rglob("images/*") if p.is_file())

    def pick(self, files: list[Path]) -> Path | None:
        return self.rng.choice(files) if files else None

    def shown(self, path: Path) -> str:
        return path.relative_to(self.course).as_posix()

    @staticmethod
    def _append(path: Path, text: str) -> None:
        with path.open("a", encoding="utf-8") as file:
            file.write(text)

    # -- the edits -----------------------------------------------------------------------------------
    def add_sentence(self) -> str:
        path = self.pick(self.chapters())
        self._append(path, f"\nLisäsin tähän lauseen {self.rng.randrange(1000)}.\n")
        return f"sentence added to {self.shown(path)}"

    def change_a_letter_keeping_the_date(self) -> str:
        """Same size, same modification time: only the contents tell the edit."""
        path = self.pick(self.chapters() + self.settings())
        data = path.read_bytes()
        places = [i for i, byte in enumerate(data) if byte in b"aeiou"]
        if not places:
            return "no letter to change"
        at = self.rng.choice(places)
        swapped = {ord("a"): b"e", ord("e"): b"a", ord("i"): b"o", ord("o"): b"i", ord("u"): b"y"}[data[at]]
        info = path.stat()
        path.write_bytes(data[:at] + swapped + data[at + 1:])
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
        return f"a letter changed in {self.shown(path)} at byte {at}, date kept"

    def touch(self) -> str:
        path = self.pick(self.chapters() + self.pictures())
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 7_000_000_000))
        return f"{self.shown(path)} touched"

    def break_a_picture_link(self) -> str:
        for path in self.rng.sample(self.chapters(), len(self.chapters())):
            text = path.read_text(encoding="utf-8")
            if "](images/" in text:
                path.write_text(text.replace("](images/", "](images/puuttuva-", 1), encoding="utf-8")
                return f"a picture link broken in {self.shown(path)}"
        return "no picture link to break"

    def remove_a_picture(self) -> str:
        path = self.pick(self.pictures())
        if path is None:
            return "no picture to remove"
        self.removed[path] = path.read_bytes()
        path.unlink()
        return f"{path.relative_to(self.course)} removed"

    def bring_a_file_back(self) -> str:
        if not self.removed:
            return "nothing to bring back"
        path = self.rng.choice(sorted(self.removed))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.removed.pop(path))
        return f"{path.relative_to(self.course)} back"

    def redraw_a_picture(self) -> str:
        path = self.pick([p for p in self.pictures() if p.suffix == ".png"])
        if path is None:
            return "no picture to redraw"
        path.write_bytes(png(8 + self.rng.randrange(40), 6 + self.rng.randrange(30),
                             (self.rng.randrange(256), 40, 40)))
        return f"{self.shown(path)} redrawn"

    def redraw_the_logo(self) -> str:
        """The organisation's logo in the assets folder beside the course, drawn anew."""
        logo = self.assets / "logo.png"
        if not logo.is_file():
            return "no logo to redraw"
        logo.write_bytes(png(20 + self.rng.randrange(40), 20, (0, 0, self.rng.randrange(256))))
        return "assets/logo.png redrawn"

    def restyle_the_web_page(self) -> str:
        """A rule added to the HTML booklet's style sheet, overridden in the assets folder's theme."""
        own = self.assets / "theme" / "booklet" / "web.css"
        if not own.is_file():
            own.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(REPO / "builder" / "theme" / "booklet" / "web.css", own)
        self._append(own, f"\nh2 {{ letter-spacing: 0.0{self.rng.randrange(1, 10)}em; }}\n")
        return "a rule added to assets/theme/booklet/web.css"

    def misspell_a_setting(self) -> str:
        path = self.pick(self.settings())
        text = path.read_text(encoding="utf-8")
        word = self.rng.choice(["title:", "subtitle:", "edition:", "licence:"])
        if f"\n{word}" not in text and not text.startswith(word):
            self._append(path, f"\n{word[:-2]}x: Kirjoitusvirhe\n")
        else:
            path.write_text(text.replace(word, word[:-2] + "x:", 1), encoding="utf-8")
        return f"{word} misspelt in {path.relative_to(self.course)}"

    def change_the_title(self) -> str:
        path = self.pick(self.chapters())
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---\n") or "\ntitle: " not in text:
            return "no title to change"
        path.write_text(text.replace("\ntitle: ", f"\ntitle: Uusi {self.rng.randrange(100)} ", 1), encoding="utf-8")
        return f"title of {self.shown(path)} changed"

    def leave_a_block_open(self) -> str:
        for path in self.rng.sample(self.chapters(), len(self.chapters())):
            text = path.read_text(encoding="utf-8")
            end = text.rfind("\n```\n")
            if end >= 0:
                path.write_text(text[:end] + "\n" + text[end + 5:], encoding="utf-8")
                return f"last fenced block of {self.shown(path)} left open"
        return "no block to leave open"

    def slip_in_markdown(self) -> str:
        path = self.pick(self.chapters())
        slip = self.rng.choice([
            "\n#### Liian syvä otsikko\n\nTekstiä.\n",
            "\nKatso alaviite.[^puuttuu]\n",
            "\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n",
            "\nLue lisää: https://www.suomi.fi/\n",
            "\n1) Ensin\n2) Sitten\n",
            "\nKatso [edellinen luku](#ei-ole-tallaista).\n",
            "\n![IMG_2041.jpg](images/ohjauspaikat.png)\n",
            "\n<script>alert(1)</script>\n",
        ])
        self._append(path, slip)
        return f"a slip in {self.shown(path)}: {slip.strip()[:30]!r}"

    def rename_a_chapter(self) -> str:
        path = self.pick([p for p in self.chapters() if p.name[:2].isdigit() and p.parent == self.course])
        if path is None:
            return "no chapter to rename"
        target = path.with_name(f"{int(path.name[:2]) + 20:02d}{path.name[2:]}")
        if target.exists():
            return "no free name"
        path.rename(target)
        return f"{path.name} renamed {target.name}"

    def remove_a_chapter(self) -> str:
        path = self.pick(self.chapters())
        self.removed[path] = path.read_bytes()
        path.unlink()
        return f"{path.relative_to(self.course)} removed"

    def add_a_chapter(self) -> str:
        number = 30 + self.rng.randrange(20)
        path = self.course / f"{number}-uusi-luku.md"
        path.write_text(f"---\ntitle: Uusi luku {number}\nsummary: Lyhyesti.\n---\n\nTekstiä luvussa {number}.\n"
                        "\n```slides\n# Uusi dia\n\n- Kohta\n```\n", encoding="utf-8")
        return f"{path.name} added"

    def undo_a_file(self) -> str:
        """A file back as it was in the course copied: the slip undone."""
        path = self.pick([p for p in self.chapters() + self.settings()
                          if (self.original / p.relative_to(self.course)).is_file()])
        if path is None:
            return "nothing to undo"
        shutil.copyfile(self.original / path.relative_to(self.course), path)
        return f"{path.relative_to(self.course)} undone"

    def undo_everything(self) -> str:
        """The whole course back as it was (``git checkout .``, ``git clean``): the memory has seen it."""
        shutil.rmtree(self.course)
        shutil.copytree(self.original, self.course)
        if self.assets_original.is_dir():
            shutil.rmtree(self.assets)
            shutil.copytree(self.assets_original, self.assets)
        self.removed.clear()
        return "every edit undone"

    EDITS: tuple[Callable[[Trainer], str], ...] = (
        add_sentence, change_a_letter_keeping_the_date, touch, break_a_picture_link, remove_a_picture,
        bring_a_file_back, redraw_a_picture, misspell_a_setting, change_the_title, leave_a_block_open,
        slip_in_markdown, rename_a_chapter, remove_a_chapter, add_a_chapter, undo_a_file, undo_a_file,
        undo_everything, redraw_the_logo, restyle_the_web_page,
    )

    def edit(self) -> str:
        return self.rng.choice(self.EDITS)(self)


@pytest.mark.slow
@pytest.mark.parametrize(("root", "seed"), [(SAMPLE.parent, 1), (SECOND, 2)], ids=["sample", "second"])
def test_a_check_from_memory_says_what_a_check_anew_says_after_every_edit(root, seed, tmp_path):
    workdir = tmp_path / "work"
    shutil.copytree(root / "course", workdir / "course")
    if (root / "assets").is_dir():
        shutil.copytree(root / "assets", workdir / "assets")
    if root == SECOND:
        make_photo(workdir / "course" / "images" / "kesamaisema.jpg")  # too big to commit
    trainer = Trainer(workdir / "course", keep_originals(workdir, tmp_path), random.Random(seed))
    warm = tmp_path / "warm-cache"
    assert _check(workdir, warm, "text")[0] == 0  # the course as it is: fills the memory
    history, exits = [], []
    for step in range(STEPS):
        history.append(trainer.edit())
        fmt = "github" if step % 5 == 4 else "text"
        remembered = _check(workdir, warm, fmt)
        anew = _check(workdir, tmp_path / f"cold-cache-{step}", fmt)
        assert remembered == anew, "after: " + "; ".join(history)
        exits.append(anew[0])
    # the series edited the course, not only tried to, and went through both failing and passing checks
    assert len([line for line in history if not line.startswith("no")]) >= STEPS * 2 // 3, history
    assert {0, 1} <= set(exits), (exits, history)
