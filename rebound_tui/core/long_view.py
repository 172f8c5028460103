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
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import TypeVar

from rebound_tui.core.models import CheckIn

K = TypeVar("K", bound=Hashable)
_Sum = tuple[Fraction, int]
"""The sum of some days' mean moods, and how many days."""


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


def _period_moods(checkins: Iterable[CheckIn], today: date, period: Callable[[date], K]) -> dict[K, _Sum]:
    """Per period (``period(day)``, a month or a year), the sum of its days' mean moods and their number.

    Up to ``today``. Each day's mean is exact (a Fraction) and is added to its period as it is
    made, so ten years of days are never all held as fractions at once.
    """
    sums: dict[date, int] = defaultdict(int)
    counts: dict[date, int] = defaultdict(int)
    for checkin in checkins:
        day = checkin.timestamp.date()
        if day <= today:
            sums[day] += checkin.mood
            counts[day] += 1
    totals: dict[K, _Sum] = {}
    for day, total in sums.items():
        key = period(day)
        mood, days = totals.get(key, (Fraction(0), 0))
        totals[key] = (mood + Fraction(total, counts[day]), days + 1)
    return totals


def _mean(total: _Sum | None) -> float | None:
    return float(total[0] / total[1]) if total else None


def first_year(checkins: Iterable[CheckIn], today: date) -> int:
    """The year of the first check-in (today's year when there is none, or all are later)."""
    return min((c.timestamp.year for c in checkins if c.timestamp.date() <= today), default=today.year)


def monthly_moods(checkins: Iterable[CheckIn], setback_days: Iterable[date], today: date) -> list[PeriodMood]:
    """Every month from January of the first year with a check-in or setback to today's month, in order.

    Months without a check-in are there too (``mean`` None), so a chart keeps its spacing.
    """
    moods = _period_moods(checkins, today, lambda day: (day.year, day.month))
    setbacks = Counter((d.year, d.month) for d in setback_days if d <= today)
    first = min([year for year, _ in moods] + [year for year, _ in setbacks], default=today.year)
    months = []
    for year in range(first, today.year + 1):
        for month in range(1, 13 if year < today.year else today.month + 1):
            total = moods.get((year, month))
            months.append(
                PeriodMood(year, month, _mean(total), total[1] if total else 0, setbacks[(year, month)])
            )
    return months


def yearly_moods(checkins: Iterable[CheckIn], setback_days: Iterable[date], today: date) -> list[PeriodMood]:
    """One entry a year (``month`` 0), from the first year with a check-in or setback to today's."""
    moods = _period_moods(checkins, today, lambda day: day.year)
    setbacks = Counter(d.year for d in setback_days if d <= today)
    first = min([*moods, *setbacks], default=today.year)
    return [
        PeriodMood(year, 0, _mean(moods.get(year)), moods[year][1] if year in moods else 0, setbacks[year])
        for year in range(first, today.year + 1)
    ]
