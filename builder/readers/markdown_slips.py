"""Slips Python-Markdown takes without a word, told at their line: text it would drop, move or show
otherwise than the trainer meant, and what a screen reader or a PDF/UA booklet needs in order.

A table row with more cells than its header loses the extra cells; a note to self without its '-->' shows; text right under '!!!' that is not
indented leaves the callout with its title alone; '1)' lines run together into one paragraph; an address
written as text is no link online; a paragraph indented by four spaces becomes code; headings that skip a
level break a screen reader's outline; an alt text that is a file name says nothing. Each check reads
the source lines outside fenced code (markdown_body) or the rendered tree, and only warns: the text
comes out as Python-Markdown makes it.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from builder.readers.markdown_body import BodyContext

CODE_SPAN = re.compile(r"(`+).+?\1")  # `<script>` in a code span is shown as text, not removed
TITLED_CALLOUT = re.compile(r'^!!!\s+[^\s"]+\s+"')  # !!! vinkki "Its own title"
TABLE_RULE = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")  # |---|:--:|
END_BORDER = re.compile(r"(?<!\\)(?:\\\\)*\|$")  # a row's last '|', not escaped
PARENTHESIS_NUMBER = re.compile(r"^ {0,3}(\d{1,3}\))[ \t]+\S")  # '1) Avaa sovellus.'
BARE_ADDRESS = re.compile(r"(?<![\w/@.])(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?)\]'\"”’]")
CAMERA_NAME = re.compile(r"(?:img|dsc|dscn|dcim|pxl|photo|image|kuva|bild|screenshot)[ _-]*\d[\d _-]*")
IMAGE_FILE_NAME = re.compile(r"\S+\.(?:png|jpe?g|gif|webp|svg|heic)")  # 'kuva.png' as the alt text
NOT_RUNNING_TEXT = ("a", "code", "pre")  # a link's text, and code shown as typed


def callout_left_empty(line: str, after: list[str]) -> bool:
    """Whether the callout opened on ``line`` gets no text of its own: only the lines indented under it go in
    the box (by four spaces, or one to three: markdown_typing.CalloutIndentPreprocessor). A line right below
    it that is not indented (the box then holds only its title, and the line becomes a paragraph after it),
    or no indented line at all under a callout without a title of its own. A titled callout followed by an
    empty line and then plain text may be the title alone."""
    following = next((candidate for candidate in after if candidate.strip()), None)
    if following is not None and following.startswith((" ", "\t")):
        return False
    directly_below = bool(after) and bool(after[0].strip())
    return directly_below or not TITLED_CALLOUT.match(line)


def check_parenthesis_numbers(lines: list[tuple[int, str]], ctx: BodyContext) -> None:
    """Warn at the first of two or more lines in a row numbered '1)', '2)': Python-Markdown makes a numbered
    list only of '1.' lines, so these run together into one paragraph."""
    runs: list[list] = []  # [first line, lines in a row, its mark]
    for number, line in lines:
        match = PARENTHESIS_NUMBER.match(line)
        if match is None:
            continue
        if runs and runs[-1][0] + runs[-1][1] == number:
            runs[-1][1] += 1
        else:
            runs.append([number, 1, match.group(1)])
    for first, count, mark in runs:
        if count > 1:
            ctx.report.add("list-number-parenthesis", ctx.shown, first, mark=mark)


def running_texts(root, skipped: tuple[str, ...] = NOT_RUNNING_TEXT) -> Iterator[str]:
    """Each text and tail of the rendered tree ``root`` that is not inside one of the ``skipped`` elements."""
    for element in root.iter():
        if not isinstance(element.tag, str) or any(ancestor.tag in skipped for ancestor in element.iterancestors()):
            continue
        if element.text and element.tag not in skipped:
            yield element.text
        if element.tail:
            yield element.tail


def check_bare_addresses(root, ctx: BodyContext, text: str) -> None:
    """Warn at a web address written as plain text: Python-Markdown links only '<https://...>' and
    '[text](https://...)', so on the web page, in Moodle and in the e-book it cannot be tapped.

    Each is told at the line of the next address written as text in ``text`` that is the same whole address:
    not one inside a link's '(...)' or '<...>', nor the start of a longer one ('https://www.kela.fi' is not
    in 'https://www.kela.fi/asiointi')."""
    written = [(match.group(0), text.count("\n", 0, match.start()) + 1) for match in BARE_ADDRESS.finditer(text)
               if not text.endswith(("](", "<", "]: "), 0, match.start())]
    for piece in running_texts(root):
        for address in BARE_ADDRESS.findall(piece):
            link = address if "://" in address else f"https://{address}"
            found = next((index for index, (candidate, _) in enumerate(written) if candidate == address), None)
            line = written.pop(found)[1] if found is not None else 1
            ctx.report.add("link-bare-address", ctx.shown, line, address=address, link=link)


def check_notes_shown(root, ctx: BodyContext, finder) -> None:
    """Warn at each note to self ('<!-- ... -->') that shows as text: one without its '-->', or one begun
    inside a paragraph and ended in another, is no comment to Python-Markdown but text in every output
    (the sanitiser removes only whole comments)."""
    for piece in running_texts(root, ("code", "pre")):
        start = piece.find("<!--")
        while start != -1:
            note = piece[start:].split("\n", 1)[0][:40].rstrip()
            line = finder.find(note, default=0) or finder.find("<!--")
            ctx.report.add("note-to-self-shown", ctx.shown, line, note=note)
            start = piece.find("<!--", start + 4)


def check_table_rows(lines: list[tuple[int, str]], ctx: BodyContext) -> None:
    """Warn at each table row with more cells than its header row: Python-Markdown leaves the extra cells out.

    A table, as Python-Markdown's tables extension finds one, starts a block (the text's first line or one
    after an empty line) with a header row holding '|', right above a rule row of as many cells of dashes
    ('|---|:--:|'); its rows follow until an empty line. A table of one column needs a '|' at the start or
    end of every line. Cells are counted as it splits them: at each '|' neither escaped ('\\|') nor in a
    code span, the row's outer '|' aside."""
    blocks: list[list[tuple[int, str]]] = []
    for number, line in lines:
        if line.strip() and blocks and blocks[-1] and blocks[-1][-1][0] == number - 1:
            blocks[-1].append((number, line))
        elif line.strip():
            blocks.append([(number, line)] if number == 1 or _blank_before(lines, number) else [])
    for block in blocks:
        if len(block) < 3 or "|" not in block[0][1] or block[0][1].startswith(("    ", "\t")):
            continue
        columns = _cell_count(block[0][1])
        if not TABLE_RULE.match(block[1][1]) or _cell_count(block[1][1]) != columns:
            continue
        if columns == 1 and not all(_bordered(line) for _, line in block):
            continue
        for number, line in block[2:]:
            cells = _cell_count(line)
            if cells > columns:
                ctx.report.add("table-cells-extra", ctx.shown, number, cells=cells, columns=columns)


