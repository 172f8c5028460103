"""The store's write path, step by step: what a mutation run showed no test would notice.

``atomic_write``'s flush and fsyncs, the lock and the lock probe ``doctor`` uses, the check
of every record a save writes, and ``Store.put`` / ``Store.restore`` (the TUI's edit save
and its undo). Backups and ``forget`` are in test_backup_files.py, reading in
test_read_path.py; docs/mutation.md tells what the mutation run found. Over 500 lines
because each step of a save has its tests here, in the order a save runs them.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import stat
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from rebound_tui.core.models import Application, CheckIn, Round, Settings, Tombstone
from rebound_tui.storage import files
from rebound_tui.storage.errors import LockUnavailableError, StoreBusyError, StoreError, UnsafePathError
from rebound_tui.storage.store import Store
from tests.storage.clock_support import START, Clock


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.fixture
def no_fd_leak() -> Iterator[None]:
    """Fails the test if it leaves a file descriptor open (a lock left held, a folder never closed)."""
    before = _open_fds()
    yield
    assert _open_fds() == before


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


# --------------------------------------------------------------------------- atomic_write


def test_atomic_write_fsyncs_the_file_then_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_fd_leak: None
) -> None:
    """The temp file is fsynced holding every byte (flushed first), renamed, then its folder is fsynced.

    A kill -9 test cannot see a missing flush or fsync (the page cache survives a killed process,
    not a power cut); a spy on the calls can.
    """
    target = tmp_path / "rebound.json"
    target.write_bytes(b"old")
    payload = b'{"checkins":{}}' * 1000  # bigger than a write buffer's first chunk
    synced: list[tuple[str, int]] = []
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        st = os.fstat(fd)
        synced.append(("folder" if stat.S_ISDIR(st.st_mode) else "file", st.st_size))
        if stat.S_ISDIR(st.st_mode):
            assert st.st_ino == os.stat(tmp_path).st_ino
            assert target.read_bytes() == payload  # the folder is synced after the rename
        else:
            assert target.read_bytes() == b"old"  # the file is synced before it
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    files.atomic_write(target, payload)
    assert synced[0] == ("file", len(payload))
    assert [what for what, _ in synced] == ["file", "folder"]
    assert target.read_bytes() == payload
    assert _mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rebound.json"]  # no temp file left


def test_atomic_write_without_durability_syncs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_fd_leak: None
) -> None:
    """``durable=False`` (the known-good mark) still replaces the file whole, 0600, but never fsyncs."""
    calls: list[int] = []
    monkeypatch.setattr(os, "fsync", calls.append)
    target = tmp_path / "rebound.good"
    files.atomic_write(target, b"1 2 3 4", durable=False)
    files.atomic_write(target, b"5 6 7 8", durable=False)
    assert calls == []
    assert target.read_bytes() == b"5 6 7 8"
    assert _mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["rebound.good"]


def test_atomic_write_under_a_loose_umask_is_still_private(tmp_path: Path, no_fd_leak: None) -> None:
    """The temp file (and so the file it becomes) is 0600 even under umask 000."""
    old = os.umask(0)
    try:
        files.atomic_write(tmp_path / "f", b"x")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "f") == 0o600


def test_atomic_write_that_fails_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failing fsync (a full or failing disk) leaves the old file as it was and removes the temp file."""
    target = tmp_path / "rebound.json"
    target.write_bytes(b"old")

    def fail(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError):
        files.atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["rebound.json"]


def test_atomic_write_never_writes_through_a_link_planted_at_its_temp_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even a symlink at the exact temp name (guessed, or planted) is refused: the write goes nowhere else."""
    monkeypatch.setattr(os, "urandom", lambda n: b"\0" * n)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"keep")
    planted = tmp_path / f".rebound.json.{os.getpid()}-{'00' * 6}.tmp"
    planted.symlink_to(elsewhere)
    with pytest.raises(FileExistsError):
        files.atomic_write(tmp_path / "rebound.json", b"new")
    assert elsewhere.read_bytes() == b"keep"
    assert not (tmp_path / "rebound.json").exists()


def test_atomic_write_refuses_a_symlink(tmp_path: Path) -> None:
    """A symlink at the target is refused and what it points to is left alone."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"keep")
    (tmp_path / "rebound.json").symlink_to(elsewhere)
    with pytest.raises(UnsafePathError, match="symbolic link"):
        files.atomic_write(tmp_path / "rebound.json", b"new")
    assert elsewhere.read_bytes() == b"keep"


