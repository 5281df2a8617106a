"""Whether each chapter of a language edition still translates its source chapter as it stands.

``coursebuild translated COURSE TAG CHAPTER...`` records, for each edition chapter, a fingerprint of its
source chapter's text (``course/sv/.source/fingerprints.txt``) and a copy of that text
(``course/sv/.source/01-x.md``). ``check`` and ``build`` compare each source chapter with its
fingerprint: a chapter never marked is ``translation-not-marked``, one whose source has changed since is
``translation-out-of-date``, and ``check`` shows what changed, as a unified diff of the copy and the
source now. The fingerprint is of the paragraphs with their spacing evened out: re-wrapping lines or
another computer's line endings leave a translation in step, a changed word does not.
"""

from __future__ import annotations

import difflib
import errno
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from builder.diagnostics import Report
from builder.readers.text import is_inside, read_text
from builder.wording import Words

STATE_FOLDER = ".source"
FINGERPRINTS = "fingerprints.txt"
HEADER = ("# Written by `coursebuild translated`: the source chapters this edition translates, as they were\n"
          "# when each was marked (SHA-256 of the paragraphs). The copies beside it show what changed since.\n")
FINGERPRINT_LINE = re.compile(r"^([0-9a-f]{64})  (\S.*)$")


@dataclass(frozen=True)
class SourceChange:
    """An edition chapter behind its source chapter: never marked, or marked before the source changed."""

    tag: str
    chapter: str  # the file name, the same in the source and the edition
    marked: bool  # False: never marked, so what changed is not known
    diff: str  # unified diff of the copy made at marking and the source now; '' when there is no copy
    edited: int = 0  # paragraphs
    added: int = 0
    removed: int = 0


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs (blocks between empty lines), each with its spacing evened out."""
    return [" ".join(block.split()) for block in re.split(r"\n[ \t]*\n", text) if block.strip()]


def fingerprint(text: str) -> str:
    return hashlib.sha256("\n\n".join(paragraphs(text)).encode("utf-8")).hexdigest()


def changes(course_dir: Path, tag: str, chapters: list[str]) -> list[SourceChange]:
    """The edition ``tag``'s chapters among ``chapters`` that are not in step with their source chapter."""
    recorded = _recorded(course_dir, tag)
    found = []
    for chapter in chapters:
        source = _text(course_dir / chapter, course_dir)
        if source is None:
            continue  # no source chapter: translation-chapter-extra says so
        if chapter not in recorded:
            found.append(SourceChange(tag, chapter, marked=False, diff=""))
        elif recorded[chapter] != fingerprint(source):
            found.append(_changed(course_dir, tag, chapter, source))
    return found


def _changed(course_dir: Path, tag: str, chapter: str, source: str) -> SourceChange:
    copy = _text(course_dir / tag / STATE_FOLDER / chapter, course_dir)
    if copy is None:
        return SourceChange(tag, chapter, marked=True, diff="")
    diff = "\n".join(difflib.unified_diff(copy.splitlines(), source.splitlines(), lineterm="", n=2,
                                          fromfile=f"{tag}/{STATE_FOLDER}/{chapter}", tofile=chapter))
    edited = added = removed = 0
    before, after = paragraphs(copy), paragraphs(source)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "replace":
            edited += min(i2 - i1, j2 - j1)
        if op in ("replace", "insert"):
            added += max(0, (j2 - j1) - (i2 - i1))
        if op in ("replace", "delete"):
            removed += max(0, (i2 - i1) - (j2 - j1))
    return SourceChange(tag, chapter, marked=True, diff=diff, edited=edited, added=added, removed=removed)


def changed_lines(course_dir: Path, tag: str, chapter: str) -> frozenset[int]:
    """The lines (from 1) of the source chapter as it is now that were added or edited since the edition's
    chapter was marked; none when it was never marked or no copy was kept (nothing to compare with)."""
    copy = _text(course_dir / tag / STATE_FOLDER / chapter, course_dir)
    source = _text(course_dir / chapter, course_dir)
    if copy is None or source is None:
        return frozenset()
    before, after = copy.splitlines(), source.splitlines()
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return frozenset(line + 1 for op, _, _, j1, j2 in matcher.get_opcodes() if op in ("replace", "insert")
                     for line in range(j1, j2))


def check_in_step(course_dir: Path, tag: str, chapters: list[str], report: Report, course_name: str) -> None:
    """A warning for each of the edition's ``chapters`` that is not marked in step with its source."""
    for change in changes(course_dir, tag, chapters):
        command = f"coursebuild translated {course_name} {tag} {change.chapter}"
        shown = f"{tag}/{change.chapter}"
        if not change.marked:
            report.add("translation-not-marked", shown, 1, source=change.chapter, command=command)
        else:
            report.add("translation-out-of-date", shown, 1, source=change.chapter, command=command,
                       changes=changes_in_words(report.language, change))


def mark_translated(course_dir: Path, tag: str, chapters: list[str]) -> None:
    """Record ``chapters`` of the edition ``tag`` as translating their source chapters as they are now."""
    folder = course_dir / tag / STATE_FOLDER
    folder.mkdir(exist_ok=True)
    if folder.is_symlink() or not is_inside(folder, course_dir):  # never write outside the course
        raise PermissionError(errno.EPERM, "a symbolic link out of the course", str(folder))
    recorded = _recorded(course_dir, tag)
    for chapter in chapters:
        source = _text(course_dir / chapter, course_dir)
        if source is None:
            raise FileNotFoundError(chapter)
        _write(folder / chapter, source)
        recorded[chapter] = fingerprint(source)
    _write(folder / FINGERPRINTS, HEADER + "".join(f"{digest}  {name}\n" for name, digest in sorted(recorded.items())))


