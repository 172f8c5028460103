"""Unit tests for the rebound_tui.core.metrics package: hand-computed expectations for every metric.

Each test builds a handful of records by hand and states the figure worked
out on paper in its docstring. Dates: 2026-03-09 is a Monday.
"""

from __future__ import annotations

import math
import subprocess
import sys
import uuid
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone
from itertools import count
from zoneinfo import ZoneInfo

import pytest

from rebound_tui.core import metrics
from rebound_tui.core.metrics import (
    GridCell,
    ReboundState,
    Setback,
    Streak,
    compute_all,
    growth,
    insights,
    job_search_actions,
    momentum,
    mood_series,
    rebound_by_stage,
    rebound_trend,
    resilience_score,
    setbacks,
    streak,
    year_grid,
    year_moods,
)
from rebound_tui.core.metrics.setbacks import least_squares_slope
from rebound_tui.core.models import (
    Application,
    CheckIn,
    Outcome,
    RestDay,
    Round,
    Settings,
    Snapshot,
    Stage,
)
from rebound_tui.core.sample_data import generate

TZ = timezone(timedelta(hours=1))
MON = date(2026, 3, 9)
_ids = count(1)
M = 0.5 ** (1 / 13)


def _id() -> str:
    return str(uuid.UUID(int=next(_ids), version=4))


def d(offset: int, base: date = MON) -> date:
    return base + timedelta(days=offset)


def ci(
    day: date, mood: int = 3, *, at: time = time(9), tz: timezone = TZ, did: Iterable[str] = ()
) -> CheckIn:
    moment = datetime.combine(day, at, tz)
    return CheckIn(
        id=_id(), created=moment, updated=moment, timestamp=moment, mood=mood, activities=tuple(did)
    )


def at(stamp: str, mood: int = 3) -> CheckIn:
    """A check-in at an ISO timestamp, as the store would read it back."""
    moment = datetime.fromisoformat(stamp)
    return CheckIn(id=_id(), created=moment, updated=moment, timestamp=moment, mood=mood)


def application(day: date, app_id: str | None = None) -> Application:
    moment = datetime.combine(day, time(10), TZ)
    return Application(id=app_id or _id(), created=moment, updated=moment, company="Acme", role="SRE")


def rnd(
    day: date,
    stage: Stage = Stage.TECHNICAL,
    outcome: Outcome = Outcome.PENDING,
    *,
    app_id: str | None = None,
    ratings: dict[str, int] | None = None,
    hour: int = 14,
) -> Round:
    moment = datetime.combine(day, time(hour), TZ)
    return Round(
        id=_id(),
        created=moment,
        updated=moment,
        application_id=app_id or _id(),
        when=moment,
        stage=stage,
        outcome=outcome,
        ratings=ratings or {},
    )


def rest(start: date, end: date | None = None) -> RestDay:
    moment = datetime.combine(start, time(8), TZ)
    return RestDay(id=_id(), created=moment, updated=moment, start=start, end=end or start)


def snap(
    checkins: Iterable[CheckIn] = (),
    applications: Iterable[Application] = (),
    rounds: Iterable[Round] = (),
    rest_days: Iterable[RestDay] = (),
    settings: Settings | None = None,
) -> Snapshot:
    return Snapshot(
        checkins=tuple(checkins),
        applications=tuple(applications),
        rounds=tuple(rounds),
        rest_days=tuple(rest_days),
        settings=settings or Settings(),
    )


def moods_before(day: date, mood: int = 4, days: int = 14) -> list[CheckIn]:
    """One check-in with ``mood`` on each of the ``days`` days before ``day``."""
    return [ci(day - timedelta(days=k), mood) for k in range(1, days + 1)]


# --------------------------------------------------------------------------- streak


