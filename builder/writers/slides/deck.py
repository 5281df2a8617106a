"""The deck: the sequence of slides derived from the course model, the one source every slide output shares.

The chapters' own slides come from the model as they are; the deck adds what it can derive by
itself (pandoc's Slides.hs in spirit): a title slide from course.yml, an agenda of the chapters,
a divider before each chapter, optional question and answer slides, and a closing slide.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape
from urllib.parse import unquote

from lxml import html as lxml_html

from builder.labels import label, labels
from builder.model import ASSET_SCHEME, Asset, Chapter, Course, Question, SourcePos

KINDS = ("title", "agenda", "section", "content", "question", "answer", "closing")


@dataclass(frozen=True)
class DeckSlide:
    kind: str  # one of KINDS
    title: str
    body_html: str  # model HTML (``asset:`` image URLs), empty for title, section and closing slides
    notes_html: str  # speaker notes, empty when there are none
    pos: SourcePos  # where the slide comes from, for diagnostics
    kicker: str = ""  # a short line above the title ('Luku 3')
    lines: tuple[str, ...] = ()  # plain lines under the title of title, section and closing slides
    logo: str | None = None  # asset key of the logo shown on the title and closing slides
    logo_alt: str = ""  # the logo's alt text: what it shows
    chapter_id: str = ""

    @property
    def layout(self) -> str:
        """'text', 'image' (pictures only), 'split' (text beside pictures) or 'plain' (no body)."""
        return layout_of(self.body_html)

    @property
    def parts(self) -> tuple[str, str]:
        """(text HTML, pictures HTML): a split slide shows them side by side."""
        return split_body(self.body_html)

    @property
    def notes_text(self) -> str:
        return html_text(self.notes_html)



@dataclass(frozen=True)
class Deck:
    title: str
    language: str
    short_name: str
    slides: tuple[DeckSlide, ...]


def build_deck(course: Course) -> Deck:
    meta = course.meta
    title = meta.slides.title or meta.title
    pos = SourcePos("course.yml", 1)
    slides = [_title_slide(course, title, pos), _agenda_slide(course, pos)]
    for chapter in course.chapters:
        slides.append(_section_slide(course, chapter))
        slides.extend(DeckSlide("content", s.title, s.body_html, s.notes_html, s.pos, chapter_id=chapter.id)
                      for s in chapter.slides)
        if meta.slides.question_slides:
            for number, question in enumerate(chapter.questions, start=1):
                numbered = number if len(chapter.questions) > 1 else 0
                slides.extend(question_slides(course, chapter, question, numbered))
    slides.append(_closing_slide(course, pos))
    return Deck(title, meta.words, meta.short_name, tuple(with_generated_notes(course, slides)))


def with_generated_notes(course: Course, slides: list[DeckSlide]) -> list[DeckSlide]:
    """Speaker notes for the slides the deck makes itself, which have no source to take notes from.

    The title slide: a welcome and what comes next; the agenda: each chapter with its summary and
    share of the slides; a divider: what the chapter covers (summary, its slides' titles, its share)
    and what follows it; the closing slide: the chapters to recap and the contact.
    """
    words = labels(course.meta.words)
    count = {c.id: sum(s.chapter_id == c.id and s.kind != "section" for s in slides) for c in course.chapters}
    total = sum(count.values())
    share = {c.id: f"{words['notes-share']} {count[c.id]}/{total}" for c in course.chapters}

    def heading(chapter: Chapter) -> str:
        word = words["guide" if chapter.kind == "guide" else "chapter"]
        return escape(f"{word} {chapter.number}: {chapter.title}")

    def upcoming(index: int, word: str = "notes-next") -> str:
        after = slides[index + 1] if index + 1 < len(slides) else None
        if after is None:
            return ""
        chapter = next((c for c in course.chapters if c.id == after.chapter_id), None)
        name = heading(chapter) if after.kind == "section" and chapter else escape(after.title)
        return f"<p>{escape(words[word])}: {name}</p>"

    def after_chapter(index: int) -> str:
        end = next(i for i in range(index + 1, len(slides)) if slides[i].kind in ("section", "closing"))
        return upcoming(end - 1, "notes-after")

    notes: list[DeckSlide] = []
    for index, slide in enumerate(slides):
        chapter = next((c for c in course.chapters if c.id == slide.chapter_id), None)
        if slide.notes_html or slide.kind not in ("title", "agenda", "section", "closing"):
            text = slide.notes_html
        elif slide.kind == "title":
            text = f"<p>{escape(words['notes-welcome'])}</p>\n{upcoming(index)}"
        elif slide.kind == "agenda":
            items = "".join(f"\n<li>{heading(c)}{_summary(c)} ({share[c.id]})</li>" for c in course.chapters)
            text = f"<ul>{items}</ul>\n{upcoming(index)}"
        elif slide.kind == "section" and chapter is not None:
            titles = "".join(f"\n<li>{escape(s.title)}</li>" for s in slides
                             if s.chapter_id == chapter.id and s.kind == "content")
            summary = f"<p>{escape(chapter.summary)}</p>\n" if chapter.summary else ""
            listed = f"<p>{escape(words['notes-chapter-slides'])} ({share[chapter.id]}):</p>\n<ul>{titles}</ul>\n" if titles else ""
            text = f"{summary}{listed}{after_chapter(index)}"
        else:
            chapters = "".join(f"\n<li>{heading(c)}</li>" for c in course.chapters)
            contact = f"<p>{escape(course.meta.contact)}</p>" if course.meta.contact else ""
            text = f"<p>{escape(words['notes-recap'])}:</p>\n<ul>{chapters}</ul>\n{contact}"
        notes.append(replace(slide, notes_html=text.strip()) if text != slide.notes_html else slide)
    return notes


def _summary(chapter: Chapter) -> str:
    return f" – {escape(chapter.summary)}" if chapter.summary else ""


def _title_slide(course: Course, title: str, pos: SourcePos) -> DeckSlide:
    meta = course.meta
    subtitle = meta.subtitle if not meta.slides.title else (meta.title if meta.title != title else "")
    lines = tuple(line for line in (subtitle, meta.organisation) if line)
    return DeckSlide("title", title, "", "", pos, lines=lines, logo=meta.logo, logo_alt=meta.logo_alt)


def _agenda_slide(course: Course, pos: SourcePos) -> DeckSlide:
    items = "".join(f"<li>{escape(c.title)}</li>" for c in course.chapters)
    return DeckSlide("agenda", label(course.meta.words, "agenda"), f'<ol class="agenda">{items}</ol>', "", pos)


def _section_slide(course: Course, chapter: Chapter) -> DeckSlide:
    word = label(course.meta.words, "guide" if chapter.kind == "guide" else "chapter")
    return DeckSlide("section", chapter.title, "", "", chapter.pos, kicker=f"{word} {chapter.number}",
                     lines=(chapter.summary,) if chapter.summary else (), chapter_id=chapter.id)


def question_slides(course: Course, chapter: Chapter, question: Question, number: int) -> tuple[DeckSlide, DeckSlide]:
    """A question with its options lettered A, B, C ..., then the same with the right ones marked."""
    language = course.meta.words
    suffix = f" {number}" if number else ""
    options = "".join(f"<li>{a.text_html}</li>" for a in question.answers)
    marked = "".join(
        f'<li class="correct"><strong>✓ {a.text_html}</strong></li>' if a.correct else f"<li>{a.text_html}</li>"
        for a in question.answers
    )
    feedback = "".join(
        f"<li><strong>{chr(ord('A') + i)}:</strong> {_inline(a.feedback_html)}</li>\n"
        for i, a in enumerate(question.answers) if a.feedback_html
    )
    notes = f"<ul>\n{feedback}</ul>" if feedback else ""
    ask = DeckSlide("question", label(language, "question-slide") + suffix,
                    f'{question.text_html}\n<ol class="options">{options}</ol>', "", question.pos,
                    chapter_id=chapter.id)
    answer = DeckSlide("answer", label(language, "answer-slide") + suffix,
                       f'{question.text_html}\n<ol class="options">{marked}</ol>\n{question.general_feedback_html}',
                       notes, question.pos, chapter_id=chapter.id)
    return ask, answer


def _closing_slide(course: Course, pos: SourcePos) -> DeckSlide:
    meta = course.meta
    lines = (meta.contact,) if meta.contact and meta.organisation in meta.contact else (meta.organisation, meta.contact)
    return DeckSlide("closing", label(meta.words, "thanks"), "", "", pos,
                     lines=tuple(line for line in lines if line), logo=meta.logo, logo_alt=meta.logo_alt)


def asset_of(course: Course, src: str) -> Asset | None:
    """The asset an ``asset:KEY`` image source names (the HTML serialiser may have %-encoded the key)."""
    if not src.startswith(ASSET_SCHEME):
        return None
    key = src[len(ASSET_SCHEME):]
    return course.assets.get(key) or course.assets.get(unquote(key))


def picture_size_of(asset: Asset) -> tuple[float | None, float | None]:
    """A picture's intrinsic size: a raster image's pixels, an SVG's width and height or viewBox."""
    if asset.width and asset.height:
        return asset.width, asset.height
    if asset.mimetype != "image/svg+xml":
        return None, None
    from lxml import etree

    try:
        root = etree.parse(str(asset.path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except (etree.XMLSyntaxError, OSError):
        return None, None
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        if len(box) == 4 and float(box[2]) > 0 and float(box[3]) > 0:
            return float(box[2]), float(box[3])
        return float(root.get("width", "").rstrip("px")), float(root.get("height", "").rstrip("px"))
    except ValueError:
        return None, None


def _inline(html: str) -> str:
    """Feedback is one or two paragraphs: keep its inline markup, drop the paragraph tags."""
    return html.replace("<p>", "").replace("</p>", " ").strip()


def html_text(html: str) -> str:
    if not html:
        return ""
    return lxml_html.fragment_fromstring(html, create_parent="div").text_content().strip()


def split_body(body_html: str) -> tuple[str, str]:
    """The body's text blocks and its pictures (top-level figures), each as HTML in source order."""
    if "<figure" not in body_html:
        return body_html, ""
    root = lxml_html.fragment_fromstring(body_html, create_parent="div")
    text, media = [], []
    for element in root:
        if not isinstance(element.tag, str):
            continue
        (media if element.tag == "figure" else text).append(
            lxml_html.tostring(element, encoding="unicode", method="html").strip())
    return "\n".join(text), "\n".join(media)


def layout_of(body_html: str) -> str:
    if not body_html.strip():
        return "plain"
    text, media = split_body(body_html)
    if media:
        return "split" if html_text(text) else "image"
    return "text"
