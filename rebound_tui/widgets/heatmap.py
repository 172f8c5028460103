"""Year in pixels: one cell per day, weeks as columns, weekdays as rows."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from rebound_tui.widgets.mood import MOOD_CLASSES, append_mood, mood_styles

_DAY_LABELS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


class MoodHeatmap(Widget):
    """A year of daily moods; rows follow the user's first day of the week."""

    COMPONENT_CLASSES = {*MOOD_CLASSES, "heatmap--label"}
    DEFAULT_CSS = """
    MoodHeatmap { height: 9; width: auto; }
    """

    moods: reactive[dict[date, float]] = reactive(dict, layout=True)
    year: reactive[int] = reactive(2026, layout=True)
    first_day_of_week: reactive[int] = reactive(0, layout=True)
    today: reactive[date | None] = reactive(None)

    def _start(self) -> date:
        jan1 = date(self.year, 1, 1)
        return jan1 - timedelta(days=(jan1.weekday() - self.first_day_of_week) % 7)

    def _weeks(self) -> int:
        end = date(self.year, 12, 31)
        return (end - self._start()).days // 7 + 1

    def render(self) -> Text:
        label_style = self.get_component_rich_style("heatmap--label")
        styles = mood_styles(self)
        start = self._start()
        weeks = self._weeks()
        out = Text(no_wrap=True, overflow="crop")
        months = [" "] * weeks
        for week in range(weeks):
            first = start + timedelta(days=7 * week)
            for offset in range(7):
                day = first + timedelta(days=offset)
                if day.year == self.year and day.day == 1 and week + 3 <= weeks:
                    name = f"{day:%b}"
                    months[week : week + 3] = list(name)
        out.append("   " + "".join(months)[:weeks] + "\n", label_style)
        for row in range(7):
            label = _DAY_LABELS[(self.first_day_of_week + row) % 7]
            out.append(f"{label} ", label_style)
            for week in range(weeks):
                day = start + timedelta(days=7 * week + row)
                if day.year != self.year or (self.today is not None and day > self.today):
                    out.append(" ")
                else:
                    append_mood(out, self.moods.get(day), styles)
            out.append("\n")
        out.rstrip()
        return out

    def get_content_width(self, container: object, viewport: object) -> int:
        return 3 + self._weeks()
