"""A small box with a big figure, a title above it and a caption below.

One widget drawing three lines (rather than a container of three labels):
the Today screen is the first paint, and every node costs start-up time.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from rebound_tui.tui.widgets.palette import palette_style


class StatBox(Widget):
    """A figure the user can take in at a glance, such as '12 days'."""

    DEFAULT_CSS = """
    StatBox { height: auto; width: 1fr; }
    """

    def __init__(self, title: str, value: str = "-", caption: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = title
        self.value = value
        self.caption = caption

    def show(self, value: str, caption: str = "") -> None:
        """Set the figure and its caption (plain text, never markup); nothing to redo if they are shown."""
        if (value, caption) == (self.value, self.caption):
            return
        self.value, self.caption = value, caption
        self.refresh(layout=True)

    def render(self) -> Text:
        # Styles are read at render time, so a theme switch redraws in the new colours.
        text = Text()
        text.append(self.title, palette_style(self, "stat--title", partial=True))
        text.append("\n")
        text.append(self.value, palette_style(self, "stat--value", partial=True))
        text.append("\n")
        text.append(self.caption, palette_style(self, "stat--caption", partial=True))
        return text