def test_temp_file_names() -> None:
    """Only ``.rebound.json.*.tmp`` counts as a temp file (what a save may clean up)."""
    assert files.is_temp_file(".rebound.json.123-abcdef.tmp")
    assert not files.is_temp_file(".rebound.json.123-abcdef")
    assert not files.is_temp_file("rebound.json.123.tmp")
    assert not files.is_temp_file("notes.tmp")


def test_clean_temp_files_removes_only_temp_files(tmp_path: Path) -> None:
    """Leftover temp files go; every other file stays."""
    (tmp_path / ".rebound.json.1-aa.tmp").write_bytes(b"torn")
    (tmp_path / ".rebound.json.2-bb.tmp").write_bytes(b"torn")
    (tmp_path / "rebound.json").write_bytes(b"{}")
    (tmp_path / "mine.tmp").write_bytes(b"mine")
    files.clean_temp_files([tmp_path])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.tmp", "rebound.json"]


# --------------------------------------------------------------------------- reading a file


def test_read_file_gives_bytes_and_signature(tmp_path: Path, no_fd_leak: None) -> None:
    """The bytes, and a signature (device, inode, size, mtime) that changes when the file is replaced."""
    path = tmp_path / "rebound.json"
    assert files.read_file(path) == (b"", None)
    path.write_bytes(b"{}")
    payload, sig = files.read_file(path)
    st = os.stat(path)
    assert payload == b"{}"
    assert sig == (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    files.atomic_write(path, b"{} ")
    assert files.read_file(path)[1] != sig


def test_read_file_refuses_links_folders_and_fifos(tmp_path: Path, no_fd_leak: None) -> None:
    """A symlink, a folder or a FIFO at the data path is named, never followed or waited on."""
    (tmp_path / "real").write_bytes(b"{}")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(UnsafePathError, match="symbolic link"):
        files.read_file(tmp_path / "link")
    advice = "; rebound-tui keeps your data in a plain file there: move it away, or use --data-dir"
    with pytest.raises(UnsafePathError) as folder:
        files.read_file(tmp_path / "folder")
    assert str(folder.value) == f"{tmp_path / 'folder'} is a folder{advice}"
    with pytest.raises(UnsafePathError) as fifo:
        files.read_file(tmp_path / "fifo")
    assert str(fifo.value) == f"{tmp_path / 'fifo'} is not a regular file (a pipe or a device?){advice}"


def test_a_read_that_fails_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """EIO while reading a file that opened fine: one line naming the file."""
    (tmp_path / "rebound.json").write_bytes(b"{}")
    real_fdopen = os.fdopen

    class Failing:
        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> Failing:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def read(self) -> bytes:
            raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Failing(real_fdopen(fd, mode)))
    with pytest.raises(StoreError) as caught:
        files.read_file(tmp_path / "rebound.json")
    assert str(caught.value) == f"cannot read {tmp_path / 'rebound.json'}: Input/output error"