class TestStreak:
    def test_empty(self) -> None:
        """No check-ins: every count is 0 and there is no last day."""
        assert streak([], MON) == Streak(current=0, longest=0, total_days=0, today_done=False, last_day=None)

    def test_one_day_today(self) -> None:
        """One check-in today: a streak of 1, done today."""
        assert streak([ci(MON)], MON) == Streak(1, 1, 1, True, MON)

    def test_yesterday_still_stands_today(self) -> None:
        """Check-ins Sat and Sun, none yet on Monday: the streak of 2 still stands."""
        result = streak([ci(d(-2)), ci(d(-1))], MON)
        assert (result.current, result.longest, result.today_done) == (2, 2, False)

    def test_two_days_ago_is_a_gap(self) -> None:
        """Last check-in Saturday, nothing Sunday, Monday not yet: current 0, longest 1."""
        assert streak([ci(d(-2))], MON) == Streak(0, 1, 1, False, d(-2))

    def test_several_check_ins_a_day_count_once(self) -> None:
        """Three check-ins today and two yesterday: 2 days, not 5."""
        checkins = [ci(MON, at=time(h)) for h in (8, 12, 20)] + [ci(d(-1), at=time(h)) for h in (9, 21)]
        assert streak(checkins, MON) == Streak(2, 2, 2, True, MON)

    def test_gap_ends_a_run(self) -> None:
        """Days 0,1,2 then a gap on 3, then 4,5 (today 5): current 2, longest 3, total 5."""
        checkins = [ci(d(k)) for k in (0, 1, 2, 4, 5)]
        assert streak(checkins, d(5)) == Streak(2, 3, 5, True, d(5))

    def test_rest_day_passed_over(self) -> None:
        """Check-in day 0, rest day 1, check-in day 2: the run is 2 (rest is not counted, not a break)."""
        assert streak([ci(d(0)), ci(d(2))], d(2), [rest(d(1))]) == Streak(2, 2, 2, True, d(2))

    def test_rest_day_across_week_boundary(self) -> None:
        """Fri, Sat checked in; rest Sun-Mon (a week boundary); Tue, Wed checked in: a run of 4."""
        checkins = [ci(d(k)) for k in (-3, -2, 1, 2)]
        result = streak(checkins, d(2), [rest(d(-1), d(0))])
        assert (result.current, result.longest, result.total_days) == (4, 4, 4)

    def test_rest_days_up_to_today_keep_the_streak(self) -> None:
        """Check-ins on days 0 and 1, a pause on days 2-5, today day 6 without check-in yet: 2 stands."""
        result = streak([ci(d(0)), ci(d(1))], d(6), [rest(d(2), d(5))])
        assert (result.current, result.today_done) == (2, False)

    def test_check_in_on_rest_day_counts(self) -> None:
        """A check-in made on a rest day still counts: days 0,1,2 with day 1 a rest day make 3."""
        assert streak([ci(d(k)) for k in range(3)], d(2), [rest(d(1))]).current == 3

    def test_rest_day_does_not_bridge_a_real_gap(self) -> None:
        """Day 0 checked in, day 1 rest, day 2 missed, day 3 checked in: current 1, longest 1."""
        result = streak([ci(d(0)), ci(d(3))], d(3), [rest(d(1))])
        assert (result.current, result.longest) == (1, 1)

    def test_local_date_not_utc_date(self) -> None:
        """23:59 at -08:00 and 00:01 at +00:00 are both 11 Jan in UTC, but two local dates: 2 days."""
        checkins = [at("2026-01-10T23:59:00-08:00"), at("2026-01-11T00:01:00+00:00")]
        assert streak(checkins, date(2026, 1, 11)) == Streak(2, 2, 2, True, date(2026, 1, 11))

    def test_later_local_date_can_be_earlier_in_utc(self) -> None:
        """00:01 on 11 Jan at +09:00 is 10 Jan 15:01 UTC, before 23:59 on 10 Jan at +00:00: still 2 days."""
        checkins = [at("2026-01-10T23:59:00+00:00"), at("2026-01-11T00:01:00+09:00")]
        result = streak(checkins, date(2026, 1, 11))
        assert (result.current, result.total_days, result.today_done) == (2, 2, True)

    def test_dst_spring_forward(self) -> None:
        """Berlin 29 Mar 2026 has 23 hours: 28th 23:59 (+01), 29th 00:01 (+01), 30th 00:30 (+02) = 3 days."""
        berlin = ZoneInfo("Europe/Berlin")
        stamps = [datetime(2026, 3, 28, 23, 59), datetime(2026, 3, 29, 0, 1), datetime(2026, 3, 30, 0, 30)]
        checkins = [at(s.replace(tzinfo=berlin).isoformat()) for s in stamps]
        assert checkins[2].timestamp.utcoffset() == timedelta(hours=2)
        assert streak(checkins, date(2026, 3, 30)) == Streak(3, 3, 3, True, date(2026, 3, 30))

    def test_dst_fall_back(self) -> None:
        """Berlin 25 Oct 2026 has 25 hours: two check-ins that day (+02 and +01) are one day: 3 in a row."""
        checkins = [
            at("2026-10-24T23:59:00+02:00"),
            at("2026-10-25T00:01:00+02:00"),
            at("2026-10-25T23:59:00+01:00"),
            at("2026-10-26T00:01:00+01:00"),
        ]
        assert streak(checkins, date(2026, 10, 26)) == Streak(3, 3, 3, True, date(2026, 10, 26))

    def test_leap_day(self) -> None:
        """28 Feb, 29 Feb, 1 Mar 2028: a run of 3; skipping 29 Feb would break it."""
        days = [date(2028, 2, 28), date(2028, 2, 29), date(2028, 3, 1)]
        assert streak([ci(x) for x in days], days[-1]).current == 3
        assert streak([ci(days[0]), ci(days[2])], days[-1]).current == 1

    def test_future_check_ins_are_left_out(self) -> None:
        """A check-in dated tomorrow does not count today."""
        assert streak([ci(d(1))], MON) == Streak(0, 0, 0, False, None)


# --------------------------------------------------------------------------- actions and momentum


