"""Resilience: streaks, the resilience score, a year of moods, rebound times, growth, the funnel."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

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
from rebound_tui.tui.screens.base import ModeScreen
from rebound_tui.tui.widgets.heatmap import MoodHeatmap
from rebound_tui.tui.widgets.keybar import KeyBar
from rebound_tui.tui.widgets.stat import StatBox

TREND_WORDS = {
    "shrinking": "Your rebound time is shrinking: you recover faster than before.",
    "steady": "Your rebound time is holding steady.",
    "growing": "Recent setbacks have taken longer to recover from. That's human; be gentle with yourself.",
    "not-enough-data": "A trend shows once a few setbacks have passed.",
}


class ResilienceScreen(ModeScreen):
    """The long view: proof that you keep bouncing back."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="resilience"):
            with Horizontal(id="resilience-stats"):
                yield StatBox("Streak", id="res-streak")
                yield StatBox("Longest", id="res-longest")
                yield StatBox("Days in all", id="res-total")
                yield StatBox("Score", id="res-score")
            with Vertical(id="heatmap-box"):
                yield Label("", id="heatmap-title", classes="section-title")
                yield MoodHeatmap(id="heatmap")
            with Vertical(id="rebound-box"):
                yield Label("Bouncing back after setbacks", classes="section-title")
                yield Static("", id="rebound-summary")
                yield Static("", id="rebound-table")
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
        self.query_one("#heatmap-title", Label).update(f"{today.year}, one cell a day")
        heatmap = self.query_one("#heatmap", MoodHeatmap)
        first_day = snapshot.settings.first_day_of_week
        heatmap.today = today
        heatmap.first_day_of_week = first_day
        heatmap.weeks = tuple(year_grid(snapshot.checkins, today.year, first_day))
        self._rebounds(report)
        self._growth(report)
        self.query_one("#funnel", Static).update(self._funnel(report))
        self._insights(report)

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
        table.add_column("")  # a bar, for the eye
        for stage, row in zip(report.funnel, funnel_rows(report.funnel), strict=True):
            bar = "#" * round(24 * stage.reached / applications)
            table.add_row(*(Text(cell) for cell in row), bar)
        return table

    def _insights(self, report: Report) -> None:
        text = "\n".join(f"- {line}" for line in pattern_lines(report))
        self.query_one("#insights", Static).update(Content(text))
