"""Tips: the tip of the day, then every tip grouped by situation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Label, Static

from rebound_tui.resources import style
from rebound_tui.screens.base import ModeScreen
from rebound_tui.tips import SITUATIONS, tip_of_the_day, tips_for


class TipsScreen(ModeScreen):
    """Words for the moments a job search brings."""

    CSS_PATH = style("tips.tcss")

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="tips"):
            with Vertical(id="tip-of-the-day"):
                yield Label("Tip of the day", classes="section-title")
                yield Label("", id="daily-title", classes="tip-title")
                yield Static("", id="daily-text", classes="tip-text")
            for key, label in SITUATIONS.items():
                with Vertical(classes="tip-group", id=f"group-{key}"):
                    yield Label(label, classes="section-title")
                    for tip in tips_for(key):
                        yield Label(Content(tip.title), classes="tip-title")
                        yield Static(Content(tip.text), classes="tip-text")
        yield Footer()

    def refresh_data(self) -> None:
        tip = tip_of_the_day(self.rebound.now().date())
        self.query_one("#daily-title", Label).update(Content(f"{tip.title} ({SITUATIONS[tip.situation]})"))
        self.query_one("#daily-text", Static).update(Content(tip.text))