class TestActions:
    def test_what_counts(self) -> None:
        """Day 0: an application and its 'applied' round count once, the 'applied' tag adds nothing;
        day 1: two applications and an 'applied' tag count 2; day 2: a technical round and an
        'interviewed' tag count 1, 'practiced' twice counts 1, 'exercised' and 'rested' count 0;
        a round tomorrow (day 4, today day 3) counts nothing."""
        app_id = _id()
        snapshot = snap(
            checkins=[
                ci(d(0), did=["applied"]),
                ci(d(1), did=["applied"]),
                ci(d(2), did=["interviewed", "practiced"]),
                ci(d(2), at=time(20), did=["practiced", "exercised", "rested"]),
            ],
            applications=[application(d(0), app_id), application(d(1)), application(d(1))],
            rounds=[rnd(d(0), Stage.APPLIED, app_id=app_id), rnd(d(2)), rnd(d(4))],
        )
        assert job_search_actions(snapshot, d(3)) == {d(0): 1, d(1): 2, d(2): 2}

    def test_rounds_count_each(self) -> None:
        """Two interview rounds on one day are two actions; 'networked' adds one more."""
        snapshot = snap(checkins=[ci(d(0), did=["networked"])], rounds=[rnd(d(0)), rnd(d(0), hour=16)])
        assert job_search_actions(snapshot, d(0)) == {d(0): 3}


def _apps(*days: date) -> list[Application]:
    return [application(x) for x in days]


class TestMomentum:
    def test_empty(self) -> None:
        """No data: no weeks, 0 of 3 this week, the week starting Monday 9 March."""
        result = momentum(snap(), d(2))
        assert (result.weeks, result.longest, result.this_week_actions) == (0, 0, 0)
        assert (result.target, result.this_week_target, result.week_start) == (3, 3, MON)
        assert not result.this_week_met

    def test_this_week_in_progress_does_not_break(self) -> None:
        """Weeks of 2 and 9 Mar... : two past weeks with 3 applications each, this week 1 so far: 2 weeks."""
        days = [d(-14), d(-13), d(-12), d(-7), d(-6), d(-5), d(0)]
        result = momentum(snap(applications=_apps(*days)), d(2))
        assert (result.weeks, result.this_week_actions, result.this_week_met) == (2, 1, False)

    def test_this_week_joins_once_met(self) -> None:
        """Three actions this week as well (Mon, Tue, Wed): 3 weeks."""
        days = [d(-14), d(-13), d(-12), d(-7), d(-6), d(-5), d(0), d(1), d(2)]
        result = momentum(snap(applications=_apps(*days)), d(2))
        assert (result.weeks, result.longest, result.this_week_met) == (3, 3, True)

    def test_short_week_ends_the_run(self) -> None:
        """Weeks: met, 2 of 3, met, this week empty: run 1, longest 1."""
        days = [d(-21), d(-20), d(-19), d(-14), d(-13), d(-7), d(-6), d(-5)]
        result = momentum(snap(applications=_apps(*days)), d(0))
        assert (result.weeks, result.longest) == (1, 1)

    def test_first_day_of_week(self) -> None:
        """Target 2, one action Sun 8 Mar and one Mon 9 Mar, today Sat 14 Mar.
        Monday weeks split them (1 + 1): 0 weeks. Sunday weeks hold both: 1 week, starting Sun 8."""
        apps = _apps(d(-1), d(0))
        monday = momentum(snap(applications=apps, settings=Settings(weekly_target=2)), d(5))
        sunday = momentum(
            snap(applications=apps, settings=Settings(weekly_target=2, first_day_of_week=6)), d(5)
        )
        assert (monday.weeks, monday.this_week_actions, monday.week_start) == (0, 1, MON)
        assert (sunday.weeks, sunday.this_week_actions, sunday.week_start) == (1, 2, d(-1))

    def test_rest_across_week_boundary_lowers_both_targets(self) -> None:
        """Rest Fri 6 - Mon 9 Mar. Last week has 3 rest days: target ceil(3*4/7) = 2, and 2 actions meet
        it. This week has 1: target ceil(3*6/7) = 3, met by 3 actions. Momentum 2 weeks."""
        days = [d(-7), d(-6), d(1), d(2), d(3)]
        result = momentum(snap(applications=_apps(*days), rest_days=[rest(d(-3), d(0))]), d(3))
        assert (result.weeks, result.this_week_target, result.this_week_actions) == (2, 3, 3)

    def test_week_all_rest_is_passed_over(self) -> None:
        """Met, a whole week of rest, met, this week in progress: 2 weeks, the rest week not counted."""
        days = [d(-21), d(-20), d(-19), d(-7), d(-6), d(-5)]
        result = momentum(snap(applications=_apps(*days), rest_days=[rest(d(-14), d(-8))]), d(0))
        assert (result.weeks, result.longest) == (2, 2)

    def test_week_target_from_settings(self) -> None:
        """Target 1: one action a week for three weeks, this one included, is 3 weeks."""
        apps = _apps(d(-14), d(-7), d(0))
        result = momentum(snap(applications=apps, settings=Settings(weekly_target=1)), d(0))
        assert (result.weeks, result.target, result.this_week_met) == (3, 1, True)


# --------------------------------------------------------------------------- setbacks


REJ = d(20)
"""A rejection day with 14 days before it inside the fixtures."""


