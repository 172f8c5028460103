"""Fixtures for Pilot and snapshot tests: a frozen clock and a store in tmp_path."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from rebound_tui.core.models import Record
from rebound_tui.core.sample_data import generate
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp, make_app

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 28, 10, 30, tzinfo=TZ)


def frozen() -> datetime:
    return NOW


@pytest.fixture(autouse=True)
def _give_back_parked_objects() -> Iterator[None]:
    """The app parks what is alive out of the collector's way (ReboundApp.tidy_memory): undo it."""
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def _no_animations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Store:
    return Store(data_dir, clock=frozen)


def seed(store: Store, days: int = 120, rounds: int = 30) -> None:
    snap = generate(days=days, rounds=rounds, end=date(2026, 11, 27))
    records: list[Record] = [*snap.checkins, *snap.applications, *snap.rounds, *snap.rest_days]
    store.add_many(records)


@pytest.fixture
def seeded(store: Store) -> Store:
    seed(store)
    return store


@pytest.fixture
def app_factory(data_dir: Path) -> Callable[[], ReboundApp]:
    def build() -> ReboundApp:
        app = make_app(data_dir, clock=frozen)
        assert isinstance(app, ReboundApp)
        return app

    return build
