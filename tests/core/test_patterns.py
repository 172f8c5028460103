"""The funnel, the patterns and the rebound table's words (issue 13, items 3, 4 and 7), hand-computed.

Dates: d(0) is Monday 2026-03-09 (see test_metrics).
"""

from __future__ import annotations

from rebound_tui.core.metrics import HabitInsight, StageDip, compute_all, funnel, habit_summary
from rebound_tui.core.models import Outcome, Stage
from rebound_tui.core.patterns import (
    CAUSE_CAVEAT,
    FUNNEL_COLUMNS,
    NO_PATTERNS,
    REBOUND_COLUMNS,
    dip_line,
    funnel_rows,
    habit_line,
    pattern_lines,
    rebound_rows,
    rebound_summary,
)
from rebound_tui.core.wording import count_words, days_word, number, share_words
from tests.core.test_metrics import application, ci, d, moods_before, rnd, snap


class TestFunnel:
    def test_only_logged_stages_with_how_many_went_on(self) -> None:
        """A: applied -> phone screen -> onsite -> offer talk; B: no rounds; C: applied -> technical;
        D: phone screen today, onsite tomorrow (not reached yet). Today d(10).
        Applied 4 (3 went on: A, C, D), phone screen 2 (A went on), technical 1 (0 went on), onsite 1
        (A went on), offer talk 1; no recruiter screen or take-home rows."""
        a, b, c, dd = (application(d(0)) for _ in range(4))
        rounds = [
            rnd(d(0), Stage.APPLIED, app_id=a.id),
            rnd(d(2), Stage.PHONE_SCREEN, app_id=a.id),
            rnd(d(5), Stage.ONSITE, app_id=a.id),
            rnd(d(8), Stage.OFFER_TALK, app_id=a.id),
            rnd(d(1), Stage.APPLIED, app_id=c.id),
            rnd(d(3), Stage.TECHNICAL, app_id=c.id),
            rnd(d(10), Stage.PHONE_SCREEN, app_id=dd.id),
            rnd(d(11), Stage.ONSITE, app_id=dd.id),
        ]
        rows = funnel(snap(applications=[a, b, c, dd], rounds=rounds), d(10))
        assert [(r.stage, r.reached, r.went_on) for r in rows] == [
            (Stage.APPLIED, 4, 3),
            (Stage.PHONE_SCREEN, 2, 1),
            (Stage.TECHNICAL, 1, 0),
            (Stage.ONSITE, 1, 1),
            (Stage.OFFER_TALK, 1, 0),
        ]
        assert funnel_rows(rows) == [
            ("Applied", "4", "3 of 4 (75%)"),
            ("Phone screen", "2", "1 of 2"),
            ("Technical", "1", "0 of 1"),
            ("Onsite/final", "1", "1 of 1"),
            ("Offer talk", "1", "–"),
        ]
        assert FUNNEL_COLUMNS == ("Stage", "Reached", "Went on")

    def test_a_round_of_an_unknown_application_is_left_out(self) -> None:
        rows = funnel(snap(applications=[application(d(0))], rounds=[rnd(d(1))]), d(2))
        assert [(r.stage, r.reached, r.went_on) for r in rows] == [(Stage.APPLIED, 1, 0)]


class TestNumbers:
    def test_shares_need_three_cases_for_a_percentage(self) -> None:
        assert share_words(0, 0) == "none yet"
        assert share_words(0, 1) == "0 of 1"
        assert share_words(2, 2) == "2 of 2"
        assert share_words(1, 3) == "1 of 3 (33%)"
        assert share_words(1234, 2000) == "1,234 of 2,000 (62%)"

    def test_one_number_format(self) -> None:
        assert number(3650) == "3,650"
        assert days_word(3232) == "3,232 days"
        assert days_word(1) == "1 day"
        assert days_word(2.5) == "2.5 days"
        assert days_word(1234.5) == "1,234.5 days"
        assert count_words(1, "setback") == "1 setback"
        assert count_words(1200, "setback") == "1,200 setbacks"


