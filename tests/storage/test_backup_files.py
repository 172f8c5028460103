"""Which files are backups (what pruning and ``forget`` may delete), their order, and ``forget``.

Split from test_write_path.py; written against the survivors of a mutation run
(docs/mutation.md): an ``and``/``or`` slip here would delete a person's own file.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rebound_tui.core.models import CheckIn
from rebound_tui.storage.documents import TABLES, dump, with_writes
from rebound_tui.storage.errors import StoreBusyError, UnsafePathError
from rebound_tui.storage.store import Store
from tests.storage.clock_support import START, Clock

# --------------------------------------------------------------------------- which files are backups


def _backup(store: Store, day: str, payload: bytes) -> Path:
    store.backup_dir.mkdir(parents=True, exist_ok=True)
    path = store.backup_dir / f"rebound-{day}.json"
    path.write_bytes(payload)
    return path


def _store_bytes(count: int | None) -> bytes:
    raw: dict[str, dict[str, dict[str, object]]] = {"_meta": {"schema": {"version": 1}}, "checkins": {}}
    if count is None:
        return json.dumps(raw).encode()
    return dump(with_writes(raw, count))  # type: ignore[arg-type]


def test_only_regular_files_named_and_shaped_like_backups_are_ours(store: Store) -> None:
    """Only a regular file named ``rebound-YYYY-MM-DD.json`` that holds a rebound-tui store is one
    ``forget`` and pruning may delete: a person's file with such a name, a symlink or a folder is not."""
    store.add(CheckIn.new(3, now=START))
    ours_new = _backup(store, "2026-11-01", _store_bytes(5))
    ours_old = _backup(store, "2026-11-02", _store_bytes(None))  # from before the save counter
    letter = _backup(store, "2026-11-03", b"Dear diary")
    not_tables = _backup(store, "2026-11-04", json.dumps({"checkins": {}, "letters": {}}).encode())
    a_list = _backup(store, "2026-11-05", b"[1, 2]")
    other_name = store.backup_dir / "rebound-2026-11-06.json.txt"
    other_name.write_bytes(_store_bytes(6))
    link = store.backup_dir / "rebound-2026-11-07.json"
    link.symlink_to(ours_new)
    folder = store.backup_dir / "rebound-2026-11-08.json"
    folder.mkdir()
    own = set(store.own_files())
    assert {ours_new, ours_old} <= own
    assert not {letter, not_tables, a_list, other_name, link, folder} & own
    # backups() lists regular files by their names (doctor names what it finds); what is ours decides deletion
    assert set(store.backups()) == {ours_new, ours_old, letter, not_tables, a_list}


def test_pruning_deletes_only_our_backups_beyond_the_kept_ones(tmp_path: Path, clock: Clock) -> None:
    """With 2 kept, older backups of ours go, the person's look-alike stays, and today's stays."""
    store = Store(tmp_path / "data", clock=clock, backups=2)
    letter = _backup(store, "2001-01-01", b"Dear diary")
    for day in range(4):
        clock.now = START + timedelta(days=day)
        store.add(CheckIn.new(3, now=clock.now))
    names = sorted(p.name for p in store.backup_dir.iterdir())
    assert names == [letter.name, "rebound-2026-11-22.json", "rebound-2026-11-23.json"]


