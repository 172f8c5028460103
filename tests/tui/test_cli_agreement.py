"""The TUI and the command line agree: the same filter picks the same check-ins, a figure reads the same.

Both read one store; the screens are driven with Pilot and the commands run
in-process. The filter and its date grammar live in rebound_tui.core.timeline
and the words for figures in rebound_tui.core.wording, so these tests catch
either side going its own way again.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console
from textual.widgets import DataTable, Input, Static

from rebound_tui.cli.main import Env, cli
from rebound_tui.cli.stats_view import render_stats
from rebound_tui.core.metrics import compute_all
from rebound_tui.core.models import Application, CheckIn, Outcome, Round, Stage
from rebound_tui.core.wording import mood_change
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.screens import history
from rebound_tui.tui.screens.history import HistoryScreen
from rebound_tui.tui.screens.resilience import ResilienceScreen
from rebound_tui.tui.widgets.choice import Choice
from tests.tui.conftest import NOW, TZ, frozen, seed

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
def journal(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    """Two months of sample check-ins and rounds in one page of History, so every row is drawn."""
    seed(store, days=60, rounds=12)
    snapshot = store.snapshot()
    monkeypatch.setattr(history, "PAGE", 100)
    assert len(snapshot.checkins) + len(snapshot.rounds) < history.PAGE
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
            screen.query_one("#history-mood", Choice).value = mood
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


# --------------------------------------------------------------------------- the mood after a setback


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), TZ)


def _higher_after_a_no(store: Store) -> None:
    """A technical round rejected on 16 Nov, with a mood of 3 every day but two 4s in the week after.

    The baseline (2-15 Nov) is 3.0; the week from the no (16-22 Nov) averages
    23/7 = 3.29, so the mood was 0.3 higher than before: the dip is -0.29.
    """
    days = [date(2026, 11, 2) + timedelta(days=n) for n in range(26)]  # 2-27 Nov
    fours = {date(2026, 11, 18), date(2026, 11, 22)}
    checkins = [CheckIn.new(4 if d in fours else 3, timestamp=_at(d), now=_at(d)) for d in days]
    acme = Application.new("Acme Cloud", "SRE", now=_at(date(2026, 11, 1)))
    no = Round.new(
        acme.id, Stage.TECHNICAL, when=_at(date(2026, 11, 16), 14), outcome=Outcome.REJECTED, now=NOW
    )
    store.add_many([*checkins, acme, no])


async def test_the_mood_after_a_setback_reads_the_same_in_the_app_and_in_stats(
    app_factory: AppFactory, store: Store
) -> None:
    """One dataset: Resilience and `stats` both say the mood was '0.3 higher than before', never 'dipped'."""
    _higher_after_a_no(store)
    report = compute_all(store.snapshot(), NOW.date())
    (dip,) = report.insights.dips
    assert abs(dip.mean_dip - (3 - 23 / 7)) < 1e-9
    words = mood_change(dip.mean_dip)
    assert words == "0.3 higher than before"

    console = Console(record=True, width=120, file=io.StringIO())
    render_stats(store.snapshot(), NOW.date(), console)
    in_stats = console.export_text()

    app = app_factory()
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ResilienceScreen)
        in_app = str(screen.query_one("#insights", Static).render())

    for shown in (in_stats, in_app):
        assert words in shown and "lower than before" not in shown and "dipped" not in shown
    line = "After 1 setback at the technical stage, your mood over the next week was 0.3 higher than before."
    assert line in in_app and line in " ".join(in_stats.split())