def _recorded(course_dir: Path, tag: str) -> dict[str, str]:
    text = _text(course_dir / tag / STATE_FOLDER / FINGERPRINTS, course_dir) or ""
    return {match.group(2): match.group(1) for line in text.splitlines() if (match := FINGERPRINT_LINE.match(line))}


def _text(path: Path, course_dir: Path) -> str | None:
    """The file's text, or None when there is none to read (what is wrong with it, the reader reports)."""
    if not path.is_file():
        return None
    return read_text(path, path.name, Report(), within=course_dir)


def _write(path: Path, text: str) -> None:
    if path.is_symlink():
        raise PermissionError(errno.EPERM, "a symbolic link", str(path))
    temporary = path.with_name(f".{path.name}.writing")
    temporary.write_text(text, encoding="utf-8", newline="\n")
    os.replace(temporary, path)


# How much changed, in the trainer's language: '1 paragraph edited, 2 added'.
CHANGE_WORDS = {
    "edited": Words("{n} paragraph edited|{n} paragraphs edited", "{n} kappale muutettu|{n} kappaletta muutettu",
                    "{n} stycke ändrat|{n} stycken ändrade"),
    "added": Words("{n} added", "{n} lisätty", "{n} tillagt|{n} tillagda"),
    "removed": Words("{n} removed", "{n} poistettu", "{n} borttaget|{n} borttagna"),
    "added-first": Words("{n} paragraph added|{n} paragraphs added", "{n} kappale lisätty|{n} kappaletta lisätty",
                         "{n} stycke tillagt|{n} stycken tillagda"),
    "removed-first": Words("{n} paragraph removed|{n} paragraphs removed",
                           "{n} kappale poistettu|{n} kappaletta poistettu",
                           "{n} stycke borttaget|{n} stycken borttagna"),
    "unknown": Words("what changed is not known: {folder} holds no copy of the text as it was marked",
                     "mikä muuttui, ei tiedetä: kansiossa {folder} ei ole kopiota tekstistä sellaisena kuin se "
                     "merkittiin", "vad som ändrats vet man inte: {folder} har ingen kopia av texten som den var "
                     "när den markerades"),
}


def changes_in_words(language: str, change: SourceChange) -> str:
    parts = []
    for kind, count in (("edited", change.edited), ("added", change.added), ("removed", change.removed)):
        if count:
            parts.append(_counted(language, kind if parts or kind == "edited" else f"{kind}-first", count))
    return ", ".join(parts) or _counted(language, "unknown", 0, folder=f"{change.tag}/{STATE_FOLDER}/")


def _counted(language: str, key: str, n: int, **fields: str) -> str:
    forms = CHANGE_WORDS[key].template(language).split("|")
    return (forms[0] if n == 1 or len(forms) == 1 else forms[1]).format(n=n, **fields)


# What `coursebuild translated` says, in the course's language.
COMMAND_WORDS = {
    "marked": Words("{file} marked as in step with its source chapter {source}.",
                    "{file} merkittiin lähdeluvun {source} tasalle.",
                    "{file} markerades som à jour med källkapitlet {source}."),
    "not-an-edition": Words("'{tag}' is not a language edition of {course}: its course.yml lists {tags} under "
                            "translations.",
                            "'{tag}' ei ole kurssin {course} kieliversio: sen course.yml:n kohdassa translations "
                            "on {tags}.",
                            "'{tag}' är inte en språkversion av {course}: dess course.yml har {tags} under "
                            "translations."),
    "none": Words("none", "ei mitään", "ingen"),
    "name-chapters": Words("Name the chapters to mark, for example {example}, or write --all for every chapter.",
                           "Kerro merkittävät luvut, esimerkiksi {example}, tai kirjoita --all, niin kaikki luvut "
                           "merkitään.",
                           "Ange kapitlen som ska markeras, till exempel {example}, eller skriv --all för alla "
                           "kapitel."),
    "no-chapter": Words("{file}: there is no such chapter both in {course} and in {tag}/: nothing was marked.",
                        "{file}: tällaista lukua ei ole sekä kurssissa {course} että kansiossa {tag}/: mitään ei "
                        "merkitty.",
                        "{file}: något sådant kapitel finns inte både i {course} och i {tag}/: inget markerades."),
    "not-written": Words("Nothing was marked: {folder} could not be written ({detail}).",
                         "Mitään ei merkitty: kansioon {folder} ei voitu kirjoittaa ({detail}).",
                         "Inget markerades: det gick inte att skriva i {folder} ({detail})."),
    "changes-heading": Words("{path}: what changed in the source chapter {source} since the translation was marked:",
                             "{path}: mitä lähdeluvussa {source} on muuttunut sen jälkeen, kun käännös merkittiin:",
                             "{path}: vad som ändrats i källkapitlet {source} sedan översättningen markerades:"),
}


def say_about_marking(language: str, key: str, **fields: object) -> str:
    return COMMAND_WORDS[key].template(language).format(**fields)
