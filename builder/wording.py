"""The words around and inside the tool's messages, in each language a course can have.

builder.diagnostics holds each problem's sentence; this table holds the pieces that go into those
sentences (why a file cannot be read, what is wrong in the settings) and what the command line
prints around them, so that a course in Swedish or Finnish shows no English word either.
"""

from __future__ import annotations

import errno
import re
from typing import NamedTuple
from urllib.parse import unquote


class Words(NamedTuple):
    """One phrase in each language; ``{name}`` fields are filled in by ``say``."""

    en: str
    fi: str
    sv: str

    def template(self, language: str) -> str:
        return getattr(self, language) if language in ("fi", "sv") else self.en


PHRASES: dict[str, Words] = {
    # Inside diagnostics ({detail})
    "slide-lines": Words("{count} lines, room for {limit}", "{count} riviä, tilaa {limit} riville",
                         "{count} rader, plats för {limit}"),
    "slide-characters": Words("{count} characters, room for {limit}", "{count} merkkiä, tilaa {limit} merkille",
                              "{count} tecken, plats för {limit}"),
    "byte": Words("byte {byte}", "tavu {byte}", "byte {byte}"),
    "zero-bytes": Words("it holds zero bytes: saved as UTF-16 ('Unicode'), or not text at all",
                        "siinä on nollatavuja: se on tallennettu UTF-16-muodossa ('Unicode') tai ei ole tekstiä",
                        "den innehåller nollbyte: sparad som UTF-16 ('Unicode') eller inte text alls"),
    "not-regular-file": Words("it is not an ordinary file", "se ei ole tavallinen tiedosto",
                              "det är inte en vanlig fil"),
    "link-loop": Words("a symbolic link leads back to itself", "symbolinen linkki johtaa takaisin itseensä",
                       "en symbolisk länk leder tillbaka till sig själv"),
    "os-other": Words("the computer refused ({code})", "tietokone ei sallinut sitä ({code})",
                      "datorn tillät det inte ({code})"),
    "process-stopped": Words("the program's process stopped abruptly", "ohjelman prosessi pysähtyi kesken",
                             "programmets process avbröts plötsligt"),
    "program-fault": Words("an unexpected fault in the program; please report it with this technical detail: {fault}",
                           "ohjelmassa tapahtui odottamaton virhe; ilmoita siitä ylläpidolle ja liitä mukaan tämä "
                           "tekninen tieto: {fault}",
                           "ett oväntat fel i programmet; rapportera det med denna tekniska uppgift: {fault}"),
    "pdf-image": Words("the picture {target} could not be used", "kuvaa {target} ei voitu käyttää",
                       "bilden {target} kunde inte användas"),
    "pdf-style-ignored": Words("the style rule '{rule}' (line {line}) was skipped: the PDF maker does not know it",
                               "tyylisääntö '{rule}' (rivi {line}) ohitettiin: PDF:n tekijä ei tunne sitä",
                               "stilregeln '{rule}' (rad {line}) hoppades över: PDF-verktyget känner inte till den"),
    "pdf-stylesheet": Words("the style sheet {target} could not be used", "tyylitiedostoa {target} ei voitu käyttää",
                            "stilmallen {target} kunde inte användas"),
    "pdf-anchor-missing": Words("a link goes to '#{anchor}', which is nowhere in the booklet",
                                "linkki vie kohtaan '#{anchor}', jota ei ole missään",
                                "en länk går till '#{anchor}', som inte finns någonstans"),
    "pdf-other": Words("the PDF maker says: {text}", "PDF:n tekijän ilmoitus (englanniksi): {text}",
                       "PDF-verktygets meddelande (på engelska): {text}"),
    # The command line
    "warning-marker": Words("warning", "varoitus", "varning"),
    "new-created": Words("Created a new course in {folder}. Preview it with: coursebuild serve {folder}",
                         "Uusi kurssi tehtiin kansioon {folder}. Esikatsele sitä komennolla: coursebuild serve {folder}",
                         "En ny kurs skapades i {folder}. Förhandsgranska den med: coursebuild serve {folder}"),
    "new-exists": Words("{folder} already exists and is not empty: nothing was written. Choose another folder.",
                        "{folder} on jo olemassa eikä se ole tyhjä: mitään ei kirjoitettu. Valitse toinen kansio.",
                        "{folder} finns redan och är inte tom: inget skrevs. Välj en annan mapp."),
    "check-ok": Words("{course}: {chapters}, no errors.", "{course}: {chapters}, ei virheitä.",
                      "{course}: {chapters}, inga fel."),
    "strict-note": Words(" (--strict: warnings count as errors)", " (--strict: varoitukset lasketaan virheiksi)",
                         " (--strict: varningar räknas som fel)"),
    "build-failed": Words("Build failed: nothing in {output}/ was changed.",
                          "Kokoaminen epäonnistui: kansiossa {output}/ ei muutettu mitään.",
                          "Bygget misslyckades: ingenting i {output}/ ändrades."),
    "up-to-date": Words("Nothing has changed since the last build: the outputs in {output}/ are up to date.",
                        "Mikään ei ole muuttunut edellisen kokoamisen jälkeen: kansion {output}/ tiedostot ovat "
                        "ajan tasalla.",
                        "Ingenting har ändrats sedan förra bygget: filerna i {output}/ är aktuella."),
    "reused": Words("{count} of the outputs in {output}/ were kept as they are: nothing they are made from has changed.",
                    "{count} kansion {output}/ tiedostoista pidettiin ennallaan: mikään, mistä ne tehdään, ei ole "
                    "muuttunut.",
                    "{count} av filerna i {output}/ behölls som de är: inget de görs av har ändrats."),
    "only-unknown": Words("--only: there is no output called {names}. Choose one or more of these, "
                          "separated by commas:",
                          "--only: tulostetta {names} ei ole. Valitse yksi tai useampi näistä pilkuilla erotettuina:",
                          "--only: det finns ingen utdata som heter {names}. Välj en eller flera av dessa, "
                          "åtskilda med kommatecken:"),
    "step-started": Words("  … {output}", "  … {output}", "  … {output}"),
    "step-done-terminal": Words("  ✓ {output} in {seconds} s", "  ✓ {output} – {seconds} s", "  ✓ {output} – {seconds} s"),
    "step-done-log": Words("  built {output} in {seconds} s", "  valmis: {output} – {seconds} s",
                           "  klar: {output} – {seconds} s"),
    "serve-ready": Words("Preview of {course} at {url}  (open it in a web browser; Ctrl+C stops)",
                         "Kurssin {course} esikatselu: {url}  (avaa se selaimessa; Ctrl+C lopettaa)",
                         "Förhandsvisning av {course}: {url}  (öppna den i en webbläsare; Ctrl+C avslutar)"),
    "serve-failed": Words("The preview could not start on {address}: {detail}",
                          "Esikatselu ei voinut alkaa osoitteessa {address}: {detail}",
                          "Förhandsvisningen kunde inte starta på {address}: {detail}"),
    "serve-stopped": Words("Preview stopped.", "Esikatselu lopetettiin.", "Förhandsvisningen avslutades."),
}

