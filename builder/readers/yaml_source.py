"""YAML with line numbers: values plus the source line of every key, for precise diagnostics."""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from builder.diagnostics import Report
from builder.readers.text import CONTROL
from builder.readers.yaml_doc import YamlDoc, as_date  # noqa: F401 - as_date: read from here before
from builder.wording import control_names, yaml_problem


# Settings are a few dozen values. Aliases (*name) can repeat a value exponentially often or refer
# to themselves: past these limits the text is refused instead of filling the memory.
MAX_NODES = 10_000
MAX_DEPTH = 50


def _convert(node: yaml.Node, prefix: str, doc: YamlDoc, offset: int, constructor: SafeConstructor,
             depth: int = 0) -> Any:
    doc.nodes += 1
    if doc.nodes > MAX_NODES or depth > MAX_DEPTH:
        deep = doc.nodes <= MAX_NODES and not doc.aliases  # not an alias (*) that repeats a value inside itself
        raise yaml.MarkedYAMLError(problem="the settings are nested too deeply" if deep else
                                   "the settings repeat themselves too often through aliases (*)",
                                   problem_mark=node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            dotted = f"{prefix}{key}"
            line = key_node.start_mark.line + 1 + offset
            if key in result:
                doc.duplicates.append((dotted, line, doc.lines[dotted]))
                continue
            doc.lines[dotted] = line
            if isinstance(value_node, yaml.ScalarNode):
                block = value_node.style in ("|", ">")
                doc.text_lines[dotted] = value_node.start_mark.line + 1 + offset + block
            result[key] = _convert(value_node, dotted + ".", doc, offset, constructor, depth + 1)
            if result[key] is True or result[key] is False:
                doc.words[dotted] = value_node.value
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, prefix, doc, offset, constructor, depth + 1) for item in node.value]
    value = _scalar(node, constructor)
    if isinstance(value, str) and CONTROL.search(value):  # "\x01" or "\ud800" written as a YAML escape
        doc.controls.append((node.start_mark.line + 1 + offset, "".join(CONTROL.findall(value))))
        value = CONTROL.sub("", value)
    return value


# What YAML 1.1 reads as a number from a plain (unquoted) value, which no setting is: an edition "2.10",
# a phone number "0401234567" (octal to YAML), "+358401234567" or a time "12:30" (750 to YAML, in base 60)
# would come out changed. Such a value keeps the text as written.
_NUMBERS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


def _scalar(node: yaml.ScalarNode, constructor: SafeConstructor) -> Any:
    if node.tag in _NUMBERS and not node.style:  # plain: None from PyYAML's parser, "" from libyaml
        return node.value
    try:
        return constructor.construct_object(node, deep=True)
    except yaml.YAMLError:
        raise
    except Exception:  # PyYAML raises ValueError, AttributeError ... for values it cannot construct
        # A value that looks like a date but is not one (2026-13-45), or an explicit tag such as
        # '!!timestamp nope': keep the text, so the setting's own check reports it at its line.
        # construct_object left the node marked as under way: an alias (*name) to it would be
        # taken for a value that contains itself.
        constructor.recursive_objects.pop(node, None)
        return node.value


# Errors PyYAML notices only further on (often at the end of the text) but whose cause is where
# the unclosed bracket or quote was opened: there the trainer has to look.
_OPENED_EARLIER = ("while parsing a flow", "while scanning a quoted scalar")


def _error_line(exc: yaml.YAMLError) -> int:
    """The 1-based line (within the parsed text) a trainer should look at for ``exc``."""
    context, problem = getattr(exc, "context_mark", None), getattr(exc, "problem_mark", None)
    if context is not None and str(getattr(exc, "context", "")).startswith(_OPENED_EARLIER):
        return context.line + 1
    return problem.line + 1 if problem is not None else 1


_BEYOND_UNICODE = re.compile(r"\\U([0-9A-Fa-f]{8})")  # "\U00110000": PyYAML's scanner raises ValueError


def _fault(text: str, exc: Exception) -> tuple[int, str]:
    """The line and PyYAML-worded problem for the two texts PyYAML's parser fails on with a Python error:
    a "\\U" escape past the last Unicode character (ValueError) and brackets or indentation nested
    hundreds deep (RecursionError, its parser being recursive)."""
    if isinstance(exc, RecursionError):
        depth = 0
        for index, character in enumerate(text):
            depth += (character in "[{") - (character in "]}")
            if depth > MAX_DEPTH:
                return text.count("\n", 0, index) + 1, "the settings are nested too deeply"
        return 1, "the settings are nested too deeply"
    for match in _BEYOND_UNICODE.finditer(text):
        if int(match.group(1), 16) > 0x10FFFF:
            return text.count("\n", 0, match.start()) + 1, "unknown escape character"
    return 1, str(exc)


