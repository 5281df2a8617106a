"""Language editions (builder.readers.editions, builder.translation_state): a tiny Finnish source with
two chapters and a Swedish edition (tests/roots/translated), read, checked, kept in step and built."""

from __future__ import annotations

import re
from collections import Counter
import shutil
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.build import build, check
from builder.cli import main
from builder.diagnostics import CATALOGUE, Report
from builder.labels import LABELS, VARIETIES, labels
from builder.readers.editions import DETAILS, _say
from builder.translation_state import SourceChange, changes_in_words

from conftest import png
from test_wording import foreign_words

ROOT = Path(__file__).resolve().parent / "roots" / "translated" / "course"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A copy of the fixture course, every edition chapter marked as translated."""
    folder = tmp_path / "course"
    shutil.copytree(ROOT, folder)
    assert run("translated", folder, "sv", "--all")[0] == 0
    return folder


def run(*args) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def diagnostics(folder: Path, strict: bool = False) -> list[tuple[str, int, str]]:
    report = Report()
    check(folder, report, strict)
    return [(d.path, d.line, d.code) for d in report]


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_edition_is_a_course_of_its_own_in_its_language(course):
    report = Report()
    source = check(course, report)
    assert list(report) == []
    (edition,) = source.translations
    assert (edition.meta.title, edition.meta.short_name, edition.meta.language, edition.meta.translation) == (
        "Bekanta dig med surfplattan", "tabletti-sv", "sv", "sv")
    assert edition.meta.organisation == source.meta.organisation  # not in sv/course.yml: the source's
    assert edition.meta.moodle.quiz_name == "Testa dina kunskaper"  # the source names none: not the Finnish default
    assert [c.source for c in edition.chapters] == ["sv/01-laite.md", "sv/02-turva.md"]
    assert [c.title for c in edition.chapters] == ["Apparaten", "Säkerhet"]
    assert edition.chapters[0].slides[0].pos.path == "sv/01-laite.md"
    # sv/images/aloitusnaytto.png (Swedish text) replaces the source's; tabletti.png is shared
    paths = {key: asset.path for key, asset in edition.assets.items()}
    assert paths["images/aloitusnaytto.png"] == (course / "sv" / "images" / "aloitusnaytto.png").resolve()
    assert paths["images/tabletti.png"] == (course / "images" / "tabletti.png").resolve()
    assert source.assets["images/aloitusnaytto.png"].path == (course / "images" / "aloitusnaytto.png").resolve()


def test_an_edition_keeps_the_words_yaml_reads_as_yes_or_no_from_its_own_settings_and_the_source(course):
    edit(course, "course.yml", "organisation: Testiyhdistys ry", "organisation: On")  # the source's, not the edition's
    edit(course, "sv/course.yml", "edition: 1 upplagan", "edition: 2.10\nsubtitle: Nej")
    edit(course, "sv/course.yml", "subtitle: En liten kurs för att testa språkversioner\n", "")
    edit(course, "sv/course.yml", "title: Bekanta dig med surfplattan", "title: Yes")
    report = Report()
    source = check(course, report)
    assert list(report) == []
    meta = source.translations[0].meta
    assert (meta.title, meta.subtitle, meta.edition, meta.organisation) == ("Yes", "Nej", "2.10", "On")


def test_a_chapter_never_marked_is_reported_until_it_is(tmp_path):
    folder = tmp_path / "course"
    shutil.copytree(ROOT, folder)
    assert diagnostics(folder) == [("sv/01-laite.md", 1, "translation-not-marked"),
                                   ("sv/02-turva.md", 1, "translation-not-marked")]
    assert run("translated", folder, "sv", "01-laite.md")[0] == 0
    assert diagnostics(folder) == [("sv/02-turva.md", 1, "translation-not-marked")]
    assert (folder / "sv" / ".source" / "01-laite.md").read_text(encoding="utf-8") == \
        (folder / "01-laite.md").read_text(encoding="utf-8")


def test_an_edited_source_paragraph_makes_exactly_its_edition_chapter_out_of_date_with_the_diff(course, tmp_path):
    edit(course, "02-turva.md", "Älä kerro salasanaa kenellekään.",
         "Älä kerro salasanaa kenellekään, älä edes pankille.")
    code, out, err = run("check", course)
    assert code == 0
    reported = [line for line in err.splitlines() if re.match(r"^\S+:\d+: ", line)]
    assert len(reported) == 1
    assert reported[0].startswith(f"{course}/sv/02-turva.md:1: translation-out-of-date (varoitus): ")
    assert "1 kappale muutettu" in reported[0]
    assert f"coursebuild translated {course} sv 02-turva.md" in reported[0]
    diff = err[err.index("--- sv/.source/02-turva.md"):]
    assert diff.splitlines()[1] == "+++ 02-turva.md"
    assert "\n-Älä kerro salasanaa kenellekään.\n+Älä kerro salasanaa kenellekään, älä edes pankille.\n" in diff
    assert "01-laite.md" not in diff

    output = tmp_path / "out"
    assert run("build", course, "-o", output, "--only", "questions", "--strict")[0] == 1
    assert not output.exists() or list(output.iterdir()) == []
    assert run("translated", course, "sv", "02-turva.md")[0] == 0
    assert run("build", course, "-o", output, "--only", "questions", "--strict")[0] == 0
    assert sorted(p.name for p in output.iterdir()) == ["tabletti-questions.xml", "tabletti-sv-questions.xml"]


def test_a_paragraph_rewrapped_or_saved_with_windows_line_endings_stays_in_step(course):
    edit(course, "01-laite.md", "Tabletti on kevyt laite, jossa on kosketusnäyttö.",
         "Tabletti on kevyt laite,\njossa on   kosketusnäyttö.")
    path = course / "02-turva.md"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert diagnostics(course) == []


def test_added_and_removed_paragraphs_are_counted():
    change = SourceChange("sv", "01-x.md", True, "diff", edited=0, added=2, removed=1)
    assert changes_in_words("fi", change) == "2 kappaletta lisätty, 1 poistettu"
    assert changes_in_words("sv", change) == "2 stycken tillagda, 1 borttaget"
    assert changes_in_words("en", change) == "2 paragraphs added, 1 removed"


# What an edition lacks or has too much of: (path, new text or None to remove) edits over the marked
# fixture, and every diagnostic check gives, as (file, line, code). Paths are relative to the course.
BROKEN = {
    "translation-folder-missing": (
        {"sv/course.yml": None},
        [("course.yml", 13, "translation-folder-missing")],
    ),
    "translation-setting-not-allowed": (
        {"sv/course.yml": ("edition: 1 upplagan\n", "edition: 1 upplagan\nshort_name: surfplatta\n")},
        [("sv/course.yml", 7, "translation-setting-not-allowed")],
    ),
    "translation-setting-missing": (
        {"sv/course.yml": ("introduction: |\n  På den här kursen lär du dig använda en surfplatta.\n", "")},
        [("sv/course.yml", 1, "translation-setting-missing")],
    ),
    "translation-chapter-missing": (
        {"sv/02-turva.md": None},
        [("02-turva.md", 1, "translation-chapter-missing")],
    ),
    "translation-chapter-extra": (
        {"sv/03-extra.md": "---\ntitle: Extra\nsummary: Ett kapitel till.\n---\n\nText.\n"},
        [("sv/03-extra.md", 1, "translation-chapter-extra")],
    ),
    "translation-slides-differ": (
        {"sv/02-turva.md": ("```slides\n## Lösenord\n- Lång lösenfras\n- Inte för någon\n```\n", "")},
        [("sv/02-turva.md", 1, "translation-slides-differ")],
    ),
    "translation-questions-differ": (
        {"sv/02-turva.md": ("- [ ] Sant\n- [x] Falskt", "- [x] Sant\n- [ ] Falskt")},
        [("sv/02-turva.md", 18, "translation-questions-differ")],
    ),
    "translation-images-differ": (
        {"sv/01-laite.md": ("![Surfplatta på ett bord](images/tabletti.png)\n", "")},
        [("sv/01-laite.md", 1, "translation-images-differ")],
    ),
    "translation-link-left-out": (
        {"sv/02-turva.md": None, "sv/course.yml": ("edition: 1 upplagan\n", "edition: 1 upplagan\nchapters: [01-laite.md]\n"),
         "sv/01-laite.md": ("med pekskärm.", "med pekskärm. Se [Säkerhet](02-turva.md).")},
        [("sv/01-laite.md", 8, "translation-link-left-out")],
    ),
    "translation-not-marked": (
        {"sv/.source/fingerprints.txt": None},
        [("sv/01-laite.md", 1, "translation-not-marked"), ("sv/02-turva.md", 1, "translation-not-marked")],
    ),
    "translation-out-of-date": (
        {"01-laite.md": ("Tabletin voi ottaa mukaan kirjastoon.", "Tabletin voi ottaa mukaan kirjastoon.\n\nJa kotiin.")},
        [("sv/01-laite.md", 1, "translation-out-of-date")],
    ),
}
MORE_BROKEN = {
    "an extra slide is named at its title": (
        {"sv/01-laite.md": ("```slides\n## Surfplattan", "```slides\n## Först\n- Början\n---\n## Surfplattan")},
        [("sv/01-laite.md", 20, "translation-slides-differ")],
    ),
    "a missing question": (
        {"sv/01-laite.md": ("```fråga\nVad har en surfplatta?\n- [x] Pekskärm\n  > Rätt.\n- [ ] Dammsugare\n"
                            "  > Nej, en pekskärm.\n```\n", "")},
        [("sv/01-laite.md", 1, "translation-questions-differ")],
    ),
    "a question with fewer options": (
        {"02-turva.md": ("- [ ] Tosi\n- [x] Epätosi", "- [ ] Kyllä\n- [x] Ei\n- [ ] Ehkä")},
        [("sv/02-turva.md", 18, "translation-questions-differ"), ("sv/02-turva.md", 1, "translation-out-of-date")],
    ),
    "a picture neither the edition nor the source has": (
        {"sv/01-laite.md": ("images/tabletti.png", "images/surfplatta.png")},
        [("sv/01-laite.md", 14, "image-missing")],
    ),
    "the edition's own chapter error, named in its folder": (
        {"sv/01-laite.md": ("title: Apparaten\n", "")},
        [("sv/01-laite.md", 1, "key-missing")],
    ),
    "an edition in the course's own language": (
        {"course.yml": ("translations: [sv]", "translations: [sv, fi]")},
        [("course.yml", 13, "key-type")],
    ),
    "an edition of only some chapters lists them": (
        {"sv/02-turva.md": None, "sv/course.yml": ("edition: 1 upplagan\n", "edition: 1 upplagan\nchapters: [01-laite.md]\n")},
        [],
    ),
    "a chapter an edition of only some leaves out": (
        {"sv/course.yml": ("edition: 1 upplagan\n", "edition: 1 upplagan\nchapters: [01-laite.md]\n")},
        [("sv/02-turva.md", 1, "translation-chapter-extra")],
    ),
    "an edition listing a chapter the source does not have": (
        {"sv/course.yml": ("edition: 1 upplagan\n", "edition: 1 upplagan\nchapters: [01-laite.md, 09-ei.md]\n")},
        [("sv/course.yml", 7, "key-type")],
    ),
    "an edition with no such tag": (
        {"course.yml": ("translations: [sv]", "translations: [sv, de]")},
        [("course.yml", 13, "key-type")],
    ),
}


def apply(folder: Path, edits: dict) -> None:
    for name, change in edits.items():
        path = folder / name
        if change is None:
            path.unlink()
        elif isinstance(change, tuple):
            edit(folder, name, *change)
        else:
            path.write_text(change, encoding="utf-8")


def test_every_edition_code_has_a_case():
    assert set(BROKEN) == {code for code in CATALOGUE if code.startswith("translation-")}


@pytest.mark.parametrize("case", sorted(BROKEN) + sorted(MORE_BROKEN))
def test_what_an_edition_lacks_is_reported_at_its_file_and_line(course, case):
    edits, expected = BROKEN.get(case) or MORE_BROKEN[case]
    apply(course, edits)
    assert sorted(diagnostics(course)) == sorted(expected)
    errors = any(CATALOGUE[code].severity == "error" for _, _, code in expected)
    assert (check(course, Report()) is None) == errors


def test_the_messages_are_in_the_trainers_language_also_for_a_swedish_source(course, tmp_path):
    """An edition's diagnostics follow the source's language, not the edition's."""
    apply(course, {"sv/02-turva.md": None})
    report = Report()
    check(course, report)
    (message,) = [d.message for d in report]
    assert message.startswith("Kieliversiosta 'sv' puuttuu")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_an_edition_message_holds_no_word_of_another_language(language):
    report = Report(language)
    details = {key: _say(language, key, number=2, title="Otsikko", line=9, name="images/x.png", count=3,
                         source_count=4) for key in DETAILS}
    report.add("translation-folder-missing", "course.yml", 1, tag="sv")
    report.add("translation-setting-not-allowed", "sv/course.yml", 1, key="short_name")
    report.add("translation-setting-missing", "sv/course.yml", 1, key="title")
    report.add("translation-chapter-missing", "01-a.md", 1, tag="sv", file="sv/01-a.md")
    report.add("translation-chapter-extra", "sv/02-b.md", 1, file="02-b.md")
    for key, detail in details.items():
        code = {"slide": "translation-slides-differ", "question": "translation-questions-differ",
                "picture": "translation-images-differ"}[key.split("-")[0]]
        report.add(code, "sv/01-a.md", 1, source="01-a.md", detail=detail)
    report.add("translation-not-marked", "sv/01-a.md", 1, source="01-a.md", command="coursebuild translated")
    for change in (SourceChange("sv", "01-a.md", True, "x", 1, 2, 3), SourceChange("sv", "01-a.md", True, "")):
        report.add("translation-out-of-date", "sv/01-a.md", 1, source="01-a.md", command="coursebuild translated",
                   changes=changes_in_words(language, change))
    for diagnostic in report:
        assert foreign_words(diagnostic.message.replace("coursebuild translated", ""), language) == set(), \
            diagnostic.message


