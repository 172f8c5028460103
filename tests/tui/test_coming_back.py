"""Coming back (issue 14, item 12): a welcome back after a gap of days, and a reflection postponed
with "Later" offered again on Today after a couple of days, gently, once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from textual.widgets import Label, Static

from rebound_tui.core.models import Application, CheckIn, Outcome, Round, Stage
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.dialogs.forms import ReflectionForm
from rebound_tui.tui.dialogs.message import SetbackDialog
from rebound_tui.tui.screens.today import TodayScreen
from tests.tui.conftest import NOW

AppFactory = Callable[[], ReboundApp]
TODAY = NOW.date()
LONG_ROLE = "Senior Site Reliability Engineer, Platform"
BANK = Application.new("Commonwealth Bank of Australia", LONG_ROLE, now=NOW)


def _text(widget: Static | Label) -> str:
    return str(widget.render())


async def _until(pilot: Any, done: Callable[[], object], seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if done():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


def _postponed(store: Store, days_ago: int) -> Round:
    rnd = Round.new(BANK.id, Stage.ONSITE, when=NOW - timedelta(days=3), outcome=Outcome.REJECTED, now=NOW)
    rnd = rnd.touched(NOW, reflect_later=TODAY - timedelta(days=days_ago))
    store.add_many([BANK, rnd])
    return rnd


class TestLater:
    async def test_later_notes_a_day_two_days_on(self, app_factory: AppFactory, store: Store) -> None:
        pending = Round.new(BANK.id, Stage.TECHNICAL, when=NOW, now=NOW)
        store.add_many([BANK, pending])
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await _until(pilot, lambda: app.data_ready)
            app.after_setback(pending.touched(NOW, outcome=Outcome.REJECTED))
            await pilot.pause()
            assert isinstance(app.screen, SetbackDialog)
            await pilot.press("l")
            await _until(pilot, lambda: store.snapshot().rounds[0].reflect_later is not None)
        assert store.snapshot().rounds[0].reflect_later == TODAY + timedelta(days=2)

    async def test_offered_again_once_when_due(self, app_factory: AppFactory, store: Store) -> None:
        rnd = _postponed(store, days_ago=0)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await _until(pilot, lambda: app.data_ready)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, TodayScreen)
            offer = screen.query_one("#reflect-offer", Static)
            assert offer.display and "onsite/final round at Commonwealth Bank" in _text(offer)
            assert "Press f to reflect" in _text(offer)
            await _until(pilot, lambda: store.snapshot().rounds[0].reflect_later is None)  # once
            await pilot.press("f")
            await pilot.pause()
            assert isinstance(app.screen, ReflectionForm) and app.screen.round.id == rnd.id
        again = app_factory()
        async with again.run_test(size=(80, 24)) as pilot:
            await _until(pilot, lambda: again.data_ready)
            await pilot.pause()
            assert not again.screen.query_one("#reflect-offer", Static).display

    async def test_not_before_its_day(self, app_factory: AppFactory, store: Store) -> None:
        _postponed(store, days_ago=-1)  # tomorrow
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await _until(pilot, lambda: app.data_ready)
            await pilot.pause()
            assert not app.screen.query_one("#reflect-offer", Static).display
        assert store.snapshot().rounds[0].reflect_later == TODAY + timedelta(days=1)


class TestWelcomeBack:
    async def test_after_a_gap_of_days(self, app_factory: AppFactory, store: Store) -> None:
        store.add_many([CheckIn.new(3, timestamp=NOW - timedelta(days=6), now=NOW)])
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await _until(pilot, lambda: app.data_ready)
            await pilot.pause()
            state = _text(app.screen.query_one("#checkin-state", Static))
            assert state.startswith("Welcome back. It has been 6 days")
            assert "What you kept" in _text(app.screen.query_one("#tip-title", Label))

    async def test_not_after_yesterday(self, app_factory: AppFactory, store: Store) -> None:
        store.add_many([CheckIn.new(3, timestamp=NOW - timedelta(days=1), now=NOW)])
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await _until(pilot, lambda: app.data_ready)
            await pilot.pause()
            assert "Welcome back" not in _text(app.screen.query_one("#checkin-state", Static))
