"""The floor: the course's booklet rendered by bare Python-Markdown + Jinja2 + WeasyPrint.

The same booklet HTML as the real writer's (the package's booklet template and its screen and
print style sheets, the bundled font): cover, colophon, contents with page numbers, chapters with
their exercises, answer key, back cover, running heads and page numbers. But no course model, no
diagnostics and no extras: front matter and questions are cut out of the files with regular
expressions, Markdown is converted with the bare library, images go to WeasyPrint as the files the
trainer saved, and the PDF is written with WeasyPrint's defaults (untagged). What this costs is
what the libraries alone cost for this booklet; ``make bench`` compares the real writer with it.

    python bench/floor.py course -o floor.pdf           # the same booklet, print the page count
    python bench/floor.py course --plain -o plain.pdf   # chapters only, bench/floor.css (62 pages)
    python bench/floor.py course --markdown booklet.md  # the chapters for pandoc, no render
    python bench/floor.py course --pandoc-booklet dir   # the whole booklet for pandoc: booklet.md, template.html
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
THEME = HERE.parent / "builder" / "theme"
EXTENSIONS = ["tables", "attr_list", "def_list", "footnotes", "admonition", "sane_lists", "toc"]
DROPPED_BLOCKS = re.compile(r"^```\s*(slides)\s*$.*?^```\s*$\n?", re.M | re.S)
QUESTION_FENCES = re.compile(r"^```\s*(kysymys|question|fråga)\s*$(.*?)^```\s*$\n?", re.M | re.S)
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
LINK_TARGET = re.compile(r"(\]\()(<[^>]+>|[^)\s]+)")
ADMONITION = re.compile(r'^!!!\s+(\S+)(?:\s+"([^"]*)")?\n((?:(?:    |\t).*\n|\s*\n)*)', re.M)
# What bare Python-Markdown writes, turned into the booklet's markup with plain substitutions.
IMAGE_PARAGRAPH = re.compile(r'<p><img alt="([^"]*)" src="([^"]*)" title="([^"]*)" ?/?></p>')
ADMONITION_HTML = re.compile(r'<div class="admonition (\w+)">\s*<p class="admonition-title">')
CALLOUT_KINDS = {"vinkki": "tip", "tips": "tip", "tip": "tip", "varoitus": "warning", "varning": "warning",
                 "warning": "warning"}
FONTS = (("Regular", "normal", "normal"), ("Bold", "bold", "normal"),
         ("Italic", "normal", "italic"), ("BoldItalic", "bold", "italic"))

PLAIN_TEMPLATE = """<!DOCTYPE html>
<html lang="fi"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body>
{% for chapter in chapters %}<section class="chapter">
<h1>{{ chapter.title }}</h1>
{{ chapter.body }}
</section>
{% endfor %}</body></html>
"""


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """The ``key: value`` lines of the front matter (naively) and the text after it."""
    found = FRONT_MATTER.match(text)
    if not found:
        return {}, text
    fields = dict(re.findall(r"^(\w+):\s*(.+)$", found.group(1), re.M))
    return {key: value.strip().strip("\"'") for key, value in fields.items()}, text[found.end():]


def chapters(course: Path) -> list[tuple[str, str]]:
    """(title, Markdown body) of each chapter file, in file-name order, questions kept as text."""
    found = []
    for path in sorted(course.glob("*.md")):
        if path.name.startswith(("_", ".")):
            continue
        fields, text = front_matter(path.read_text(encoding="utf-8"))
        text = QUESTION_FENCES.sub(lambda m: m.group(2) + "\n", DROPPED_BLOCKS.sub("", text))
        found.append((fields.get("title", path.stem), text))
    return found


def question(block: str, number: str, markdown) -> dict:
    """A ```kysymys block: first line(s) the question, ``- [x]`` options, ``>`` feedback, ``Palaute:``."""
    text, answers, general = [], [], ""
    for line in block.strip().splitlines():
        option = re.match(r"^- \[([ xX])\]\s*(.*)$", line)
        if option:
            answers.append({"correct": option.group(1) != " ", "text": option.group(2), "feedback": ""})
        elif line.lstrip().startswith(">") and answers:
            answers[-1]["feedback"] += line.lstrip()[1:].strip() + " "
        elif re.match(r"^(Palaute|Feedback|Respons):", line):
            general = line.split(":", 1)[1].strip()
        elif not answers:
            text.append(line)
    correct = sum(answer["correct"] for answer in answers)
    return {
        "id": number,
        "kind": "truefalse" if len(answers) == 2 and answers[0]["text"] in ("Tosi", "Epätosi") else
                "multiple" if correct > 1 else "single",
        "text_html": markdown("\n".join(text)),
        "answers": [{"correct": a["correct"], "text_html": markdown(a["text"]).removeprefix("<p>").removesuffix("</p>"),
                     "feedback_html": markdown(a["feedback"]) if a["feedback"] else ""} for a in answers],
        "general_feedback_html": markdown(general) if general else "",
    }


def booklet_html(course: Path) -> str:
    """The booklet's HTML from the package template, filled by bare Markdown and naive parsing."""
    import datetime as dt

    import jinja2
    import markdown

    from builder.labels import LABELS

    def md(text: str) -> str:
        return markdown.markdown(text, extensions=EXTENSIONS)

    def body(text: str) -> str:
        html = md(text)
        html = IMAGE_PARAGRAPH.sub(r'<figure><img alt="\1" src="\2"><figcaption>\3</figcaption></figure>', html)
        return ADMONITION_HTML.sub(lambda m: f'<div class="callout callout-{CALLOUT_KINDS.get(m.group(1), "note")}" '
                                             'role="note"><p class="callout-title">', html)

    meta_fields, _ = front_matter("---\n" + (course / "course.yml").read_text(encoding="utf-8") + "\n---\n")
    yml = (course / "course.yml").read_text(encoding="utf-8")
    authors = re.findall(r"^  - (.+)$", yml.split("authors:", 1)[1], re.M)[:2]
    introduction = re.search(r"^introduction: \|\n((?:  .*\n|\n)*)", yml, re.M)
    intro_html = md(re.sub(r"^  ", "", introduction.group(1), flags=re.M)) if introduction else ""
    meta = dict(meta_fields, authors=authors, introduction_html=intro_html, logo_alt=meta_fields["title"],
                edition_date=dt.date.fromisoformat(meta_fields["edition_date"]))
    parts = []
    for number, path in enumerate(p for p in sorted(course.glob("*.md")) if not p.name.startswith(("_", "."))):
        fields, text = front_matter(path.read_text(encoding="utf-8"))
        text = DROPPED_BLOCKS.sub("", text)
        questions = [question(m.group(2), f"{number + 1}-{i + 1}", md)
                     for i, m in enumerate(QUESTION_FENCES.finditer(text))]
        parts.append({"id": path.stem, "number": number + 1, "kind": fields.get("kind", "chapter"),
                      "title": fields.get("title", path.stem), "summary": fields.get("summary", ""),
                      "body": body(QUESTION_FENCES.sub("", text)), "questions": questions})
    fonts = "".join(f'@font-face {{ font-family: "Atkinson Hyperlegible"; font-weight: {weight}; '
                    f'font-style: {style}; src: url("{(THEME / "fonts" / f"AtkinsonHyperlegible-{name}.ttf").as_uri()}"); }}\n'
                    for name, weight, style in FONTS)
    css = "".join((THEME / "booklet" / sheet).read_text(encoding="utf-8") for sheet in ("booklet.css", "print.css"))
    logo = course.parent / "assets" / meta_fields.get("logo", "logo.png")
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(THEME / "booklet"), autoescape=True)
    return environment.get_template("booklet.html.j2").render(
        meta=meta, introduction_html=intro_html, chapters=parts, labels=LABELS[meta["language"]],
        edition_date=meta["edition_date"].strftime("%-d.%-m.%Y"), logo_url=logo.resolve().as_uri() if logo.exists() else "",
        answer_key=any(part["questions"] for part in parts), css=fonts + css, medium="print",
        printed_feedback=printed_feedback)


def printed_feedback(question: dict, label: str) -> str:
    """The answer key's one feedback line, as the template asks: the question's own, else its right answers'."""
    html = question["general_feedback_html"] or "\n".join(
        a["feedback_html"] for a in question["answers"] if a["correct"] and a["feedback_html"])
    lead = f'<span class="feedback-label">{label}:</span> '
    return "" if not html else html.replace("<p>", "<p>" + lead, 1) if html.startswith("<p>") else f"<p>{lead}</p>{html}"


def render(course: Path, target: Path) -> int:
    import weasyprint

    document = weasyprint.HTML(string=booklet_html(course), base_url=course.resolve().as_uri() + "/").render()
    document.write_pdf(target)
    return len(document.pages)


def render_plain(course: Path, target: Path, css: Path) -> int:
    """The first floor: chapters only, one page number, no cover, contents or answer key."""
    import jinja2
    import markdown
    import weasyprint

    parts = [{"title": title, "body": markdown.markdown(body, extensions=EXTENSIONS)}
             for title, body in chapters(course)]
    html = jinja2.Template(PLAIN_TEMPLATE).render(title=course.name, chapters=parts)
    document = weasyprint.HTML(string=html, base_url=str(course.resolve()) + "/").render(
        stylesheets=[weasyprint.CSS(filename=str(css))])
    document.write_pdf(target)
    return len(document.pages)


def pandoc_markdown(course: Path) -> str:
    """The same chapters as one pandoc Markdown file: absolute image URLs, callouts as divs."""
    return "\n\n".join(f"# {title}\n\n{pandoc_body(course, body)}" for title, body in chapters(course))


def pandoc_booklet(course: Path, folder: Path) -> None:
    """The whole booklet for pandoc, as like ours as pandoc allows: ``booklet.md`` holds the chapters,
    their self-checks and the answer key in pandoc Markdown, with the booklet's classes and ids on
    fenced divs and headings; ``template.html`` is the package template's cover, colophon, contents
    and back cover (rendered as the floor renders them) around pandoc's ``$body$``, the package's
    booklet and print style sheets and the font inline. pandoc reads every chapter itself."""
    html = booklet_html(course)
    start, end = html.index('<section class="chapter'), html.index("</main>")
    (folder / "template.html").write_text(
        html[:start].replace("$", "$$") + "$body$\n" + html[end:].replace("$", "$$"), encoding="utf-8")
    labels = _labels(course)
    markdown, key = [], [f'::: {{#answer-key .answer-key}}\n# {labels["answer-key"]} {{#answer-key-title}}\n']
    for number, path in enumerate(p for p in sorted(course.glob("*.md")) if not p.name.startswith(("_", "."))):
        fields, text = front_matter(path.read_text(encoding="utf-8"))
        text = DROPPED_BLOCKS.sub("", text)
        blocks = [m.group(2) for m in QUESTION_FENCES.finditer(text)]
        body = pandoc_body(course, QUESTION_FENCES.sub("", text))
        kind, title, ident = fields.get("kind", "chapter"), fields.get("title", path.stem), f"chapter-{path.stem}"
        label = labels["guide" if kind == "guide" else "chapter"]
        markdown.append(
            f'::: {{#{ident} .chapter .chapter-{kind} data-chapter-title="{title}"}}\n'
            f"::: chapter-header\n::: chapter-number\n{label} {number + 1}\n:::\n\n"
            f"# {title} {{#{ident}-title .chapter-title}}\n\n"
            f"::: chapter-summary\n{fields.get('summary', '')}\n:::\n:::\n\n{body}\n")
        if blocks:
            markdown.append(f"::: self-check\n## {labels['self-check']} {{#self-check-{path.stem}}}\n\n"
                            + "".join(_pandoc_question(block, None) for block in blocks) + ":::\n")
            key.append(f"## {number + 1}. {title}\n\n" + "".join(_pandoc_question(block, labels) for block in blocks))
        markdown.append(":::\n")
    (folder / "booklet.md").write_text("\n".join(markdown) + "\n" + "\n".join(key) + ":::\n", encoding="utf-8")


def _labels(course: Path) -> dict[str, str]:
    from builder.labels import LABELS

    language = re.search(r"^language:\s*(\S+)", (course / "course.yml").read_text(encoding="utf-8"), re.M)
    return LABELS[language.group(1) if language else "fi"]


def _pandoc_question(block: str, labels: dict[str, str] | None) -> str:
    """One question as a numbered list item: its options with a box to tick, or, in the answer key
    (given the labels), its right answers and one feedback line, as the printed key has them."""
    text, options, general = [], [], ""
    for line in block.strip().splitlines():
        option = re.match(r"^- \[([ xX])\]\s*(.*)$", line)
        if option:
            options.append([option.group(1) != " ", option.group(2), ""])
        elif line.lstrip().startswith(">") and options:
            options[-1][2] += line.lstrip()[1:].strip() + " "
        elif re.match(r"^(Palaute|Feedback|Respons):", line):
            general = line.split(":", 1)[1].strip()
        elif not options:
            text.append(line)
    item = "1.  " + "\n    ".join(line for line in text if line.strip()) + "\n\n"
    if labels is None:
        return item + "".join(f"    - ☐ {option}\n" for _, option, _ in options) + "\n"
    # The printed key: the right answers and one feedback line, the question's own or theirs.
    item += "".join(f"    - ✔ {labels['correct']}: {option}\n" for correct, option, _ in options if correct)
    feedback = general or " ".join(f.strip() for correct, _, f in options if correct and f.strip())
    return item + (f"\n    **{labels['feedback']}:** {feedback}\n" if feedback else "") + "\n"


def pandoc_body(course: Path, body: str) -> str:
    """A chapter's Markdown as pandoc reads it: absolute image paths, callouts as fenced divs."""
    def absolute(match: re.Match) -> str:
        target = match.group(2).strip("<>")
        if re.match(r"^[a-z]+:|^#", target) or target.endswith(".md") or ".md#" in target:
            return match.group(0)
        return match.group(1) + (course.resolve() / target).as_uri()

    def callout(match: re.Match) -> str:
        body = re.sub(r"^(    |\t)", "", match.group(3), flags=re.M)
        title = f"**{match.group(2)}**\n\n" if match.group(2) else ""
        kind = CALLOUT_KINDS.get(match.group(1), "note")  # .admonition for bench/floor.css, .callout for the theme's
        return f"::: {{.admonition .callout .callout-{kind}}}\n{title}{body}\n:::\n\n"

    return ADMONITION.sub(callout, LINK_TARGET.sub(absolute, body))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("course", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=Path("floor.pdf"))
    parser.add_argument("--plain", action="store_true", help="chapters only with --css, the first floor")
    parser.add_argument("--css", type=Path, default=HERE / "floor.css")
    parser.add_argument("--markdown", type=Path, help="write the chapters for pandoc here and stop")
    parser.add_argument("--html", type=Path, help="write the booklet HTML here and stop")
    parser.add_argument("--pandoc-booklet", type=Path, help="write the whole booklet for pandoc into this folder")
    args = parser.parse_args()
    if args.pandoc_booklet:
        args.pandoc_booklet.mkdir(parents=True, exist_ok=True)
        pandoc_booklet(args.course, args.pandoc_booklet)
        return
    if args.markdown:
        args.markdown.write_text(pandoc_markdown(args.course), encoding="utf-8")
        return
    if args.html:
        args.html.write_text(booklet_html(args.course), encoding="utf-8")
        return
    pages = render_plain(args.course, args.output, args.css) if args.plain else render(args.course, args.output)
    print(f"{pages} pages")


if __name__ == "__main__":
    import sys
    sys.path.insert(0, str(HERE.parent))  # builder.labels: the template's words, a plain table
    main()
