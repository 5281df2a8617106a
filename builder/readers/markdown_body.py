"""Markdown to the model's sanitised HTML: images become assets, chapter links become ``chapter:`` URLs.

Python-Markdown keeps no line numbers, so every reference is located in the raw text by a
``LineFinder`` that walks forward through the occurrences of the same target.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import nh3
from lxml import html as lxml_html

from builder.diagnostics import Report
from builder.labels import label
from builder.model import ASSET_SCHEME, CHAPTER_SCHEME, Block, Heading, SourcePos, html_id
from builder.readers.assets import AssetResolver
from builder.readers.markdown_slips import (
    CODE_SPAN,
    alt_says_nothing,
    callout_left_empty,
    check_bare_addresses,
    check_heading_level,
    check_indented_code,
    check_notes_shown,
    check_parenthesis_numbers,
    check_table_rows,
    running_texts,
)
from builder.readers.nearest import nearest_file
from builder.readers.text import CONTROL

if TYPE_CHECKING:
    import markdown

# Python-Markdown and its extensions are imported when a text is first rendered (_markdown,
# heading_anchor), not with this module: a check that takes every chapter from the ones kept
# (builder.readers.chapter_memo) renders none and does without their 25-30 ms import.
EXTENSIONS = ["tables", "attr_list", "def_list", "footnotes", "admonition", "sane_lists", "toc", "fenced_code"]
CALLOUT_KINDS = {
    "vinkki": "tip", "tip": "tip", "tips": "tip",
    "varoitus": "warning", "warning": "warning", "varning": "warning",
    "huomio": "note", "huom": "note", "note": "note", "obs": "note",
}
CALLOUT_LINE = re.compile(r"^!!!\s+([^\s\"]+)")
FOOTNOTE_MARK = re.compile(r"\[\^([^\]\s]+)\]")  # '[^1]' left as text: Python-Markdown knows no such note
FOOTNOTE_NOTE = re.compile(r"^ {0,3}\[\^([^\]]+)\]:")  # '[^1]: Lähde.', as Python-Markdown's footnotes find a note
FOOTNOTE_REF_ID = re.compile(r"^fnref\d*:")  # 'fnref:1', and 'fnref2:1' for the second mark of note 1
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
ATX_HEADING = re.compile(r"^\s*#{1,6}(?!#)")
SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
DASHES = re.compile(r"^\s{0,3}-+\s*$")  # under a line of text: Python-Markdown makes that line a heading
ASSET_SRC = re.compile(r'(\ssrc="asset:)([^"]*)"')
REFUSED_ATTRIBUTE = "data-refused-url"  # likewise: a URL the sanitiser dropped, kept to report it
SCRIPT_SCHEMES = {"javascript", "vbscript", "data"}  # dropped URLs that html-removed already warns about
LINE_ATTRIBUTE = "data-source-line"  # set while rendering, removed before the HTML is stored
UNSAFE_HTML = re.compile(
    r"<\s*(script|iframe|object|embed|style|form|frame|frameset|meta|link|base)\b"
    r"|<[^>]*\son[a-z]+\s*=|javascript\s*:|vbscript\s*:|<[^>]*\s(src|href)\s*=\s*[\"']?\s*data:"
    r"|\]\(\s*<?\s*data:|^\s{0,3}\[[^\]]+\]:\s*<?\s*data:",  # ![kuva](data:...) and [viite]: data:...
    re.IGNORECASE,
)
SAFE_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
SAFE_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "qr"},  # qr: '{qr}' after a link, see _process_qr_marks
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "ol": {"start"},
}
# One paragraph, or one list, of plain words: see _plain_html()
_PLAIN_LINE = r"[^\W\d_](?: ?(?:[^\W_]|[.,;:?!'\"()/%€$@+=\-–—…”“’‘«»]))*"  # no '  ': a line break
PLAIN_PARAGRAPH = re.compile(f"\n*({_PLAIN_LINE}(?:\n{_PLAIN_LINE})*)\n*")
PLAIN_LIST = re.compile(f"\n*(- {_PLAIN_LINE}(?:\n- {_PLAIN_LINE})*)\n*")  # a tight list of such lines
SAFE_STYLE_PROPERTIES = {"text-align"}  # a table column's alignment ('|:-:|'); nothing that can cover the page
# The chapter id the course introduction is rendered under: no chapter's id starts with '_', so
# the introduction's ids and footnote links never meet those of a chapter called 'johdanto'.
INTRODUCTION_ID = "_johdanto"
# 'www.digituki.fi', 'digituki.fi/opas': a web address whose https:// was left out
WEB_ADDRESS_WITHOUT_SCHEME = re.compile(
    r"^(?:www\.[^/\s]+|[\w-]+(?:\.[\w-]+)*\.(?:fi|ax|se|no|dk|ee|eu|de|uk|com|org|net|info|io|gov|edu|app))(?:[/?#]|$)",
    re.IGNORECASE,
)
QR_MARK = re.compile(r"\{\s*:?\s*\.?qr\s*\}", re.IGNORECASE)  # '{qr}', '{.qr}', '{: qr}' as text
PASTED_BULLET = re.compile(r"^\s*([–—•])\s")
PASTED_BULLET_NAMES = {  # as list-bullet-pasted's sentence needs it in each language
    "–": {"fi": "ajatusviivalla (–)", "sv": "ett tankstreck (–)", "en": "an en dash (–)"},
    "—": {"fi": "pitkällä ajatusviivalla (—)", "sv": "ett långt tankstreck (—)", "en": "an em dash (—)"},
    "•": {"fi": "luettelopallolla (•)", "sv": "en punkt (•)", "en": "a bullet (•)"},
}


@dataclass(frozen=True)
class LinkRef:
    """A link to another chapter, checked once every chapter's headings are known."""

    source: str  # the chapter file the link is written in
    line: int
    target_file: str  # as written, e.g. '04-salassapito.md'
    anchor: str  # as heading_anchor() reads it
    anchor_as_written: str = ""


