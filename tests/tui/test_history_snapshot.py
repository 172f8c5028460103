"""An SVG snapshot of History at 80x24: four months of seeded check-ins and rounds, frozen clock.

Update after an intended visual change with
``pytest tests/tui/test_history_snapshot.py --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp

AppFactory = Callable[[], ReboundApp]
Compare = Callable[..., bool]


async def settle(pilot: Any) -> None:
    """Let the background load that follows the first paint finish, so the picture is stable."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_history_seeded(snap_compare: Compare, app_factory: AppFactory, seeded: Store) -> None:
    """History: filters, the newest entries by day, the selected one in full, the summary."""
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=settle, press=["h"])
