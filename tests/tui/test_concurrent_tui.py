"""The TUI open while another process edits, deletes and adds at the same time (issue 12).

The app is driven with Pilot: it adds check-ins from the dialog and saves edits
made in forms that opened before the other process moved (their copies are
stale). Another process, a real one, edits notes, deletes and adds meanwhile.
At the end every change is accounted for: nothing lost, nothing resurrected,
no record both present and deleted, and export -> import gives the same data.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from rebound_tui.core.models import CheckIn
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.dialogs.checkin import CheckinDialog
from rebound_tui.tui.screens.today import TodayScreen
from tests.tui.conftest import NOW

AppFactory = Callable[[], ReboundApp]

OTHER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from rebound_tui.core.models import CheckIn
    from rebound_tui.storage.store import Store

    store = Store(Path(sys.argv[1]))
    ids = sys.argv[2].split(",")
    for n, record_id in enumerate(ids):
        if n % 3 == 0:
            store.delete(CheckIn, record_id)
            print("deleted", record_id, flush=True)
        else:
            store.update(CheckIn, record_id, lambda c: c.touched(note="from the terminal"))
            print("noted", record_id, flush=True)
        new = CheckIn.new(2, note="added in the terminal")
        store.add(new)
        print("added", new.id, flush=True)
    """
)


async def _until(pilot: Pilot[None], done: Callable[[], bool], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.02)


async def test_tui_and_another_process_at_once(app_factory: AppFactory, store: Store, tmp_path: Path) -> None:
    """Edits, deletions and additions from both sides at once all end up on disk, and round-trip."""
    from click.testing import CliRunner

    from rebound_tui.cli.context import Env
    from rebound_tui.cli.main import cli

    originals = [CheckIn.new(3, note=f"day {n}", now=NOW) for n in range(12)]
    store.add_many(list(originals))
    ids = [c.id for c in originals]
    app = app_factory()
    added_here = 0
    async with app.run_test(size=(80, 24)) as pilot:
        stale = list(app.session.snapshot.checkins)  # the copies forms would have opened with
        other = subprocess.Popen(
            [sys.executable, "-c", OTHER, str(store.data_dir), ",".join(ids)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        edits = []
        for n, original in enumerate(sorted(stale, key=lambda c: ids.index(c.id))):
            edits.append(app.session.edit_checkin(original, original.touched(NOW, mood=5)))
            if n % 4 == 0:
                await pilot.press("c", "4", "enter")
                await _until(pilot, lambda: not isinstance(app.screen, CheckinDialog))
                added_here += 1
            await pilot.pause(0.01)
        out, err = other.communicate(timeout=60)
        assert other.returncode == 0, err
        await _until(pilot, lambda: isinstance(app.screen, TodayScreen))
    log = [line.split() for line in out.splitlines()]
    deleted = {rid for what, rid in log if what == "deleted"}
    noted = {rid for what, rid in log if what == "noted"}
    added_there = {rid for what, rid in log if what == "added"}

    snap = Store(store.data_dir).snapshot()
    present = {c.id: c for c in snap.checkins}
    tombstoned = {t.id for t in snap.tombstones}
    assert not set(present) & tombstoned  # nothing both present and deleted
    assert not deleted & set(present) and deleted <= tombstoned  # nothing resurrected
    for record_id in noted:  # the other side's note and this side's mood both kept
        assert present[record_id].note == "from the terminal"
        saved_here = [r for r in edits if r.record is not None and r.record.id == record_id]
        assert present[record_id].mood == (5 if saved_here else 3)
    for result in edits:  # each edit here was saved, or said the record had been deleted
        assert result.saved or result.deleted, result.problem
    for result in edits:  # a saved edit is on disk, unless the other side deleted the record after it
        if result.saved and result.record is not None:
            assert result.record.id in deleted or present[result.record.id].mood == 5
    assert added_there <= set(present)
    assert sum(1 for c in snap.checkins if c.note == "" and c.mood == 4) == added_here
    assert len(present) == len(ids) - len(deleted) + len(added_there) + added_here

    exported = tmp_path / "export.json"
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["export", "-o", str(exported)], obj=Env(data_dir=str(store.data_dir))).exit_code
        == 0
    )
    again = tmp_path / "again"
    result = runner.invoke(cli, ["import", str(exported)], obj=Env(data_dir=str(again)))
    assert result.exit_code == 0, result.output
    imported = Store(again).snapshot()
    assert {c.id: c for c in imported.checkins} == present
    assert {t.id for t in imported.tombstones} == tombstoned