class LineFinder:
    """Finds the line where a reference stands, walking forward through the text in document order.

    Each pass over the rendered HTML (images, links) uses its own finder: elements come in the
    order they were written, so the next one stands at or after the previous one. Only when a
    needle is not found further on (a reference-style definition, say) is the whole text searched.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self._offset = 0

    def find(self, *needles: str, default: int = 1) -> int:
        needles = tuple(n for n in needles if n)
        for start in (self._offset, 0):
            hits = [(i, n) for n in needles if (i := self.text.find(n, start)) != -1]
            if hits:
                index, needle = min(hits)
                if start == self._offset:
                    self._offset = index + len(needle)
                return self.text.count("\n", 0, index) + 1
        return default


@dataclass
class BodyContext:
    """What rendering a piece of Markdown needs to know about where it stands."""

    chapter_id: str
    shown: str  # the source file as shown in diagnostics
    source_dir: Path
    chapter_files: dict[str, str]  # chapter file name -> chapter id
    resolver: AssetResolver
    report: Report
    language: str
    links: list[LinkRef] = field(default_factory=list)
    unreadable_chapters: frozenset[str] = frozenset()  # chapter files whose own errors are reported
    left_out_chapters: frozenset[str] = frozenset()  # the source's chapters a language edition does not have


@dataclass(frozen=True)
class RenderedBody:
    blocks: tuple[Block, ...]
    headings: tuple[Heading, ...]
    unreadable: bool = False  # markdown-too-deep said so: no block, yet not empty


class ShiftedReport:
    """A Report seen through a piece of a file: line N of the piece is line N + shift of the file."""

    def __init__(self, report: Report, shift: int) -> None:
        self.report, self.shift = report, shift

    def add(self, code: str, path: str, line: int, **fields: object):
        return self.report.add(code, path, line + self.shift, **fields)

    @property
    def language(self) -> str:  # a message's details are worded in it
        return self.report.language


def render_markdown(text: str, ctx: BodyContext, collect_headings: bool = True, first_line: int = 1) -> RenderedBody:
    """Render ``text``, whose line 1 is line ``first_line`` of ``ctx.shown``, into sanitised model HTML.

    A piece of a file (a slide, an answer) is rendered as it is, not padded with blank lines to
    its place: Python-Markdown's cost grows with every line it is given.
    """
    if first_line != 1:
        shift = first_line - 1
        piece = replace(ctx, report=ShiftedReport(ctx.report, shift), links=[])
        rendered = render_markdown(text, piece, collect_headings)
        ctx.links.extend(replace(link, line=link.line + shift) for link in piece.links)
        return RenderedBody(
            tuple(replace(b, pos=SourcePos(b.pos.path, b.pos.line + shift)) for b in rendered.blocks),
            tuple(replace(h, pos=SourcePos(h.pos.path, h.pos.line + shift)) for h in rendered.headings),
            rendered.unreadable,
        )
    _check_source_lines(text, ctx)
    plain = _plain_html(text, lists=True)
    if plain is not None:  # nothing in it for Python-Markdown or the sanitiser to do
        root = lxml_html.fragment_fromstring(plain, create_parent="div")
    else:
        raw_html = _converted(text, language=ctx.language)
        if raw_html is None:
            ctx.report.add("markdown-too-deep", ctx.shown, _deepest_line(text))
            return RenderedBody((), (), unreadable=True)
        clean = nh3.clean(
            raw_html,
            tags=SAFE_TAGS,
            attributes=SAFE_ATTRIBUTES,
            url_schemes={"http", "https", "mailto", "tel"},
            link_rel=None,
            strip_comments=True,
            filter_style_properties=SAFE_STYLE_PROPERTIES,
        )
        clean = CONTROL.sub("", clean)  # '&#x0c;' and the like: no reader sees them, and XML cannot hold them
        root = lxml_html.fragment_fromstring(clean, create_parent="div") if clean.strip() else None
        if root is None:
            return RenderedBody((), ())
        _mark_refused_urls(raw_html, root)
    lines = text.split("\n")
    _mark_heading_lines(root, lines)
    headings = _process_headings(root, ctx, lines) if collect_headings else ()
    if collect_headings and "[^" in text:
        _process_footnotes(root, ctx, text)
    _prefix_ids(root, ctx.chapter_id)
    _process_images(root, ctx, LineFinder(text))
    _process_qr_marks(root, ctx, text)
    _process_links(root, ctx, LineFinder(text), whole_chapter=collect_headings)
    if "://" in text or "www." in text:
        check_bare_addresses(root, ctx, text)
    if "<!--" in text:
        check_notes_shown(root, ctx, LineFinder(text))
    _process_callouts(root, ctx)
    _process_tables(root)
    elements = [element for element in root if isinstance(element.tag, str)]
    block_lines = _block_lines(elements, lines)
    for element in root.iter():
        if isinstance(element.tag, str):
            element.attrib.pop(LINE_ATTRIBUTE, None)
            element.attrib.pop(REFUSED_ATTRIBUTE, None)
    blocks = []
    for element, line in zip(elements, block_lines):
        check_indented_code(element.tag, line, lines, ctx)
        html = _asset_keys_as_written(lxml_html.tostring(element, encoding="unicode", method="html").strip())
        blocks.append(Block(element.tag, html, SourcePos(ctx.shown, line)))
    return RenderedBody(tuple(blocks), headings)


def _converted(text: str, plain: bool = False, language: str = "en") -> str | None:
    """Python-Markdown's HTML of ``text``; None when the text is nested deeper than Python-Markdown,
    which reads nesting recursively, can follow (some 250 list levels). The instance stopped half-way
    is dropped: kept, it could render the next text empty."""
    try:
        return _markdown(plain, language).reset().convert(text)
    except RecursionError:
        _MARKDOWN.clear()
        return None


def _deepest_line(text: str) -> int:
    """The line nested deepest: the most indentation and the longest run of '*', '_' or '>' on one line."""
    def depth(line: str) -> int:
        runs = [len(run) for run in _NESTING_RUN.findall(line)]
        return len(line) - len(line.lstrip(" \t")) + max(runs, default=0)

    lines = text.split("\n")
    return max(range(len(lines)), key=lambda index: depth(lines[index])) + 1


_NESTING_RUN = re.compile(r"[*_>]+")
_MARKDOWN: dict[tuple[bool, str], markdown.Markdown] = {}


def _markdown(plain: bool = False, language: str = "en") -> markdown.Markdown:
    """One Python-Markdown instance per configuration, reset before each use: building one costs
    more than a chapter. ``plain``: no extensions, as ``markdown.markdown(text)`` renders;
    ``language``: of the words Python-Markdown writes itself (a footnote's back-link title, which
    screen readers read out)."""
    md = _MARKDOWN.get((plain, language))
    if md is None:
        import markdown

        from builder.readers.markdown_typing import TrainerTypingExtension

        extensions = [] if plain else [*_extensions(language), TrainerTypingExtension()]
        md = _MARKDOWN[(plain, language)] = markdown.Markdown(extensions=extensions)
    return md


def _extensions(language: str) -> list[markdown.Extension]:
    settings = {"footnotes": {"BACKLINK_TITLE": label(language, "footnote-back")}}
    return [_extension_classes()[name](**settings.get(name, {})) for name in EXTENSIONS]


def _extension_classes() -> dict[str, type]:
    """The classes EXTENSIONS names, built directly: looking a name up among the installed
    distributions' entry points costs more than building the Markdown instance itself."""
    from markdown.extensions.admonition import AdmonitionExtension
    from markdown.extensions.attr_list import AttrListExtension
    from markdown.extensions.def_list import DefListExtension
    from markdown.extensions.fenced_code import FencedCodeExtension
    from markdown.extensions.footnotes import FootnoteExtension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension
    from markdown.extensions.toc import TocExtension

    return {
        "tables": TableExtension, "attr_list": AttrListExtension, "def_list": DefListExtension,
        "footnotes": FootnoteExtension, "admonition": AdmonitionExtension, "sane_lists": SaneListExtension,
        "toc": TocExtension, "fenced_code": FencedCodeExtension,
    }


