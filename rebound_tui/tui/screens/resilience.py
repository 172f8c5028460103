"""Resilience: streaks, the resilience score, a year of moods, rebound times, growth, the funnel."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from rebound_tui.core.metrics import Report, year_grid
from rebound_tui.core.models import Snapshot, Stage
from rebound_tui.core.wording import days_short, days_word, dip_line, score_words
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
        self.query_one("#res-total", StatBox).show(str(streak.total_days), "each one counts")
        self.query_one("#res-score", StatBox).show(
            f"{report.score.value:.0f} / 100", score_words(report.score)
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
        self.query_one("#funnel", Static).update(self._funnel(snapshot))
        self._insights(report)

    def _rebounds(self, report: Report) -> None:
        summary = self.query_one("#rebound-summary", Static)
        if not report.setbacks:
            summary.update("No rejections logged. When one comes, this shows how you recover, in days.")
            self.query_one("#rebound-table", Static).update("")
            return
        median = days_short(report.median_rebound_days)
        bounce = days_short(report.median_bounce_back_days)
        summary.update(
            Content(
                f"{len(report.setbacks)} setbacks logged. Mood back to your usual: median {median}. "
                f"Back to job-search action: median {bounce}. {TREND_WORDS[report.rebound_trend.direction]}"
            )
        )
        table = Table(box=None, pad_edge=False, expand=False)
        for column in (
            "Stage",
            "Setbacks",
            "Recovered",
            "Not yet",
            "Median rebound",
            "Median back to action",
        ):
            table.add_column(column, justify="left" if column == "Stage" else "right")
        for row in report.rebound_by_stage:
            table.add_row(
                Text(row.stage.label),
                str(row.setbacks),
                str(row.recovered),
                str(row.not_yet),
                days_short(row.median_rebound_days),
                days_short(row.median_bounce_back_days),
            )
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
                str(item.count),
                "-" if item.mean is None else f"{item.mean:.1f}",
                Text(item.summary),
            )
        self.query_one("#growth", Static).update(table)

    def _funnel(self, snapshot: Snapshot) -> Table | str:
        if not snapshot.applications:
            return "Log applications and rounds to see how far they get."
        furthest: dict[str, int] = {}
        for rnd in snapshot.rounds:
            furthest[rnd.application_id] = max(furthest.get(rnd.application_id, 0), rnd.stage.order)
        total = len(snapshot.applications)
        table = Table(box=None, pad_edge=False, show_header=False)
        table.add_column("Stage")
        table.add_column("Reached", justify="right")
        table.add_column("Bar")
        for stage in Stage:
            reached = sum(1 for app in snapshot.applications if furthest.get(app.id, 0) >= stage.order)
            width = round(24 * reached / total) if total else 0
            table.add_row(Text(stage.label), str(reached), "#" * width)
        return table

    def _insights(self, report: Report) -> None:
        lines = [dip_line(dip) for dip in report.insights.dips]
        lines.extend(habit.summary for habit in report.insights.habits if habit.summary)
        text = (
            "\n".join(f"- {line}" for line in lines) if lines else "Patterns appear as you log and reflect."
        )
        self.query_one("#insights", Static).update(Content(text))
