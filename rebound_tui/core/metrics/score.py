"""The resilience score: a daily signal (checked in, acted, recovered) smoothed like Loop's habit strength."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rebound_tui.core.metrics.days import MOOD_SERIES_DAYS, DayLayout
from rebound_tui.core.metrics.setbacks import Setback, find_setbacks
from rebound_tui.core.models import Snapshot

SETBACK_WEIGHT_DAYS = 30
"""Longest a setback that is not yet recovered from keeps the score's 'recovered' part at 0."""
SCORE_FREQUENCY = 1.0
"""Check-ins asked for per day (Loop Habit Tracker's ``freq``)."""
SCORE_MULTIPLIER = 0.5 ** (math.sqrt(SCORE_FREQUENCY) / 13)
"""How much of yesterday's score carries into today (about 0.948: a half-life of 13 days)."""


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
    tl = DayLayout(snapshot, today)
    done = tl.mood[tl.today_index] is not None
    return score_of(tl, find_setbacks(tl, snapshot.rounds), done)
