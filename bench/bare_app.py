"""The yardstick for first paint: a bare Textual app with a Header, a Static and a Footer.

Pressing x changes its text: bench_tui.py times that from outside, the floor of any
"key pressed, new text on the screen" figure (terminal, tmux and the polling included).
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Bare(App[None]):
    BINDINGS = [("x", "press", "Press")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("bare app ready", id="text")
        yield Footer()

    def action_press(self) -> None:
        self.query_one("#text", Static).update("bare app pressed")


if __name__ == "__main__":
    Bare().run()
