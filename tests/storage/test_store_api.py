"""Tests for the Store's public API that its neighbours use instead of its internals.

``raw()`` for the quick one-line answers, ``transaction()`` and its
:class:`Transaction` for merges, ``locked()`` + ``write_bytes()`` and
``snapshot_of()`` for ``doctor``'s restore.
"""

from __future__ import annotations

import fcntl
import json
import os
import stat
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from rebound_tui.core.models import (
    SCHEMA_VERSION,
    Application,
    CheckIn,
    Round,
    Settings,
    Stage,
    Tombstone,
)
from rebound_tui.storage.store import CorruptStoreError, Store, StoreBusyError

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=TZ)
LEGACY_ID = "0b6f3c1e-5d7a-4f3e-9c1b-2a4d6e8f0a1b"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data", clock=lambda: NOW)


def _checkin(mood: int = 4, note: str = "") -> CheckIn:
    return CheckIn.new(mood, note=note, now=NOW)


def _on_disk(store: Store) -> dict[str, dict[str, dict[str, object]]]:
    data: dict[str, dict[str, dict[str, object]]] = json.loads(store.path.read_bytes())
    return data


# --------------------------------------------------------------------------- raw()


def test_raw_is_the_migrated_documents_without_writing(store: Store) -> None:
    """raw() gives the parsed documents, brought to the current schema in memory; the file is untouched."""
    store.data_dir.mkdir(mode=0o700)
    legacy = {"checkins": {LEGACY_ID: {"timestamp": "2026-11-01T08:00:00+01:00", "mood": 3}}}
    store.path.write_text(json.dumps(legacy))
    before = store.path.read_bytes()
    raw = store.raw()
    assert raw["checkins"][LEGACY_ID]["created"] == "2026-11-01T08:00:00+01:00"
    assert raw["_meta"]["schema"] == {"version": SCHEMA_VERSION}
    assert store.path.read_bytes() == before


def test_raw_is_read_again_only_when_the_file_changes(store: Store) -> None:
    """The same bytes give the same parsed object (cheap to poll); a save elsewhere gives the new data."""
    first = _checkin()
    store.add(first)
    assert store.raw() is store.raw()
    other = _checkin(mood=2)
    Store(store.data_dir).add(other)
    assert set(store.raw()["checkins"]) == {first.id, other.id}


def test_raw_of_an_unreadable_file_raises_like_snapshot(store: Store) -> None:
    """A broken file gives the same one-line CorruptStoreError through raw() as through snapshot()."""
    store.add(_checkin())
    store.path.write_bytes(b'{"checkins": [1]}')
    with pytest.raises(CorruptStoreError, match="not a set of records"):
        store.raw()


# --------------------------------------------------------------------------- transaction()


def test_transaction_reads_what_it_changes_and_writes_once(store: Store) -> None:
    """Inside a transaction reads see its own changes; the file changes only when the block ends."""
    kept, gone = _checkin(), _checkin(mood=1)
    store.add_many([kept, gone])
    before = store.path.read_bytes()
    late = _checkin(mood=5)
    with store.transaction() as txn:
        txn.insert([late])
        txn.remove(CheckIn.KIND, [gone.id])
        txn.put_tombstone(Tombstone(gone.id, CheckIn.KIND, NOW))
        assert {c.id for c in txn.snapshot().checkins} == {kept.id, late.id}
        assert txn.get(CheckIn, late.id[:8]) == late
        assert store.path.read_bytes() == before, "nothing is written before the block ends"
    disk = _on_disk(store)
    assert set(disk["checkins"]) == {kept.id, late.id}
    assert disk["tombstones"][gone.id]["kind"] == CheckIn.KIND


def test_transaction_without_changes_writes_nothing(store: Store) -> None:
    """Reading inside a transaction and changing nothing leaves the file's bytes and time alone."""
    store.add(_checkin())
    before = os.stat(store.path)
    with store.transaction() as txn:
        txn.snapshot()
        txn.remove(CheckIn.KIND, [])
        txn.insert([])
        txn.add_tombstones([])
    after = os.stat(store.path)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_transaction_insert_of_an_existing_id_writes_nothing(store: Store) -> None:
    """insert() is for new records: an id already there raises, and the whole transaction is dropped."""
    record = _checkin()
    store.add(record)
    before = store.path.read_bytes()
    with pytest.raises(ValueError, match="already exists"), store.transaction() as txn:
        txn.insert([_checkin(mood=2), record])
    assert store.path.read_bytes() == before


