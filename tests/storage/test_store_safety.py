"""The files around the store: the lock under ``forget``, ``doctor --restore``, the known-good mark,
the order of backups, folders the person made, and the write path's flush/fsync calls.

Each test names the failure it guards against; each failed on the code before the fix.
"""

from __future__ import annotations

import json
import os
import stat
import threading
import time
import zlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rebound_tui.core.models import CheckIn, Settings
from rebound_tui.storage import doctor, files
from rebound_tui.storage.doctor import diagnose, restore_newest
from rebound_tui.storage.store import CorruptStoreError, Store, StoreError
from tests.storage.clock_support import START, Clock


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def _save_on_days(store: Store, clock: Clock, days: list[datetime]) -> None:
    """One check-in saved on each of these days (each first save of a day writes a backup)."""
    for day in days:
        clock.now = day
        store.add(CheckIn.new(3, now=day))


# --------------------------------------------------------------------------- the lock and forget


def test_a_waiter_on_a_removed_lock_file_does_not_share_the_lock(store: Store) -> None:
    """``forget`` unlinks the lock while B waits on it: B must not hold it at the same time as C,
    who opened the new lock file (before the fix both did, and saves were lost)."""
    events: list[str] = []
    waiting = threading.Event()

    def hold(name: str, started: threading.Event | None = None) -> None:
        other = Store(store.data_dir, lock_timeout=5)
        if started:
            started.set()
        with other.locked():
            events.append(f"{name} in")
            time.sleep(0.2)
            events.append(f"{name} out")

    with store.locked():
        waiter = threading.Thread(target=hold, args=("B", waiting))
        waiter.start()
        waiting.wait()
        time.sleep(0.1)  # B is polling flock on the old lock file
        store.lock_path.unlink()  # what forget does, last, while holding the lock
    hold("C")
    waiter.join()
    assert events in (["B in", "B out", "C in", "C out"], ["C in", "C out", "B in", "B out"])


def test_a_save_waiting_on_forget_makes_its_folders_again(store: Store) -> None:
    """A check-in that waited for ``forget`` saves into fresh folders (before: a traceback, backups/ gone)."""
    store.add(CheckIn.new(3))
    result: list[BaseException | None] = []

    def save() -> None:
        try:
            Store(store.data_dir, lock_timeout=5).add(CheckIn.new(4, note="after forget"))
            result.append(None)
        except BaseException as exc:  # reported below
            result.append(exc)

    with store.locked():
        saver = threading.Thread(target=save)
        saver.start()
        time.sleep(0.1)
        files.clean_temp_files(())  # nothing; the forget below is what matters
        store.path.unlink()
        store.backup_dir.rmdir()
        store.lock_path.unlink()
    saver.join()
    assert result == [None]
    assert [c.note for c in Store(store.data_dir).snapshot().checkins] == ["after forget"]
    assert store.backup_dir.is_dir()


def test_forget_removes_every_file_it_made_and_none_of_the_persons(store: Store, clock: Clock) -> None:
    """A restore's aside copy and the known-good mark go; a file of the person's own named like a backup
    stays (before: the aside copy of the journal was left behind and the person's file deleted)."""
    _save_on_days(store, clock, [START, START + timedelta(days=1)])
    store.path.write_bytes(b"{broken")
    restore_newest(store)
    (aside,) = store.data_dir.glob("rebound.json.before-restore-*")
    mine = store.backup_dir / "rebound-2020-01-01.json"
    mine.write_text("my own notes, not a store")
    own = store.own_files()
    removed = store.forget_everything()
    assert set(removed) == set(own) - {store.backup_dir}  # backups/ stays: it holds the person's file
    assert {aside, store.good_mark, store.path, store.lock_path} <= set(removed)
    assert mine.read_text() == "my own notes, not a store"
    assert not aside.exists() and not store.path.exists() and not store.lock_path.exists()
    assert [p.name for p in store.backup_dir.iterdir()] == [mine.name]


def test_rotation_never_removes_a_file_that_is_not_a_backup(store: Store, clock: Clock) -> None:
    """Pruning old backups spares the person's own file with a backup-like name, and symlinks."""
    store.backup_dir.mkdir(parents=True)
    mine = store.backup_dir / "rebound-2001-01-01.json"
    mine.write_text("a letter I keep here")
    _save_on_days(store, clock, [START + timedelta(days=i) for i in range(10)])
    assert mine.read_text() == "a letter I keep here"
    assert len([p for p in store.backups() if p != mine]) == 7


# --------------------------------------------------------------------------- doctor --restore


