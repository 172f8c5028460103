"""Today and Resilience for real histories: a few weeks backfilled in one sitting, ten years imported.

Both are typed in (``created``) on the frozen today, 2026-11-28, long after
most of what they record happened: every figure on these pictures must come
from when things happened (issue 13). Update after an intended visual change
with ``pytest tests/tui/test_snapshots_histories.py --snapshot-update``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest

from rebound_tui.core.models import Application, CheckIn, Outcome, Record, Round, Settings, Stage
from rebound_tui.core.sample_data import generate
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from tests.tui.conftest import NOW, TZ
from tests.tui.test_snapshots import settle

AppFactory = Callable[[], ReboundApp]
Compare = Callable[..., bool]


def backfill(store: Store) -> None:
    """Three weeks of check-ins, six applications and a rejection, all typed in today."""
    rng = random.Random(13)
    records: list[Record] = []
    for k in range(21, 0, -1):
        day = NOW.date() - timedelta(days=k)
        moment = datetime.combine(day, time(20), TZ)
        did = ("applied",) if k % 4 == 0 else ()
        records.append(replace(CheckIn.new(rng.randint(2, 5), timestamp=moment, activities=did, now=NOW)))
    companies = ("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay")
    for k, company in zip((20, 18, 15, 13, 9, 6), companies, strict=True):
        applied = NOW.date() - timedelta(days=k)
        app = Application.new(company, "Backend engineer", applied_on=applied, now=NOW)
        records.append(app)
        when = datetime.combine(applied, time(10), TZ)
        records.append(Round.new(app.id, Stage.APPLIED, when=when, now=NOW))
        if company == "Globex":
            later = when + timedelta(days=7)
            records.append(
                Round.new(app.id, Stage.PHONE_SCREEN, when=later, outcome=Outcome.REJECTED, now=NOW)
            )
    store.add_many(records)


def ten_years_imported(store: Store) -> None:
    """Ten years of a Daylio-like history: every record typed in today, its own tags as actions."""
    history = generate(days=3650, rounds=600, end=date(2026, 11, 27))
    rng = random.Random(5)
    checkins = [
        replace(
            c,
            created=NOW,
            updated=NOW,
            activities=("job application",) if rng.random() < 0.4 else c.activities,
        )
        for c in history.checkins
    ]
    apps = [replace(a, created=NOW, updated=NOW) for a in history.applications]
    rounds = [replace(r, created=NOW, updated=NOW) for r in history.rounds]
    store.add_many([*checkins, *apps, *rounds])
    store.save_settings(Settings(action_tags=("job application",)))


HISTORIES = {"backfilled": backfill, "ten_years": ten_years_imported}


@pytest.mark.parametrize("history", sorted(HISTORIES))
def test_today(snap_compare: Compare, app_factory: AppFactory, store: Store, history: str) -> None:
    HISTORIES[history](store)
    assert snap_compare(app_factory(), terminal_size=(100, 30), run_before=settle)


@pytest.mark.parametrize("history", sorted(HISTORIES))
def test_resilience(snap_compare: Compare, app_factory: AppFactory, store: Store, history: str) -> None:
    HISTORIES[history](store)

    async def scroll(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()

    assert snap_compare(app_factory(), terminal_size=(100, 60), run_before=scroll)