def test_backups_are_ordered_by_save_counter_then_mtime(store: Store, clock: Clock) -> None:
    """Newest first by the save counter in the file; equal counters by mtime; no counter below any
    counter; a backup named after a day still to come last, whatever its counter."""
    late = _backup(store, "2026-11-01", _store_bytes(9))
    early = _backup(store, "2026-11-19", _store_bytes(3))
    same_a = _backup(store, "2026-11-10", _store_bytes(5))
    same_b = _backup(store, "2026-11-11", _store_bytes(5))
    old_style = _backup(store, "2026-11-18", _store_bytes(None))
    future = _backup(store, "2099-01-01", _store_bytes(100))
    os.utime(same_a, ns=(2_000_000_000_000_000_000, 2_000_000_000_000_000_000))
    os.utime(same_b, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    assert store.backups() == [late, same_a, same_b, early, old_style, future]
    # Equal counters, by mtime: set the times against the folder's own listing order, so
    # that an order which ignored mtime (a stable sort keeps the listing's order) shows.
    listed = [p for p in store.backup_dir.iterdir() if p in (same_a, same_b)]
    for n, path in enumerate(listed):
        os.utime(path, ns=(10**18 * (n + 1), 10**18 * (n + 1)))
    assert store.backups()[1:3] == listed[::-1]
    assert store.future_backups() == [future]
    assert store.backup_day(late) == datetime(2026, 11, 1).date()
    assert store.backup_day(store.backup_dir / "rebound-2026-13-45.json") is None
    assert store.backup_day(store.backup_dir / "notes.json") is None
    clock.now = datetime(2099, 1, 1, tzinfo=UTC)  # the day has come: it is the newest again
    assert store.backups()[0] == future
    assert store.future_backups() == []


def test_no_backup_folder_means_no_backups(store: Store) -> None:
    assert store.backups() == []
    assert store.newest_good_backup() is None


# --------------------------------------------------------------------------- forget


def test_forget_everything_removes_every_file_and_leaves_a_person_s_file(store: Store, clock: Clock) -> None:
    """Data, mark, temp files (in both folders), restore copies, backups, the folder and the lock go,
    and are listed; the person's own files and the data folder stay."""
    for day in range(2):
        clock.now = START + timedelta(days=day)
        store.add(CheckIn.new(3, now=clock.now))
    temp_top = store.data_dir / ".rebound.json.1-aa.tmp"
    temp_top.write_bytes(b"torn")
    temp_backup = store.backup_dir / ".rebound.json.2-bb.tmp"
    temp_backup.write_bytes(b"torn")
    aside = store.data_dir / "rebound.json.before-restore-20261120T090000"
    aside.write_bytes(store.path.read_bytes())
    aside_2 = store.data_dir / "rebound.json.before-restore-20261120T090000-2"
    aside_2.write_bytes(b"{}")
    not_aside = store.data_dir / "rebound.json.before-restore-yesterday"
    not_aside.write_bytes(b"mine")
    mine = store.data_dir / "my notes.txt"
    mine.write_bytes(b"mine")
    (backup,) = store.backup_dir.glob("rebound-*.json")

    removed = store.forget_everything()
    assert sorted(removed) == sorted(
        [
            store.path,
            store.good_mark,
            temp_top,
            aside,
            aside_2,
            temp_backup,
            backup,
            store.backup_dir,
            store.lock_path,
        ]
    )
    assert removed[-1] == store.lock_path  # the lock goes last
    assert sorted(p.name for p in store.data_dir.iterdir()) == sorted([not_aside.name, mine.name])
    assert not store.changed()  # nothing remembered from before
    assert store.snapshot().checkins == ()
    assert store.forget_everything() == []
    assert not store.lock_path.exists()  # forgetting nothing creates nothing


def test_forget_waits_for_the_lock(store: Store) -> None:
    """``forget`` takes the lock like a save: it never removes a file another process is writing."""
    store.add(CheckIn.new(3, now=START))
    impatient = Store(store.data_dir, lock_timeout=0.1)
    with store.locked(), pytest.raises(StoreBusyError):
        impatient.forget_everything()
    assert store.path.exists()


def test_forget_only_the_lock(tmp_path: Path) -> None:
    """A folder holding only the lock file (a store that never saved) is forgotten too."""
    store = Store(tmp_path / "data")
    with store.locked():
        pass
    store.backup_dir.rmdir()
    assert store.forget_everything() == [store.backup_dir, store.lock_path]  # locking made backups/ again
    assert list(store.data_dir.iterdir()) == []


def test_forget_a_data_file_copied_in_by_hand(store: Store) -> None:
    """A data file brought from another machine (no lock, no backups yet) is forgotten too."""
    payload = dump(with_writes({"_meta": {"schema": {"version": 1}}, "checkins": {}}, 3))
    store.data_dir.mkdir()
    store.path.write_bytes(payload)
    removed = store.forget_everything()
    assert store.path in removed and not store.path.exists()
    assert removed[-1] == store.lock_path and not store.lock_path.exists()


def test_forget_leaves_a_linked_backup_folder_alone(store: Store, tmp_path: Path) -> None:
    """backups/ as a symlink to a folder of the person's: nothing in it is listed or removed."""
    store.add(CheckIn.new(3, now=START))
    store.backup_dir.rmdir()
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    kept = theirs / "rebound-2026-01-01.json"
    kept.write_bytes(_store_bytes(4))
    store.backup_dir.symlink_to(theirs)
    assert not {kept, store.backup_dir} & set(store.own_files())
    with pytest.raises(UnsafePathError):
        store.forget_everything()
    assert kept.exists()
    assert store.path.exists()  # refused before anything was removed


def test_a_backup_from_before_the_counter_holding_every_table_is_ours(store: Store) -> None:
    """An old backup holding every table there is (and nothing else) counts as one of ours."""
    old = _backup(store, "2026-10-01", json.dumps({name: {} for name in TABLES}).encode())
    store.add(CheckIn.new(3, now=START))
    assert old in store.own_files()


def test_a_backup_that_cannot_be_read_sorts_last(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A backup whose file cannot be opened is never taken as the newest."""
    unreadable = _backup(store, "2026-11-19", _store_bytes(50))
    older = _backup(store, "2026-11-01", _store_bytes(1))
    oldest = _backup(store, "2026-10-01", _store_bytes(None))
    future = _backup(store, "2099-01-01", _store_bytes(0))
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == unreadable:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    assert store.backups() == [older, oldest, future, unreadable]


def test_one_backup_kept_is_one_backup(tmp_path: Path, clock: Clock) -> None:
    """``backups=1`` keeps the day's copy (only 0 turns backups off)."""
    store = Store(tmp_path / "data", clock=clock, backups=1)
    for day in range(3):
        clock.now = START + timedelta(days=day)
        store.add(CheckIn.new(3, now=clock.now))
    assert [p.name for p in store.backups()] == ["rebound-2026-11-22.json"]
