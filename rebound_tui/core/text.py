"""User text on a terminal line or in a table cell: never a control sequence, always one line."""

from __future__ import annotations


def one_line(text: str, width: int | None = None) -> str:
    """Fold whitespace and drop control characters (escape sequences), so user text
    printed by the command line cannot move the cursor, recolour or retitle the terminal,
    and a table row stays one row. With ``width``, longer text is cut to fit, ending in '…'.
    """
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    if width is None or len(flat) <= width:
        return flat
    return flat[: max(width - 1, 0)] + "…"