def test_the_translated_command_refuses_what_it_cannot_mark(course):
    assert run("translated", course, "de", "01-laite.md")[0] == 1
    assert "'de' ei ole kurssin" in run("translated", course, "de", "01-laite.md")[2]
    code, _, err = run("translated", course, "sv")
    assert code == 2 and "--all" in err
    code, _, err = run("translated", course, "sv", "03-ei-ole.md")
    assert code == 1 and "03-ei-ole.md" in err
    assert not (course / "sv" / ".source" / "03-ei-ole.md").exists()


def test_plain_finnish_labels_differ_from_finnish_only_where_they_say_it_otherwise():
    base, own = VARIETIES["fi-selko"]
    assert base == "fi"
    assert all(word != LABELS["fi"].get(key) for key, word in own.items())
    plain = labels("fi-selko")
    assert set(plain) == set(LABELS["fi"])
    assert plain["contents"] == "Sisältö" and plain["true"] == "Totta" and plain["answer-key"] == "Vastaukset"
    assert all("esim." not in word for word in plain.values())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Every output of the fixture course with a Swedish and a plain-Finnish edition, built once."""
    folder = tmp_path_factory.mktemp("editions") / "course"
    shutil.copytree(ROOT, folder)
    edit(folder, "course.yml", "translations: [sv]", "translations: [sv, fi-selko]")
    shutil.copytree(folder / "sv", folder / "fi-selko")
    shutil.rmtree(folder / "fi-selko" / "images")
    (folder / "fi-selko" / "course.yml").write_text(
        "title: Tabletti\nsubtitle: Opi käyttämään tablettia\nauthors:\n  - Tessa Testaaja\nlicence: CC BY 4.0\n"
        "edition: 1. painos\nintroduction: |\n  Tällä kurssilla opit käyttämään tablettia.\n"
        "slides:\n  title: Tabletti\n", encoding="utf-8")
    for name in ("01-laite.md", "02-turva.md"):
        shutil.copy(folder / name, folder / "fi-selko" / name)
    for tag in ("sv", "fi-selko"):
        assert run("translated", folder, tag, "--all")[0] == 0
    output = folder.parent / "out"
    report = Report()
    result = build(folder, output, report, strict=True)
    assert result.ok, [str(d) for d in report]
    return output


def test_every_output_is_made_for_each_edition_with_its_tag_in_the_name(built):
    names = sorted(path.name for path in built.iterdir())
    source = sorted(name for name in names if name.startswith("tabletti") and not name.startswith("tabletti-sv")
                    and not name.startswith("tabletti-fi-selko"))
    assert len(source) >= 9
    for tag in ("sv", "fi-selko"):
        assert sorted(name for name in names if name.startswith(f"tabletti-{tag}")) == \
            sorted(name.replace("tabletti", f"tabletti-{tag}", 1) for name in source)


def test_the_swedish_moodle_backup_is_a_swedish_course_of_its_own(built):
    with tarfile.open(built / "tabletti-sv.mbz") as backup:
        course_xml = backup.extractfile("course/course.xml").read().decode("utf-8")
        quiz_names = [backup.extractfile(name).read().decode("utf-8") for name in backup.getnames()
                      if name.endswith("/quiz.xml")]
    assert "<lang>sv</lang>" in course_xml
    assert "<shortname>tabletti-sv</shortname>" in course_xml
    assert "<fullname>Bekanta dig med surfplattan</fullname>" in course_xml
    assert quiz_names and all("Testa dina kunskaper" in text for text in quiz_names)


def test_each_edition_booklet_is_in_its_language(built):
    swedish = (built / "tabletti-sv.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in swedish and "Innehåll" in swedish and "Surfplattan" in swedish
    assert "Sisällys" not in swedish and "Tabletti on kevyt laite" not in swedish
    plain = (built / "tabletti-fi-selko.html").read_text(encoding="utf-8")
    assert '<html lang="fi"' in plain and "Sisältö" in plain and "Sisällys" not in plain
    finnish = (built / "tabletti.html").read_text(encoding="utf-8")
    assert "Sisällys" in finnish and "Innehåll" not in finnish


def body_text_size(pdf: Path) -> float:
    """The text size (pt) most of the PDF's characters are set in."""
    from pypdf import PdfReader

    sizes: Counter = Counter()

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes[round(abs(size * (tm[3] or 1) * (cm[3] or 1)), 1)] += len(text.strip())

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return sizes.most_common(1)[0][0]