def test_transaction_tombstones_and_settings(store: Store) -> None:
    """Tombstones are added in bulk or one by one and dropped again; settings are saved as given."""
    app = Application.new("Acme", "SRE", now=NOW)
    rnd = Round.new(app.id, Stage.TECHNICAL, now=NOW)
    settings = Settings(weekly_target=4, updated=NOW - timedelta(days=3))
    with store.transaction() as txn:
        txn.add_tombstones([Tombstone(app.id, Application.KIND, NOW), Tombstone(rnd.id, Round.KIND, NOW)])
        txn.put_settings(settings)
    with store.transaction() as txn:
        txn.drop_tombstone(app.id)
        txn.drop_tombstone(rnd.id[:8])  # a prefix is not an id: nothing is dropped
    snap = Store(store.data_dir).snapshot()
    assert [t.id for t in snap.tombstones] == [rnd.id]
    assert snap.settings == settings


def test_a_transaction_cannot_change_anything_after_its_block(store: Store) -> None:
    """A Transaction kept past its ``with`` block refuses changes instead of losing them silently."""
    with store.transaction() as txn:
        pass
    with pytest.raises(RuntimeError, match="has ended"):
        txn.insert([_checkin()])
    with pytest.raises(RuntimeError, match="has ended"):
        txn.put_settings(Settings(weekly_target=9))
    assert Store(store.data_dir).snapshot().settings == Settings()


# --------------------------------------------------------------------------- locked() and write_bytes()


def test_write_bytes_needs_the_lock(store: Store) -> None:
    """write_bytes() outside locked() raises and writes nothing."""
    store.add(_checkin())
    before = store.path.read_bytes()
    with pytest.raises(RuntimeError, match="needs the lock"):
        store.write_bytes(b"{}")
    assert store.path.read_bytes() == before


def test_write_bytes_puts_exact_bytes_in_place_privately(store: Store) -> None:
    """Inside locked(), write_bytes() replaces the file with exactly the bytes given, mode 0600."""
    store.add(_checkin())
    payload = json.dumps({"_meta": {"schema": {"version": SCHEMA_VERSION}}}, indent=3).encode()
    old_umask = os.umask(0)
    try:
        with store.locked():
            store.write_bytes(payload)
    finally:
        os.umask(old_umask)
    assert store.path.read_bytes() == payload
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    assert Store(store.data_dir).snapshot().checkins == ()
    with pytest.raises(RuntimeError):  # the lock went with the block
        store.write_bytes(payload)


def test_locked_keeps_other_writers_out(store: Store) -> None:
    """While one Store holds locked(), another Store's save waits and then gives up without writing."""
    store.add(_checkin())
    before = store.path.read_bytes()
    impatient = Store(store.data_dir, lock_timeout=0.2)
    with store.locked():
        with pytest.raises(StoreBusyError):
            impatient.add(_checkin())
        # the lock is a real flock on the lock file, seen by any process
        probe = os.open(store.lock_path, os.O_RDWR)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(probe)
    assert store.path.read_bytes() == before
    impatient.add(_checkin())
    assert len(Store(store.data_dir).snapshot().checkins) == 2


def test_waiting_for_lock_is_true_only_while_another_holds_it(store: Store) -> None:
    """A save that finds the lock held says so through waiting_for_lock until it has it; it is false
    after a save with the lock free, and a wait that gives up clears it."""
    patient = Store(store.data_dir)
    patient.add(_checkin())
    assert not patient.waiting_for_lock
    done = threading.Event()
    with store.locked():
        worker = threading.Thread(target=lambda: (patient.add(_checkin()), done.set()))
        worker.start()
        deadline = time.monotonic() + 5
        while not patient.waiting_for_lock:
            assert time.monotonic() < deadline, "never said it was waiting"
            time.sleep(0.005)
        assert not done.is_set()
    worker.join(5)
    assert done.is_set() and not patient.waiting_for_lock
    impatient = Store(store.data_dir, lock_timeout=0.05)
    with store.locked(), pytest.raises(StoreBusyError):
        impatient.add(_checkin())
    assert not impatient.waiting_for_lock


# --------------------------------------------------------------------------- snapshot_of()


def test_snapshot_of_reads_bytes_without_touching_the_store(store: Store) -> None:
    """snapshot_of() gives the records some bytes hold; the data file and the store's cache stay put."""
    record = _checkin(note="kept in a backup")
    store.add(record)
    payload = store.path.read_bytes()
    store.add(_checkin(mood=2))
    current = store.path.read_bytes()
    assert store.snapshot_of(payload).checkins == (record,)
    assert store.path.read_bytes() == current
    assert len(store.snapshot().checkins) == 2


@pytest.mark.parametrize(
    "payload",
    [b"", b"[1]", b'{"checkins": {"' + LEGACY_ID.encode() + b'": {"mood": 44}}}'],
)
def test_snapshot_of_refuses_bytes_that_would_not_load(store: Store, payload: bytes) -> None:
    """Bytes that would not load (empty, not an object, an invalid record) raise CorruptStoreError."""
    with pytest.raises(CorruptStoreError):
        store.snapshot_of(payload)
