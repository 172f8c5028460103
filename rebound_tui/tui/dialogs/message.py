"""Small dialogs that say something kind and offer a next step."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from rebound_tui.core.tips import Tip
from rebound_tui.tui.resources import style


class CareDialog(ModalScreen[None]):
    """A warm word and a tip, shown after a hard moment (low mood). Closes with enter.

    | Key | Description |
    | :- | :- |
    | `enter` / `ctrl+g` / `escape` | Close. |
    """

    CSS_PATH = style("dialogs.tcss")

    BINDINGS = [
        Binding("ctrl+g", "close", "Close", id="care.close"),
        Binding("escape", "close", "Close", show=False, id="care.close_escape"),
    ]

    def __init__(self, title: str, message: str, tip: Tip) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.message = message
        self.tip = tip

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box care-box"):
            yield Label(Content(self.title_text), classes="dialog-title")
            yield Static(Content(self.message), classes="care-message")
            yield Label(Content(self.tip.title), classes="tip-title")
            yield Static(Content(self.tip.text), classes="tip-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Thank you (enter)", variant="primary", id="close")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)


class SetbackDialog(ModalScreen[bool]):
    """After a rejection or ghosting: support, a tip, and an offer to reflect (True) or not yet.

    | Key | Description |
    | :- | :- |
    | `r` | Reflect now. |
    | `l` / `ctrl+g` / `escape` | Later. |
    """

    CSS_PATH = style("dialogs.tcss")

    BINDINGS = [
        Binding("r", "reflect", "Reflect now", id="setback.reflect"),
        Binding("l,ctrl+g", "later", "Later", id="setback.later"),
        Binding("escape", "later", "Later", show=False, id="setback.later_escape"),
    ]

    def __init__(self, message: str, tip: Tip) -> None:
        super().__init__(classes="dialog")
        self.message = message
        self.tip = tip

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box care-box"):
            yield Label("That one stings. It's okay.", classes="dialog-title")
            yield Static(Content(self.message), classes="care-message")
            yield Label(Content(self.tip.title), classes="tip-title")
            yield Static(Content(self.tip.text), classes="tip-text")
            yield Static(
                "When you feel ready, a few minutes of reflection turns this into something you keep.",
                classes="hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Reflect now (r)", variant="primary", id="reflect")
                yield Button("Later (l)", id="later")

    def on_mount(self) -> None:
        self.query_one("#reflect", Button).focus()

    @on(Button.Pressed, "#reflect")
    def action_reflect(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#later")
    def action_later(self) -> None:
        self.dismiss(False)


class ConfirmDialog(ModalScreen[bool]):
    """Ask a yes-or-no question: `y` yes, `n` no, keyboard only.

    ``escape`` is what Escape (and ctrl+g) answer: No unless told otherwise, so a
    reflexive escape takes the safe side. ``danger`` colours Yes as a warning.

    | Key | Description |
    | :- | :- |
    | `y` | Yes. |
    | `n` | No. |
    | `ctrl+g` / `escape` | The safe answer (No unless the question says otherwise). |
    """

    CSS_PATH = style("dialogs.tcss")

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n", "answer(False)", "No", id="confirm.no"),
        Binding("ctrl+g", "escape", "Close", id="confirm.close"),
        Binding("escape", "escape", "Close", show=False, id="confirm.close_escape"),
    ]

    def __init__(
        self,
        question: str,
        yes: str = "Yes",
        *,
        no: str = "Keep it",
        danger: bool = True,
        escape: bool = False,
    ) -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.yes = yes
        self.no = no
        self.danger = danger
        self.escape_answer = escape

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Content(self.question), classes="care-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", variant="error" if self.danger else "primary", id="yes")
                yield Button(f"{self.no} (n)", variant="primary" if self.danger else "default", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.escape_answer else "#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_escape(self) -> None:
        self.dismiss(self.escape_answer)
