"""Growth of self-ratings across interviews, and the patterns: mood dips by stage, habits and advancing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from rebound_tui.core.metrics.days import DayLayout
from rebound_tui.core.metrics.setbacks import TREND_MIN, Setback, find_setbacks, least_squares_slope
from rebound_tui.core.models import RATING_DIMENSIONS, Outcome, Round, Snapshot, Stage
from rebound_tui.core.wording import MIN_SAMPLE, share_words

GROWTH_WINDOW = 5
"""Rounds in the rolling mean of a self-rating."""
GROWTH_CHANGE = 0.25
"""Rating points the fitted line must rise or fall, first round to last, to count as a change."""
HABIT_RATING = 4
"""A self-rating at or above this counts as the habit being there."""

GrowthDirection = Literal["rising", "steady", "dipping", "not-enough-data"]

_ADVANCED = frozenset({Outcome.ADVANCED, Outcome.OFFER})
_NOT_ADVANCED = frozenset({Outcome.REJECTED, Outcome.GHOSTED})


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
    summary: str = ""
    """:func:`habit_summary` (set by :func:`habit_insights`): empty under three decided rounds."""


@dataclass(frozen=True)
class Insights:
    """The patterns: mood dips after setbacks by stage, and each reflection habit against moving forward."""

    dips: tuple[StageDip, ...]
    habits: tuple[HabitInsight, ...]


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
        slope = least_squares_slope(values)
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


def habit_summary(habit: HabitInsight) -> str:
    """How rounds went with and without one habit, the one wording of it (TUI, ``stats`` and JSON).

    Empty under :data:`~rebound_tui.core.wording.MIN_SAMPLE` decided rounds: one or
    two rounds say nothing about a habit, least of all to someone just rejected.
    """
    if habit.with_rounds + habit.without_rounds < MIN_SAMPLE:
        return ""
    return (
        f"{habit.label[:1].upper()}{habit.label[1:]} rated {HABIT_RATING} or 5: "
        f"{_moved(habit.with_advanced, habit.with_rounds)}; rated lower: "
        f"{_moved(habit.without_advanced, habit.without_rounds)}."
    )


def _moved(part: int, whole: int) -> str:
    return "none yet" if whole == 0 else f"{share_words(part, whole)} moved forward"


def habit_insights(rounds: Iterable[Round], today: date) -> tuple[HabitInsight, ...]:
    """Per rating dimension: how often decided rounds moved forward with a rating of 4 or 5, and without."""
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
        habit = HabitInsight(
            dimension=dim,
            label=label,
            with_rounds=with_rounds,
            with_advanced=with_advanced,
            without_rounds=without_rounds,
            without_advanced=without_advanced,
            with_share=with_share,
            without_share=without_share,
        )
        result.append(replace(habit, summary=habit_summary(habit)))
    return tuple(result)


def stage_dips(found: Iterable[Setback]) -> tuple[StageDip, ...]:
    """The mean mood dip of the setbacks at each stage whose dip could be measured, in stage order."""
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
    tl = DayLayout(snapshot, today)
    return Insights(
        dips=stage_dips(find_setbacks(tl, snapshot.rounds)), habits=habit_insights(snapshot.rounds, today)
    )
