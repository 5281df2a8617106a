"""inspect reads backups from anywhere: which Moodle versions a backup suits, and a hostile archive
(a compression bomb, names that lead out of the folder, links) refused quickly with little memory."""

from __future__ import annotations

import tarfile
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest

from builder.mbz_inspect import inspect_backup
from moodle_factory import build_mbz, make_course, read_mbz, write_mbz

SHARED = Path("/work/shared/moodle-reference")
GB = 2**30


# -- which Moodle a backup suits ----------------------------------------------------------------------


@pytest.mark.parametrize("reference, suits, warned", [
    # What restore showed (../shared/moodle-reference/README.md), backup by backup.
    ("moodle-4.4", ["4.4", "4.5"], {"5.0": "2 question categories", "5.1": "2 question categories"}),
    ("moodle-4.5", ["4.5 (from 4.5.6 (Build: 20250811) on)"], {"4.4": "newer", "5.0": "question bank", "5.1": "question bank"}),
    ("moodle-5.0", ["5.0 (from 5.0.6+ (Build: 20260403) on)", "5.1"], {"4.4": "newer", "4.5": "newer"}),
    ("moodle-5.1", ["5.1 (from 5.1.3 (Build: 20260216) on)"], {"4.4": "newer", "4.5": "newer", "5.0": "newer"}),
])
def test_the_moodle_versions_moodles_own_backups_restore_into_without_warnings(reference, suits, warned):
    result = inspect_backup(SHARED / reference / "reference-course.mbz")
    assert result.faults == []
    assert result.suits == suits
    assert [w.split(":")[0] for w in result.warnings] == [f"in Moodle {v}" for v in warned]
    for warning, expected in zip(result.warnings, warned.values()):
        assert expected in warning
    assert f"Restores without warnings in Moodle: {', '.join(suits)}" in result.lines


@pytest.mark.parametrize("version, suits, warned", [
    ("4", ["4.4", "4.5"], ["5.0", "5.1"]),
    ("5", ["5.0", "5.1"], ["4.4", "4.5"]),
])
def test_our_backups_suit_their_moodle_line(tmp_path, version, suits, warned):
    mbz, _ = build_mbz(make_course(tmp_path / "c"), tmp_path / "s", version=version)
    result = inspect_backup(mbz)
    assert result.faults == [] and result.suits == suits
    assert [w.split(":")[0] for w in result.warnings] == [f"in Moodle {v}" for v in warned]


def test_the_cli_prints_the_warnings_and_exits_0(tmp_path):
    from click.testing import CliRunner

    from builder.cli import main

    mbz, _ = build_mbz(make_course(tmp_path / "c"), tmp_path / "s", version="4")
    result = CliRunner().invoke(main, ["inspect", str(mbz)])
    assert result.exit_code == 0
    assert "Restores without warnings in Moodle: 4.4, 4.5" in result.stdout
    assert f"{mbz}: warning: in Moodle 5.0: 3 question categories are outside" in result.stderr


# -- hostile archives -----------------------------------------------------------------------------------


def bomb(path: Path, name: str, size: int) -> Path:
    """A .mbz whose entry ``name`` unpacks to ``size`` zero bytes, written without ever holding more
    than a megabyte: after a full flush deflate starts afresh, so one compressed megabyte of zeros
    repeats as it is. The stream ends there, without the gzip trailer: nothing reads that far."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    header = tarfile.TarInfo(name)
    header.size = size
    megabyte = bytes(2**20)
    with open(path, "wb") as out:
        out.write(compressor.compress(header.tobuf(format=tarfile.USTAR_FORMAT)) + compressor.flush(zlib.Z_FULL_FLUSH))
        block = compressor.compress(megabyte) + compressor.flush(zlib.Z_FULL_FLUSH)
        for _ in range(size // len(megabyte)):
            out.write(block)
    return path


@pytest.mark.parametrize("name", ["moodle_backup.xml", "files/da/da39a3ee5e6b4b0d3255bfef95601890afd80709"])
def test_a_2_gb_compression_bomb_is_refused_quickly_with_little_memory(tmp_path, name):
    path = bomb(tmp_path / "bomb.mbz", name, 2 * GB - 2**20)
    assert path.stat().st_size < 3 * 2**20
    tracemalloc.start()
    started = time.perf_counter()
    result = inspect_backup(path)
    took = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    [fault] = result.faults
    assert fault.startswith("bomb.mbz: ") and "not read further" in fault
    assert took < 2 and peak < 8 * 2**20, (took, peak)


def link(name: str, target: str, kind: bytes) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    return info


def test_names_out_of_the_folder_and_links_are_faults_and_not_read(tmp_path):
    mbz, _ = build_mbz(make_course(tmp_path / "c"), tmp_path / "s")
    outside = []
    for name in ("../outside.xml", "/etc/cron.d/x.xml", "activities/../../up.xml"):
        info = tarfile.TarInfo(name)
        info.size = 3
        outside.append((info, b"<a/"))  # not even well formed: it must not be parsed
    links = [(link("course/link.xml", "/etc/passwd", tarfile.SYMTYPE), None),
             (link("course/hard.xml", "course/course.xml", tarfile.LNKTYPE), None)]
    path = write_mbz(read_mbz(mbz), tmp_path / "hostile.mbz", extra=outside + links)
    faults = inspect_backup(path).faults
    assert faults == [
        "entry '../outside.xml' is a path with '..' that leads out of the backup folder: "
        "restore would refuse it or write outside its folder",
        "entry '/etc/cron.d/x.xml' is an absolute path: restore would refuse it or write outside its folder",
        "entry 'activities/../../up.xml' is a path with '..' that leads out of the backup folder: "
        "restore would refuse it or write outside its folder",
        "entry 'course/link.xml' is a symbolic link: restore would refuse it or write outside its folder",
        "entry 'course/hard.xml' is a hard link: restore would refuse it or write outside its folder",
    ]
