"""Tips: the tip of the day, then every tip grouped by situation."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Label, Static

from rebound_tui.screens.base import ModeScreen
from rebound_tui.tips import SITUATIONS, tip_of_the_day, tips_for


class TipGroup(Static):
    """Every tip of one situation in a single widget (one node, not two per tip)."""

    COMPONENT_CLASSES = {"tip-group--heading", "tip-group--title"}

    def __init__(self, situation: str) -> None:
        super().__init__(id=f"group-{situation}", classes="tip-group")
        self.situation = situation

    def on_mount(self) -> None:
        heading = self.get_component_rich_style("tip-group--heading")
        title = self.get_component_rich_style("tip-group--title")
        text = Text()
        text.append(SITUATIONS[self.situation], heading)
        for tip in tips_for(self.situation):
            text.append("\n\n")
            text.append(tip.title, title)
            text.append("\n")
            text.append(tip.text)
        self.update(text)


class TipsScreen(ModeScreen):
    """Words for the moments a job search brings."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="tips"):
            with Vertical(id="tip-of-the-day"):
                yield Label("Tip of the day", classes="section-title")
                yield Label("", id="daily-title", classes="tip-title")
                yield Static("", id="daily-text", classes="tip-text")
            for key in SITUATIONS:
                yield TipGroup(key)
        yield Footer()

    def refresh_data(self) -> None:
        tip = tip_of_the_day(self.rebound.now().date())
        self.query_one("#daily-title", Label).update(Content(f"{tip.title} ({SITUATIONS[tip.situation]})"))
        self.query_one("#daily-text", Static).update(Content(tip.text))
