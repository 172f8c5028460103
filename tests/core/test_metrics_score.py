"""The resilience score (issue 13, items 5 and 8): hand-computed values, Loop's own test values.

Rules under test (docs/metrics.md): the 'acted' part looks at 14 days against
twice the weekly target (Loop's widening for weekly habits); a day with
nothing logged can lower the score but never raise it, and 'recovered' counts
only on days you showed up; a pause holds the score. Dates: d(0) is Monday
2026-03-09.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from rebound_tui.core.metrics import compute_all, resilience_score
from rebound_tui.core.metrics.score import ACTED_WINDOW, Score, score_trend, smooth
from rebound_tui.core.models import Application
from rebound_tui.core.wording import score_words
from tests.core.test_metrics import M, application, ci, d, rest, snap


def card(score: Score) -> str:
    return score_words(score_trend(score))


LOOP_DAILY = [
    # uhabits-core ScoreTest.test_compute_withDailyHabit: (previous, checkmark) -> score
    (0.0, 1.0, 0.051922),
    (0.5, 1.0, 0.525961),
    (0.75, 1.0, 0.762981),
    (0.0, 0.0, 0.0),
    (0.5, 0.0, 0.474039),
    (0.75, 0.0, 0.711058),
]
LOOP_TWENTY_DAYS = [
    # uhabits ScoreListTest.test_getAll: twenty days done in a row, newest first
    0.655747, 0.636894, 0.617008, 0.596033, 0.573910, 0.550574, 0.525961, 0.500000, 0.472617, 0.443734,
    0.413270, 0.381137, 0.347244, 0.311495, 0.273788, 0.234017, 0.192067, 0.147820, 0.101149, 0.051922,
]  # fmt: skip


def _six_a_day(days: range) -> list[Application]:
    """Six applications on each day: twice the weekly target of 3, so 'acted' is 1 from the first day."""
    return [application(d(k)) for k in days for _ in range(6)]


class TestLoop:
    @pytest.mark.parametrize(("previous", "value", "expected"), LOOP_DAILY)
    def test_smoothing_is_loops(self, previous: float, value: float, expected: float) -> None:
        assert smooth(previous, value) == pytest.approx(expected, abs=1e-6)

    def test_twenty_perfect_days_are_loops_twenty_days(self) -> None:
        """Check-in, six applications, no setback on each of 20 days: Loop's values, oldest first."""
        snapshot = snap(checkins=[ci(d(k)) for k in range(20)], applications=_six_a_day(range(20)))
        score = resilience_score(snapshot, d(19))
        assert [v / 100 for v in score.recent] == pytest.approx(LOOP_TWENTY_DAYS[::-1], abs=1e-6)


class TestDailyValue:
    def test_one_day(self) -> None:
        """One check-in tagged 'applied': checked in 1, acted 1 of 2 x 3 over 14 days = 1/6, recovered 1:
        value 13/18, score 13/18 (1 - m)."""
        score = resilience_score(snap(checkins=[ci(d(0), did=["applied"])]), d(0))
        assert score.last_parts == pytest.approx((1.0, 1 / 6, 1.0))
        assert score.value == pytest.approx(100 * 13 / 18 * (1 - M))

    def test_acted_looks_at_fourteen_days(self) -> None:
        """Six applications on d(0), check-ins d(0)..d(14): acted 1 up to d(13), 0 on d(14)."""
        snapshot = snap(checkins=[ci(d(k)) for k in range(15)], applications=_six_a_day(range(1)))
        assert ACTED_WINDOW == 14
        assert resilience_score(snapshot, d(13)).last_parts == (1.0, 1.0, 1.0)
        assert resilience_score(snapshot, d(14)).last_parts == (1.0, 0.0, 1.0)

    def test_rest_in_the_window_lowers_what_is_asked(self) -> None:
        """One application on d(0), a pause d(1)..d(3), check-ins d(0), d(4)..d(6). On d(6) the window
        (d(-7)..d(6)) has 11 active days: acted = 1 x 7 / (3 x 11) = 7/33."""
        checkins = [ci(d(k)) for k in (0, 4, 5, 6)]
        snapshot = snap(checkins=checkins, applications=[application(d(0))], rest_days=[rest(d(1), d(3))])
        assert resilience_score(snapshot, d(6)).last_parts == pytest.approx((1.0, 7 / 33, 1.0))

    def test_a_pause_just_before_the_first_record_counts_whole(self) -> None:
        """Item 8: a pause d(-14)..d(-1), then a check-in tagged 'applied' on d(0), d(1), d(2). The
        window of d(0) holds 13 rest days (1 active day): acted = min(1, 1 x 7 / 3) = 1; d(1): 2 x 7 /
        (3 x 2) > 1; d(2): 3 x 7 / (3 x 3) > 1. Every value is 1: score = 1 - m^3 (an off-by-one
        start of the window gives 0.778 on d(0))."""
        checkins = [ci(d(k), did=["applied"]) for k in range(3)]
        score = resilience_score(snap(checkins=checkins, rest_days=[rest(d(-14), d(-1))]), d(2))
        assert score.last_parts == (1.0, 1.0, 1.0)
        assert score.value == pytest.approx(100 * (1 - M**3))
        assert score.recent == pytest.approx([100 * (1 - M**k) for k in (1, 2, 3)])


