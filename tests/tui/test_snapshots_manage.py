"""SVG snapshots at 80x24 of managing applications: the quiet offer, the detail line, the dialogs.

Update after an intended visual change with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from textual.widgets import Input

from rebound_tui.core.models import Application, Outcome, Round, Stage
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from tests.tui.conftest import NOW, TZ
from tests.tui.test_snapshots import settle

AppFactory = Callable[[], ReboundApp]
Compare = Callable[..., bool]


@pytest.fixture
def few(store: Store) -> Store:
    """Acme (18 days without news), Beta (a technical on Tue 1 Dec), Gamma (a link and a contact)."""
    typed = NOW - timedelta(days=30)

    def at(day: date) -> datetime:
        return datetime(day.year, day.month, day.day, 10, 0, tzinfo=TZ)

    acme = Application.new("Acme", "Dev", applied_on=date(2026, 11, 2), now=typed)
    beta = Application.new(
        "Beta", "Ops", applied_on=date(2026, 11, 20), now=typed, note="Team of six, remote"
    )
    gamma = Application.new(
        "Gamma",
        "SRE",
        applied_on=date(2026, 11, 25),
        link="https://gamma.example/jobs/1",
        contact="Sam",
        now=NOW,
    )
    records: list[Any] = [
        acme,
        beta,
        gamma,
        Round.new(acme.id, Stage.APPLIED, when=at(date(2026, 11, 2)), outcome=Outcome.ADVANCED, now=typed),
        Round.new(acme.id, Stage.PHONE_SCREEN, when=at(date(2026, 11, 10)), now=typed),
        Round.new(beta.id, Stage.APPLIED, when=at(date(2026, 11, 20)), outcome=Outcome.ADVANCED, now=typed),
        Round.new(beta.id, Stage.TECHNICAL, when=at(date(2026, 12, 1)), now=typed),
    ]
    store.add_many(records)
    return store


def _then(*keys: str) -> Callable[[Any], Any]:
    """Settle, press ``keys``, wait for the saves, and let the toasts go (the picture must be stable)."""

    async def run(pilot: Any) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        pilot.app.clear_notifications()
        await pilot.pause()
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # a blinking cursor is drawn or not by the moment of the picture
        await pilot.pause()  # a dialog opened by the last key has its focus (and cursor) by now

    return run


def test_interviews_quiet_offer(snap_compare: Compare, app_factory: AppFactory, few: Store) -> None:
    """Opening Interviews offers Acme, kindly, with the keys g, u and k; Beta's next step under the list."""
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=_then("i"))


def test_interviews_detail(snap_compare: Compare, app_factory: AppFactory, few: Store) -> None:
    """The offer left be (k); Gamma selected: its contact and link under the list."""
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=_then("i", "k", "down"))


def test_delete_application_dialog(snap_compare: Compare, app_factory: AppFactory, few: Store) -> None:
    """d on Beta: the question names it and its rounds, y or n."""
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=_then("i", "k", "d"))


def test_interviews_archived(snap_compare: Compare, app_factory: AppFactory, few: Store) -> None:
    """x archives Beta, l lists the archived ones: only Beta, with the day it was archived."""
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=_then("i", "k", "x", "l"))


def test_application_form(snap_compare: Compare, app_factory: AppFactory, few: Store) -> None:
    """A new application: company and role, the day (today), where found, a note, a link, a contact."""
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=_then("i", "k", "a"))


def test_follow_up_form(snap_compare: Compare, app_factory: AppFactory, few: Store) -> None:
    """u on the quiet offer: a day to follow up, 'in 1 week' to start with."""
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=_then("i", "u"))
