"""Resilience metrics: pure functions from model objects to numbers.

Streak, weekly momentum, bounce-back and rebound times after setbacks, the
resilience score, growth of self-ratings and insights. Nothing here imports
Textual, TinyDB or Rich, and nothing reads the clock: ``today`` is always
passed in, so the same records and the same day always give the same numbers.

Conventions used throughout (docs/metrics.md says the same in plain words):

* A check-in belongs to the user's local date: :attr:`CheckIn.day`, the date
  in the UTC offset stored with it. A day's mood is the mean of its check-ins.
* Records dated after ``today`` are left out: every figure is "as of today".
* A rest day is any date covered by a :class:`RestDay`. It is *passed over*:
  a rest day without a check-in neither extends nor breaks a streak or a run
  of weeks. A check-in made on a rest day still counts: showing up counts.
* A job-search action is an application created, an interview round (its
  ``day``) or a check-in activity in :data:`JOB_SEARCH_ACTIVITIES`. On one
  day, each kind counts the records logged, or 1 if only the check-in tag
  says so: the tag and the record are the same action, not two.
* A setback is a round whose outcome is rejected or ghosted, dated by the
  round's ``day`` (the log holds no separate date for the news).

:func:`compute_all` lays the records out by day once and derives every
figure from that; the single-metric functions build the same layout for the
records they are given.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median
from typing import Literal

from rebound_tui.core.models import (
    JOB_SEARCH_ACTIVITIES,
    RATING_DIMENSIONS,
    CheckIn,
    Outcome,
    RestDay,
    Round,
    Snapshot,
    Stage,
)
from rebound_tui.core.streaks import Streak, streak_from_days

BASELINE_DAYS = 14
"""Days before a setback whose mean mood is the level to get back to."""
MIN_BASELINE_DAYS = 7
"""Fewest days with a check-in in that window for a baseline; fewer is 'too little data'."""
ROLLING_DAYS = 3
"""Days in the rolling mood mean that is compared with the baseline."""
DIP_DAYS = 7
"""The setback day and the six after it: the window for the mood dip."""
SETBACK_WEIGHT_DAYS = 30
"""Longest a setback that is not yet recovered from keeps the score's 'recovered' part at 0."""
TREND_LAST = 5
"""Recovered setbacks (the most recent) that the rebound trend looks at."""
TREND_MIN = 3
"""Fewest points for a trend (rebound or growth); fewer is 'not enough data'."""
TREND_SLOPE = 0.25
"""Days per setback the rebound slope must pass to count as shrinking or growing."""
GROWTH_WINDOW = 5
"""Rounds in the rolling mean of a self-rating."""
GROWTH_CHANGE = 0.25
"""Rating points the fitted line must rise or fall, first round to last, to count as a change."""
HABIT_RATING = 4
"""A self-rating at or above this counts as the habit being there."""
SCORE_FREQUENCY = 1.0
"""Check-ins asked for per day (Loop Habit Tracker's ``freq``)."""
SCORE_MULTIPLIER = 0.5 ** (math.sqrt(SCORE_FREQUENCY) / 13)
"""How much of yesterday's score carries into today (about 0.948: a half-life of 13 days)."""
MOOD_SERIES_DAYS = 30
_EPSILON = 1e-9
"""Slack for comparing float means, so 3.5 from 7/2 is never 'below' 3.5 from 14/4."""

ReboundState = Literal["recovered", "not-yet", "too-little-data"]
TrendDirection = Literal["shrinking", "steady", "growing", "not-enough-data"]
GrowthDirection = Literal["rising", "steady", "dipping", "not-enough-data"]

_ADVANCED = frozenset({Outcome.ADVANCED, Outcome.OFFER})
_NOT_ADVANCED = frozenset({Outcome.REJECTED, Outcome.GHOSTED})


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Momentum:
    """Weeks in a row that met the weekly action target."""

    weeks: int
    """The run that still stands; this week counts once it meets its target."""
    longest: int
    this_week_actions: int
    this_week_target: int
    """The target for this week, lowered for rest days in it."""
    target: int
    """The weekly target from settings."""
    week_start: date
    this_week_met: bool


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