class TestBounceBack:
    def test_days_to_next_action(self) -> None:
        """Rejected on day 20, next action (an application) on day 23: 3 days."""
        snapshot = snap(rounds=[rnd(REJ, outcome=Outcome.REJECTED)], applications=_apps(d(23)))
        (item,) = setbacks(snapshot, d(25))
        assert item.bounce_back_days == 3

    def test_same_day_action_is_not_counted(self) -> None:
        """An application the same day may have come before the news: the next day counts, 1."""
        snapshot = snap(rounds=[rnd(REJ, outcome=Outcome.GHOSTED)], applications=_apps(REJ, d(21)))
        (item,) = setbacks(snapshot, d(25))
        assert (item.bounce_back_days, item.outcome) == (1, Outcome.GHOSTED)

    def test_check_in_activity_counts(self) -> None:
        """A 'networked' tag two days later is the next action: 2 days."""
        snapshot = snap(rounds=[rnd(REJ, outcome=Outcome.REJECTED)], checkins=[ci(d(22), did=["networked"])])
        assert setbacks(snapshot, d(25))[0].bounce_back_days == 2

    def test_not_yet(self) -> None:
        """No action after the rejection: None (not yet)."""
        assert setbacks(snap(rounds=[rnd(REJ, outcome=Outcome.REJECTED)]), d(25))[0].bounce_back_days is None

    def test_other_outcomes_are_not_setbacks(self) -> None:
        """Advanced, pending, offer and withdrew rounds are not setbacks."""
        rounds = [
            rnd(REJ, outcome=o) for o in (Outcome.ADVANCED, Outcome.PENDING, Outcome.OFFER, Outcome.WITHDREW)
        ]
        assert setbacks(snap(rounds=rounds), d(25)) == ()


class TestRebound:
    def test_climb_back(self) -> None:
        """Baseline 4 (14 days of 4). Moods from the rejection day: 2, 3, 4, 5.
        Rolling (from the rejection day on): 2, 2.5, 3, 4 -> back at 4 on day 3."""
        checkins = moods_before(REJ) + [ci(d(20 + k), m) for k, m in enumerate((2, 3, 4, 5))]
        (item,) = setbacks(snap(checkins=checkins, rounds=[rnd(REJ, outcome=Outcome.REJECTED)]), d(30))
        assert (item.baseline, item.rebound_days, item.rebound) == (4.0, 3, "recovered")

    def test_mood_held(self) -> None:
        """Mood 4 on the rejection day itself with baseline 4: rebound 0 days."""
        checkins = [*moods_before(REJ), ci(REJ, 4)]
        (item,) = setbacks(snap(checkins=checkins, rounds=[rnd(REJ, outcome=Outcome.REJECTED)]), REJ)
        assert (item.rebound_days, item.rebound) == (0, "recovered")

    def test_baseline_is_the_14_days_before(self) -> None:
        """Days -14..-1 at mood 3 and day -15 at mood 5 (outside the window): baseline 3."""
        checkins = [*moods_before(REJ, 3), ci(REJ - timedelta(days=15), 5)]
        (item,) = setbacks(snap(checkins=checkins, rounds=[rnd(REJ, outcome=Outcome.REJECTED)]), REJ)
        assert item.baseline == 3.0

    def test_gaps_in_the_rolling_window(self) -> None:
        """Baseline 3. Moods: day 0: 1, day 1: none, day 2: 4, day 3: 4.
        Rolling: day 0 = 1, day 2 = (1+4)/2 = 2.5, day 3 = (4+4)/2 = 4 -> 3 days."""
        checkins = [*moods_before(REJ, 3), ci(REJ, 1), ci(d(22), 4), ci(d(23), 4)]
        (item,) = setbacks(snap(checkins=checkins, rounds=[rnd(REJ, outcome=Outcome.REJECTED)]), d(30))
        assert item.rebound_days == 3

    def test_at_the_baseline_counts(self) -> None:
        """Baseline 3.5 (7 days of 3, 7 of 4); moods 3 then 4: rolling (3+4)/2 = 3.5, back on day 1."""
        before = [ci(REJ - timedelta(days=k), 3 if k % 2 else 4) for k in range(1, 15)]
        checkins = [*before, ci(REJ, 3), ci(d(21), 4)]
        (item,) = setbacks(snap(checkins=checkins, rounds=[rnd(REJ, outcome=Outcome.REJECTED)]), d(21))
        assert (item.baseline, item.rebound_days) == (3.5, 1)

    def test_not_yet(self) -> None:
        """Baseline 4, then 2, 2, 2 through today: not yet."""
        checkins = moods_before(REJ) + [ci(d(20 + k), 2) for k in range(3)]
        (item,) = setbacks(snap(checkins=checkins, rounds=[rnd(REJ, outcome=Outcome.REJECTED)]), d(22))
        assert (item.rebound_days, item.rebound) == (None, "not-yet")

    def test_recovery_after_today_is_not_seen(self) -> None:
        """Baseline 4; moods 2, 2, none, 5, 5. As of day 22 (rolling 2) and day 23 (rolling (2+5)/2)
        it is not yet: the 5s after 'today' are not seen. As of day 24, rolling (5+5)/2: 4 days."""
        checkins = [*moods_before(REJ), ci(REJ, 2), ci(d(21), 2), ci(d(23), 5), ci(d(24), 5)]
        rounds = [rnd(REJ, outcome=Outcome.REJECTED)]
        assert setbacks(snap(checkins=checkins, rounds=rounds), d(22))[0].rebound == "not-yet"
        assert setbacks(snap(checkins=checkins, rounds=rounds), d(23))[0].rebound == "not-yet"
        assert setbacks(snap(checkins=checkins, rounds=rounds), d(24))[0].rebound_days == 4

    def test_no_later_mood_data(self) -> None:
        """A rejection with a baseline but no check-in on or after it: not yet, no dip, no bounce-back."""
        (item,) = setbacks(
            snap(checkins=moods_before(REJ), rounds=[rnd(REJ, outcome=Outcome.REJECTED)]), d(40)
        )
        assert (item.rebound, item.rebound_days, item.mood_dip, item.bounce_back_days) == (
            "not-yet",
            None,
            None,
            None,
        )

    def test_too_little_data_before(self) -> None:
        """Only 6 check-ins in the 14 days before: too little data, not a guess. 7 are enough."""
        rounds = [rnd(REJ, outcome=Outcome.REJECTED)]
        six = snap(checkins=[*moods_before(REJ, 4, 6), ci(REJ, 5)], rounds=rounds)
        seven = snap(checkins=[*moods_before(REJ, 4, 7), ci(REJ, 5)], rounds=rounds)
        (few,) = setbacks(six, REJ)
        assert (few.baseline, few.rebound_days, few.rebound, few.mood_dip) == (
            None,
            None,
            "too-little-data",
            None,
        )
        assert setbacks(seven, REJ)[0].rebound == "recovered"

    def test_long_search_skips_whole_blocks(self) -> None:
        """Baseline 5, then 100 days at 2, then a 5 (rolling (2+2+5)/3 = 3), then 5, 5 -> day 102 (5,5,5)."""
        checkins = moods_before(REJ, 5) + [ci(d(20 + k), 2) for k in range(100)]
        checkins += [ci(d(120), 5), ci(d(121), 5), ci(d(122), 5)]
        (item,) = setbacks(snap(checkins=checkins, rounds=[rnd(REJ, outcome=Outcome.REJECTED)]), d(130))
        assert item.rebound_days == 102

    def test_leap_day_counted(self) -> None:
        """Rejected 27 Feb 2028 (baseline 4), mood 2 until 29 Feb, then 4, 4, 4: back on 3 Mar = 5 days."""
        rej = date(2028, 2, 27)
        after = [(rej + timedelta(days=k), 2) for k in range(3)] + [(date(2028, 3, k), 4) for k in (1, 2, 3)]
        checkins = moods_before(rej) + [ci(x, m) for x, m in after]
        (item,) = setbacks(
            snap(checkins=checkins, rounds=[rnd(rej, outcome=Outcome.REJECTED)]), date(2028, 3, 5)
        )
        assert item.rebound_days == 5

    def test_by_stage_medians(self) -> None:
        """Technical rebounds 1, 3, 8 -> median 3; phone screen 2, 4 -> 3.0; one not yet at onsite."""

        def sb(stage: Stage, days: int | None, bounce: int | None = 1) -> Setback:
            state: ReboundState = "recovered" if days is not None else "not-yet"
            return Setback(_id(), _id(), MON, stage, Outcome.REJECTED, bounce, 4.0, days, state, None)

        found = [
            sb(Stage.TECHNICAL, 1, 2),
            sb(Stage.TECHNICAL, 8, 4),
            sb(Stage.TECHNICAL, 3, None),
            sb(Stage.PHONE_SCREEN, 2),
            sb(Stage.PHONE_SCREEN, 4),
            sb(Stage.ONSITE, None),
        ]
        phone, tech, onsite = rebound_by_stage(found)
        assert (phone.stage, phone.median_rebound_days, phone.setbacks) == (Stage.PHONE_SCREEN, 3.0, 2)
        assert (tech.median_rebound_days, tech.median_bounce_back_days, tech.recovered) == (3.0, 3.0, 3)
        assert (onsite.median_rebound_days, onsite.not_yet, onsite.recovered) == (None, 1, 0)


