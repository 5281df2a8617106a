"""The course's slides as a Marp deck, so that Marp CLI can render the same slides as ours.

Read through the course model (the same slides our slide writers get), in the same order as our
deck: a title slide, an agenda, a divider before each chapter, the chapter's slides with their
speaker notes as ``<!-- notes -->`` comments, and a closing slide. Slide bodies are turned back
into Markdown (lists, paragraphs, emphasis, links, images); anything else stays HTML, which
Marp renders with ``--html``.

    python bench/marp_deck.py course /tmp/deck/deck.md   # images are copied beside the deck
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from lxml import html as lxml_html

INLINE = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`"}


def deck_markdown(course, image_path) -> str:
    meta = course.meta
    title = meta.slides.title or meta.title
    slides = [f"# {title}\n\n{meta.organisation}"]
    slides.append("## " + ("Sisältö" if meta.language == "fi" else "Contents") + "\n\n"
                  + "\n".join(f"{c.number}. {c.title}" for c in course.chapters))
    for chapter in course.chapters:
        slides.append(f"<!-- _class: lead -->\n\n# {chapter.number}. {chapter.title}\n\n{chapter.summary}")
        for slide in chapter.slides:
            text = f"## {slide.title}\n\n{to_markdown(slide.body_html, image_path)}"
            if slide.notes_html:
                text += f"\n\n<!--\n{slide.notes_text.replace('--', '–')}\n-->"
            slides.append(text)
    slides.append(f"# {title}\n\n{meta.organisation}\n\n{meta.contact}")
    front = "---\nmarp: true\npaginate: true\nsize: 16:9\n---\n\n"
    return front + "\n\n---\n\n".join(slides) + "\n"


def to_markdown(body_html: str, image_path) -> str:
    if not body_html.strip():
        return ""
    root = lxml_html.fragment_fromstring(body_html, create_parent="div")
    return "\n\n".join(part for part in (_block(child, image_path, 0) for child in root) if part).strip()


def _block(element, image_path, depth: int) -> str:
    tag = element.tag
    if tag in ("ul", "ol"):
        lines = []
        for number, item in enumerate(element.findall("li"), start=1):
            marker = f"{number}." if tag == "ol" else "-"
            nested = [child for child in item if child.tag in ("ul", "ol")]
            for child in nested:
                item.remove(child)
            lines.append("  " * depth + f"{marker} {_inline(item, image_path).strip()}")
            lines.extend(_block(child, image_path, depth + 1) for child in nested)
        return "\n".join(lines)
    if tag == "p":
        return _inline(element, image_path).strip()
    if tag == "figure":
        return "\n\n".join(_inline(img, image_path) for img in element.iter("img"))
    if tag in ("h2", "h3", "h4"):
        return "#" * (int(tag[1]) + 1) + " " + element.text_content().strip()
    return lxml_html.tostring(element, encoding="unicode").strip()


def _inline(element, image_path) -> str:
    if element.tag == "img":
        return f"![h:360 {element.get('alt', '')}]({image_path(element.get('src', ''))})"
    text = element.text or ""
    for child in element:
        inner = _inline(child, image_path)
        if child.tag in INLINE:
            inner = f"{INLINE[child.tag]}{inner}{INLINE[child.tag]}"
        elif child.tag == "a":
            inner = f"[{inner}]({child.get('href', '')})"
        elif child.tag == "br":
            inner = "  \n"
        text += inner + (child.tail or "")
    return " ".join(text.split()) if element.tag != "pre" else text


def main() -> None:
    from builder.diagnostics import Report
    from builder.readers.course import read_course

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("course", type=Path)
    parser.add_argument("target", type=Path, help="the deck's Markdown file; images go beside it")
    args = parser.parse_args()
    report = Report(root=str(args.course))
    course = read_course(args.course, report)
    if course is None:
        sys.exit("the course has errors: " + "; ".join(str(d) for d in report.errors)[:300])
    args.target.parent.mkdir(parents=True, exist_ok=True)

    def image_path(src: str) -> str:
        key = src[len("asset:"):] if src.startswith("asset:") else src
        if key not in course.assets:
            return src
        copied = args.target.parent / "images" / course.assets[key].filename.replace(" ", "-")
        copied.parent.mkdir(exist_ok=True)
        shutil.copy2(course.assets[key].path, copied)
        return "images/" + copied.name

    args.target.write_text(deck_markdown(course, image_path), encoding="utf-8")
    print(args.target)


if __name__ == "__main__":
    main()
