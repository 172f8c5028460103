"""The quick streak (raw dates) must always agree with the full metrics streak."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from rebound_tui.metrics import streak, streak_from_days
from rebound_tui.models import CheckIn, RestDay

TODAY = date(2026, 11, 28)
TZ = timezone(timedelta(hours=-5))


def _checkin(day: date) -> CheckIn:
    return CheckIn.new(3, timestamp=datetime.combine(day, time(23, 59), TZ), now=datetime.now(TZ))


@settings(max_examples=150, deadline=None)
@given(
    offsets=st.lists(st.integers(min_value=0, max_value=60), max_size=40),
    pauses=st.lists(
        st.tuples(st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=6)), max_size=3
    ),
)
def test_quick_streak_equals_full_streak(offsets: list[int], pauses: list[tuple[int, int]]) -> None:
    """For any check-in days and pauses, streak_from_days gives exactly what streak() gives."""
    days = [TODAY - timedelta(days=o) for o in offsets]
    rests = [(TODAY - timedelta(days=o), TODAY - timedelta(days=o) + timedelta(days=n)) for o, n in pauses]
    rest_days = [RestDay.new(a, b, now=datetime.now(TZ)) for a, b in rests]
    full = streak([_checkin(d) for d in days], TODAY, rest_days)
    assert streak_from_days(days, rests, TODAY) == full


def test_quick_streak_counts_yesterday_as_still_standing() -> None:
    """No check-in yet today: the run that ended yesterday still counts."""
    days = [TODAY - timedelta(days=1), TODAY - timedelta(days=2)]
    result = streak_from_days(days, [], TODAY)
    assert (result.current, result.longest, result.total_days, result.today_done) == (2, 2, 2, False)
