"""Showing up: the check-in streak and weekly momentum (weeks in a row meeting the action target)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rebound_tui.core.metrics.days import DayLayout, actions_by_day, week_start
from rebound_tui.core.models import CheckIn, RestDay, Snapshot
from rebound_tui.core.streaks import Streak, streak_from_days


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


def week_target(target: int, rest_days: int, days: int = 7) -> int:
    """What a stretch of ``days`` days asks for: the weekly ``target`` times its days that are
    not rest days, divided by 7, rounded up (a week of rest asks for nothing)."""
    return -(-target * (days - rest_days) // 7)


def momentum_of(tl: DayLayout) -> Momentum:
    """Momentum from a day layout already built (see :func:`momentum`)."""
    target = tl.settings.weekly_target
    fdow = tl.settings.first_day_of_week
    this_week = week_start(tl.origin + tl.today_index, fdow) - tl.origin
    run = longest = 0
    actions = rest = asked = 0
    met = False
    for week in range(week_start(tl.first_ordinal, fdow) - tl.origin, this_week + 1, 7):
        actions = sum(tl.actions[week : week + 7])
        rest = sum(tl.rest[week : week + 7])
        # Rest days lower the week's target in proportion; a week of rest asks for nothing.
        asked = week_target(target, rest)
        met = asked > 0 and actions >= asked
        if met:
            run += 1
            longest = max(longest, run)
        elif asked > 0 and week != this_week:
            run = 0
    return Momentum(
        weeks=run,
        longest=longest,
        this_week_actions=actions,
        this_week_target=asked,
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
    return momentum_of(DayLayout(snapshot, today))


def job_search_actions(snapshot: Snapshot, today: date) -> dict[date, int]:
    """Job-search actions per day, for days up to ``today`` that have any."""
    actions = actions_by_day(snapshot, today.toordinal())
    return {date.fromordinal(ordinal): count for ordinal, count in sorted(actions.items())}
