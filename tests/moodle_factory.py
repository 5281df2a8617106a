"""Hand-made Course models for the Moodle writer and inspect tests (no reader involved)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from PIL import Image

from builder.model import (
    Answer,
    Asset,
    Block,
    Chapter,
    Course,
    CourseMeta,
    Heading,
    MoodleOptions,
    Question,
    SourcePos,
)

TRICKY_TITLE = 'Tietoturva & <salasanat> "lainaus" ]]> 🔐'


def png(path: Path, colour: tuple[int, int, int], size=(40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    data = buffer.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


def asset(root: Path, key: str, colour: tuple[int, int, int]) -> Asset:
    data = png(root / key, colour)
    return Asset(key, root / key, hashlib.sha1(data).hexdigest(), len(data), "image/png", 40, 20)


def _answer(text: str, fraction: float, feedback: str = "") -> Answer:
    return Answer(text, fraction, f"<p>{feedback}</p>" if feedback else "", fraction > 0)


def _question(cid: str, number: int, kind: str, text: str, answers, general: str = "", line: int = 20) -> Question:
    return Question(f"{cid}-q{number}", kind, text, tuple(answers), general, SourcePos(f"xx-{cid}.md", line))


# Every kind of question; images in a question text and an answer's feedback, a link to another
# chapter, characters that need escaping, and Moodle's 1/3 shares.
QUESTIONS = {
    "vapaaehtoisuus": (
        _question("vapaaehtoisuus", 1, "single",
                  '<p>Mikä kuva? <img src="asset:images/työnjako.png" alt="Työnjako"></p>',
                  [_answer("Työnjako", 1.0, "Oikein."), _answer("Salasana", 0.0, "Ei.")],
                  "<p>Katso kuvaa.</p>"),
        _question("vapaaehtoisuus", 2, "truefalse", "<p>Opastaja korjaa laitteet.</p>",
                  [_answer("Tosi", 0.0, "Ei korjaa."), _answer("Epätosi", 1.0, "Oikein.")]),
        _question("vapaaehtoisuus", 3, "multiple", "<p>Mitkä kolme?</p>",
                  [_answer("A", 0.3333333, "Kyllä."), _answer("B", -0.3333333, "Ei."), _answer("C", 0.3333333),
                   _answer("D", 0.3333333, "Kyllä."), _answer("E", -0.3333333)],
                  "<p>A, C ja D.</p>"),
    ),
    "tietoturva": (
        _question("tietoturva", 1, "multiple",
                  '<p>Text &amp; &lt;code&gt; "quoted" ]]&gt; 😀 – valitse molemmat</p>',
                  [_answer("<strong>Yksi</strong>", 0.5), _answer("Kaksi &amp; kolme", 0.5)],
                  '<p>Lue <a href="chapter:salassapito#esimerkki">esimerkki</a>. '
                  '<img src="asset:images/åland ö.png" alt="å"></p>'),
        _question("tietoturva", 2, "truefalse", "<p>Salasana on salainen.</p>",
                  [_answer("Tosi", 1.0, '<img src="asset:images/kuva.png" alt="k"> Oikein.'),
                   _answer("Epätosi", 0.0)]),
    ),
}


def _chapter(number: int, cid: str, title: str, summary: str, parts: list[tuple[str, str]], headings=()) -> Chapter:
    source = f"{number:02d}-{cid}.md"
    blocks = tuple(Block(tag, html, SourcePos(source, 5 + i)) for i, (tag, html) in enumerate(parts))
    return Chapter(
        id=cid,
        number=number,
        title=title,
        summary=summary,
        kind="chapter",
        source=source,
        blocks=blocks,
        headings=tuple(Heading(level, anchor, text, SourcePos(source, 9)) for level, anchor, text in headings),
        slides=(),
        questions=tuple(replace(q, pos=SourcePos(source, q.pos.line)) for q in QUESTIONS.get(cid, ())),
        pos=SourcePos(source, 1),
    )


def make_course(root: Path, layout: str = "page", questions: bool = True) -> Course:
    """Three chapters: images (one shared, names with ä, ö, å and spaces, two different files
    with the same name), links between chapters with and without anchors, tricky characters,
    and self-check questions of every kind in the first and the last chapter (none in the second)."""
    assets = {
        a.key: a
        for a in (
            asset(root, "images/ikäihminen ja tabletti.png", (200, 30, 30)),
            asset(root, "images/työnjako.png", (30, 200, 30)),
            asset(root, "images/kuva.png", (30, 30, 200)),
            asset(root, "images/muut/kuva.png", (90, 90, 90)),
            asset(root, "images/åland ö.png", (10, 10, 10)),
        )
    }
    chapters = (
        _chapter(
            1,
            "vapaaehtoisuus",
            "Vapaaehtoisena opastajana",
            "Mitä opastaja tekee & miksi.",
            [
                ("p", '<p>Tervetuloa! Katso <a href="chapter:salassapito">salassapito</a> ja '
                      '<a href="chapter:tietoturva#salasanat">salasanat</a>.</p>'),
                ("figure", '<figure><img src="asset:images/ikäihminen ja tabletti.png" alt="Ikäihminen"></figure>'),
                ("h2", '<h2 id="tyonjako">Työnjako</h2>'),
                ("p", '<p>Kuva: <img src="asset:images/työnjako.png" alt="Työnjako"> '
                      '<a href="chapter:vapaaehtoisuus#tyonjako">tämä kohta</a></p>'),
            ],
            headings=[(2, "tyonjako", "Työnjako")],
        ),
        _chapter(
            2,
            "salassapito",
            "Salassapito",
            "Vaitiolo koskee kaikkea.",
            [
                # The reader's serialiser percent-encodes keys like this one.
                ("p", '<p>Sama kuva uudelleen: <img src="asset:images/ik%C3%A4ihminen%20ja%20tabletti.png" alt="x"></p>'),
                ("p", '<p><img src="asset:images/kuva.png" alt="a"> <img src="asset:images/muut/kuva.png" alt="b"></p>'),
                # Ids made unique across the course, as the reader does; links use the bare anchor.
                ("h2", '<h2 id="salassapito--vaitiolo">Vaitiolo</h2>'),
                ("h3", '<h3 id="salassapito--esimerkki">Esimerkki</h3>'),
                ("p", '<p>Takaisin <a href="chapter:vapaaehtoisuus">alkuun</a>.</p>'),
            ],
            headings=[(2, "vaitiolo", "Vaitiolo"), (3, "esimerkki", "Esimerkki")],
        ),
        _chapter(
            3,
            "tietoturva",
            TRICKY_TITLE,
            'Summary with & < > " ]]> and 😀.',
            [
                ("h2", '<h2 id="salasanat">Salasanat</h2>'),
                ("p", '<p>Text &amp; &lt;code&gt; "quoted" ]]&gt; 😀 <img src="asset:images/åland ö.png" alt="å"></p>'),
                ("p", '<p>Katso <a href="chapter:salassapito#esimerkki">esimerkki</a> ja '
                      '<a href="https://www.suomi.fi">Suomi.fi</a>.</p>'),
            ],
            headings=[(2, "salasanat", "Salasanat")],
        ),
    )
    meta = CourseMeta(
        title="Nettiopastajan kurssi & opas",
        subtitle="Vapaaehtoisille",
        short_name="nettiopastaja",
        language="fi",
        organisation="Testijärjestö ry",
        contact="info@example.org",
        authors=("A. Kirjoittaja",),
        licence="CC BY 4.0",
        edition="1. painos",
        edition_date=dt.date(2026, 1, 15),
        introduction_html='<p>Kurssin johdanto. <img src="asset:images/kuva.png" alt="Logo"></p>',
        logo=None,
        moodle=MoodleOptions(layout=layout),
    )
    if not questions:
        chapters = tuple(replace(c, questions=()) for c in chapters)
    return Course(
        root=root,
        meta=meta,
        chapters=chapters,
        assets=MappingProxyType(assets),
        build_time=dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc),
    )


def with_layout(course: Course, layout: str) -> Course:
    return replace(course, meta=replace(course.meta, moodle=replace(course.meta.moodle, layout=layout)))


def make_pdf(path: Path, text: str) -> Path:
    """A tiny but valid one-page PDF."""
    body = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(out))
    return path


def build_mbz(course: Course, staging: Path, products: dict | None = None, version: str | None = None):
    """Run the Moodle writer for one Moodle line ('4' or '5'; None: the course's own, a single
    one); returns (mbz path, report)."""
    from builder.diagnostics import Report
    from builder.writers import moodle

    if version is not None:
        course = with_moodle_version(course, version)
    report = Report()
    staging.mkdir(parents=True, exist_ok=True)
    [path] = moodle.write(course, staging, products or {}, report).values()
    return path, report


def with_moodle_version(course: Course, version: str) -> Course:
    return replace(course, meta=replace(course.meta, moodle=replace(course.meta.moodle, version=version)))


def read_mbz(path: Path) -> dict[str, bytes | None]:
    """Archive path -> bytes (None for directories), in archive order."""
    import tarfile

    entries: dict[str, bytes | None] = {}
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            entries[member.name.rstrip("/")] = tar.extractfile(member).read() if member.isfile() else None
    return entries


def write_mbz(entries: dict[str, bytes | None], path: Path, extra=()) -> Path:
    """Pack entries (as read_mbz gives them) into a new .mbz, for fault injection; ``extra``:
    (TarInfo, bytes or None) pairs added as they are, names and kinds no writer would make."""
    import tarfile

    with tarfile.open(path, "w:gz", format=tarfile.GNU_FORMAT if extra else tarfile.USTAR_FORMAT) as tar:
        for name, data in entries.items():
            info = tarfile.TarInfo(name)
            if data is None:
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
        for info, data in extra:
            tar.addfile(info, None if data is None else io.BytesIO(data))
    return path
