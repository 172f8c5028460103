"""Moods over time: the last 30 days for the sparkline, a year of days for the heatmap."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from rebound_tui.core.metrics.days import MOOD_SERIES_DAYS, day_moods, week_start
from rebound_tui.core.models import CheckIn


@dataclass(frozen=True)
class GridCell:
    """One day of a year-in-pixels grid."""

    day: date
    mood: float | None


def mood_series(checkins: Iterable[CheckIn], today: date, days: int = MOOD_SERIES_DAYS) -> list[float | None]:
    """Daily mean mood for the ``days`` days ending today, oldest first; None where there is none."""
    t = today.toordinal()
    first = t - days + 1
    moods = day_moods((c for c in checkins if c.timestamp.date().toordinal() >= first), t)
    return [moods.get(ordinal) for ordinal in range(first, t + 1)]


def year_moods(checkins: Iterable[CheckIn], year: int) -> dict[date, float]:
    """Daily mean mood for each day of ``year`` that has a check-in."""
    wanted = [c for c in checkins if c.timestamp.year == year]
    return {
        date.fromordinal(o): m for o, m in sorted(day_moods(wanted, date(year, 12, 31).toordinal()).items())
    }


def year_grid(
    checkins: Iterable[CheckIn], year: int, first_day_of_week: int = 0
) -> list[tuple[GridCell | None, ...]]:
    """A year-in-pixels grid: one tuple of seven cells per week, weeks in order.

    Each week starts on ``first_day_of_week`` (0 = Monday). Cells outside the
    year are None; days without a check-in have ``mood=None``.
    """
    moods = year_moods(checkins, year)
    first, last = date(year, 1, 1), date(year, 12, 31)
    start = date.fromordinal(week_start(first.toordinal(), first_day_of_week))
    weeks: list[tuple[GridCell | None, ...]] = []
    while start <= last:
        week = []
        for offset in range(7):
            day = start + timedelta(days=offset)
            week.append(GridCell(day, moods.get(day)) if first <= day <= last else None)
        weeks.append(tuple(week))
        start += timedelta(days=7)
    return weeks
