"""The resilience score: a daily signal (checked in, acted, recovered) smoothed like Loop's habit strength.

The rules, in plain words, are in docs/metrics.md ("Resilience score"). In short:
each day that is not a pause gets a value from 0 to 1 and the score moves towards
it by Loop Habit Tracker's smoothing (:func:`smooth`); 'acted' compares the last 14
days with twice the weekly target, as Loop widens the window of a weekly habit; a
day with nothing logged can lower the score but never raise it; a pause holds it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from typing import Literal

from rebound_tui.core.metrics.days import MOOD_SERIES_DAYS, DayLayout
from rebound_tui.core.metrics.setbacks import Setback, find_setbacks
from rebound_tui.core.models import Snapshot

SETBACK_WEIGHT_DAYS = 30
"""Longest a setback that is not yet recovered from keeps the score's 'recovered' part at 0."""
SCORE_FREQUENCY = 1.0
"""Check-ins asked for per day (Loop Habit Tracker's ``freq``)."""
SCORE_MULTIPLIER: float = 0.5 ** (math.sqrt(SCORE_FREQUENCY) / 13)
"""How much of yesterday's score carries into today (about 0.948: a half-life of 13 days)."""
ACTED_WINDOW = 14
"""Days the 'acted' part looks back over (today included), against twice the weekly target:
Loop doubles a weekly habit's window so targets met on different weekdays still count in full."""
TREND_DAYS = 7
"""The score's trend compares it with its value this many days before."""
TREND_POINTS = 1.0
"""Score points it must move over those days to be 'rising' or 'easing'."""

ScoreTrend = Literal["new", "rising", "steady", "easing"]


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


def smooth(previous: float, value: float) -> float:
    """One day of Loop's smoothing: ``previous × m + value × (1 − m)`` (Loop's ``Score.compute``)."""
    return previous * SCORE_MULTIPLIER + value * (1 - SCORE_MULTIPLIER)


def score_of(tl: DayLayout, found: Sequence[Setback], today_done: bool) -> Score:
    """The score from a day layout and its setbacks; ``today_done`` says whether today has a check-in yet."""
    mood, actions, rest, today = tl.mood, tl.actions, tl.rest, tl.today_index
    last = today if today_done else today - 1
    # Days on which some setback is still open (rolling mood below its baseline), as a difference array.
    open_change = [0] * (today + 2)
    for item in found:
        if item.baseline is None:
            continue
        start = tl.index(item.day)
        # Open until the day it was recovered from (found up to today), else past today; at most 30 days.
        stop = start + item.rebound_days if item.rebound_days is not None else today + 1
        stop = min(stop, start + SETBACK_WEIGHT_DAYS, today + 1)
        open_change[start] += 1  # recovered the same day: the two cancel out
        open_change[stop] -= 1
    asked = tl.settings.weekly_target / 7  # actions asked for per active day
    # Sums up to each index: the window ending at i is [i - 13, i], which the layout always holds
    # (index 0 is 14 days before the first day with data).
    acted_sum = [0, *accumulate(actions)]
    rest_sum = [0, *accumulate(rest)]
    score = 0.0
    days = 0
    history: list[float] = []
    parts: tuple[float, float, float] | None = None
    first = tl.first_index
    open_now = sum(open_change[:first])
    for i in range(first, last + 1):
        open_now += open_change[i]
        if not rest[i]:
            window_actions = acted_sum[i + 1] - acted_sum[i + 1 - ACTED_WINDOW]
            active = ACTED_WINDOW - (rest_sum[i + 1] - rest_sum[i + 1 - ACTED_WINDOW])  # >= 1: day i
            acted = min(1.0, window_actions / (asked * active))
            checked_in = 1.0 if mood[i] is not None else 0.0
            showed_up = bool(checked_in or actions[i])
            # Not being in a setback is nothing done: it counts only on a day you showed up.
            recovered = 0.0 if open_now or not showed_up else 1.0
            value = (checked_in + acted + recovered) / 3
            moved = smooth(score, value)
            # A day with nothing logged can lower the score but never raise it.
            score = moved if showed_up else min(score, moved)
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


def score_trend(score: Score) -> ScoreTrend:
    """'rising', 'steady' or 'easing': the score now against 7 days before; 'new' with one day or none."""
    recent = score.recent
    if len(recent) < 2:
        return "new"
    change = recent[-1] - recent[max(0, len(recent) - 1 - TREND_DAYS)]
    if change >= TREND_POINTS:
        return "rising"
    if change <= -TREND_POINTS:
        return "easing"
    return "steady"


def resilience_score(snapshot: Snapshot, today: date) -> Score:
    """The resilience score (0–100) as of ``today``; docs/metrics.md gives the daily value exactly."""
    tl = DayLayout(snapshot, today)
    done = tl.mood[tl.today_index] is not None
    return score_of(tl, find_setbacks(tl, snapshot.rounds), done)