def test_read_file_that_cannot_be_opened_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """EACCES on open becomes one line naming the file (root ignores chmod, so the open is patched)."""

    def denied(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(StoreError, match=r"cannot open .*rebound\.json: Permission denied"):
        files.read_file(tmp_path / "rebound.json")


# --------------------------------------------------------------------------- the lock


def test_lock_is_free_says_whether_another_holds_it(tmp_path: Path, no_fd_leak: None) -> None:
    """True when nobody holds the lock, False while another holder does; it creates nothing."""
    lock = tmp_path / "rebound.lock"
    with pytest.raises(StoreError, match="cannot open the lock file"):
        files.lock_is_free(lock)
    assert not lock.exists()
    lock.touch()
    assert files.lock_is_free(lock) is True
    assert files.lock_is_free(lock) is True  # the probe let go of it
    with files.exclusive_lock(lock, 1, guarding=tmp_path / "rebound.json"):
        assert files.lock_is_free(lock) is False
    assert files.lock_is_free(lock) is True


def test_lock_is_free_on_a_file_system_that_cannot_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_fd_leak: None
) -> None:
    """Where flock fails (some network mounts) the probe says so instead of answering "free"."""
    lock = tmp_path / "rebound.lock"
    lock.touch()
    (tmp_path / "link.lock").symlink_to(lock)
    with pytest.raises(UnsafePathError, match="symbolic link"):
        files.lock_is_free(tmp_path / "link.lock")

    def no_locks(fd: int, op: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    with pytest.raises(LockUnavailableError) as caught:
        files.lock_is_free(lock)
    assert str(caught.value) == (
        f"cannot lock {lock} (No locks available); refusing to write without a lock "
        "(network file systems may not support locks: try --data-dir on a local disk)"
    )
    with (
        pytest.raises(LockUnavailableError) as taking,
        files.exclusive_lock(lock, 1, guarding=tmp_path / "rebound.json"),
    ):
        pass
    assert str(taking.value) == str(caught.value)


def test_a_waiter_takes_the_lock_soon_after_it_is_let_go(tmp_path: Path) -> None:
    """A save waiting on another is not kept waiting long once the other is done (a check-in stays quick)."""
    lock = tmp_path / "rebound.lock"
    waited: list[float] = []

    def wait() -> None:
        with files.exclusive_lock(lock, 5, guarding=tmp_path / "rebound.json"):
            waited.append(time.monotonic())

    with files.exclusive_lock(lock, 1, guarding=tmp_path / "rebound.json"):
        waiter = threading.Thread(target=wait)
        waiter.start()
        time.sleep(0.05)
        let_go = time.monotonic()
    waiter.join()
    assert waited[0] - let_go < 0.5


def test_a_lock_file_that_cannot_be_made_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_fd_leak: None
) -> None:
    """A lock file that cannot be opened, or made private, ends in one line and leaks nothing."""
    (tmp_path / "file").write_bytes(b"")
    lock = tmp_path / "file" / "rebound.lock"
    guarding = tmp_path / "rebound.json"
    with pytest.raises(StoreError) as caught, files.exclusive_lock(lock, 1, guarding=guarding):
        pass
    assert str(caught.value) == f"cannot open the lock file {lock}: Not a directory"

    def no_chmod(fd: int, mode: int) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "fchmod", no_chmod)
    other = tmp_path / "rebound.lock"
    with pytest.raises(PermissionError), files.exclusive_lock(other, 1, guarding=tmp_path / "rebound.json"):
        pass


def test_exclusive_lock_waits_then_gives_up_with_a_clear_message(tmp_path: Path, no_fd_leak: None) -> None:
    """A second holder waits for the timeout, then is told another rebound-tui is saving."""
    lock = tmp_path / "rebound.lock"
    with files.exclusive_lock(lock, 1, guarding=tmp_path / "rebound.json"):
        assert _mode(lock) == 0o600
        with (
            pytest.raises(StoreBusyError, match=r"for over 0\.2 s; nothing was written"),
            files.exclusive_lock(lock, 0.2, guarding=tmp_path / "rebound.json"),
        ):
            pass
    with files.exclusive_lock(lock, 0.2, guarding=tmp_path / "rebound.json"):
        pass  # released when the first block ended


def test_ensure_private_dirs_makes_0700_folders_and_refuses_links(tmp_path: Path) -> None:
    """A missing folder is made 0700 whatever the umask; a symlink in its place is refused."""
    old = os.umask(0)
    try:
        files.ensure_private_dirs([tmp_path / "a" / "b"])
    finally:
        os.umask(old)
    assert _mode(tmp_path / "a" / "b") == 0o700
    (tmp_path / "link").symlink_to(tmp_path / "a")
    with pytest.raises(UnsafePathError, match="symbolic link"):
        files.ensure_private_dirs([tmp_path / "link"])
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(StoreError) as caught:
        files.ensure_private_dirs([tmp_path / "file" / "data"])
    assert str(caught.value) == f"cannot create {tmp_path / 'file' / 'data'}: Not a directory"


