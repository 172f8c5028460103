"""Help: every key the app answers to, the app's first, grouped by where they work."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from rebound_tui.tui.resources import style

KEY_NAMES = {"question_mark": "?", "slash": "/", "space": "space", "escape": "esc"}


def key_name(keys: str) -> str:
    """A binding's keys in one notation: "ctrl+t", "?", "l / ctrl+g" (never "^t")."""
    return " / ".join(KEY_NAMES.get(key.strip(), key.strip()) for key in keys.split(","))


class HelpDialog(ModalScreen[None]):
    """A table of the app's keys, in groups: everywhere, on this screen, in forms and dialogs.

    The list has the focus as it opens, so PageDown, the arrows and the mouse
    scroll it at once.

    | Key | Description |
    | :- | :- |
    | `enter` / `?` / `ctrl+g` / `escape` | Close. |
    """

    CSS_PATH = style("dialogs.tcss")

    BINDINGS = [
        Binding("question_mark,ctrl+g,enter", "close", "Close", id="help.close"),
        Binding("escape", "close", "Close", show=False, id="help.close_escape"),
    ]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        """``rows``: (keys, what they do, the group they are listed under), in the order shown."""
        super().__init__(classes="dialog")
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table(box=None, pad_edge=False, show_header=False, expand=True)
        table.add_column("Key", style="bold", no_wrap=True)
        table.add_column("Does")
        group = None
        for key, description, where in self.rows:
            if where != group:
                if group is not None:
                    table.add_row("", "")
                table.add_row(Text(where, style="bold underline"), "")
                group = where
            table.add_row(Text(key), Text(description))
        with Vertical(classes="dialog-box help-box"):
            yield Label("Keys", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(table, id="help-table")
                yield Static(
                    "Escape always has a second key (ctrl+g), since tmux and SSH can delay it.",
                    classes="hint",
                )
            yield Button("Close (enter)", variant="primary", id="close")

    def on_mount(self) -> None:
        self.query_one("#help-scroll", VerticalScroll).focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