def plain_markdown(text: str) -> str:
    """``markdown.markdown(text)``, on a reused instance reset before each use."""
    plain = _plain_html(text, lists=False)
    if plain is not None:
        return plain
    html = _converted(text, plain=True)
    return html if html is not None else f"<p>{escape(text)}</p>"  # too deep: kept as written


def _plain_html(text: str, lists: bool) -> str | None:
    """The HTML Python-Markdown makes of ``text`` when that is plainly one paragraph of words
    or (``lists``: with EXTENSIONS) one tight '- ' list of them, else None.

    Most answers, feedback, slide bodies and notes are a sentence or a few list items: running
    Python-Markdown's many processors over each costs more than all the rest of reading it.
    Every line starting with a letter and holding only letters, digits, single spaces and
    punctuation that Markdown gives no meaning to cannot start a heading, list, quote, code
    block, table or definition, nor hold emphasis, a link, markup, an entity or a line break;
    the HTML then needs no escaping and the sanitiser keeps it as it is.
    """
    match = PLAIN_PARAGRAPH.fullmatch(text)
    if match is not None:
        return f"<p>{match.group(1)}</p>"
    match = PLAIN_LIST.fullmatch(text) if lists else None
    if match is not None:
        return "<ul>\n" + "".join(f"<li>{item[2:]}</li>\n" for item in match.group(1).split("\n")) + "</ul>"
    return None


