"""`pause add|list|delete` and `settings`: planned breaks and preferences from the command line."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from click.testing import CliRunner, Result

from rebound_tui.cli.context import Env
from rebound_tui.cli.main import cli
from rebound_tui.core.models import CheckIn
from rebound_tui.storage.store import Store

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def _run(tmp_path: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, list(args), obj=Env(data_dir=str(tmp_path), clock=lambda: NOW))


def test_a_pause_keeps_the_streak(tmp_path: Path) -> None:
    """Days in a pause neither count nor break the streak: 2 days, a 2-day pause, today = 3 in a row."""
    store = Store(tmp_path, clock=lambda: NOW)
    store.add_many([CheckIn.new(4, timestamp=NOW - timedelta(days=d), now=NOW) for d in (0, 3, 4)])
    assert "1-day check-in streak" in _run(tmp_path, "status").stdout
    added = _run(tmp_path, "pause", "add", "2 days ago", "yesterday", "--note", "family")
    assert added.exit_code == 0, added.output
    assert "2026-11-26 to 2026-11-27 (2 days)" in added.stdout
    assert "3-day check-in streak" in _run(tmp_path, "status").stdout


def test_pause_list_and_delete_by_prefix(tmp_path: Path) -> None:
    """A pause is listed with its id and deleted by a unique prefix of it."""
    assert _run(tmp_path, "pause", "add", "tomorrow").exit_code == 0
    listed = _run(tmp_path, "pause", "list")
    prefix = listed.stdout.split()[0]
    assert "2026-11-29" in listed.stdout
    deleted = _run(tmp_path, "pause", "delete", prefix[:6])
    assert deleted.exit_code == 0, deleted.output
    assert Store(tmp_path).snapshot().rest_days == ()
    assert "No pauses" in _run(tmp_path, "pause", "list").stdout


def test_a_pause_that_ends_before_it_starts_is_refused(tmp_path: Path) -> None:
    """One line, exit 2, nothing written."""
    result = _run(tmp_path, "pause", "add", "Dec 5", "Dec 1")
    assert result.exit_code == 2
    assert "cannot end" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "rebound.json").exists()


def test_settings_show_change_and_refuse(tmp_path: Path) -> None:
    """Settings change with options, persist, and bad values are refused without writing."""
    assert "weekly target: 3" in _run(tmp_path, "settings").stdout
    changed = _run(tmp_path, "settings", "--weekly-target", "5", "--first-day", "Sunday")
    assert changed.exit_code == 0, changed.output
    saved = Store(tmp_path).snapshot().settings
    assert (saved.weekly_target, saved.first_day_of_week) == (5, 6)
    before = (tmp_path / "rebound.json").read_bytes()
    for args in (("--weekly-target", "0"), ("--first-day", "someday"), ("--theme", "neon")):
        refused = _run(tmp_path, "settings", *args)
        assert refused.exit_code == 2, args
        assert len(refused.stderr.strip().splitlines()) == 1
    assert (tmp_path / "rebound.json").read_bytes() == before


def test_quiet_days_and_the_reframe_prompt_from_the_command_line(tmp_path: Path) -> None:
    """`settings --quiet-days 21 --no-reframe-prompt` saves both (shown, and read back by the store);
    a number out of range is one line, a non-zero exit, and changes nothing."""
    shown = _run(tmp_path, "settings")
    assert "quiet days before an application is offered to let go: 14" in shown.stdout
    assert "kinder-words prompt in reflections: on" in shown.stdout
    changed = _run(tmp_path, "settings", "--quiet-days", "21", "--no-reframe-prompt")
    assert changed.exit_code == 0, changed.output
    assert "quiet days before an application is offered to let go: 21" in changed.stdout
    assert "kinder-words prompt in reflections: off" in changed.stdout
    saved = Store(tmp_path).settings()
    assert (saved.quiet_days, saved.reframe_prompt) == (21, False)
    refused = _run(tmp_path, "settings", "--quiet-days", "0", "--reframe-prompt")
    assert refused.exit_code != 0
    assert refused.output.count("\n") == 1 and "quiet days" in refused.output
    again = Store(tmp_path).settings()
    assert (again.quiet_days, again.reframe_prompt) == (21, False)
