"""Decides what goes where: sections, activities, ids, file areas and rewritten HTML."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Mapping
from urllib.parse import unquote

from ...diagnostics import Report
from ...model import Chapter, Course, SourcePos
from ...wording import moodle_reason
from .anchors import anchor_ids
from .book_parts import BookPart, book_parts
from .book_xml import BookChapter, book_element
from ...web_images import column_image
from .files import AreaKey, FileRegistry, content_of, image_content
from .gradebook_xml import natural_weights
from .ids import COURSE_CONTEXT_ID, COURSE_GRADE_ITEM_ID, COURSE_ID, Sequence, epoch, module_context_id
from .labels import (lacking_pdfs, question_bank_name, quiz_description, quiz_name, read_chapter, resource_label,
                     section_name)
from .links import BookLinks, ChapterLinks, PageLinks, element_ids, pluginfile_url, rewrite_html
from .page_xml import page_element
from .qbank_xml import qbank_element
from .question_bank import QuestionBankPlanner
from .quiz_xml import QUIZ_GRADE, QuizSlot, quiz_element
from .resource_xml import resource_element
from .structure import (
    COMPLETION_NONE,
    COMPLETION_RULES,
    COMPLETION_VIEW,
    Activity,
    Backup,
    BankCategory,
    BankContext,
    GradeItem,
    Section,
    clip,
)
from .theme_html import dress_html
from .versions import MOODLE_4, Target

PRODUCTS = ("booklet-pdf", "slides-pdf")  # built PDFs offered for download in section 0, in this order


@dataclass(frozen=True)
class _Slot:
    """An activity whose ids are decided but whose content is not written yet."""

    cmid: int
    modulename: str
    instance_id: int
    section: "_SectionSlot"

    @property
    def contextid(self) -> int:
        return module_context_id(self.cmid)

    @property
    def owner(self) -> str:
        return f"activity:{self.cmid}"


@dataclass(frozen=True)
class _SectionSlot:
    id: int
    number: int


CONTEXT_COURSE = 50
CONTEXT_MODULE = 70


def plan_backup(course: Course, products: Mapping[str, Path], report: Report, target: Target = MOODLE_4) -> Backup:
    return _Planner(course, report, target).plan(products)


class _Planner:
    def __init__(self, course: Course, report: Report, target: Target) -> None:
        self.course = course
        self.report = report
        self.target = target
        self.ids = Sequence()
        self.registry = FileRegistry()
        self.time = epoch(course.build_time)
        self.links: ChapterLinks = PageLinks({}, {})
        self.activity_names: tuple[str, ...] = ()  # what Moodle's activity-name filter would link

    def plan(self, products: Mapping[str, Path]) -> Backup:
        course, book = self.course, self.course.meta.moodle.layout == "book"
        intro = _SectionSlot(self.ids.next("section"), 0)
        chapter_sections = [_SectionSlot(self.ids.next("section"), n) for n, _ in enumerate(course.chapters, 1)]

        book_slot = self._slot("book", intro) if book else None
        pdf_slots = [(self._slot("resource", intro), name, products[name]) for name in PRODUCTS if name in products]
        page_slots = [] if book else [self._slot("page", s) for s in chapter_sections]
        self.activity_names = self._learners_activity_names(book, [name for _, name, _ in pdf_slots])
        quiz_slots = [self._slot("quiz", s) for ch, s in zip(course.chapters, chapter_sections) if ch.questions]
        # Since Moodle 5.0 questions live in a question bank activity; it takes the last course
        # module id, so that every other id is the same as in the backup for Moodle 4.
        bank_slot = self._slot("qbank", intro) if quiz_slots and self.target.question_bank_activity else None
        if bank_slot:
            context = BankContext(bank_slot.contextid, CONTEXT_MODULE, bank_slot.cmid)
        else:
            context = BankContext(COURSE_CONTEXT_ID, CONTEXT_COURSE, COURSE_ID)

        activities: dict[int, list[Activity]] = {s.id: [] for s in [intro, *chapter_sections]}
        if book_slot:
            activities[intro.id].append(self._book(book_slot))
        else:
            cmids = {ch.id: slot.cmid for ch, slot in zip(course.chapters, page_slots)}
            self.links = PageLinks(cmids, {ch.id: anchor_ids(ch) for ch in course.chapters})
        for slot, name, path in pdf_slots:
            activities[intro.id].append(self._resource(slot, name, path))
        for chapter, slot in zip(course.chapters, page_slots):
            activities[slot.section.id].append(self._page(slot, chapter))
        bank = QuestionBankPlanner(course, self.ids, self._html, context.contextid).plan()
        for quiz in self._quizzes(quiz_slots, bank):
            activities[quiz.section_id].append(quiz)
        if bank_slot:
            activities[intro.id].append(self._question_bank(bank_slot, bank))

        meta = course.meta
        intro_html = self._intro_html(f"section:{intro.id}", "section", intro.id) + _lacking_pdfs_note(
            course.meta.language, products)
        sections = [Section(intro.id, 0, None, intro_html, tuple(activities[intro.id]))]
        for chapter, s in zip(course.chapters, chapter_sections):
            summary = self._summary(chapter) + (self._book_link(chapter, s) if book else "")
            name = clip(section_name(chapter.number, chapter.title))
            sections.append(Section(s.id, s.number, name, summary, tuple(activities[s.id])))
        return Backup(
            meta=meta,
            summary=self._intro_html("course", "summary", 0),
            sections=tuple(sections),
            files=self.registry.freeze(),
            time=self.time,
            start_date=epoch(meta.moodle.start_date or meta.edition_date),
            question_bank=bank,
            target=self.target,
            bank_context=context if bank else None,
        )

    def _learners_activity_names(self, book: bool, products: list[str]) -> tuple[str, ...]:
        """The names of the activities a learner sees, as the backup gives them (the question bank
        is hidden): Moodle's activity-name filter links every mention of one in the course's texts."""
        meta, chapters = self.course.meta, self.course.chapters
        names = [meta.title] if book else [read_chapter(meta.language, ch.title, ch.kind) for ch in chapters]
        names += [resource_label(meta.language, product)[0] for product in products]
        names += [quiz_name(meta.moodle.quiz_name, ch.number, ch.title) for ch in chapters if ch.questions]
        return tuple(clip(name) for name in names)

    # -- ids ---------------------------------------------------------------------------------

    def _slot(self, modulename: str, section: _SectionSlot) -> _Slot:
        return _Slot(self.ids.next("course_module"), modulename, self.ids.next(modulename), section)

    def _activity(self, slot: _Slot, name: str, element, completion: str, **more) -> Activity:
        return Activity(
            cmid=slot.cmid,
            modulename=slot.modulename,
            instance_id=slot.instance_id,
            contextid=slot.contextid,
            section_id=slot.section.id,
            section_number=slot.section.number,
            name=clip(name),
            completion=completion,
            element=element,
            **more,
        )

    # -- activities ---------------------------------------------------------------------------

    def _page(self, slot: _Slot, chapter: Chapter) -> Activity:
        area = AreaKey(slot.owner, slot.contextid, "mod_page", "content", 0)
        # Moodle 4.0+ shows a Page's name as the h1 of its page (seen in 4.5 and 5.1).
        content = self._html(chapter.body_html, area, f"page:{slot.cmid}", chapter.pos, heading_level=1)
        name = read_chapter(self.course.meta.language, chapter.title, chapter.kind)
        element = page_element(slot.instance_id, clip(name), self._summary(chapter), content, self.time)
        return self._activity(slot, name, element, COMPLETION_VIEW)

    def _book(self, slot: _Slot) -> Activity:
        meta = self.course.meta
        links = BookLinks(slot.cmid, {ch.id: anchor_ids(ch) for ch in self.course.chapters})
        planned: list[tuple[Chapter, int, BookPart]] = []
        for chapter in self.course.chapters:
            for part in book_parts(chapter):
                chapter_id = self.ids.next("book_chapter")
                if not part.subchapter:
                    links.top[chapter.id] = chapter_id
                if part.anchor:
                    links.add_anchor(chapter.id, part.anchor, chapter_id, keep=False)
                for anchor in element_ids(part.html):
                    links.add_anchor(chapter.id, anchor, chapter_id, keep=True)
                planned.append((chapter, chapter_id, part))
        self.links = links
        chapters = []
        for pagenum, (chapter, chapter_id, part) in enumerate(planned, 1):
            area = AreaKey(slot.owner, slot.contextid, "mod_book", "chapter", chapter_id)
            html = part.html or _paragraph(chapter.summary)
            # Moodle's book shows a chapter's title as h3, a subchapter's under it as h4.
            content = self._html(html, area, f"book:{slot.cmid}:{chapter_id}", chapter.pos,
                                 heading_level=4 if part.subchapter else 3)
            chapters.append(BookChapter(chapter_id, pagenum, part.subchapter, clip(part.title), content))
        intro = _paragraph(meta.subtitle) if meta.subtitle else ""
        element = book_element(slot.instance_id, clip(meta.title), intro, chapters, self.time)
        return self._activity(slot, meta.title, element, COMPLETION_VIEW)

    def _summary(self, chapter: Chapter) -> str:
        """The chapter's summary as a paragraph, mentions of an activity's name kept from becoming links."""
        return dress_html(_paragraph(chapter.summary), 3, self.activity_names)

    def _book_link(self, chapter: Chapter, section: _SectionSlot) -> str:
        """A link from the chapter's section to its chapter of the book, which is in section 0: the
        reading starts where the learner is."""
        text = escape(read_chapter(self.course.meta.language, chapter.title, chapter.kind), quote=False)
        area = AreaKey(f"section:{section.id}", COURSE_CONTEXT_ID, "course", "section", section.id)
        return self._html(f'<p><a href="chapter:{chapter.id}">{text}</a></p>', area, f"section:{section.id}",
                          chapter.pos)

    def _resource(self, slot: _Slot, product: str, path: Path) -> Activity:
        name, description = resource_label(self.course.meta.language, product)
        area = AreaKey(slot.owner, slot.contextid, "mod_resource", "content", 0)
        # sortorder 1 marks the resource's main file, the one Moodle shows.
        self.registry.add(area, path.name, content_of(path, "application/pdf"), sortorder=1)
        element = resource_element(slot.instance_id, clip(name), _paragraph(description), self.time)
        return self._activity(slot, name, element, COMPLETION_NONE)

    def _question_bank(self, slot: _Slot, bank: tuple[BankCategory, ...]) -> Activity:
        """The course's question bank activity (Moodle 5.0+): holds every category, hidden from learners."""
        name = question_bank_name(self.course.meta.language)
        element = qbank_element(slot.instance_id, name, self.time)
        return self._activity(slot, name, element, COMPLETION_NONE, question_category_ids=tuple(c.id for c in bank),
                              visible=False)

    def _quizzes(self, slots: list[_Slot], bank: tuple[BankCategory, ...]) -> list[Activity]:
        """A quiz per chapter category of the bank (bank[0] is 'top'), each with its grade item."""
        chapters = [c for c in self.course.chapters if c.questions]
        weights = natural_weights([float(QUIZ_GRADE)] * len(slots))
        quizzes = []
        for number, (slot, category, weight, chapter) in enumerate(zip(slots, bank[1:], weights, chapters), 1):
            name = clip(quiz_name(self.course.meta.moodle.quiz_name, chapter.number, chapter.title))
            grade = GradeItem(COURSE_GRADE_ITEM_ID + number, slot.instance_id, name, QUIZ_GRADE, weight, 1 + number)
            quizzes.append(self._quiz(slot, name, category, bank, grade))
        return quizzes

    def _quiz(self, slot: _Slot, name: str, category: BankCategory, bank: tuple[BankCategory, ...],
              grade: GradeItem) -> Activity:
        """The chapter's self-check questions as a quiz of its own, drawn from its bank category."""
        slots = [QuizSlot(self.ids.next("quiz_slot"), question.id) for question in category.questions]
        intro = _paragraph(quiz_description(self.course.meta.language))
        element = quiz_element(slot.instance_id, slot.contextid, name, intro, slots, self.time, self.target)
        # Like Moodle, the quiz names the whole bank its questions come from.
        categories = tuple(c.id for c in bank)
        return self._activity(slot, name, element, COMPLETION_RULES, grade_items=(grade,),
                              question_category_ids=categories)

    # -- HTML -------------------------------------------------------------------------------

    def _intro_html(self, owner: str, filearea: str, itemid: int) -> str:
        area = AreaKey(owner, COURSE_CONTEXT_ID, "course", filearea, itemid)
        return self._html(self.course.meta.introduction_html, area, owner, None)

    def _html(self, html: str, area: AreaKey, here: str, where: SourcePos | None, heading_level: int = 3) -> str:
        """``html`` for Moodle: its images stored in ``area``, its links encoded, dressed for the
        theme; ``here`` is the place it is shown in, ``where`` the source a problem is reported at,
        ``heading_level`` the level of the heading Moodle shows it under (a section's name is h3)."""
        def asset_url(key: str) -> str | None:
            # The reader's HTML serialiser may have percent-encoded the key ('ik%C3%A4ihminen.png').
            asset = self.course.assets.get(key) or self.course.assets.get(unquote(key))
            if asset is None:
                return None
            filename, content = image_content(asset)
            return pluginfile_url(self.registry.add(area, filename, content))

        def image_size(key: str) -> tuple[int | None, int | None]:
            picture = column_image(self.course.assets.get(key) or self.course.assets[unquote(key)])
            return picture.width, picture.height

        def problem(detail: str) -> None:
            path, line = (where.path, where.line) if where else ("course.yml", 1)
            self.report.add("render-problem", path, line, output="Moodle",
                            detail=moodle_reason(self.report.language, detail))

        rewritten = rewrite_html(html, here=here, asset_url=asset_url, links=self.links, problem=problem,
                                 image_size=image_size)
        return dress_html(rewritten, heading_level, self.activity_names)


def _lacking_pdfs_note(language: str, products: Mapping[str, Path]) -> str:
    """A paragraph naming the PDFs the backup lacks because the computer that built it had no Pango
    (builder.pdf.pango: the build then leaves the PDF writers out); '' when it has them all."""
    lacking = [name for name in PRODUCTS if name not in products]
    if not lacking:
        return ""
    from ...pdf.pango import pango_missing  # imports WeasyPrint: only for a backup that lacks a PDF

    if pango_missing() is None:
        return ""
    return _paragraph(lacking_pdfs(language, [resource_label(language, name)[0] for name in lacking]))


def _paragraph(text: str) -> str:
    return f"<p>{escape(text, quote=False)}</p>" if text else ""