@dataclass(frozen=True)
class Score:
    """The resilience score, 0 to 100."""

    value: float
    as_of: date | None
    """The last day that fed the score (today once checked in, else yesterday)."""
    days: int
    """Days that changed the score (rest days carry it over and are not counted)."""
    recent: tuple[float, ...]
    """The score on each of the last 30 days up to ``as_of``, oldest first."""
    last_parts: tuple[float, float, float] | None
    """(checked in, acted, recovered) on the last day that changed the score."""


@dataclass(frozen=True)
class Growth:
    """How one self-rating dimension moves across interview rounds."""

    dimension: str
    label: str
    count: int
    mean: float | None
    slope: float | None
    """Least-squares change per round, in rating points."""
    change: float | None
    """What the fitted line rises (or falls) from the first rated round to the last."""
    start: float | None
    """The fitted line's value at the first rated round."""
    end: float | None
    rolling: tuple[float, ...]
    """Rolling mean over the last five rated rounds, one value per round."""
    direction: GrowthDirection
    summary: str


@dataclass(frozen=True)
class StageDip:
    """Mean mood dip after setbacks at one stage."""

    stage: Stage
    setbacks: int
    """Setbacks at this stage whose dip could be measured."""
    mean_dip: float


@dataclass(frozen=True)
class HabitInsight:
    """How often rounds advanced with and without one reflection habit (a rating of 4 or 5)."""

    dimension: str
    label: str
    with_rounds: int
    with_advanced: int
    without_rounds: int
    without_advanced: int
    with_share: float | None
    without_share: float | None
    summary: str


@dataclass(frozen=True)
class Insights:
    dips: tuple[StageDip, ...]
    habits: tuple[HabitInsight, ...]


@dataclass(frozen=True)
class GridCell:
    """One day of a year-in-pixels grid."""

    day: date
    mood: float | None


@dataclass(frozen=True)
class Report:
    """Every figure, computed together for the TUI and ``rebound-tui stats``."""

    today: date
    streak: Streak
    momentum: Momentum
    setbacks: tuple[Setback, ...]
    rebound_by_stage: tuple[StageRebound, ...]
    rebound_trend: Trend
    median_rebound_days: float | None
    median_bounce_back_days: float | None
    score: Score
    growth: tuple[Growth, ...]
    insights: Insights
    mood_30: tuple[float | None, ...]


# --------------------------------------------------------------------------- the day layout


def _weekday(ordinal: int) -> int:
    """``date.fromordinal(ordinal).weekday()`` without building a date (day 1 was a Monday)."""
    return (ordinal + 6) % 7


def _week_start(ordinal: int, first_day_of_week: int) -> int:
    return ordinal - (_weekday(ordinal) - first_day_of_week) % 7


def _day_moods(checkins: Iterable[CheckIn], until: int) -> dict[int, float]:
    """Mean mood by day ordinal, for days up to ``until``; sums of ints, so order never matters."""
    sums: dict[int, int] = defaultdict(int)
    counts: dict[int, int] = defaultdict(int)
    for checkin in checkins:
        ordinal = checkin.timestamp.date().toordinal()
        if ordinal <= until:
            sums[ordinal] += checkin.mood
            counts[ordinal] += 1
    return {ordinal: sums[ordinal] / counts[ordinal] for ordinal in sums}


def _actions_by_day(snapshot: Snapshot, until: int) -> dict[int, int]:
    """Job-search actions per day ordinal (see the module docstring for what counts)."""
    applied: dict[int, set[str]] = defaultdict(set)
    interviews: dict[int, int] = defaultdict(int)
    tags: dict[int, set[str]] = defaultdict(set)
    for app in snapshot.applications:
        ordinal = app.created.date().toordinal()
        if ordinal <= until:
            applied[ordinal].add(app.id)
    for rnd in snapshot.rounds:
        ordinal = rnd.when.date().toordinal()
        if ordinal > until:
            continue
        # An 'applied' round is the application itself: counted once with it, by application id.
        if rnd.stage is Stage.APPLIED:
            applied[ordinal].add(rnd.application_id)
        else:
            interviews[ordinal] += 1
    for checkin in snapshot.checkins:
        found = JOB_SEARCH_ACTIVITIES.intersection(checkin.activities)
        if found:
            ordinal = checkin.timestamp.date().toordinal()
            if ordinal <= until:
                tags[ordinal].update(found)
    actions: dict[int, int] = {}
    for ordinal in applied.keys() | interviews.keys() | tags.keys():
        tagged = tags.get(ordinal, set())
        count = max(len(applied.get(ordinal, ())), "applied" in tagged)
        count += max(interviews.get(ordinal, 0), "interviewed" in tagged)
        count += ("practiced" in tagged) + ("networked" in tagged)
        if count:
            actions[ordinal] = count
    return actions


