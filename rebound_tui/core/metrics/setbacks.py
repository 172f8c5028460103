"""After a setback: bounce-back (days to the next action), rebound (days until mood is back) and its trend."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median
from typing import Literal

from rebound_tui.core.metrics.days import BASELINE_DAYS, MIN_BASELINE_DAYS, ROLLING_DAYS, DayLayout
from rebound_tui.core.models import Outcome, Round, Snapshot, Stage

DIP_DAYS = 7
"""The setback day and the six after it: the window for the mood dip."""
TREND_LAST = 5
"""Recovered setbacks (the most recent) that the rebound trend looks at."""
TREND_MIN = 3
"""Fewest points for a trend (rebound or growth); fewer is 'not enough data'."""
TREND_SLOPE = 0.25
"""Days per setback the rebound slope must pass to count as shrinking or growing."""
_EPSILON = 1e-9
"""Slack for comparing float means, so 3.5 from 7/2 is never 'below' 3.5 from 14/4."""

ReboundState = Literal["recovered", "not-yet", "too-little-data"]
TrendDirection = Literal["shrinking", "steady", "growing", "not-enough-data"]


@dataclass(frozen=True)
class Setback:
    """One rejection or ghosting and what came after it."""

    round_id: str
    application_id: str
    day: date
    stage: Stage
    outcome: Outcome
    bounce_back_days: int | None
    """Days to the next day with a job-search action; None while there is none yet."""
    baseline: float | None
    """Mean daily mood of the 14 days before; None when fewer than 7 of them have a check-in."""
    rebound_days: int | None
    """Days until the rolling mood was back at the baseline; None unless ``rebound`` is 'recovered'."""
    rebound: ReboundState
    mood_dip: float | None
    """Baseline minus the mean mood of the setback day and the six after it (positive = lower)."""


@dataclass(frozen=True)
class StageRebound:
    """Rebound and bounce-back figures for setbacks at one stage."""

    stage: Stage
    setbacks: int
    recovered: int
    not_yet: int
    too_little_data: int
    median_rebound_days: float | None
    median_bounce_back_days: float | None


@dataclass(frozen=True)
class Trend:
    """Is rebound time shrinking over the most recent recovered setbacks?"""

    direction: TrendDirection
    slope: float | None
    """Least-squares change in rebound days from one setback to the next."""
    days: tuple[int, ...]
    """The rebound days looked at, oldest first."""


# --------------------------------------------------------------------------- setbacks


def _setback_rounds(rounds: Iterable[Round], until: int) -> list[Round]:
    found = [r for r in rounds if r.outcome.is_setback and r.when.date().toordinal() <= until]
    found.sort(key=lambda r: (r.when.date(), r.when, r.id))
    return found


def _rebound_days(tl: DayLayout, index: int, baseline: float) -> int | None:
    """Days from a setback at ``index`` until its rolling mood is back at ``baseline``.

    The rolling window never reaches back before the setback day, so on the
    setback day it is that day's mood alone and the day after it is two days.
    """
    threshold = baseline - _EPSILON
    mood, today = tl.mood, tl.today_index
    window: list[float] = []
    for offset in range(min(ROLLING_DAYS - 1, today - index + 1)):
        value = mood[index + offset]
        if value is None:
            continue
        window.append(value)
        if sum(window) / len(window) >= threshold:
            return offset
    found = tl.first_recovered(index + ROLLING_DAYS - 1, threshold)
    return None if found is None else found - index


def find_setbacks(tl: DayLayout, rounds: Iterable[Round]) -> tuple[Setback, ...]:
    """Every setback in ``rounds`` up to the layout's today, from a built layout (see :func:`setbacks`)."""
    mood, actions, today = tl.mood, tl.actions, tl.today_index
    # next_action[i]: the first index >= i (up to today) with an action, or None.
    next_action: list[int | None] = [None] * (today + 2)
    for i in range(today, -1, -1):
        next_action[i] = i if actions[i] else next_action[i + 1]
    result: list[Setback] = []
    for rnd in _setback_rounds(rounds, tl.origin + today):
        index = tl.index(rnd.day)
        following = next_action[index + 1]
        before = [m for m in mood[index - BASELINE_DAYS : index] if m is not None]
        baseline = sum(before) / len(before) if len(before) >= MIN_BASELINE_DAYS else None
        rebound_days: int | None = None
        state: ReboundState = "too-little-data"
        dip: float | None = None
        if baseline is not None:
            rebound_days = _rebound_days(tl, index, baseline)
            state = "not-yet" if rebound_days is None else "recovered"
            after = [m for m in mood[index : min(index + DIP_DAYS, today + 1)] if m is not None]
            if after:
                dip = baseline - sum(after) / len(after)
        result.append(
            Setback(
                round_id=rnd.id,
                application_id=rnd.application_id,
                day=rnd.day,
                stage=rnd.stage,
                outcome=rnd.outcome,
                bounce_back_days=None if following is None else following - index,
                baseline=baseline,
                rebound_days=rebound_days,
                rebound=state,
                mood_dip=dip,
            )
        )
    return tuple(result)