def _habit(with_adv: int, with_rounds: int, without_adv: int, without_rounds: int) -> HabitInsight:
    return HabitInsight(
        dimension="confidence",
        label="confidence",
        with_rounds=with_rounds,
        with_advanced=with_adv,
        without_rounds=without_rounds,
        without_advanced=without_adv,
        with_share=None,
        without_share=None,
        summary="",
    )


class TestPatterns:
    def test_a_single_round_shows_no_share(self) -> None:
        """The issue's case: one rated round, just rejected: no '0% of those rounds', only the caveat."""
        rejected = rnd(d(0), outcome=Outcome.REJECTED, ratings={"confidence": 2})
        report = compute_all(snap(rounds=[rejected]), d(0))
        assert pattern_lines(report) == [NO_PATTERNS, CAUSE_CAVEAT]
        assert habit_summary(_habit(0, 0, 0, 1)) == "" and habit_line(_habit(0, 0, 0, 1)) is None

    def test_habit_lines_from_three_rounds_with_counts_and_percentages_from_three(self) -> None:
        assert habit_summary(_habit(2, 2, 0, 1)) == (
            "Confidence rated 4 or 5: 2 of 2 moved forward; rated lower: 0 of 1 moved forward."
        )
        assert (
            habit_summary(_habit(3, 4, 0, 0))
            == "Confidence rated 4 or 5: 3 of 4 (75%) moved forward; rated lower: none yet."
        )

    def test_dip_lines_read_well(self) -> None:
        one = StageDip(stage=Stage.ONSITE, setbacks=1, mean_dip=0.3)
        assert dip_line(one) == (
            "After 1 setback at the onsite/final stage, your mood over the next week was "
            "0.3 lower than before."
        )
        two = StageDip(stage=Stage.TECHNICAL, setbacks=2, mean_dip=-0.26)
        assert dip_line(two) == (
            "After 2 setbacks at the technical stage, your mood over the next week was 0.3 higher than "
            "before on average."
        )

    def test_the_caveat_is_always_there(self) -> None:
        checkins = [*moods_before(d(20)), ci(d(20), 2)]
        report = compute_all(snap(checkins=checkins, rounds=[rnd(d(20), outcome=Outcome.REJECTED)]), d(21))
        lines = pattern_lines(report)
        assert lines[-1] == CAUSE_CAVEAT and lines[0].startswith("After 1 setback at the technical stage")


class TestReboundTable:
    def test_too_little_data_instead_of_sums_that_do_not_add_up(self) -> None:
        """One 'applied' setback without 7 days of check-ins before it: 1 setback = 0 recovered + 0 not yet
        + 1 too little data; mood back reads 'too little data', the next step 'not yet'."""
        report = compute_all(snap(rounds=[rnd(d(5), Stage.APPLIED, Outcome.REJECTED)]), d(6))
        assert REBOUND_COLUMNS == (
            "Stage",
            "Setbacks",
            "Mood back",
            "Next step",
            "Not yet",
            "Too little data",
        )
        assert rebound_rows(report) == [("Applied", "1", "too little data", "not yet", "0", "1")]
        assert rebound_summary(report) == (
            "1 setback logged. Mood back: too little data. Next step: not yet."
        )

    def test_recovered_rows_in_days(self) -> None:
        """Baseline 4; the rejection day at 2, then 4, 5, 5: rebound 3 days; an application 2 days later."""
        checkins = [*moods_before(d(20)), ci(d(20), 2), ci(d(21), 4), ci(d(22), 5), ci(d(23), 5)]
        report = compute_all(
            snap(
                checkins=checkins,
                rounds=[rnd(d(20), outcome=Outcome.REJECTED)],
                applications=[application(d(22))],
            ),
            d(23),
        )
        assert rebound_rows(report) == [("Technical", "1", "3 days", "2 days", "0", "0")]
