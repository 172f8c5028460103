"""Tips: the tip of the day, then every tip grouped by situation."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static

from rebound_tui.core.tips import SITUATIONS, tip_of_the_day, tips_for
from rebound_tui.tui.resources import style
from rebound_tui.tui.screens.base import ModeScreen
from rebound_tui.tui.widgets.keybar import KeyBar
from rebound_tui.tui.widgets.palette import palette_style


class TipGroups(Widget):
    """Every tip, grouped by situation, in a single widget (one node, not one per group or per tip).

    A widget costs about 25 KB however little it draws; the groups are parted by a blank line.
    """

    def __init__(self) -> None:
        super().__init__(id="tip-groups", classes="tip-group")

    DEFAULT_CSS = """
    TipGroups { height: auto; }
    """

    def render(self) -> Text:
        heading = palette_style(self, "tip-group--heading", partial=True)
        title = palette_style(self, "tip-group--title", partial=True)
        text = Text()
        for n, situation in enumerate(SITUATIONS):
            if n:
                text.append("\n\n")
            text.append(SITUATIONS[situation], heading)
            for tip in tips_for(situation):
                text.append("\n\n")
                text.append(tip.title, title)
                text.append("\n")
                text.append(tip.text)
        return text


class TipsScreen(ModeScreen):
    """Words for the moments a job search brings."""

    CSS_PATH = style("tips.tcss")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="tips"):
            with Vertical(id="tip-of-the-day"):
                yield Label("Tip of the day", classes="section-title")
                yield Label("", id="daily-title", classes="tip-title")
                yield Static("", id="daily-text", classes="tip-text")
            yield TipGroups()
        yield KeyBar()

    def refresh_data(self) -> None:
        tip = tip_of_the_day(self.data.now().date())
        self.query_one("#daily-title", Label).update(Content(f"{tip.title} ({SITUATIONS[tip.situation]})"))
        self.query_one("#daily-text", Static).update(Content(tip.text))