# What the command line calls each output: the writer's name says little to a trainer.
OUTPUT_NAMES: dict[str, Words] = {
    "booklet": Words("booklet (A5 PDF)", "vihko (A5-PDF)", "häfte (A5-PDF)"),
    "booklet-large": Words("large-print booklet (A4 PDF)", "isotekstinen vihko (A4-PDF)",
                           "häfte i stor stil (A4-PDF)"),
    "booklet-print": Words("booklet for a print shop (A5 PDF/X)", "vihko kirjapainolle (A5, PDF/X)",
                           "häfte för tryckeri (A5, PDF/X)"),
    "booklet-a4": Words("booklet to fold (A4 PDF)", "taitettava vihko (A4-PDF)", "vikbart häfte (A4-PDF)"),
    "guide-leaflets": Words("guides as leaflets (A5 PDF)", "ohjeet lehtisinä (A5-PDF)", "guiderna som foldrar (A5-PDF)"),
    "html": Words("booklet as a web page (HTML)", "vihko verkkosivuna (HTML)", "häftet som webbsida (HTML)"),
    "epub": Words("e-book (EPUB)", "e-kirja (EPUB)", "e-bok (EPUB)"),
    "slides": Words("slides (HTML)", "diat (HTML)", "bilder (HTML)"),
    "slides-pdf": Words("slides (PDF)", "diat (PDF)", "bilder (PDF)"),
    "handout": Words("handout (PDF)", "diamoniste (PDF)", "åhörarkopior (PDF)"),
    "pptx": Words("slides (PowerPoint)", "diat (PowerPoint)", "bilder (PowerPoint)"),
    "questions": Words("questions (Moodle XML)", "kysymykset (Moodle XML)", "frågor (Moodle XML)"),
    "moodle": Words("Moodle course (.mbz)", "Moodle-kurssi (.mbz)", "Moodle-kurs (.mbz)"),
    "preview": Words("preview", "esikatselu", "förhandsvisning"),
}

