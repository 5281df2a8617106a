"""Markdown to the model's sanitised HTML: images become assets, chapter links become ``chapter:`` URLs.

Python-Markdown keeps no line numbers, so every reference is located in the raw text by a
``LineFinder`` that walks forward through the occurrences of the same target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import nh3
from lxml import html as lxml_html

from builder.diagnostics import Report
from builder.labels import label
from builder.model import ASSET_SCHEME, CHAPTER_SCHEME, Block, Heading, SourcePos
from builder.readers.assets import AssetResolver

EXTENSIONS = ["tables", "attr_list", "def_list", "footnotes", "admonition", "sane_lists", "toc"]
CALLOUT_KINDS = {
    "vinkki": "tip", "tip": "tip", "tips": "tip",
    "varoitus": "warning", "warning": "warning", "varning": "warning",
    "huomio": "note", "huom": "note", "note": "note", "obs": "note",
}
CALLOUT_LINE = re.compile(r"^!!!\s+([^\s\"]+)")
UNSAFE_HTML = re.compile(
    r"<\s*(script|iframe|object|embed|style|form|frame|frameset|meta|link|base)\b"
    r"|<[^>]*\son[a-z]+\s*=|javascript\s*:|<[^>]*\s(src|href)\s*=\s*[\"']?\s*data:",
    re.IGNORECASE,
)
SAFE_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
SAFE_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "ol": {"start"},
}


@dataclass(frozen=True)
class LinkRef:
    """A link to another chapter, checked once every chapter's headings are known."""

    source: str  # the chapter file the link is written in
    line: int
    target_file: str  # as written, e.g. '04-salassapito.md'
    anchor: str


class LineFinder:
    """Finds the line where a reference stands, walking forward through repeated occurrences."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self._next: dict[str, int] = {}

    def find(self, needle: str, default: int = 1) -> int:
        start = self._next.get(needle, 0)
        for index in range(start, len(self.lines)):
            if needle in self.lines[index]:
                self._next[needle] = index + 1
                return index + 1
        for index in range(0, min(start, len(self.lines))):
            if needle in self.lines[index]:
                return index + 1
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


@dataclass(frozen=True)
class RenderedBody:
    blocks: tuple[Block, ...]
    headings: tuple[Heading, ...]


def render_markdown(text: str, ctx: BodyContext, collect_headings: bool = True) -> RenderedBody:
    """Render ``text`` (whose line 1 is line 1 of ``ctx.shown``) into sanitised model HTML."""
    finder = LineFinder(text)
    _check_source_lines(text, ctx)
    raw_html = _markdown().reset().convert(text)
    clean = nh3.clean(
        raw_html,
        tags=SAFE_TAGS,
        attributes=SAFE_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        strip_comments=True,
    )
    root = lxml_html.fragment_fromstring(clean, create_parent="div") if clean.strip() else None
    if root is None:
        return RenderedBody((), ())
    headings = _process_headings(root, ctx, finder) if collect_headings else ()
    _process_images(root, ctx, finder)
    _process_links(root, ctx, finder)
    _process_callouts(root, ctx)
    _process_tables(root)
    blocks = []
    for element in root:
        if not isinstance(element.tag, str):
            continue
        html = lxml_html.tostring(element, encoding="unicode", method="html").strip()
        line = _block_line(element, finder)
        blocks.append(Block(element.tag, html, SourcePos(ctx.shown, line)))
    return RenderedBody(tuple(blocks), headings)


_MARKDOWN: list[markdown.Markdown] = []


def _markdown() -> markdown.Markdown:
    """One Python-Markdown instance, reset before each use: building one costs more than a chapter."""
    if not _MARKDOWN:
        _MARKDOWN.append(markdown.Markdown(extensions=EXTENSIONS))
    return _MARKDOWN[0]


def _check_source_lines(text: str, ctx: BodyContext) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        match = CALLOUT_LINE.match(line)
        if match and match.group(1).lower() not in CALLOUT_KINDS:
            ctx.report.add("callout-kind-unknown", ctx.shown, number, kind=match.group(1))
        unsafe = UNSAFE_HTML.search(line)
        if unsafe:
            ctx.report.add("html-removed", ctx.shown, number, detail=unsafe.group(0).strip()[:40])


def _process_headings(root, ctx: BodyContext, finder: LineFinder) -> tuple[Heading, ...]:
    headings: list[Heading] = []
    seen: set[str] = set()
    for element in root.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        anchor = element.get("id") or ""
        title = " ".join(element.text_content().split())
        line = finder.find(title, default=1) if title else 1
        if anchor in seen:
            ctx.report.add("heading-anchor-duplicate", ctx.shown, line, anchor=anchor)
        seen.add(anchor)
        headings.append(Heading(int(element.tag[1]), anchor, title, SourcePos(ctx.shown, line)))
    for element in root.iter():
        if isinstance(element.tag, str) and element.get("id"):
            element.set("id", html_id(ctx.chapter_id, element.get("id")))
    return tuple(headings)


def html_id(chapter_id: str, anchor: str) -> str:
    """The id an anchor of a chapter gets in the body HTML: unique across the whole course."""
    return f"{chapter_id}--{anchor}"


def _process_images(root, ctx: BodyContext, finder: LineFinder) -> None:
    for img in list(root.iter("img")):
        src = img.get("src", "")
        line = finder.find(src, default=finder.find(unquote(src)))
        if not (img.get("alt") or "").strip():
            ctx.report.add("image-alt-missing", ctx.shown, line, target=src)
        key = ctx.resolver.resolve(src, ctx.source_dir, ctx.shown, line)
        img.set("src", ASSET_SCHEME + key if key else "")
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


def _process_links(root, ctx: BodyContext, finder: LineFinder) -> None:
    for a in root.iter("a"):
        href = a.get("href")
        if href is None:
            continue
        parts = urlsplit(href)
        if parts.scheme in ("http", "https", "mailto", "tel"):
            continue
        if not parts.path:  # '#anchor' inside this chapter
            if parts.fragment.startswith("fn") and ":" in parts.fragment:
                a.set("href", f"{CHAPTER_SCHEME}{ctx.chapter_id}#{parts.fragment}")
                continue
            line = finder.find(href)
            ctx.links.append(LinkRef(ctx.shown, line, "", parts.fragment))
            a.set("href", f"{CHAPTER_SCHEME}{ctx.chapter_id}#{parts.fragment}")
            continue
        line = finder.find(href, default=finder.find(unquote(parts.path)))
        name = unquote(parts.path)
        if name.startswith("./"):
            name = name[2:]
        if name in ctx.chapter_files:
            ctx.links.append(LinkRef(ctx.shown, line, name, parts.fragment))
            target = ctx.chapter_files[name]
            a.set("href", f"{CHAPTER_SCHEME}{target}" + (f"#{parts.fragment}" if parts.fragment else ""))
        elif name.endswith(".md"):
            if "/" in name and ".." in name.split("/"):
                ctx.report.add("path-outside-course", ctx.shown, line, target=href)
            else:
                ctx.report.add("link-chapter-missing", ctx.shown, line, target=href)
        else:
            ctx.report.add("link-file-unsupported", ctx.shown, line, target=href)


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


def _block_line(element, finder: LineFinder) -> int:
    text = " ".join(element.text_content().split())
    probe = text[:30]
    if not probe:
        return 1
    for index, line in enumerate(finder.lines):
        if probe[:15] and probe[:15] in " ".join(line.split()):
            return index + 1
    return 1