# --------------------------------------------------------------------------- put and restore


def test_put_and_restore_write_inside_the_lock_over_a_fresh_read(store: Store, clock: Clock) -> None:
    """``put`` (the TUI's edit save) and ``restore`` (its undo) keep what another process saved
    meanwhile, replace the record by id, and wait for the lock like every save."""
    original = CheckIn.new(3, note="first", now=START)
    store.add(original)
    other = Store(store.data_dir, clock=clock)
    elsewhere = CheckIn.new(4, note="from another terminal", now=START)
    other.add(elsewhere)

    edited = original.touched(START + timedelta(minutes=5), note="edited")
    store.put(edited)
    fresh = Store(store.data_dir).snapshot()
    assert {c.id: c.note for c in fresh.checkins} == {
        original.id: "edited",
        elsewhere.id: "from another terminal",
    }
    assert fresh.checkins == tuple(sorted((edited, elsewhere), key=lambda c: (c.timestamp, c.id)))

    added = CheckIn.new(5, note="put of a new one", now=START)
    store.put(added)
    assert len(Store(store.data_dir).snapshot().checkins) == 3

    other.delete(CheckIn, original.id)
    assert Store(store.data_dir).snapshot().tombstones[0].id == original.id
    clock.now = START + timedelta(hours=1)
    restored = store.restore(original)
    assert restored == replace(original, updated=clock.now)
    fresh = Store(store.data_dir).snapshot()
    assert fresh.tombstones == ()  # never both present and deleted
    assert [c for c in fresh.checkins if c.id == original.id] == [restored]
    assert {c.id for c in fresh.checkins} == {original.id, elsewhere.id, added.id}

    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with other.locked():
            held.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    try:
        impatient = Store(store.data_dir, lock_timeout=0.1, clock=clock)
        before = store.path.read_bytes()
        with pytest.raises(StoreBusyError):
            impatient.put(replace(edited, note="while locked"))
        with pytest.raises(StoreBusyError):
            impatient.restore(original)
        assert store.path.read_bytes() == before
    finally:
        release.set()
        holder.join()


def test_restore_keeps_other_tombstones(store: Store, clock: Clock) -> None:
    """Undoing one deletion takes away that record's tombstone only."""
    kept, gone = CheckIn.new(3, now=START), CheckIn.new(2, now=START)
    store.add_many([kept, gone])
    store.delete(CheckIn, kept.id)
    store.delete(CheckIn, gone.id)
    store.restore(kept)
    snap = Store(store.data_dir).snapshot()
    assert [t.id for t in snap.tombstones] == [gone.id]
    assert [c.id for c in snap.checkins] == [kept.id]


# --------------------------------------------------------------------------- what a save checks


def _bad_checkin() -> CheckIn:
    record = CheckIn.new(3, now=START)
    object.__setattr__(record, "mood", 44)  # what a bug, or a newer model, might hand the store
    return record


def test_a_record_that_does_not_load_is_never_written(store: Store) -> None:
    """``put``, ``add``, a tombstone or settings that would not load: refused before anything is written."""
    store.add(CheckIn.new(3, now=START))
    before = store.path.read_bytes()
    with pytest.raises(StoreError, match=r"^a check-in could not be saved \(.*44.*\); nothing was written$"):
        store.put(_bad_checkin())
    with pytest.raises(StoreError, match="a check-in could not be saved"):
        store.add_many([CheckIn.new(4, now=START), _bad_checkin()])
    with pytest.raises(StoreError, match="a tombstones could not be saved"), store.transaction() as txn:
        txn.put_tombstone(Tombstone("0" * 32, CheckIn.KIND, START.replace(tzinfo=None)))
    settings = Settings()
    object.__setattr__(settings, "weekly_target", 0)
    with pytest.raises(StoreError, match="a settings could not be saved"), store.transaction() as txn:
        txn.put_settings(settings)
    assert store.path.read_bytes() == before


