"""The bad-input catalogue: each kind of broken (or awkward but legitimate) source, and what the build says.

Every kind starts from the same small good course (``GOOD``), changes one thing and states every
diagnostic the build must give, as (file, line, code). ``tests/test_bad_input.py`` runs each one
through ``coursebuild build`` into an output folder that holds the good course's outputs.
README.md beside this file lists the same table; ``python tests/bad_input/catalogue.py`` prints it.
"""

from __future__ import annotations

import os
import struct
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from conftest import COURSE_YML, FIRST_CHAPTER, chapter, png  # noqa: E402
from builder.translation_state import fingerprint  # noqa: E402

FAILS, WARNS, BUILDS = "fails", "builds with a warning", "builds"

Files = Mapping[str, "str | bytes | None"]


@dataclass(frozen=True)
class Kind:
    name: str
    what: str  # one line for the README
    files: Files  # written over the good course; None removes a file
    expected: tuple[tuple[str, int, str], ...]  # every diagnostic, sorted as the tool prints them
    outcome: str = FAILS
    setup: Callable[[Path], None] | None = field(default=None, compare=False)  # gets the course folder


GOOD: dict[str, str | bytes] = {
    "course.yml": COURSE_YML,
    "01-alku.md": (
        "---\ntitle: Alku\nsummary: Ensimmäinen luku.\n---\n\n"
        "## Laitteet\n\nTabletti on kätevä laite.\n\n![Tabletti pöydällä](images/tabletti.png)\n\n"
        "Lue myös [salasanoista](02-tietoturva.md#hyva-salasana).\n\n"
        "```slides\n## Laitteet\n- Tabletti\n- Puhelin\n\nMuistiinpanot:\nKysy, mitä laitteita ryhmällä on.\n```\n\n"
        "```kysymys\nMikä on tabletti?\n- [x] Laite\n  > Oikein.\n- [ ] Ruoka\nPalaute: Tabletti on laite.\n```\n"
    ),
    "02-tietoturva.md": (
        "---\ntitle: Tietoturva\nsummary: Salasanat ja huijaukset.\n---\n\n"
        "## Hyvä salasana\n\nPitkä salalause on hyvä.\n\n"
        "```kysymys\nSaako salasanan kertoa muille?\n- [ ] Tosi\n- [x] Epätosi\n```\n"
    ),
    "images/tabletti.png": png(40, 30),
}


def broken(body: str) -> str:
    """A third chapter whose ``body`` starts on line 6."""
    return chapter(body, title="Rikki", summary="Tässä luvussa on vika.")


def bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A tiny PNG file that declares ten gigapixels: decoding it would need 30 GB of memory."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def bmp() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 3)).save(buffer, format="BMP")
    return buffer.getvalue()


YAML_BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi")
)

SVG_DIAGRAM = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect width="200" height="100" fill="#0b3d6e"/></svg>'
SVG_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
SVG_ENTITY = (b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY salainen SYSTEM "file:///etc/passwd">]>\n'
              b'<svg xmlns="http://www.w3.org/2000/svg"><text>&salainen;</text></svg>')


# --- a Swedish edition of GOOD (issue 19), each chapter marked as translating its source -----------

SWEDISH: dict[str, str | bytes] = {
    "course.yml": COURSE_YML + "translations: [sv]\n",
    "sv/course.yml": "title: Testkurs\nauthors:\n  - Tessa Testaaja\nlicence: CC BY 4.0\nedition: 1 upplagan\n",
    "sv/01-alku.md": (
        "---\ntitle: Början\nsummary: Första kapitlet.\n---\n\n"
        "## Apparater\n\nEn surfplatta är en praktisk apparat.\n\n![Surfplatta på ett bord](images/tabletti.png)\n\n"
        "Läs också [om lösenord](02-tietoturva.md#bra-losenord).\n\n"
        "```slides\n## Apparater\n- Surfplatta\n- Telefon\n\nAnteckningar:\nFråga vilka apparater gruppen har.\n```\n\n"
        "```fråga\nVad är en surfplatta?\n- [x] En apparat\n  > Rätt.\n- [ ] Mat\nRespons: En surfplatta är en apparat.\n```\n"
    ),
    "sv/02-tietoturva.md": (
        "---\ntitle: Informationssäkerhet\nsummary: Lösenord och bedrägerier.\n---\n\n"
        "## Bra lösenord\n\nEn lång lösenfras är bra.\n\n"
        "```fråga\nFår man berätta sitt lösenord för andra?\n- [ ] Sant\n- [x] Falskt\n```\n"
    ),
}
SWEDISH["sv/.source/fingerprints.txt"] = "".join(
    f"{fingerprint(str(GOOD[name]))}  {name}\n" for name in ("01-alku.md", "02-tietoturva.md"))


def swedish(changes: Files) -> dict:
    """GOOD's Swedish edition with ``changes`` (a file's new text, or None to leave it out)."""
    return {name: text for name, text in {**SWEDISH, **changes}.items() if text is not None}


# --- set-ups for what a dict of files cannot hold: links, pipes -------------------------------------


def outside(course: Path) -> Path:
    """A folder beside the course (and beside assets/) that is not part of it."""
    folder = course.parent / "muualla"
    folder.mkdir(exist_ok=True)
    return folder


def chapter_linked_outside(course: Path) -> None:
    (outside(course) / "salainen.md").write_text(broken("Salaisuus.\n"), encoding="utf-8")
    (course / "03-linkki.md").symlink_to(outside(course) / "salainen.md")


def course_yml_linked_outside(course: Path) -> None:
    (outside(course) / "course.yml").write_text(COURSE_YML, encoding="utf-8")
    (course / "course.yml").unlink()
    (course / "course.yml").symlink_to(outside(course) / "course.yml")


def chapter_is_a_pipe(course: Path) -> None:
    os.mkfifo(course / "03-putki.md")


