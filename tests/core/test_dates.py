"""Tests for reading typed dates: ISO, 'Nov 20', relative words, weekdays, times and the errors."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from rebound_tui.core.dates import HINT, parse_day, parse_moment
from rebound_tui.core.models import ValidationError

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 20, 9, 30, 15, tzinfo=TZ)  # a Friday
TODAY = NOW.date()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-03", date(2026, 11, 3)),
        ("2025-02-28", date(2025, 2, 28)),
        ("Nov 20", date(2026, 11, 20)),
        ("nov 3", date(2026, 11, 3)),
        ("3 November", date(2026, 11, 3)),
        ("20 November 2025", date(2025, 11, 20)),
        ("today", TODAY),
        ("now", TODAY),
        ("Yesterday", date(2026, 11, 19)),
        ("  yesterday  ", date(2026, 11, 19)),
        ("tomorrow", date(2026, 11, 21)),
        ("3 days ago", date(2026, 11, 17)),
        ("1 day ago", date(2026, 11, 19)),
        ("2 weeks ago", date(2026, 11, 6)),
        ("in 2 weeks", date(2026, 12, 4)),
        ("in 5 days", date(2026, 11, 25)),
        ("in 10 d", date(2026, 11, 30)),
        ("3d ago", date(2026, 11, 17)),
        ("last monday", date(2026, 11, 16)),
        ("Last Friday", date(2026, 11, 13)),
        ("next friday", date(2026, 11, 27)),
        ("next monday", date(2026, 11, 23)),
    ],
)
def test_parse_day_forms(text: str, expected: date) -> None:
    """ISO dates, month-name dates, relative words, 'N days ago', 'in N weeks' and weekdays all read."""
    assert parse_day(text, TODAY) == expected


def test_last_weekday_on_that_weekday_means_a_week_back() -> None:
    """On a Friday, 'last friday' is seven days back, never today."""
    assert parse_day("last friday", TODAY) == TODAY - timedelta(days=7)
    assert parse_day("next friday", TODAY) == TODAY + timedelta(days=7)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("Mar 5", date(2027, 1, 31), date(2027, 3, 5)),
        ("15", date(2027, 1, 31), date(2027, 1, 15)),
        ("Feb", date(2027, 1, 31), date(2027, 2, 28)),
        ("Nov 20", date(2031, 12, 1), date(2031, 11, 20)),
        ("June", date(2026, 11, 20), date(2026, 6, 20)),
    ],
)
def test_missing_fields_come_from_today(text: str, today: date, expected: date) -> None:
    """Year, month and day left out are filled from 'today' (the explicit default), never the real clock."""
    assert parse_day(text, today) == expected


@pytest.mark.parametrize("text", ["xyz", "the day after", "13/45/2026", "Nov 31", "someday", "blursday 3"])
def test_unparseable_dates_raise_with_a_hint(text: str) -> None:
    """Text that is not a date is a one-line ValidationError that quotes it and shows forms that work."""
    with pytest.raises(ValidationError) as exc:
        parse_day(text, TODAY, what="follow-up date")
    message = str(exc.value)
    assert message == f"could not read follow-up date {text!r}; {HINT}"
    assert "\n" not in message


def test_empty_and_half_relative_dates_explain_themselves() -> None:
    """An empty date and '3 days' (neither 'ago' nor 'in') get messages saying what to write."""
    with pytest.raises(ValidationError, match=r"^date is empty; try "):
        parse_day("   ", TODAY)
    with pytest.raises(ValidationError, match="say 'N days ago' or 'in N days'"):
        parse_day("3 days", TODAY)
    with pytest.raises(ValidationError, match="say 'N days ago' or 'in N days'"):
        parse_day("in 3 days ago", TODAY)


# --------------------------------------------------------------------------- moments (day + time)


def test_moment_without_time_keeps_the_time_of_now() -> None:
    """A day alone lands at now's time of day (seconds kept, microseconds dropped) with now's offset."""
    now = NOW.replace(microsecond=123_456)
    moment = parse_moment("yesterday", now)
    assert moment == datetime(2026, 11, 19, 9, 30, 15, tzinfo=TZ)
    assert moment.microsecond == 0
    assert parse_moment("2026-11-03", NOW) == datetime(2026, 11, 3, 9, 30, 15, tzinfo=TZ)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-03 14:30", datetime(2026, 11, 3, 14, 30, tzinfo=TZ)),
        ("2026-11-03T14:30", datetime(2026, 11, 3, 14, 30, tzinfo=TZ)),
        ("Nov 18 9am", datetime(2026, 11, 18, 9, 0, tzinfo=TZ)),
        ("14:30", datetime(2026, 11, 20, 14, 30, tzinfo=TZ)),
        ("3pm", datetime(2026, 11, 20, 15, 0, tzinfo=TZ)),
        ("yesterday 3pm", datetime(2026, 11, 19, 15, 0, tzinfo=TZ)),
        ("3 days ago 14:00", datetime(2026, 11, 17, 14, 0, tzinfo=TZ)),
        ("last monday at 9:30", datetime(2026, 11, 16, 9, 30, tzinfo=TZ)),
    ],
)
def test_moment_with_time(text: str, expected: datetime) -> None:
    """A time of day is read with the day; a time without an offset takes now's offset."""
    moment = parse_moment(text, NOW)
    assert moment == expected
    assert moment.utcoffset() == timedelta(hours=1)


def test_moment_keeps_an_explicit_offset() -> None:
    """An ISO timestamp with its own offset keeps it (the same instant, not re-labelled)."""
    moment = parse_moment("2026-11-20T08:00:00+05:00", NOW)
    assert moment.utcoffset() == timedelta(hours=5)
    assert moment.time() == time(8, 0)


@pytest.mark.parametrize("text", ["garbage 3pm", "yesterday 25:00", "99:99"])
def test_unparseable_moments_raise_with_a_hint(text: str) -> None:
    """A bad day or a bad time of day is a ValidationError quoting all of the input and giving the hint."""
    with pytest.raises(ValidationError) as exc:
        parse_moment(text, NOW, what="interview date")
    assert str(exc.value) == f"could not read interview date {text!r}; {HINT}"