class _Timeline:
    """Moods, actions and rest days laid out by day index, built once per computation.

    Index 0 is ``BASELINE_DAYS`` before the first day with any data, so every
    baseline window fits; the last index is the end of today's week, so this
    week's rest days can lower its target. Only days up to today hold moods or
    actions.
    """

    def __init__(self, snapshot: Snapshot, today: date, *, with_actions: bool = True) -> None:
        self.today = today
        self.settings = snapshot.settings
        t = today.toordinal()
        moods = _day_moods(snapshot.checkins, t)
        actions = _actions_by_day(snapshot, t) if with_actions else {}
        first = min(min(moods, default=t), min(actions, default=t))
        self.first_ordinal = first
        self.origin = first - BASELINE_DAYS
        end = _week_start(t, snapshot.settings.first_day_of_week) + 6
        size = end - self.origin + 1
        self.today_index = t - self.origin
        self.first_index = first - self.origin
        self.mood: list[float | None] = [None] * size
        for ordinal, mood in moods.items():
            self.mood[ordinal - self.origin] = mood
        self.actions = [0] * size
        for ordinal, count in actions.items():
            self.actions[ordinal - self.origin] = count
        self.rest = [False] * size
        for pause in snapshot.rest_days:
            start = max(pause.start.toordinal(), self.origin)
            stop = min(pause.end.toordinal(), end)
            for ordinal in range(start, stop + 1):
                self.rest[ordinal - self.origin] = True
        self._rolling: list[float] | None = None
        self._blocks: list[float] = []

    def day(self, index: int) -> date:
        return date.fromordinal(self.origin + index)

    def index(self, day: date) -> int:
        return day.toordinal() - self.origin

    # Rolling means are only needed for rebound times, so they are built on first use.
    _BLOCK = 32

    def _build_rolling(self) -> list[float]:
        mood = self.mood
        rolling = [-math.inf] * (self.today_index + 1)
        for i in range(len(rolling)):
            value = mood[i]
            if value is None:
                continue
            total, count = value, 1
            for j in range(max(i - ROLLING_DAYS + 1, 0), i):
                earlier = mood[j]
                if earlier is not None:
                    total += earlier
                    count += 1
            rolling[i] = total / count
        block = self._BLOCK
        self._blocks = [max(rolling[k : k + block]) for k in range(0, len(rolling), block)]
        return rolling

    def first_recovered(self, start: int, threshold: float) -> int | None:
        """The first index >= ``start`` (up to today) whose 3-day rolling mood is >= ``threshold``.

        Whole blocks of 32 days whose best rolling mood is below the threshold
        are skipped, so a long stretch without recovery costs little.
        """
        if self._rolling is None:
            self._rolling = self._build_rolling()
        rolling, blocks, block = self._rolling, self._blocks, self._BLOCK
        i, size = start, len(rolling)
        while i < size:
            if i % block == 0 and blocks[i // block] < threshold:
                i += block
                continue
            if rolling[i] >= threshold:
                return i
            i += 1
        return None


# --------------------------------------------------------------------------- streak


def streak(checkins: Iterable[CheckIn], today: date, rest_days: Iterable[RestDay] = ()) -> Streak:
    """Current, longest and total check-in days as of ``today``.

    Several check-ins on one day count once. Rest days without a check-in are
    passed over: they neither extend nor break a run. If today has no check-in
    yet, the run ending yesterday (or at the last check-in before rest days
    that reach up to today) still stands.
    """
    return streak_from_days((c.day for c in checkins), ((r.start, r.end) for r in rest_days), today)


# --------------------------------------------------------------------------- momentum


def _momentum(tl: _Timeline) -> Momentum:
    target = tl.settings.weekly_target
    fdow = tl.settings.first_day_of_week
    this_week = _week_start(tl.origin + tl.today_index, fdow) - tl.origin
    run = longest = 0
    actions = rest = week_target = 0
    met = False
    for week in range(_week_start(tl.first_ordinal, fdow) - tl.origin, this_week + 1, 7):
        actions = sum(tl.actions[week : week + 7])
        rest = sum(tl.rest[week : week + 7])
        # Rest days lower the week's target in proportion; a week of rest asks for nothing.
        week_target = -(-target * (7 - rest) // 7)
        met = week_target > 0 and actions >= week_target
        if met:
            run += 1
            longest = max(longest, run)
        elif week_target > 0 and week != this_week:
            run = 0
    return Momentum(
        weeks=run,
        longest=longest,
        this_week_actions=actions,
        this_week_target=week_target,
        target=target,
        week_start=tl.day(this_week),
        this_week_met=met,
    )


def momentum(snapshot: Snapshot, today: date) -> Momentum:
    """Consecutive weeks meeting the weekly action target, as of ``today``.

    Weeks begin on ``settings.first_day_of_week``. A week's target is the
    weekly target times its days that are not rest days, divided by 7,
    rounded up; a week that is all rest is passed over. This week joins the
    run as soon as it meets its target and never breaks it while it runs.
    """
    return _momentum(_Timeline(snapshot, today))


def job_search_actions(snapshot: Snapshot, today: date) -> dict[date, int]:
    """Job-search actions per day, for days up to ``today`` that have any."""
    actions = _actions_by_day(snapshot, today.toordinal())
    return {date.fromordinal(ordinal): count for ordinal, count in sorted(actions.items())}


# --------------------------------------------------------------------------- setbacks


def _setback_rounds(rounds: Iterable[Round], until: int) -> list[Round]:
    found = [r for r in rounds if r.outcome.is_setback and r.when.date().toordinal() <= until]
    found.sort(key=lambda r: (r.when.date(), r.when, r.id))
    return found


def _rebound_days(tl: _Timeline, index: int, baseline: float) -> int | None:
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


def _setbacks(tl: _Timeline, rounds: Iterable[Round]) -> tuple[Setback, ...]:
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
    return _setbacks(_Timeline(snapshot, today), snapshot.rounds)


def _median(values: Sequence[int]) -> float | None:
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
                median_rebound_days=_median(rebounds),
                median_bounce_back_days=_median(bounces),
            )
        )
    return tuple(result)


