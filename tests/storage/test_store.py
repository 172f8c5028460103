"""Tests for the store: records, ids, settings, migrations, backups, safety checks and change detection."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import stat
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from rebound_tui.core.models import (
    SCHEMA_VERSION,
    Application,
    CheckIn,
    RestDay,
    Round,
    Settings,
    ValidationError,
)
from rebound_tui.storage.store import (
    CorruptStoreError,
    LockUnavailableError,
    NotFoundError,
    Store,
    StoreBusyError,
    StoreError,
    UnsafePathError,
)

TZ = timezone(timedelta(hours=1))
START = datetime(2026, 11, 20, 9, 30, tzinfo=TZ)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path, clock: Clock) -> Store:
    return Store(data_dir, clock=clock)


def _checkin(clock: Clock, mood: int = 4, **extra: object) -> CheckIn:
    return CheckIn.new(mood, now=clock(), **extra)  # type: ignore[arg-type]


def _raw(store: Store) -> dict[str, dict[str, dict[str, object]]]:
    data: dict[str, dict[str, dict[str, object]]] = json.loads(store.path.read_bytes())
    return data


def _with_id(record: CheckIn, record_id: str) -> CheckIn:
    return replace(record, id=record_id)


# --------------------------------------------------------------------------- records


def test_add_then_get_by_full_id_and_prefix(store: Store, clock: Clock) -> None:
    """A saved check-in comes back equal, by its full id and by a short prefix, from a fresh Store too."""
    checkin = _checkin(clock, feelings=["hopeful"], activities=["applied"], note="first")
    store.add(checkin)
    assert store.get(CheckIn, checkin.id) == checkin
    assert store.get(CheckIn, checkin.id[:8]) == checkin
    assert store.get(CheckIn, checkin.id[:6].upper()) == checkin
    assert Store(store.data_dir).snapshot().checkins == (checkin,)


def test_add_many_saves_every_kind_in_one_write(store: Store, clock: Clock) -> None:
    """``add_many`` stores applications, rounds, pauses and check-ins together."""
    app = Application.new("Acme", "SRE", now=clock())
    rnd = Round.new(app.id, "technical", outcome="advanced", now=clock())
    rest = RestDay.new(date(2026, 12, 24), date(2026, 12, 26), now=clock())
    checkin = _checkin(clock)
    store.add_many([app, rnd, rest, checkin])
    snap = Store(store.data_dir).snapshot()
    assert snap.applications == (app,)
    assert snap.rounds == (rnd,)
    assert snap.rest_days == (rest,)
    assert snap.checkins == (checkin,)
    assert len(store.backups()) == 0, "the first write of a new file has nothing to back up"


def test_update_changes_the_freshest_copy_and_touches_updated(store: Store, clock: Clock) -> None:
    """``update`` applies the change to what is on disk and moves ``updated`` to the store's clock."""
    checkin = _checkin(clock, mood=2)
    store.add(checkin)
    other = Store(store.data_dir, clock=clock)
    other.update(CheckIn, checkin.id, lambda c: replace(c, note="edited elsewhere"))
    clock.advance(hours=2)
    updated = store.update(CheckIn, checkin.id[:8], lambda c: replace(c, mood=4))
    assert updated.mood == 4
    assert updated.note == "edited elsewhere", "the update must start from the file, not a stale cache"
    assert updated.created == checkin.created
    assert updated.updated == clock()
    assert Store(store.data_dir).get(CheckIn, checkin.id) == updated


def test_update_refuses_to_change_an_id(store: Store, clock: Clock) -> None:
    """Changing a record's id through ``update`` is an error and nothing is written."""
    checkin = _checkin(clock)
    store.add(checkin)
    before = store.path.read_bytes()
    with pytest.raises(StoreError, match="id cannot change"):
        store.update(CheckIn, checkin.id, lambda c: _with_id(c, "0b6f3c1e-5d7a-4f3e-9c1b-2a4d6e8f0a1b"))
    assert store.path.read_bytes() == before


