"""Hand-computed cases for mutants of core/metrics that the other tests let through (docs/mutation.md).

Each test names what it pins down. Dates: d(0) is Monday 2026-03-09.
"""

from __future__ import annotations

from rebound_tui.core.metrics import compute_all, growth, habit_insights, momentum, setbacks, stage_dips
from rebound_tui.core.metrics.setbacks import Setback
from rebound_tui.core.models import Outcome, Settings, Stage
from tests.core.test_metrics import _rated, application, ci, d, rest, rnd, snap

APP = "6f1c1c5e-0000-4000-8000-000000000001"


def test_compute_all_passes_the_pauses_to_the_streak() -> None:
    """Check-ins d(0) and d(2), a pause on d(1): the streak on d(2) is 2 in compute_all as well."""
    report = compute_all(snap(checkins=[ci(d(0)), ci(d(2))], rest_days=[rest(d(1))]), d(2))
    assert (report.streak.current, report.streak.longest) == (2, 2)


def test_a_missed_week_breaks_momentum_with_a_target_of_one() -> None:
    """Target 1: an application in week 0, none in week 1, one in week 2 (this week): 1 week in a row,
    longest 1 (a week that asks 1 and gets 0 ends the run)."""
    snapshot = snap(applications=[application(d(0)), application(d(15))], settings=Settings(weekly_target=1))
    result = momentum(snapshot, d(16))
    assert (result.weeks, result.longest) == (1, 1)


def test_growth_rising_at_exactly_a_quarter_point() -> None:
    """15 rounds rated 3, the 13th rated 4: slope 5/280, change 5/280 x 14 = 0.25 exactly: rising."""
    values: list[int | None] = [3] * 15
    values[12] = 4
    confidence = next(g for g in growth(_rated(values), d(20)) if g.dimension == "confidence")
    assert confidence.change == 0.25 and confidence.direction == "rising"


def test_growth_with_one_or_two_rounds_says_so() -> None:
    """One rated round: '1 round rated for confidence so far, around 4.0...'; two: '2 rounds'."""
    one = next(g for g in growth(_rated([4]), d(5)) if g.dimension == "confidence")
    assert one.label == "confidence"
    assert one.summary == (
        "1 round rated for confidence so far, around 4.0. A few more interviews and the trend will show."
    )
    two = next(g for g in growth(_rated([4, 3]), d(5)) if g.dimension == "confidence")
    assert two.summary.startswith("2 rounds rated for confidence so far, around 3.5.")


def _setback(stage: Stage, dip: float) -> Setback:
    return Setback(
        round_id=f"{stage.value}",
        application_id="a",
        day=d(0),
        stage=stage,
        outcome=Outcome.REJECTED,
        bounce_back_days=None,
        baseline=4.0,
        rebound_days=None,
        rebound="not-yet",
        mood_dip=dip,
    )


def test_stage_dips_come_in_process_order_not_by_name() -> None:
    """Technical before take-home... : recruiter screen, phone screen, technical (alphabetical would
    put phone screen first)."""
    found = [
        _setback(Stage.TECHNICAL, 0.5),
        _setback(Stage.PHONE_SCREEN, 1.0),
        _setback(Stage.RECRUITER_SCREEN, 0.2),
    ]
    assert [dip.stage for dip in stage_dips(found)] == [
        Stage.RECRUITER_SCREEN,
        Stage.PHONE_SCREEN,
        Stage.TECHNICAL,
    ]


def test_growth_dipping_at_exactly_a_quarter_point_and_its_words() -> None:
    """15 rounds rated 3, the 3rd rated 4: change -0.25 exactly: dipping, in kind words."""
    values: list[int | None] = [3] * 15
    values[2] = 4
    confidence = next(g for g in growth(_rated(values), d(20)) if g.dimension == "confidence")
    assert confidence.change == -0.25 and confidence.direction == "dipping"
    assert confidence.summary.endswith("Tougher rounds come and go; it could be a good one to practise next.")


