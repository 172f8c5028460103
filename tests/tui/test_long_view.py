"""Resilience's long view (issue 16, section 2): the year switcher, the legends, mood by month;
Today's sparkline with its dates and legend.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from textual.widgets import Label, Static

from rebound_tui.core.long_view import PeriodMood, monthly_moods, yearly_moods
from rebound_tui.core.models import Outcome
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.screens.resilience import ResilienceScreen
from rebound_tui.tui.screens.today import sparkline_dates
from rebound_tui.tui.widgets.heatmap import MoodHeatmap
from rebound_tui.tui.widgets.months import MonthlyMoods, chart
from rebound_tui.tui.widgets.mood import MoodLegend, legend_entries, legend_lines
from tests.tui.conftest import NOW, seed
from tests.tui.test_snapshots import settle

AppFactory = Callable[[], ReboundApp]
Compare = Callable[..., bool]
TODAY = NOW.date()


@pytest.fixture
def three_years(store: Store) -> Store:
    """Check-ins from 2024 to 27 November 2026 (1,000 days), with rounds and setbacks."""
    seed(store, days=1000, rounds=60)
    return store


async def _resilience(app: ReboundApp, pilot: Any) -> ResilienceScreen:
    await settle(pilot)
    await pilot.press("r")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ResilienceScreen)
    return screen


def _text(widget: Static | Label | MoodLegend | MonthlyMoods) -> str:
    return str(widget.render())


def _years_shown(heatmap: MoodHeatmap) -> set[int]:
    return {cell.day.year for week in heatmap.weeks for cell in week if cell is not None}


class TestYearSwitcher:
    async def test_brackets_move_between_years(self, app_factory: AppFactory, three_years: Store) -> None:
        """[ shows the year before, down to the first year with a check-in; ] comes back; no further."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _resilience(app, pilot)
            heatmap = screen.query_one("#heatmap", MoodHeatmap)
            title = screen.query_one("#heatmap-title", Label)
            assert screen.year == 2026 and _years_shown(heatmap) == {2026}
            assert screen.years == (2024, 2026)
            assert _text(title) == "2026, one cell a day   ([ 2025)"
            assert screen.check_action("year", (1,)) is False  # no later year: ] is not offered

            await pilot.press("left_square_bracket")
            await pilot.pause()
            assert screen.year == 2025 and _years_shown(heatmap) == {2025}
            assert _text(title) == "2025, one cell a day   ([ 2024, ] 2026)"
            await pilot.press("left_square_bracket", "left_square_bracket")  # the second goes nowhere
            await pilot.pause()
            assert screen.year == 2024 and _years_shown(heatmap) == {2024}
            assert screen.check_action("year", (-1,)) is False
            assert _text(title) == "2024, one cell a day   (] 2025)"

            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert screen.year == 2025

    async def test_the_year_stays_when_the_data_changes(
        self, app_factory: AppFactory, three_years: Store
    ) -> None:
        """A check-in saved while 2025 is shown leaves 2025 shown."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _resilience(app, pilot)
            await pilot.press("left_square_bracket")
            await pilot.pause()
            await pilot.press("c", "4", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert screen.year == 2025
            assert _years_shown(screen.query_one("#heatmap", MoodHeatmap)) == {2025}

    async def test_one_year_of_data_offers_no_switch(self, app_factory: AppFactory, seeded: Store) -> None:
        """Four months of this year: nothing to switch to, and the title says only the year."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _resilience(app, pilot)
            assert _text(screen.query_one("#heatmap-title", Label)) == "2026, one cell a day"
            assert screen.check_action("year", (-1,)) is False
            assert screen.check_action("year", (1,)) is False