def test_delete_leaves_tombstones_and_takes_rounds_along(store: Store, clock: Clock) -> None:
    """Deleting removes the record and leaves a tombstone; an application takes its rounds with it."""
    keep = _checkin(clock)
    gone = _checkin(clock, mood=1)
    app = Application.new("Acme", "SRE", now=clock())
    rounds = [Round.new(app.id, stage, now=clock()) for stage in ("applied", "phone screen")]
    other_app = Application.new("Beta", "SRE", now=clock())
    other_round = Round.new(other_app.id, "applied", now=clock())
    store.add_many([keep, gone, app, *rounds, other_app, other_round])

    clock.advance(minutes=5)
    assert store.delete(CheckIn, gone.id[:8]) == [gone.id]
    removed = store.delete(Application, app.id)
    assert set(removed) == {app.id, *(r.id for r in rounds)}

    snap = Store(store.data_dir).snapshot()
    assert snap.checkins == (keep,)
    assert snap.applications == (other_app,)
    assert snap.rounds == (other_round,)
    stones = {t.id: t for t in snap.tombstones}
    assert set(stones) == {gone.id, app.id, *(r.id for r in rounds)}
    assert stones[gone.id].kind == "checkins"
    assert stones[app.id].kind == "applications"
    assert all(t.deleted == clock() for t in stones.values())
    with pytest.raises(NotFoundError):
        store.get(CheckIn, gone.id)


def test_prefix_ids_unique_ambiguous_unknown(store: Store, clock: Clock) -> None:
    """A unique prefix resolves; a shared prefix asks for more; an unknown or empty one says so."""
    first = _with_id(_checkin(clock), "abcd1111-0000-4000-8000-000000000001")
    second = _with_id(_checkin(clock), "abcd2222-0000-4000-8000-000000000002")
    store.add_many([first, second])
    assert store.resolve_id(CheckIn.KIND, "abcd1") == first.id
    assert store.get(CheckIn, "ABCD2") == second
    with pytest.raises(NotFoundError) as exc:
        store.get(CheckIn, "abcd")
    assert str(exc.value) == "2 check-ins have ids starting with 'abcd'; give more of the id"
    with pytest.raises(NotFoundError) as exc:
        store.get(CheckIn, "ffff")
    assert str(exc.value) == "no check-in has an id starting with 'ffff'"
    with pytest.raises(NotFoundError, match="give the id of the interview round"):
        store.get(Round, "  ")
    with pytest.raises(NotFoundError, match="no interview round"):
        store.update(Round, "abcd1", lambda r: r)


def test_settings_are_saved_and_read_back(store: Store, clock: Clock) -> None:
    """Saved settings carry the save time, and another Store reads back every value sent."""
    assert store.snapshot().settings == Settings()
    sent = Settings(weekly_target=5, theme="rebound-light", first_day_of_week=6)
    saved = store.save_settings(sent)
    assert saved == replace(sent, updated=clock())
    assert Store(store.data_dir).snapshot().settings == replace(sent, updated=clock())
    assert _raw(store)["settings"]["user"]["weekly_target"] == 5


def test_a_failed_transaction_writes_nothing(store: Store, clock: Clock) -> None:
    """If the code inside a transaction raises, the file keeps its old bytes."""
    store.add(_checkin(clock))
    before = store.path.read_bytes()
    with pytest.raises(RuntimeError), store.transaction() as txn:
        txn.remove(CheckIn.KIND, [c.id for c in txn.snapshot().checkins])
        assert not txn.snapshot().checkins
        raise RuntimeError("changed my mind")
    assert store.path.read_bytes() == before
    assert len(store.snapshot().checkins) == 1


# --------------------------------------------------------------------------- migrations


SCHEMA_0_ID = "0b6f3c1e-5d7a-4f3e-9c1b-2a4d6e8f0a1b"


def test_schema_0_file_is_read_and_migrated_on_save(store: Store, clock: Clock) -> None:
    """A file from before the schema stamp loads (created/updated filled in) and is stamped on save."""
    store.data_dir.mkdir(mode=0o700)
    legacy = {"checkins": {SCHEMA_0_ID: {"timestamp": "2026-11-01T08:00:00+01:00", "mood": 3, "note": "old"}}}
    store.path.write_text(json.dumps(legacy))
    before = store.path.read_bytes()

    old = store.snapshot().checkins[0]
    assert (old.id, old.mood, old.note) == (SCHEMA_0_ID, 3, "old")
    assert old.created == old.updated == old.timestamp
    assert store.path.read_bytes() == before, "reading alone never rewrites the file"

    store.add(_checkin(clock))
    raw = _raw(store)
    assert raw["_meta"]["schema"] == {"version": SCHEMA_VERSION}
    assert raw["checkins"][SCHEMA_0_ID]["created"] == "2026-11-01T08:00:00+01:00"
    assert len(Store(store.data_dir).snapshot().checkins) == 2


