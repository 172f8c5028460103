"""kill -9 in the middle of the operations that rewrite more than one file: ``doctor --restore``,
``forget``, an import, and the first save of a day (backup, rotation, then the data file).

After every kill the data path must hold a file that loads, as it was before or after the operation
(``forget`` may also have removed it: that is its "after"), and the store must work on: the next
save succeeds and its lock is not stuck.

The operations run in forked children (everything is imported already, so a child starts in a
millisecond) and are killed after a random delay drawn over the operation's own duration, so the
kills land before, inside and after it.
"""

from __future__ import annotations

import os
import random
import signal
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rebound_tui.core.models import CheckIn
from rebound_tui.storage import files, interop
from rebound_tui.storage.doctor import restore_newest
from rebound_tui.storage.store import Store

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
KILLS = 40


def _timed(operation: Callable[[], object]) -> float:
    """Seconds one run of ``operation`` takes here (in a forked child, like the kills)."""
    begin = time.monotonic()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        try:
            operation()
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    return time.monotonic() - begin


def _kill_during(operation: Callable[[], object], within: float, rng: random.Random) -> bool:
    """Run ``operation`` in a child and SIGKILL it after a random delay; True if it was killed."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        try:
            operation()
        finally:
            os._exit(0)
    time.sleep(rng.uniform(0, within))
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status)


def _count(data_dir: Path) -> int | None:
    """Check-ins in the data file as a fresh Store loads it fully (None if there is no file)."""
    if not (data_dir / "rebound.json").exists():
        return None
    return len(Store(data_dir).snapshot().checkins)


def _seed(data_dir: Path, days: int, per_day: int = 40) -> Store:
    """A store with ``per_day`` check-ins saved on each of ``days`` days (one backup per day)."""
    clock_now = [START]
    store = Store(data_dir, clock=lambda: clock_now[0])
    for day in range(days):
        clock_now[0] = START + timedelta(days=day)
        store.add_many([CheckIn.new(3, now=clock_now[0], note=f"day {day} #{i}") for i in range(per_day)])
    return Store(data_dir, clock=lambda: clock_now[0])


def _still_works(data_dir: Path) -> None:
    """The next save succeeds promptly (the lock is free, the folders are there) and loads."""
    before = _count(data_dir) or 0
    Store(data_dir, lock_timeout=2).add(CheckIn.new(4, note="after the kill"))
    assert _count(data_dir) == before + 1


def test_kill_9_during_doctor_restore(tmp_path: Path) -> None:
    """At every kill the data path holds the damaged file or the restored one, never nothing."""
    data_dir = tmp_path / "data"
    store = _seed(data_dir, days=3)
    damaged = b'{"checkins": {"torn'
    restored_count = len(Store(data_dir).snapshot_of(store.backups()[0].read_bytes()).checkins)
    rng = random.Random(12)

    def damage() -> None:
        with store.locked():
            store.write_bytes(damaged)

    damage()
    within = 1.5 * _timed(lambda: restore_newest(Store(data_dir)))
    damage()
    killed = 0
    for _ in range(KILLS):
        killed += _kill_during(lambda: restore_newest(Store(data_dir)), within, rng)
        payload = store.path.read_bytes()  # FileNotFoundError here is the bug this guards against
        assert payload == damaged or _count(data_dir) == restored_count
        for aside in data_dir.glob("rebound.json.before-restore-*"):
            aside.unlink()
        damage()
    assert killed >= 1, "no kill landed before the restore ended"
    restore_newest(Store(data_dir))
    _still_works(data_dir)


def test_kill_9_during_forget(tmp_path: Path) -> None:
    """At every kill the data file is there and loads, or forget already removed it; nothing is stuck."""
    data_dir = tmp_path / "data"
    _seed(data_dir, days=3)
    full = _count(data_dir)
    rng = random.Random(13)
    within = 1.5 * _timed(lambda: Store(data_dir).forget_everything())
    _seed(data_dir, days=3)
    for _ in range(KILLS):
        _kill_during(lambda: Store(data_dir).forget_everything(), within, rng)
        assert _count(data_dir) in (full, None)
        Store(data_dir, lock_timeout=2).forget_everything()  # a second forget finishes the job
        assert Store(data_dir).own_files() == []
        _seed(data_dir, days=3)
    _still_works(data_dir)


def test_kill_9_during_an_import(tmp_path: Path) -> None:
    """An import is one save: after a kill the store holds all of it or none of it."""
    data_dir = tmp_path / "data"
    source = _seed(tmp_path / "source", days=5, per_day=100)
    export = tmp_path / "export.json"
    export.write_text(interop.export_json(source.snapshot()))
    _seed(data_dir, days=1)
    before = _count(data_dir)
    assert before is not None
    rng = random.Random(14)

    def run_import() -> None:
        store = Store(data_dir)
        interop.merge_into_store(store, interop.read_json(export))

    within = 1.5 * _timed(run_import)
    assert _count(data_dir) == before + 500
    seen = set()
    for _ in range(KILLS):
        forget = Store(data_dir)
        forget.forget_everything()
        _seed(data_dir, days=1)
        _kill_during(run_import, within, rng)
        count = _count(data_dir)
        assert count in (before, before + 500)
        seen.add(count)
    assert seen == {before, before + 500}, "kills should land both before and after the import's save"
    _still_works(data_dir)


def test_kill_9_during_the_first_save_of_a_day(tmp_path: Path) -> None:
    """Backup, rotation and the save: after a kill the data file loads with or without the new
    check-in, and the newest backup loads too."""
    data_dir = tmp_path / "data"
    _seed(data_dir, days=8, per_day=80)
    rng = random.Random(15)
    day = [START + timedelta(days=8)]

    def first_save_of_the_day() -> None:
        Store(data_dir, clock=lambda: day[0]).add(CheckIn.new(5, now=day[0], note="first of the day"))

    timed = []
    for extra in range(3):  # the middle of three: a child's start and fsyncs vary on a busy machine
        day[0] = START + timedelta(days=8 + extra)
        timed.append(_timed(first_save_of_the_day))
    within = 1.5 * sorted(timed)[1]
    torn = kills = 0
    # At least KILLS kills; on a loaded machine (a child's start and its fsyncs stretch and
    # shrink from one run to the next) more, until one has landed inside a write.
    while kills < KILLS or (torn == 0 and kills < 3 * KILLS):
        day[0] = START + timedelta(days=11 + kills)
        kills += 1
        before = _count(data_dir)
        assert before is not None
        _kill_during(first_save_of_the_day, within, rng)
        assert _count(data_dir) in (before, before + 1)
        torn += any(files.is_temp_file(p.name) for p in data_dir.rglob("*"))
        store = Store(data_dir, clock=lambda: day[0])
        newest = store.backups()[0]
        store.snapshot_of(newest.read_bytes())
    assert torn >= 1, f"none of {kills} kills landed inside a write (each save took ~{within / 1.5:.3f} s)"
    day[0] += timedelta(days=1)
    first_save_of_the_day()  # a save that runs to its end prunes what killed ones left
    assert len(Store(data_dir, clock=lambda: day[0]).backups()) == 7
