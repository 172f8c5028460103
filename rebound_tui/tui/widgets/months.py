"""Mood by month, a row a year: the long view of a history of any length.

Each month is a glyph of its mean mood (the heights and colours of the
sparkline, so it reads without colour), followed by a mark when a setback
(a rejection or a ghosting) happened that month; each row ends with the
year's mean and its setbacks. Ten years take ten rows and fit in 60 columns.
The numbers come from :mod:`rebound_tui.core.long_view`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.style import NULL_STYLE as NULL
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from rebound_tui.core.long_view import PeriodMood
from rebound_tui.tui.widgets.mood import EMPTY, GLYPHS, mood_level
from rebound_tui.tui.widgets.palette import MOOD_CLASSES, palette_style

SETBACK = "▾"
"""The mark after a month with a setback (a dip, said plainly in the legend)."""
MONTH_INITIALS = "JFMAMJJASOND"
CELL = 3
"""Columns a month takes: its glyph, the setback mark, a space."""
YEAR = 5
"""Columns of the year label, '2026 '."""
TOTALS = f" mean  {SETBACK}"
"""The heading of the row's end: the year's mean mood and its setbacks."""


def chart(
    months: Sequence[PeriodMood], years: Sequence[PeriodMood], styles: Mapping[str, Style] | None = None
) -> Text:
    """The chart's lines: a heading, then a row a year (``styles`` by component class; none: plain)."""
    style = styles or {}
    label, marked = style.get("months--label", NULL), style.get("months--setback", NULL)
    out = Text(no_wrap=True, overflow="crop", end="")
    out.append(" " * YEAR + "".join(m.ljust(CELL) for m in MONTH_INITIALS) + TOTALS, label)
    by_year: dict[int, list[PeriodMood]] = {}
    for month in months:
        by_year.setdefault(month.year, []).append(month)
    totals = {y.year: y for y in years}
    for year, its_months in by_year.items():
        out.append("\n")
        out.append(f"{year}".ljust(YEAR), label)
        for month in its_months:
            if month.mean is None:
                out.append(EMPTY, style.get("mood--none", NULL))
            else:
                level = mood_level(month.mean)
                out.append(GLYPHS[level], style.get(f"mood--{level}", NULL))
            out.append(SETBACK if month.setbacks else " ", marked)
            out.append(" ")
        out.append(" " * CELL * (12 - len(its_months)))
        total = totals.get(year)
        if total is not None:
            out.append(" " + ("  – " if total.mean is None else f"{total.mean:>4.1f}"))
            if total.setbacks:
                out.append(f" {total.setbacks:>3}")
    return out


class MonthlyMoods(Widget):
    """Monthly mean moods and setbacks, one row a year, oldest year first."""

    DEFAULT_CSS = """
    MonthlyMoods { height: auto; width: auto; }
    """

    months: reactive[tuple[PeriodMood, ...]] = reactive((), layout=True)
    """Every month from ``long_view.monthly_moods``, in order."""
    years: reactive[tuple[PeriodMood, ...]] = reactive((), layout=True)
    """Every year from ``long_view.yearly_moods``, in order (the row's end)."""

    def render(self) -> Text:
        names = [*MOOD_CLASSES, "months--label", "months--setback"]
        return chart(self.months, self.years, {name: palette_style(self, name) for name in names})

    def get_content_width(self, container: object, viewport: object) -> int:
        return YEAR + CELL * 12 + len(TOTALS) + 3

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return 1 + len({m.year for m in self.months})