def test_schema_from_the_future_is_refused_and_left_alone(store: Store, clock: Clock) -> None:
    """A file from a newer release is neither read nor written; the message says to upgrade."""
    store.data_dir.mkdir(mode=0o700)
    future = {"_meta": {"schema": {"version": SCHEMA_VERSION + 41}}, "checkins": {}, "hovercrafts": {}}
    store.path.write_text(json.dumps(future, indent=1))
    before = store.path.read_bytes()
    for action in (store.snapshot, lambda: store.add(_checkin(clock))):
        with pytest.raises(StoreError) as exc:
            action()
        message = str(exc.value)
        assert str(store.path) in message
        assert f"schema {SCHEMA_VERSION + 41}" in message
        assert "upgrade rebound-tui" in message
        assert "\n" not in message
    assert store.path.read_bytes() == before
    assert store.backups() == []


# --------------------------------------------------------------------------- backups


def test_one_backup_per_day_holding_the_state_before_that_days_first_save(store: Store, clock: Clock) -> None:
    """Several saves in a day make one backup, and it holds the file as it was before that day."""
    store.add(_checkin(clock))
    assert store.backups() == []
    yesterday_bytes = store.path.read_bytes()
    clock.advance(days=1)
    for _ in range(3):
        store.add(_checkin(clock))
        clock.advance(minutes=10)
    backups = store.backups()
    assert [p.name for p in backups] == ["rebound-2026-11-21.json"]
    assert backups[0].read_bytes() == yesterday_bytes
    assert store.backup_day(backups[0]) == date(2026, 11, 21)
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600


def test_backups_keep_the_newest_seven(store: Store, clock: Clock) -> None:
    """After ten days of saves only the last seven daily backups remain, newest first, all 0600."""
    for _ in range(11):
        store.add(_checkin(clock))
        store.add(_checkin(clock))
        clock.advance(days=1)
    names = [p.name for p in store.backups()]
    expected = [f"rebound-{date(2026, 11, 30) - timedelta(days=i)}.json" for i in range(7)]
    assert names == expected
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in store.backups())
    assert store.newest_good_backup() == store.backup_dir / expected[0]


def test_backup_count_is_configurable(data_dir: Path, clock: Clock) -> None:
    """``backups=2`` keeps two; ``backups=0`` keeps none."""
    two = Store(data_dir, clock=clock, backups=2)
    for _ in range(5):
        two.add(_checkin(clock))
        clock.advance(days=1)
    assert len(two.backups()) == 2
    none = Store(data_dir, clock=clock, backups=0)
    none.add(_checkin(clock))
    assert len(none.backups()) == 2, "a store that keeps none makes none (and prunes nothing)"


# --------------------------------------------------------------------------- safety


def test_symlink_at_data_path_is_refused(store: Store, clock: Clock, tmp_path: Path) -> None:
    """A symlink where rebound.json should be is never read through nor replaced."""
    store.data_dir.mkdir(mode=0o700)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("{}")
    store.path.symlink_to(elsewhere)
    with pytest.raises(UnsafePathError, match="symbolic link"):
        store.snapshot()
    with pytest.raises(UnsafePathError, match="symbolic link"):
        store.add(_checkin(clock))
    assert store.path.is_symlink()
    assert elsewhere.read_text() == "{}"


def test_symlink_at_lock_path_is_refused(store: Store, clock: Clock, tmp_path: Path) -> None:
    """A symlink where the lock file should be stops every write, and its target is not created."""
    store.data_dir.mkdir(mode=0o700)
    target = tmp_path / "not-a-lock"
    store.lock_path.symlink_to(target)
    with pytest.raises(UnsafePathError) as exc:
        store.add(_checkin(clock))
    assert str(store.lock_path) in str(exc.value)
    assert not target.exists()
    assert not store.path.exists()


def test_symlinked_data_dir_is_refused_for_writes(clock: Clock, tmp_path: Path) -> None:
    """A data folder that is a symlink is refused before anything is written."""
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    with pytest.raises(UnsafePathError, match="symbolic link"):
        Store(link, clock=clock).add(_checkin(clock))
    assert list(real.iterdir()) == []


