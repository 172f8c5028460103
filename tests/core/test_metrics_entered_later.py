"""The same history, entered in any order and at any later time, gives the very same figures.

A history is drawn (applications with their own day, their rounds, check-ins
with action tags, pauses, settings with the person's own action tags); then the
same events are "typed in" later (a backfill weeks after, an import years
after: every ``created`` and ``updated`` moved forward by its own delay) and in
another order. ``stats --json`` (every figure) and the words the screens show
(patterns, the rebound table, the funnel, the score card) must not change.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from rebound_tui.cli.stats_view import stats_json
from rebound_tui.core.metrics import compute_all, score_trend
from rebound_tui.core.models import Application, CheckIn, Outcome, RestDay, Round, Settings, Snapshot, Stage
from rebound_tui.core.patterns import funnel_rows, pattern_lines, rebound_rows, rebound_summary
from rebound_tui.core.wording import score_words

BASE = date(2027, 3, 1)  # a Monday
SPAN = 70
TZ = timezone(timedelta(hours=-5))
T = TypeVar("T")

ids = st.uuids(version=4).map(str)
offsets = st.integers(0, SPAN - 1)
TAGS = ["applied", "interviewed", "practiced", "networked", "rested", "job application", "coding practice"]


def at(offset: int, hour: int = 10) -> datetime:
    return datetime.combine(BASE + timedelta(days=offset), time(hour), TZ)


@st.composite
def histories(draw: st.DrawFn) -> Snapshot:
    apps: list[Application] = []
    rounds: list[Round] = []
    for _ in range(draw(st.integers(0, 6))):
        app_id = draw(ids)
        first = draw(offsets)
        stages = draw(st.lists(st.sampled_from(list(Stage)), max_size=4))
        dated = draw(st.booleans()) or not stages  # without a date of its own, its rounds date it
        apps.append(
            Application(
                id=app_id,
                created=at(first),
                updated=at(first),
                company="Acme",
                role="Dev",
                applied_on=(BASE + timedelta(days=first)) if dated else None,
            )
        )
        for k, stage in enumerate(stages):
            moment = at(min(first + 3 * k, SPAN - 1), 14)
            rounds.append(
                Round(
                    id=draw(ids),
                    created=moment,
                    updated=moment,
                    application_id=app_id,
                    when=moment,
                    stage=stage,
                    outcome=draw(st.sampled_from(list(Outcome))),
                    ratings=draw(
                        st.dictionaries(st.sampled_from(["confidence", "examples"]), st.integers(1, 5))
                    ),
                )
            )
    checkins = []
    for _ in range(draw(st.integers(0, 50))):
        moment = at(draw(offsets), draw(st.integers(6, 22)))
        checkins.append(
            CheckIn(
                id=draw(ids),
                created=moment,
                updated=moment,
                timestamp=moment,
                mood=draw(st.integers(1, 5)),
                activities=tuple(draw(st.lists(st.sampled_from(TAGS), max_size=3, unique=True))),
            )
        )
    rests = []
    for _ in range(draw(st.integers(0, 2))):
        start = BASE + timedelta(days=draw(offsets))
        rests.append(
            RestDay(
                id=draw(ids),
                created=at(0),
                updated=at(0),
                start=start,
                end=start + timedelta(days=draw(st.integers(0, 6))),
            )
        )
    own = tuple(draw(st.lists(st.sampled_from(["job application", "coding practice"]), unique=True)))
    return Snapshot(
        checkins=tuple(checkins),
        applications=tuple(apps),
        rounds=tuple(rounds),
        rest_days=tuple(rests),
        settings=Settings(weekly_target=draw(st.integers(1, 5)), action_tags=own),
    )


def _later(record: Any, rng: random.Random) -> Any:
    typed = record.created + timedelta(days=rng.randint(0, 800), minutes=rng.randint(0, 1440))
    return replace(record, created=typed, updated=typed + timedelta(minutes=rng.randint(0, 60)))


def _shuffled(items: tuple[T, ...], rng: random.Random) -> tuple[T, ...]:
    out = list(items)
    rng.shuffle(out)
    return tuple(out)


def entered_later(history: Snapshot, rng: random.Random) -> Snapshot:
    """The same events typed in later, each at its own moment, and listed in another order."""
    return replace(
        history,
        checkins=_shuffled(tuple(_later(c, rng) for c in history.checkins), rng),
        applications=_shuffled(tuple(_later(a, rng) for a in history.applications), rng),
        rounds=_shuffled(tuple(_later(r, rng) for r in history.rounds), rng),
        rest_days=_shuffled(tuple(_later(r, rng) for r in history.rest_days), rng),
    )


def figures(snapshot: Snapshot, today: date) -> dict[str, Any]:
    report = compute_all(snapshot, today)
    return {
        "stats": stats_json(snapshot, today),
        "patterns": pattern_lines(report),
        "rebound": (rebound_summary(report) if report.setbacks else "", rebound_rows(report)),
        "funnel": funnel_rows(report.funnel),
        "score card": score_words(score_trend(report.score)),
    }


@settings(max_examples=120, deadline=None)
@given(histories(), st.integers(0, SPAN + 30), st.randoms(use_true_random=False))
def test_same_history_entered_later_in_any_order_gives_the_same_figures(
    history: Snapshot, day: int, rng: random.Random
) -> None:
    today = BASE + timedelta(days=day)
    assert figures(entered_later(history, rng), today) == figures(history, today)