# Counted things: (one, many) in each language; Finnish and Swedish say "0 virhettä", "0 fel".
COUNTED: dict[str, Words] = {
    "error": Words("{n} error|{n} errors", "{n} virhe|{n} virhettä", "{n} fel|{n} fel"),
    "warning": Words("{n} warning|{n} warnings", "{n} varoitus|{n} varoitusta", "{n} varning|{n} varningar"),
    "chapter": Words("{n} chapter|{n} chapters", "{n} luku|{n} lukua", "{n} kapitel|{n} kapitel"),
    "question": Words("{n} question|{n} questions", "{n} kysymys|{n} kysymystä", "{n} fråga|{n} frågor"),
}

# The operating system's reasons (its own texts are English), by errno.
OS_REASONS: dict[int, Words] = {
    errno.EISDIR: Words("it is a folder", "se on kansio", "det är en mapp"),
    errno.ENOTDIR: Words("a file stands where a folder should be", "kansion paikalla on tiedosto",
                         "en fil står där en mapp borde vara"),
    errno.EACCES: Words("no permission", "ei käyttöoikeutta", "behörighet saknas"),
    errno.EPERM: Words("no permission", "ei käyttöoikeutta", "behörighet saknas"),
    errno.ENOENT: Words("it does not exist", "sitä ei ole", "den finns inte"),
    errno.ELOOP: PHRASES["link-loop"],
    errno.ENOSPC: Words("the disk is full", "levy on täynnä", "disken är full"),
    errno.EROFS: Words("the disk cannot be written to", "levylle ei voi kirjoittaa", "disken är skrivskyddad"),
    errno.ENAMETOOLONG: Words("the name is too long", "nimi on liian pitkä", "namnet är för långt"),
    errno.EIO: Words("the disk could not be read", "levyä ei voitu lukea", "disken kunde inte läsas"),
    errno.EEXIST: Words("something of that name is already there", "samanniminen on jo olemassa",
                        "något med det namnet finns redan"),
    errno.EADDRINUSE: Words("another program already uses it", "toinen ohjelma käyttää sitä jo",
                            "ett annat program använder den redan"),
    errno.EADDRNOTAVAIL: Words("this computer has no such address", "tällä tietokoneella ei ole sellaista osoitetta",
                               "datorn har ingen sådan adress"),
}

