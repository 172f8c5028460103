"""Help: every key the app answers to, where you are right now."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


class HelpDialog(ModalScreen[None]):
    """A table of every binding: the app's, then the screen's.

    | Key | Description |
    | :- | :- |
    | `enter` / `?` / `ctrl+g` / `escape` | Close. |
    """

    BINDINGS = [
        Binding("question_mark,ctrl+g", "close", "Close", id="help.close"),
        Binding("escape", "close", "Close", show=False, id="help.close_escape"),
    ]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__(classes="dialog")
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table(box=None, pad_edge=False, show_header=True, expand=True)
        table.add_column("Key", style="bold", no_wrap=True)
        table.add_column("Does")
        table.add_column("Where", style="dim")
        for key, description, where in self.rows:
            table.add_row(Text(key), Text(description), Text(where))
        with Vertical(classes="dialog-box help-box"):
            yield Label("Keys", classes="dialog-title")
            with VerticalScroll():
                yield Static(table, id="help-table")
                yield Static(
                    "Escape always has a second key (ctrl+g), since tmux and SSH can delay it. "
                    "ctrl+p opens the command palette.",
                    classes="hint",
                )
            yield Button("Close (enter)", variant="primary", id="close")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
