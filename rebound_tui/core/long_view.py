"""The long view: mood by month and by year over a whole history, with the setbacks of each.

For the ten-year histories people bring from Daylio. A month's (or a year's)
mood is the mean of its days' moods (a day's mood is the mean of its
check-ins), so a day with five check-ins weighs no more than a day with one.
Sums are taken over whole numbers first (a day's sum and count), so the
figures never depend on the order the check-ins were entered in.

Pure functions of their arguments; no UI library.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from rebound_tui.core.models import CheckIn


@dataclass(frozen=True)
class PeriodMood:
    """One month (``month`` 1-12) or one year (``month`` 0) of moods and setbacks."""

    year: int
    month: int
    mean: float | None
    """Mean of the days' moods; None when no day had a check-in."""
    days: int
    """Days with a check-in."""
    setbacks: int
    """Rejections and ghostings on days of this period."""


def _day_moods(checkins: Iterable[CheckIn], today: date) -> dict[date, Fraction]:
    """Each day's mean mood (exact), up to ``today``."""
    sums: dict[date, int] = defaultdict(int)
    counts: dict[date, int] = defaultdict(int)
    for checkin in checkins:
        day = checkin.timestamp.date()
        if day <= today:
            sums[day] += checkin.mood
            counts[day] += 1
    return {day: Fraction(sums[day], counts[day]) for day in sums}


def _mean(values: list[Fraction]) -> float | None:
    return float(sum(values) / len(values)) if values else None


def first_year(checkins: Iterable[CheckIn], today: date) -> int:
    """The year of the first check-in (today's year when there is none, or all are later)."""
    return min((c.timestamp.year for c in checkins if c.timestamp.date() <= today), default=today.year)


def monthly_moods(checkins: Iterable[CheckIn], setback_days: Iterable[date], today: date) -> list[PeriodMood]:
    """Every month from January of the first year with a check-in or setback to today's month, in order.

    Months without a check-in are there too (``mean`` None), so a chart keeps its spacing.
    """
    days = _day_moods(checkins, today)
    setbacks = Counter((d.year, d.month) for d in setback_days if d <= today)
    by_month: dict[tuple[int, int], list[Fraction]] = defaultdict(list)
    for day, mood in days.items():
        by_month[(day.year, day.month)].append(mood)
    starts = [d.year for d in days] + [year for year, _ in setbacks]
    first = min(starts, default=today.year)
    months = []
    for year in range(first, today.year + 1):
        for month in range(1, 13 if year < today.year else today.month + 1):
            moods = by_month.get((year, month), [])
            months.append(PeriodMood(year, month, _mean(moods), len(moods), setbacks[(year, month)]))
    return months


def yearly_moods(checkins: Iterable[CheckIn], setback_days: Iterable[date], today: date) -> list[PeriodMood]:
    """One entry a year (``month`` 0), from the first year with a check-in or setback to today's."""
    days = _day_moods(checkins, today)
    setbacks = Counter(d.year for d in setback_days if d <= today)
    by_year: dict[int, list[Fraction]] = defaultdict(list)
    for day, mood in days.items():
        by_year[day.year].append(mood)
    first = min([*by_year, *setbacks], default=today.year)
    return [
        PeriodMood(year, 0, _mean(by_year.get(year, [])), len(by_year.get(year, [])), setbacks[year])
        for year in range(first, today.year + 1)
    ]