def test_restore_interrupted_before_the_write_leaves_the_old_file_in_place(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash between keeping the damaged file aside and writing the backup leaves the data path
    filled (before: the file was renamed aside first, leaving no data file at all)."""
    _save_on_days(store, clock, [START, START + timedelta(days=1)])
    store.path.write_bytes(b"{damaged")
    real = files.atomic_write

    def crash_on_data(target: Path, payload: bytes, **kwargs: bool) -> None:
        if target == store.path:
            raise KeyboardInterrupt("killed here")
        real(target, payload, **kwargs)

    monkeypatch.setattr(files, "atomic_write", crash_on_data)
    with pytest.raises(KeyboardInterrupt):
        restore_newest(store)
    assert store.path.read_bytes() == b"{damaged"
    monkeypatch.setattr(files, "atomic_write", real)
    restore_newest(store)
    assert len(Store(store.data_dir).snapshot().checkins) == 1


def test_backups_written_after_a_restore_sort_above_those_before(store: Store, clock: Clock) -> None:
    """The restored file's save counter is raised above every backup's, so later backups are newest."""
    _save_on_days(store, clock, [START + timedelta(days=i) for i in range(4)])
    store.path.write_bytes(b"{damaged")
    restore_newest(store)
    _save_on_days(store, clock, [START + timedelta(days=5)])
    assert store.backups()[0].name == "rebound-2026-11-25.json"


# --------------------------------------------------------------------------- known good


def _with_invalid_mood(path: Path) -> bytes:
    raw = json.loads(path.read_bytes())
    key = next(iter(raw["checkins"]))
    raw["checkins"][key]["mood"] = 44
    payload = json.dumps(raw).encode()
    path.write_bytes(payload)
    return payload


def test_a_quick_save_refuses_a_file_with_one_invalid_value(store: Store, clock: Clock) -> None:
    """``"mood": 44`` in a file the last save did not leave: the next save refuses in one line and
    writes no backup of it (before: quick check-ins kept rewriting it and backing it up daily)."""
    _save_on_days(store, clock, [START])
    damaged = _with_invalid_mood(store.path)
    clock.now = START + timedelta(days=1)
    with pytest.raises(CorruptStoreError) as caught:
        store.add(CheckIn.new(4, now=clock.now))
    message = str(caught.value)
    assert "\n" not in message and "mood" in message and "left untouched" in message
    assert store.path.read_bytes() == damaged
    assert [p.name for p in store.backups()] == []


def test_the_mark_names_the_file_the_last_save_left(store: Store, clock: Clock) -> None:
    """After a save the mark matches the file; after any other change of the file it does not."""
    store.add(CheckIn.new(3))
    st = os.stat(store.path)
    words = store.good_mark.read_text().split()
    assert words[:4] == [str(v) for v in files.signature(st)]
    payload = store.path.read_bytes()
    assert words[4] == f"crc32={zlib.crc32(payload)}"
    start, end = (int(n) for n in words[5].removeprefix("checkins=").split(","))
    assert json.loads(payload[start + len('"checkins":') : end + 1]) == json.loads(payload)["checkins"]
    assert _mode(store.good_mark) == 0o600
    _with_invalid_mood(store.path)
    with pytest.raises(CorruptStoreError):
        store.add(CheckIn.new(3))


def test_nan_is_refused_when_read_and_never_written(store: Store) -> None:
    """NaN is not JSON: a file holding it (here in a field no record reads) reads as damaged, and a
    save never writes one (before: it loaded, and every save wrote the NaN back)."""
    store.add(CheckIn.new(3))
    raw = json.loads(store.path.read_bytes())
    key = next(iter(raw["checkins"]))
    raw["checkins"][key]["written_by_another_tool"] = float("nan")
    store.path.write_text(json.dumps(raw))
    with pytest.raises(CorruptStoreError, match="NaN"):
        Store(store.data_dir).snapshot()
    with pytest.raises(CorruptStoreError):
        store.add(CheckIn.new(3))


def test_newest_good_backup_is_one_that_fully_loads(store: Store, clock: Clock) -> None:
    """A backup that parses but holds an invalid record is not "good" (before: it was named)."""
    _save_on_days(store, clock, [START, START + timedelta(days=1), START + timedelta(days=2)])
    newest = store.backups()[0]
    _with_invalid_mood(newest)
    good = store.newest_good_backup()
    assert good is not None and good != newest
    store.path.write_bytes(b"{broken")
    with pytest.raises(CorruptStoreError, match=f"newest good backup: {good}"):
        Store(store.data_dir).snapshot()


def test_a_save_checks_the_records_it_writes(store: Store) -> None:
    """A record that would not load is never written (a settings value out of range here)."""
    store.add(CheckIn.new(3))
    before = store.path.read_bytes()
    with pytest.raises(StoreError, match="nothing was written"), store.transaction() as txn:
        txn.put_settings(Settings())
        txn.raw()["settings"]["user"]["weekly_target"] = "many"
    assert store.path.read_bytes() == before


# --------------------------------------------------------------------------- order of backups


def test_a_backup_made_with_the_clock_in_2099_is_not_taken_as_newest(store: Store, clock: Clock) -> None:
    """Order by the save counter, not the name: one save in 2099 does not pin that backup, doctor says
    so, and ``--restore`` takes the real newest (before: it rolled back to the 2099 one)."""
    _save_on_days(store, clock, [START, datetime(2099, 1, 1, tzinfo=UTC)])
    _save_on_days(store, clock, [START + timedelta(days=i) for i in range(1, 4)])
    names = [p.name for p in store.backups()]
    assert names[0] == "rebound-2026-11-23.json"
    assert "rebound-2099-01-01.json" in names[1:]
    notes = [c.detail for c in diagnose(store) if c.name == "backup"]
    assert any("rebound-2099-01-01.json" in n and "still to come" in n for n in notes)
    store.path.write_bytes(b"{broken")
    assert "rebound-2026-11-23.json" in restore_newest(store)


def test_backups_carry_the_save_counter_in_their_first_bytes(store: Store, clock: Clock) -> None:
    """The counter is ``_meta.writes.count``, a document old code reads past, first in the file."""
    _save_on_days(store, clock, [START, START + timedelta(days=1)])
    head = store.path.read_bytes()[:80]
    assert head.startswith(b'{"_meta":{"schema":{"version":2},"writes":{"count":2}}')
    assert (
        store.backups()[0].read_bytes().startswith(b'{"_meta":{"schema":{"version":2},"writes":{"count":1}}')
    )


# --------------------------------------------------------------------------- folders


def test_the_first_save_into_an_existing_folder_keeps_its_mode(tmp_path: Path, clock: Clock) -> None:
    """``--data-dir`` pointing at the person's own folder: its mode stays (before: chmod 0700)."""
    own = tmp_path / "mine"
    own.mkdir()
    os.chmod(own, 0o751)
    Store(own, clock=clock).add(CheckIn.new(3))
    assert _mode(own) == 0o751
    assert _mode(own / "backups") == 0o700  # made by rebound-tui


def test_doctor_only_looks(store: Store) -> None:
    """Checking creates no folder and no file (before: the lock probe made backups/)."""
    store.add(CheckIn.new(3))
    store.backup_dir.rmdir()
    before = sorted(p.name for p in store.data_dir.rglob("*"))
    checks = diagnose(store)
    assert sorted(p.name for p in store.data_dir.rglob("*")) == before
    assert any(c.name == "lock" and c.ok for c in checks)


# --------------------------------------------------------------------------- the write path's calls


def _spy(monkeypatch: pytest.MonkeyPatch, name: str, calls: list[str]) -> None:
    real: Callable[..., object] = getattr(os, name)

    def spy(*args: object, **kwargs: object) -> object:
        calls.append(name)
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, spy)