def _slope(values: Sequence[float]) -> float:
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
    slope = _slope(days)
    direction: TrendDirection = "steady"
    if slope < -TREND_SLOPE:
        direction = "shrinking"
    elif slope > TREND_SLOPE:
        direction = "growing"
    return Trend(direction=direction, slope=slope, days=days)


# --------------------------------------------------------------------------- resilience score


def _score(tl: _Timeline, found: Sequence[Setback], today_done: bool) -> Score:
    mood, actions, rest, today = tl.mood, tl.actions, tl.rest, tl.today_index
    last = today if today_done else today - 1
    # Days on which some setback is still open (rolling mood below its baseline), as a difference array.
    open_change = [0] * (today + 2)
    for item in found:
        if item.baseline is None:
            continue
        start = tl.index(item.day)
        stop = start + item.rebound_days if item.rebound_days is not None else today + 1
        stop = min(stop, start + SETBACK_WEIGHT_DAYS, today + 1)
        if stop > start:
            open_change[start] += 1
            open_change[stop] -= 1
    target = tl.settings.weekly_target
    score = 0.0
    days = 0
    history: list[float] = []
    parts: tuple[float, float, float] | None = None
    first = tl.first_index
    open_now = sum(open_change[:first])
    week_actions = sum(actions[first - 6 : first])
    week_rest = sum(rest[first - 6 : first])
    keep = SCORE_MULTIPLIER
    for i in range(first, last + 1):
        open_now += open_change[i]
        week_actions += actions[i] - actions[i - 7]
        week_rest += rest[i] - rest[i - 7]
        if not rest[i]:
            checked_in = 1.0 if mood[i] is not None else 0.0
            active = 7 - week_rest
            acted = min(1.0, week_actions * 7 / (target * active)) if active else 1.0
            recovered = 0.0 if open_now else 1.0
            value = (checked_in + acted + recovered) / 3
            score = min(1.0, max(0.0, score * keep + value * (1 - keep)))
            days += 1
            parts = (checked_in, acted, recovered)
        history.append(score * 100)
    return Score(
        value=score * 100,
        as_of=tl.day(last) if last >= first else None,
        days=days,
        recent=tuple(history[-MOOD_SERIES_DAYS:]),
        last_parts=parts,
    )


