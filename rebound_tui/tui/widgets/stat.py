"""A small box with a big figure, a title above it and a caption below.

One widget drawing three lines (rather than a container of three labels):
the Today screen is the first paint, and every node costs start-up time.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class StatBox(Widget):
    """A figure the user can take in at a glance, such as '12 days'."""

    COMPONENT_CLASSES = {"stat--title", "stat--value", "stat--caption"}
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
        text.append(self.title, self.get_component_rich_style("stat--title", partial=True))
        text.append("\n")
        text.append(self.value, self.get_component_rich_style("stat--value", partial=True))
        text.append("\n")
        text.append(self.caption, self.get_component_rich_style("stat--caption", partial=True))
        return text
