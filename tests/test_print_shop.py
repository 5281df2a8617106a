"""The print-shop edition and the QR codes of the printed booklets, read back as a print shop and a phone would."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from builder.build import build
from builder.diagnostics import Report
from builder.pdf.print_resolution import check_print_resolution, printed_size_mm
from conftest import COURSE_YML as BASE_COURSE_YML
from conftest import chapter, course_of, diagnostics_of, png, read, write_course

MM = 72 / 25.4
A5 = (148 * MM, 210 * MM)
BLEED, SLUG = 3 * MM, 10 * MM
COURSE_URL = "https://moodle.example.fi/course/view.php?id=42"
LINK_URL = "https://www.suomi.fi/palvelut"
BAND = (0x0B, 0x3D, 0x6E)

COURSE_YML = BASE_COURSE_YML + f"moodle:\n  url: {COURSE_URL}\nbooklet:\n  print_shop: true\n"
QUESTION = "```kysymys\nMikä on tabletti?\n- [x] Laite\n- [ ] Ruoka\n```\n"
FILES = {
    "course.yml": COURSE_YML,
    "01-alku.md": chapter("Tabletti on kätevä laite.\n\n![Tabletti pöydällä](images/tabletti.png)\n\n" + QUESTION,
                          title="Laitteet", summary="Tabletti ja puhelin."),
    "02-palvelut.md": chapter(f"Avaa [Suomi.fi-palvelut]({LINK_URL}){{qr}} ja katso, mitä siellä on.\n\n" + QUESTION,
                              title="Palvelut", summary="Verkkopalvelut."),
    "images/tabletti.png": png(1200, 800, colour=(30, 140, 60)),
}


def build_into(course: Path, output: Path, only: list[str]) -> Report:
    report = Report()
    result = build(course, output, report, only=only, remember=False)
    assert [str(d) for d in report] == []
    assert result.course is not None
    return report


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("print-shop")
    write_course(root / "course", FILES)
    build_into(root / "course", root / "output", ["booklet-print", "booklet"])
    return root


@pytest.fixture(scope="module")
def pdf_path(built) -> Path:
    return built / "output" / "testikurssi-booklet-print.pdf"


@pytest.fixture(scope="module")
def pdf(pdf_path):
    with pikepdf.open(pdf_path) as document:
        yield document


def box(page, name: str) -> list[float]:
    return [float(v) for v in page.obj[name]]


def grown(mm: float) -> list[float]:
    return [-mm, -mm, A5[0] + mm, A5[1] + mm]


def test_every_page_is_a5_trimmed_with_3_mm_bleed_and_a_slug_for_the_marks(pdf):
    assert len(pdf.pages) >= 8
    for number, page in enumerate(pdf.pages, start=1):
        assert box(page, "/TrimBox") == pytest.approx(grown(0), abs=0.01), number
        assert box(page, "/BleedBox") == pytest.approx(grown(BLEED), abs=0.01), number
        assert box(page, "/MediaBox") == pytest.approx(grown(SLUG), abs=0.01), number


def test_page_count_is_whole_sheets_with_the_blank_pages_before_the_back_cover(pdf_path, pdf):
    count = len(pdf.pages)
    assert count % 4 == 0
    texts = [page_text(pdf_path, n) for n in range(1, count + 1)]
    assert "Testikurssi" in texts[-1]  # the back cover, last
    blanks = [n for n, text in enumerate(texts, start=1) if not text.strip()]
    # Blank pages (chapters open on the right, and the padding) never come right after the cover;
    # the padding stands right before the back cover.
    assert 2 not in blanks
    padding = count - 1 - max(n for n, text in enumerate(texts[:-1], start=1) if text.strip())
    assert padding == len([n for n in blanks if n > count - 1 - padding])


def test_no_word_stands_within_5_mm_of_the_trim_edge(pdf_path):
    """What must survive trimming (text, page numbers, running heads) stays in the safe area."""
    import re

    xml = subprocess.run(["pdftotext", "-bbox", str(pdf_path), "-"], check=True, capture_output=True, text=True).stdout
    words = [tuple(float(v) - SLUG for v in match.groups()) for match in re.finditer(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', xml)]  # from the trim's top left
    assert len(words) > 100
    safe = 5 * MM
    assert min(x0 for x0, _, _, _ in words) >= safe and max(x1 for _, _, x1, _ in words) <= A5[0] - safe
    assert min(y0 for _, y0, _, _ in words) >= safe and max(y1 for _, _, _, y1 in words) <= A5[1] - safe


def test_declares_pdf_x4_with_a_coated_offset_output_intent(pdf):
    with pdf.open_metadata() as xmp:
        assert xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
    assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-4"
    assert str(pdf.docinfo["/Trapped"]) == "/False"
    (intent,) = pdf.Root.OutputIntents
    assert intent.S == "/GTS_PDFX"
    assert str(intent.OutputConditionIdentifier) == "FOGRA39"
    assert str(intent.RegistryName) == "http://www.color.org"
    profile = intent.DestOutputProfile
    assert int(profile.N) == 4
    header = profile.read_bytes()[:20]
    assert header[12:16] == b"prtr" and header[16:20] == b"CMYK"  # an output (printer) profile, CMYK


def test_device_rgb_is_declared_srgb_for_the_cmyk_output_intent(pdf):
    spaces = [page.Resources.ColorSpace for page in pdf.pages]
    for space in spaces:
        default = space.DefaultRGB
        assert default[0] == "/ICCBased" and int(default[1].N) == 3


def test_links_are_taken_out_for_the_press_and_nothing_is_tagged(pdf):
    """PDF/X allows no annotation on the printed area; the addresses are printed after the links."""
    assert all("/Annots" not in page.obj for page in pdf.pages)
    assert "/StructTreeRoot" not in pdf.Root


def test_every_font_is_embedded(pdf):
    fonts = {}
    for page in pdf.pages:
        for name, font in page.Resources.get("/Font", {}).items():
            fonts[str(font.get("/BaseFont"))] = font
    assert fonts
    for name, font in fonts.items():
        descriptor = font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font else font.FontDescriptor
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name


def test_cover_band_runs_into_the_bleed_and_the_crop_marks_stand_outside_it(pdf_path, tmp_path):
    cover = render(pdf_path, 1, tmp_path)
    at = pixel_at(cover)
    # The band: in the top bleed and off the outer (right) edge; not at the fold, not in the slug.
    assert near(at(A5[0] / 2, -BLEED / 2), BAND)
    assert near(at(A5[0] + BLEED / 2, 5 * MM), BAND)
    assert near(at(-BLEED / 2, 5 * MM), (255, 255, 255))
    assert near(at(A5[0] / 2, -BLEED - 2 * MM), (255, 255, 255))
    # Crop marks: in line with each trim edge, from the bleed's edge outwards, never inside the bleed.
    for x, y in ((0, -BLEED - 2 * MM), (A5[0], -BLEED - 2 * MM), (-BLEED - 2 * MM, A5[1]),
                 (A5[0] + BLEED + 2 * MM, A5[1])):
        assert darkest_near(cover, x, y) < 100, (x, y)
    plain = render(pdf_path, 2, tmp_path)
    assert darkest_near(plain, 0, -BLEED / 2) > 240  # the bleed itself stays clear of marks
    assert darkest_near(plain, 0, -BLEED - 2 * MM) < 100


def test_a_chapter_opening_band_runs_into_the_top_and_outer_bleed(pdf_path, pdf, tmp_path):
    opening = next(n for n in range(1, len(pdf.pages) + 1) if "luku 1" in page_text(pdf_path, n).lower())
    assert opening % 2 == 1  # a right-hand page
    at = pixel_at(render(pdf_path, opening, tmp_path))
    assert near(at(A5[0] / 2, -BLEED / 2), BAND)
    assert near(at(A5[0] + BLEED / 2, 2 * MM), BAND)
    assert near(at(A5[0] / 2, 12 * MM), (255, 255, 255))  # 6 mm of band on the page, then white


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (Debian zbar-tools) is not installed")
@pytest.mark.parametrize("name", ["testikurssi-booklet-print.pdf", "testikurssi-booklet.pdf"])
def test_qr_codes_read_back_to_the_exact_addresses_at_printed_size(built, name, tmp_path):
    path = built / "output" / name
    found = {}
    for number in range(1, page_count(path) + 1):
        text = page_text(path, number)
        codes = qr_codes(rendered_page(path, number, tmp_path, dpi=150))
        if codes:
            found[number] = (codes, text)
    colophon = [codes for codes, text in found.values() if "Kurssi Moodlessa" in text]
    quizzes = [codes for codes, text in found.values() if "Tee testi Moodlessa" in text]
    links = [codes for codes, text in found.values() if "Suomi.fi-palvelut" in text]
    assert colophon == [[COURSE_URL]]
    assert len(quizzes) == 2 and all(COURSE_URL in codes for codes in quizzes)
    assert any(LINK_URL in codes for codes in links)
    assert sorted(url for codes, _ in found.values() for url in codes) == sorted([COURSE_URL] * 3 + [LINK_URL])
    assert "moodle.example.fi/course/view.php?id=42" in " ".join(text for _, text in found.values())


def test_the_same_sources_give_the_same_bytes(built, pdf_path, tmp_path):
    shutil.copytree(built / "course", tmp_path / "elsewhere")
    build_into(tmp_path / "elsewhere", tmp_path / "output", ["booklet-print"])
    assert (tmp_path / "output" / pdf_path.name).read_bytes() == pdf_path.read_bytes()


def test_nothing_is_written_unless_course_yml_asks(tmp_path):
    course = write_course(tmp_path / "course", {**FILES, "course.yml": COURSE_YML.replace("print_shop: true",
                                                                                        "print_shop: false")})
    build_into(course, tmp_path / "output", ["booklet-print"])
    assert not (tmp_path / "output").exists() or not list((tmp_path / "output").glob("*-booklet-print.pdf"))


@pytest.fixture(scope="module")
def x1a(tmp_path_factory):
    root = tmp_path_factory.mktemp("print-shop-x1a")
    files = {**FILES, "course.yml": COURSE_YML + "  pdfx: X-1a\n", "logo.png": transparent_png(),
             "01-alku.md": str(FILES["01-alku.md"]).replace("Tabletti on kätevä laite.",
                                                            "Tabletti on kätevä laite.\n\n![Logo](logo.png)")}
    write_course(root / "course", files)
    build_into(root / "course", root / "output", ["booklet-print"])
    path = root / "output" / "testikurssi-booklet-print.pdf"
    with pikepdf.open(path) as document:
        yield path, document


def test_x1a_declares_itself_with_the_same_boxes_and_output_intent(x1a):
    path, pdf = x1a
    assert pdf.pdf_version == "1.4"
    assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-1a:2003"
    assert str(pdf.Root.OutputIntents[0].OutputConditionIdentifier) == "FOGRA39"
    assert len(pdf.pages) % 4 == 0
    for page in pdf.pages:
        assert box(page, "/TrimBox") == pytest.approx(grown(0), abs=0.01)
        assert box(page, "/BleedBox") == pytest.approx(grown(BLEED), abs=0.01)
        assert "/Annots" not in page.obj


def test_x1a_has_only_cmyk_and_no_transparency(x1a):
    path, pdf = x1a
    images = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
    assert len(images) == 2  # the photo and the logo, whose transparency is laid on white
    assert all(image.ColorSpace == "/DeviceCMYK" and "/SMask" not in image for image in images)
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and "/ca" in obj:
            assert float(obj.ca) == 1
    fills = set()
    for page in pdf.pages:
        assert "/ColorSpace" not in page.Resources or len(page.Resources.ColorSpace.keys()) == 0  # no Lab, no ICC
        for stream in (page.Contents if isinstance(page.Contents, pikepdf.Array) else [page.Contents]):
            operators = [op for _, op in pikepdf.parse_content_stream(stream)]
            assert not {"rg", "RG", "sc", "scn"} & {str(op) for op in operators}
            fills |= {tuple(float(v) for v in operands) for operands, op in pikepdf.parse_content_stream(stream)
                      if str(op) == "k"}
    assert (0, 0, 0, round(1 - 0x11 / 255, 4)) in fills  # the text's grey (#111111): black ink alone
    assert any(c > 0.5 and k < 0.5 for c, m, y, k in fills)  # the dark blue headings: mostly cyan


def test_x1a_pictures_reach_the_renderer_in_cmyk_also_from_a_theme(tmp_path):
    import io

    from builder.pdf.cmyk import cmyk_image
    from builder.pdf.render import course_file_fetcher
    from builder.theme import PACKAGE_THEME

    profile = (PACKAGE_THEME / "booklet" / "FOGRA39L-coated.icc").read_bytes()
    (tmp_path / "tausta.png").write_bytes(transparent_png())
    fetcher = course_file_fetcher([tmp_path], image_converter=lambda path: cmyk_image(path, profile))
    with Image.open(io.BytesIO(fetcher.fetch((tmp_path / "tausta.png").as_uri()).read())) as picture:
        assert (picture.format, picture.mode) == ("JPEG", "CMYK")
        assert picture.getpixel((0, 0)) == (0, 0, 0, 0)  # the transparent corner: paper white, no ink


def test_x1a_gradients_of_a_theme_end_in_cmyk(tmp_path):
    import datetime as dt

    from builder.pdf.render import render_pdf
    from builder.theme import PACKAGE_THEME
    from builder.writers.booklet.print_shop import PrintShopFinisher

    profile = (PACKAGE_THEME / "booklet" / "FOGRA39L-coated.icc").read_bytes()
    html = ("<html><head><style>@page { size: A5; bleed: 3mm } div { height: 20mm; "
            "background: linear-gradient(#0b3d6e, #ffcc00) }</style></head><body><div></div></body></html>")
    render_pdf(html, tmp_path / "liuku.pdf", base_url=tmp_path.as_uri() + "/", allowed_roots=[tmp_path],
               when=dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc), report=Report(), output="liuku.pdf",
               variant="pdf/x-1a", finisher=PrintShopFinisher(profile, "X-1a"))
    with pikepdf.open(tmp_path / "liuku.pdf") as document:
        (shading,) = [o for o in document.objects if isinstance(o, pikepdf.Dictionary) and "/ShadingType" in o]
        assert shading.ColorSpace == "/DeviceCMYK"
        ends = [list(part[end]) for part in shading.Function.Functions for end in ("/C0", "/C1")]
        assert [len(end) for end in ends] == [4, 4] and float(ends[1][2]) > 0.8  # yellow: mostly yellow ink


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (Debian zbar-tools) is not installed")
def test_x1a_qr_codes_still_read(x1a, tmp_path):
    path, pdf = x1a
    codes = [url for n in range(1, len(pdf.pages) + 1) for url in qr_codes(rendered_page(path, n, tmp_path, 150))]
    assert sorted(codes) == sorted([COURSE_URL] * 3 + [LINK_URL])


@pytest.mark.parametrize("written, version", [("X-1a", "X-1a"), ("pdf/x-1a", "X-1a"), ("x4", "X-4"), ("PDF/X-4", "X-4")])
def test_pdfx_versions_as_a_trainer_writes_them(make_course, written, version):
    course = course_of(make_course({"course.yml": COURSE_YML + f"  pdfx: {written}\n"}))
    assert course.meta.booklet.pdfx == version


def test_another_pdfx_version_is_reported(make_course):
    course_dir = make_course({"course.yml": COURSE_YML + "  pdfx: X-3\n"})
    assert diagnostics_of(course_dir) == [("course.yml", 14, "key-type")]
    (diagnostic,) = read(course_dir)[1]
    assert diagnostic.message == ("Asetuksen 'booklet.pdfx' pitää olla jokin näistä: X-4, X-1a "
                                  "(PDF/X-versio, jota kirjapaino pyytää).")


def test_a_language_edition_takes_not_the_source_courses_address_but_its_own(tmp_path):
    """The Swedish edition is a Moodle course of its own: the Finnish course's code would lead elsewhere."""
    from click.testing import CliRunner

    from builder.build import check
    from builder.cli import main

    folder = tmp_path / "course"
    shutil.copytree(Path(__file__).resolve().parent / "roots" / "translated" / "course", folder)
    assert CliRunner().invoke(main, ["translated", str(folder), "sv", "--all"]).exit_code == 0
    with open(folder / "course.yml", "a", encoding="utf-8") as config:
        config.write(f"moodle:\n  url: {COURSE_URL}\n")
    source = check(folder, Report())
    assert source.meta.moodle.url == COURSE_URL and source.translations[0].meta.moodle.url == ""
    with open(folder / "sv" / "course.yml", "a", encoding="utf-8") as config:
        config.write("moodle:\n  url: https://moodle.example.fi/course/view.php?id=43\n")
    source = check(folder, Report())
    assert source.translations[0].meta.moodle.url == "https://moodle.example.fi/course/view.php?id=43"


