"""Table columns that fit the width: priorities, minimums and an ellipsis, worked out from the data.

Textual's DataTable sizes auto-width columns to their widest cell and never
shrinks them: one long company name pushed the status and the stage off an
80-column screen, and the widths stayed after an edit. :func:`fit_columns`
gives each column a width from the rows being shown and the room there is,
and :func:`cut` shortens a cell to it with an ellipsis, so the columns that
matter most always show.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text

CELL_PADDING = 2
"""Columns a DataTable adds around each cell (one space each side)."""


@dataclass(frozen=True)
class Column:
    """One column: its label, how much it matters (0 first), and how narrow it may get.

    ``shrinks``: may be cut with an ellipsis down to ``least`` (text like a
    company); otherwise it is shown whole or not at all (a status, a count).
    """

    key: str
    label: str
    priority: int
    least: int = 0
    shrinks: bool = False


def fit_columns(columns: list[Column], cells: dict[str, list[str]], width: int) -> dict[str, int]:
    """Widths for the columns that fit in ``width`` (a column left out is not in the answer).

    Each column wants its widest cell (or its label). In priority order, a column
    gets its least width (its whole width if it cannot shrink) while there is room;
    what is left goes, in priority order, to the columns that shrink, up to what they want.
    """
    wanted = {c.key: max([cell_len(c.label), *(cell_len(v) for v in cells.get(c.key, ()))]) for c in columns}
    given: dict[str, int] = {}
    room = width
    for column in sorted(columns, key=lambda c: c.priority):
        need = min(column.least, wanted[column.key]) if column.shrinks else wanted[column.key]
        if need + CELL_PADDING <= room:
            given[column.key] = need
            room -= need + CELL_PADDING
    for column in sorted(columns, key=lambda c: c.priority):
        if column.key in given and column.shrinks:
            more = min(room, wanted[column.key] - given[column.key])
            given[column.key] += more
            room -= more
    return given


class Cell:
    """A table cell's text, drawn as plain text (never read as markup).

    A DataTable keeps the cells of every row, and draws only the rows in view (it makes
    their Text then). A rich ``Text`` per cell took about 540 bytes, this about 110:
    with ten years of data (Interviews' applications in six columns, History's pages
    of 200 entries) that was about 0.5 MiB of the app's memory.
    """

    __slots__ = ("plain",)

    def __init__(self, plain: str) -> None:
        self.plain = plain

    def __str__(self) -> str:
        return self.plain

    def __repr__(self) -> str:
        return f"Cell({self.plain!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Cell) and other.plain == self.plain

    def __hash__(self) -> int:
        return hash(self.plain)

    @property
    def cell_len(self) -> int:
        """Terminal cells the text takes (wide characters count twice)."""
        return cell_len(self.plain)


def cut(text: str, width: int, justify: str = "left") -> Cell:
    """``text`` in ``width`` cells (wide characters count twice), ending in an ellipsis when longer.

    ``justify="right"`` pads it on the left to the full width.
    """
    if cell_len(text) > width:
        shown = Text(text, no_wrap=True)
        shown.truncate(width, overflow="ellipsis")
        text = shown.plain
    if justify == "right":
        text = " " * (width - cell_len(text)) + text
    return Cell(text)
