"""The check-in streak, from bare local dates: shared by the metrics and the quick paths.

Kept apart from :mod:`rebound_tui.core.metrics` so that ``rebound-tui checkin 4`` and
``status`` (and the TUI's first paint) need not import every other metric.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Streak:
    """Days in a row with a check-in, with rest days passed over."""

    current: int
    """The run that still stands today (today may not be checked in yet)."""
    longest: int
    total_days: int
    """Distinct days with at least one check-in, up to today."""
    today_done: bool
    last_day: date | None
    """The latest day with a check-in, if any."""


def streak_from_days(days: Iterable[date], rests: Iterable[tuple[date, date]], today: date) -> Streak:
    """The streak from bare local dates and pause ranges (what :func:`streak` computes).

    The quick CLI and the TUI's first paint read dates straight from the file
    instead of building every check-in, and call this directly.
    """
    t = today.toordinal()
    checked = {o for d in days if (o := d.toordinal()) <= t}
    rest: set[int] = set()
    first = min(checked, default=t)
    for start, end in rests:
        rest.update(range(max(start.toordinal(), first), min(end.toordinal(), t) + 1))
    run = longest = total = 0
    last: int | None = None
    for ordinal in range(first, t):
        if ordinal in checked:
            run += 1
            total += 1
            last = ordinal
            longest = max(longest, run)
        elif ordinal not in rest:
            run = 0
    today_done = t in checked
    if today_done:
        run += 1
        total += 1
        last = t
        longest = max(longest, run)
    return Streak(
        current=run,
        longest=longest,
        total_days=total,
        today_done=today_done,
        last_day=None if last is None else date.fromordinal(last),
    )
