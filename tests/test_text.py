"""Reading source files: UTF-8 only; a byte-order mark and CRLF/CR line endings are accepted."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.diagnostics import Report
from builder.readers.text import read_text


def read_bytes_as_text(tmp_path: Path, data: bytes) -> tuple[str | None, list[tuple[str, int, str]]]:
    path = tmp_path / "01-luku.md"
    path.write_bytes(data)
    report = Report()
    text = read_text(path, "01-luku.md", report)
    return text, [(d.path, d.line, d.code) for d in report]


@pytest.mark.parametrize(
    "data",
    [
        "ä\nö\nå\n".encode("utf-8"),
        b"\xef\xbb\xbf" + "ä\nö\nå\n".encode("utf-8"),
        "ä\r\nö\r\nå\r\n".encode("utf-8"),
        "ä\rö\rå\r".encode("utf-8"),
        b"\xef\xbb\xbf" + "ä\r\nö\r\nå\r\n".encode("utf-8"),
    ],
    ids=["utf8", "bom", "crlf", "cr", "bom-crlf"],
)
def test_utf8_with_any_line_ending_and_bom_reads_as_the_same_text(tmp_path, data):
    assert read_bytes_as_text(tmp_path, data) == ("ä\nö\nå\n", [])


def test_latin1_is_reported_at_the_line_of_its_first_non_utf8_byte(tmp_path):
    data = "---\ntitle: Luku\n---\n\nÄäkköset.\n".encode("latin-1")
    assert read_bytes_as_text(tmp_path, data) == (None, [("01-luku.md", 5, "file-not-utf8")])


def test_line_of_bad_byte_counts_crlf_lines_once(tmp_path):
    data = b"\xef\xbb\xbfrivi 1\r\nrivi 2\r\nrivi 3 \xe4\r\n"
    assert read_bytes_as_text(tmp_path, data)[1] == [("01-luku.md", 3, "file-not-utf8")]


def test_not_utf8_message_names_the_byte_and_how_to_fix_it(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes("ö".encode("latin-1"))
    report = Report(language="en")
    read_text(path, "x.md", report)
    [diagnostic] = report
    assert "byte 0xf6" in diagnostic.message
    assert "UTF-8" in diagnostic.message


def test_a_folder_in_place_of_a_file_is_reported_not_raised(tmp_path):
    (tmp_path / "02-kansio.md").mkdir()
    report = Report()
    assert read_text(tmp_path / "02-kansio.md", "02-kansio.md", report) is None
    assert [(d.path, d.line, d.code) for d in report] == [("02-kansio.md", 1, "file-unreadable")]


@pytest.mark.parametrize("character", ["\x80", "\x9f", "\ue000", "\U000a0017", "\U0010fffd"])
def test_a_character_no_font_draws_is_removed_with_a_warning(tmp_path, character):
    """A C1 control, a private-use or an unassigned character printed as an empty box in the PDFs,
    with only the renderer's English message, found by the property tests."""
    path = tmp_path / "luku.md"
    path.write_text(f"Teksti {character}loppu.\n", encoding="utf-8")
    report = Report()
    assert read_text(path, "luku.md", report) == "Teksti loppu.\n"
    assert [(d.line, d.code) for d in report] == [(1, "text-control-character")]


def test_every_character_control_finds_is_written_with_one_of_control_bytes():
    """read_text looks for CONTROL in a text only when its file has one of CONTROL_BYTES: every such
    character, in all of Unicode, has one in its UTF-8 (surrogates cannot be UTF-8 at all)."""
    from builder.readers.text import CONTROL, CONTROL_BYTES

    found = 0
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        character = chr(code)
        if CONTROL.match(character):
            found += 1
            assert set(character.encode("utf-8")) & set(CONTROL_BYTES), hex(code)
    assert found > 790_000  # the class is what it was: the unassigned and private-use planes are most of it


@pytest.mark.parametrize("character", ["\x01", "\x0b", "\x7f", "\x85", "\ue000", "\ufdd0", "\uffff", "\U000f0000",
                                       "\U0010fffd", "\U00040000"])
def test_a_control_character_among_other_text_is_still_found(tmp_path, character):
    text, said = read_bytes_as_text(tmp_path, f"Tekstiä ja §\u00a0välilyönti\nrivi {character} tässä\n".encode("utf-8"))
    assert text == "Tekstiä ja §\u00a0välilyönti\nrivi  tässä\n"
    assert said == [("01-luku.md", 2, "text-control-character")]