# Reading the rendered pages.

def render(path: Path, number: int, folder: Path, dpi: int = 300) -> Image.Image:
    with Image.open(rendered_page(path, number, folder, dpi)) as image:
        return image.convert("RGB")


def rendered_page(path: Path, number: int, folder: Path, dpi: int) -> Path:
    """Page ``number`` of ``path`` as a PNG file; pdftoppm shows the whole media box (the slug too)."""
    stem = folder / f"{path.stem}-{number}-{dpi}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(number), "-l", str(number), "-singlefile", "-png",
                    str(path), str(stem)], check=True)
    return stem.with_suffix(".png")


def pixel_at(image: Image.Image):
    """The colour at (x, y) points from the trim box's top left corner; the picture shows the media box."""
    scale = image.width / (A5[0] + 2 * SLUG)
    return lambda x, y: image.getpixel((round((x + SLUG) * scale), round((y + SLUG) * scale)))


def darkest_near(image: Image.Image, x: float, y: float, reach: int = 3) -> int:
    scale = image.width / (A5[0] + 2 * SLUG)
    cx, cy = round((x + SLUG) * scale), round((y + SLUG) * scale)
    return min(min(image.getpixel((i, j))) for i in range(cx - reach, cx + reach + 1)
               for j in range(cy - reach, cy + reach + 1))