def setbacks(snapshot: Snapshot, today: date) -> tuple[Setback, ...]:
    """Every rejection and ghosting up to ``today``, oldest first, with bounce-back and rebound.

    Bounce-back: days from the setback's day to the next *later* day with a
    job-search action (same-day actions are left out: we cannot tell whether
    they came before the news). Rebound: days until the 3-day rolling mean
    mood is at or above the mean of the 14 days before the setback.
    """
    return find_setbacks(DayLayout(snapshot, today), snapshot.rounds)


def median_of(values: Sequence[int]) -> float | None:
    """The median of ``values`` as a float, or None when there are none."""
    return float(median(values)) if values else None


def rebound_by_stage(found: Iterable[Setback]) -> tuple[StageRebound, ...]:
    """Rebound and bounce-back medians per stage, in stage order, for stages with setbacks."""
    by_stage: dict[Stage, list[Setback]] = defaultdict(list)
    for item in found:
        by_stage[item.stage].append(item)
    result = []
    for stage in sorted(by_stage, key=lambda s: s.order):
        items = by_stage[stage]
        rebounds = [s.rebound_days for s in items if s.rebound_days is not None]
        bounces = [s.bounce_back_days for s in items if s.bounce_back_days is not None]
        result.append(
            StageRebound(
                stage=stage,
                setbacks=len(items),
                recovered=len(rebounds),
                not_yet=sum(s.rebound == "not-yet" for s in items),
                too_little_data=sum(s.rebound == "too-little-data" for s in items),
                median_rebound_days=median_of(rebounds),
                median_bounce_back_days=median_of(bounces),
            )
        )
    return tuple(result)


def least_squares_slope(values: Sequence[float]) -> float:
    """Least-squares slope of ``values`` against 0, 1, 2, ... (needs two or more values)."""
    n = len(values)
    mean_x = (n - 1) / 2
    mean_y = sum(values) / n
    num = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values))
    den = sum((x - mean_x) ** 2 for x in range(n))
    return num / den


def rebound_trend(found: Iterable[Setback], last: int = TREND_LAST) -> Trend:
    """Is rebound time shrinking? The slope over the last ``last`` recovered setbacks.

    A slope below -0.25 days per setback is 'shrinking', above 0.25 'growing',
    otherwise 'steady'; fewer than three recovered setbacks is 'not enough data'.
    """
    recovered = sorted((s for s in found if s.rebound_days is not None), key=lambda s: (s.day, s.round_id))
    days = tuple(s.rebound_days for s in recovered[-last:] if s.rebound_days is not None)
    if len(days) < TREND_MIN:
        return Trend(direction="not-enough-data", slope=None, days=days)
    slope = least_squares_slope(days)
    direction: TrendDirection = "steady"
    if slope < -TREND_SLOPE:
        direction = "shrinking"
    elif slope > TREND_SLOPE:
        direction = "growing"
    return Trend(direction=direction, slope=slope, days=days)