# Control characters a trainer may have pasted in, by name; the rest by code point only.
CONTROL_NAMES: dict[str, Words] = {
    "\x00": Words("null character", "nollamerkki", "nolltecken"),
    "\t": Words("tab", "sarkain", "tabb"),
    "\x08": Words("backspace", "askelpalautin", "backsteg"),
    "\x0b": Words("vertical tab", "pystysarkain", "vertikal tabb"),
    "\x0c": Words("page break", "sivunvaihto", "sidbrytning"),
    "\x1b": Words("escape", "Esc-merkki", "Esc-tecken"),
    "\x7f": Words("delete", "Delete-merkki", "Delete-tecken"),
}

# PyYAML's problems, recognised by their English text, as a trainer would put them.
YAML_PROBLEMS: tuple[tuple[re.Pattern, Words], ...] = (
    (re.compile(r"found unexpected (end of stream|document separator)"),
     Words("a quotation mark (' or \") opened here is never closed",
           "tässä avattu lainausmerkki (' tai \") jää sulkematta",
           "ett citattecken (' eller \") som öppnas här stängs aldrig")),
    (re.compile(r"found character '\\t'"),
     Words("the line has a tab character: indent with spaces", "rivillä on sarkainmerkki (Tab): sisennä välilyönneillä",
           "raden har ett tabbtecken (Tab): gör indraget med mellanslag")),
    (re.compile(r"mapping values are not allowed here"),
     Words("a colon ':' where none can stand: if the value itself has a colon, put the whole value in quotes; "
           "otherwise check the indentation",
           "kaksoispiste ':' väärässä kohdassa: jos arvossa itsessään on kaksoispiste, kirjoita koko arvo "
           "lainausmerkkeihin; muuten tarkista sisennys",
           "ett kolon ':' där inget kan stå: om värdet självt har ett kolon, sätt hela värdet inom citattecken; "
           "annars kontrollera indraget")),
    (re.compile(r"could not find expected ':'"),
     Words("a setting without a colon ':' after its name", "asetuksen nimen perästä puuttuu kaksoispiste ':'",
           "en inställning utan kolon ':' efter namnet")),
    (re.compile(r"expected ',' or '[\]}]'"),
     Words("a bracket [ or {{ opened here is never closed", "tässä avattu sulkumerkki [ tai {{ jää sulkematta",
           "en parentes [ eller {{ som öppnas här stängs aldrig")),
    (re.compile(r"expected <block end>|invalid indentation|expected the node content"),
     Words("the indentation does not match the lines above: settings at the same level start in the same column",
           "sisennys ei täsmää yllä oleviin riveihin: saman tason asetusten pitää alkaa samasta kohdasta",
           "indraget stämmer inte med raderna ovanför: inställningar på samma nivå börjar i samma kolumn")),
    (re.compile(r"undefined alias|alphabetic or numeric character"),
     Words("the value starts with * or &: put it in quotes", "arvo alkaa merkillä * tai &: kirjoita se "
           "lainausmerkkeihin", "värdet börjar med * eller &: sätt det inom citattecken")),
    (re.compile(r"found character '(?P<character>.)' that cannot start"),
     Words("the value starts with '{character}': put it in quotes",
           "arvo alkaa merkillä '{character}': kirjoita se lainausmerkkeihin",
           "värdet börjar med '{character}': sätt det inom citattecken")),
    (re.compile(r"unknown escape character"),
     Words("a backslash \\ inside double quotes: use single quotes ' instead",
           "kenoviiva \\ lainausmerkkien \" sisällä: käytä heittomerkkejä ' sen sijaan",
           "ett omvänt snedstreck \\ inom dubbla citattecken: använd enkla citattecken ' i stället")),
    (re.compile(r"found another document"),
     Words("a second '---' line splits the settings in two: remove it",
           "toinen '---'-rivi jakaa asetukset kahteen osaan: poista se",
           "en andra '---'-rad delar inställningarna i två: ta bort den")),
    (re.compile(r"repeat themselves"),
     Words("the settings repeat themselves too often through aliases (*)",
           "asetukset toistavat itseään liian monta kertaa viittausten (*) kautta",
           "inställningarna upprepar sig för många gånger genom alias (*)")),
    (re.compile(r"nested too deeply"),
     Words("the settings are nested too deeply: brackets [ or {{ inside each other, or ever deeper indentation",
           "asetukset ovat liian monta tasoa sisäkkäin: sulkuja [ tai {{ toistensa sisällä tai yhä syvempi sisennys",
           "inställningarna ligger i för många nivåer: parenteser [ eller {{ inuti varandra eller allt djupare indrag")),
)
IMAGE_UNREADABLE = Words("the picture cannot be read", "kuvaa ei voi lukea", "bilden går inte att läsa")