def test_stale_temp_files_are_never_loaded_and_are_cleaned_up(store: Store, clock: Clock) -> None:
    """A temp file left by a killed writer is ignored by reads and removed by the next save."""
    real = _checkin(clock)
    store.add(real)
    ghost = _checkin(clock, note="half-written")
    leftovers = []
    for name, body in (
        ("abc123", json.dumps({"checkins": {ghost.id: ghost.to_doc()}})),
        ("torn99", '{"check'),
    ):
        path = store.data_dir / f".rebound.json.{name}.tmp"
        path.write_text(body)
        leftovers.append(path)
    backup_leftover = store.backup_dir / ".rebound.json.bk0001.tmp"  # a backup write killed half way
    backup_leftover.write_text('{"checkins"')
    leftovers.append(backup_leftover)
    assert Store(store.data_dir).snapshot().checkins == (real,)
    store.add(_checkin(clock))
    assert not any(p.exists() for p in leftovers)
    ids = {c.id for c in Store(store.data_dir).snapshot().checkins}
    assert ghost.id not in ids
    assert len(ids) == 2


def test_only_a_temp_file_and_no_data_file_reads_as_empty(store: Store) -> None:
    """When a first save was interrupted, only the temp file exists: the store reads as empty."""
    store.data_dir.mkdir(mode=0o700)
    (store.data_dir / ".rebound.json.zz.tmp").write_text('{"checkins": {}}')
    assert store.snapshot().checkins == ()
    assert not store.exists()


def test_lock_held_elsewhere_times_out_with_a_clear_message(store: Store, clock: Clock) -> None:
    """While another holder keeps the lock, a save waits, then gives up without writing."""
    store.add(_checkin(clock))
    before = store.path.read_bytes()
    holder = os.open(store.lock_path, os.O_RDWR)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)
        impatient = Store(store.data_dir, clock=clock, lock_timeout=0.2)
        with pytest.raises(StoreBusyError) as exc:
            impatient.add(_checkin(clock))
    finally:
        os.close(holder)
    message = str(exc.value)
    assert str(store.path) in message and "nothing was written" in message
    assert store.path.read_bytes() == before
    store.add(_checkin(clock))  # and once the lock is free, saving works again
    assert len(Store(store.data_dir).snapshot().checkins) == 2


def test_no_locking_means_no_writing(store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    """If flock fails (as on some network file systems) the store refuses to write and says why."""
    store.add(_checkin(clock))
    before = store.path.read_bytes()

    def broken_flock(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(fcntl, "flock", broken_flock)
    with pytest.raises(LockUnavailableError) as exc:
        store.add(_checkin(clock))
    assert "refusing to write without a lock" in str(exc.value)
    assert store.path.read_bytes() == before


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"", "it is empty"),
        (b'{"checkins": {"a', "invalid JSON"),
        (b"\xff\xfe\x00garbage\x80", "not UTF-8"),
        (b"[1, 2, 3]", "not a JSON object"),
        (b'{"checkins": [1]}', "not a set of records"),
    ],
)
def test_corrupt_file_is_reported_and_never_overwritten(
    store: Store, clock: Clock, payload: bytes, reason: str
) -> None:
    """An unreadable file raises a one-line error naming it and the newest good backup; saves refuse."""
    store.add(_checkin(clock))
    clock.advance(days=1)
    store.add(_checkin(clock))  # makes a good backup
    store.path.write_bytes(payload)
    for action in (lambda: Store(store.data_dir).snapshot(), lambda: store.add(_checkin(clock))):
        with pytest.raises(CorruptStoreError) as exc:
            action()
        message = str(exc.value)
        assert reason in message
        assert str(store.path) in message
        assert "rebound-2026-11-21.json" in message
        assert "\n" not in message
    assert store.path.read_bytes() == payload


INVALID_RECORD = json.dumps(
    {"_meta": {"schema": {"version": 1}}, "checkins": {"0b6f3c1e-5d7a-4f3e-9c1b-2a4d6e8f0a1b": {"mood": 3}}}
).encode()


def test_invalid_record_is_reported_when_reading(store: Store) -> None:
    """Valid JSON holding a record without its fields is reported by id, naming the missing field."""
    store.data_dir.mkdir(mode=0o700)
    store.path.write_bytes(INVALID_RECORD)
    with pytest.raises(CorruptStoreError) as exc:
        store.snapshot()
    message = str(exc.value)
    assert "check-in 0b6f3c1e-5d7a-4f3e-9c1b-2a4d6e8f0a1b is not valid" in message
    assert "missing field" in message
    assert str(store.path) in message


