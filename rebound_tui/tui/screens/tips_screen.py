"""Tips: the tip of the day, then every tip grouped by situation."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static

from rebound_tui.core.tips import SITUATIONS, tip_of_the_day, tips_for
from rebound_tui.tui.screens.base import ModeScreen
from rebound_tui.tui.widgets.keybar import KeyBar
from rebound_tui.tui.widgets.palette import palette_style


class TipGroup(Widget):
    """Every tip of one situation in a single widget (one node, not two per tip)."""

    def __init__(self, situation: str) -> None:
        super().__init__(id=f"group-{situation}", classes="tip-group")
        self.situation = situation

    DEFAULT_CSS = """
    TipGroup { height: auto; }
    """

    def render(self) -> Text:
        heading = palette_style(self, "tip-group--heading", partial=True)
        title = palette_style(self, "tip-group--title", partial=True)
        text = Text()
        text.append(SITUATIONS[self.situation], heading)
        for tip in tips_for(self.situation):
            text.append("\n\n")
            text.append(tip.title, title)
            text.append("\n")
            text.append(tip.text)
        return text


class TipsScreen(ModeScreen):
    """Words for the moments a job search brings."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="tips"):
            with Vertical(id="tip-of-the-day"):
                yield Label("Tip of the day", classes="section-title")
                yield Label("", id="daily-title", classes="tip-title")
                yield Static("", id="daily-text", classes="tip-text")
            for key in SITUATIONS:
                yield TipGroup(key)
        yield KeyBar()

    def refresh_data(self) -> None:
        tip = tip_of_the_day(self.data.now().date())
        self.query_one("#daily-title", Label).update(Content(f"{tip.title} ({SITUATIONS[tip.situation]})"))
        self.query_one("#daily-text", Static).update(Content(tip.text))