# Why a file is not a usable picture, as builder.readers.assets finds it (in English), for trainers.
IMAGE_REASONS: tuple[tuple[re.Pattern, Words], ...] = (
    (re.compile(r"(?P<size>\d+×\d+) pixels is too large"),
     Words("{size} pixels is too large", "{size} pikseliä on liian suuri kuva", "{size} pixlar är för stor bild")),
    (re.compile(r"too large"), Words("the image is too large", "kuva on liian suuri", "bilden är för stor")),
    (re.compile(r"unsupported format unknown|not a readable image"), IMAGE_UNREADABLE),
    (re.compile(r"unsupported format (?P<format>.+)"),
     Words("the picture format {format} cannot be used", "kuvamuotoa {format} ei voi käyttää",
           "bildformatet {format} kan inte användas")),
    (re.compile(r"broken SVG"), Words("the SVG file is broken", "SVG-tiedosto on rikki", "SVG-filen är trasig")),
    (re.compile(r"not an SVG image"), Words("it is not an SVG picture", "se ei ole SVG-kuva", "det är ingen SVG-bild")),
    (re.compile(r"an external entity"),
     Words("the SVG picture loads text from another file", "SVG-kuva lataa tekstiä toisesta tiedostosta",
           "SVG-bilden läser in text från en annan fil")),
    (re.compile(r"a <[^>]+> element|an event handler|a script address"),
     Words("the SVG picture holds program code", "SVG-kuvassa on ohjelmakoodia", "SVG-bilden innehåller programkod")),
    (re.compile(r"an SVG viewBox that is not four numbers \((?P<value>.*)\)$"),
     Words("the SVG picture's viewBox '{value}' is not four numbers",
           "SVG-kuvan viewBox '{value}' ei ole neljä lukua",
           "SVG-bildens viewBox '{value}' är inte fyra tal")),
    (re.compile(r"an SVG (?P<name>width|height) that is not a size \((?P<value>.*)\)$"),
     Words("the SVG picture's {name} '{value}' is not a size",
           "SVG-kuvan {name}-arvo '{value}' ei ole koko",
           "SVG-bildens {name} '{value}' är inte en storlek")),
    (re.compile(r"a reference to another file \((?P<target>.*)\)$"),
     Words("the SVG picture uses another file ({target})", "SVG-kuva käyttää toista tiedostoa ({target})",
           "SVG-bilden använder en annan fil ({target})")),
)
# The Moodle writer's problems with a chapter's HTML (builder.writers.moodle.links words them in English).
MOODLE_REASONS: tuple[tuple[re.Pattern, Words], ...] = (
    (re.compile(r"unknown image '(?P<target>.*)'"),
     Words("the picture '{target}' is not among the course's files", "kuvaa '{target}' ei ole kurssin tiedostoissa",
           "bilden '{target}' finns inte bland kursens filer")),
    (re.compile(r"link to unknown chapter '(?P<target>.*)'"),
     Words("a link goes to the chapter '{target}', which the course does not have",
           "linkki vie lukuun '{target}', jota kurssissa ei ole",
           "en länk går till kapitlet '{target}', som kursen inte har")),
)
YAML_OTHER = Words("check the quotation marks, colons and indentation on this line",
                   "tarkista tämän rivin lainausmerkit, kaksoispisteet ja sisennys",
                   "kontrollera citattecken, kolon och indrag på den här raden")


