"""A small keyboard-only question with numbered answers (1, 2, ...), such as which value to keep."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from rebound_tui.tui.resources import style


class ChoiceDialog(ModalScreen[int | None]):
    """Ask one question; answers with the number of the option chosen, or None (ctrl+g).

    Used when a save needs the person to decide: a field changed in another
    rebound-tui too, or a record deleted there meanwhile. The text is shown
    literally (it holds the person's own words, never markup).

    | Key | Description |
    | :- | :- |
    | `1`, `2`, ... | Choose that option. |
    | `ctrl+g` / `escape` | Decide later: nothing is saved, the form stays open. |
    """

    CSS_PATH = style("dialogs.tcss")

    BINDINGS = [
        Binding("ctrl+g", "choose(0)", "Decide later", id="choice.later"),
        Binding("escape", "choose(0)", "Decide later", show=False, id="choice.later_escape"),
    ]

    def __init__(self, title: str, text: str, options: tuple[str, ...]) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.text = text
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Content(self.title_text), classes="dialog-title")
            yield Static(Content(self.text), classes="care-message")
            for number, option in enumerate(self.options, start=1):
                yield Static(Content(f"{number}  {option}"), classes="choice-option")
            keys = " · ".join(str(n) for n in range(1, len(self.options) + 1))
            yield Static(f"{keys} choose · ctrl+g decide later", classes="dialog-keys")

    def on_key(self, event: object) -> None:
        key = getattr(event, "key", "")
        if key.isdigit() and 1 <= int(key) <= len(self.options):
            getattr(event, "stop", lambda: None)()
            self.dismiss(int(key))

    def action_choose(self, number: int) -> None:
        self.dismiss(number or None)
