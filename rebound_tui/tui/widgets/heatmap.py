"""Year in pixels: one cell per day, weeks as columns, weekdays as rows."""

from __future__ import annotations

from datetime import date
from typing import TypeAlias

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from rebound_tui.core.metrics import GridCell
from rebound_tui.tui.widgets.mood import append_mood, mood_styles
from rebound_tui.tui.widgets.palette import palette_style

_DAY_LABELS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")

Week: TypeAlias = tuple[GridCell | None, ...]


class MoodHeatmap(Widget):
    """A year of daily moods; rows follow the user's first day of the week."""

    DEFAULT_CSS = """
    MoodHeatmap { height: 9; width: auto; }
    """

    weeks: reactive[tuple[Week, ...]] = reactive((), layout=True)
    """The grid from ``metrics.year_grid``: one tuple of seven cells a week, None outside the year."""
    first_day_of_week: reactive[int] = reactive(0)
    today: reactive[date | None] = reactive(None)

    def render(self) -> Text:
        label_style = palette_style(self, "heatmap--label")
        styles = mood_styles(self)
        weeks = len(self.weeks)
        out = Text(no_wrap=True, overflow="crop")
        months = [" "] * weeks
        for index, week in enumerate(self.weeks):
            for cell in week:
                if cell is not None and cell.day.day == 1 and index + 3 <= weeks:
                    months[index : index + 3] = list(f"{cell.day:%b}")
        out.append("   " + "".join(months)[:weeks] + "\n", label_style)
        for row in range(7):
            label = _DAY_LABELS[(self.first_day_of_week + row) % 7]
            out.append(f"{label} ", label_style)
            for week in self.weeks:
                cell = week[row]
                if cell is None or (self.today is not None and cell.day > self.today):
                    out.append(" ")
                else:
                    append_mood(out, cell.mood, styles)
            out.append("\n")
        out.rstrip()
        return out

    def get_content_width(self, container: object, viewport: object) -> int:
        return 3 + len(self.weeks)
