"""Self-check questions written in ```kysymys blocks: '- [x]' right, '- [ ]' wrong, '>' feedback."""

from __future__ import annotations

import re

from builder.model import Answer, Question, SourcePos
from builder.readers.chapter_source import FencedBlock
from builder.readers.markdown_body import PASTED_BULLET_NAMES, BodyContext, render_markdown

OPTION = re.compile(r"^\s*([-*+])\s+\[( |x|X)\]\s*(.*)$")
PASTED_OPTION = re.compile(r"^\s*([–—•])\s*\[( |x|X)\]\s*(.*)$")  # a word processor's list mark, not '-'
FEEDBACK = re.compile(r"^\s*>\s?(.*)$")
GENERAL = re.compile(r"^\s*(palaute|yleispalaute|feedback|respons)\s*:\s*(.*)$", re.IGNORECASE)
TRUE_FALSE = {("tosi", "epätosi"), ("true", "false"), ("sant", "falskt")}


def read_question(block: FencedBlock, ctx: BodyContext, question_id: str) -> Question | None:
    stem: list[tuple[int, str]] = []
    options: list[dict] = []
    general: list[tuple[int, str]] = []
    in_general = False
    run_together = False
    ok = True
    for number, line in enumerate(block.lines, start=block.first_line):
        option = OPTION.match(line) or PASTED_OPTION.match(line)
        general_start = GENERAL.match(line)
        if in_general:
            if (option or general_start) and not run_together:
                # Two questions run together: the second one's right answers would be shown as feedback.
                ctx.report.add("question-after-feedback", ctx.shown, number)
                run_together = True
            general.append((number, line))
        elif general_start:
            in_general = True
            general.append((number, general_start.group(2)))
        elif option:
            if option.re is PASTED_OPTION:
                ctx.report.add("question-option-dash", ctx.shown, number,
                               mark=PASTED_BULLET_NAMES[option.group(1)][ctx.report.language])
                ok = False
            options.append({"line": number, "correct": option.group(2) != " ",
                            "text": [(number, option.group(3))], "feedback": []})
        elif not options:
            stem.append((number, line))
        elif not line.strip():
            continue
        elif FEEDBACK.match(line):
            options[-1]["feedback"].append((number, FEEDBACK.match(line).group(1)))
        elif line.startswith((" ", "\t")) and not options[-1]["feedback"]:
            options[-1]["text"].append((number, line.strip()))
        else:
            ctx.report.add("question-line-unexpected", ctx.shown, number)
            ok = False
    start = block.first_line - 1
    if not any(text.strip() for _, text in stem):
        ctx.report.add("question-text-missing", ctx.shown, start)
        return None
    if len(options) < 2:
        ctx.report.add("question-too-few-options", ctx.shown, start)
        return None
    correct = [o for o in options if o["correct"]]
    if not correct:
        ctx.report.add("question-no-correct", ctx.shown, start)
        return None
    names = tuple(" ".join(t for _, t in o["text"]).strip().lower() for o in options)
    if names in TRUE_FALSE:
        kind = "truefalse"
        if len(correct) != 1:
            ctx.report.add("question-truefalse-invalid", ctx.shown, start)
            return None
    else:
        kind = "single" if len(correct) == 1 else "multiple"
    if not ok or run_together:
        return None
    wrong_count = len(options) - len(correct)
    answers = []
    for o in options:
        if kind == "multiple":
            fraction = round(1 / len(correct), 7) if o["correct"] else round(-1 / len(correct), 7) if wrong_count else 0.0
        else:
            fraction = 1.0 if o["correct"] else 0.0
        answers.append(Answer(
            text_html=_render(o["text"], ctx, inline=True),
            fraction=fraction,
            feedback_html=_render(o["feedback"], ctx),
            correct=o["correct"],
        ))
    return Question(
        id=question_id,
        kind=kind,
        text_html=_render(stem, ctx),
        answers=tuple(answers),
        general_feedback_html=_render(general, ctx),
        pos=SourcePos(ctx.shown, start),
    )


def _render(lines: list[tuple[int, str]], ctx: BodyContext, inline: bool = False) -> str:
    if not any(text.strip() for _, text in lines):
        return ""
    text = "\n".join(t for _, t in lines)
    html = "\n".join(b.html for b in render_markdown(text, ctx, collect_headings=False, first_line=lines[0][0]).blocks)
    if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html
