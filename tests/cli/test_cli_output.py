"""What `stats` and `interview` print: tables, JSON, and user text made safe for a terminal."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from click.testing import CliRunner

from rebound_tui.cli.context import Env
from rebound_tui.cli.main import cli
from rebound_tui.core.models import CheckIn
from rebound_tui.storage.store import Store

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def _store_with_three_days(tmp_path: Path) -> Store:
    store = Store(tmp_path, clock=lambda: NOW)
    store.add_many(
        [CheckIn.new(m, timestamp=NOW - timedelta(days=d), now=NOW) for d, m in ((0, 4), (1, 2), (2, 3))]
    )
    return store


def test_stats_json_has_the_streak(tmp_path: Path) -> None:
    """--json gives machine-readable figures that match the data: three days in a row."""
    _store_with_three_days(tmp_path)
    result = CliRunner().invoke(cli, ["stats", "--json"], obj=Env(data_dir=str(tmp_path), clock=lambda: NOW))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["streak"]["current"] == 3
    assert data["streak"]["today_done"] is True
    assert data["today"] == "2026-11-28"


def test_stats_tables_speak_warmly(tmp_path: Path) -> None:
    """The tables name the streak and never use shaming words."""
    _store_with_three_days(tmp_path)
    result = CliRunner().invoke(cli, ["stats"], obj=Env(data_dir=str(tmp_path), clock=lambda: NOW))
    assert result.exit_code == 0, result.output
    assert "3" in result.stdout and "Check-ins" in result.stdout
    for word in ("failed", "broken", "lost your streak"):
        assert word not in result.stdout.lower()


def test_interview_output_never_carries_escape_sequences(tmp_path: Path) -> None:
    """A company name holding terminal escapes is printed without them (no recolouring, no retitling)."""
    env = Env(data_dir=str(tmp_path), clock=lambda: NOW)
    hostile = "Evil\x1b[31mCo\x1b]0;pwned\x07"
    runner = CliRunner()
    added = runner.invoke(cli, ["interview", "add", "-c", hostile, "-r", "SRE", "-s", "applied"], obj=env)
    listed = runner.invoke(cli, ["interview", "list"], obj=env)
    assert added.exit_code == 0 and listed.exit_code == 0, added.output + listed.output
    for output in (added.stdout, listed.stdout):
        assert "\x1b" not in output and "\x07" not in output
        assert "Evil [31mCo ]0;pwned" in output
    assert Store(tmp_path).snapshot().applications[0].company == hostile
