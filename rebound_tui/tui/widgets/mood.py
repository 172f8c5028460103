"""Mood glyphs shared by the sparkline and the heatmap.

Each mood has its own glyph height as well as its own colour, so the charts
stay readable with NO_COLOR or on a 16-colour console.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from rebound_tui.tui.widgets.palette import MOOD_CLASSES, palette_style

GLYPHS = {1: "▁", 2: "▂", 3: "▄", 4: "▆", 5: "█"}
EMPTY = "·"


def mood_level(mood: float) -> int:
    """Round a day's mean mood to the nearest whole level, halves up."""
    return max(1, min(5, int(mood + 0.5)))


def mood_styles(widget: Widget) -> dict[str, Style]:
    """The ``mood--N`` styles as ``widget`` draws them, looked up once per render."""
    return {name: palette_style(widget, name) for name in MOOD_CLASSES}


def append_mood(text: Text, mood: float | None, styles: dict[str, Style]) -> None:
    if mood is None:
        text.append(EMPTY, styles["mood--none"])
    else:
        level = mood_level(mood)
        text.append(GLYPHS[level], styles[f"mood--{level}"])


def mood_text(widget: Widget, moods: list[float | None]) -> Text:
    """Glyphs for a run of day moods."""
    styles = mood_styles(widget)
    text = Text(no_wrap=True, overflow="crop")
    for mood in moods:
        append_mood(text, mood, styles)
    return text


LEGEND_WORDS = {1: "awful", 2: "low", 3: "okay", 4: "good", 5: "great"}
"""The mood levels' names, as the check-in says them."""


def legend_entries(none: str = "no check-in") -> list[tuple[str, str, str]]:
    """The legend's entries as (glyph, its component class, words), worst mood first, then the dot."""
    entries = [(GLYPHS[level], f"mood--{level}", word) for level, word in LEGEND_WORDS.items()]
    return [*entries, (EMPTY, "mood--none", none)]


def legend_lines(entries: list[tuple[str, str, str]], width: int) -> list[list[tuple[str, str, str]]]:
    """The entries packed into lines of ``width`` columns, never splitting one ("▁ awful")."""
    lines: list[list[tuple[str, str, str]]] = [[]]
    used = 0
    for entry in entries:
        size = 2 + len(entry[2])
        if lines[-1] and used + 2 + size > width:
            lines.append([])
            used = 0
        used += size + (2 if lines[-1] else 0)
        lines[-1].append(entry)
    return lines


def legend_text(styles: dict[str, Style], none: str = "no check-in", width: int = 200) -> Text:
    """What the glyphs and colours mean: '▁ awful  ▂ low  ▄ okay  ▆ good  █ great  · no check-in'.

    Each glyph in its own colour; entries go to the next line when ``width`` is reached.
    """
    text = Text(no_wrap=True, overflow="crop", end="")
    for n, line in enumerate(legend_lines(legend_entries(none), width)):
        if n:
            text.append("\n")
        for k, (glyph, name, word) in enumerate(line):
            text.append(("  " if k else "") + glyph, styles.get(name))
            text.append(f" {word}")
    return text


class MoodLegend(Widget):
    """The key to the mood charts: each glyph and colour with its mood's name."""

    DEFAULT_CSS = """
    MoodLegend { height: auto; }
    """

    def __init__(self, none: str = "no check-in", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.none = none
        """What the dot means in the chart beside it."""

    def render(self) -> Text:
        return legend_text(mood_styles(self), self.none, self.size.width or 200)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(legend_lines(legend_entries(self.none), width))