def test_a_long_search_skips_only_whole_blocks_below_the_threshold() -> None:
    """Moods 2 on d(0)..d(20), 4 on d(40)..d(53) (the baseline), a rejection on d(54), moods 2 until
    d(84) and 5 from d(85): the rolling mood reaches 4 on d(86), 32 days after (index 100 of the
    layout, in the block 96..127, whose own best rolling mood is 5)."""
    from rebound_tui.core.metrics import setbacks
    from tests.core.test_metrics import rnd

    moods = [ci(d(k), 2) for k in range(21)] + [ci(d(k), 4) for k in range(40, 54)]
    moods += [ci(d(k), 2) for k in range(54, 85)] + [ci(d(k), 5) for k in range(85, 91)]
    (item,) = setbacks(snap(checkins=moods, rounds=[rnd(d(54), outcome=Outcome.REJECTED)]), d(90))
    assert (item.baseline, item.rebound_days) == (4.0, 32)


def test_a_block_is_skipped_only_from_its_first_day() -> None:
    """A check-in on d(0) (layout index 14), the baseline 4 on d(34)..d(47), a rejection on d(48)
    (index 62), moods 2 until d(79), no check-in on d(80)-d(81), 5 from d(82) (index 96, the first
    day of the next block of 32): rebound 34 days. Skipping the low block 64..95 from any day but
    its first would jump past index 96."""
    from rebound_tui.core.metrics import setbacks
    from tests.core.test_metrics import rnd

    moods = [ci(d(0), 4)] + [ci(d(k), 4) for k in range(34, 48)] + [ci(d(k), 2) for k in range(48, 80)]
    moods += [ci(d(k), 5) for k in range(82, 87)]
    (item,) = setbacks(snap(checkins=moods, rounds=[rnd(d(48), outcome=Outcome.REJECTED)]), d(86))
    assert (item.baseline, item.rebound_days) == (4.0, 34)


def test_no_check_in_on_the_day_of_the_no_and_back_the_next_day() -> None:
    """Baseline 4; no check-in on the rejection day d(20); mood 4 on d(21): rebound 1 day (the
    window of d(21) holds that day alone)."""
    from rebound_tui.core.metrics import setbacks
    from tests.core.test_metrics import moods_before, rnd

    snapshot = snap(
        checkins=[*moods_before(d(20)), ci(d(21), 4)], rounds=[rnd(d(20), outcome=Outcome.REJECTED)]
    )
    assert setbacks(snapshot, d(22))[0].rebound_days == 1


def test_the_rolling_mood_never_reaches_back_before_the_setback() -> None:
    """Baseline: 3 on d(6)..d(18), 5 on d(19): 44/14. Rejection d(20) at 1, d(21) at 5: the window
    d(20)-d(21) is 3, below; a window reaching back to d(19) would read 11/3 and call it recovered."""
    from rebound_tui.core.metrics import setbacks
    from tests.core.test_metrics import rnd

    checkins = [ci(d(k), 3) for k in range(6, 19)] + [ci(d(19), 5), ci(d(20), 1), ci(d(21), 5)]
    (item,) = setbacks(snap(checkins=checkins, rounds=[rnd(d(20), outcome=Outcome.REJECTED)]), d(21))
    assert (item.baseline, item.rebound_days, item.rebound) == (44 / 14, None, "not-yet")


def test_rest_days_lower_the_week_target_by_sevenths_of_that_week_only() -> None:
    """Target 3; a pause Sat d(5) to Mon d(7); two applications in week 0. Week 0 asks
    ceil(3 x 5 / 7) = 3 and is not met (next Monday's rest is not its own); week 1 asks
    ceil(3 x 6 / 7) = 3."""
    snapshot = snap(applications=[application(d(0)), application(d(1))], rest_days=[rest(d(5), d(7))])
    result = momentum(snapshot, d(8))
    assert (result.weeks, result.longest, result.this_week_target) == (0, 0, 3)


def test_an_interviewed_tag_alone_is_one_action() -> None:
    """A check-in tagged 'interviewed' on a day without a logged round: 1 action (the tag stands for it)."""
    from rebound_tui.core.metrics import job_search_actions

    assert job_search_actions(snap(checkins=[ci(d(0), did=["interviewed"])]), d(0)) == {d(0): 1}