def image_linked_outside(course: Path) -> None:
    (outside(course) / "salainen.png").write_bytes(png())
    (course / "images" / "linkki.png").symlink_to(outside(course) / "salainen.png")


def image_link_loop(course: Path) -> None:
    (course / "images" / "silmukka.png").symlink_to("silmukka.png")


def image_linked_inside(course: Path) -> None:
    (course / "images" / "linkki.png").symlink_to("tabletti.png")


def theme_linked_outside(course: Path) -> None:
    (outside(course) / "salainen.css").write_text("body { color: red }\n", encoding="utf-8")
    theme = course.parent / "assets" / "theme" / "booklet"
    theme.mkdir(parents=True)
    (theme / "booklet.css").symlink_to(outside(course) / "salainen.css")


def assets_linked_elsewhere(course: Path) -> None:
    (outside(course) / "logo.png").write_bytes(png())
    (course.parent / "assets").symlink_to(outside(course))


def decomposed_names(course: Path) -> None:
    """Names as a Mac writes them: 'ä' as 'a' and a combining diaeresis; the text has 'ä'."""
    (course / "images" / "tabletti.png").rename(course / "images" / "ta\u0308bletti.png")


YML_LATIN1 = COURSE_YML.replace("Testikurssi", "Äidinkieli").encode("latin-1")

