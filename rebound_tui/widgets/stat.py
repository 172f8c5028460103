"""A small box with a big figure, a title above it and a caption below."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label


class StatBox(Vertical):
    """A figure the user can take in at a glance, such as '12 days'."""

    DEFAULT_CSS = """
    StatBox { height: auto; width: 1fr; }
    StatBox > .stat--value { text-style: bold; }
    """

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = title

    def compose(self) -> ComposeResult:
        yield Label(self._title, classes="stat--title")
        yield Label("-", classes="stat--value")
        yield Label("", classes="stat--caption")

    def show(self, value: str, caption: str = "") -> None:
        """Set the figure and its caption (plain text, never markup)."""
        self.query_one(".stat--value", Label).update(_plain(value))
        self.query_one(".stat--caption", Label).update(_plain(caption))


def _plain(text: str) -> object:
    from textual.content import Content

    return Content(text)