def _recovered(days: Iterable[int | None]) -> list[Setback]:
    return [
        Setback(_id(), _id(), d(k), Stage.TECHNICAL, Outcome.REJECTED, 1, 4.0, x, "recovered", None)
        for k, x in enumerate(days)
    ]


class TestTrend:
    def test_shrinking(self) -> None:
        """Rebounds 6, 5, 4, 3, 2: slope -1 day per setback, shrinking."""
        trend = rebound_trend(_recovered([6, 5, 4, 3, 2]))
        assert (trend.direction, trend.slope, trend.days) == ("shrinking", -1.0, (6, 5, 4, 3, 2))

    def test_growing(self) -> None:
        """Rebounds 1, 3, 5: slope 2, growing."""
        assert rebound_trend(_recovered([1, 3, 5])).direction == "growing"

    def test_steady_within_a_quarter_day(self) -> None:
        """Rebounds 2, 3, 2, 3: slope (sum (x-1.5)(y-2.5)) / 5 = 0.2 -> steady."""
        trend = rebound_trend(_recovered([2, 3, 2, 3]))
        assert trend.direction == "steady"
        assert trend.slope == pytest.approx(0.2)

    def test_last_five_only(self) -> None:
        """Rebounds 30, 1, 1, 1, 1, 1: only the last five count, steady at 0."""
        trend = rebound_trend(_recovered([30, 1, 1, 1, 1, 1]))
        assert (trend.direction, trend.slope, trend.days) == ("steady", 0.0, (1, 1, 1, 1, 1))

    def test_not_enough_data(self) -> None:
        """Two recovered setbacks (and one not yet) are not enough for a trend."""
        trend = rebound_trend(_recovered([3, None, 1]))
        assert (trend.direction, trend.slope, trend.days) == ("not-enough-data", None, (3, 1))

    def test_order_of_input(self) -> None:
        """The trend follows the setbacks' dates, not the order they are passed in."""
        found = _recovered([6, 5, 4, 3, 2])
        assert rebound_trend(list(reversed(found))).direction == "shrinking"


