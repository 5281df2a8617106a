"""Lists what a Moodle course backup (.mbz) holds and finds the structural faults restore trips on."""

from __future__ import annotations

import gzip
import hashlib
import html
import re
import tarfile
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

_PLUGINFILE = re.compile(r"@@PLUGINFILE@@(/[^\"'<>\s?#]*)")
_ACTIVITY_FIELDS = ("moduleid", "sectionid", "modulename", "title", "directory")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


@dataclass
class InspectResult:
    lines: list[str] = field(default_factory=list)  # the human listing
    faults: list[str] = field(default_factory=list)  # each fault as one sentence; empty when sound
    warnings: list[str] = field(default_factory=list)  # what restore will warn about in some Moodle
    suits: list[str] = field(default_factory=list)  # the Moodle versions it restores into without a warning


# Moodle versions a backup is checked against: release -> the version number of its .0 release;
# its point releases count up the last two digits (4.5.6 is 2024100706). Restore warns when the
# backup's moodle_version is newer than the site's; since 5.0 it also
# warns once for each question category outside a question bank activity (restore_dbops::
# prechek_precheck_qbanks_by_level, 'qcategory2coursefallback').
MOODLE_SITES = (("4.4", 2024042200), ("4.5", 2024100700), ("5.0", 2025041400), ("5.1", 2025100600))
QBANK_SINCE = 2025041400
CONTEXT_MODULE = "70"


@dataclass(frozen=True)
class _File:
    id: str
    contenthash: str
    contextid: str
    component: str
    filearea: str
    itemid: str
    filepath: str
    filename: str
    filesize: int
    mimetype: str

    @property
    def is_directory(self) -> bool:
        return self.filename == "."

    def describe(self) -> str:
        return f"{self.component}/{self.filearea}/{self.itemid}{self.filepath}{self.filename}"


@dataclass
class _BankEntry:
    id: str
    category: str  # its category's name
    loaded: bool  # its category is named in an inforef.xml, so restore reads it
    qtype: str = "?"
    name: str = ""
    answers: int = 0
    single: bool = True

    def describe(self) -> str:
        kind = self.qtype
        if self.qtype == "multichoice":
            kind += ", one answer" if self.single else ", several answers"
        return f"entry {self.id}: {self.name}  ({kind}, {self.answers} options)"


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def inspect_backup(path: Path) -> InspectResult:
    result = InspectResult()
    try:
        entries = _read_archive(path, result.faults)
    except _Refused as refusal:
        result.faults.append(f"{path.name}: {refusal}; not read further")
        return result
    except (OSError, tarfile.TarError, zipfile.BadZipFile, EOFError, zlib.error, gzip.BadGzipFile) as error:
        result.faults.append(f"{path.name}: not a readable backup archive ({error})")
        return result
    _Inspection(entries, result).run(path.name)
    return result


# A backup can come from anywhere, so it is read as hostile: no entry is written to disk, an XML
# file is held only up to XML_LIMIT, other contents only hashed, and reading stops at TOTAL_LIMIT
# unpacked bytes or as soon as the archive unpacks like a compression bomb (BOMB_RATIO times its
# packed size past BOMB_FLOOR; real backups unpack 2-20 times).
XML_LIMIT = 64 * 2**20
ENTRY_LIMIT = 2 * 2**30
TOTAL_LIMIT = 4 * 2**30
BOMB_FLOOR = 32 * 2**20
BOMB_RATIO = 200
_CHUNK = 2**20


class _Refused(Exception):
    """The archive is not read further."""


@dataclass(frozen=True)
class _Digest:
    """A content entry that is not held in memory: its size and SHA-1."""

    size: int
    sha1: str


class _Budget:
    """Counts what the archive unpacks to against what it takes packed."""

    def __init__(self, packed) -> None:
        self.packed = packed  # the raw file: its position is the packed bytes read
        self.unpacked = 0

    def take(self, count: int) -> None:
        self.unpacked += count
        if self.unpacked > TOTAL_LIMIT:
            raise _Refused(f"it unpacks to over {TOTAL_LIMIT // 2**30} GB")
        packed = max(self.packed.tell(), 1)
        if self.unpacked > BOMB_FLOOR and self.unpacked > BOMB_RATIO * packed:
            raise _Refused(f"{packed} bytes unpack to over {self.unpacked} bytes, as a compression bomb does")


def _unsafe_name(name: str) -> str | None:
    """Why an entry name could not be extracted safely, or None."""
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return "an absolute path"
    if ".." in re.split(r"[/\\]", name):
        return "a path with '..' that leads out of the backup folder"
    return None


