"""Pictures for the web outputs: scaled to what the layout shows, photos as JPEG, the rest kept."""

from __future__ import annotations

import hashlib
import io
import random
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from builder import web_images
from builder.model import Asset
from builder.web_images import column_image, slide_image, svg_as_png, web_image

from conftest import COURSE_YML, chapter, photo, png, read

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect width="200" height="100" fill="#0b3d6e"/></svg>'
MIMETYPES = {".png": "image/png", ".jpg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
             ".svg": "image/svg+xml"}


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test makes its pictures itself: a picture made by another test must not answer."""
    web_images._MADE.clear()
    yield
    web_images._MADE.clear()


def asset_of(path: Path, data: bytes) -> Asset:
    path.write_bytes(data)
    size = (None, None)
    if path.suffix != ".svg":
        with Image.open(path) as image:
            size = image.size
    return Asset(f"images/{path.name}", path, hashlib.sha1(data).hexdigest(), len(data), MIMETYPES[path.suffix], *size)


def image_bytes(image: Image.Image, format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()


def diagram(width: int, height: int, mode: str = "RGB") -> Image.Image:
    """A flat diagram: a white ground, two coloured boxes and a thin line, few colours."""
    image = Image.new(mode, (width, height), "white")
    image.paste((11, 61, 110), (width // 10, height // 10, width // 2, height // 2))
    image.paste((46, 107, 48), (width // 2, height // 2, width - width // 10, height - height // 10))
    image.paste((0, 0, 0), (0, height // 3, width, height // 3 + 3))
    return image


def opened(picture) -> Image.Image:
    image = Image.open(io.BytesIO(picture.data))
    image.load()
    return image


def test_a_large_photo_saved_as_png_becomes_a_column_wide_jpeg(tmp_path):
    original = photo(3000, 2000)
    picture = column_image(asset_of(tmp_path / "kuva.png", original))
    assert (picture.mimetype, picture.filename, picture.width, picture.height) == ("image/jpeg", "kuva.jpg", 1600, 1067)
    assert opened(picture).format == "JPEG" and opened(picture).size == (1600, 1067)
    assert len(original) > 10_000_000 and len(picture.data) < 500_000


def test_the_same_picture_gives_the_same_bytes_every_time(tmp_path):
    asset = asset_of(tmp_path / "kuva.png", photo(2400, 1600))
    first = column_image(asset).data
    web_images._MADE.clear()
    assert column_image(asset).data == first


def test_a_large_diagram_stays_a_png_with_its_few_colours(tmp_path):
    original = image_bytes(diagram(2400, 1600), "PNG")
    picture = column_image(asset_of(tmp_path / "kaavio.png", original))
    assert (picture.mimetype, picture.filename, picture.width, picture.height) == ("image/png", "kaavio.png", 1600, 1067)
    image = opened(picture)
    assert image.mode == "P" and len(image.getcolors(256)) <= 256
    assert image.convert("RGB").getpixel((400, 250)) == (11, 61, 110)  # the blue box keeps its colour exactly
    assert len(picture.data) < len(original)


def test_a_large_transparent_picture_stays_a_png_and_keeps_its_transparency(tmp_path):
    image = Image.new("RGBA", (2400, 1600), (0, 0, 0, 0))
    image.paste((11, 61, 110, 255), (600, 400, 1800, 1200))
    picture = column_image(asset_of(tmp_path / "logo.png", image_bytes(image, "PNG")))
    assert (picture.mimetype, picture.width, picture.height) == ("image/png", 1600, 1067)
    made = opened(picture).convert("RGBA")
    assert made.getpixel((10, 10))[3] == 0 and made.getpixel((800, 533)) == (11, 61, 110, 255)


def test_an_unused_alpha_channel_does_not_keep_a_photo_png(tmp_path):
    image = Image.open(io.BytesIO(photo(2400, 1600))).convert("RGBA")  # every pixel opaque
    picture = column_image(asset_of(tmp_path / "kuva.png", image_bytes(image, "PNG", compress_level=1)))
    assert (picture.mimetype, picture.filename) == ("image/jpeg", "kuva.jpg")


def test_a_palette_png_that_fits_passes_untouched(tmp_path):
    original = image_bytes(diagram(1200, 800).convert("P", palette=Image.Palette.ADAPTIVE), "PNG", optimize=True)
    asset = asset_of(tmp_path / "kaavio.png", original)
    for picture in (column_image(asset), slide_image(asset, 29, 13.5)):
        assert (picture.data, picture.mimetype, picture.filename, picture.width) == (original, "image/png", "kaavio.png", 1200)


def test_a_palette_png_a_little_too_large_passes_untouched_a_much_larger_one_is_scaled(tmp_path):
    a_little = image_bytes(diagram(2000, 1000).convert("P", palette=Image.Palette.ADAPTIVE), "PNG")
    assert column_image(asset_of(tmp_path / "kaavio.png", a_little)).data == a_little  # scaling would blur it
    much = column_image(asset_of(tmp_path / "iso.png", image_bytes(diagram(3200, 1600).convert("P"), "PNG")))
    assert (much.mimetype, much.width, much.height) == ("image/png", 1600, 800)


def test_a_full_colour_png_that_fits_becomes_smaller_without_losing_a_pixel(tmp_path):
    image = diagram(1200, 800)
    original = image_bytes(image, "PNG", compress_level=0)
    picture = column_image(asset_of(tmp_path / "kaavio.png", original))
    assert (picture.mimetype, picture.width, picture.height) == ("image/png", 1200, 800)
    assert len(picture.data) < len(original) / 10
    assert opened(picture).convert("RGB").tobytes() == image.tobytes()


def test_a_photo_png_that_fits_becomes_a_jpeg_only_when_that_is_smaller(tmp_path):
    picture = column_image(asset_of(tmp_path / "kuva.png", photo(1200, 800)))
    assert (picture.mimetype, picture.filename, picture.width) == ("image/jpeg", "kuva.jpg", 1200)
    tiny = image_bytes(Image.open(io.BytesIO(photo(8, 8))), "PNG")  # JPEG's own header is bigger than this
    assert column_image(asset_of(tmp_path / "pieni.png", tiny)).data == tiny


def test_a_jpeg_that_fits_passes_untouched_and_a_large_one_is_scaled(tmp_path):
    small = photo(1200, 800, format="JPEG")
    assert column_image(asset_of(tmp_path / "pieni.jpg", small)).data == small
    picture = column_image(asset_of(tmp_path / "iso.jpg", photo(3200, 2400, format="JPEG")))
    assert (picture.mimetype, picture.filename, picture.width, picture.height) == ("image/jpeg", "iso.jpg", 1600, 1200)


def test_a_phone_photo_turned_by_its_orientation_tag_is_scaled_upright(tmp_path):
    image = Image.open(io.BytesIO(photo(3200, 2400, format="JPEG")))
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned a quarter: 2400 wide, 3200 high
    picture = slide_image(asset_of(tmp_path / "puhelin.jpg", image_bytes(image, "JPEG", exif=exif)), 10, 10)
    assert (picture.width, picture.height) == (675, 900)
    assert opened(picture).size == (675, 900)
    assert opened(picture).getexif().get(0x0112) is None  # no tag left to turn it again


def test_a_slide_picture_is_scaled_to_its_box(tmp_path):
    asset = asset_of(tmp_path / "kuva.png", photo(2400, 1600))
    assert (slide_image(asset, 10, 10).width, slide_image(asset, 10, 10).height) == (900, 600)
    assert (slide_image(asset, 29, 13.5).width, slide_image(asset, 29, 13.5).height) == (1600, 1067)  # the width cap


def test_svg_and_gif_pass_untouched_whatever_their_size(tmp_path):
    gif = image_bytes(diagram(2400, 1600).convert("P", palette=Image.Palette.ADAPTIVE), "GIF")
    for name, data in (("kuva.svg", SVG), ("liike.gif", gif)):
        picture = column_image(asset_of(tmp_path / name, data))
        assert (picture.data, picture.filename) == (data, name)


def test_a_webp_becomes_a_format_every_browser_and_powerpoint_shows(tmp_path):
    picture = column_image(asset_of(tmp_path / "kuva.webp", image_bytes(diagram(120, 60), "WEBP", lossless=True)))
    assert (picture.mimetype, picture.filename, picture.width) == ("image/png", "kuva.png", 120)


def test_an_svg_is_drawn_as_a_png_of_the_size_asked(tmp_path):
    data = svg_as_png(asset_of(tmp_path / "kuva.svg", SVG), 400, 200)
    image = Image.open(io.BytesIO(data)).convert("RGB")
    assert image.size == (400, 200) and image.getpixel((200, 100)) == (11, 61, 110)
    assert svg_as_png(asset_of(tmp_path / "kuva.svg", SVG), 400, 200) == data


def test_two_limits_that_give_one_size_make_the_picture_once(tmp_path):
    asset = asset_of(tmp_path / "kuva.png", photo(2400, 1600))
    assert web_image(asset, 1600) is web_image(asset, 1600, 1200)


# --- a picture far larger than any output shows is a warning at its line -------------------------


def noise_png(width: int, height: int) -> bytes:
    """Pure noise: PNG cannot pack it, so the file is 3 bytes a pixel."""
    return image_bytes(Image.frombytes("RGB", (width, height), random.Random(2).randbytes(width * height * 3)), "PNG")


def warnings_for(make_course, data: bytes, language: str = "fi") -> list[tuple[str, int, str, str]]:
    course_dir = make_course({
        "course.yml": COURSE_YML.replace("language: fi", f"language: {language}"),
        "01-kuvat.md": chapter("Kuva alla.\n\n![Puisto](images/puisto.png)\n\n![Puisto taas](images/puisto.png)\n"),
        "images/puisto.png": data,
    })
    return [(d.path, d.line, d.code, d.message) for d in read(course_dir)[1]]


def test_a_picture_over_three_times_the_widest_output_is_a_warning_at_its_first_use(make_course):
    [(path, line, code, message)] = warnings_for(make_course, png(6000, 40))
    assert (path, line, code) == ("01-kuvat.md", 8, "image-too-large")
    assert "'images/puisto.png'" in message and "(6000 × 40 pikseliä, 0,0 Mt)" in message
    assert "1600 pikselin" in message


def test_a_file_over_five_megabytes_is_a_warning_in_the_course_language(make_course):
    [(_, _, code, message)] = warnings_for(make_course, noise_png(1400, 1300), language="sv")
    assert code == "image-too-large"
    assert "(1400 × 1300 pixlar, 5,5 MB)" in message and "1600 pixlar" in message


def test_a_large_picture_that_outputs_can_use_is_not_a_warning(make_course):
    assert warnings_for(make_course, image_bytes(diagram(4800, 3200), "PNG")) == []


def test_a_far_too_large_picture_first_seen_on_a_slide_is_a_warning_at_its_line(make_course):
    course_dir = make_course({
        "01-kuvat.md": chapter("Teksti.\n\n```slides\n## Puisto\n\n![Puisto](images/puisto.png)\n```\n"),
        "images/puisto.png": png(6000, 40),
    })
    assert [(d.path, d.line, d.code) for d in read(course_dir)[1]] == [("01-kuvat.md", 11, "image-too-large")]


def test_a_scaled_photo_keeps_its_colour_resolution_and_a_screenshot_keeps_full_colour(tmp_path):
    from PIL import JpegImagePlugin

    camera = column_image(asset_of(tmp_path / "kamera.jpg", photo(3200, 2400, format="JPEG")))  # Pillow: 4:2:0
    screenshot = column_image(asset_of(tmp_path / "ruutu.png", photo(2400, 1600)))
    assert JpegImagePlugin.get_sampling(opened(camera)) == 2
    assert JpegImagePlugin.get_sampling(opened(screenshot)) == 0  # small coloured text stays sharp


def test_an_svg_drawing_has_the_same_bytes_whatever_was_drawn_before(tmp_path):
    """Cairo's font caches carry from one drawing to the next: a full build draws after the checks'
    small trial, ``--only pptx`` does not, and both must give the same PowerPoint file."""
    import cairosvg

    text_svg = (Path(__file__).parent / "roots" / "second_course" / "course" / "images" / "pakettiautomaatti.svg")
    asset = asset_of(tmp_path / "kaavio.svg", text_svg.read_bytes())
    first_in_a_process = subprocess.run(
        [sys.executable, "-c", "import sys, cairosvg; sys.stdout.buffer.write(cairosvg.svg2png("
         "bytestring=sys.stdin.buffer.read(), output_width=1600, output_height=520))"],
        input=asset.path.read_bytes(), capture_output=True, check=True).stdout
    cairosvg.svg2png(bytestring=asset.path.read_bytes(), output_width=64, output_height=64)
    assert svg_as_png(asset, 1600, 520) == first_in_a_process