KINDS: tuple[Kind, ...] = (
    # --- course.yml ---------------------------------------------------------------------------------
    Kind("yaml-unclosed-quote", "course.yml: a quote opened and never closed",
         {"course.yml": COURSE_YML.replace("licence: CC BY 4.0", "licence: 'CC BY 4.0")},
         (("course.yml", 7, "yaml-syntax"),)),
    Kind("yaml-tab-indent", "course.yml: a list indented with a tab",
         {"course.yml": COURSE_YML.replace("  - Tessa", "\t- Tessa")},
         (("course.yml", 6, "yaml-syntax"),)),
    Kind("yaml-alias-bomb", "course.yml: aliases that would repeat a value 10^9 times (a YAML bomb)",
         {"course.yml": COURSE_YML + "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + YAML_BOMB},
         (("course.yml", 10, "yaml-syntax"),)),
    Kind("yaml-escape-beyond-unicode", "course.yml: a \\U escape past the last Unicode character",
         {"course.yml": COURSE_YML + 'subtitle_note: "Merkki \\U00110000"\n'},
         (("course.yml", COURSE_YML.count("\n") + 1, "yaml-syntax"),)),
    Kind("yaml-nested-deep", "course.yml: brackets nested 3 000 deep (PyYAML's parser is recursive)",
         {"course.yml": COURSE_YML + "deep: " + "[" * 3000 + "]" * 3000 + "\n"},
         (("course.yml", COURSE_YML.count("\n") + 1, "yaml-syntax"),)),
    Kind("yaml-not-a-mapping", "course.yml is a list, not settings",
         {"course.yml": "- Testikurssi\n- fi\n"},
         (("course.yml", 1, "key-type"),)),
    Kind("course-yml-empty", "course.yml is an empty file",
         {"course.yml": ""},
         (("course.yml", 1, "key-missing"),) * 8),
    Kind("course-yml-missing", "no course.yml at all",
         {"course.yml": None},
         (("course.yml", 1, "course-missing"),)),
    Kind("course-yml-latin1", "course.yml saved as Latin-1",
         {"course.yml": YML_LATIN1},
         (("course.yml", 1, "file-not-utf8"),)),
    Kind("course-yml-utf16", "course.yml saved as UTF-16 ('Unicode' in Notepad)",
         {"course.yml": COURSE_YML.encode("utf-16")},
         (("course.yml", 1, "file-not-utf8"),)),
    Kind("wrong-type-text", "a list where text belongs (title)",
         {"course.yml": COURSE_YML.replace("title: Testikurssi", "title: [Testi, kurssi]")},
         (("course.yml", 1, "key-type"),)),
    Kind("wrong-type-date", "a date written the Finnish way",
         {"course.yml": COURSE_YML.replace("edition_date: 2026-01-15", "edition_date: 15.1.2026")},
         (("course.yml", 9, "key-type"),)),
    Kind("impossible-date", "a date that does not exist",
         {"course.yml": COURSE_YML.replace("edition_date: 2026-01-15", "edition_date: 2026-13-45")},
         (("course.yml", 9, "key-type"),)),
    Kind("date-outside-archives", "an edition date before 1980, which a .zip or .mbz cannot stamp",
         {"course.yml": COURSE_YML.replace("edition_date: 2026-01-15", "edition_date: 1969-07-20")},
         (("course.yml", 9, "key-type"),)),
    Kind("wrong-type-yes-no", "a yes/no setting given another word",
         {"course.yml": COURSE_YML + "booklet:\n  large_print: ehkä\n"},
         (("course.yml", 11, "key-type"),)),
    Kind("wrong-type-group", "a group of settings given one value",
         {"course.yml": COURSE_YML + "moodle: book\n"},
         (("course.yml", 10, "key-type"),)),
    Kind("unknown-language", "a language the tool has no labels for",
         {"course.yml": COURSE_YML.replace("language: fi", "language: suomi")},
         (("course.yml", 3, "key-type"),)),
    Kind("moodle-url-without-https", "moodle.url, the course's address for the QR codes, typed without https://",
         {"course.yml": COURSE_YML + "moodle:\n  url: moodle.example.fi/course/view.php?id=12\n"},
         (("course.yml", 11, "moodle-url-invalid"),)),
    Kind("moodle-url-http", "moodle.url with http:// instead of https://",
         {"course.yml": COURSE_YML + "moodle:\n  url: http://moodle.example.fi/course/view.php?id=12\n"},
         (("course.yml", 11, "moodle-url-invalid"),)),
    Kind("moodle-url-with-space", "moodle.url pasted with a space inside it",
         {"course.yml": COURSE_YML + "moodle:\n  url: https://moodle.example.fi/course/view.php? id=12\n"},
         (("course.yml", 11, "moodle-url-invalid"),)),
    Kind("duplicate-setting", "the same setting twice in course.yml",
         {"course.yml": COURSE_YML + "title: Toinen nimi\n"},
         (("course.yml", 10, "key-duplicate"),)),
    Kind("logo-missing", "a logo that does not exist",
         {"course.yml": COURSE_YML + "logo: images/logo.png\n"},
         (("course.yml", 10, "image-missing"),)),
    Kind("logo-absolute-path", "the logo given as an absolute path outside the course",
         {"course.yml": COURSE_YML + "logo: /etc/passwd\n"},
         (("course.yml", 10, "path-outside-course"),)),
    Kind("course-yml-linked-outside", "course.yml is a symbolic link to a file outside the course",
         {}, (("course.yml", 1, "path-outside-course"),), setup=course_yml_linked_outside),
    # --- front matter -------------------------------------------------------------------------------
    Kind("front-matter-missing", "a chapter that starts with a heading",
         {"03-rikki.md": "# Rikki\n\nTeksti.\n"},
         (("03-rikki.md", 1, "front-matter-missing"),)),
    Kind("front-matter-unclosed", "front matter without its closing ---",
         {"03-rikki.md": "---\ntitle: Rikki\nsummary: Vika.\n\nTeksti.\n"},
         (("03-rikki.md", 1, "front-matter-unclosed"),)),
    Kind("front-matter-unclosed-before-slides", "front matter without its closing ---, slides further down",
         {"03-rikki.md": "---\ntitle: Rikki\nsummary: Vika.\n\nTeksti.\n\n```slides\n## A\n---\n## B\n```\n"},
         (("03-rikki.md", 1, "front-matter-unclosed"),)),
    Kind("front-matter-broken-yaml", "an unclosed bracket in front matter",
         {"03-rikki.md": "---\ntitle: Rikki\nsummary: [vika, toinen\n---\n\nTeksti.\n"},
         (("03-rikki.md", 3, "yaml-syntax"),)),
    Kind("front-matter-wrong-type", "a title that is a group of settings",
         {"03-rikki.md": "---\ntitle:\n  nimi: Rikki\nsummary: Vika.\n---\n\nTeksti.\n"},
         (("03-rikki.md", 2, "key-type"),)),
    Kind("front-matter-no-summary", "a chapter without its summary",
         {"03-rikki.md": "---\ntitle: Rikki\n---\n\nTeksti.\n"},
         (("03-rikki.md", 1, "key-missing"),)),
    Kind("front-matter-duplicate-key", "the title twice in front matter",
         {"03-rikki.md": "---\ntitle: Rikki\nsummary: Vika.\ntitle: Toinen\n---\n\nTeksti.\n"},
         (("03-rikki.md", 4, "key-duplicate"),)),
    Kind("chapter-id-invalid", "an id with capitals and a space",
         {"03-rikki.md": "---\ntitle: Rikki\nsummary: Vika.\nid: Iso Kirjain\n---\n\nTeksti.\n"},
         (("03-rikki.md", 4, "key-type"),)),
    Kind("chapter-id-duplicate", "two chapters with the same id",
         {"03-rikki.md": "---\ntitle: Rikki\nsummary: Vika.\nid: alku\n---\n\nTeksti.\n"},
         (("03-rikki.md", 4, "chapter-id-duplicate"),)),
    # --- chapter files ------------------------------------------------------------------------------
    Kind("chapter-file-empty", "a chapter file of zero bytes",
         {"03-rikki.md": ""},
         (("03-rikki.md", 1, "front-matter-missing"),)),
    Kind("chapter-without-text", "a chapter with only its front matter",
         {"03-rikki.md": "---\ntitle: Rikki\nsummary: Vika.\n---\n\n"},
         (("03-rikki.md", 1, "chapter-empty"),)),
    Kind("no-chapters", "only a draft beside course.yml",
         {"01-alku.md": None, "02-tietoturva.md": None, "_luonnos.md": FIRST_CHAPTER},
         (("course.yml", 1, "course-no-chapters"),)),
    Kind("chapter-latin1", "a chapter saved as Latin-1",
         {"03-rikki.md": broken("Teksti.\nÄäkköset.\n").encode("latin-1")},
         (("03-rikki.md", 3, "file-not-utf8"),)),
    Kind("chapter-utf16-without-bom", "a chapter saved as UTF-16 without a byte-order mark",
         {"03-rikki.md": broken("Teksti.\n").encode("utf-16-le")},
         (("03-rikki.md", 1, "file-not-utf8"),)),
    Kind("chapter-is-a-folder", "a folder named like a chapter",
         {"03-kansio.md/kuva.png": png()},
         (("03-kansio.md", 1, "file-unreadable"),)),
    Kind("chapter-is-a-pipe", "a named pipe named like a chapter (reading it would never end)",
         {}, (("03-putki.md", 1, "file-unreadable"),), setup=chapter_is_a_pipe),
    Kind("chapter-linked-outside", "a chapter that is a symbolic link to a file outside the course",
         {}, (("03-linkki.md", 1, "path-outside-course"),), setup=chapter_linked_outside),
    Kind("chapter-name-illegal-on-windows", "a chapter file name with '?'",
         {"03-mitä?.md": broken("Teksti.\n")},
         (("03-mitä?.md", 1, "file-name-invalid"),)),
    Kind("chapter-saved-as-txt", "a chapter Notepad saved as 03-rikki.md.txt (it would vanish)",
         {"03-rikki.md.txt": broken("Teksti.\n")},
         (("03-rikki.md.txt", 1, "chapter-file-name"),)),
    Kind("chapter-capital-md", "02-tietoturva.MD, while a link spells 02-tietoturva.md",
         {"02-tietoturva.md": None, "02-tietoturva.MD": GOOD["02-tietoturva.md"]},
         (("01-alku.md", 12, "link-chapter-missing"), ("02-tietoturva.MD", 1, "chapter-file-name"))),
    Kind("image-name-reserved-on-windows", "an image named AUX.png, a device name on Windows",
         {"03-rikki.md": broken("![Kuva](images/AUX.png)\n"), "images/AUX.png": png()},
         (("03-rikki.md", 6, "file-name-invalid"),)),
    Kind("image-name-trailing-dot", "an image whose name ends with a dot",
         {"03-rikki.md": broken("![Kuva](<images/kuva.png.>)\n"), "images/kuva.png.": png()},
         (("03-rikki.md", 6, "file-name-invalid"),)),
    Kind("markdown-list-nested-deep", "a list indented four spaces more on each of 300 lines (pasted)",
         {"03-rikki.md": broken("Teksti.\n\n" + "".join("    " * level + "- kohta\n" for level in range(300)))},
         (("03-rikki.md", 8 + 299, "markdown-too-deep"),)),
    Kind("markdown-emphasis-deep", "a word between 3 000 asterisks on each side",
         {"03-rikki.md": broken("Teksti.\n\n" + "*" * 3000 + "sana" + "*" * 3000 + "\n")},
         (("03-rikki.md", 8, "markdown-too-deep"),)),
    # --- slides, questions, callouts ----------------------------------------------------------------
    Kind("slides-unclosed", "a slides block without its closing ```",
         {"03-rikki.md": broken("Teksti.\n\n```slides\n## Dia\n- kohta\n")},
         (("03-rikki.md", 8, "block-unclosed"),)),
    Kind("question-unclosed", "a question block without its closing ```",
         {"03-rikki.md": broken("Teksti.\n\n```kysymys\nMikä?\n- [x] a\n- [ ] b\n")},
         (("03-rikki.md", 8, "block-unclosed"),)),
    Kind("slide-title-missing", "a slide without its ## title",
         {"03-rikki.md": broken("Teksti.\n\n```slides\n- kohta ilman otsikkoa\n```\n")},
         (("03-rikki.md", 9, "slide-title-missing"),)),
    Kind("slide-separator-forgotten", "the --- between two slides forgotten (they ran together into one)",
         {"03-rikki.md": broken("Teksti.\n\n```slides\n## Miksi?\n- Autat\n\n## Missä?\n- Kirjastot\n```\n")},
         (("03-rikki.md", 12, "slide-separator-missing"),), WARNS),
    Kind("slide-after-notes-without-separator", "a slide after notes without its --- (it was hidden in the notes)",
         {"03-rikki.md": broken("Teksti.\n\n```slides\n## Miksi?\n- Autat\n\nMuistiinpanot:\nKerro.\n\n"
                                "## Missä?\n- Kirjastot\n```\n")},
         (("03-rikki.md", 15, "slide-in-notes"),), WARNS),
    Kind("slide-empty", "two --- lines with nothing between",
         {"03-rikki.md": broken("Teksti.\n\n```slides\n## A\n---\n---\n## B\n```\n")},
         (("03-rikki.md", 11, "slide-empty"),)),
    Kind("slide-paragraph-too-long", "one paragraph on a slide longer than any slide can show",
         {"03-rikki.md": broken("Teksti.\n\n```slides\n## Dia\n" + "sana " * 600 + "\n```\n")},
         (("03-rikki.md", 9, "slide-too-long"), ("03-rikki.md", 9, "slide-text-cut"))),
    Kind("question-text-missing", "a question with options but no question",
         {"03-rikki.md": broken("Teksti.\n\n```kysymys\n- [x] a\n- [ ] b\n```\n")},
         (("03-rikki.md", 8, "question-text-missing"),)),
    Kind("question-one-option", "a question with a single option",
         {"03-rikki.md": broken("Teksti.\n\n```kysymys\nMikä?\n- [x] a\n```\n")},
         (("03-rikki.md", 8, "question-too-few-options"),)),
    Kind("question-no-right-answer", "a question with no option marked right",
         {"03-rikki.md": broken("Teksti.\n\n```kysymys\nMikä?\n- [ ] a\n- [ ] b\n```\n")},
         (("03-rikki.md", 8, "question-no-correct"),)),
    Kind("question-stray-line", "a line in a question that is not an option or feedback",
         {"03-rikki.md": broken("Teksti.\n\n```kysymys\nMikä?\n- [x] a\n- [ ] b\nylimääräinen\n```\n")},
         (("03-rikki.md", 12, "question-line-unexpected"),)),
    Kind("true-false-both-right", "a true/false question with both marked right",
         {"03-rikki.md": broken("Teksti.\n\n```kysymys\nOnko?\n- [x] Tosi\n- [x] Epätosi\n```\n")},
         (("03-rikki.md", 8, "question-truefalse-invalid"),)),
    Kind("slides-unclosed-before-question", "a slides block without its closing ```, a question after it",
         {"03-rikki.md": broken("Teksti.\n\n```slides\n## Dia\n- kohta\n\n```kysymys\nMikä?\n- [x] a\n- [ ] b\n```\n")},
         (("03-rikki.md", 8, "block-unclosed"),)),
    Kind("question-unclosed-before-question", "a question block without its closing ```, another question after it",
         {"03-rikki.md": broken("Teksti.\n\n```kysymys\nYksi?\n- [x] a\n- [ ] b\n\n"
                                "```kysymys\nKaksi?\n- [x] a\n- [ ] b\n```\n")},
         (("03-rikki.md", 8, "block-unclosed"),)),
    Kind("question-opening-deleted", "a question whose ```kysymys line was deleted",
         {"03-rikki.md": broken("Teksti.\n\nMikä?\n- [x] a\n- [ ] b\n```\n")},
         (("03-rikki.md", 11, "block-opening-missing"),)),
    Kind("two-questions-in-one-block", "two questions in one block (a closing and an opening ``` deleted)",
         {"03-rikki.md": broken("Teksti.\n\n```kysymys\nYksi?\n- [x] a\n- [ ] b\nPalaute: Hyvä.\n"
                                "Kaksi?\n- [ ] c\n- [x] d\n```\n")},
         (("03-rikki.md", 14, "question-after-feedback"),)),
    Kind("options-with-en-dash", "options pasted from Word: '– [x]' instead of '- [x]'",
         {"03-rikki.md": broken("Teksti.\n\n```kysymys\nMikä?\n– [x] a\n– [ ] b\n```\n")},
         (("03-rikki.md", 10, "question-option-dash"), ("03-rikki.md", 11, "question-option-dash"))),
    Kind("callout-unknown", "a callout of a kind the tool does not know",
         {"03-rikki.md": broken("Teksti.\n\n!!! vihje\n    Teksti.\n")},
         (("03-rikki.md", 8, "callout-kind-unknown"),)),
    # --- links --------------------------------------------------------------------------------------
    Kind("link-to-missing-chapter", "a link to a chapter file that does not exist",
         {"03-rikki.md": broken("Katso [luku](09-puuttuu.md).\n")},
         (("03-rikki.md", 6, "link-chapter-missing"),)),
    Kind("link-to-missing-heading", "a link to a heading the chapter does not have",
         {"03-rikki.md": broken("Katso [salasana](02-tietoturva.md#huono-salasana).\n")},
         (("03-rikki.md", 6, "link-anchor-missing"),)),
    Kind("link-to-a-file", "a link to a PDF instead of a chapter",
         {"03-rikki.md": broken("Katso [lomake](lomake.pdf).\n")},
         (("03-rikki.md", 6, "link-file-unsupported"),)),
    Kind("link-to-misspelt-chapter", "a chapter file name with a letter missing (the message names the file)",
         {"03-rikki.md": broken("Katso [salasanat](02-tietoturv.md).\n")},
         (("03-rikki.md", 6, "link-chapter-missing"),)),
    Kind("link-web-address-without-https", "[Digituki](www.digituki.fi): a web address without https://",
         {"03-rikki.md": broken("Katso [Digituki](www.digituki.fi) ja [ohjeet](digituki.fi/ohjeet).\n")},
         (("03-rikki.md", 6, "link-web-address-incomplete"), ("03-rikki.md", 6, "link-web-address-incomplete"))),
    Kind("qr-mark-after-a-space", "{qr} for a QR code written with a space after the link",
         {"03-rikki.md": broken("Avaa [Suomi.fi](https://www.suomi.fi) {qr} ja kirjaudu.\n")},
         (("03-rikki.md", 6, "qr-mark-misplaced"),), WARNS),
    Kind("qr-mark-on-a-chapter-link", "{qr} after a link to another chapter",
         {"03-rikki.md": broken("Lue [alusta](01-alku.md){qr}.\n")},
         (("03-rikki.md", 6, "qr-link-not-web"),), WARNS),
    Kind("link-out-of-course", "a link to a chapter in another course folder",
         {"03-rikki.md": broken("Katso [muu](../muu-kurssi/01-alku.md).\n")},
         (("03-rikki.md", 6, "path-outside-course"),)),
    # --- images -------------------------------------------------------------------------------------
    Kind("image-name-too-long", "an image whose name is longer than a file name can be (5 000 letters)",
         {"03-rikki.md": broken("![Kuva](images/" + "a" * 5000 + ".png)\n")},
         (("03-rikki.md", 6, "image-missing"),)),
    Kind("image-missing", "an image that does not exist",
         {"03-rikki.md": broken("Teksti.\n\n![Kuva](images/puuttuu.png)\n")},
         (("03-rikki.md", 8, "image-missing"),)),
    Kind("image-name-wrong-case", "Tabletti.PNG written for tabletti.png (works on Windows only)",
         {"03-rikki.md": broken("![Tabletti](images/Tabletti.PNG)\n")},
         (("03-rikki.md", 6, "image-missing"),)),
    Kind("image-name-misspelt", "tabletti.png written tableti.png (the message names the file)",
         {"03-rikki.md": broken("![Tabletti](images/tableti.png)\n")},
         (("03-rikki.md", 6, "image-missing"),)),
    Kind("image-alt-missing", "an image without its alt text",
         {"03-rikki.md": broken("Teksti.\n\n![](images/tabletti.png)\n")},
         (("03-rikki.md", 8, "image-alt-missing"),)),
    Kind("image-not-an-image", "a text file named .png",
         {"03-rikki.md": broken("![Kuva](images/teksti.png)\n"), "images/teksti.png": "Tämä ei ole kuva.\n"},
         (("03-rikki.md", 6, "image-invalid"),)),
    Kind("image-truncated", "a PNG cut off half-way through copying",
         {"03-rikki.md": broken("![Kuva](images/puolikas.png)\n"), "images/puolikas.png": png()[:40]},
         (("03-rikki.md", 6, "image-invalid"),)),
    Kind("image-decompression-bomb", "a 100-byte PNG that declares 100000 x 100000 pixels",
         {"03-rikki.md": broken("![Kuva](images/pommi.png)\n"), "images/pommi.png": bomb_png()},
         (("03-rikki.md", 6, "image-invalid"),)),
    Kind("image-unsupported-format", "a BMP picture, which the outputs cannot show",
         {"03-rikki.md": broken("![Kuva](images/kuva.bmp)\n"), "images/kuva.bmp": bmp()},
         (("03-rikki.md", 6, "image-invalid"),)),
    Kind("image-far-too-large", "a picture 6000 pixels wide, far beyond what any output shows",
         {"03-rikki.md": broken("Teksti.\n\n![Kuva](images/leveä.png)\n"), "images/leveä.png": png(6000, 40)},
         (("03-rikki.md", 8, "image-too-large"),), WARNS),
    Kind("svg-with-script", "an SVG picture carrying a script",
         {"03-rikki.md": broken("![Kuva](images/kuva.svg)\n"), "images/kuva.svg": SVG_SCRIPT},
         (("03-rikki.md", 6, "image-invalid"),)),
    Kind("svg-external-entity", "an SVG picture that would pull in /etc/passwd",
         {"03-rikki.md": broken("![Kuva](images/kuva.svg)\n"), "images/kuva.svg": SVG_ENTITY},
         (("03-rikki.md", 6, "image-invalid"),)),
    Kind("image-absolute-path", "an image given as /etc/passwd",
         {"03-rikki.md": broken("![Kuva](/etc/passwd)\n")},
         (("03-rikki.md", 6, "path-outside-course"),)),
    Kind("image-windows-path", "an image given as C:\\Kuvat\\tabletti.png",
         {"03-rikki.md": broken("![Kuva](C:\\Kuvat\\tabletti.png)\n")},
         (("03-rikki.md", 6, "path-outside-course"),)),
    Kind("image-file-url", "an image given as a file: URL",
         {"03-rikki.md": broken("![Kuva](file:///etc/passwd)\n")},
         (("03-rikki.md", 6, "path-outside-course"),)),
    Kind("image-html-absolute-path", "an HTML <img> pointing at /etc/passwd",
         {"03-rikki.md": broken('Teksti.\n\n<img src="/etc/passwd" alt="Kuva">\n')},
         (("03-rikki.md", 8, "path-outside-course"),)),
    Kind("image-dot-dot", "an image up and out of the course folder with ../",
         {"03-rikki.md": broken("![Kuva](../muualla/kuva.png)\n")},
         (("03-rikki.md", 6, "path-outside-course"),)),
    Kind("image-linked-outside", "an image that is a symbolic link to a file outside the course",
         {"03-rikki.md": broken("![Kuva](images/linkki.png)\n")},
         (("03-rikki.md", 6, "path-outside-course"),), setup=image_linked_outside),
    Kind("image-link-loop", "an image that is a symbolic link to itself",
         {"03-rikki.md": broken("![Kuva](images/silmukka.png)\n")},
         (("03-rikki.md", 6, "image-missing"),), setup=image_link_loop),
    # --- the assets folder and theme ----------------------------------------------------------------
    Kind("theme-file-linked-outside", "assets/theme/booklet/booklet.css is a link to a file elsewhere",
         {}, (("../assets/theme/booklet/booklet.css", 1, "path-outside-course"),), setup=theme_linked_outside),
    Kind("assets-folder-linked", "assets/ is a symbolic link to another folder",
         {"course.yml": COURSE_YML + "logo: logo.png\n"},
         (("course.yml", 1, "path-outside-course"), ("course.yml", 10, "image-missing")),
         setup=assets_linked_elsewhere),
    # --- builds, with a warning ---------------------------------------------------------------------
    Kind("control-character", "a form feed pasted into the text (removed)",
         {"03-rikki.md": broken("Teksti\x0c jossa on ohjausmerkki.\n")},
         (("03-rikki.md", 6, "text-control-character"),), WARNS),
    Kind("control-character-yaml-escape", "a control character written as a YAML escape (removed)",
         {"03-rikki.md": '---\ntitle: "Rikki\\x1b"\nsummary: Vika.\n---\n\nTeksti.\n'},
         (("03-rikki.md", 2, "text-control-character"),), WARNS),
    Kind("script-in-text", "a <script> in the text (removed)",
         {"03-rikki.md": broken("Teksti.\n\n<script>alert(1)</script>\n")},
         (("03-rikki.md", 8, "html-removed"),), WARNS),
    Kind("script-in-title", "a <script> in a chapter title (removed)",
         {"03-rikki.md": "---\ntitle: Rikki <script>alert(1)</script>\nsummary: Vika.\n---\n\nTeksti.\n"},
         (("03-rikki.md", 2, "html-removed"),), WARNS),
    Kind("setting-misspelt", "a misspelt setting (ignored)",
         {"course.yml": COURSE_YML + "tittle: Kurssi\n"},
         (("course.yml", 10, "key-unknown"),), WARNS),
    Kind("heading-anchor-twice", "two headings with the same anchor",
         {"03-rikki.md": broken("## Yksi {#sama}\n\nTeksti.\n\n## Kaksi {#sama}\n\nTeksti.\n")},
         (("03-rikki.md", 10, "heading-anchor-duplicate"),), WARNS),
    Kind("notes-label-without-colon", "'Muistiinpanot' without its colon (the notes would be projected)",
         {"03-rikki.md": broken("Teksti.\n\n```slides\n## Dia\n- kohta\n\nMuistiinpanot\nKerro esimerkki.\n```\n")},
         (("03-rikki.md", 12, "notes-label-misspelt"),), WARNS),
    Kind("notes-label-misspelt", "'Muistinpanot:' misspelt (the notes would be projected)",
         {"03-rikki.md": broken("Teksti.\n\n```slides\n## Dia\n- kohta\n\nMuistinpanot:\nKerro esimerkki.\n```\n")},
         (("03-rikki.md", 12, "notes-label-misspelt"),), WARNS),
    Kind("chapter-explorer-copy", "an Explorer copy '02-tietoturva - Kopio.md' beside the chapter",
         {"02-tietoturva - Kopio.md": GOOD["02-tietoturva.md"]},
         (("02-tietoturva - Kopio.md", 1, "chapter-file-copy"),), WARNS),
    Kind("list-pasted-from-word", "list lines starting with '–' pasted from Word (one paragraph)",
         {"03-rikki.md": broken("Ota mukaan:\n– puhelin\n– laturi\n")},
         (("03-rikki.md", 7, "list-bullet-pasted"),), WARNS),
    Kind("footnote-mark-copied", "a note line copied and its mark [^1] left as it was (the first note was dropped)",
         {"03-rikki.md": broken("Kela maksaa[^1]. Etk neuvoo[^1].\n\n[^1]: Kela.fi, 2026.\n[^1]: Etk.fi, 2026.\n")},
         (("03-rikki.md", 8, "footnote-duplicate"),), WARNS),
    Kind("footnote-note-unused", "a footnote no text refers to (its way back led nowhere: EPUBCheck failed)",
         {"03-rikki.md": broken("Kela maksaa takuueläkettä.\n\n[^2]: Kela.fi, 2026.\n")},
         (("03-rikki.md", 8, "footnote-unused"),), WARNS),
    Kind("heading-level-skipped", "'####' under the chapter's name (a level skipped: not PDF/UA)",
         {"03-rikki.md": broken("#### Pieni otsikko\n\nTeksti.\n")},
         (("03-rikki.md", 6, "heading-level-skipped"),), WARNS),
    Kind("sentence-underlined", "a sentence with '---' right under it (it became a heading)",
         {"03-rikki.md": broken("Muista kirjautua ulos.\n---\n\nSeuraava kappale.\n")},
         (("03-rikki.md", 6, "heading-underlined"),), WARNS),
    Kind("heading-level-one", "a '#' heading in the text, beside the chapter names",
         {"03-rikki.md": broken("# Iso otsikko\n\nTeksti.\n")},
         (("03-rikki.md", 6, "heading-level-one"),), WARNS),
    Kind("table-row-cell-too-many", "a table row with a cell more than its header row (the cell was dropped)",
         {"03-rikki.md": broken("| Mitä | Miksi |\n|---|---|\n| Tunnukset | Tunnistus | mobiilivarmenne |\n")},
         (("03-rikki.md", 8, "table-cells-extra"),), WARNS),
    Kind("callout-not-indented", "a callout whose text is not indented (the box showed its title alone)",
         {"03-rikki.md": broken('!!! vinkki "Muista"\nÄlä kerro tunnuksiasi puhelimessa.\n')},
         (("03-rikki.md", 6, "callout-empty"),), WARNS),
    Kind("note-to-self-unclosed", "a note to self '<!--' without its '-->' (it showed in every output)",
         {"03-rikki.md": broken("Kirjastot opastavat. <!-- tarkista luvut\n\nSeuraava kappale.\n")},
         (("03-rikki.md", 6, "note-to-self-shown"),), WARNS),
    Kind("steps-numbered-with-parenthesis", "steps numbered '1)', '2)' (one paragraph, not a list)",
         {"03-rikki.md": broken("1) Avaa sovellus.\n2) Valitse yhteystieto.\n")},
         (("03-rikki.md", 6, "list-number-parenthesis"),), WARNS),
    Kind("address-as-text", "a web address written as text (cannot be tapped online)",
         {"03-rikki.md": broken("Katso https://www.kela.fi/asiointi.\n")},
         (("03-rikki.md", 6, "link-bare-address"),), WARNS),
    Kind("slide-too-many-points", "fourteen points on one slide (continued on a second one)",
         {"03-rikki.md": broken("Teksti.\n\n```slides\n## Dia\n" + "".join(f"- kohta {n}\n" for n in range(1, 15))
                                + "```\n")},
         (("03-rikki.md", 9, "slide-too-long"),), WARNS),
    # --- language editions: a Swedish edition that lacks something or is behind its source ---------
    Kind("edition-folder-missing", "course.yml lists a Swedish edition whose folder has no course.yml",
         swedish({"sv/course.yml": None}), (("course.yml", 10, "translation-folder-missing"),)),
    Kind("edition-short-name", "the Swedish edition's course.yml sets its own short_name",
         swedish({"sv/course.yml": str(SWEDISH["sv/course.yml"]) + "short_name: testkurs\n"}),
         (("sv/course.yml", 6, "translation-setting-not-allowed"),)),
    Kind("edition-title-missing", "the Swedish edition's course.yml has no title of its own",
         swedish({"sv/course.yml": str(SWEDISH["sv/course.yml"]).replace("title: Testkurs\n", "")}),
         (("sv/course.yml", 1, "translation-setting-missing"),)),
    Kind("edition-chapter-missing", "a chapter not yet translated into the Swedish edition",
         swedish({"sv/02-tietoturva.md": None}),
         (("02-tietoturva.md", 1, "translation-chapter-missing"), ("sv/01-alku.md", 12, "link-chapter-missing"))),
    Kind("edition-link-to-chapter-left-out", "a Swedish edition of one chapter whose text links to the one it leaves out",
         swedish({"sv/02-tietoturva.md": None,
                  "sv/course.yml": str(SWEDISH["sv/course.yml"]) + "chapters: [01-alku.md]\n"}),
         (("sv/01-alku.md", 12, "translation-link-left-out"),)),
    Kind("edition-chapter-extra", "a chapter in the Swedish edition that the source does not have",
         swedish({"sv/03-extra.md": chapter("Text.\n", title="Extra", summary="Ett kapitel till.")}),
         (("sv/03-extra.md", 1, "translation-chapter-extra"),)),
    Kind("edition-slide-missing", "the Swedish chapter leaves out its source's slide",
         swedish({"sv/01-alku.md": str(SWEDISH["sv/01-alku.md"]).replace(
             "```slides\n## Apparater\n- Surfplatta\n- Telefon\n\nAnteckningar:\nFråga vilka apparater gruppen har.\n```\n\n",
             "")}),
         (("sv/01-alku.md", 1, "translation-slides-differ"),)),
    Kind("edition-other-answer-right", "the Swedish question marks another option right than its source",
         swedish({"sv/02-tietoturva.md": str(SWEDISH["sv/02-tietoturva.md"]).replace(
             "- [ ] Sant\n- [x] Falskt", "- [x] Sant\n- [ ] Falskt")}),
         (("sv/02-tietoturva.md", 10, "translation-questions-differ"),)),
    Kind("edition-picture-missing", "the Swedish chapter leaves out its source's picture",
         swedish({"sv/01-alku.md": str(SWEDISH["sv/01-alku.md"]).replace(
             "![Surfplatta på ett bord](images/tabletti.png)\n\n", "")}),
         (("sv/01-alku.md", 1, "translation-images-differ"),)),
    Kind("edition-never-marked", "a Swedish edition whose chapters were never marked as translated",
         swedish({"sv/.source/fingerprints.txt": None}),
         (("sv/01-alku.md", 1, "translation-not-marked"), ("sv/02-tietoturva.md", 1, "translation-not-marked")),
         WARNS),
    Kind("edition-behind-its-source", "a source paragraph edited after its Swedish chapter was marked",
         swedish({"02-tietoturva.md": str(GOOD["02-tietoturva.md"]).replace(
             "Pitkä salalause on hyvä.", "Pitkä salalause on hyvä, ja sen muistaa.")}),
         (("sv/02-tietoturva.md", 1, "translation-out-of-date"),), WARNS),
    # --- legitimate: builds without a word ----------------------------------------------------------
    Kind("list-right-under-a-sentence", "a list on the line right after a sentence, no blank line between",
         {"03-rikki.md": broken("Ota mukaan:\n- puhelin\n- laturi\n\nToimi näin:\n1. Avaa\n2. Paina\n")},
         (), BUILDS),
    Kind("callout-indented-two", "callout text indented by two spaces instead of four",
         {"03-rikki.md": broken("!!! vinkki\n  Kysy ensin, mitä hän haluaa oppia.\n\nTeksti.\n")},
         (), BUILDS),
    Kind("sub-list-indented-two", "a sub-list indented by two spaces instead of four (nested all the same)",
         {"03-rikki.md": broken("Ota mukaan:\n- laite\n  - puhelin\n  - tabletti\n- laturi\n")},
         (), BUILDS),
    Kind("link-anchor-as-heading-reads", "a heading link written as the heading reads: #Hyvä salasana",
         {"03-rikki.md": broken("Lue [ohje](<02-tietoturva.md#Hyvä salasana>) ja [toinen](02-tietoturva.md#hyvä-salasana).\n")},
         (), BUILDS),
    Kind("footnotes-in-two-chapters", "footnotes in two chapters (numbered 1 in each) and in the introduction",
         {"course.yml": COURSE_YML + "introduction: |\n  Tervetuloa[^1].\n\n  [^1]: Johdannon lähde.\n",
          "03-rikki.md": broken("Väite[^1].\n\n## Lisää\n\nToinen[^2].\n\n[^1]: Lähde.\n[^2]: Toinen lähde.\n"),
          "02-tietoturva.md": GOOD["02-tietoturva.md"] + "\nLisäys[^1].\n\n[^1]: Lähde.\n"},
         (), BUILDS),
    Kind("svg-on-a-slide", "an SVG diagram on a slide (PowerPoint gets it too)",
         {"03-rikki.md": broken("Teksti.\n\n```slides\n## Kaavio\n\n![Sininen laatikko](images/kaavio.svg)\n```\n"),
          "images/kaavio.svg": SVG_DIAGRAM},
         (), BUILDS),
    Kind("byte-order-mark", "every text file starts with a UTF-8 byte-order mark (Notepad)",
         {name: "\ufeff" + text for name, text in GOOD.items() if isinstance(text, str)}, (), BUILDS),
    Kind("crlf-line-endings", "Windows line endings in every text file",
         {name: text.replace("\n", "\r\n") for name, text in GOOD.items() if isinstance(text, str)}, (), BUILDS),
    Kind("cr-line-endings", "old Mac line endings (CR only) in a chapter",
         {"01-alku.md": GOOD["01-alku.md"].replace("\n", "\r")}, (), BUILDS),
    Kind("scandinavian-names", "ä, ö and spaces in chapter, image and folder names",
         {"03-äiti ja öljy.md": chapter("![Äiti ja lapsi](<kuvat/äiti ja lapsi.png>)\n\n"
                                         "[Alkuun](01-alku.md)\n", title="Äiti ja öljy"),
          "kuvat/äiti ja lapsi.png": png(colour=(0, 90, 0)),
          "02-tietoturva.md": GOOD["02-tietoturva.md"] + "\nLue [äidistä](<03-äiti ja öljy.md>).\n"},
         (), BUILDS),
    Kind("decomposed-names", "an image name with 'ä' decomposed on disk (copied from a Mac)",
         {"01-alku.md": GOOD["01-alku.md"].replace("images/tabletti.png", "images/täbletti.png")},
         (), BUILDS, setup=decomposed_names),
    Kind("edition-own-picture", "the Swedish edition replaces a picture with its own of the same name",
         swedish({"sv/images/tabletti.png": png(colour=(0, 0, 160))}), (), BUILDS),
    Kind("symlink-inside", "an image that is a symbolic link to another image in the course",
         {"01-alku.md": GOOD["01-alku.md"].replace("images/tabletti.png", "images/linkki.png")},
         (), BUILDS, setup=image_linked_inside),
)


def readme_table() -> str:
    """The table README.md shows: kind, what it is, outcome, and every file:line code expected."""
    rows = ["| kind | what it is | outcome | expected (file:line code) |", "|---|---|---|---|"]
    for kind in KINDS:
        expected = "<br>".join(f"`{path}:{line}` {code}" for path, line, code in kind.expected) or "no diagnostic"
        what = kind.what.replace("|", "\\|")
        rows.append(f"| {kind.name} | {what} | {kind.outcome} | {expected} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(readme_table(), end="")
