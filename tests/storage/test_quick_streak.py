"""The streak from bare dates (used by the quick CLI and the first paint) against a naive model."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from rebound_tui.core.metrics import streak
from rebound_tui.core.models import CheckIn, RestDay
from rebound_tui.core.streaks import streak_from_days

TODAY = date(2026, 11, 28)
TZ = timezone(timedelta(hours=-5))


def _naive(days: set[date], rests: list[tuple[date, date]], today: date) -> tuple[int, int, int, bool]:
    """Walk every day from the first check-in: count runs, skip rest days, let today stand open."""
    if not days:
        return 0, 0, 0, False
    resting = {d for a, b in rests for d in (a + timedelta(n) for n in range((b - a).days + 1))}
    run = longest = total = 0
    day = min(days)
    while day <= today:
        if day in days:
            run, total = run + 1, total + 1
            longest = max(longest, run)
        elif day not in resting and day != today:
            run = 0
        day += timedelta(days=1)
    return run, longest, total, today in days


@settings(max_examples=200, deadline=None)
@given(
    offsets=st.sets(st.integers(min_value=0, max_value=60), max_size=40),
    pauses=st.lists(
        st.tuples(st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=6)), max_size=3
    ),
)
def test_streak_matches_a_naive_day_by_day_count(offsets: set[int], pauses: list[tuple[int, int]]) -> None:
    """For any check-in days and pauses, the figures equal a plain walk over the calendar."""
    days = {TODAY - timedelta(days=o) for o in offsets}
    rests = [(TODAY - timedelta(days=o), TODAY - timedelta(days=o) + timedelta(days=n)) for o, n in pauses]
    result = streak_from_days(days, rests, TODAY)
    assert (result.current, result.longest, result.total_days, result.today_done) == _naive(
        days, rests, TODAY
    )


def test_model_objects_and_bare_dates_agree() -> None:
    """streak() on check-ins at 23:59 local time gives what the bare local dates give."""
    days = [TODAY - timedelta(days=d) for d in (1, 2, 4)]
    checkins = [
        CheckIn.new(3, timestamp=datetime.combine(d, time(23, 59), TZ), now=datetime.now(TZ)) for d in days
    ]
    pause = RestDay.new(TODAY - timedelta(days=3), now=datetime.now(TZ))
    full = streak(checkins, TODAY, [pause])
    assert full == streak_from_days(days, [(pause.start, pause.end)], TODAY)
    assert (full.current, full.longest, full.total_days) == (3, 3, 3)


def test_yesterday_still_counts_while_today_is_open() -> None:
    """No check-in yet today: the run that ended yesterday still counts."""
    days = [TODAY - timedelta(days=1), TODAY - timedelta(days=2)]
    result = streak_from_days(days, [], TODAY)
    assert (result.current, result.longest, result.total_days, result.today_done) == (2, 2, 2, False)
