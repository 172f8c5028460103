"""Reflection is offered only for rounds that have happened (issue 13, item 6)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from rebound_tui.core.models import Application, Round, Snapshot, Stage
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.dialogs.forms import ReflectionForm
from tests.tui.conftest import NOW

AppFactory = Callable[[], ReboundApp]


def _rounds(store: Store) -> tuple[Round, Round]:
    app = Application.new("Acme", "SRE", now=NOW)
    past = Round.new(app.id, Stage.PHONE_SCREEN, when=NOW - timedelta(days=3), now=NOW)
    soon = Round.new(app.id, Stage.TECHNICAL, when=NOW + timedelta(days=2), now=NOW)
    store.add_many([app, past, soon])
    return past, soon


def test_the_last_round_by_a_moment_skips_rounds_still_to_come() -> None:
    app = Application.new("Acme", "SRE", now=NOW)
    past = Round.new(app.id, Stage.PHONE_SCREEN, when=NOW - timedelta(days=3), now=NOW)
    soon = Round.new(app.id, Stage.TECHNICAL, when=NOW + timedelta(days=2), now=NOW)
    snap = Snapshot(applications=(app,), rounds=(past, soon))
    assert snap.last_round_by(NOW) == past
    assert snap.last_round_by(NOW - timedelta(days=4)) is None
    assert snap.last_round_by(NOW + timedelta(days=2)) == soon


async def test_reflect_on_last_offers_the_round_that_happened(app_factory: AppFactory, store: Store) -> None:
    past, _soon = _rounds(store)
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.reflect_on_last()
        await pilot.pause()
        assert isinstance(app.screen, ReflectionForm)
        assert app.screen.round.id == past.id


async def test_a_round_still_to_come_is_not_offered(app_factory: AppFactory, store: Store) -> None:
    _past, soon = _rounds(store)
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.reflect(soon)
        await pilot.pause()
        assert not isinstance(app.screen, ReflectionForm)
        assert any("once it has happened" in str(n.message) for n in app._notifications)  # noqa: SLF001  (no public list of toasts)
