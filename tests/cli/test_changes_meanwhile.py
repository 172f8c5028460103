"""`settings` and `interview add` while another rebound-tui saves at the same moment (issue 12, item 3).

Each command used to read outside the lock and write what it read: a setting
changed in between was lost, and two adds for one company made two
applications. The interleaving tests put the other process's save exactly in
that gap; the process test runs real commands side by side.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from rebound_tui.cli.context import Env
from rebound_tui.cli.main import cli
from rebound_tui.core.models import Application, Round, Settings, Stage
from rebound_tui.storage.store import Store
from rebound_tui.storage.transaction import Transaction

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def _run(tmp_path: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, list(args), obj=Env(data_dir=str(tmp_path), clock=lambda: NOW))


@pytest.fixture
def meanwhile(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[], None]], None]:
    """Run ``change`` (another process's save) just before the command's first lock is taken."""

    def arrange(change: Callable[[], None]) -> None:
        original = Store.transaction
        pending = [change]

        @contextlib.contextmanager
        def transaction(self: Store) -> Iterator[Transaction]:
            if pending:
                pending.pop()()
            with original(self) as txn:
                yield txn

        monkeypatch.setattr(Store, "transaction", transaction)

    return arrange


def test_settings_keep_a_setting_changed_meanwhile(
    tmp_path: Path, meanwhile: Callable[[Callable[[], None]], None]
) -> None:
    """`settings --weekly-target 5` leaves the theme another process saved in between."""
    other = Store(tmp_path, clock=lambda: NOW)
    other.save_settings(Settings())
    meanwhile(lambda: Store(tmp_path, clock=lambda: NOW).save_settings(Settings(theme="rebound-light")))
    result = _run(tmp_path, "settings", "--weekly-target", "5")
    assert result.exit_code == 0, result.output
    saved = other.settings()
    assert (saved.weekly_target, saved.theme) == (5, "rebound-light")
    assert "theme: rebound-light" in result.stdout


def test_settings_with_no_change_write_nothing(tmp_path: Path) -> None:
    """Setting a value to what it already is leaves the file as it was."""
    assert _run(tmp_path, "settings", "--weekly-target", "4").exit_code == 0
    before = (tmp_path / "rebound.json").read_bytes()
    assert _run(tmp_path, "settings", "--weekly-target", "4").exit_code == 0
    assert (tmp_path / "rebound.json").read_bytes() == before


def test_interview_add_finds_an_application_added_meanwhile(
    tmp_path: Path, meanwhile: Callable[[Callable[[], None]], None]
) -> None:
    """An application for the company created by another process in between is used, not doubled."""
    Store(tmp_path, clock=lambda: NOW).add(Application.new("Other", "Role", now=NOW))

    def other_add() -> None:
        app = Application.new("Acme", "SRE", now=NOW)
        Store(tmp_path, clock=lambda: NOW).add_many([app, Round.new(app.id, Stage.PHONE_SCREEN, now=NOW)])

    meanwhile(other_add)
    result = _run(tmp_path, "interview", "add", "-c", "acme", "-r", "sre", "-s", "technical")
    assert result.exit_code == 0, result.output
    snap = Store(tmp_path).snapshot()
    assert sorted(a.company for a in snap.applications) == ["Acme", "Other"]
    assert len(snap.rounds) == 2 and len({r.application_id for r in snap.rounds}) == 1


def test_concurrent_commands_lose_nothing(tmp_path: Path) -> None:
    """Six real processes at once: three settings, three adds for one company; all kept, one application."""
    base = [str(Path(sys.executable).parent / "rebound-tui"), "--data-dir", str(tmp_path)]
    commands = [
        [*base, "settings", "--weekly-target", "9"],
        [*base, "settings", "--theme", "rebound-light"],
        [*base, "settings", "--first-day", "sunday"],
        *([*base, "interview", "add", "-c", "Acme", "-r", "SRE", "-s", "technical"] for _ in range(3)),
    ]
    running = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in commands]
    for proc in running:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode()
    snap = Store(tmp_path).snapshot()
    settings = snap.settings
    assert (settings.weekly_target, settings.theme, settings.first_day_of_week) == (9, "rebound-light", 6)
    assert len(snap.applications) == 1 and len(snap.rounds) == 3