def _in_language(words: dict[str, str], language: str) -> str:
    return words.get(language, words["en"])


def _check_source_lines(text: str, ctx: BodyContext) -> None:
    lines = list(_lines_outside_code(text))
    for number, line in lines:
        match = CALLOUT_LINE.match(line)
        if match and match.group(1).lower() not in CALLOUT_KINDS:
            ctx.report.add("callout-kind-unknown", ctx.shown, number, kind=match.group(1))
        elif match and callout_left_empty(line, text.split("\n")[number:]):
            ctx.report.add("callout-empty", ctx.shown, number)
        unsafe = UNSAFE_HTML.search(CODE_SPAN.sub("", line))
        if unsafe:
            ctx.report.add("html-removed", ctx.shown, number, detail=unsafe.group(0).strip()[:40])
    _check_pasted_bullets(lines, ctx)
    if ")" in text:
        check_parenthesis_numbers(lines, ctx)
    if "|" in text:
        check_table_rows(lines, ctx)


def _lines_outside_code(text: str):
    """(number, line) of each line of ``text`` outside fenced code blocks, whose text is shown, never run."""
    fence = ""
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if fence:
            if stripped == fence:
                fence = ""
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[: len(stripped) - len(stripped.lstrip(stripped[0]))]  # ``` or ````...
            continue
        yield number, line


