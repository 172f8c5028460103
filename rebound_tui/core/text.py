"""User text: read from an option, split into tags, shown on one safe line (terminal or table cell)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TextIO

TAG_SEPARATOR = ","
"""The one separator of tags typed in one value: ``--feel hopeful,tired``, the app's own-tags field.

Only the comma: a tag itself may hold spaces ("job fair"), and tags may hold no
comma (nor '|', which the CSV export uses between tags), so a comma always
separates.
"""


def split_tags(values: Iterable[str]) -> list[str]:
    """Tags from repeated options and comma-separated lists alike, in order.

    Each part is stripped and empty parts are dropped, so ``("a, b", "", "c,")``
    gives ``["a", "b", "c"]``; checking and lower-casing are the models' job
    (:func:`rebound_tui.core.models.clean_tags`).
    """
    return [part.strip() for value in values for part in value.split(TAG_SEPARATOR) if part.strip()]


def text_or_stdin(value: str | None, stdin: TextIO | None = None) -> str | None:
    """The text of a text option, where ``-`` means "read it from standard input" (for long notes)."""
    if value == "-":
        return (stdin or sys.stdin).read()
    return value


def one_line(text: str, width: int | None = None) -> str:
    """Fold whitespace and drop control characters (escape sequences), so user text
    printed by the command line cannot move the cursor, recolour or retitle the terminal,
    and a table row stays one row. With ``width``, longer text is cut to fit, ending in '…'.
    """
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    if width is None or len(flat) <= width:
        return flat
    return flat[: max(width - 1, 0)] + "…"
