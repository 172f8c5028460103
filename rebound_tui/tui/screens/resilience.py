"""Resilience: streaks, the score, a year of moods, mood by month, rebound times, growth, the funnel.

The year-in-pixels shows one year at a time: ``[`` and ``]`` go to the year
before and after (from the first year with a check-in to this one). Every
chart has a legend saying what its glyphs and colours mean. This module is
imported when Resilience is first opened (or in an idle moment after the first
frame), so the first paint pays for none of its charts.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from rebound_tui.core.long_view import first_year, monthly_moods, yearly_moods
from rebound_tui.core.metrics import Report, score_trend, year_grid
from rebound_tui.core.patterns import (
    FUNNEL_COLUMNS,
    FUNNEL_NOTE,
    NO_FUNNEL,
    REBOUND_COLUMNS,
    funnel_rows,
    pattern_lines,
    rebound_rows,
    rebound_summary,
)
from rebound_tui.core.wording import days_word, number, score_words
from rebound_tui.tui.resources import style
from rebound_tui.tui.screens.base import ModeScreen
from rebound_tui.tui.widgets.heatmap import MoodHeatmap
from rebound_tui.tui.widgets.keybar import KeyBar
from rebound_tui.tui.widgets.months import SETBACK, MonthlyMoods
from rebound_tui.tui.widgets.mood import MoodLegend
from rebound_tui.tui.widgets.stat import StatBox

TREND_WORDS = {
    "shrinking": "Your rebound time is shrinking: you recover faster than before.",
    "steady": "Your rebound time is holding steady.",
    "growing": "Recent setbacks have taken longer to recover from. That's human; be gentle with yourself.",
    "not-enough-data": "A trend shows once a few setbacks have passed.",
}


FUNNEL_BAR = "of all applications"
"""The heading of the funnel's bar: what its length means."""


