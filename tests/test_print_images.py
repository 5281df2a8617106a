"""Images for the PDF renderer: opaque PNGs go as fine JPEGs (passed through), transparent ones stay PNG."""

from __future__ import annotations

import io

from PIL import Image

from builder.pdf.print_images import image_for_pdf


def save(tmp_path, name, image, **options):
    path = tmp_path / name
    image.save(path, **options)
    return path


def test_an_opaque_palette_png_goes_as_a_jpeg_that_looks_the_same(tmp_path):
    image = Image.new("RGB", (200, 100), "white")
    image.paste((11, 61, 110), (20, 20, 180, 80))
    path = save(tmp_path, "kaavio.png", image.convert("P", palette=Image.ADAPTIVE))
    data, mimetype = image_for_pdf(path)
    assert mimetype == "image/jpeg"
    back = Image.open(io.BytesIO(data)).convert("RGB")
    assert back.size == (200, 100)
    r, g, b = back.getpixel((100, 50))
    assert abs(r - 11) <= 3 and abs(g - 61) <= 3 and abs(b - 110) <= 3
    assert back.getpixel((5, 5)) == (255, 255, 255)


def test_a_png_with_transparency_stays_png(tmp_path):
    path = save(tmp_path, "logo.png", Image.new("RGBA", (10, 10), (0, 0, 0, 0)))
    assert image_for_pdf(path) == (path.read_bytes(), "image/png")


def test_a_palette_png_with_a_transparent_colour_stays_png(tmp_path):
    image = Image.new("P", (10, 10), 0)
    path = save(tmp_path, "kuva.png", image, transparency=0)
    assert image_for_pdf(path)[1] == "image/png"


def test_a_jpeg_passes_unchanged(tmp_path):
    path = save(tmp_path, "valokuva.jpg", Image.new("RGB", (10, 10), "red"), quality=80)
    assert image_for_pdf(path) == (path.read_bytes(), "image/jpeg")


def test_the_same_png_gives_the_same_bytes(tmp_path):
    path = save(tmp_path, "kuva.png", Image.new("RGB", (64, 64), "green"))
    assert image_for_pdf(path) == image_for_pdf(path)


def test_a_camera_photo_larger_than_any_page_prints_is_scaled_to_print_resolution(tmp_path):
    image = Image.radial_gradient("L").resize((4000, 3000)).convert("RGB")
    data, mimetype = image_for_pdf(save(tmp_path, "kuva.jpg", image, quality=90))
    assert mimetype == "image/jpeg"
    assert Image.open(io.BytesIO(data)).size == (2480, 1860)


def test_a_jpeg_that_fits_passes_untouched(tmp_path):
    path = save(tmp_path, "kuva.jpg", Image.new("RGB", (1200, 800), (10, 90, 160)), quality=90)
    assert image_for_pdf(path) == (path.read_bytes(), "image/jpeg")


def test_a_large_transparent_png_is_scaled_and_stays_png(tmp_path):
    data, mimetype = image_for_pdf(save(tmp_path, "logo.png", Image.new("RGBA", (3000, 1000), (0, 0, 0, 0))))
    assert mimetype == "image/png"
    assert Image.open(io.BytesIO(data)).size == (2480, 827)