def _problem(exc: yaml.YAMLError, language: str) -> str:
    """What is wrong, in ``language``: PyYAML words its problems in English, for programmers."""
    return yaml_problem(language, str(getattr(exc, "problem", None) or exc))


# PyYAML's own parser is pure Python; libyaml's (C) reads the same text about ten times faster, and
# reading course.yml and the front matters was a large part of a `coursebuild check`. PyYAML's parser
# stays the reference all the same:
# - builder.wording.yaml_problem knows PyYAML's English problem texts, not libyaml's: a text libyaml
#   refuses (or that _convert refuses: nested too deep, too many aliases) is read again by PyYAML and
#   reported from ITS error, at its line, exactly as before;
# - libyaml accepts, or reads otherwise, a few things PyYAML does not: a tab outside quotes, a '?' in
#   [...] or {...}, a comment right after '|' ('|#'), an empty value tagged '!', a byte-order mark
#   after the start, the line of an empty value (after '? key') or document at the very end of the
#   text. A text that has a tab, a byte-order mark, a tag '!' or a '?' where a token can start, or
#   '|#' is read by PyYAML only (so is one with a line break other than '\n', to be safe: read_text
#   has made them all '\n'); so is one where libyaml found a '?' in [...] or {...}, or no mapping.
_FAST_LOADER = yaml.CSafeLoader if yaml.__with_libyaml__ else None
_PYTHON_ONLY = re.compile(r"[\t\r\x85\u2028\u2029\ufeff]|(?:^|[\s\[{,:])[!?]|[|>][-+0-9]*#", re.M)


def _parse(text: str, line_offset: int, loader: type) -> tuple[yaml.Node | None, YamlDoc | None]:
    """The top node and, when it is a mapping, its YamlDoc; yaml.YAMLError when the text is not usable."""
    node = yaml.compose(text, Loader=loader)
    if not isinstance(node, yaml.MappingNode):
        return node, None
    doc = YamlDoc({}, first_line=node.start_mark.line + 1 + line_offset, aliases="*" in text)
    doc.values = _convert(node, "", doc, line_offset, SafeConstructor())
    return node, doc


def _question_in_flow(text: str, node: yaml.Node) -> bool:
    """Whether a flow collection has a '?' in it: PyYAML ends a plain scalar there, libyaml does not."""
    todo, seen = [node], set()
    while todo:
        node = todo.pop()
        if not isinstance(node, yaml.CollectionNode) or id(node) in seen:
            continue
        seen.add(id(node))
        if node.flow_style and "?" in text[node.start_mark.index:node.end_mark.index]:
            return True
        for item in node.value:
            todo.extend(item if isinstance(item, tuple) else (item,))
    return False


def _read(text: str, line_offset: int) -> tuple[yaml.Node | None, YamlDoc | None]:
    """What _parse gives with libyaml where that is sure to be what it gives with PyYAML's parser."""
    if _FAST_LOADER is not None and not _PYTHON_ONLY.search(text):
        try:
            node, doc = _parse(text, line_offset, _FAST_LOADER)
        except (yaml.YAMLError, UnicodeError):  # UnicodeError: libyaml takes no lone surrogate (\ud800)
            pass
        else:
            if (node is None or doc is not None) and ("?" not in text or not _question_in_flow(text, node)):
                return node, doc
    return _parse(text, line_offset, yaml.SafeLoader)


def load_yaml(text: str, shown: str, report: Report, line_offset: int = 0) -> YamlDoc | None:
    """Parse ``text`` (which starts ``line_offset`` lines into file ``shown``) as a YAML mapping."""
    try:
        node, doc = _read(text, line_offset)
    except yaml.YAMLError as exc:
        report.add("yaml-syntax", shown, _error_line(exc) + line_offset, detail=_problem(exc, report.language))
        return None
    except (ValueError, RecursionError) as exc:  # PyYAML's own parser fails on two kinds of text
        line, problem = _fault(text, exc)
        report.add("yaml-syntax", shown, line + line_offset, detail=yaml_problem(report.language, problem))
        return None
    if node is None:
        return YamlDoc({}, {}, line_offset + 1)
    if doc is None:
        report.add("key-type", shown, node.start_mark.line + 1 + line_offset, key="(top level)",
                   expected="a mapping of settings")
        return None
    for line, characters in doc.controls:
        report.add("text-control-character", shown, line, detail=control_names(report.language, characters))
    for dotted, line, first in doc.duplicates:
        report.add("key-duplicate", shown, line, key=dotted, other=first)
    if doc.duplicates:
        return None
    return doc
