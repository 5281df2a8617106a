"""XML trees written exactly as Moodle's backup xml_writer formats them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Union

NULL = "$@NULL@$"  # how Moodle's backup writes a database NULL

PROLOGUE = '<?xml version="1.0" encoding="UTF-8"?>\n'

# Moodle strips the control characters XML 1.0 forbids (all below 0x20 except tab, LF, CR, and 0x7f).
XML_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

Value = Union[str, int, None]


@dataclass(frozen=True)
class Node:
    """An element: either a leaf holding text (``text`` not None) or a container of children."""

    tag: str
    text: str | None = None
    children: tuple["Node", ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()


def leaf(tag: str, value: Value, **attrs: Value) -> Node:
    """A text element; None becomes Moodle's NULL marker."""
    return Node(tag, NULL if value is None else str(value), (), _attrs(attrs))


def node(tag: str, children: Iterable[Node] = (), **attrs: Value) -> Node:
    """A container element (written on its own lines even when empty)."""
    return Node(tag, None, tuple(children), _attrs(attrs))


def leaves(**values: Value) -> list[Node]:
    """Several text elements in keyword order: ``leaves(name='x', visible=1)``."""
    return [leaf(tag, value) for tag, value in values.items()]


def document(root: Node) -> bytes:
    """The whole file: prologue, root element, no final newline (as Moodle writes it)."""
    parts: list[str] = [PROLOGUE]
    _render(root, 0, parts)
    return "".join(parts).encode("utf-8")


def _attrs(attrs: dict[str, Value]) -> tuple[tuple[str, str], ...]:
    return tuple((k.rstrip("_"), NULL if v is None else str(v)) for k, v in attrs.items())


def _clean(text: str) -> str:
    return XML_CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def escape_text(text: str) -> str:
    """PHP htmlspecialchars(ENT_NOQUOTES): only &, < and > are escaped in element text."""
    return _clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attr(text: str) -> str:
    """PHP htmlspecialchars(ENT_COMPAT): &, <, > and double quotes in attribute values."""
    return escape_text(text).replace('"', "&quot;")


def _render(element: Node, level: int, out: list[str]) -> None:
    indent = "\n" + "  " * level if level else ""
    attrs = "".join(f' {name}="{escape_attr(value)}"' for name, value in element.attrs)
    out.append(f"{indent}<{element.tag}{attrs}>")
    if element.text is not None:
        out.append(escape_text(element.text) + f"</{element.tag}>")
        return
    for child in element.children:
        _render(child, level + 1, out)
    out.append("\n" + "  " * level + f"</{element.tag}>")