class TestLegends:
    async def test_every_chart_says_what_it_shows(self, app_factory: AppFactory, three_years: Store) -> None:
        """The year of moods and mood by month each have a legend; the funnel's bar has a heading."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _resilience(app, pilot)
            legend = _text(screen.query_one("#heatmap-legend", MoodLegend))
            # Beside the grid at 80 columns: 18 columns wide, two entries a line where they fit.
            assert legend.splitlines() == ["▁ awful  ▂ low", "▄ okay  ▆ good", "█ great", "· no check-in"]
            months_legend = _text(screen.query_one("#months-legend", MoodLegend))
            assert months_legend == "▁ awful  ▂ low  ▄ okay  ▆ good  █ great  · no check-in that month"
            assert "▾ after it: a rejection or ghosting" in _text(screen.query_one("#months-key", Static))

    async def test_months_chart_matches_core(self, app_factory: AppFactory, three_years: Store) -> None:
        """Mood by month shows core's monthly and yearly figures: a row a year, the year's mean at the end."""
        snap = three_years.snapshot()
        setbacks = [r.day for r in snap.rounds if r.outcome in (Outcome.REJECTED, Outcome.GHOSTED)]
        years = yearly_moods(snap.checkins, setbacks, TODAY)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _resilience(app, pilot)
            chart = screen.query_one("#months", MonthlyMoods)
            assert chart.months == tuple(monthly_moods(snap.checkins, setbacks, TODAY))
            assert chart.years == tuple(years)
            lines = _text(chart).splitlines()
            assert len(lines) == 1 + 3  # the heading, 2024, 2025, 2026
            for line, year in zip(lines[1:], years, strict=True):
                assert line.startswith(str(year.year))
                assert year.mean is not None and f"{year.mean:.1f}" in line


class TestMonthlyChart:
    def test_rows_by_hand(self) -> None:
        """A year's row: a glyph per month (the dot for none), ▾ after a month with a setback, the mean."""
        months = [PeriodMood(2026, m, None, 0, 0) for m in range(1, 4)]
        months[0] = PeriodMood(2026, 1, 4.0, 2, 1)
        months[1] = PeriodMood(2026, 2, 1.5, 2, 0)
        lines = chart(months, [PeriodMood(2026, 0, 2.75, 4, 1)]).plain.splitlines()
        assert lines[0] == "     J  F  M  A  M  J  J  A  S  O  N  D   mean  ▾"
        # 1.5 rounds half up to level 2 (▂); 2.75 is shown to one decimal, 2.8.
        assert lines[1] == "2026 ▆▾ ▂  ·  " + " " * 27 + "  2.8   1"

    def test_fits_in_sixty_columns(self) -> None:
        """The widest row fits a 60x20 terminal with the screen's padding."""
        assert MonthlyMoods().get_content_width(None, None) <= 56


class TestLegendLines:
    def test_packing_by_hand(self) -> None:
        """Entries are never split: at 14 columns two short ones share a line, long ones stand alone."""
        lines = legend_lines(legend_entries(), 14)
        assert [[word for _, _, word in line] for line in lines] == [
            ["awful", "low"],  # "▁ awful  ▂ low" is 14 columns
            ["okay", "good"],
            ["great"],
            ["no check-in"],
        ]
        assert len(legend_lines(legend_entries(), 200)) == 1


class TestTodaySparkline:
    def test_dates_by_hand(self) -> None:
        """30 days ending Saturday 28 November begin on Friday 30 October."""
        assert sparkline_dates(date(2026, 11, 28), 30) == "30 Oct" + " " * 19 + "today"
        assert len(sparkline_dates(date(2026, 11, 28), 30)) == 30
        assert sparkline_dates(date(2026, 11, 28), 1) == "today"

    async def test_dates_and_legend_on_today(self, app_factory: AppFactory, seeded: Store) -> None:
        """Under the sparkline: its first day and today; beside it: what its glyphs and colours mean."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert _text(screen.query_one("#sparkline-dates", Static)).startswith("30 Oct")
            assert "█ great" in _text(screen.query_one("#sparkline-legend", MoodLegend))


@pytest.mark.parametrize(
    ("size", "part"),
    [
        ((80, 24), "heatmap-box"),
        ((80, 24), "months-box"),
        ((60, 20), "heatmap-box"),
        ((60, 20), "months-box"),
    ],
    ids=["80x24-year", "80x24-months", "60x20-year", "60x20-months"],
)
def test_snapshot_long_view(
    snap_compare: Compare, app_factory: AppFactory, three_years: Store, size: tuple[int, int], part: str
) -> None:
    """Resilience on 2025 (after [), scrolled to the year of moods or to mood by month, with their legends."""

    async def show(pilot: Any) -> None:
        await _resilience(pilot.app, pilot)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        box = pilot.app.screen.query_one(f"#{part}")
        pilot.app.screen.query_one("#resilience").scroll_to_widget(box, top=True, animate=False)
        await pilot.pause()

    assert snap_compare(app_factory(), terminal_size=size, run_before=show)
