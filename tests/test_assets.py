"""Images and the logo: found inside the course folder or assets/, checked, fingerprinted once."""

from __future__ import annotations

import hashlib
import struct
import zlib
from pathlib import Path

import pytest

from builder.diagnostics import Report
from builder.readers.assets import AssetResolver

from conftest import COURSE_YML, chapter, course_of, diagnostics_of, png, read

SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'


def png_header(width: int, height: int) -> bytes:
    """A PNG that only claims a size: enough for Pillow to read its dimensions, without the pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def image_chapter(target: str) -> str:
    """A chapter with one image reference, on line 8."""
    return chapter(f"Kuva alla.\n\n![Kuvaus]({target})\n")


def problems_for(make_course, target: str, files: dict | None = None):
    return diagnostics_of(make_course({"01-kuvat.md": image_chapter(target), **(files or {})}))


# --- what a usable image becomes ---------------------------------------------------------------


def test_a_png_becomes_an_asset_with_hash_size_type_and_dimensions(make_course):
    data = png(40, 20)
    course = course_of(make_course({"01-kuvat.md": image_chapter("images/kuva.png"), "images/kuva.png": data}))
    asset = course.assets["images/kuva.png"]
    assert (asset.key, asset.filename, asset.mimetype, asset.width, asset.height) == (
        "images/kuva.png", "kuva.png", "image/png", 40, 20)
    assert (asset.sha1, asset.size) == (hashlib.sha1(data).hexdigest(), len(data))
    assert asset.path == (course.root / "images" / "kuva.png")


@pytest.mark.parametrize("fmt, mimetype", [("JPEG", "image/jpeg"), ("GIF", "image/gif"), ("WEBP", "image/webp")])
def test_other_raster_formats_are_accepted(make_course, tmp_path, fmt, mimetype):
    from PIL import Image

    path = tmp_path / "kuva.bin"
    Image.new("RGB", (8, 6), (1, 2, 3)).save(path, format=fmt)
    course = course_of(make_course({"01-kuvat.md": image_chapter("kuva.bin"), "kuva.bin": path.read_bytes()}))
    assert (course.assets["kuva.bin"].mimetype, course.assets["kuva.bin"].width) == (mimetype, 8)


def test_an_svg_is_accepted_without_dimensions(make_course):
    course = course_of(make_course({"01-kuvat.md": image_chapter("kaavio.svg"), "kaavio.svg": SVG}))
    asset = course.assets["kaavio.svg"]
    assert (asset.mimetype, asset.width, asset.height) == ("image/svg+xml", None, None)


def test_an_image_used_twice_is_one_asset(make_course):
    files = {
        "01-a.md": chapter("![Yksi](images/kuva.png)\n"),
        "02-b.md": chapter("![Kaksi](images/kuva.png)\n\n![Kolme](./images/kuva.png)\n"),
        "images/kuva.png": png(),
    }
    assert list(course_of(make_course(files)).assets) == ["images/kuva.png"]


def test_an_image_in_assets_beside_the_course_gets_an_assets_key(make_course, tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.png").write_bytes(png())
    course = course_of(make_course({"course.yml": COURSE_YML + "logo: logo.png\n"}))
    assert course.meta.logo == "assets/logo.png"
    assert course.assets["assets/logo.png"].path == (tmp_path / "assets" / "logo.png").resolve()


def test_the_course_folder_is_searched_before_assets(make_course, tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.png").write_bytes(png(colour=(0, 0, 0)))
    course = course_of(make_course({"course.yml": COURSE_YML + "logo: logo.png\n", "logo.png": png()}))
    assert course.meta.logo == "logo.png"


@pytest.mark.parametrize(
    "written, on_disk",
    [
        ("<images/pää kuva.png>", "images/pää kuva.png"),
        ("images/p%C3%A4%C3%A4%20kuva.png", "images/pää kuva.png"),
        ("<kuvat ja muut/åäö.png>", "kuvat ja muut/åäö.png"),
    ],
    ids=["angle-brackets", "percent-encoded", "folder-with-spaces"],
)
def test_spaces_and_scandinavian_letters_in_image_names_build(make_course, written, on_disk):
    course = course_of(make_course({"01-kuvat.md": image_chapter(written), on_disk: png()}))
    assert list(course.assets) == [on_disk]
    assert f'src="asset:{on_disk}"' in course.chapters[0].body_html


def test_a_symlink_inside_the_course_is_followed(make_course):
    course_dir = make_course({"01-kuvat.md": image_chapter("images/linkki.png"), "images/kuva.png": png()})
    (course_dir / "images" / "linkki.png").symlink_to(course_dir / "images" / "kuva.png")
    assert list(course_of(course_dir).assets) == ["images/kuva.png"]


# --- what is refused, and where it is reported -------------------------------------------------


def test_missing_image(make_course):
    assert problems_for(make_course, "images/puuttuu.png") == [("01-kuvat.md", 8, "image-missing")]


def test_image_name_is_case_sensitive(make_course):
    assert problems_for(make_course, "images/Kuva.png", {"images/kuva.png": png()}) == [
        ("01-kuvat.md", 8, "image-missing")]


def missing_image_message(make_course, target: str, files: dict, language: str = "fi") -> str:
    course_yml = COURSE_YML.replace("language: fi", f"language: {language}")
    [diagnostic] = read(make_course({"course.yml": course_yml, "01-kuvat.md": image_chapter(target), **files}))[1]
    assert (diagnostic.line, diagnostic.code) == (8, "image-missing")
    return diagnostic.message


@pytest.mark.parametrize("written, meant", [
    ("images/kaavio.PNG", "images/kaavio.png"),  # the extension's case
    ("images/Kaavio.png", "images/kaavio.png"),
    ("images/tyonjako.png", "images/työnjako.png"),  # o for ö
    ("images/tyonjako.jpg", "images/työnjako.png"),  # another extension
    ("images/kavio.png", "images/kaavio.png"),  # a letter missing
    ("kuvat/kaavio.png", "images/kaavio.png"),  # another folder
    ("logo.PNG", "logo.png"),  # in assets/, written as chapters write it
])
def test_a_misspelt_image_names_the_nearest_picture(make_course, tmp_path, written, meant):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.png").write_bytes(png())
    files = {"images/kaavio.png": png(), "images/työnjako.png": png(), "images/tabletti.png": png(),
             "images/muistiinpanot.txt": "ei kuva"}
    assert missing_image_message(make_course, written, files).endswith(
        f"Tarkista tiedoston nimi ja kansio. Tarkoititko '{meant}'?")


def test_the_suggestion_is_in_the_course_language(make_course):
    assert missing_image_message(make_course, "kavio.png", {"kaavio.png": png()}, "sv").endswith(
        "Menade du 'kaavio.png'?")


def test_a_missing_image_unlike_every_picture_names_none(make_course):
    assert missing_image_message(make_course, "images/puuttuu.png", {"images/tabletti.png": png()}).endswith(
        "Tarkista tiedoston nimi ja kansio.")


@pytest.mark.parametrize(
    "data",
    [b"This is not an image.\n", png()[:40], b"\x89PNG\r\n\x1a\n" + b"\0" * 30, b"%PDF-1.4\n"],
    ids=["text", "truncated-png", "png-signature-only", "pdf"],
)
def test_a_file_that_is_not_a_usable_image(make_course, data):
    assert problems_for(make_course, "images/kuva.png", {"images/kuva.png": data}) == [
        ("01-kuvat.md", 8, "image-invalid")]


def test_broken_svg(make_course):
    assert problems_for(make_course, "kaavio.svg", {"kaavio.svg": b"<svg><g></svg>"}) == [
        ("01-kuvat.md", 8, "image-invalid")]


@pytest.mark.parametrize("attributes, said", [
    ('viewBox="0 0 leveys korkeus"', "viewBox '0 0 leveys korkeus' ei ole neljä lukua"),
    ('viewBox="0 0 400"', "viewBox '0 0 400' ei ole neljä lukua"),
    ('viewBox="0 0 0 300"', "viewBox '0 0 0 300' ei ole neljä lukua"),
    ('width="leveä"', "width-arvo 'leveä' ei ole koko"),
])
def test_an_svg_whose_size_cannot_be_read_is_named_at_its_line(make_course, attributes, said):
    """The PDF renderer would leave such a drawing out with a message in English, and PowerPoint without it."""
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" {attributes}><rect width="10" height="10"/></svg>'.encode()
    course, report = read(make_course({"01-kuvat.md": image_chapter("kaavio.svg"), "kaavio.svg": svg}))
    assert [(d.path, d.line, d.code) for d in report] == [("01-kuvat.md", 8, "image-invalid")]
    assert said in report.errors[0].message


@pytest.mark.parametrize("attributes", ['viewBox="0,0,400.5,300"', 'viewBox=" 0 0 4e2 3e2 "', 'width="12cm" height="80%"',
                                        'width="400" height="300.5px"'])
def test_an_svg_with_an_ordinary_size_is_accepted(make_course, attributes):
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" {attributes}><rect width="10" height="10"/></svg>'.encode()
    assert course_of(make_course({"01-kuvat.md": image_chapter("kaavio.svg"), "kaavio.svg": svg}))


def test_decompression_bomb_is_refused(make_course):
    course_dir = make_course({"01-kuvat.md": image_chapter("pommi.png"), "pommi.png": png_header(20000, 20000)})
    course, report = read(course_dir)
    assert [(d.path, d.line, d.code) for d in report] == [("01-kuvat.md", 8, "image-invalid")]
    assert "liian suuri" in report.errors[0].message


def test_an_image_beyond_forty_megapixels_is_refused(make_course):
    course_dir = make_course({"01-kuvat.md": image_chapter("iso.png"), "iso.png": png_header(7000, 7000)})
    course, report = read(course_dir)
    assert [(d.line, d.code) for d in report] == [(8, "image-invalid")]
    assert "7000×7000" in report.errors[0].message


def test_a_broken_image_used_twice_is_reported_at_its_first_use_once(make_course):
    files = {
        "01-a.md": chapter("![Yksi](kuva.png)\n\n![Kaksi](kuva.png)\n"),
        "kuva.png": b"not an image",
    }
    assert diagnostics_of(make_course(files)) == [("01-a.md", 6, "image-invalid")]


@pytest.mark.parametrize(
    "target",
    ["../ulkona.png", "images/../../ulkona.png", "/etc/passwd", "C:\\kuvat\\kuva.png", "file:///etc/passwd",
     "https://example.org/kuva.png"],
)
def test_a_path_leading_outside_the_course_folder(make_course, tmp_path, target):
    (tmp_path / "ulkona.png").write_bytes(png())
    assert problems_for(make_course, target) == [("01-kuvat.md", 8, "path-outside-course")]


def test_a_missing_file_outside_the_course_is_still_outside(make_course):
    assert problems_for(make_course, "../ei-ole.png") == [("01-kuvat.md", 8, "path-outside-course")]


def test_a_symlink_pointing_outside_the_course(make_course, tmp_path):
    (tmp_path / "salaisuus.png").write_bytes(png())
    course_dir = make_course({"01-kuvat.md": image_chapter("images/linkki.png")})
    (course_dir / "images").mkdir()
    (course_dir / "images" / "linkki.png").symlink_to(tmp_path / "salaisuus.png")
    assert diagnostics_of(course_dir) == [("01-kuvat.md", 8, "path-outside-course")]


def test_a_symlinked_folder_pointing_outside_the_course(make_course, tmp_path):
    (tmp_path / "muualla").mkdir()
    (tmp_path / "muualla" / "kuva.png").write_bytes(png())
    course_dir = make_course({"01-kuvat.md": image_chapter("images/kuva.png")})
    (course_dir / "images").symlink_to(tmp_path / "muualla")
    assert diagnostics_of(course_dir) == [("01-kuvat.md", 8, "path-outside-course")]


def test_a_folder_is_not_an_image(make_course):
    course_dir = make_course({"01-kuvat.md": image_chapter("images")})
    (course_dir / "images").mkdir()
    assert diagnostics_of(course_dir) == [("01-kuvat.md", 8, "image-missing")]


def test_logo_problems_are_reported_at_the_logo_line(make_course):
    course_dir = make_course({"course.yml": COURSE_YML + "contact: x\nlogo: kuvat/logo.png\n"})
    assert diagnostics_of(course_dir) == [("course.yml", 11, "image-missing")]


def test_resolver_registers_each_file_once_and_reports_with_the_given_position(tmp_path):
    (tmp_path / "kuva.png").write_bytes(png())
    report = Report()
    resolver = AssetResolver(tmp_path, None, report)
    assert resolver.resolve("kuva.png", tmp_path, "01-a.md", 3) == "kuva.png"
    assert resolver.resolve("./kuva.png", tmp_path, "02-b.md", 9) == "kuva.png"
    assert resolver.resolve("ei.png", tmp_path, "02-b.md", 11) is None
    assert list(resolver.assets) == ["kuva.png"]
    assert [(d.path, d.line, d.code) for d in report] == [("02-b.md", 11, "image-missing")]


def test_resolver_ignores_an_assets_folder_that_does_not_exist(tmp_path):
    resolver = AssetResolver(tmp_path, tmp_path / "ei-ole", Report())
    assert resolver.assets_root is None
    assert isinstance(resolver.course_root, Path)


def test_a_picture_is_oversized_past_three_times_what_any_output_shows():
    """builder.readers.assets writes the number out, so that reading a course does not import web_images."""
    from builder.readers.assets import OVERSIZED_SIDE
    from builder.web_images import MAX_WIDTH

    assert OVERSIZED_SIDE == 3 * MAX_WIDTH
