"""The staging folder: outputs replace their namesakes only on commit; discard leaves output/ as it was."""

from __future__ import annotations

import pytest

from builder.staging import Staging


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def test_staging_is_a_hidden_folder_inside_the_output_folder(tmp_path):
    staging = Staging(tmp_path / "output" / "syvällä")
    assert staging.path.parent == tmp_path / "output" / "syvällä"
    assert staging.path.name.startswith(".staging-")
    assert staging.path.is_dir()


def test_commit_replaces_namesakes_keeps_other_files_and_removes_staging(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "kurssi.html").write_text("vanha")
    (output / "oma-muistiinpano.txt").write_text("älä koske")
    (output / "kuvat").mkdir()
    (output / "kuvat" / "vanha.png").write_text("vanha kuva")
    staging = Staging(output)
    staging.target("kurssi.html").write_text("uusi")
    (staging.path / "kuvat").mkdir()
    (staging.path / "kuvat" / "uusi.png").write_text("uusi kuva")

    written = staging.commit()

    assert written == [output / "kurssi.html", output / "kuvat"]
    assert snapshot(output) == {
        "kuvat": None,
        "kuvat/uusi.png": b"uusi kuva",  # a folder is replaced as a whole
        "kurssi.html": b"uusi",
        "oma-muistiinpano.txt": b"\xc3\xa4l\xc3\xa4 koske",
    }


def test_discard_leaves_the_output_folder_exactly_as_it_was(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "kurssi.html").write_text("vanha")
    before = snapshot(output)
    staging = Staging(output)
    staging.target("kurssi.html").write_text("keskeneräinen")
    staging.discard()
    assert snapshot(output) == before


def test_discard_removes_the_folders_it_made_and_nothing_else(tmp_path):
    staging = Staging(tmp_path / "output" / "syvällä")
    staging.target("kurssi.html").write_text("keskeneräinen")
    staging.discard()
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "output").mkdir()
    staging = Staging(tmp_path / "output" / "syvällä")
    (tmp_path / "output" / "oma.txt").write_text("älä koske")
    staging.discard()
    assert snapshot(tmp_path) == {"output": None, "output/oma.txt": "älä koske".encode()}


@pytest.mark.parametrize("name", ["../pako.html", "/tmp/pako.html", "alikansio/x.html", "", ".", ".."])
def test_target_refuses_names_that_leave_the_staging_folder(tmp_path, name):
    with pytest.raises(ValueError):
        Staging(tmp_path).target(name)


def test_target_accepts_plain_file_names(tmp_path):
    staging = Staging(tmp_path)
    assert staging.target("kurssi ä.pdf") == (staging.path / "kurssi ä.pdf").resolve()