def near(colour, wanted, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, wanted))


def page_text(path: Path, number: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(path), "-"],
                          check=True, capture_output=True, text=True).stdout


def page_count(path: Path) -> int:
    with pikepdf.open(path) as document:
        return len(document.pages)


def transparent_png() -> bytes:
    import io

    image = Image.new("RGBA", (1200, 1200), (0, 0, 0, 0))  # over 200 ppi at its printed 80 mm
    image.paste((11, 61, 110, 255), (200, 200, 1000, 1000))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def qr_codes(picture: Path) -> list[str]:
    """The QR codes zbarimg reads in the picture file, each its exact text."""
    result = subprocess.run(["zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", str(picture)],
                            capture_output=True, text=True)
    return sorted(line for line in result.stdout.splitlines() if line)


# What the readers and checks say, without rendering.

@pytest.mark.parametrize("url", ["https://moodle.example.fi/course/view.php?id=42", "https://oppimisympäristö.fi/",
                                 "https://moodle.example.fi:8443/course/view.php?id=7&section=2"])
def test_a_whole_https_address_is_the_course_address(make_course, url):
    course = course_of(make_course({"course.yml": COURSE_YML.replace(COURSE_URL, url)}))
    assert course.meta.moodle.url == url


@pytest.mark.parametrize("url", ["moodle.example.fi/course/view.php?id=42", "http://moodle.example.fi/course/view.php",
                                 "https://moodle.example.fi/course/view.php? id=42", "https://localhost/",
                                 "https://opettaja:salasana@moodle.example.fi/", "https://moodle.example.fi:99999/",
                                 "'https//moodle.example.fi'"])
