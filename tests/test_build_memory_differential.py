"""A build that reuses what it made before (builder.up_to_date: nothing changed; builder.reuse: the
jobs an edit does not reach) writes exactly what a first build into an empty folder writes, after
every edit a trainer makes; and a build that fails leaves the folder as it was.

The seeded trainer of test_check_memory_differential edits a copy of the sample course (its Swedish
and selkokieli editions included); after each edit the real command builds the outputs that need no
PDF into one folder with one cache (warm) and into a new folder with a new cache (cold). Exit status,
the files listed and every diagnostic must be the same, and so must every output, byte for byte.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from test_check_memory_differential import REPO, SAMPLE, Trainer, keep_originals, run_coursebuild

ONLY = "html,slides,questions,pptx"
STEPS = 16
PROGRESS = re.compile(r"^  \S.* – \d+,\d s$")  # '  valmis: diat (HTML), sv – 0,0 s': a writer's time


def _build(workdir: Path, output: Path, cache: Path) -> tuple[int, str, list[str], dict[str, bytes]]:
    done = run_coursebuild(workdir, cache, "build", "course", "-o", output.name, "--only", ONLY)
    said = [line for line in done.stderr.splitlines() if not PROGRESS.match(line)]
    return done.returncode, done.stdout.replace(output.name, "OUT"), said, _files(output)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.is_dir() else {}


def _diagnostics(said: list[str]) -> list[str]:
    """What a build said about the course, without its words on the outputs it kept."""
    return [line for line in said if re.match(r"^\S+:\d+: ", line) or re.match(r"^\d+ \w+, \d+ \w+$", line)]


@pytest.mark.slow
def test_a_build_reusing_its_outputs_writes_what_a_first_build_writes_after_every_edit(tmp_path):
    workdir = tmp_path / "work"
    shutil.copytree(SAMPLE, workdir / "course")
    shutil.copytree(SAMPLE.parent / "assets", workdir / "assets")
    own_theme = workdir / "assets" / "theme" / "booklet" / "web.css"  # the course's own look from the start
    own_theme.parent.mkdir(parents=True)
    shutil.copyfile(REPO / "builder" / "theme" / "booklet" / "web.css", own_theme)
    trainer = Trainer(workdir / "course", keep_originals(workdir, tmp_path), random.Random(3))
    # edits that mostly leave the course buildable, so that most builds have outputs to compare
    trainer.EDITS = (Trainer.add_sentence, Trainer.change_a_letter_keeping_the_date, Trainer.touch,
                     Trainer.change_a_letter_keeping_the_date,
                     Trainer.redraw_a_picture, Trainer.change_the_title, Trainer.add_a_chapter,
                     Trainer.undo_a_file, Trainer.break_a_picture_link, Trainer.undo_everything,
                     Trainer.redraw_the_logo, Trainer.restyle_the_web_page)
    warm_cache, warm = tmp_path / "warm-cache", workdir / "warm"
    assert _build(workdir, warm, warm_cache)[0] == 0
    history, exits = [], []
    for step in range(STEPS):
        fixing = exits[-2:] == [1, 1]  # a trainer whose build failed twice puts the course back
        history.append(trainer.undo_everything() if fixing else trainer.edit())
        before = _files(warm)
        code, listed, said, made = _build(workdir, warm, warm_cache)
        cold = workdir / f"cold-{step}"
        code_anew, listed_anew, said_anew, made_anew = _build(workdir, cold, tmp_path / f"cold-cache-{step}")
        where = "after: " + "; ".join(history)
        assert (code, _diagnostics(said)) == (code_anew, _diagnostics(said_anew)), where
        if code == 0:
            assert listed == listed_anew, where
            assert made.keys() == made_anew.keys(), where
            assert [name for name in made if made[name] != made_anew[name]] == [], where
        else:
            assert made == before and made_anew == {}, where  # a failed build writes nothing
        shutil.rmtree(cold, ignore_errors=True)
        exits.append(code)
    assert exits.count(0) >= STEPS // 2 and 1 in exits, (exits, history)
