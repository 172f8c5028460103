"""``settings --action-tag NAME`` / ``--no-action-tag NAME``: the person's own tags that count as actions."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from click.testing import CliRunner, Result

from rebound_tui.cli.context import Env
from rebound_tui.cli.main import cli
from rebound_tui.core.models import CheckIn, Settings
from rebound_tui.storage.edits import update_settings
from rebound_tui.storage.store import Store

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def _run(data: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, list(args), obj=Env(data_dir=str(data), clock=lambda: NOW))


def test_add_and_remove_action_tags(tmp_path: Path) -> None:
    """Tags are cleaned like check-in tags, kept in the order added, shown, and removed by name."""
    result = _run(tmp_path, "settings", "--action-tag", "Job  Application", "--action-tag", "coding practice")
    assert result.exit_code == 0, result.output
    assert Store(tmp_path).settings().action_tags == ("job application", "coding practice")
    assert (
        "tags that count as job-search actions: applied, interviewed, networked, practiced, " in result.stdout
    )
    assert "job application, coding practice" in result.stdout
    result = _run(tmp_path, "settings", "--no-action-tag", "job application")
    assert result.exit_code == 0, result.output
    assert Store(tmp_path).settings().action_tags == ("coding practice",)


def test_removing_a_tag_that_is_not_there_says_so_and_writes_nothing(tmp_path: Path) -> None:
    """One line, exit 2; a built-in tag cannot be removed."""
    assert _run(tmp_path, "settings", "--action-tag", "coding practice").exit_code == 0
    before = (tmp_path / "rebound.json").read_bytes()
    for name in ("job application", "applied"):
        result = _run(tmp_path, "settings", "--no-action-tag", name)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.output
        assert repr(name) in result.stderr
    assert (tmp_path / "rebound.json").read_bytes() == before


def test_a_bad_tag_is_refused_with_one_line(tmp_path: Path) -> None:
    result = _run(tmp_path, "settings", "--action-tag", "a, b")
    assert result.exit_code == 2 and "commas" in result.stderr
    assert not (tmp_path / "rebound.json").exists()


def test_adding_keeps_tags_and_settings_saved_meanwhile(tmp_path: Path) -> None:
    """The change is made inside the lock on the tags as they are: another process's tag stays."""
    Store(tmp_path, clock=lambda: NOW).save_settings(Settings(action_tags=("networking event",)))
    update_settings(Store(tmp_path, clock=lambda: NOW), weekly_target=5)
    assert _run(tmp_path, "settings", "--action-tag", "coding practice").exit_code == 0
    saved = Store(tmp_path).settings()
    assert saved.action_tags == ("networking event", "coding practice") and saved.weekly_target == 5


def test_stats_counts_an_own_tag(tmp_path: Path) -> None:
    """A check-in tagged 'coding practice' is one action this week once the tag counts."""
    Store(tmp_path, clock=lambda: NOW).add(CheckIn.new(4, activities=["coding practice"], now=NOW))
    before = json.loads(_run(tmp_path, "stats", "--json").stdout)["momentum"]["this_week_actions"]
    assert _run(tmp_path, "settings", "--action-tag", "coding practice").exit_code == 0
    after = json.loads(_run(tmp_path, "stats", "--json").stdout)["momentum"]["this_week_actions"]
    assert (before, after) == (0, 1)
