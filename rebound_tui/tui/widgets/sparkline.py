"""A one-line chart of daily mood, oldest day on the left; days without a check-in show as a dot."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from rebound_tui.tui.widgets.mood import mood_text


class MoodSparkline(Widget):
    """Daily mean moods as glyphs of five heights."""

    DEFAULT_CSS = """
    MoodSparkline { height: 1; width: auto; }
    """

    moods: reactive[tuple[float | None, ...]] = reactive((), layout=True)
    """Mean mood per day, oldest first; None where there was no check-in."""

    def render(self) -> Text:
        return mood_text(self, list(self.moods))

    def get_content_width(self, container: object, viewport: object) -> int:
        return max(1, len(self.moods))