def test_the_plain_finnish_booklet_is_set_in_14_pt_as_selkokeskus_advises(built):
    assert body_text_size(built / "tabletti-fi-selko-booklet.pdf") >= 14
    assert body_text_size(built / "tabletti-booklet.pdf") == 12.5  # the others keep theirs
    assert body_text_size(built / "tabletti-sv-booklet.pdf") == 12.5


def test_the_preview_shows_each_edition_beside_its_source_with_the_changed_paragraphs_marked(course, tmp_path):
    from lxml import html as lxml_html

    from builder.preview.site import PreviewSite
    from builder.preview.translations import TRANSLATIONS

    edit(course, "02-turva.md", "Älä kerro salasanaa kenellekään.", "Älä kerro salasanaa edes pankille.")
    site = PreviewSite(course, tmp_path / "preview", make_pdfs=False, log=lambda line: None)
    try:
        assert site.refresh().ok
        assert TRANSLATIONS in site.pages()
        page = lxml_html.document_fromstring(site.page_html(TRANSLATIONS))
    finally:
        site.close()
    chapters = page.xpath("//article[@class='chapter']")
    assert [c.xpath("string(.//h3)") for c in chapters] == ["1. Laite – Apparaten", "2. Turva – Säkerhet"]
    assert chapters[0].xpath("string(.//p[contains(@class, 'state')])").endswith("ajan tasalla")
    assert "1 kappale muutettu" in chapters[1].xpath("string(.//p[contains(@class, 'state')])")
    changed = [" ".join(b.text_content().split()) for b in page.xpath("//div[contains(@class, 'changed')]")]
    assert changed == ["muuttunutÄlä kerro salasanaa edes pankille."]  # the label, then the paragraph
    swedish = chapters[1].xpath(".//div[@class='edition']")[0]
    assert swedish.get("lang") == "sv" and "Berätta inte ditt lösenord" in swedish.text_content()
    pictures = [img.get("src") for img in chapters[0].xpath(".//img")]
    assert pictures[0].startswith("media/images/aloitusnaytto.png") and pictures[2].startswith(
        "media/sv/images/aloitusnaytto.png")  # the Swedish screenshot is the edition's own
    assert (tmp_path / "preview" / "media" / "sv" / "images" / "aloitusnaytto.png").read_bytes() == \
        (course / "sv" / "images" / "aloitusnaytto.png").read_bytes()