# --------------------------------------------------------------------------- resilience score


class TestScore:
    def test_multiplier(self) -> None:
        """freq = 1: multiplier 0.5 ** (1/13), about 0.948 (half-life 13 days)."""
        assert abs(metrics.SCORE_MULTIPLIER - 0.948078) < 1e-6

    def test_empty(self) -> None:
        """No data: 0, no day behind it."""
        score = resilience_score(snap(), MON)
        assert (score.value, score.as_of, score.days, score.recent) == (0.0, None, 0, ())

    def test_today_counts_once_checked_in(self) -> None:
        """Checked in yesterday only: the score is as of yesterday, value 2/3 * (1 - m)."""
        score = resilience_score(snap(checkins=[ci(d(-1))]), MON)
        assert (score.as_of, score.days) == (d(-1), 1)
        assert score.value == pytest.approx(100 * 2 / 3 * (1 - M))

    def test_missed_day_and_rest_day(self) -> None:
        """Day 0 check-in (2/3), day 1 nothing logged (0 + 0 + 0: the score only falls), day 2 rest
        (carried over), day 3 check-in (2/3). s0 = 2/3 (1-m); s1 = s0 m; s2 = s1; s3 = s2 m + 2/3 (1-m).
        (One check-in tagged 'applied', the 14-day window and Loop's values are in test_metrics_score.)"""
        score = resilience_score(snap(checkins=[ci(d(0)), ci(d(3))], rest_days=[rest(d(2))]), d(3))
        s0 = 2 / 3 * (1 - M)
        s1 = s0 * M
        s3 = s1 * M + 2 / 3 * (1 - M)
        assert score.value == pytest.approx(100 * s3)
        assert score.days == 3
        assert score.recent == pytest.approx([100 * s0, 100 * s1, 100 * s1, 100 * s3])

    def test_recovered_is_zero_while_a_setback_is_open(self) -> None:
        """Baseline 4; rejection day 20 at mood 2, day 21 at 4 (rolling 3): open on both days
        (recovered 0); day 22 at 5 (rolling 11/3 < 4) still open; day 23 at 5 (rolling 14/3) back."""
        checkins = [*moods_before(REJ), ci(REJ, 2), ci(d(21), 4), ci(d(22), 5), ci(d(23), 5)]
        snapshot = snap(checkins=checkins, rounds=[rnd(REJ, outcome=Outcome.REJECTED)])
        parts = [resilience_score(snapshot, d(k)).last_parts for k in (19, 20, 21, 22, 23)]
        assert [p[2] for p in parts if p] == [1.0, 0.0, 0.0, 0.0, 1.0]

    def test_open_setback_weighs_thirty_days_at_most(self) -> None:
        """A rejection never recovered from: 'recovered' is 0 for 30 days (days 20-49), then 1 again."""
        checkins = moods_before(REJ, 5) + [ci(d(20 + k), 2) for k in range(40)]
        snapshot = snap(checkins=checkins, rounds=[rnd(REJ, outcome=Outcome.REJECTED)])
        assert resilience_score(snapshot, d(49)).last_parts == (1.0, 0.0, 0.0)
        assert resilience_score(snapshot, d(50)).last_parts == (1.0, 0.0, 1.0)

    def test_perfect_run_approaches_100(self) -> None:
        """Ten years of daily check-ins with an application each day: score 100 * (1 - m ** days)."""
        days = 3650
        start = d(-days + 1)
        checkins = [ci(start + timedelta(days=k), did=["applied"]) for k in range(days)]
        score = resilience_score(snap(checkins=checkins), MON)
        # Acted is only 1 from day 3 (3 actions in the window); the first three days are 7/9, 8/9, 1.
        assert 99.99 < score.value <= 100.0


# --------------------------------------------------------------------------- growth


def _rated(values: Iterable[int | None], dim: str = "confidence") -> list[Round]:
    return [
        rnd(d(k), ratings={} if v is None else {dim: v}, outcome=Outcome.ADVANCED)
        for k, v in enumerate(values)
    ]