def _read_archive(path: Path, faults: list[str]) -> dict[str, bytes | _Digest | None]:
    """Archive path -> content (XML), its size and hash (other files) or None (a directory).
    Entries that could not be extracted safely are faults and are not read."""
    entries: dict[str, bytes | _Digest | None] = {}
    with open(path, "rb") as raw:
        budget = _Budget(raw)
        if zipfile.is_zipfile(raw):
            raw.seek(0)
            with zipfile.ZipFile(raw) as archive:
                for info in archive.infolist():
                    name = info.filename[2:] if info.filename.startswith("./") else info.filename
                    kind = "a symbolic link" if (info.external_attr >> 16) & 0o170000 == 0o120000 else None
                    if _admit(name, kind, faults):
                        with archive.open(info) as stream:
                            entries[name.rstrip("/")] = None if info.is_dir() else _content(name, stream, budget)
            return entries
        raw.seek(0)
        # gzip's own reader unpacks no more than it is asked for (tarfile's would unpack a whole
        # packed block at once: tens of megabytes of a bomb).
        packed = gzip.GzipFile(fileobj=raw, mode="rb") if raw.read(2) == b"\x1f\x8b" else raw
        raw.seek(0)
        with tarfile.open(fileobj=packed, mode="r|") as archive:
            for member in archive:
                name = member.name[2:] if member.name.startswith("./") else member.name
                kind = ("a symbolic link" if member.issym() else "a hard link" if member.islnk()
                        else None if member.isfile() or member.isdir() else "a special file")
                if not _admit(name, kind, faults):
                    continue
                if member.isdir():
                    entries[name.rstrip("/")] = None
                else:
                    if member.size > (XML_LIMIT if name.endswith(".xml") else ENTRY_LIMIT):
                        raise _Refused(f"{name} unpacks to {member.size} bytes, more than a backup entry may")
                    entries[name] = _content(name, archive.extractfile(member), budget)
    return entries


def _admit(name: str, kind: str | None, faults: list[str]) -> bool:
    why = _unsafe_name(name)
    if why or kind:
        faults.append(f"entry {name!r} is {why or kind}: restore would refuse it or write outside its folder")
        return False
    return True


def _content(name: str, stream, budget: _Budget) -> bytes | _Digest:
    """An XML entry's bytes (up to XML_LIMIT), or any other entry's size and SHA-1, read in chunks."""
    xml = name.endswith(".xml")
    limit = XML_LIMIT if xml else ENTRY_LIMIT
    held, digest, size = [], hashlib.sha1(), 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        budget.take(len(chunk))
        if size > limit:
            raise _Refused(f"{name} unpacks to more than {limit} bytes, more than a backup entry may")
        if xml:
            held.append(chunk)
        else:
            digest.update(chunk)
    return b"".join(held) if xml else _Digest(size, digest.hexdigest())


