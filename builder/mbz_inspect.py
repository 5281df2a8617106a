"""Lists what a Moodle course backup (.mbz) holds and finds the structural faults restore trips on."""

from __future__ import annotations

import hashlib
import html
import re
import tarfile
import zipfile
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
        entries = _read_archive(path)
    except (OSError, tarfile.TarError, zipfile.BadZipFile, EOFError) as error:
        result.faults.append(f"{path.name}: not a readable backup archive ({error})")
        return result
    _Inspection(entries, result).run(path.name)
    return result


def _read_archive(path: Path) -> dict[str, bytes | None]:
    """Archive path -> content (None for a directory)."""
    entries: dict[str, bytes | None] = {}
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = info.filename.lstrip("./") if info.filename.startswith("./") else info.filename
                entries[name.rstrip("/")] = None if info.is_dir() else archive.read(info)
        return entries
    with tarfile.open(path, "r:*") as archive:
        for member in archive:
            name = member.name[2:] if member.name.startswith("./") else member.name
            if member.isdir():
                entries[name.rstrip("/")] = None
            elif member.isfile():
                entries[name] = archive.extractfile(member).read()
    return entries


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
            if data is None:
                self.fault(f"files.xml file {f.id} ({f.describe()}) has no content: {pooled} is missing")
            elif hashlib.sha1(data).hexdigest() != f.contenthash:
                self.fault(f"files.xml file {f.id} ({f.describe()}): the content in {pooled} has another SHA-1")
            elif len(data) != f.filesize:
                self.fault(f"files.xml file {f.id} ({f.describe()}): filesize {f.filesize}, content {len(data)} bytes")

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