def resilience_score(snapshot: Snapshot, today: date) -> Score:
    """The resilience score (0–100) as of ``today``; docs/metrics.md gives the daily value exactly."""
    tl = _Timeline(snapshot, today)
    done = tl.mood[tl.today_index] is not None
    return _score(tl, _setbacks(tl, snapshot.rounds), done)


# --------------------------------------------------------------------------- growth


def _rated_rounds(rounds: Iterable[Round], today: date) -> list[Round]:
    found = [r for r in rounds if r.ratings and r.day <= today]
    found.sort(key=lambda r: (r.when, r.id))
    return found


def _growth_one(dimension: str, values: Sequence[int]) -> Growth:
    label = RATING_DIMENSIONS[dimension]
    n = len(values)
    rolling: list[float] = []
    window_total = 0
    for i, value in enumerate(values):
        window_total += value
        if i >= GROWTH_WINDOW:
            window_total -= values[i - GROWTH_WINDOW]
        rolling.append(window_total / min(i + 1, GROWTH_WINDOW))
    mean = sum(values) / n if n else None
    slope = change = start = end = None
    direction: GrowthDirection = "not-enough-data"
    if n == 0:
        summary = (
            f"No ratings for {label} yet. Rate it after your next interview and the trend will show here."
        )
    elif n < TREND_MIN:
        rounds = "round" if n == 1 else "rounds"
        summary = (
            f"{n} {rounds} rated for {label} so far, around {mean:.1f}. "
            "A few more interviews and the trend will show."
        )
    else:
        assert mean is not None
        slope = _slope(values)
        change = slope * (n - 1)
        start = mean - slope * (n - 1) / 2
        end = start + change
        span = f"about {start:.1f} at first and {end:.1f} lately, across {n} rounds"
        if change >= GROWTH_CHANGE:
            direction = "rising"
            summary = f"Your ratings for {label} are rising: {span}. That is practice paying off."
        elif change <= -GROWTH_CHANGE:
            direction = "dipping"
            summary = (
                f"Your ratings for {label} have dipped a little: {span}. "
                "Tougher rounds come and go; it could be a good one to practise next."
            )
        else:
            direction = "steady"
            summary = f"Your ratings for {label} are holding steady around {mean:.1f} across {n} rounds."
    return Growth(
        dimension=dimension,
        label=label,
        count=n,
        mean=mean,
        slope=slope,
        change=change,
        start=start,
        end=end,
        rolling=tuple(rolling),
        direction=direction,
        summary=summary,
    )


def growth(rounds: Iterable[Round], today: date) -> tuple[Growth, ...]:
    """Per self-rating dimension: rolling mean, least-squares slope and a plain-words summary.

    Rounds up to ``today`` with a rating for the dimension, in the order they
    took place. The trend is 'rising' or 'dipping' when the fitted line moves
    by a quarter of a point or more from the first rated round to the last.
    """
    rated = _rated_rounds(rounds, today)
    return tuple(
        _growth_one(dim, [r.ratings[dim] for r in rated if dim in r.ratings]) for dim in RATING_DIMENSIONS
    )


# --------------------------------------------------------------------------- insights


def _percent(share: float | None) -> str:
    return "n/a" if share is None else f"{share * 100:.0f}%"


def _habits(rounds: Iterable[Round], today: date) -> tuple[HabitInsight, ...]:
    decided = [r for r in _rated_rounds(rounds, today) if r.outcome in _ADVANCED | _NOT_ADVANCED]
    result = []
    for dim, label in RATING_DIMENSIONS.items():
        with_rounds = with_advanced = without_rounds = without_advanced = 0
        for rnd in decided:
            rating = rnd.ratings.get(dim)
            if rating is None:
                continue
            advanced = rnd.outcome in _ADVANCED
            if rating >= HABIT_RATING:
                with_rounds += 1
                with_advanced += advanced
            else:
                without_rounds += 1
                without_advanced += advanced
        with_share = with_advanced / with_rounds if with_rounds else None
        without_share = without_advanced / without_rounds if without_rounds else None
        if not with_rounds and not without_rounds:
            summary = f"No rated rounds with a known outcome for {label} yet."
        else:
            summary = (
                f"When you rated {label} {HABIT_RATING} or 5, {_percent(with_share)} of those rounds "
                f"moved forward ({with_advanced} of {with_rounds}); "
                f"otherwise {_percent(without_share)} ({without_advanced} of {without_rounds})."
            )
        result.append(
            HabitInsight(
                dimension=dim,
                label=label,
                with_rounds=with_rounds,
                with_advanced=with_advanced,
                without_rounds=without_rounds,
                without_advanced=without_advanced,
                with_share=with_share,
                without_share=without_share,
                summary=summary,
            )
        )
    return tuple(result)