class ResilienceScreen(ModeScreen):
    """The long view: proof that you keep bouncing back.

    | Key | Description |
    | :- | :- |
    | `[` | The year before, in the year of moods. |
    | `]` | The year after, in the year of moods. |
    """

    CSS_PATH = style("resilience.tcss")

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]
    """Below 80 columns the year's legend goes under the grid (the class -narrow)."""

    BINDINGS = [
        Binding("left_square_bracket", "year(-1)", "Earlier year", key_display="[", id="resilience.earlier"),
        Binding("right_square_bracket", "year(1)", "Later year", key_display="]", id="resilience.later"),
    ]

    year: int | None = None
    """The year the year of moods shows; None until the data is read (then this year)."""
    years: tuple[int, int] | None = None
    """The first and the last year that can be shown."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="resilience"):
            with Horizontal(id="resilience-stats"):
                yield StatBox("Streak", id="res-streak")
                yield StatBox("Longest", id="res-longest")
                yield StatBox("Days in all", id="res-total")
                yield StatBox("Score", id="res-score")
            with Vertical(id="heatmap-box"):
                yield Label("", id="heatmap-title", classes="section-title")
                # The legend beside the grid (its entries wrap one or two a line), below it when narrow.
                with Horizontal(id="heatmap-row"):
                    yield MoodHeatmap(id="heatmap")
                    yield MoodLegend(id="heatmap-legend")
            with Vertical(id="rebound-box"):
                yield Label("Bouncing back after setbacks", classes="section-title")
                yield Static("", id="rebound-summary")
                yield Static("", id="rebound-table")
            with Vertical(id="months-box"):
                yield Label("Mood by month, a row a year", classes="section-title")
                yield MonthlyMoods(id="months")
                yield MoodLegend("no check-in that month", id="months-legend")
                yield Static(
                    f"Each glyph: a month's mean mood. {SETBACK} after it: a rejection or ghosting that "
                    f"month. At the right: the year's mean mood and its number of setbacks ({SETBACK}).",
                    id="months-key",
                )
            with Vertical(id="growth-box"):
                yield Label("Growth in your self-ratings", classes="section-title")
                yield Static("", id="growth")
            with Vertical(id="funnel-box"):
                yield Label("How far applications got", classes="section-title")
                yield Static("", id="funnel")
            with Vertical(id="insights-box"):
                yield Label("Patterns", classes="section-title")
                yield Static("", id="insights")
        yield KeyBar()

    def refresh_data(self) -> None:
        report, snapshot = self.data.report, self.data.snapshot
        streak = report.streak
        self.query_one("#res-streak", StatBox).show(days_word(streak.current), "pauses pass over")
        self.query_one("#res-longest", StatBox).show(days_word(streak.longest), "best run so far")
        self.query_one("#res-total", StatBox).show(number(streak.total_days), "each one counts")
        score = report.score
        self.query_one("#res-score", StatBox).show(
            f"{score.value:.0f} / 100", score_words(score_trend(score))
        )
        today = report.today
        self.years = (first_year(snapshot.checkins, today), today.year)
        self._show_year()
        setback_days = [s.day for s in report.setbacks]
        months = self.query_one("#months", MonthlyMoods)
        months.months = tuple(monthly_moods(snapshot.checkins, setback_days, today))
        months.years = tuple(yearly_moods(snapshot.checkins, setback_days, today))
        self._rebounds(report)
        self._growth(report)
        self.query_one("#funnel", Static).update(self._funnel(report))
        self._insights(report)

    def _show_year(self) -> None:
        """Draw the year of moods for :attr:`year` (kept within the years there are)."""
        if self.years is None:
            return
        first, last = self.years
        self.year = last if self.year is None else max(first, min(last, self.year))
        snapshot, today = self.data.snapshot, self.data.report.today
        moves = []
        if self.year > first:
            moves.append(f"[ {self.year - 1}")
        if self.year < last:
            moves.append(f"] {self.year + 1}")
        title = f"{self.year}, one cell a day"
        if moves:
            title += "   (" + ", ".join(moves) + ")"
        self.query_one("#heatmap-title", Label).update(Content(title))
        heatmap = self.query_one("#heatmap", MoodHeatmap)
        first_day = snapshot.settings.first_day_of_week
        heatmap.today = today
        heatmap.first_day_of_week = first_day
        heatmap.weeks = tuple(year_grid(snapshot.checkins, self.year, first_day))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "year" and self.years is not None and self.year is not None:
            step = parameters[0] if parameters else 0
            first, last = self.years
            return first <= self.year + int(str(step)) <= last
        return True

    def action_year(self, step: int) -> None:
        """Show the year ``step`` years on (-1: the year before)."""
        if self.years is None or self.year is None:
            return
        first, last = self.years
        wanted = self.year + step
        if first <= wanted <= last:
            self.year = wanted
            self._show_year()

    def _rebounds(self, report: Report) -> None:
        summary = self.query_one("#rebound-summary", Static)
        if not report.setbacks:
            summary.update("No rejections logged. When one comes, this shows how you recover, in days.")
            self.query_one("#rebound-table", Static).update("")
            return
        summary.update(Content(f"{rebound_summary(report)} {TREND_WORDS[report.rebound_trend.direction]}"))
        table = Table(box=None, pad_edge=False, expand=False)
        for column in REBOUND_COLUMNS:
            table.add_column(column, justify="left" if column == "Stage" else "right")
        for row in rebound_rows(report):
            table.add_row(*(Text(cell) for cell in row))
        self.query_one("#rebound-table", Static).update(table)

    def _growth(self, report: Report) -> None:
        rated = [g for g in report.growth if g.count]
        if not rated:
            self.query_one("#growth", Static).update(
                "Rate yourself after a round (f on Interviews) and your growth shows here."
            )
            return
        table = Table(box=None, pad_edge=False, show_header=True)
        table.add_column("Self-rating")
        table.add_column("Rounds", justify="right")
        table.add_column("Average", justify="right")
        table.add_column("What it shows")
        for item in report.growth:
            table.add_row(
                Text(item.label),
                number(item.count),
                "–" if item.mean is None else f"{item.mean:.1f}",
                Text(item.summary),
            )
        self.query_one("#growth", Static).update(table)

    def _funnel(self, report: Report) -> Table | str:
        if not report.funnel:
            return NO_FUNNEL
        applications = report.funnel[0].reached
        table = Table(box=None, pad_edge=False, show_header=True, caption=FUNNEL_NOTE, caption_justify="left")
        for column in FUNNEL_COLUMNS:
            table.add_column(column, justify="left" if column == "Stage" else "right")
        table.add_column(FUNNEL_BAR)  # a bar, for the eye: its length is the share reached
        for stage, row in zip(report.funnel, funnel_rows(report.funnel), strict=True):
            bar = "#" * round(24 * stage.reached / applications)
            table.add_row(*(Text(cell) for cell in row), bar)
        return table

    def _insights(self, report: Report) -> None:
        text = "\n".join(f"- {line}" for line in pattern_lines(report))
        self.query_one("#insights", Static).update(Content(text))
