"""The floor: the course's booklet rendered by bare Python-Markdown + Jinja2 + WeasyPrint.

No course model, no diagnostics, no cover, contents or tags: every chapter file, its front matter
cut off naively, its ```slides blocks dropped and its ```kysymys blocks kept as plain Markdown
(the booklet prints every question twice, as an exercise and in the answer key with its feedback:
the questions with their feedback once is about the same amount of text), through the three
libraries with a style sheet matching the booklet's page and type. What this costs is what the
libraries alone cost; ``make bench`` compares the real booklet writer with it.

    python bench/floor.py course -o floor.pdf          # render, print the page count
    python bench/floor.py course --markdown booklet.md  # the same text for pandoc, no render
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXTENSIONS = ["tables", "attr_list", "def_list", "footnotes", "admonition", "sane_lists", "toc"]
DROPPED_BLOCKS = re.compile(r"^```\s*(slides)\s*$.*?^```\s*$\n?", re.M | re.S)
QUESTION_FENCES = re.compile(r"^```\s*(kysymys|question|fråga)\s*$(.*?)^```\s*$\n?", re.M | re.S)
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
LINK_TARGET = re.compile(r"(\]\()(<[^>]+>|[^)\s]+)")
ADMONITION = re.compile(r'^!!!\s+(\S+)(?:\s+"([^"]*)")?\n((?:(?:    |\t).*\n|\s*\n)*)', re.M)

TEMPLATE = """<!DOCTYPE html>
<html lang="fi"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body>
{% for chapter in chapters %}<section class="chapter">
<h1>{{ chapter.title }}</h1>
{{ chapter.body }}
</section>
{% endfor %}</body></html>
"""


def chapters(course: Path) -> list[tuple[str, str]]:
    """(title, Markdown body) of each chapter file, in file-name order."""
    found = []
    for path in sorted(course.glob("*.md")):
        if path.name.startswith(("_", ".")):
            continue
        text = path.read_text(encoding="utf-8")
        title = path.stem
        front = FRONT_MATTER.match(text)
        if front:
            text = text[front.end():]
            titles = re.findall(r"^title:\s*(.+)$", front.group(1), re.M)
            title = titles[0].strip().strip("\"'") if titles else title
        text = QUESTION_FENCES.sub(lambda m: m.group(2) + "\n", DROPPED_BLOCKS.sub("", text))
        found.append((title, text))
    return found


def render(course: Path, target: Path, css: Path) -> int:
    import jinja2
    import markdown
    import weasyprint

    parts = [{"title": title, "body": markdown.markdown(body, extensions=EXTENSIONS)}
             for title, body in chapters(course)]
    html = jinja2.Template(TEMPLATE).render(title=course.name, chapters=parts)
    document = weasyprint.HTML(string=html, base_url=str(course.resolve()) + "/").render(
        stylesheets=[weasyprint.CSS(filename=str(css))])
    document.write_pdf(target)
    return len(document.pages)


def pandoc_markdown(course: Path) -> str:
    """The same chapters as one pandoc Markdown file: absolute image URLs, callouts as divs."""
    def absolute(match: re.Match) -> str:
        target = match.group(2).strip("<>")
        if re.match(r"^[a-z]+:|^#", target) or target.endswith(".md") or ".md#" in target:
            return match.group(0)
        return match.group(1) + (course.resolve() / target).as_uri()

    def callout(match: re.Match) -> str:
        body = re.sub(r"^(    |\t)", "", match.group(3), flags=re.M)
        title = f"**{match.group(2)}**\n\n" if match.group(2) else ""
        return f"::: {{.admonition .{match.group(1)}}}\n{title}{body}\n:::\n\n"

    parts = []
    for title, body in chapters(course):
        body = ADMONITION.sub(callout, LINK_TARGET.sub(absolute, body))
        parts.append(f"# {title}\n\n{body}")
    return "\n\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("course", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=Path("floor.pdf"))
    parser.add_argument("--css", type=Path, default=HERE / "floor.css")
    parser.add_argument("--markdown", type=Path, help="write the chapters for pandoc here and stop")
    args = parser.parse_args()
    if args.markdown:
        args.markdown.write_text(pandoc_markdown(args.course), encoding="utf-8")
        return
    print(f"{render(args.course, args.output, args.css)} pages")


if __name__ == "__main__":
    main()