def test_anything_else_is_reported_at_its_line(make_course, url):
    assert diagnostics_of(make_course({"course.yml": COURSE_YML.replace(COURSE_URL, url)})) == [
        ("course.yml", 11, "moodle-url-invalid")]


def test_qr_marks_after_web_links_become_the_class_qr_and_others_are_reported(make_course):
    body = ("Avaa [Suomi.fi](https://www.suomi.fi){qr} ja [Kela](https://www.kela.fi){.QR}.\n\n"  # line 6
            "Tässä {qr} on väärin, [luku](01-alku.md){qr} ja [posti](mailto:a@example.fi){ qr }.\n\n"  # 8
            "- [OmaKanta](https://www.kanta.fi/omakanta) {qr}\n"  # 10
            "- [Vero](https://www.vero.fi){qr}\n\n"  # 11
            "`{qr}` koodissa on vain tekstiä.\n")  # 13
    course_dir = make_course({"01-alku.md": chapter(body)})
    assert diagnostics_of(course_dir) == [
        ("01-alku.md", 8, "qr-link-not-web"), ("01-alku.md", 8, "qr-link-not-web"),
        ("01-alku.md", 8, "qr-mark-misplaced"), ("01-alku.md", 10, "qr-mark-misplaced")]
    html = read(course_dir)[0].chapters[0].body_html
    assert '<a href="https://www.suomi.fi" class="qr">' in html and '<a class="qr" href="https://www.kela.fi">' in html
    assert '<a href="https://www.vero.fi" class="qr">' in html
    assert 'href="mailto:a@example.fi">' in html and "qr=" not in html and html.count('class="qr"') == 3


