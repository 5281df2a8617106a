"""Slide body HTML as PowerPoint paragraphs: real text with list levels, bullets or numbers, bold, italic and links."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from lxml import html as lxml_html

INLINE_BOLD = {"strong", "b"}
INLINE_ITALIC = {"em", "i", "cite"}
LIST_TAGS = {"ul", "ol"}


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    link: str = ""  # an external web address; links inside the course are plain text
    code: bool = False


@dataclass
class Paragraph:
    runs: list[Run] = field(default_factory=list)
    level: int = 0  # list nesting, 0 for the outermost
    bullet: str = "none"  # 'none', 'bullet', 'number' (1. 2. 3.) or 'letter' (A. B. C.)
    start: int = 1  # the first number of a numbered list
    correct: bool = False  # a right answer on an answer slide

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def paragraphs(html: str) -> list[Paragraph]:
    """The blocks of ``html`` as paragraphs, in order; empty paragraphs are dropped."""
    if not html.strip():
        return []
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    result: list[Paragraph] = []
    _blocks(root, result, level=0)
    return [p for p in result if p.text.strip()]


def _blocks(parent, result: list[Paragraph], level: int) -> None:
    if (parent.text or "").strip():
        result.append(Paragraph(_clean([Run(parent.text)]), level))
    for element in parent:
        if not isinstance(element.tag, str):
            continue
        tag = element.tag
        if tag in LIST_TAGS:
            _list(element, result, level)
        elif tag in ("div", "blockquote", "figure", "section"):
            italic = tag == "blockquote"
            before = len(result)
            _blocks(element, result, level)
            if italic:
                for p in result[before:]:
                    p.runs = [replace(r, italic=True) for r in p.runs]
        elif tag == "table":
            for row in element.iter("tr"):
                cells = [" ".join(c.text_content().split()) for c in row if c.tag in ("td", "th")]
                header = all(c.tag == "th" for c in row if isinstance(c.tag, str))
                result.append(Paragraph([Run(" – ".join(cells), bold=header)], level))
        elif tag == "dl":
            for item in element:
                if item.tag == "dt":
                    result.append(Paragraph(_clean(_inline(item, bold=True)), level))
                elif item.tag == "dd":
                    result.append(Paragraph(_clean(_inline(item)), level + 1))
        elif tag == "pre":
            for line in element.text_content().rstrip("\n").split("\n"):
                result.append(Paragraph([Run(line, code=True)], level))
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6", "figcaption"):
            result.append(Paragraph(_clean(_inline(element, bold=tag != "figcaption")), level))
        elif tag in ("img", "hr", "br"):
            continue
        else:  # p and any other text block
            result.append(Paragraph(_clean(_inline(element)), level))
        if (element.tail or "").strip():
            result.append(Paragraph(_clean([Run(element.tail)]), level))


def _list(element, result: list[Paragraph], level: int) -> None:
    if element.tag == "ul":
        bullet = "bullet"
    else:
        bullet = "letter" if "options" in (element.get("class") or "").split() else "number"
    start = int(element.get("start") or 1) if (element.get("start") or "1").isdigit() else 1
    for number, item in enumerate(element.iterchildren("li")):
        blocks = [child for child in item if isinstance(child.tag, str) and child.tag in LIST_TAGS | {"p", "div"}]
        own = _inline(item, skip=LIST_TAGS | {"p", "div"})
        first = Paragraph(_clean(own), level, bullet, start, "correct" in (item.get("class") or "").split())
        texts = [child for child in blocks if child.tag in ("p", "div")]
        if not first.text.strip() and texts:
            first.runs = _clean(_inline(texts[0]))
            texts = texts[1:]
        result.append(first)
        for text in texts:
            result.append(Paragraph(_clean(_inline(text)), level + 1))
        for nested in (child for child in blocks if child.tag in LIST_TAGS):
            _list(nested, result, level + 1)


def _inline(element, bold: bool = False, italic: bool = False, link: str = "", code: bool = False,
            skip: frozenset | set = frozenset()) -> list[Run]:
    """The runs of ``element``'s own text and inline children (children tagged in ``skip`` left out)."""
    runs = [Run(element.text, bold, italic, link, code)] if element.text else []
    for child in element:
        if not isinstance(child.tag, str):
            if child.tail:
                runs.append(Run(child.tail, bold, italic, link, code))
            continue
        if child.tag in skip:
            continue
        if child.tag == "br":
            runs.append(Run("\v", bold, italic, link, code))
        elif child.tag == "img":
            alt = (child.get("alt") or "").strip()
            if alt:
                runs.append(Run(f"[{alt}]", bold, True, link, code))
        else:
            href = child.get("href", "") if child.tag == "a" else ""
            runs.extend(_inline(
                child,
                bold or child.tag in INLINE_BOLD,
                italic or child.tag in INLINE_ITALIC,
                href if href.startswith(("http://", "https://", "mailto:")) else link,
                code or child.tag in ("code", "kbd"),
            ))
        if child.tail:
            runs.append(Run(child.tail, bold, italic, link, code))
    return runs


def _clean(runs: list[Run]) -> list[Run]:
    """Runs with HTML's collapsed white space: no line breaks from the source, no leading or trailing space."""
    cleaned: list[Run] = []
    for run in runs:
        text = run.text if run.text == "\v" else " ".join(run.text.split("\n")).replace("\t", " ")
        while "  " in text:
            text = text.replace("  ", " ")
        if cleaned and cleaned[-1].text.endswith((" ", "\v")) and text.startswith(" "):
            text = text[1:]
        if text:
            cleaned.append(Run(text, run.bold, run.italic, run.link, run.code))
    if cleaned:
        cleaned[0] = replace(cleaned[0], text=cleaned[0].text.lstrip(" "))
        cleaned[-1] = replace(cleaned[-1], text=cleaned[-1].text.rstrip(" "))
    return [run for run in cleaned if run.text]