def test_habits_count_the_rated_lower_side_past_rounds_without_that_rating() -> None:
    """Rounds in order: rated only on examples (rejected), confidence 2 (rejected), confidence 3
    (advanced), confidence 5 (advanced): confidence 4 or 5 in 1 of 1, lower in 1 of 2 moved forward."""
    from rebound_tui.core.metrics import habit_insights
    from tests.core.test_metrics import rnd

    rounds = [
        rnd(d(0), outcome=Outcome.REJECTED, ratings={"examples": 3}),
        rnd(d(1), outcome=Outcome.REJECTED, ratings={"confidence": 2}),
        rnd(d(2), outcome=Outcome.ADVANCED, ratings={"confidence": 3}),
        rnd(d(3), outcome=Outcome.ADVANCED, ratings={"confidence": 5}),
    ]
    habit = next(h for h in habit_insights(rounds, d(4)) if h.dimension == "confidence")
    assert (habit.with_rounds, habit.with_advanced, habit.without_rounds, habit.without_advanced) == (
        1,
        1,
        2,
        1,
    )
    assert (habit.with_share, habit.without_share) == (1.0, 0.5)
    assert (
        habit.summary == "Confidence rated 4 or 5: 1 of 1 moved forward; rated lower: 1 of 2 moved forward."
    )


def test_compute_all_carries_the_funnel() -> None:
    """Applied, then a phone screen: the report's funnel holds both stages, one went on (hand-counted)."""
    app = application(d(0))
    rounds = [
        rnd(d(0), Stage.APPLIED, Outcome.ADVANCED, app_id=app.id),
        rnd(d(3), Stage.PHONE_SCREEN, app_id=app.id),
    ]
    report = compute_all(snap([ci(d(0))], [app], rounds), d(5))
    assert [(s.stage, s.reached, s.went_on) for s in report.funnel] == [
        (Stage.APPLIED, 1, 1),
        (Stage.PHONE_SCREEN, 1, 0),
    ]


def test_two_setbacks_on_one_day_are_recovered_from_together() -> None:
    """Mood 4 for 14 days, two noes on d(14) (moods 2, 2, then 5): the rolling mood is back at 4 on
    d(17), so from then on the score's 'recovered' part is 1 again, and the score is the one of a day
    with one no and one round still open (the same actions, the same days in a setback)."""
    moods = [4] * 14 + [2, 2, 5, 5, 5, 5]
    checkins = [ci(d(i), mood) for i, mood in enumerate(moods)]
    app = application(d(10), APP)
    no = rnd(d(14), outcome=Outcome.REJECTED, app_id=APP)
    one = [no, rnd(d(14), Stage.ONSITE, Outcome.PENDING, app_id=APP, hour=16)]
    two = [no, rnd(d(14), Stage.ONSITE, Outcome.REJECTED, app_id=APP, hour=16)]
    single = compute_all(snap(checkins=checkins, applications=[app], rounds=one), d(19))
    double = compute_all(snap(checkins=checkins, applications=[app], rounds=two), d(19))
    assert [s.rebound_days for s in double.setbacks] == [3, 3]
    assert double.score.last_parts is not None and double.score.last_parts[2] == 1.0
    assert double.score.recent[-3:] == single.score.recent[-3:]


def test_growth_counts_a_round_rated_today_and_never_one_dated_later() -> None:
    """Confidence 2 on d(0), 4 on d(3) (today), 5 on d(4) (tomorrow): two rounds count, mean 3.0."""
    rounds = _rated([2, None, None, 4, 5])
    confidence = next(g for g in growth(rounds, d(3)) if g.dimension == "confidence")
    assert (confidence.count, confidence.mean) == (2, 3.0)


def test_habits_count_every_round_that_moved_forward_without_the_habit() -> None:
    """Three decided rounds rated 2 for examples: advanced, advanced, rejected: 2 of 3 moved forward
    without the habit (the last one does not stand for all three); a round dated after today is not
    counted yet."""
    rounds = [
        rnd(d(0), outcome=Outcome.ADVANCED, ratings={"examples": 2}),
        rnd(d(1), outcome=Outcome.ADVANCED, ratings={"examples": 2}),
        rnd(d(2), outcome=Outcome.REJECTED, ratings={"examples": 2}),
        rnd(d(9), outcome=Outcome.ADVANCED, ratings={"examples": 2}),  # after today: not yet
    ]
    examples = next(h for h in habit_insights(rounds, d(5)) if h.dimension == "examples")
    assert (examples.without_rounds, examples.without_advanced) == (3, 2)


def test_a_setback_names_its_application() -> None:
    """The setback found for a 'no' carries the application it belongs to (stats --json shows it)."""
    found = setbacks(
        snap(applications=[application(d(0), APP)], rounds=[rnd(d(2), outcome=Outcome.REJECTED, app_id=APP)]),
        d(3),
    )
    assert [s.application_id for s in found] == [APP]