def _blank_before(lines: list[tuple[int, str]], number: int) -> bool:
    """Whether the line above line ``number`` is among ``lines`` (not in fenced code) and empty."""
    index = bisect.bisect_left(lines, (number - 1, ""))
    return index < len(lines) and lines[index][0] == number - 1 and not lines[index][1].strip()


def _bordered(row: str) -> bool:
    row = row.strip(" ")
    return row.startswith("|") or bool(END_BORDER.search(row))


def _cell_count(row: str) -> int:
    row = CODE_SPAN.sub("x", row.strip()).replace("\\|", "x")
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") else row
    return row.count("|") + 1


def check_indented_code(tag: str, line: int, lines: list[str], ctx: BodyContext) -> None:
    """Warn at a block of code that was indented, not fenced: in a course, a paragraph indented by accident."""
    if tag == "pre" and 0 < line <= len(lines) and lines[line - 1].startswith(("    ", "\t")):
        ctx.report.add("code-block-indented", ctx.shown, line)


def check_heading_level(level: int, previous: int, line: int, ctx: BodyContext) -> None:
    """Headings go down one level at a time under the chapter's name: a screen reader's list of headings
    and a PDF/UA booklet (the Matterhorn Protocol's 14-003: no level skipped) need it so."""
    if level == 1:
        ctx.report.add("heading-level-one", ctx.shown, line)
    elif level > previous + 1:
        ctx.report.add("heading-level-skipped", ctx.shown, line, marks="#" * level, previous="#" * previous,
                       expected="#" * (previous + 1))


def alt_says_nothing(alt: str) -> bool:
    """Whether the alt text is only a file name ('kuva3.png') or a camera's ('IMG_2041', 'DSC 0042'), as
    editors fill it in: a screen reader reads it out, and the reader learns nothing of the picture."""
    said = " ".join(alt.split()).lower().rstrip(".")
    return bool(CAMERA_NAME.fullmatch(said) or IMAGE_FILE_NAME.fullmatch(said))
