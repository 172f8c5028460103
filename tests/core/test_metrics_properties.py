"""Property tests (hypothesis) for rebound_tui.core.metrics: invariants that hold for any records.

Records are drawn around a fixed 10-week window, with check-ins in UTC
offsets from -12:00 to +14:00 so local dates and UTC dates disagree often.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from rebound_tui.core.metrics import compute_all, streak
from rebound_tui.core.models import (
    JOB_SEARCH_ACTIVITIES,
    RATING_DIMENSIONS,
    Application,
    CheckIn,
    Outcome,
    RestDay,
    Round,
    Settings,
    Snapshot,
    Stage,
)

BASE = date(2028, 1, 3)
"""A Monday; the window holds 29 Feb 2028 and a European DST change (26 Mar)."""
SPAN = 90
PROPS = settings(max_examples=100, deadline=None)
T = TypeVar("T")

ids = st.uuids(version=4).map(str)
days = st.integers(0, SPAN - 1).map(lambda k: BASE + timedelta(days=k))
offsets = st.integers(-12 * 4, 14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q)))
moments = st.builds(
    lambda day, hour, minute, tz: datetime.combine(day, time(hour, minute), tz),
    days,
    st.integers(0, 23),
    st.integers(0, 59),
    offsets,
)
activities = st.lists(st.sampled_from(sorted(JOB_SEARCH_ACTIVITIES | {"rested", "exercised"})), max_size=3)


@st.composite
def checkins(draw: st.DrawFn) -> CheckIn:
    moment = draw(moments)
    return CheckIn(
        id=draw(ids),
        created=moment,
        updated=moment,
        timestamp=moment,
        mood=draw(st.integers(1, 5)),
        activities=tuple(draw(activities)),
    )


coarse_moments = st.builds(
    lambda day, hour, tz: datetime.combine(day, time(hour), tz),
    st.integers(0, SPAN // 7 - 1).map(lambda week: BASE + timedelta(days=7 * week + 2)),
    st.sampled_from((10, 14)),
    st.sampled_from((UTC, timezone(timedelta(hours=2)))),
)
"""Few distinct times, so rounds at the same instant (where order could leak in) are common."""


@st.composite
def rounds(draw: st.DrawFn) -> Round:
    moment = draw(coarse_moments)
    ratings = draw(st.dictionaries(st.sampled_from(list(RATING_DIMENSIONS)), st.integers(1, 5)))
    return Round(
        id=draw(ids),
        created=moment,
        updated=moment,
        application_id=draw(ids),
        when=moment,
        stage=draw(st.sampled_from(list(Stage))),
        outcome=draw(st.sampled_from(list(Outcome))),
        ratings=ratings,
    )


@st.composite
def applications(draw: st.DrawFn) -> Application:
    moment = draw(moments)
    return Application(id=draw(ids), created=moment, updated=moment, company="Acme", role="SRE")


@st.composite
def rest_days(draw: st.DrawFn) -> RestDay:
    start = draw(days)
    end = start + timedelta(days=draw(st.integers(0, 9)))
    moment = datetime.combine(start, time(8), UTC)
    return RestDay(id=draw(ids), created=moment, updated=moment, start=start, end=end)


def _id(record: CheckIn | Application | Round | RestDay) -> str:
    return record.id


@st.composite
def snapshots(draw: st.DrawFn) -> Snapshot:
    return Snapshot(
        checkins=tuple(draw(st.lists(checkins(), unique_by=_id, max_size=60))),
        applications=tuple(draw(st.lists(applications(), unique_by=_id, max_size=8))),
        rounds=tuple(draw(st.lists(rounds(), unique_by=_id, max_size=12))),
        rest_days=tuple(draw(st.lists(rest_days(), unique_by=_id, max_size=3))),
        settings=Settings(weekly_target=draw(st.integers(1, 6)), first_day_of_week=draw(st.integers(0, 6))),
    )


todays = st.integers(0, SPAN + 5).map(lambda k: BASE + timedelta(days=k))


@PROPS
@given(snapshots(), todays)
def test_streak_bounds(snapshot: Snapshot, today: date) -> None:
    """current <= longest <= total days; today_done agrees with the check-ins."""
    result = streak(snapshot.checkins, today, snapshot.rest_days)
    assert 0 <= result.current <= result.longest <= result.total_days
    assert result.today_done == any(c.day == today for c in snapshot.checkins)
    assert result.total_days == len({c.day for c in snapshot.checkins if c.day <= today})


@PROPS
@given(snapshots(), todays, checkins())
def test_adding_a_check_in_never_lowers_the_streak(snapshot: Snapshot, today: date, extra: CheckIn) -> None:
    """One more check-in never lowers total days, the current streak or the longest."""
    before = streak(snapshot.checkins, today, snapshot.rest_days)
    after = streak((*snapshot.checkins, extra), today, snapshot.rest_days)
    assert after.total_days >= before.total_days
    assert after.current >= before.current
    assert after.longest >= before.longest


@PROPS
@given(snapshots(), todays)
def test_report_invariants(snapshot: Snapshot, today: date) -> None:
    """Score within [0, 100]; longest >= current for momentum too; days and moods in range."""
    report = compute_all(snapshot, today)
    assert 0.0 <= report.score.value <= 100.0
    assert all(0.0 <= value <= 100.0 for value in report.score.recent)
    assert report.momentum.longest >= report.momentum.weeks >= 0
    assert report.streak == streak(snapshot.checkins, today, snapshot.rest_days)
    for item in report.setbacks:
        assert item.day <= today
        assert item.bounce_back_days is None or 1 <= item.bounce_back_days <= (today - item.day).days
        assert item.rebound_days is None or 0 <= item.rebound_days <= (today - item.day).days
        assert (item.rebound == "recovered") == (item.rebound_days is not None)
        assert (item.baseline is None) == (item.rebound == "too-little-data")
    assert all(m is None or 1.0 <= m <= 5.0 for m in report.mood_30)
    assert len(report.mood_30) == 30
    for g in report.growth:
        assert all(1.0 <= value <= 5.0 for value in g.rolling)


def _shuffled(items: tuple[T, ...], rng: random.Random) -> tuple[T, ...]:
    copy = list(items)
    rng.shuffle(copy)
    return tuple(copy)


@PROPS
@given(snapshots(), todays, st.randoms(use_true_random=False))
def test_input_order_does_not_matter(snapshot: Snapshot, today: date, rng: random.Random) -> None:
    """Shuffling every list of records gives exactly the same report."""
    mixed = Snapshot(
        checkins=_shuffled(snapshot.checkins, rng),
        applications=_shuffled(snapshot.applications, rng),
        rounds=_shuffled(snapshot.rounds, rng),
        rest_days=_shuffled(snapshot.rest_days, rng),
        settings=snapshot.settings,
    )
    assert compute_all(mixed, today) == compute_all(snapshot, today)


@given(snapshots(), todays, st.integers(0, SPAN))
@PROPS
def test_actions_since_a_day_are_the_full_count_cut_there(snapshot: Snapshot, today: date, skip: int) -> None:
    """``since`` only leaves out earlier days (the weekly review reads one week this way)."""
    from rebound_tui.core.metrics.days import actions_by_day

    until, since = today.toordinal(), (BASE + timedelta(days=skip)).toordinal()
    everything = actions_by_day(snapshot, until)
    assert actions_by_day(snapshot, until, since=since) == {o: n for o, n in everything.items() if o >= since}
