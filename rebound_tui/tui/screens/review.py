"""Review: a look back at one week at a time, and the note for the week after it.

The same review as ``rebound-tui review`` (:mod:`rebound_tui.core.review`), in
the app: how the days felt, what was done, each setback and the way back, the
lessons written, progress that is easy to miss, and what was planned. Earlier
and later weeks are one key away; ``n`` opens the small form for one thing to
keep and one to try, which the app saves (the screen only posts the wish).

The screen shows everything the person wrote to themselves (notes and feelings
too): the privacy options belong to reports that leave the machine.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label

from rebound_tui.core.review import (
    Period,
    Privacy,
    Review,
    Section,
    build_review,
    sections,
    span_words,
    text_user,
    title,
    week_of,
)
from rebound_tui.tui.messages import WriteWeekNote
from rebound_tui.tui.resources import style
from rebound_tui.tui.screens.base import ModeScreen
from rebound_tui.tui.widgets.keybar import KeyBar
from rebound_tui.tui.widgets.palette import palette_style

SHOWN = Privacy(notes=True, feelings=True)
"""On screen, the person sees everything they wrote; nothing leaves the machine from here."""


class ReviewBody(Widget):
    """The sections of a review in one widget: headings, sentences, list items, the person's words.

    The person's text is appended as plain text (never read as markup).
    """

    DEFAULT_CSS = """
    ReviewBody { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.parts: list[Section] = []

    def show(self, parts: list[Section]) -> None:
        self.parts = parts
        self.refresh(layout=True)

    def render(self) -> RenderableType:
        heading = palette_style(self, "review--heading", partial=True)
        quote = palette_style(self, "review--quote", partial=True)
        items: list[RenderableType] = []
        for n, section in enumerate(self.parts):
            if n:
                items.append(Text(""))
            items.append(Text(section.title, heading))
            for kind, words in section.blocks:
                if kind == "p":
                    items.append(Text(words))
                elif kind == "li":
                    # A list item wraps under its own text, not under the bullet.
                    row = Table.grid()
                    row.add_column(width=4, no_wrap=True)
                    row.add_column(ratio=1)
                    row.add_row(Text("  • "), Text(words))
                    items.append(row)
                else:
                    items.append(Padding(Text(words, quote), (0, 0, 0, 6)))
        return Group(*items)


class ReviewScreen(ModeScreen):
    """Looking back on a week: what it held, how you came back, what to keep and try.

    | Key | Description |
    | :- | :- |
    | `[` / left | The week before |
    | `]` / right | The week after (up to this week) |
    | `0` | This week |
    | `n` | Write what to keep and what to try next week |
    """

    CSS_PATH = style("review.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "earlier", "Earlier", id="review.earlier"),
        Binding("left", "earlier", "Earlier", show=False, id="review.earlier_arrow"),
        Binding("right_square_bracket", "later", "Later", id="review.later"),
        Binding("right", "later", "Later", show=False, id="review.later_arrow"),
        Binding("0", "this_week", "This week", id="review.this_week"),
        Binding("n", "note", "Note for next week", id="review.note"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.week: date | None = None
        """The first day of the week shown; None for the week holding today (it follows the clock)."""
        self.review: Review | None = None
        """The review shown, as last built."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="review"):
            yield Label("", id="review-title", classes="section-title")
            yield ReviewBody(id="review-body")
        yield KeyBar()

    # ----------------------------------------------------------------- the week shown

    def _today(self) -> date:
        return self.data.now().date()

    @property
    def period(self) -> Period:
        """The week shown."""
        first = self.data.snapshot.settings.first_day_of_week
        return week_of(self.week or self._today(), first)

    def action_earlier(self) -> None:
        """Show the week before."""
        self.week = self.period.start - timedelta(days=7)
        self._redraw()

    def action_later(self) -> None:
        """Show the week after, up to the week holding today."""
        following = self.period.start + timedelta(days=7)
        this_week = week_of(self._today(), self.data.snapshot.settings.first_day_of_week).start
        self.week = following if following < this_week else None
        self._redraw()

    def action_this_week(self) -> None:
        """Back to the week holding today."""
        self.week = None
        self._redraw()

    def action_note(self) -> None:
        """Ask the app for the keep/try form of the week after the one shown."""
        review = self.review
        if review is None:
            return
        self.post_message(WriteWeekNote(review.coming_week, review.coming, span_words(review)))

    # ----------------------------------------------------------------- drawing

    def refresh_data(self) -> None:
        snapshot = self.data.snapshot
        today = self._today()
        period = self.period
        report = self.data.report if self.data.data_ready else None
        found = report.setbacks if report is not None and report.today == today else None
        review = build_review(snapshot, period, today, found)
        self.review = review
        self.query_one("#review-title", Label).update(Content(title(review)))
        self.query_one("#review-body", ReviewBody).show(sections(review, SHOWN, text_user))