class TestDoingNothing:
    def test_four_empty_days_never_raise_it(self) -> None:
        """d(0): a check-in and three applications (acted 3 x 7 / 42 = 1/2): value (1 + 1/2 + 1) / 3 = 5/6,
        s0 = 5/6 (1 - m). d(1)..d(4): nothing logged; the update would give s0 m + (1/2 / 3)(1 - m) > s0,
        so the score holds at s0."""
        snapshot = snap(checkins=[ci(d(0))], applications=[application(d(0)) for _ in range(3)])
        s0 = 5 / 6 * (1 - M)
        score = resilience_score(snapshot, d(5))
        assert score.recent == pytest.approx([100 * s0] * 5)
        assert score.last_parts == pytest.approx((0.0, 0.5, 0.0))

    def test_an_empty_day_can_lower_it(self) -> None:
        """After 20 perfect days (1 - m^20), d(20) is empty: acted is still 1, recovered 0 (nobody showed
        up), value 1/3: s = s19 m + 1/3 (1 - m), lower than s19."""
        snapshot = snap(checkins=[ci(d(k)) for k in range(20)], applications=_six_a_day(range(20)))
        s19 = 1 - M**20
        score = resilience_score(snapshot, d(21))
        assert score.recent[-2] == pytest.approx(100 * s19)
        assert score.recent[-1] == pytest.approx(100 * (s19 * M + 1 / 3 * (1 - M)))
        assert score.last_parts == (0.0, 1.0, 0.0)

    def test_nothing_logged_for_long_tends_to_zero(self) -> None:
        """Sixty perfect days, then 300 days with nothing: the value is 0 once the 14 days have passed,
        so the score falls towards 0 (not to a third)."""
        snapshot = snap(checkins=[ci(d(k)) for k in range(60)], applications=_six_a_day(range(60)))
        assert resilience_score(snapshot, d(360)).value < 0.1

    def test_a_pause_holds_it_exactly(self) -> None:
        """A check-in on d(0), a pause d(1)..d(3): the score on d(3) is the score of d(0)."""
        snapshot = snap(checkins=[ci(d(0))], rest_days=[rest(d(1), d(3))])
        score = resilience_score(snapshot, d(3))
        assert len(score.recent) == 3 and set(score.recent) == {score.recent[0]} and score.recent[0] > 0
        assert score.days == 1

    def test_empty_history_stays_zero(self) -> None:
        """A single application logged 100 days ago and nothing since: the score is below 0.1."""
        assert resilience_score(snap(applications=[application(d(-100))]), d(0)).value < 0.1


class TestTrendWords:
    def test_day_one_is_not_growing(self) -> None:
        """With one day behind it the card says it is just starting, not that it keeps growing."""
        report = compute_all(snap(checkins=[ci(d(0))]), d(0))
        assert score_trend(report.score) == "new"
        assert "grow" not in card(report.score)

    def test_rising_steady_easing(self) -> None:
        """20 perfect days: rising. The same, then 10 days of pause: steady. Then 7 empty days: easing."""
        perfect = snap(checkins=[ci(d(k)) for k in range(20)], applications=_six_a_day(range(20)))
        assert score_trend(resilience_score(perfect, d(19))) == "rising"
        paused = snap(
            checkins=perfect.checkins, applications=perfect.applications, rest_days=[rest(d(20), d(29))]
        )
        assert score_trend(resilience_score(paused, d(29))) == "steady"
        assert score_trend(resilience_score(paused, d(29) + timedelta(days=7))) == "easing"
        words = {card(resilience_score(s, t)) for s, t in ((perfect, d(19)), (paused, d(29)))}
        assert len(words) == 2


def _recent(*values: float) -> Score:
    return Score(
        value=values[-1] if values else 0.0, as_of=None, days=len(values), recent=values, last_parts=None
    )


class TestTrendRule:
    """score_trend on hand-made series: the latest value against the one 7 days before it."""

    def test_two_days_are_enough(self) -> None:
        assert score_trend(_recent(3.0)) == "new"
        assert score_trend(_recent()) == "new"
        assert score_trend(_recent(3.0, 7.0)) == "rising"

    def test_one_point_is_the_edge(self) -> None:
        assert score_trend(_recent(*[10.0] * 8, 11.0)) == "rising"
        assert score_trend(_recent(*[10.0] * 8, 9.0)) == "easing"
        assert score_trend(_recent(*[10.0] * 8, 10.9)) == "steady"

    def test_it_compares_the_latest_with_seven_days_before(self) -> None:
        """Nine values: index 8 against index 1 (not 0, 2 or 3); the day before the latest is not it."""
        assert score_trend(_recent(0.0, 10.0, 0.0, 0.0, 5.0, 5.0, 5.0, 5.0, 10.0)) == "steady"
        assert score_trend(_recent(50.0, 50.0, 50.0, 50.0, 50.0, 50.0, 50.0, 60.0, 50.0)) == "steady"
        assert score_trend(_recent(5.0, 10.0, 10.0)) == "rising"  # a young score: against its first day