def test_an_edition_is_read_again_only_when_a_file_it_can_depend_on_changed(course):
    """The preview reads the course on every save: an edit of a source chapter alone reuses the
    editions as read, and still finds them behind it."""
    first = check(course, Report()).translations[0]
    edit(course, "01-laite.md", "Tabletti on kevyt laite", "Tabletti on hyvin kevyt laite")
    report = Report()
    assert check(course, report).translations[0] is first
    assert [(d.path, d.code) for d in report] == [("sv/01-laite.md", "translation-out-of-date")]
    edit(course, "sv/01-laite.md", "En surfplatta är en lätt apparat", "En surfplatta är en mycket lätt apparat")
    again = check(course, Report()).translations[0]
    assert again is not first and "mycket lätt" in again.chapters[0].body_html
    (course / "images" / "tabletti.png").write_bytes(png(61, 40))  # a picture the edition shares, replaced
    shared = check(course, Report()).translations[0].assets["images/tabletti.png"]
    assert shared.width == 61 and shared.sha1 != again.assets["images/tabletti.png"].sha1


def test_build_makes_the_outputs_of_the_editions_asked_for_only(course, tmp_path):
    code, out, _ = run("build", course, "-o", tmp_path / "none", "--only", "questions", "--translations", "none")
    assert code == 0 and [Path(line).name for line in out.splitlines()] == ["tabletti-questions.xml"]
    code, out, _ = run("build", course, "-o", tmp_path / "sv", "--only", "questions", "--translations", "sv")
    assert code == 0 and sorted(Path(line).name for line in out.splitlines()) == [
        "tabletti-questions.xml", "tabletti-sv-questions.xml"]
    code, _, err = run("build", course, "-o", tmp_path / "de", "--translations", "de")
    assert code == 2 and "'de' ei ole kurssin" in err and not (tmp_path / "de").exists()


def test_marking_writes_nothing_outside_the_course_and_says_so(course, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(course / "sv" / ".source")
    (course / "sv" / ".source").symlink_to(elsewhere)
    code, _, err = run("translated", course, "sv", "01-laite.md")
    assert code == 1 and err.startswith("Mitään ei merkitty: kansioon ") and "Traceback" not in err
    assert list(elsewhere.iterdir()) == []