def test_a_save_fsyncs_the_file_before_the_rename_and_the_folder_after(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill -9 test cannot see a missing fsync (the page cache survives it); a spy on the calls can."""
    store.add(CheckIn.new(3))
    calls: list[str] = []
    for name in ("fsync", "replace"):
        _spy(monkeypatch, name, calls)
    files.atomic_write(store.path, b"{}")
    assert calls == ["fsync", "replace", "fsync"]


def test_a_save_is_durable_and_its_mark_costs_no_fsync(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save of the day (no backup due): the data file's fsync, rename, the folder's fsync, then
    the known-good mark, a hint renamed into place with no fsync (the quick check-in pays nothing)."""
    store.add(CheckIn.new(3))
    store.add(CheckIn.new(3))  # the day's backup is written here
    calls: list[str] = []
    for name in ("fsync", "replace"):
        _spy(monkeypatch, name, calls)
    store.add(CheckIn.new(4))
    assert calls == ["fsync", "replace", "fsync", "replace"]


def test_keep_aside_falls_back_to_a_copy_without_hard_links(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system without hard links the damaged file is copied aside instead, 0600."""
    store.add(CheckIn.new(3))

    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    aside = store.data_dir / "rebound.json.before-restore-20261120T090000"
    doctor.keep_aside(store.path, aside)
    assert aside.read_bytes() == store.path.read_bytes()
    assert _mode(aside) == 0o600
