"""``interview add --date`` gives a new application the round's day, so it counts once, on that day."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.storage.interop_support import FIXED, invoke, store_at


def test_a_past_applied_round_counts_once_on_its_day_not_today(tmp_path: Path) -> None:
    """Typed in on Fri 27 Nov 2026, dated Mon 16 Nov: applied_on is 16 Nov; stats counts 1 action
    that week and 0 this week."""
    added = invoke(
        tmp_path, "interview", "add", "-c", "Acme", "-r", "Dev", "-s", "applied", "--date", "2026-11-16"
    )
    assert added.exit_code == 0, added.output
    (app,) = store_at(tmp_path).snapshot().applications
    assert app.applied_on == date(2026, 11, 16) and app.created == FIXED
    stats = json.loads(invoke(tmp_path, "stats", "--json").stdout)
    assert stats["momentum"]["this_week_actions"] == 0


def test_a_later_round_keeps_the_application_s_first_day(tmp_path: Path) -> None:
    """A second round for the same open application does not move its day."""
    for when, stage in (("2026-11-02", "applied"), ("2026-11-20", "technical")):
        result = invoke(tmp_path, "interview", "add", "-c", "Acme", "-r", "Dev", "-s", stage, "--date", when)
        assert result.exit_code == 0, result.output
    (app,) = store_at(tmp_path).snapshot().applications
    assert app.applied_on == date(2026, 11, 2)