class TestGrowth:
    def _one(self, rounds: list[Round], dim: str = "confidence") -> metrics.Growth:
        return {g.dimension: g for g in growth(rounds, d(100))}[dim]

    def test_rising(self) -> None:
        """Confidence 2, 3, 4: slope 1, change 2, from 2 to 4, rolling 2, 2.5, 3."""
        g = self._one(_rated([2, 3, 4]))
        assert (g.count, g.mean, g.slope, g.change, g.start, g.end) == (3, 3.0, 1.0, 2.0, 2.0, 4.0)
        assert g.rolling == (2.0, 2.5, 3.0)
        assert g.direction == "rising"
        assert "rising" in g.summary and "2.0" in g.summary and "4.0" in g.summary

    def test_dipping(self) -> None:
        """4, 3, 3, 2: slope -3/5 = -0.6, change -1.8 -> dipping, with a kind word."""
        g = self._one(_rated([4, 3, 3, 2]))
        assert g.slope == pytest.approx(-0.6)
        assert g.change == pytest.approx(-1.8)
        assert g.direction == "dipping"
        assert "practise" in g.summary

    def test_steady(self) -> None:
        """3, 4, 3, 4, 3: slope 0, steady around 3.4."""
        g = self._one(_rated([3, 4, 3, 4, 3]))
        assert (g.direction, g.slope) == ("steady", 0.0)
        assert "steady around 3.4" in g.summary

    def test_rolling_window_is_five(self) -> None:
        """1, 2, 3, 4, 5, 5: rolling means 1, 1.5, 2, 2.5, 3, then (2+3+4+5+5)/5 = 3.8."""
        assert self._one(_rated([1, 2, 3, 4, 5, 5])).rolling == pytest.approx((1, 1.5, 2, 2.5, 3, 3.8))

    def test_few_and_none(self) -> None:
        """Unrated rounds are skipped: two ratings are not enough; a dimension never rated says so."""
        rounds = _rated([None, 3, None, 4])
        g = self._one(rounds)
        assert (g.count, g.direction, g.slope, g.mean) == (2, "not-enough-data", None, 3.5)
        empty = self._one(rounds, "examples")
        assert (empty.count, empty.mean, empty.rolling) == (0, None, ())
        assert "No ratings" in empty.summary

    def test_follows_interview_dates(self) -> None:
        """Rounds passed in reverse order still read 2, 3, 4 by date: rising."""
        assert self._one(list(reversed(_rated([2, 3, 4])))).direction == "rising"

    def test_all_dimensions_in_order(self) -> None:
        """One Growth per rating dimension, in the model's order."""
        assert [g.dimension for g in growth([], MON)] == ["examples", "strengths", "questions", "confidence"]


# --------------------------------------------------------------------------- insights


class TestInsights:
    def test_mood_dip_by_stage(self) -> None:
        """Baseline 4; moods on the rejection day and six after: 2,3,3,4,4,4,4 (mean 24/7) and a
        day-27 mood of 1 outside the window: dip 4 - 24/7 = 4/7 at technical."""
        after = [ci(d(20 + k), m) for k, m in enumerate((2, 3, 3, 4, 4, 4, 4))]
        checkins = [*moods_before(REJ), *after, ci(d(27), 1)]
        result = insights(snap(checkins=checkins, rounds=[rnd(REJ, outcome=Outcome.REJECTED)]), d(30))
        (dip,) = result.dips
        assert (dip.stage, dip.setbacks) == (Stage.TECHNICAL, 1)
        assert dip.mean_dip == pytest.approx(4 / 7)

    def test_dip_mean_over_setbacks(self) -> None:
        """Two phone-screen rejections, each after 14 days at mood 4: seven days at 3 after the first
        (dip 1), one day at 2 after the second (dip 2): mean 1.5."""
        first, second = d(20), d(50)
        checkins = moods_before(first) + [ci(first + timedelta(days=k), 3) for k in range(7)]
        checkins += [*moods_before(second), ci(second, 2)]
        rounds = [rnd(x, Stage.PHONE_SCREEN, Outcome.REJECTED) for x in (first, second)]
        (dip,) = insights(snap(checkins=checkins, rounds=rounds), d(51)).dips
        assert (dip.setbacks, dip.mean_dip) == (2, 1.5)

    def test_habits(self) -> None:
        """Confidence 5: advanced, offer, rejected -> 2 of 3; confidence 2: ghosted -> 0 of 1.
        Pending and withdrew rounds are left out."""
        rounds = [
            rnd(d(0), outcome=Outcome.ADVANCED, ratings={"confidence": 5}),
            rnd(d(1), outcome=Outcome.OFFER, ratings={"confidence": 4}),
            rnd(d(2), outcome=Outcome.REJECTED, ratings={"confidence": 5}),
            rnd(d(3), outcome=Outcome.GHOSTED, ratings={"confidence": 2}),
            rnd(d(4), outcome=Outcome.PENDING, ratings={"confidence": 5}),
            rnd(d(5), outcome=Outcome.WITHDREW, ratings={"confidence": 1}),
        ]
        habits = {h.dimension: h for h in insights(snap(rounds=rounds), d(10)).habits}
        conf = habits["confidence"]
        assert (conf.with_rounds, conf.with_advanced, conf.without_rounds, conf.without_advanced) == (
            3,
            2,
            1,
            0,
        )
        assert conf.with_share == pytest.approx(2 / 3)
        assert conf.without_share == 0.0
        assert "67%" in conf.summary and "2 of 3" in conf.summary
        none = habits["examples"]
        assert (none.with_share, none.without_share, none.with_rounds) == (None, None, 0)


# --------------------------------------------------------------------------- mood series and grid


