"""Unit tests for rebound_tui.core.long_view: mood by month and by year, with setbacks, by hand."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

from rebound_tui.core.long_view import PeriodMood, first_year, monthly_moods, yearly_moods
from rebound_tui.core.models import CheckIn

TZ = timezone(timedelta(hours=1))
TODAY = date(2026, 3, 15)


def _checkin(day: date, mood: int, hour: int = 9) -> CheckIn:
    moment = datetime(day.year, day.month, day.day, hour, tzinfo=TZ)
    return CheckIn.new(mood, timestamp=moment, now=moment)


CHECKINS = [
    _checkin(date(2025, 11, 30), 2, 9),
    _checkin(date(2025, 11, 30), 4, 20),  # that day's mood: (2 + 4) / 2 = 3
    _checkin(date(2025, 11, 10), 5),
    _checkin(date(2026, 1, 5), 1),
    _checkin(date(2026, 1, 6), 2),
    _checkin(date(2026, 3, 20), 5),  # after today: left out
]
SETBACKS = [date(2025, 12, 24), date(2026, 1, 2), date(2026, 1, 20), date(2026, 4, 1)]


class TestMonthly:
    def test_hand_computed(self) -> None:
        """November 2025: days of 3 and 5 give 4.0 (not 11 / 3: days weigh alike); gaps stay as months."""
        months = monthly_moods(CHECKINS, SETBACKS, TODAY)
        assert len(months) == 15  # January 2025 to March 2026
        assert months[0] == PeriodMood(2025, 1, None, 0, 0)
        by_month = {(m.year, m.month): m for m in months}
        assert by_month[(2025, 11)] == PeriodMood(2025, 11, 4.0, 2, 0)
        assert by_month[(2025, 12)] == PeriodMood(2025, 12, None, 0, 1)
        assert by_month[(2026, 1)] == PeriodMood(2026, 1, 1.5, 2, 2)
        assert by_month[(2026, 2)] == PeriodMood(2026, 2, None, 0, 0)
        assert months[-1] == PeriodMood(2026, 3, None, 0, 0)  # the 20th and April's setback are later

    def test_nothing_yet(self) -> None:
        """With no data, this year's months so far, all empty."""
        months = monthly_moods([], [], TODAY)
        assert [(m.year, m.month) for m in months] == [(2026, 1), (2026, 2), (2026, 3)]
        assert all(m.mean is None and m.days == 0 and m.setbacks == 0 for m in months)

    def test_order_of_entry_does_not_matter(self) -> None:
        """The same check-ins entered in another order give exactly the same figures."""
        shuffled = CHECKINS[:]
        random.Random(4).shuffle(shuffled)
        assert monthly_moods(shuffled, SETBACKS, TODAY) == monthly_moods(CHECKINS, SETBACKS, TODAY)

    def test_a_third_is_exact(self) -> None:
        """Days of 1, 1 and 2 give 4/3 as the nearest float, whatever the order of the sum."""
        checkins = [_checkin(date(2026, 2, d), m) for d, m in ((1, 2), (2, 1), (3, 1))]
        february = monthly_moods(checkins, [], TODAY)[1]
        assert february.mean == 4 / 3 and february.days == 3


class TestYearly:
    def test_hand_computed(self) -> None:
        """2025: days of 3 and 5 (mean 4.0), one setback; 2026: days of 1 and 2 (1.5), two setbacks."""
        assert yearly_moods(CHECKINS, SETBACKS, TODAY) == [
            PeriodMood(2025, 0, 4.0, 2, 1),
            PeriodMood(2026, 0, 1.5, 2, 2),
        ]

    def test_a_year_without_check_ins_stays(self) -> None:
        """A year with a setback only is listed, without a mood."""
        years = yearly_moods([_checkin(date(2026, 1, 1), 4)], [date(2024, 6, 1)], TODAY)
        assert years == [
            PeriodMood(2024, 0, None, 0, 1),
            PeriodMood(2025, 0, None, 0, 0),
            PeriodMood(2026, 0, 4.0, 1, 0),
        ]

    def test_first_year(self) -> None:
        assert first_year(CHECKINS, TODAY) == 2025
        assert first_year([], TODAY) == 2026
        assert first_year([_checkin(date(2026, 3, 20), 3)], TODAY) == 2026