def test_a_value_json_cannot_hold_is_one_line_and_writes_nothing(store: Store) -> None:
    """NaN that slipped past every check (a tombstone's kind is any text) stops the save in one line."""
    store.add(CheckIn.new(3, now=START))
    before = store.path.read_bytes()
    with (
        pytest.raises(StoreError, match=r"^the change could not be saved \(.*\); nothing was written$"),
        store.transaction() as txn,
    ):
        txn.put_tombstone(Tombstone("0" * 32, float("nan"), START))  # type: ignore[arg-type]
    assert store.path.read_bytes() == before


def test_a_record_written_then_removed_in_one_save_is_not_checked(store: Store) -> None:
    """What a save writes and then takes out again is not in the file, so it cannot stop the save."""
    first = CheckIn.new(3, now=START)
    with store.transaction() as txn:
        txn.put(_bad_checkin())
        txn.remove(CheckIn.KIND, [next(iter(txn.raw()[CheckIn.KIND]))])
        txn.put(first)
    assert [c.id for c in Store(store.data_dir).snapshot().checkins] == [first.id]


def test_a_bad_record_is_found_among_many_written_then_removed(store: Store) -> None:
    """What a save wrote and then removed is skipped, and the check goes on to the rest."""
    with pytest.raises(StoreError, match="a check-in could not be saved"), store.transaction() as txn:
        gone = [CheckIn.new(3, now=START) for _ in range(200)]
        txn.insert(gone)
        txn.remove(CheckIn.KIND, [c.id for c in gone])
        txn.put(_bad_checkin())
    assert not store.path.exists()


def test_settings_are_read_back_as_sent(store: Store, clock: Clock) -> None:
    """Every field sent to ``save_settings`` is what another Store reads back (not just what it returned)."""
    sent = Settings(weekly_target=7, theme="rebound-contrast", first_day_of_week=6)
    clock.now = START + timedelta(days=3)
    store.save_settings(sent)
    assert Store(store.data_dir).settings() == replace(sent, updated=clock.now)
    assert Store(store.data_dir).snapshot().settings == replace(sent, updated=clock.now)


def test_application_delete_takes_only_its_own_rounds(store: Store) -> None:
    """Deleting an application leaves tombstones for it and its rounds, and no other application's."""
    first, second = Application.new("Acme", "Dev", now=START), Application.new("Beta", "Ops", now=START)
    r1 = Round.new(first.id, "phone screen", when=START, now=START)
    r2 = Round.new(second.id, "phone screen", when=START, now=START)
    store.add_many([first, second, r1, r2])
    removed = store.delete(Application, first.id)
    assert sorted(removed) == sorted([first.id, r1.id])
    snap = Store(store.data_dir).snapshot()
    assert [a.id for a in snap.applications] == [second.id]
    assert [r.id for r in snap.rounds] == [r2.id]
    assert {t.id for t in snap.tombstones} == {first.id, r1.id}


def test_a_transaction_on_an_older_file_stamps_it_even_without_a_change(store: Store) -> None:
    """Opening a transaction on a schema-0 file writes it migrated, even when nothing else changed."""
    store.data_dir.mkdir()
    store.path.write_text(json.dumps({"checkins": {}}))
    with store.transaction():
        pass
    assert json.loads(store.path.read_bytes())["_meta"]["schema"]["version"] >= 1


def test_a_lock_file_replaced_while_waiting_leaves_no_descriptor_open(store: Store, no_fd_leak: None) -> None:
    """A waiter whose lock file was removed (``forget``) locks the new one and closes the old one."""
    done = threading.Event()

    def wait_then_lock() -> None:
        with Store(store.data_dir, lock_timeout=5).locked():
            done.set()

    with store.locked():
        waiter = threading.Thread(target=wait_then_lock)
        waiter.start()
        threading.Event().wait(0.1)  # the waiter is polling flock on the old lock file
        store.lock_path.unlink()
    waiter.join()
    assert done.is_set()