class TestMoodSeries:
    def test_gaps_are_none_and_days_are_means(self) -> None:
        """Last 5 days: day -4 moods 2 and 5 (3.5), day -2 mood 4, today 1; others None."""
        checkins = [ci(d(-4), 2), ci(d(-4), 5, at=time(20)), ci(d(-2), 4), ci(MON, 1), ci(d(-9), 5)]
        assert mood_series(checkins, MON, days=5) == [3.5, None, 4.0, None, 1.0]

    def test_default_thirty_days(self) -> None:
        """No data: thirty Nones."""
        assert mood_series([], MON) == [None] * 30

    def test_dst_day(self) -> None:
        """Across Berlin's spring-forward night, each check-in lands on its own local day."""
        checkins = [at("2026-03-28T23:59:00+01:00", 2), at("2026-03-29T03:00:00+02:00", 4)]
        assert mood_series(checkins, date(2026, 3, 29), days=2) == [2.0, 4.0]


class TestYearGrid:
    def test_weeks_and_blanks(self) -> None:
        """2026 starts on a Thursday: the first Monday week has 3 blanks; 365 cells in all."""
        weeks = year_grid([ci(date(2026, 1, 1), 5)], 2026)
        assert weeks[0][:3] == (None, None, None)
        assert weeks[0][3] == GridCell(date(2026, 1, 1), 5.0)
        assert weeks[0][4] == GridCell(date(2026, 1, 2), None)
        cells = [c for week in weeks for c in week if c is not None]
        assert len(cells) == 365 and cells[-1].day == date(2026, 12, 31)
        assert all(len(week) == 7 for week in weeks)

    def test_leap_year_and_sunday_weeks(self) -> None:
        """2028 has 366 days; with Sunday weeks, Sat 1 Jan 2028 sits last in the first week."""
        weeks = year_grid([], 2028, first_day_of_week=6)
        cells = [c for week in weeks for c in week if c is not None]
        assert len(cells) == 366
        assert date(2028, 2, 29) in {c.day for c in cells}
        assert weeks[0][6] == GridCell(date(2028, 1, 1), None)

    def test_year_moods_keeps_only_that_year(self) -> None:
        """A check-in on 31 Dec 2025 23:30 (local) is not part of 2026."""
        checkins = [at("2025-12-31T23:30:00-05:00", 2), at("2026-01-01T00:10:00+01:00", 4)]
        assert year_moods(checkins, 2026) == {date(2026, 1, 1): 4.0}


# --------------------------------------------------------------------------- compute_all


class TestComputeAll:
    def test_empty(self) -> None:
        """No records: zeros and 'not enough data' everywhere, nothing raises."""
        report = compute_all(snap(), MON)
        assert report.streak.current == 0 and report.momentum.weeks == 0
        assert (report.setbacks, report.rebound_by_stage) == ((), ())
        assert report.rebound_trend.direction == "not-enough-data"
        assert (report.median_rebound_days, report.median_bounce_back_days) == (None, None)
        assert report.score.value == 0.0
        assert report.mood_30 == (None,) * 30
        assert report.insights.dips == ()

    def test_agrees_with_single_functions(self) -> None:
        """On two years of sample data, compute_all matches each function run on its own."""
        data = generate(days=730, rounds=120, end=date(2026, 11, 27))
        today = date(2026, 11, 27)
        report = compute_all(data, today)
        assert report.streak == streak(data.checkins, today, data.rest_days)
        assert report.momentum == momentum(data, today)
        assert report.setbacks == setbacks(data, today)
        assert report.score == resilience_score(data, today)
        assert report.growth == growth(data.rounds, today)
        assert report.insights == insights(data, today)
        assert list(report.mood_30) == mood_series(data.checkins, today)
        assert report.rebound_by_stage == rebound_by_stage(report.setbacks)

    def test_sample_data_figures(self) -> None:
        """Ten years of daily check-ins: a 3,650-day streak and every setback accounted for."""
        data = generate()
        report = compute_all(data, date(2026, 11, 27))
        assert (report.streak.current, report.streak.total_days) == (3650, 3650)
        assert len(report.setbacks) == sum(r.outcome.is_setback for r in data.rounds)
        assert 0.0 <= report.score.value <= 100.0


def test_no_ui_or_storage_imports() -> None:
    """Importing metrics pulls in none of textual, tinydb, rich or dateutil."""
    code = (
        "import sys, rebound_tui.core.metrics; "
        "print(','.join(m for m in ('textual', 'tinydb', 'rich', 'dateutil') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_math_helpers() -> None:
    """The least-squares slope of 1, 3, 5 is 2; of a constant, 0."""
    assert least_squares_slope([1, 3, 5]) == 2.0
    assert least_squares_slope([4, 4]) == 0.0
    assert math.isclose(least_squares_slope([2, 3, 2, 3]), 0.2)


def test_the_package_is_the_interface() -> None:
    """Every name the package lists is importable from it, and each module's public results are listed."""
    from rebound_tui.core.metrics import days, growth, momentum, moods, score, setbacks

    for name in metrics.__all__:
        assert hasattr(metrics, name), name
    for module in (days, growth, momentum, moods, score, setbacks):
        for name, value in vars(module).items():
            if isinstance(value, type) and value.__module__ == module.__name__ and name != "DayLayout":
                assert name in metrics.__all__, f"{module.__name__}.{name} is not exported"
