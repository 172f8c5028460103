"""The app at 80x24 and 60x20 (issue 14, item 5 and the small-terminal snapshots).

The key bar keeps Help, Quit and the current mode at every width (the mode in
brackets, readable without colour) and shortens the rest in steps. Snapshots of
every mode at both sizes use long company and role names, and Today also with
NO_COLOR.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from rebound_tui.core.models import Application, CheckIn, Outcome, Round, Stage
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.widgets.keybar import Hint, KeyBar, fit
from tests.tui.conftest import NOW
from tests.tui.test_snapshots import settle

AppFactory = Callable[[], ReboundApp]
Compare = Callable[..., bool]
SIZES = [(80, 24), (60, 20)]
MODES = {"t": "Today", "i": "Interviews", "r": "Resilience", "h": "History", "p": "Tips"}


@pytest.fixture
def long_names(store: Store) -> Store:
    """Two applications with long names, rounds at several stages, a week of check-ins."""
    # Added weeks ago: their rounds decide the order (no ties, so it never depends on the random ids).
    added = NOW - timedelta(days=30)
    bank = Application.new(
        "Commonwealth Bank of Australia", "Senior Site Reliability Engineer, Platform", now=added
    )
    other = Application.new("Fernway", "Data Engineer", now=added)
    records: list[Any] = [bank, other]
    records += [
        Round.new(
            bank.id, Stage.PHONE_SCREEN, when=NOW - timedelta(days=12), outcome=Outcome.ADVANCED, now=NOW
        ),
        Round.new(bank.id, Stage.TECHNICAL, when=NOW - timedelta(days=5), now=NOW),
        Round.new(
            other.id, Stage.RECRUITER_SCREEN, when=NOW - timedelta(days=3), outcome=Outcome.REJECTED, now=NOW
        ),
    ]
    # Check-ins two hours before the rounds of the same day: no ties, so the order never depends on ids.
    records += [
        CheckIn.new(3 + d % 2, timestamp=NOW - timedelta(days=d, hours=2), now=NOW) for d in range(1, 8)
    ]
    store.add_many(records)
    return store


class TestKeyBarFits:
    HINTS = [
        Hint("a", "Add application"),
        Hint("n", "New round"),
        Hint("e", "Edit"),
        Hint("c", "Check in"),
        *(Hint(k, name, name.lower()) for k, name in MODES.items()),
    ]
    PINNED = [Hint("?", "Help"), Hint("q", "Quit")]

    @pytest.mark.parametrize("width", [200, 120, 80, 60, 40, 30])
    def test_help_quit_and_the_current_mode_always(self, width: int) -> None:
        shown = fit(self.HINTS, self.PINNED, "interviews", width)
        assert ("?", "Help", False) in shown and ("q", "Quit", False) in shown
        assert ("i", "Interviews", True) in shown

    def test_shortens_in_steps(self) -> None:
        wide = fit(self.HINTS, self.PINNED, "today", 200)
        assert ("a", "Add application", False) in wide and ("r", "Resilience", False) in wide
        narrow = fit(self.HINTS, self.PINNED, "today", 60)
        assert ("a", "Add", False) in narrow  # one word each, the other modes left to Help
        assert all(key not in {"i", "r", "h", "p"} for key, _, _ in narrow)


class TestEveryMode:
    @pytest.mark.parametrize("size", SIZES)
    async def test_the_bar_says_where_you_are(
        self, app_factory: AppFactory, long_names: Store, size: tuple[int, int]
    ) -> None:
        app = app_factory()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            for key, name in MODES.items():
                await pilot.press(key)
                await pilot.pause(0.1)
                bar = str(app.screen.query_one(KeyBar).render())
                assert f"[{key} {name}]" in bar, bar
                assert "? Help" in bar and "q Quit" in bar, bar
                assert len(bar.rstrip()) <= size[0]

    async def test_interviews_has_no_extra_hint_line(
        self, app_factory: AppFactory, long_names: Store
    ) -> None:
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("i")
            await pilot.pause(0.1)
            assert not app.screen.query_one("#interviews-empty").display


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "60x20"])
@pytest.mark.parametrize("key", list(MODES))
def test_snapshot(
    snap_compare: Compare, app_factory: AppFactory, long_names: Store, key: str, size: tuple[int, int]
) -> None:
    assert snap_compare(app_factory(), terminal_size=size, run_before=settle, press=[key])


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "60x20"])
def test_snapshot_no_color(
    snap_compare: Compare,
    app_factory: AppFactory,
    long_names: Store,
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without colour the current mode still reads: brackets and reverse video."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(app_factory(), terminal_size=size, run_before=settle, press=["i"])
