"""The open list of a :class:`~rebound_tui.tui.widgets.choice.Choice`: made when opened, gone when closed.

Imported only when a chooser is opened, with Textual's ``OptionList``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

MAX_ROWS = 10
"""Options shown at once; more scroll."""


class ChoiceMenu(ModalScreen[str | None]):
    """The options of a chooser, under its box; answers with the value picked, or None (Esc)."""

    DEFAULT_CSS = """
    ChoiceMenu {
        align: left top;
        & > OptionList {
            position: absolute;
            height: auto;
            max-height: 12;
            border: tall $border;
            background: $surface;
            color: $foreground;
            & > .option-list--option { padding: 0 1; }
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,ctrl+g", "close", "Close", show=False),
    ]

    def __init__(self, options: Sequence[tuple[str, str]], chosen: int, under: Region) -> None:
        """``chosen``: the index of the option chosen now (highlighted); ``under``: the chooser's
        region on the screen, to open just below (or above) it."""
        super().__init__()
        self.options = tuple(options)
        self.chosen = chosen
        self.under = under

    def compose(self) -> ComposeResult:
        yield OptionList(*(Option(Content(label), id=value) for label, value in self.options))

    def on_mount(self) -> None:
        menu = self.query_one(OptionList)
        menu.highlighted = self.chosen
        height = min(len(self.options), MAX_ROWS) + 2
        below = self.under.bottom
        top = below if below + height <= self.size.height else max(0, self.under.y - height)
        menu.styles.width = self.under.width
        menu.styles.offset = (self.under.x, top)
        menu.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def on_click(self, event: events.Click) -> None:
        if event.widget is self:  # a click beside the list closes it, changing nothing
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
