"""Resilience metrics: pure functions from model objects to numbers.

Streak, weekly momentum, bounce-back and rebound times after setbacks, the
resilience score, growth of self-ratings and insights, one module each:

* :mod:`.days`: the day layout every figure reads (moods, actions, rest days by day);
* :mod:`.momentum`: the check-in streak and weekly momentum;
* :mod:`.setbacks`: bounce-back, rebound and the rebound trend;
* :mod:`.score`: the resilience score;
* :mod:`.growth`: growth of self-ratings and the insights (dips, habits);
* :mod:`.moods`: the 30-day mood series and the year-in-pixels grid;
* :mod:`.funnel`: how far applications got (only the stages logged).

Import the names from here (``from rebound_tui.core.metrics import compute_all``);
the modules are the seams, this package is the interface. Nothing here imports
Textual, TinyDB or Rich, and nothing reads the clock: ``today`` is always
passed in, so the same records and the same day always give the same numbers.

Conventions used throughout (docs/metrics.md says the same in plain words):

* A check-in belongs to the user's local date: :attr:`CheckIn.day`, the date
  in the UTC offset stored with it. A day's mood is the mean of its check-ins.
* Records dated after ``today`` are left out: every figure is "as of today".
* A rest day is any date covered by a :class:`RestDay`. It is *passed over*:
  a rest day without a check-in neither extends nor breaks a streak or a run
  of weeks. A check-in made on a rest day still counts: showing up counts.
* Every event counts on the day it happened, never the day it was typed in.
  A job-search action is an application (on its ``applied_on``, else its
  first round's day, else the day it was typed in; its 'applied' round is the
  same event), an interview round (its ``day``) or a check-in tag that counts
  as an action (the built-in four, :data:`JOB_SEARCH_ACTIVITIES`, and
  ``settings.action_tags``), once per tag and day. The 'applied' and
  'interviewed' tags add nothing on a day with a logged application or round:
  the tag and the record are the same action, not two.
* A setback is a round whose outcome is rejected or ghosted, dated by the
  round's ``day`` (the log holds no separate date for the news).

:func:`compute_all` lays the records out by day once and derives every
figure from that; the single-metric functions build the same layout for the
records they are given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rebound_tui.core.metrics.days import (
    BASELINE_DAYS,
    MIN_BASELINE_DAYS,
    MOOD_SERIES_DAYS,
    ROLLING_DAYS,
    DayLayout,
)
from rebound_tui.core.metrics.funnel import FunnelStage, funnel
from rebound_tui.core.metrics.growth import (
    GROWTH_CHANGE,
    GROWTH_WINDOW,
    HABIT_RATING,
    Growth,
    GrowthDirection,
    HabitInsight,
    Insights,
    StageDip,
    growth,
    habit_insights,
    habit_summary,
    insights,
    stage_dips,
)
from rebound_tui.core.metrics.momentum import (
    Momentum,
    job_search_actions,
    momentum,
    momentum_of,
    streak,
    week_target,
)
from rebound_tui.core.metrics.moods import GridCell, mood_series, year_grid, year_moods
from rebound_tui.core.metrics.score import (
    ACTED_WINDOW,
    SCORE_FREQUENCY,
    SCORE_MULTIPLIER,
    SETBACK_WEIGHT_DAYS,
    Score,
    ScoreTrend,
    resilience_score,
    score_of,
    score_trend,
    smooth,
)
from rebound_tui.core.metrics.setbacks import (
    DIP_DAYS,
    TREND_LAST,
    TREND_MIN,
    TREND_SLOPE,
    ReboundState,
    Setback,
    StageRebound,
    Trend,
    TrendDirection,
    find_setbacks,
    median_of,
    rebound_by_stage,
    rebound_trend,
    setbacks,
)
from rebound_tui.core.models import Snapshot
from rebound_tui.core.streaks import Streak

__all__ = [
    "ACTED_WINDOW",
    "BASELINE_DAYS",
    "DIP_DAYS",
    "GROWTH_CHANGE",
    "GROWTH_WINDOW",
    "HABIT_RATING",
    "MIN_BASELINE_DAYS",
    "MOOD_SERIES_DAYS",
    "ROLLING_DAYS",
    "SCORE_FREQUENCY",
    "SCORE_MULTIPLIER",
    "SETBACK_WEIGHT_DAYS",
    "TREND_LAST",
    "TREND_MIN",
    "TREND_SLOPE",
    "FunnelStage",
    "GridCell",
    "Growth",
    "GrowthDirection",
    "HabitInsight",
    "Insights",
    "Momentum",
    "ReboundState",
    "Report",
    "Score",
    "ScoreTrend",
    "Setback",
    "StageDip",
    "StageRebound",
    "Streak",
    "Trend",
    "TrendDirection",
    "compute_all",
    "funnel",
    "growth",
    "habit_summary",
    "insights",
    "job_search_actions",
    "momentum",
    "mood_series",
    "rebound_by_stage",
    "rebound_trend",
    "resilience_score",
    "score_trend",
    "setbacks",
    "smooth",
    "streak",
    "week_target",
    "year_grid",
    "year_moods",
]


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
    funnel: tuple[FunnelStage, ...] = ()


def compute_all(snapshot: Snapshot, today: date) -> Report:
    """Every metric as of ``today``, from one layout of the records by day."""
    tl = DayLayout(snapshot, today)
    the_streak = streak(snapshot.checkins, today, snapshot.rest_days)
    found = find_setbacks(tl, snapshot.rounds)
    rebounds = [s.rebound_days for s in found if s.rebound_days is not None]
    bounces = [s.bounce_back_days for s in found if s.bounce_back_days is not None]
    t = tl.today_index
    return Report(
        today=today,
        streak=the_streak,
        momentum=momentum_of(tl),
        setbacks=found,
        rebound_by_stage=rebound_by_stage(found),
        rebound_trend=rebound_trend(found),
        median_rebound_days=median_of(rebounds),
        median_bounce_back_days=median_of(bounces),
        score=score_of(tl, found, the_streak.today_done),
        growth=growth(snapshot.rounds, today),
        insights=Insights(dips=stage_dips(found), habits=habit_insights(snapshot.rounds, today)),
        mood_30=tuple(tl.mood[i] if i >= 0 else None for i in range(t - MOOD_SERIES_DAYS + 1, t + 1)),
        funnel=funnel(snapshot, today),
    )
