"""What reading YAML gives (builder.readers.yaml_source), without PyYAML: ``coursebuild check`` takes the
settings it read before from its cache (builder.readers.chapter_memo) and then need not import PyYAML."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class YamlDoc:
    """A parsed YAML mapping: ``values`` as plain Python, ``lines`` by dotted key."""

    values: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)
    first_line: int = 1
    text_lines: dict[str, int] = field(default_factory=dict)  # where a text value's first line stands
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)  # (dotted key, line, first line)
    controls: list[tuple[int, str]] = field(default_factory=list)  # (line, control characters) removed
    # The word as written of each value YAML reads as yes or no (title: No, summary: On), by dotted key:
    # a setting that is text takes the word (builder.readers.config.text_value).
    words: dict[str, str] = field(default_factory=dict)
    nodes: int = 0  # values converted so far, against MAX_NODES
    aliases: bool = False  # whether the text may hold an alias (*name): what going past MAX_DEPTH is put down to

    def line(self, key: str) -> int:
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return self.first_line

    def text_line(self, key: str) -> int:
        """The line a text value starts on: the key's own line, or the next one after '|' or '>'."""
        return self.text_lines.get(key, self.line(key))


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