def test_save_refuses_a_file_whose_records_do_not_load(store: Store, clock: Clock) -> None:
    """A file that reads as corrupt (an invalid record) should not be rewritten by a save either."""
    store.data_dir.mkdir(mode=0o700)
    store.path.write_bytes(INVALID_RECORD)
    with pytest.raises(CorruptStoreError):
        store.add(_checkin(clock))
    assert store.path.read_bytes() == INVALID_RECORD


# --------------------------------------------------------------------------- change detection


def test_changed_sees_a_save_by_another_store(store: Store, clock: Clock) -> None:
    """A Store that already read notices another Store's save, and its next snapshot has the record."""
    first = _checkin(clock)
    store.add(first)
    reader = Store(store.data_dir)
    assert reader.snapshot().checkins == (first,)
    assert reader.changed() is False
    second = _checkin(clock, mood=5)
    Store(store.data_dir, clock=clock).add(second)
    assert reader.changed() is True
    assert {c.id for c in reader.snapshot().checkins} == {first.id, second.id}
    assert reader.changed() is False


def test_changed_is_false_after_own_save(store: Store, clock: Clock) -> None:
    """A Store's own save does not count as a change made elsewhere."""
    assert store.changed() is False
    store.add(_checkin(clock))
    assert store.changed() is False


def test_changed_sees_a_save_by_another_process(store: Store, clock: Clock) -> None:
    """A check-in saved by a separate Python process shows up for a reader that is already open."""
    store.add(_checkin(clock))
    reader = Store(store.data_dir)
    assert len(reader.snapshot().checkins) == 1
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from rebound_tui.core.models import CheckIn
        from rebound_tui.storage.store import Store
        record = CheckIn.new(5, note="from another process")
        Store(Path({str(store.data_dir)!r})).add(record)
        print(record.id)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    new_id = done.stdout.strip()
    assert reader.changed() is True
    checkins = {c.id: c for c in reader.snapshot().checkins}
    assert checkins[new_id].note == "from another process"
    assert len(checkins) == 2


NOTES = [
    "plain",
    "emoji 🎉🙂👩🏽‍💻 and flags 🇳🇱",
    "line one\nline two\r\nline three\rend",
    "tabs\tand    spaces   \n\n\n",
    "quotes \" ' ` and backslashes \\ \\n (literal)",
    "RTL שלום مرحبا, CJK 你好, combining e\u0301 and zero-width \u200b joiner",
    'json-looking {"checkins": {}} and [bold]markup[/bold]',
    "\ud7ff\ue000\uffff",
]


def test_unicode_notes_round_trip_exactly(store: Store, clock: Clock) -> None:
    """Emoji, newlines of every kind, RTL text and odd code points come back byte for byte."""
    records = [_checkin(clock, note=note, feelings=["schön", "😌 calm"]) for note in NOTES]
    store.add_many(records)  # type: ignore[arg-type]
    back = {c.id: c for c in Store(store.data_dir).snapshot().checkins}
    for record in records:
        assert back[record.id].note == record.note
        assert back[record.id].feelings == ("schön", "😌 calm")
    assert "🎉".encode() in store.path.read_bytes(), "stored as UTF-8, not \\u escapes"


def test_100kb_note_round_trips(store: Store, clock: Clock) -> None:
    """A 100 KB note with every kind of line ending survives a save and a fresh read unchanged."""
    chunk = "Reflection ✍️ line\r\n" + "détails\n" + "🎯" * 10 + "\n"
    note = (chunk * (100_000 // len(chunk) + 1))[:100_000]
    assert len(note) == 100_000
    record = _checkin(clock, note=note)
    store.add(record)
    assert Store(store.data_dir).get(CheckIn, record.id).note == note
    edited = store.update(CheckIn, record.id, lambda c: c.touched(clock(), note=c.note + "!"))
    assert Store(store.data_dir).get(CheckIn, record.id).note == note + "!" == edited.note


def test_invalid_records_do_not_reach_the_store(store: Store, clock: Clock) -> None:
    """Validation happens while building the record, so a bad mood never gets to the file."""
    with pytest.raises(ValidationError):
        store.add(_checkin(clock, mood=9))
    assert not store.path.exists()
