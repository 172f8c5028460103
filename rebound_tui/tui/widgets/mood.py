"""Mood glyphs shared by the sparkline and the heatmap.

Each mood has its own glyph height as well as its own colour, so the charts
stay readable with NO_COLOR or on a 16-colour console.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

GLYPHS = {1: "▁", 2: "▂", 3: "▄", 4: "▆", 5: "█"}
EMPTY = "·"
MOOD_CLASSES = ("mood--1", "mood--2", "mood--3", "mood--4", "mood--5", "mood--none")


def mood_level(mood: float) -> int:
    """Round a day's mean mood to the nearest whole level, halves up."""
    return max(1, min(5, int(mood + 0.5)))


def mood_styles(widget: Widget) -> dict[str, Style]:
    """The widget's ``mood--N`` component styles, looked up once per render."""
    return {name: widget.get_component_rich_style(name) for name in MOOD_CLASSES}


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
