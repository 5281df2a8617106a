"""Diagnostics: every problem a trainer can cause, with a stable code, file, line and plain sentence."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, Iterator

ERROR = "error"
WARNING = "warning"

# The closed set of diagnostic codes: code -> (severity, English template, Finnish template).
# Templates are str.format()-ed with the keyword arguments given to Report.add().
# docs/diagnostics.md lists every code; a test keeps the two in step.
CATALOGUE: dict[str, tuple[str, str, str]] = {
    "file-not-utf8": (
        ERROR,
        "The file is not UTF-8 text ({detail}). Save it as UTF-8 in your editor.",
        "Tiedosto ei ole UTF-8-tekstiä ({detail}). Tallenna se editorissa UTF-8-muodossa.",
    ),
    "file-unreadable": (
        ERROR,
        "The file cannot be read: {detail}.",
        "Tiedostoa ei voi lukea: {detail}.",
    ),
    "file-name-invalid": (
        ERROR,
        "The name '{name}' cannot be used on Windows because of '{detail}'. Rename it: no < > : \" / \\ | ? *, "
        "no dot or space at the end, and not CON, PRN, AUX, NUL, COM1-COM9 or LPT1-LPT9.",
        "Nimeä '{name}' ei voi käyttää Windowsissa kohdan '{detail}' takia. Nimeä se uudelleen: ei merkkejä "
        "< > : \" / \\ | ? *, ei pistettä eikä välilyöntiä lopussa, eikä nimeksi CON, PRN, AUX, NUL, COM1-COM9 "
        "tai LPT1-LPT9.",
    ),
    "text-control-character": (
        WARNING,
        "An invisible control character ({detail}) was removed from this line.",
        "Tältä riviltä poistettiin näkymätön ohjausmerkki ({detail}).",
    ),
    "course-missing": (
        ERROR,
        "There is no course.yml in this folder. Is this the course folder?",
        "Kansiosta puuttuu course.yml. Onko tämä kurssikansio?",
    ),
    "course-no-chapters": (
        ERROR,
        "The course has no chapters: add Markdown files (01-name.md) next to course.yml.",
        "Kurssissa ei ole lukuja: lisää Markdown-tiedostoja (01-nimi.md) course.yml:n viereen.",
    ),
    "yaml-syntax": (
        ERROR,
        "The settings are not valid YAML: {detail}.",
        "Asetukset eivät ole kelvollista YAMLia: {detail}.",
    ),
    "key-missing": (
        ERROR,
        "The required setting '{key}' is missing.",
        "Pakollinen asetus '{key}' puuttuu.",
    ),
    "key-type": (
        ERROR,
        "The setting '{key}' must be {expected}.",
        "Asetuksen '{key}' pitää olla {expected_fi}.",
    ),
    "key-unknown": (
        WARNING,
        "Unknown setting '{key}' is ignored. Check the spelling.",
        "Tuntematon asetus '{key}' jätetään huomiotta. Tarkista kirjoitusasu.",
    ),
    "key-duplicate": (
        ERROR,
        "The setting '{key}' is given twice; the first one is on line {other}. Keep only one.",
        "Asetus '{key}' on annettu kahdesti; ensimmäinen on rivillä {other}. Jätä vain toinen.",
    ),
    "front-matter-missing": (
        ERROR,
        "The chapter does not start with front matter: the first line must be '---', then title and summary, then '---'.",
        "Luku ei ala etutiedoilla: ensimmäisen rivin pitää olla '---', sitten title ja summary ja taas '---'.",
    ),
    "front-matter-unclosed": (
        ERROR,
        "The front matter started on this line is never closed with a '---' line.",
        "Tällä rivillä alkavia etutietoja ei päätetä '---'-rivillä.",
    ),
    "chapter-id-duplicate": (
        ERROR,
        "The chapter id '{id}' is already used by {other}. Give each chapter its own id.",
        "Luvun tunnus '{id}' on jo käytössä tiedostossa {other}. Anna jokaiselle luvulle oma tunnus.",
    ),
    "chapter-empty": (
        ERROR,
        "The chapter has no text after its front matter.",
        "Luvussa ei ole tekstiä etutietojen jälkeen.",
    ),
    "heading-anchor-duplicate": (
        WARNING,
        "Two headings in this chapter have the anchor '#{anchor}'; links go to the first one.",
        "Kahdella otsikolla on sama ankkuri '#{anchor}'; linkit vievät ensimmäiseen.",
    ),
    "image-missing": (
        ERROR,
        "The image '{target}' does not exist. Check the file name and folder.",
        "Kuvaa '{target}' ei löydy. Tarkista tiedoston nimi ja kansio.",
    ),
    "image-alt-missing": (
        ERROR,
        "The image '{target}' has no alt text: write what the picture shows between the brackets: ![what it shows]({target}).",
        "Kuvalta '{target}' puuttuu vaihtoehtoinen teksti: kirjoita hakasulkeisiin, mitä kuvassa näkyy: ![kuvaus]({target}).",
    ),
    "image-invalid": (
        ERROR,
        "The file '{target}' is not an image this tool can use ({detail}). Use PNG, JPEG, GIF or SVG.",
        "Tiedosto '{target}' ei ole käyttökelpoinen kuva ({detail}). Käytä PNG-, JPEG-, GIF- tai SVG-kuvaa.",
    ),
    "path-outside-course": (
        ERROR,
        "The path '{target}' leads outside the course folder. Put the file inside the course folder.",
        "Polku '{target}' johtaa kurssikansion ulkopuolelle. Siirrä tiedosto kurssikansioon.",
    ),
    "link-chapter-missing": (
        ERROR,
        "The link goes to '{target}', but there is no such chapter file.",
        "Linkki vie kohteeseen '{target}', mutta sellaista lukutiedostoa ei ole.",
    ),
    "link-anchor-missing": (
        ERROR,
        "The link goes to the heading '#{anchor}' in {target}, but that chapter has no such heading.",
        "Linkki vie otsikkoon '#{anchor}' tiedostossa {target}, mutta luvussa ei ole sellaista otsikkoa.",
    ),
    "link-file-unsupported": (
        ERROR,
        "The link goes to the file '{target}', which is not a chapter. Link to a chapter (.md) or to a web address.",
        "Linkki vie tiedostoon '{target}', joka ei ole luku. Linkitä lukuun (.md) tai verkko-osoitteeseen.",
    ),
    "callout-kind-unknown": (
        ERROR,
        "Unknown callout '!!! {kind}'. Use vinkki, varoitus or huomio.",
        "Tuntematon huomiolaatikko '!!! {kind}'. Käytä sanaa vinkki, varoitus tai huomio.",
    ),
    "block-unclosed": (
        ERROR,
        "The ```{kind} block that starts here is never closed with a ``` line.",
        "Tästä alkavaa ```{kind}-lohkoa ei päätetä ```-rivillä.",
    ),
    "slide-title-missing": (
        ERROR,
        "The slide has no title: start each slide with a '## Title' line.",
        "Dialta puuttuu otsikko: aloita jokainen dia rivillä '## Otsikko'.",
    ),
    "slide-empty": (
        ERROR,
        "There is nothing between these two '---' lines: remove the extra '---'.",
        "Näiden kahden '---'-rivin välissä ei ole mitään: poista ylimääräinen '---'.",
    ),
    "slide-too-long": (
        WARNING,
        "The slide '{title}' has too much text to fit ({detail}). Split it or shorten the points.",
        "Dialla '{title}' on liikaa tekstiä mahtuakseen ({detail}). Jaa se kahdeksi tai lyhennä kohtia.",
    ),
    "question-text-missing": (
        ERROR,
        "The question has no text before its options.",
        "Kysymykseltä puuttuu kysymysteksti ennen vaihtoehtoja.",
    ),
    "question-too-few-options": (
        ERROR,
        "The question needs at least two options ('- [x]' right, '- [ ]' wrong).",
        "Kysymyksessä pitää olla vähintään kaksi vaihtoehtoa ('- [x]' oikea, '- [ ]' väärä).",
    ),
    "question-no-correct": (
        ERROR,
        "No option is marked right: mark the right one as '- [x]'.",
        "Yhtään vaihtoehtoa ei ole merkitty oikeaksi: merkitse oikea muodossa '- [x]'.",
    ),
    "question-line-unexpected": (
        ERROR,
        "This line in the question block is not an option ('- [x]' or '- [ ]'), feedback ('> ...') or 'Palaute:'.",
        "Tämä kysymyslohkon rivi ei ole vaihtoehto ('- [x]' tai '- [ ]'), palaute ('> ...') eikä 'Palaute:'.",
    ),
    "question-truefalse-invalid": (
        ERROR,
        "A true/false question needs exactly one right option.",
        "Tosi/epätosi-kysymyksessä pitää olla tasan yksi oikea vaihtoehto.",
    ),
    "html-removed": (
        WARNING,
        "Unsafe HTML was removed here ({detail}).",
        "Tästä poistettiin turvatonta HTML:ää ({detail}).",
    ),
    "render-problem": (
        WARNING,
        "While rendering {output}: {detail}",
        "Tulostetta {output} tehtäessä: {detail}",
    ),
    "output-failed": (
        ERROR,
        "The output {output} could not be written: {detail}",
        "Tulostetta {output} ei voitu kirjoittaa: {detail}",
    ),
}

_EXPECTED_FI = {
    "text": "tekstiä",
    "a list of texts": "luettelo tekstejä",
    "a date (YYYY-MM-DD)": "päivämäärä (VVVV-KK-PP)",
    "a date (YYYY-MM-DD) from 1980 to 2107": "päivämäärä (VVVV-KK-PP) vuosilta 1980-2107",
    "yes or no": "kyllä tai ei (true/false)",
    "a mapping of settings": "joukko asetuksia",
    "one of fi, sv, en": "jokin näistä: fi, sv, en",
    "one of page, book": "jokin näistä: page, book",
    "one of chapter, guide": "jokin näistä: chapter, guide",
    "lower-case letters, digits and '-'": "pieniä kirjaimia, numeroita ja viivoja '-'",
    "a path to an image": "polku kuvaan",
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    code: str
    severity: str
    message: str

    def __str__(self) -> str:
        level = "" if self.severity == ERROR else " (warning)"
        return f"{self.path}:{self.line}: {self.code}{level}: {self.message}"


class Report:
    """Collects diagnostics; the one place where messages are worded."""

    def __init__(self, language: str = "fi", root: str = "") -> None:
        self.language = language
        self.root = root  # shown before course-relative paths, e.g. 'course'
        self._items: list[Diagnostic] = []

    def add(self, code: str, path: str, line: int, **fields: object) -> Diagnostic:
        """Record a problem at ``path`` (relative to the course folder) and ``line``."""
        severity, en, fi = CATALOGUE[code]
        if self.root and not os.path.isabs(path):
            path = os.path.join(self.root, path)
        if "expected" in fields:
            fields.setdefault("expected_fi", _EXPECTED_FI.get(str(fields["expected"]), fields["expected"]))
        template = fi if self.language == "fi" else en
        diagnostic = Diagnostic(path, max(int(line), 1), code, severity, template.format(**fields))
        if diagnostic not in self._items:
            self._items.append(diagnostic)
        return diagnostic

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        for d in diagnostics:
            if d not in self._items:
                self._items.append(d)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(sorted(self._items, key=lambda d: (d.path, d.line, d.code)))

    def __len__(self) -> int:
        return len(self._items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self if d.severity == WARNING]
