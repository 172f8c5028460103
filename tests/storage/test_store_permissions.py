"""Tests that the data folder is 0700 and every file the store makes is 0600, whatever the umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rebound_tui.core.models import CheckIn
from rebound_tui.storage.doctor import diagnose
from rebound_tui.storage.store import Store

DAY_ONE = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture(params=[0o000, 0o022, 0o002, 0o077], ids=lambda m: f"umask{m:03o}")
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run the test under a given umask and put the old one back afterwards."""
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def _save_on_two_days(data_dir: Path) -> Store:
    """Two saves on two days: makes the file, the lock, the backup folder and a backup."""
    now = [DAY_ONE]
    store = Store(data_dir, clock=lambda: now[0])
    for moment in (DAY_ONE, DAY_ONE + timedelta(days=1)):
        now[0] = moment
        store.add(CheckIn.new(4, now=moment))
    return store


def test_modes_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    """Folder and backup folder 0700; data, lock and backup files 0600."""
    store = _save_on_two_days(tmp_path / "fresh" / "rebound-tui")
    assert _mode(store.data_dir) == 0o700
    assert _mode(store.backup_dir) == 0o700
    assert _mode(store.path) == 0o600
    assert _mode(store.lock_path) == 0o600
    backups = store.backups()
    assert len(backups) == 1
    assert _mode(backups[0]) == 0o600


def test_loose_files_are_tightened_but_folders_made_elsewhere_are_left_alone(
    tmp_path: Path, umask: int
) -> None:
    """Files made 0644 elsewhere (by hand, or stock TinyDB) end up 0600; folders rebound-tui did not
    make keep their mode (a ``--data-dir`` may be the person's own folder), and ``doctor`` names them."""
    data_dir = tmp_path / "loose"
    data_dir.mkdir()
    os.chmod(data_dir, 0o755)
    (data_dir / "rebound.json").write_text("{}")
    os.chmod(data_dir / "rebound.json", 0o644)
    (data_dir / "rebound.lock").write_text("")
    os.chmod(data_dir / "rebound.lock", 0o666)
    (data_dir / "backups").mkdir()
    os.chmod(data_dir / "backups", 0o777)

    store = Store(data_dir)
    store.add(CheckIn.new(3))
    assert _mode(data_dir) == 0o755
    assert _mode(data_dir / "backups") == 0o777
    loose = {c.name for c in diagnose(store) if not c.ok}
    assert loose == {"data folder", "backup folder"}
    assert _mode(store.path) == 0o600
    assert _mode(store.lock_path) == 0o600
    assert all(_mode(p) == 0o600 for p in store.backups())


def test_modes_from_the_command_line_under_umask_000(tmp_path: Path) -> None:
    """The real console path (a fresh process started with umask 000) also makes 0700/0600."""
    data_dir = tmp_path / "cli"
    script = textwrap.dedent(
        f"""
        import os
        os.umask(0)
        from rebound_tui.cli import main as cli
        code = cli.cli.main(["--data-dir", {str(data_dir)!r}, "interview", "add", "-c", "Acme", "-r", "SRE",
                             "-s", "applied"], standalone_mode=False)
        raise SystemExit(code)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert _mode(data_dir) == 0o700
    assert _mode(data_dir / "rebound.json") == 0o600
    assert _mode(data_dir / "rebound.lock") == 0o600
    assert _mode(data_dir / "backups") == 0o700