def test_pictures_under_200_ppi_at_their_printed_size_are_named_with_the_size_they_print_well_at(make_course):
    course_dir = make_course({**FILES, "02-palvelut.md": chapter("![Kuvakaappaus](images/pieni.png)\n"),
                              "images/pieni.png": png(640, 427)})
    course = course_of(course_dir)
    report = Report("en")
    check_print_resolution(course, report)
    (warning,) = list(report)
    assert (warning.path, warning.line, warning.code) == ("02-palvelut.md", 6, "image-print-resolution")
    assert "'images/pieni.png' (640 × 427 pixels) prints 115 × 77 mm" in warning.message
    assert "only 141 pixels per inch" in warning.message and "up to 81 × 54 mm" in warning.message
    assert "at least 906 pixels wide" in warning.message
    course = course_of(make_course({**FILES, "course.yml": COURSE_YML.replace("print_shop: true", "print_shop: false"),
                                    "02-palvelut.md": chapter("![Kuvakaappaus](images/pieni.png)\n"),
                                    "images/pieni.png": png(640, 427)}, name="ei-painoon"))
    report = Report("en")
    check_print_resolution(course, report)
    assert list(report) == []  # only the print-shop booklet asks


@pytest.mark.parametrize("size, printed", [((1200, 800), (115, 76.7)), ((400, 300), (105.8, 79.4)),
                                           ((800, 1600), (40, 80))])
def test_printed_size_follows_print_css(size, printed):
    assert printed_size_mm(*size) == pytest.approx(printed, abs=0.1)