def _check_pasted_bullets(lines: list[tuple[int, str]], ctx: BodyContext) -> None:
    """Warn at the first of the lines that start with a dash or bullet pasted from a word processor.

    Python-Markdown makes a list only of '-', '*', '+' and '1.' lines; '– ' lines stay one
    paragraph. A single en or em dash line is Finnish dialogue ('– Hei, sanoi hän.'), so dashes
    count from two lines in a row; a bullet is never dialogue.
    """
    runs: list[tuple[str, int, int]] = []  # (mark, first line, lines in a row)
    for number, line in lines:
        match = PASTED_BULLET.match(line)
        if match is None:
            continue
        mark = match.group(1)
        if runs and runs[-1][0] == mark and runs[-1][1] + runs[-1][2] == number:
            runs[-1] = (mark, runs[-1][1], runs[-1][2] + 1)
        else:
            runs.append((mark, number, 1))
    for mark, first, count in runs:
        if mark == "•" or count > 1:
            ctx.report.add("list-bullet-pasted", ctx.shown, first,
                           mark=_in_language(PASTED_BULLET_NAMES[mark], ctx.report.language))


def _mark_refused_urls(raw_html: str, root) -> None:
    """Keep, beside the element, each image or link URL the sanitiser dropped for its scheme.

    nh3 silently removes a src or href such as 'file:///...' or 'C:\\kuvat\\x.png'; without
    this the trainer would get 'image missing' at line 1, or a link that quietly is not one.
    """
    raw = lxml_html.fragment_fromstring(raw_html, create_parent="div")
    for tag, attribute in (("img", "src"), ("a", "href")):
        before, after = list(raw.iter(tag)), list(root.iter(tag))
        if len(before) != len(after):
            continue
        for written, cleaned in zip(before, after):
            if written.get(attribute) and cleaned.get(attribute) is None:
                cleaned.set(REFUSED_ATTRIBUTE, written.get(attribute))


def _process_headings(root, ctx: BodyContext, lines: list[str]) -> tuple[Heading, ...]:
    headings: list[Heading] = []
    seen: set[str] = set()
    previous = 1  # the chapter's name, from its front matter, is the level-1 heading above the text
    for element in root.iter(*HEADING_TAGS):
        anchor = heading_anchor(element.get("id")) if element.get("id") else ""
        if anchor:
            element.set("id", anchor)  # an own '{#Oma id}' read by the rule links are read by
        title = " ".join(element.text_content().split())
        line = int(element.get(LINE_ATTRIBUTE, "1"))
        if anchor and anchor in seen:
            ctx.report.add("heading-anchor-duplicate", ctx.shown, line, anchor=anchor)
            # Links go to the first; the repeat gets its own id, numbered as Python-Markdown numbers
            # its own repeats, so that no page has one id twice (a PDF outline, a screen reader).
            anchor = next(f"{anchor}_{n}" for n in range(1, len(seen) + 2) if f"{anchor}_{n}" not in seen)
            element.set("id", anchor)
        seen.add(anchor)
        level = int(element.tag[1])
        if level == 2 and title.endswith((".", "!", "?")) and 0 < line < len(lines) and DASHES.match(lines[line]):
            ctx.report.add("heading-underlined", ctx.shown, line, text=title[:60])  # a sentence, then '---'
        check_heading_level(level, previous, line, ctx)
        previous = level
        headings.append(Heading(level, anchor, title, SourcePos(ctx.shown, line)))
    return tuple(headings)


def _process_footnotes(root, ctx: BodyContext, text: str) -> None:
    """Warn at a footnote mark with no note written (Python-Markdown shows '[^1]' as it is) and at a note
    no text refers to (it stands at the chapter's end, numbered); such a note loses its way back to the
    text, a link to nowhere (EPUBCheck's RSC-012, a dead link in the PDF and on the web page)."""
    referred = {ref.get("id").split(":", 1)[1] for ref in root.iter("sup") if FOOTNOTE_REF_ID.match(ref.get("id") or "")}
    for note in root.iter("li"):
        label = (note.get("id") or "")[3:] if (note.get("id") or "").startswith("fn:") else None
        if label is None or label in referred:
            continue
        for back in [a for a in note.iter("a") if "footnote-backref" in (a.get("class") or "").split()]:
            before = back.getprevious()
            if before is not None:
                before.tail = (before.tail or "").rstrip("\xa0")
            else:
                back.getparent().text = (back.getparent().text or "").rstrip("\xa0")
            back.drop_tree()
        ctx.report.add("footnote-unused", ctx.shown, LineFinder(text).find(f"[^{label}]:"), label=label)
    _check_notes_written_twice(text, ctx)
    unwritten: list[str] = []
    for piece in running_texts(root, skipped=("code", "pre")):
        for label in FOOTNOTE_MARK.findall(piece):
            if label not in unwritten:
                unwritten.append(label)
    for label in unwritten:
        line = next((number for number, line in _lines_outside_code(text)
                     if f"[^{label}]" in CODE_SPAN.sub("", line)), 1)
        ctx.report.add("footnote-missing", ctx.shown, line, label=label)


