"""compute_all against plain reference versions: a day-by-day scan and brute-force windows.

Each reference below is the rule of docs/metrics.md written the slow, obvious
way (a dict of days, a fresh sum over every window, a walk day by day), with
none of the layout, prefix sums, difference arrays or block skipping that make
the real code fast. Hypothesis draws records; every figure must agree. Moods
are drawn from a narrow band too, so a rolling mood that lands exactly on its
baseline (the 'at or above' edge) comes up often.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from statistics import median

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rebound_tui.core.metrics import (
    ACTED_WINDOW,
    BASELINE_DAYS,
    MIN_BASELINE_DAYS,
    SCORE_MULTIPLIER,
    SETBACK_WEIGHT_DAYS,
    TREND_LAST,
    compute_all,
)
from rebound_tui.core.models import CheckIn, Snapshot, Stage, applied_day
from tests.core.test_metrics_properties import checkins, snapshots, todays

M = SCORE_MULTIPLIER


def ref_moods(snap: Snapshot, today: date) -> dict[date, float]:
    days: dict[date, list[int]] = {}
    for c in snap.checkins:
        if c.timestamp.date() <= today:
            days.setdefault(c.timestamp.date(), []).append(c.mood)
    return {d: sum(v) / len(v) for d, v in days.items()}


def ref_actions(snap: Snapshot, today: date) -> dict[date, int]:
    tags = snap.settings.job_search_tags
    out: dict[date, int] = {}
    days = {c.timestamp.date() for c in snap.checkins}
    days |= {r.when.date() for r in snap.rounds}
    days |= {applied_day(a, [r for r in snap.rounds if r.application_id == a.id]) for a in snap.applications}
    for day in days:
        if day > today:
            continue
        apps = sum(
            1
            for a in snap.applications
            if applied_day(a, [r for r in snap.rounds if r.application_id == a.id]) == day
        )
        rounds = sum(1 for r in snap.rounds if r.when.date() == day and r.stage is not Stage.APPLIED)
        tagged = {t for c in snap.checkins if c.timestamp.date() == day for t in c.activities if t in tags}
        count = max(apps, int("applied" in tagged)) + max(rounds, int("interviewed" in tagged))
        count += len(tagged - {"applied", "interviewed"})
        if count:
            out[day] = count
    return out


def ref_rest(snap: Snapshot) -> set[date]:
    return {r.start + timedelta(days=k) for r in snap.rest_days for k in range((r.end - r.start).days + 1)}


def ref_setbacks(snap: Snapshot, today: date) -> list[dict[str, object]]:
    moods, actions = ref_moods(snap, today), ref_actions(snap, today)
    found = sorted(
        (r for r in snap.rounds if r.outcome.is_setback and r.when.date() <= today),
        key=lambda r: (r.when.date(), r.when, r.id),
    )
    out = []
    for rnd in found:
        day = rnd.when.date()
        span = (today - day).days
        bounce = next((k for k in range(1, span + 1) if actions.get(day + timedelta(days=k))), None)
        before = [moods[x] for k in range(1, BASELINE_DAYS + 1) if (x := day - timedelta(days=k)) in moods]
        baseline = sum(before) / len(before) if len(before) >= MIN_BASELINE_DAYS else None
        rebound = dip = None
        if baseline is not None:
            for k in range(span + 1):
                here = day + timedelta(days=k)
                if here not in moods:
                    continue
                window = [moods[x] for j in range(3) if (x := here - timedelta(days=j)) >= day and x in moods]
                if sum(window) / len(window) >= baseline - 1e-9:
                    rebound = k
                    break
            after = [moods[x] for k in range(min(7, span + 1)) if (x := day + timedelta(days=k)) in moods]
            dip = baseline - sum(after) / len(after) if after else None
        state = "too-little-data" if baseline is None else ("not-yet" if rebound is None else "recovered")
        out.append(
            {"day": day, "stage": rnd.stage, "bounce": bounce, "baseline": baseline, "rebound": rebound,
             "state": state, "dip": dip, "id": rnd.id}
        )  # fmt: skip
    return out


def ref_score(snap: Snapshot, today: date) -> tuple[float, list[float]]:
    moods, actions, rest = ref_moods(snap, today), ref_actions(snap, today), ref_rest(snap)
    known = [*moods, *actions]
    if not known:
        return 0.0, []
    first = min(known)
    last = today if today in moods else today - timedelta(days=1)
    open_days: set[date] = set()
    for s in ref_setbacks(snap, today):
        if s["baseline"] is None:
            continue
        start = s["day"]
        assert isinstance(start, date)
        length = (today - start).days + 1 if s["rebound"] is None else s["rebound"]
        assert isinstance(length, int)
        for k in range(min(length, SETBACK_WEIGHT_DAYS, (today - start).days + 1)):
            open_days.add(start + timedelta(days=k))
    score, history = 0.0, []
    day = first
    while day <= last:
        if day not in rest:
            window = [day - timedelta(days=k) for k in range(ACTED_WINDOW)]
            done = sum(actions.get(x, 0) for x in window)
            active = sum(1 for x in window if x not in rest)
            acted = min(1.0, done / (snap.settings.weekly_target * active / 7))
            checked = 1.0 if day in moods else 0.0
            showed = checked == 1.0 or actions.get(day, 0) > 0
            recovered = 1.0 if showed and day not in open_days else 0.0
            moved = score * M + (checked + acted + recovered) / 3 * (1 - M)
            score = moved if showed else min(score, moved)
        history.append(score * 100)
        day += timedelta(days=1)
    return score * 100, history[-30:]


def ref_momentum(snap: Snapshot, today: date) -> tuple[int, int, int, int]:
    actions, rest = ref_actions(snap, today), ref_rest(snap)
    moods = ref_moods(snap, today)
    fdow, target = snap.settings.first_day_of_week, snap.settings.weekly_target
    first = min([*moods, *actions], default=today)
    week = first - timedelta(days=(first.weekday() - fdow) % 7)
    this_week = today - timedelta(days=(today.weekday() - fdow) % 7)
    run = longest = done = asked = 0
    while week <= this_week:
        days = [week + timedelta(days=k) for k in range(7)]
        done = sum(actions.get(x, 0) for x in days)
        asked = math.ceil(target * sum(1 for x in days if x not in rest) / 7)
        if asked and done >= asked:
            run += 1
            longest = max(longest, run)
        elif asked and week != this_week:
            run = 0
        week += timedelta(days=7)
    return run, longest, done, asked


def check_against_references(snap: Snapshot, today: date) -> None:
    report = compute_all(snap, today)
    assert report.today == today
    expected = ref_setbacks(snap, today)
    got = [
        {"day": s.day, "stage": s.stage, "bounce": s.bounce_back_days, "baseline": s.baseline,
         "rebound": s.rebound_days, "state": s.rebound, "dip": s.mood_dip, "id": s.round_id}
        for s in report.setbacks
    ]  # fmt: skip
    assert len(got) == len(expected)
    for mine, theirs in zip(got, expected, strict=True):
        for key, value in theirs.items():
            same = mine[key] == value or (
                isinstance(value, float)
                and isinstance(mine[key], float)
                and math.isclose(mine[key], value, abs_tol=1e-9)
            )
            assert same, (key, mine[key], value, theirs["day"])
    rebounds = [s["rebound"] for s in expected if s["rebound"] is not None]
    bounces = [s["bounce"] for s in expected if s["bounce"] is not None]
    assert report.median_rebound_days == (median(rebounds) if rebounds else None)  # type: ignore[type-var]
    assert report.median_bounce_back_days == (median(bounces) if bounces else None)  # type: ignore[type-var]
    recovered = sorted((s for s in expected if s["rebound"] is not None), key=lambda s: (s["day"], s["id"]))
    assert report.rebound_trend.days == tuple(s["rebound"] for s in recovered[-TREND_LAST:])
    for row in report.rebound_by_stage:
        mine = [s for s in expected if s["stage"] is row.stage]
        assert (row.setbacks, row.recovered) == (len(mine), sum(s["state"] == "recovered" for s in mine))
        assert row.not_yet == sum(s["state"] == "not-yet" for s in mine)
        assert row.too_little_data == sum(s["state"] == "too-little-data" for s in mine)
    value, recent = ref_score(snap, today)
    assert report.score.value == pytest.approx(value, abs=1e-9)
    assert list(report.score.recent) == pytest.approx(recent, abs=1e-9)
    mom = report.momentum
    assert (mom.weeks, mom.longest, mom.this_week_actions, mom.this_week_target) == ref_momentum(snap, today)
    moods = ref_moods(snap, today)
    assert report.mood_30 == tuple(moods.get(today - timedelta(days=29 - k)) for k in range(30))


@settings(max_examples=150, deadline=None)
@given(snapshots(), todays)
def test_compute_all_matches_the_reference_scans(snap: Snapshot, today: date) -> None:
    check_against_references(snap, today)


narrow = st.lists(checkins().map(lambda c: _mood(c, 3 + c.mood % 2)), min_size=20, max_size=90)


def _mood(c: CheckIn, mood: int) -> CheckIn:
    from dataclasses import replace

    return replace(c, mood=mood)


@settings(max_examples=150, deadline=None)
@given(snapshots(), narrow, todays)
def test_reference_scans_with_moods_on_the_edge(snap: Snapshot, more: list[CheckIn], today: date) -> None:
    """Moods of 3 and 4 only: rolling moods equal to the baseline are common."""
    from dataclasses import replace

    unique = {c.id: c for c in (*snap.checkins, *more)}
    check_against_references(replace(snap, checkins=tuple(unique.values())), today)
