"""The TUI and the command line agree: the same filter picks the same check-ins.

Both read one store, then the History screen is driven with Pilot and
``rebound-tui checkin list --json`` runs in-process with the same filter.
The filter and its date grammar live in rebound_tui.core.timeline, so these
tests would catch either side going its own way again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import DataTable, Input, Select

from rebound_tui.cli.main import Env, cli
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.screens.history import PAGE, HistoryScreen
from tests.tui.conftest import frozen, seed

AppFactory = Callable[[], ReboundApp]

FILTERS: list[tuple[str, str, str, str]] = [
    # (search, mood band, tags, dates)
    ("", "any", "", ""),
    ("walk", "any", "", ""),
    ("", "low", "", "last 30 days"),
    ("", "good", "ed", ""),
    ("", "any", "applied", "Nov"),
    ("", "okay", "calm, exercised", ""),
    ("e", "okay", "", "since Oct 15"),
    ("", "any", "", "Oct 1 to Oct 31"),
    ("", "any", "tired", "before Nov 1"),
]


def _cli_ids(data_dir: Path, search: str, mood: str, tags: str, dates: str) -> list[str]:
    args = ["checkin", "list", "--json", "--mood", mood]
    args += ["--search", search] if search else []
    args += ["--tag", tags] if tags else []
    args += ["--dates", dates] if dates else []
    result = CliRunner().invoke(cli, args, obj=Env(data_dir=str(data_dir), clock=frozen))
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return [record["id"] for record in json.loads(result.stdout)]


@pytest.fixture
def journal(store: Store) -> Store:
    """Two months of sample check-ins and rounds: under one page of History, so every row is drawn."""
    seed(store, days=60, rounds=12)
    snapshot = store.snapshot()
    assert len(snapshot.checkins) + len(snapshot.rounds) < PAGE
    return store


async def test_history_and_checkin_list_pick_the_same_checkins(
    app_factory: AppFactory, journal: Store, data_dir: Path
) -> None:
    """For each filter, History shows the check-ins `checkin list --json` prints, in the same order."""
    checkin_ids = {c.id for c in journal.snapshot().checkins}
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one("#timeline", DataTable)
        picked_any: set[int] = set()
        for search, mood, tags, dates in FILTERS:
            screen.query_one("#history-search", Input).value = search
            screen.query_one("#history-mood", Select).value = mood
            screen.query_one("#history-tag", Input).value = tags
            screen.query_one("#history-dates", Input).value = dates
            await pilot.pause()
            shown = [str(row.key.value) for row in table.ordered_rows]
            in_tui = [key for key in shown if key in checkin_ids]
            assert in_tui == _cli_ids(data_dir, search, mood, tags, dates), (search, mood, tags, dates)
            picked_any.add(len(in_tui))
        assert 0 not in picked_any and len(picked_any) > 5, (
            "each filter picks some check-ins, and different ones"
        )
