"""The day layout every metric reads: moods, job-search actions and rest days by day index.

:class:`DayLayout` is built once per computation from a snapshot and a
``today``; the metrics modules read it instead of walking the records again.
The helpers count days by their ordinal (``date.toordinal()``), which is
cheaper than building a date for each of ten years of days.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from rebound_tui.core.models import CheckIn, Round, Snapshot, Stage, applied_day

BASELINE_DAYS = 14
"""Days before a setback whose mean mood is the level to get back to."""
MIN_BASELINE_DAYS = 7
"""Fewest days with a check-in in that window for a baseline; fewer is 'too little data'."""
ROLLING_DAYS = 3
"""Days in the rolling mood mean that is compared with the baseline."""
MOOD_SERIES_DAYS = 30
"""Days in the mood series (the sparkline on Today, the score's recent values)."""


def weekday(ordinal: int) -> int:
    """``date.fromordinal(ordinal).weekday()`` without building a date (day 1 was a Monday)."""
    return (ordinal + 6) % 7


def week_start(ordinal: int, first_day_of_week: int) -> int:
    """The ordinal of the first day of the week holding ``ordinal`` (weeks start on ``first_day_of_week``)."""
    return ordinal - (weekday(ordinal) - first_day_of_week) % 7


def day_moods(checkins: Iterable[CheckIn], until: int) -> dict[int, float]:
    """Mean mood by day ordinal, for days up to ``until``; sums of ints, so order never matters."""
    sums: dict[int, int] = defaultdict(int)
    counts: dict[int, int] = defaultdict(int)
    for checkin in checkins:
        ordinal = checkin.timestamp.date().toordinal()
        if ordinal <= until:
            sums[ordinal] += checkin.mood
            counts[ordinal] += 1
    return {ordinal: sums[ordinal] / counts[ordinal] for ordinal in sums}


def actions_by_day(snapshot: Snapshot, until: int, since: int = 0) -> dict[int, int]:
    """Job-search actions per day ordinal from ``since`` to ``until``, each event on the day it happened.

    An application counts on :func:`~rebound_tui.core.models.applied_day` (its own
    date; never the day it was typed in when it has one), once: its 'applied'
    round is the same event. Every other round counts on its day. Each action
    tag of a day's check-ins (the built-in four and ``settings.action_tags``)
    counts once that day; the 'applied' tag adds nothing on a day with a logged
    application, nor 'interviewed' on a day with a logged round (the same event).
    Days before ``since`` are left out as they are read: a week's review keeps
    nothing of ten years of other days (about 0.8 MiB at its peak).
    """
    applied: dict[int, int] = defaultdict(int)
    interviews: dict[int, int] = defaultdict(int)
    tags: dict[int, set[str]] = defaultdict(set)
    rounds_by_app: dict[str, list[Round]] = defaultdict(list)
    for rnd in snapshot.rounds:
        rounds_by_app[rnd.application_id].append(rnd)
        ordinal = rnd.when.date().toordinal()
        # An 'applied' round is the application itself: it counts with the application.
        if since <= ordinal <= until and rnd.stage is not Stage.APPLIED:
            interviews[ordinal] += 1
    for app in snapshot.applications:
        ordinal = applied_day(app, rounds_by_app.get(app.id, ())).toordinal()
        if since <= ordinal <= until:
            applied[ordinal] += 1
    wanted = snapshot.settings.job_search_tags
    for checkin in snapshot.checkins:
        found = wanted.intersection(checkin.activities)
        if found:
            ordinal = checkin.timestamp.date().toordinal()
            if since <= ordinal <= until:
                tags[ordinal].update(found)
    actions: dict[int, int] = {}
    for ordinal in applied.keys() | interviews.keys() | tags.keys():
        tagged = tags.get(ordinal, set())
        count = max(applied.get(ordinal, 0), "applied" in tagged)
        count += max(interviews.get(ordinal, 0), "interviewed" in tagged)
        count += len(tagged - {"applied", "interviewed"})
        if count:
            actions[ordinal] = count
    return actions


class DayLayout:
    """Moods, actions and rest days laid out by day index, built once per computation.

    Index 0 is ``BASELINE_DAYS`` before the first day with any data (or an earlier
    setback), so every baseline window fits; the last index is the end of today's week, so this
    week's rest days can lower its target. Only days up to today hold moods or
    actions.
    """

    def __init__(self, snapshot: Snapshot, today: date) -> None:
        self.settings = snapshot.settings
        t = today.toordinal()
        moods = day_moods(snapshot.checkins, t)
        actions = actions_by_day(snapshot, t)
        first = min(min(moods, default=t), min(actions, default=t))
        self.first_ordinal = first
        # A setback dated before any check-in or action (an 'applied' round whose application
        # says it was sent later) still needs its place: its index must never be negative.
        setback_days = (
            o for r in snapshot.rounds if r.outcome.is_setback and (o := r.when.date().toordinal()) <= t
        )
        self.origin = min(first, min(setback_days, default=first)) - BASELINE_DAYS
        end = week_start(t, snapshot.settings.first_day_of_week) + 6
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
        self._rolling: tuple[list[float], list[float]] | None = None

    def day(self, index: int) -> date:
        return date.fromordinal(self.origin + index)

    def index(self, day: date) -> int:
        return day.toordinal() - self.origin

    # Rolling means are only needed for rebound times, so they are built on first use.
    _BLOCK = 32

    def _build_rolling(self) -> tuple[list[float], list[float]]:
        """The 3-day rolling mood of each index up to today, and the best of each block of 32."""
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
        blocks = [max(rolling[k : k + block]) for k in range(0, len(rolling), block)]
        return rolling, blocks

    def first_recovered(self, start: int, threshold: float) -> int | None:
        """The first index >= ``start`` (up to today) whose 3-day rolling mood is >= ``threshold``.

        Whole blocks of 32 days whose best rolling mood is below the threshold
        are skipped, so a long stretch without recovery costs little.
        """
        if self._rolling is None:
            self._rolling = self._build_rolling()
        (rolling, blocks), block = self._rolling, self._BLOCK
        i, size = start, len(rolling)
        while i < size:
            if i % block == 0 and blocks[i // block] < threshold:
                i += block
                continue
            if rolling[i] >= threshold:
                return i
            i += 1
        return None