def say(language: str, key: str, **fields: object) -> str:
    """The phrase ``key`` in ``language``, its fields filled in."""
    return PHRASES[key].template(language).format(**fields)


def counted(language: str, n: int, thing: str) -> str:
    """'1 virhe', '2 virhettä', '2 fel', '2 warnings'."""
    one, many = COUNTED[thing].template(language).split("|")
    return (one if n == 1 else many).format(n=n)


def output_name(language: str, writer: str) -> str:
    """What the output ``writer`` makes, as a trainer would call it; an unknown name as it is."""
    words = OUTPUT_NAMES.get(writer)
    return words.template(language) if words else writer


def seconds(language: str, value: float) -> str:
    """'2.1' in English, '2,1' in Finnish and Swedish."""
    text = f"{value:.1f}"
    return text if language == "en" else text.replace(".", ",")


def os_reason(language: str, error: BaseException) -> str:
    """Why the operating system refused, in ``language`` (its own ``strerror`` is English)."""
    if isinstance(error, RuntimeError):  # Python 3.11 reports a symbolic link loop this way
        return say(language, "link-loop")
    number = getattr(error, "errno", None)
    if number in OS_REASONS:
        return OS_REASONS[number].template(language)
    code = errno.errorcode.get(number, type(error).__name__) if isinstance(number, int) else type(error).__name__
    return say(language, "os-other", code=code)


def control_names(language: str, characters: str) -> str:
    """'sivunvaihto U+000C, U+0001': each control character in ``characters`` once, in order."""
    names = []
    for character in dict.fromkeys(characters):
        point = f"U+{ord(character):04X}"
        named = CONTROL_NAMES.get(character)
        names.append(f"{named.template(language)} {point}" if named else point)
    return ", ".join(names)


def yaml_problem(language: str, problem: str) -> str:
    """PyYAML's ``problem`` text as a trainer would put it; a general hint when it is not a known one."""
    return _translated(YAML_PROBLEMS, language, problem) or YAML_OTHER.template(language)


def image_reason(language: str, reason: str) -> str:
    """Why a file is not a usable picture (``reason``, as the asset reader words it) in ``language``."""
    return _translated(IMAGE_REASONS, language, reason) or IMAGE_UNREADABLE.template(language)


def moodle_reason(language: str, reason: str) -> str:
    """A problem of the Moodle writer (``reason``, in English) in ``language``; an unknown one labelled as such."""
    return _translated(MOODLE_REASONS, language, reason) or say(language, "program-fault", fault=reason)


def pdf_log_reason(language: str, template: object, args: tuple, text: str) -> str:
    """WeasyPrint's log message (its ``template`` with ``args``, read as ``text``) in ``language``.

    The messages a course's own theme or pictures cause are told in plain words; the rest are shown
    as WeasyPrint words them, marked as its own.
    """
    template = str(template)
    if template.startswith("Failed to load image") and args:
        return say(language, "pdf-image", target=_file_name(args[0]))
    if template.startswith("Failed to load stylesheet") and args:
        return say(language, "pdf-stylesheet", target=_file_name(args[0]))
    if template.startswith("Ignored `") and len(args) >= 3:
        return say(language, "pdf-style-ignored", rule=f"{args[0]}: {args[1]}", line=args[2])
    if template.startswith("No anchor") and args:
        return say(language, "pdf-anchor-missing", anchor=args[0])
    return say(language, "pdf-other", text=text)


def _file_name(url: object) -> str:
    """A course file by its name; a web address (which a theme may ask for) as written, so it can be found."""
    url = str(url)
    if url.startswith(("http:", "https:")):
        return url
    return unquote(url.rstrip("/").rpartition("/")[2]) or url


def _translated(table: tuple[tuple[re.Pattern, Words], ...], language: str, text: str) -> str | None:
    for pattern, words in table:
        found = pattern.search(text)
        if found:
            return words.template(language).format(**found.groupdict())
    return None