def _dips(found: Iterable[Setback]) -> tuple[StageDip, ...]:
    by_stage: dict[Stage, list[float]] = defaultdict(list)
    for item in found:
        if item.mood_dip is not None:
            by_stage[item.stage].append(item.mood_dip)
    return tuple(
        StageDip(stage=stage, setbacks=len(dips), mean_dip=sum(dips) / len(dips))
        for stage, dips in sorted(by_stage.items(), key=lambda kv: kv[0].order)
    )


def insights(snapshot: Snapshot, today: date) -> Insights:
    """Mean mood dip after setbacks by stage, and how rounds went with and without each habit.

    A habit is a self-rating of 4 or 5 on a round. Only rounds whose outcome
    is known count: advanced or offer as moving forward, rejected or ghosted
    as not; pending and withdrawn rounds are left out.
    """
    tl = _Timeline(snapshot, today)
    return Insights(dips=_dips(_setbacks(tl, snapshot.rounds)), habits=_habits(snapshot.rounds, today))


# --------------------------------------------------------------------------- mood series


def mood_series(checkins: Iterable[CheckIn], today: date, days: int = MOOD_SERIES_DAYS) -> list[float | None]:
    """Daily mean mood for the ``days`` days ending today, oldest first; None where there is none."""
    t = today.toordinal()
    first = t - days + 1
    moods = _day_moods((c for c in checkins if c.timestamp.date().toordinal() >= first), t)
    return [moods.get(ordinal) for ordinal in range(first, t + 1)]


def year_moods(checkins: Iterable[CheckIn], year: int) -> dict[date, float]:
    """Daily mean mood for each day of ``year`` that has a check-in."""
    wanted = [c for c in checkins if c.timestamp.year == year]
    return {
        date.fromordinal(o): m for o, m in sorted(_day_moods(wanted, date(year, 12, 31).toordinal()).items())
    }


def year_grid(
    checkins: Iterable[CheckIn], year: int, first_day_of_week: int = 0
) -> list[tuple[GridCell | None, ...]]:
    """A year-in-pixels grid: one tuple of seven cells per week, weeks in order.

    Each week starts on ``first_day_of_week`` (0 = Monday). Cells outside the
    year are None; days without a check-in have ``mood=None``.
    """
    moods = year_moods(checkins, year)
    first, last = date(year, 1, 1), date(year, 12, 31)
    start = date.fromordinal(_week_start(first.toordinal(), first_day_of_week))
    weeks: list[tuple[GridCell | None, ...]] = []
    while start <= last:
        week = []
        for offset in range(7):
            day = start + timedelta(days=offset)
            week.append(GridCell(day, moods.get(day)) if first <= day <= last else None)
        weeks.append(tuple(week))
        start += timedelta(days=7)
    return weeks


# --------------------------------------------------------------------------- everything


def compute_all(snapshot: Snapshot, today: date) -> Report:
    """Every metric as of ``today``, from one layout of the records by day."""
    tl = _Timeline(snapshot, today)
    the_streak = streak(snapshot.checkins, today, snapshot.rest_days)
    found = _setbacks(tl, snapshot.rounds)
    rebounds = [s.rebound_days for s in found if s.rebound_days is not None]
    bounces = [s.bounce_back_days for s in found if s.bounce_back_days is not None]
    t = tl.today_index
    return Report(
        today=today,
        streak=the_streak,
        momentum=_momentum(tl),
        setbacks=found,
        rebound_by_stage=rebound_by_stage(found),
        rebound_trend=rebound_trend(found),
        median_rebound_days=_median(rebounds),
        median_bounce_back_days=_median(bounces),
        score=_score(tl, found, the_streak.today_done),
        growth=growth(snapshot.rounds, today),
        insights=Insights(dips=_dips(found), habits=_habits(snapshot.rounds, today)),
        mood_30=tuple(tl.mood[i] if i >= 0 else None for i in range(t - MOOD_SERIES_DAYS + 1, t + 1)),
    )
