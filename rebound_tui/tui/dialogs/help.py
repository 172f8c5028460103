"""Help: every key the app answers to, the app's first, grouped by where they work."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Label, Static

from rebound_tui.tui.resources import style

KEY_NAMES = {"question_mark": "?", "slash": "/", "space": "space", "escape": "esc"}


def key_name(keys: str) -> str:
    """A binding's keys in one notation: "ctrl+t", "?", "l / ctrl+g" (never "^t")."""
    return " / ".join(KEY_NAMES.get(key.strip(), key.strip()) for key in keys.split(","))


KeyRow = tuple[str, str, str]
"""A key, what it does, and where it works."""

FORM_KEYS: list[KeyRow] = [
    ("ctrl+s", "Save a form from any field", "In forms and dialogs"),
    ("tab / enter", "Next field (enter in one-line fields)", "In forms and dialogs"),
    ("esc / ctrl+g", "Close (asks first when you typed something)", "In forms and dialogs"),
]


def key_rows(app: App[Any], screen: Screen[Any]) -> list[KeyRow]:
    """The app's own keys, then ``screen``'s, then the forms': not the focused widget's nor Textual's.

    Only bindings with an id are ours (the focused widget's scrolling and table moves,
    and Textual's focus or copy keys, have none); a key shared by both is listed once.
    """
    everywhere: list[KeyRow] = []
    here: list[KeyRow] = []
    screen_name = type(screen).__name__.removesuffix("Screen")
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.id is None or binding.action in seen:
            continue
        if active.node is app:
            seen.add(binding.action)
            everywhere.append((key_name(binding.key), binding.description, "Everywhere"))
        elif active.node is screen:
            seen.add(binding.action)
            here.append((key_name(binding.key), binding.description, f"On {screen_name}"))
    everywhere.append(("ctrl+p", "Command palette", "Everywhere"))
    return [*everywhere, *here, *FORM_KEYS]


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