class _Inspection:
    def __init__(self, entries: dict[str, bytes | None], result: InspectResult) -> None:
        self.entries = entries
        self.result = result
        self.trees: dict[str, etree._Element] = {}
        self.files: list[_File] = []

    def fault(self, message: str) -> None:
        self.result.faults.append(message)

    def line(self, text: str) -> None:
        self.result.lines.append(text)

    def run(self, name: str) -> None:
        self._parse_all()
        backup = self.trees.get("moodle_backup.xml")
        if backup is None:
            if "moodle_backup.xml" not in self.entries:
                self.fault("moodle_backup.xml is missing: this is not a Moodle 2+ backup")
            return
        info = backup.find("information")
        if info is None:
            self.fault("moodle_backup.xml: no <information> element")
            return
        self._describe_backup(name, info)
        activities = self._activities(info)
        self._sections(info, activities)
        bank = self._question_bank()
        self._moodle_versions(info, activities)
        self._quizzes(activities, bank)
        self._files(info)
        self._plugin_file_references(info)
        self._inforefs()

    # -- XML ---------------------------------------------------------------------------------

    def _parse_all(self) -> None:
        for path, data in sorted(self.entries.items()):
            if data is None or not path.endswith(".xml"):
                continue
            try:
                self.trees[path] = etree.fromstring(data, _PARSER)
            except etree.XMLSyntaxError as error:
                self.fault(f"{path}: XML is not well formed ({error})")

    def _text(self, element, tag: str, default: str = "") -> str:
        found = element.find(tag) if element is not None else None
        return (found.text or default) if found is not None else default

    # -- listing -----------------------------------------------------------------------------

    def _describe_backup(self, name: str, info) -> None:
        t = partial(self._text, info)
        detail = info.find("details/detail")
        kind = f"{self._text(detail, 'format', '?')} {self._text(detail, 'type', '?')}"
        self.line(f"Backup {name}: {kind} backup, Moodle {t('moodle_release')} ({t('moodle_version')}), "
                  f"backup format {t('backup_release')} ({t('backup_version')})")
        self.line(f"Course: {t('original_course_fullname')} [{t('original_course_shortname')}], "
                  f"format {t('original_course_format')}")

    def _activities(self, info) -> list[dict[str, str]]:
        activities = []
        for element in info.findall("contents/activities/activity"):
            activity = {tag: self._text(element, tag) for tag in _ACTIVITY_FIELDS}
            directory = activity["directory"]
            if not any(p.startswith(directory + "/") for p in self.entries):
                self.fault(f"activity {activity['modulename']} {activity['moduleid']} ('{activity['title']}'): "
                           f"its folder {directory}/ is missing")
            else:
                for needed in ("module.xml", f"{activity['modulename']}.xml"):
                    if f"{directory}/{needed}" not in self.entries:
                        self.fault(f"activity {activity['modulename']} {activity['moduleid']}: "
                                   f"{directory}/{needed} is missing")
            root = self.trees.get(f"{directory}/{activity['modulename']}.xml")
            activity["contextid"] = root.get("contextid", "") if root is not None else ""
            activities.append(activity)
        return activities

    def _sections(self, info, activities: list[dict[str, str]]) -> None:
        sections = info.findall("contents/sections/section")
        self.line(f"Sections: {len(sections)}, activities: {len(activities)}")
        listed = set()
        for element in sections:
            sectionid = self._text(element, "sectionid")
            directory = self._text(element, "directory")
            section = self.trees.get(f"{directory}/section.xml")
            if section is None:
                if f"{directory}/section.xml" not in self.entries:
                    self.fault(f"section {sectionid}: {directory}/section.xml is missing")
                number, name = "?", self._text(element, "title")
            else:
                number, name = self._text(section, "number", "?"), self._text(section, "name")
            self.line(f"  Section {number}: {name if name and name != '$@NULL@$' else '(default name)'}  [{directory}]")
            for activity in activities:
                if activity["sectionid"] == sectionid:
                    listed.add(activity["moduleid"])
                    self.line(f"    {activity['modulename']} {activity['moduleid']}: {activity['title']}"
                              f"  [{activity['directory']}]")
        for activity in activities:
            if activity["moduleid"] not in listed:
                self.fault(f"activity {activity['modulename']} {activity['moduleid']} is in section "
                           f"{activity['sectionid']}, which the backup does not list")

    def _moodle_versions(self, info, activities: list[dict[str, str]]) -> None:
        """Which Moodle sites restore the backup without a precheck warning, and what the others say."""
        declared = _number(self._text(info, "moodle_version"))
        root = self.trees.get("questions.xml")
        categories = root.findall("question_category") if root is not None else []
        banks = {a["contextid"] for a in activities if a["modulename"] == "qbank"}
        outside = [c for c in categories
                   if not (self._text(c, "contextlevel") == CONTEXT_MODULE and self._text(c, "contextid") in banks)]
        for release, version in MOODLE_SITES:
            problems = []
            if declared >= version + 100:  # beyond the last point release: a newer Moodle made it
                problems.append(f"the backup is from a newer Moodle ({self._text(info, 'moodle_release')}) "
                                "and restore warns that it may not restore correctly")
            if version >= QBANK_SINCE and outside:
                problems.append(f"{len(outside)} question categories are outside a question bank activity: one "
                                "warning each, and restore adds a hidden 'System shared question bank' activity")
            if problems:
                self.result.warnings.append(f"in Moodle {release}: " + "; ".join(problems))
            elif declared > version:
                self.result.suits.append(f"{release} (from {self._text(info, 'moodle_release')} on)")
            else:
                self.result.suits.append(release)
        suits = ", ".join(self.result.suits) or "none of " + ", ".join(r for r, _ in MOODLE_SITES)
        self.line(f"Restores without warnings in Moodle: {suits}")

    # -- questions ---------------------------------------------------------------------------

    def _question_bank(self) -> dict[str, _BankEntry]:
        """List questions.xml; return its question bank entries by id."""
        entries: dict[str, _BankEntry] = {}
        root = self.trees.get("questions.xml")
        if root is None:
            return entries
        categories = root.findall("question_category")
        named = self._inforef_ids("question_categoryref/question_category/id")
        questions = root.findall(".//question_bank_entry")
        if categories:
            self.line(f"Question bank: {len(categories)} categories, {len(questions)} questions")
        tops: dict[str, int] = {}
        for category in categories:
            cid, name, context = category.get("id", ""), self._text(category, "name"), self._text(category, "contextid")
            if self._text(category, "parent") == "0":
                tops[context] = tops.get(context, 0) + 1
            found = category.findall("question_bank_entries/question_bank_entry")
            self.line(f"  Category {cid}: {name}  (context {context}, {len(found)} questions)")
            if cid not in named:
                self.fault(f"questions.xml: category {cid} ('{name}') is named in no inforef.xml, "
                           f"so restore skips it and its {len(found)} questions")
            for element in found:
                entry = self._bank_entry(element, name, cid in named)
                entries[entry.id] = entry
                self.line(f"    {entry.describe()}")
        for context, count in tops.items():
            if count > 1:
                self.fault(f"questions.xml: context {context} has {count} top categories; restore refuses the backup")
        known = {c.get("id", "") for c in categories}
        for path, root in sorted(self.trees.items()):
            if not path.endswith("inforef.xml"):
                continue
            for element in root.findall("question_categoryref/question_category/id"):
                if element.text not in known:
                    self.fault(f"{path}: question category {element.text} is not in questions.xml")
        return entries

    def _bank_entry(self, element, category: str, loaded: bool) -> "_BankEntry":
        question = element.find("question_version/question_versions/questions/question")
        entry = _BankEntry(element.get("id", ""), category, loaded)
        if question is None:
            self.fault(f"questions.xml: question bank entry {entry.id} has no question")
            return entry
        entry.qtype, entry.name = self._text(question, "qtype"), self._text(question, "name")
        plugin = question.find(f"plugin_qtype_{entry.qtype}_question")
        answers = plugin.findall("answers/answer") if plugin is not None else []
        fractions = {a.get("id", ""): _number(self._text(a, "fraction")) for a in answers}
        entry.answers = len(answers)
        where = f"questions.xml: question {question.get('id', '')} ('{entry.name}')"
        if entry.qtype == "multichoice":
            entry.single = self._text(plugin.find("multichoice"), "single") == "1"
            if entry.single and max(fractions.values(), default=0) != 1:
                self.fault(f"{where}: no answer has fraction 1, so nobody can answer it right")
            elif not entry.single and round(sum(f for f in fractions.values() if f > 0), 2) != 1:
                self.fault(f"{where}: the right answers' fractions add up to "
                           f"{sum(f for f in fractions.values() if f > 0):g}, not 1")
        elif entry.qtype == "truefalse":
            options = plugin.find("truefalse")
            for which in ("trueanswer", "falseanswer"):
                if self._text(options, which) not in fractions:
                    self.fault(f"{where}: {which} {self._text(options, which)!r} is not one of its answers")
        return entry

    def _quizzes(self, activities: list[dict[str, str]], bank: dict[str, "_BankEntry"]) -> None:
        quizzes = [a for a in activities if a["modulename"] == "quiz"]
        if quizzes:
            self.line(f"Quizzes: {len(quizzes)}")
        for activity in quizzes:
            path = f"{activity['directory']}/quiz.xml"
            root = self.trees.get(path)
            quiz = root.find("quiz") if root is not None else None
            if quiz is None:
                continue
            slots = quiz.findall("question_instances/question_instance")
            attempts = self._text(quiz, "attempts_number", "0")
            attempts = "unlimited" if attempts == "0" else attempts
            self.line(f"  quiz {activity['moduleid']}: {self._text(quiz, 'name')}  ({len(slots)} slots, "
                      f"{self._text(quiz, 'preferredbehaviour')}, attempts {attempts})")
            for slot in slots:
                number = self._text(slot, "slot", "?")
                reference = slot.find("question_reference")
                if reference is None:
                    self.line(f"    slot {number}: random question")
                    continue
                entry_id = self._text(reference, "questionbankentryid")
                entry = bank.get(entry_id)
                if entry is None:
                    self.fault(f"{path}: slot {number} refers to question bank entry {entry_id}, "
                               f"which questions.xml does not have")
                    continue
                self.line(f"    slot {number}: {entry.describe()}  [{entry.category}]")
                if not entry.loaded:
                    self.fault(f"{path}: slot {number}'s question is in a category no inforef.xml names")
                context = self._text(reference, "usingcontextid")
                if context != activity["contextid"]:
                    self.fault(f"{path}: slot {number}'s question reference uses context {context}, "
                               f"not the quiz's context {activity['contextid']}")

    def _inforef_ids(self, xpath: str) -> set[str]:
        return {e.text or "" for path, root in self.trees.items() if path.endswith("inforef.xml")
                for e in root.findall(xpath)}

    # -- files -------------------------------------------------------------------------------

    def _files(self, info) -> None:
        root = self.trees.get("files.xml")
        if root is None:
            if "files.xml" not in self.entries:
                self.fault("files.xml is missing")
            return
        for element in root.findall("file"):
            t = partial(self._text, element)
            size = t("filesize")
            self.files.append(_File(element.get("id", ""), t("contenthash"), t("contextid"), t("component"),
                                    t("filearea"), t("itemid"), t("filepath"), t("filename"),
                                    int(size) if size.isdigit() else 0, t("mimetype")))
        real = [f for f in self.files if not f.is_directory]
        self.line(f"Files: {len(real)} (and {len(self.files) - len(real)} folder entries), "
                  f"{len({f.contenthash for f in real})} distinct contents")
        for f in real:
            self.line(f"  {f.describe()}  {f.filesize} bytes  {f.mimetype}  (context {f.contextid})")
        include_files = self._text(info, "include_files", "1") != "0"
        for f in real if include_files else []:
            pooled = f"files/{f.contenthash[:2]}/{f.contenthash}"
            data = self.entries.get(pooled)
            if not isinstance(data, _Digest):
                self.fault(f"files.xml file {f.id} ({f.describe()}) has no content: {pooled} is missing")
            elif data.sha1 != f.contenthash:
                self.fault(f"files.xml file {f.id} ({f.describe()}): the content in {pooled} has another SHA-1")
            elif data.size != f.filesize:
                self.fault(f"files.xml file {f.id} ({f.describe()}): filesize {f.filesize}, content {data.size} bytes")

    def _plugin_file_references(self, info) -> None:
        course_context = self._text(info, "original_course_contextid")
        for path, root in sorted(self.trees.items()):
            for element in root.iter():
                if not isinstance(element.tag, str) or not element.text or "@@PLUGINFILE@@" not in element.text:
                    continue
                area = self._expected_area(path, root, element, course_context)
                for match in _PLUGINFILE.finditer(element.text):
                    reference = unquote(html.unescape(match.group(1)))
                    filepath, _, filename = reference.rpartition("/")
                    if filename and not self._resolves(area, filepath + "/", filename):
                        contextid, component, filearea, itemid = area
                        where = "/".join(x for x in (component, filearea, itemid) if x) or "any area"
                        where += f" of context {contextid}" if contextid else ""
                        self.fault(f"{path}: <{element.tag}> refers to @@PLUGINFILE@@{match.group(1)}, "
                                   f"but files.xml has no such file in {where}")

    def _expected_area(self, path: str, root, element, course_context: str) -> tuple:
        """(contextid, component, filearea, itemid) the reference must resolve in; '' matches anything."""
        if path == "course/course.xml":
            return (root.get("contextid", course_context), "course", "summary", "0")
        if path.startswith("sections/") and path.endswith("/section.xml"):
            return (course_context, "course", "section", root.get("id", ""))
        if path.startswith("activities/") and root.tag == "activity":
            module, contextid = root.get("modulename", ""), root.get("contextid", "")
            if module == "book" and element.tag == "content":
                chapter = element.getparent()
                return (contextid, "mod_book", "chapter", chapter.get("id", "") if chapter is not None else "")
            if element.tag in ("intro", "content"):
                return (contextid, f"mod_{module}", element.tag, "0")
            return (contextid, "", "", "")
        if path == "questions.xml":
            return ("", "question*", "", "")
        return ("", "", "", "")

    def _resolves(self, area: tuple, filepath: str, filename: str) -> bool:
        contextid, component, filearea, itemid = area
        for f in self.files:
            if f.filename != filename or f.filepath != filepath:
                continue
            if contextid and f.contextid != contextid:
                continue
            if component == "question*":
                if not (f.component == "question" or f.component.startswith("qtype_")):
                    continue
            elif component and f.component != component:
                continue
            if (filearea and f.filearea != filearea) or (itemid and f.itemid != itemid):
                continue
            return True
        return False

    def _inforefs(self) -> None:
        """Restore only loads the files some inforef.xml names (question and user files excepted)."""
        referenced: set[str] = set()
        for path, root in sorted(self.trees.items()):
            if not path.endswith("inforef.xml"):
                continue
            for element in root.findall("fileref/file/id"):
                referenced.add(element.text or "")
                if element.text not in {f.id for f in self.files}:
                    self.fault(f"{path}: file {element.text} is not in files.xml")
        exempt = ("user", "group", "grouping", "badges", "grade", "question")
        for f in self.files:
            if f.id not in referenced and not (f.component in exempt or f.component.startswith("qtype_")):
                self.fault(f"files.xml file {f.id} ({f.describe()}) is named in no inforef.xml, so restore skips it")