def _check_notes_written_twice(text: str, ctx: BodyContext) -> None:
    """Warn at each note whose mark a later note has too ('[^1]: Lähde A.' and then '[^1]: Lähde B.', a line
    copied and its mark left as it was): Python-Markdown keeps the last one's text in the first one's place,
    and the others are left out of every output without a word."""
    lines: dict[str, list[int]] = {}
    for number, line in _lines_outside_code(text):
        found = FOOTNOTE_NOTE.match(line)
        if found:
            lines.setdefault(found.group(1), []).append(number)
    for label, numbers in lines.items():
        for number in numbers[:-1]:
            ctx.report.add("footnote-duplicate", ctx.shown, number, label=label, kept=numbers[-1])


def _prefix_ids(root, chapter_id: str) -> None:
    """Every id as html_id() makes it: all chapters share one page in the booklet, each numbering its footnotes from 1."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.get("id"):
            element.set("id", html_id(chapter_id, element.get("id")))


def _words(text: str) -> str:
    """Only the letters and digits of ``text``, lower-cased: Markdown markup and spacing removed."""
    text = re.sub(r"\]\([^)]*\)|\{[^}]*\}", "", text)
    return "".join(re.findall(r"\w", text)).lower()


def _heading_sources(lines: list[str]) -> list[tuple[int, str]]:
    """(line, words) of every line written as a heading: '## Title' or a title underlined with === or ---."""
    found = []
    for index, line in enumerate(lines):
        if ATX_HEADING.match(line):
            found.append((index + 1, _words(line)))
        elif index and SETEXT_UNDERLINE.match(line) and lines[index - 1].strip():
            found.append((index, _words(lines[index - 1])))
    return found


def _mark_heading_lines(root, lines: list[str]) -> None:
    """Record on each heading element the line it was written on, matching headings in order."""
    sources = _heading_sources(lines)
    cursor = 0
    for element in root.iter(*HEADING_TAGS):
        wanted = _words(element.text_content())
        match = next((k for k in range(cursor, len(sources)) if wanted and wanted in sources[k][1]), None)
        if match is None and cursor < len(sources):
            match = cursor
        if match is None:
            continue
        element.set(LINE_ATTRIBUTE, str(sources[match][0]))
        cursor = match + 1


def _process_images(root, ctx: BodyContext, finder: LineFinder) -> None:
    for img in list(root.iter("img")):
        refused = img.attrib.pop(REFUSED_ATTRIBUTE, "")
        if not img.get("src") and urlsplit(refused).scheme.lower() in SCRIPT_SCHEMES:
            parent = img.getparent()
            img.drop_tree()  # an embedded data: or script URL: html-removed already warns about it
            if parent is not None and parent.tag == "p" and len(parent) == 0 and not parent.text_content().strip():
                parent.drop_tree()  # nothing was left of the paragraph
            continue
        src = img.get("src") or refused
        line = finder.find(src, unquote(src))
        img.set(LINE_ATTRIBUTE, str(line))
        if not (img.get("alt") or "").strip():
            ctx.report.add("image-alt-missing", ctx.shown, line, target=src)
        elif alt_says_nothing(img.get("alt")):
            ctx.report.add("image-alt-unhelpful", ctx.shown, line, target=src, alt=" ".join(img.get("alt").split()))
        key = ctx.resolver.resolve(src, ctx.source_dir, ctx.shown, line, ctx.report)
        # '%' is doubled up front so that _asset_keys_as_written() can undo the serialiser's escaping exactly.
        img.set("src", ASSET_SCHEME + key.replace("%", "%25") if key else "")
        asset = ctx.resolver.assets.get(key) if key else None
        if asset is not None and asset.width and asset.height:
            img.set("width", str(asset.width))
            img.set("height", str(asset.height))
        caption = img.attrib.pop("title", "")
        parent = img.getparent()
        alone = (
            parent is not None and parent.tag == "p" and len(parent) == 1
            and not (parent.text or "").strip() and not (img.tail or "").strip()
        )
        if alone:
            parent.tag = "figure"
            if caption:
                figcaption = lxml_html.Element("figcaption")
                figcaption.text = caption
                parent.append(figcaption)
        elif caption:
            img.set("title", caption)


def _asset_keys_as_written(html: str) -> str:
    """``html`` with every ``asset:`` src holding the key itself, as the model promises.

    libxml2's HTML serialiser percent-encodes src attributes ('pää kuva.png' becomes
    'p%C3%A4%C3%A4%20kuva.png'), which is no longer a key of ``Course.assets``.
    """
    def unescape(match: re.Match) -> str:
        return match.group(1) + unquote(match.group(2)).replace('"', "&quot;") + '"'

    return ASSET_SRC.sub(unescape, html)


def _process_links(root, ctx: BodyContext, finder: LineFinder, whole_chapter: bool) -> None:
    """Check and rewrite the links; ``whole_chapter``: the text is a chapter's body, which the Moodle
    book splits into pages (a piece such as the introduction is always shown whole)."""
    for a in root.iter("a"):
        href = a.get("href")
        if href is None:
            refused = a.attrib.pop(REFUSED_ATTRIBUTE, None)
            if refused and urlsplit(refused).scheme.lower() not in SCRIPT_SCHEMES:
                ctx.report.add("link-file-unsupported", ctx.shown, finder.find(refused), target=refused)
            continue
        parts = urlsplit(href)
        if parts.scheme in ("http", "https", "mailto", "tel"):
            continue
        if not parts.path:  # '#anchor' inside this chapter
            if parts.fragment.startswith("fn") and ":" in parts.fragment:  # a footnote and its way back
                own_id = html_id(ctx.chapter_id, parts.fragment)
                a.set("href", f"{CHAPTER_SCHEME}{ctx.chapter_id}#{parts.fragment}" if whole_chapter else f"#{own_id}")
                continue
            anchor = heading_anchor(unquote(parts.fragment))
            ctx.links.append(LinkRef(ctx.shown, finder.find(href), "", anchor, unquote(parts.fragment)))
            a.set("href", f"{CHAPTER_SCHEME}{ctx.chapter_id}#{anchor}")
            continue
        line = finder.find(href, unquote(href), parts.path, unquote(parts.path))
        name = unquote(parts.path)
        if name.startswith("./"):
            name = name[2:]
        chapter_files = ctx.chapter_files.keys() | ctx.unreadable_chapters
        name = _as_on_disk(name, chapter_files)
        if name in ctx.chapter_files:
            anchor = heading_anchor(unquote(parts.fragment)) if parts.fragment else ""
            ctx.links.append(LinkRef(ctx.shown, line, name, anchor, unquote(parts.fragment)))
            target = ctx.chapter_files[name]
            a.set("href", f"{CHAPTER_SCHEME}{target}" + (f"#{anchor}" if anchor else ""))
        elif name in ctx.unreadable_chapters:
            continue  # the file exists; its own errors say why it is not a chapter yet
        elif name in ctx.left_out_chapters:
            ctx.report.add("translation-link-left-out", ctx.shown, line, target=href)
        elif WEB_ADDRESS_WITHOUT_SCHEME.match(name):
            ctx.report.add("link-web-address-incomplete", ctx.shown, line, target=href)
        elif name.lower().endswith(".md"):
            if "/" in name and ".." in name.split("/"):
                ctx.report.add("path-outside-course", ctx.shown, line, target=href)
            else:
                ctx.report.add("link-chapter-missing", ctx.shown, line, target=href,
                               suggestion=nearest_file(name, chapter_files))
        else:
            ctx.report.add("link-file-unsupported", ctx.shown, line, target=href)


def _process_qr_marks(root, ctx: BodyContext, text: str) -> None:
    """'{qr}' (or '{.qr}') right after a web link asks for a QR code beside it in print: the link
    gets the class 'qr'. Anywhere else the mark makes no code, and the trainer is told.

    Each mark met in the HTML, in document order, is the next one in the source, which gives its line.
    """
    marks = iter([(number, match.group(0)) for number, line in _lines_outside_code(text)
                  for match in QR_MARK.finditer(CODE_SPAN.sub("", line))])

    def next_line(mark: str | None = None) -> int:
        for number, written in marks:
            if mark is None or written == mark:
                return number
        return 1

    def literal_marks(piece: str | None) -> None:  # left as text: not right after a link
        for mark in QR_MARK.findall(piece or ""):
            ctx.report.add("qr-mark-misplaced", ctx.shown, next_line(mark), mark=mark)

    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag not in ("code", "pre"):  # '{qr}' in code is shown as it is
            literal_marks(element.text)
        classes = (element.get("class") or "").split()
        if element.attrib.pop("qr", None) is not None or any(c.lower() == "qr" for c in classes):
            classes = [c for c in classes if c.lower() != "qr"]
            href = element.get("href") or ""
            line = next_line()
            if element.tag == "a" and urlsplit(href).scheme.lower() in ("http", "https"):
                classes.append("qr")
            elif element.tag == "a":
                ctx.report.add("qr-link-not-web", ctx.shown, line, target=href)
            else:
                ctx.report.add("qr-mark-misplaced", ctx.shown, line, mark="{qr}")
            if classes:
                element.set("class", " ".join(classes))
            else:
                element.attrib.pop("class", None)
        literal_marks(element.tail)


def heading_anchor(written: str) -> str:
    """The anchor a link or a heading's own ``{#id}`` names, by the rule Python-Markdown makes
    heading anchors with: 'Kun asiakas pyytää apua' and 'kun-asiakas-pyytää-apua' are both
    'kun-asiakas-pyytaa-apua', the anchor of '## Kun asiakas pyytää apua'."""
    from markdown.extensions.toc import slugify

    return slugify(written, "-") or written


def _as_on_disk(name: str, chapter_files) -> str:
    """The chapter file name as the folder spells it: 'ä' written in the text, 'a' plus a combining
    mark on disk (a folder copied from a Mac), or the other way round."""
    if name in chapter_files:
        return name
    wanted = unicodedata.normalize("NFC", name)
    return next((f for f in sorted(chapter_files) if unicodedata.normalize("NFC", f) == wanted), name)


def _process_callouts(root, ctx: BodyContext) -> None:
    for div in root.iter("div"):
        classes = (div.get("class") or "").split()
        if "admonition" not in classes:
            continue
        written = next((c for c in classes if c != "admonition"), "note")
        kind = CALLOUT_KINDS.get(written.lower(), "note")
        div.set("class", f"callout callout-{kind}")
        div.set("role", "note")
        title = next((p for p in div.iter("p") if "admonition-title" in (p.get("class") or "")), None)
        if title is not None:
            if title.text_content().strip().lower() == written.lower():
                # No title of its own: Python-Markdown capitalised the kind word; use the label.
                title.text = label(ctx.language, f"callout-{kind}")
                for child in list(title):
                    title.remove(child)
            title.set("class", "callout-title")


def _process_tables(root) -> None:
    for th in root.iter("th"):
        parent = th.getparent()
        section = parent.getparent() if parent is not None else None
        if section is not None and section.tag == "thead":
            th.set("scope", "col")


def _block_lines(elements: list, lines: list[str]) -> list[int]:
    """The line each top-level element starts on, found in order from the previous one's line."""
    result = []
    cursor = 0  # 0-based index of the line the previous block started on
    for element in elements:
        line = _known_line(element)
        if line is None:
            line = _search_line(element, lines, cursor)
        result.append(line)
        cursor = max(cursor, line - 1)
    return result


def _known_line(element) -> int | None:
    """The line recorded while processing a heading, or the image of a figure."""
    if element.tag in HEADING_TAGS or element.tag == "figure":
        marked = element if element.get(LINE_ATTRIBUTE) else next(element.iter("img"), None)
        if marked is not None and marked.get(LINE_ATTRIBUTE):
            return int(marked.get(LINE_ATTRIBUTE))
    return None


def _search_line(element, lines: list[str], cursor: int) -> int:
    if "callout" in (element.get("class") or "").split():
        wanted = None
    else:
        first_word = re.search(r"\w+", element.text_content())
        wanted = first_word.group(0).lower() if first_word else ""
    for index in range(cursor, len(lines)):
        line = lines[index]
        if not line.strip():
            continue
        if wanted is None and CALLOUT_LINE.match(line):
            return index + 1
        if wanted is not None and (not wanted or wanted in _words(line)):
            return index + 1
    return cursor + 1
