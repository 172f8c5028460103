"""How the store reads its file: the reasons it gives for a damaged one, the cache a long-running
reader relies on, the known-good mark, and the small helpers of the file's layout.

Written against the survivors of a mutation run (docs/mutation.md): each test pins what a
person or the TUI would notice if that line changed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from rebound_tui.core.models import CheckIn, RestDay, Settings, WeekNote
from rebound_tui.storage import files
from rebound_tui.storage.doctor import restore_newest
from rebound_tui.storage.documents import (
    KIND_NAMES,
    dump,
    migrate,
    resolve_id,
    schema_of,
    with_writes,
    writes_in_head,
    writes_of,
)
from rebound_tui.storage.errors import CorruptStoreError, NotFoundError, StoreError
from rebound_tui.storage.store import Store
from tests.storage.clock_support import START, Clock
from tests.storage.spies import count_parses


def _put_file(store: Store, payload: bytes) -> None:
    store.data_dir.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(payload)


# --------------------------------------------------------------------------- a damaged file, named


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b'{"note": "\xc3"}', "it is not UTF-8 text"),
        (b"", "it is empty"),
        (b"  \n", "it is empty"),
        (b'{\n"checkins": {\n', "invalid JSON at line 3"),
        (b'{"checkins": NaN}', "NaN is not a number a data file may hold"),
        (b"[" * 100_000 + b"]" * 100_000, "its JSON is nested too deeply"),
        (b'{"n": ' + b"9" * 5000 + b"}", "it holds a number too long to read"),
        (b"[1, 2]", "the top level is not a JSON object"),
        (b'{"checkins": [1]}', "table 'checkins' is not a set of records"),
        (b'{"checkins": {"a": 1}}', "table 'checkins' is not a set of records"),
    ],
)
def test_a_damaged_file_is_named_with_its_reason(store: Store, payload: bytes, reason: str) -> None:
    """The one line says what is wrong, that the file was left as it is, and what to do."""
    _put_file(store, payload)
    expected = (
        f"{store.path} cannot be read ({reason}); it was left untouched; no good backup found; "
        "run 'rebound-tui doctor' to check or restore"
    )
    with pytest.raises(CorruptStoreError) as caught:
        store.snapshot()
    assert str(caught.value) == expected
    with pytest.raises(CorruptStoreError):
        store.add(CheckIn.new(3, now=START))
    assert store.path.read_bytes() == payload


def test_invalid_deletions_are_named(store: Store) -> None:
    """A tombstone without its time reads as damaged, naming the missing field."""
    store.add(CheckIn.new(3, now=START))
    raw = json.loads(store.path.read_bytes())
    raw["tombstones"] = {"0" * 32: {"kind": "checkins"}}
    store.path.write_text(json.dumps(raw))
    with pytest.raises(
        CorruptStoreError, match=r"\(settings or deletions are not valid: missing field 'deleted'\)"
    ):
        Store(store.data_dir).snapshot()


@pytest.mark.parametrize(
    "damage",
    [
        lambda payload: payload.replace(b'"mood":3', b'"mood":44'),  # parses, but a record is invalid
        lambda payload: payload[:-10],  # torn: the head with its save counter is intact
    ],
    ids=["invalid-record", "torn"],
)
def test_a_damaged_newest_backup_is_passed_over(
    store: Store, clock: Clock, damage: Callable[[bytes], bytes]
) -> None:
    """The newest backup is damaged but still sorts first: the message names the next one, and
    ``doctor --restore`` puts that one back (before: both recursed until a RecursionError)."""
    for day in range(3):
        clock.now = START + timedelta(days=day)
        store.add(CheckIn.new(3, now=clock.now))
    newest, second = store.backups()[:2]
    newest.write_bytes(damage(newest.read_bytes()))
    assert store.backups()[0] == newest
    assert store.newest_good_backup() == second
    store.path.write_bytes(b"{broken")
    with pytest.raises(CorruptStoreError, match=f"; newest good backup: {second}; run 'rebound-tui doctor'"):
        Store(store.data_dir, clock=clock).snapshot()
    with pytest.raises(CorruptStoreError, match=r"^these bytes cannot be read as a data file \("):
        store.snapshot_of(newest.read_bytes())
    with pytest.raises(CorruptStoreError, match=f"; newest good backup: {second};"):
        store.snapshot()  # the same Store names the backup again once the check is over
    assert f"from {second}" in restore_newest(Store(store.data_dir, clock=clock))
    assert len(Store(store.data_dir).snapshot().checkins) == 1  # the state before the second day's save


# --------------------------------------------------------------------------- the reader's cache


def test_reading_twice_without_a_change_builds_nothing_again(store: Store) -> None:
    """The TUI polls: an unchanged file gives back the very same snapshot and documents."""
    store.add(CheckIn.new(3, now=START))
    reader = Store(store.data_dir)
    first = reader.snapshot()
    assert reader.snapshot() is first
    raw = reader.raw()  # parsed again from the bytes once the snapshot let the documents go
    assert set(raw["checkins"]) == {c.id for c in first.checkins}
    assert reader.raw() is raw


def test_a_store_reads_its_own_save_without_parsing_the_file(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a save the store keeps what it wrote: the TUI's next read of ten years costs no parse.

    (A check-in added to the file the last save wrote is spliced in without parsing it,
    tests/storage/test_append.py; the next read then parses. ``put`` saves the full way.)
    """
    store.add(CheckIn.new(3, now=START))
    parses = count_parses(monkeypatch)
    store.put(CheckIn.new(4, now=START))
    parses.clear()
    assert len(store.raw()["checkins"]) == 2
    assert parses == []


def test_documents_stay_readable_after_the_snapshot(store: Store) -> None:
    """After a snapshot has been built, raw() still gives the documents (read again from the bytes)."""
    checkin = CheckIn.new(4, note="kept", now=START)
    store.add(checkin)
    reader = Store(store.data_dir)
    reader.snapshot()
    assert reader.raw()["checkins"][checkin.id]["note"] == "kept"
    assert reader.get(CheckIn, checkin.id[:8]) == checkin


def test_a_rewrite_with_the_same_bytes_is_noticed_once(store: Store) -> None:
    """Another program writing the same bytes again is a change to look at, then no longer one."""
    store.add(CheckIn.new(3, now=START))
    reader = Store(store.data_dir)
    reader.snapshot()
    assert not reader.changed()
    files.atomic_write(store.path, store.path.read_bytes())
    assert reader.changed()
    reader.snapshot()
    assert not reader.changed()


def test_a_symlink_put_at_the_data_path_is_a_change(store: Store, tmp_path: Path) -> None:
    """Even pointing at the very file that was read, a symlink is noticed (and then refused)."""
    store.add(CheckIn.new(3, now=START))
    store.snapshot()
    moved = tmp_path / "moved.json"
    os.rename(store.path, moved)
    store.path.symlink_to(moved)
    assert store.changed()


def test_pauses_are_listed_by_their_start(store: Store) -> None:
    """Rest days come out ordered by when they start, whatever order they were saved in."""
    late = RestDay.new(date(2026, 11, 10), now=START)
    early = RestDay.new(date(2026, 11, 1), date(2026, 11, 3), now=START)
    store.add(late)
    store.add(early)
    assert [r.id for r in Store(store.data_dir).snapshot().rest_days] == [early.id, late.id]


def test_resolve_id_in_given_documents(store: Store) -> None:
    """With documents given, the id is looked up in them rather than in the file."""
    store.add(CheckIn.new(3, now=START))
    other = {"checkins": {"ab" + "0" * 30: {}}}
    assert store.resolve_id(CheckIn.KIND, "ab", other) == "ab" + "0" * 30


def test_an_id_cannot_change_in_an_update(store: Store) -> None:
    checkin = CheckIn.new(3, now=START)
    store.add(checkin)
    with pytest.raises(StoreError, match=r"^a record's id cannot change$"):
        store.update(CheckIn, checkin.id, lambda c: CheckIn.new(4, now=START))


# --------------------------------------------------------------------------- the known-good mark


def test_write_bytes_is_not_known_good_unless_said(store: Store) -> None:
    """Bytes put back by write_bytes get the mark only when the caller says they load."""
    store.add(CheckIn.new(3, now=START))
    payload = store.path.read_bytes()
    with store.locked():
        store.write_bytes(payload)
        store.write_bytes(payload)  # no mark to take away: still fine
    assert not store.good_mark.exists()
    with store.locked():
        store.write_bytes(payload, known_good=True)
    assert store.good_mark.exists()
    with pytest.raises(
        RuntimeError, match=r"^Store.write_bytes needs the lock: call it inside Store.locked\(\)$"
    ):
        store.write_bytes(payload)


def test_a_file_marked_good_is_not_checked_again(store: Store) -> None:
    """The mark names the exact file the last save left: a save trusts it (the quick check-in pays
    no full check); change the file and the mark no longer matches, so the save checks and refuses."""
    store.add(CheckIn.new(3, now=START))
    damaged = store.path.read_bytes().replace(b'"mood":3', b'"mood":44')
    files.atomic_write(store.path, damaged)
    with pytest.raises(CorruptStoreError):
        store.add(CheckIn.new(4, now=START))
    sig = files.signature(os.stat(store.path))
    store.good_mark.write_text(" ".join(map(str, sig)))
    store.add(CheckIn.new(4, now=START))  # trusted: only what this save writes is checked


def test_a_mark_that_is_not_ascii_is_just_not_a_match(store: Store) -> None:
    """A mark file holding other bytes (a torn write, another program) never stops a save."""
    store.add(CheckIn.new(3, now=START))
    store.good_mark.write_bytes("é 1 2 3".encode())
    store.add(CheckIn.new(4, now=START))
    assert len(Store(store.data_dir).snapshot().checkins) == 2


# --------------------------------------------------------------------------- the layout's helpers


def test_the_save_counter_of_any_documents() -> None:
    """Missing, negative, boolean or non-number counters read as 0; a good one as itself."""
    assert writes_of({}) == 0
    assert writes_of({"_meta": {}}) == 0
    for bad in (-3, True, "7", 2.5, None):
        assert writes_of({"_meta": {"writes": {"count": bad}}}) == 0
    assert writes_of({"_meta": {"writes": {"count": 0}}}) == 0
    assert writes_of({"_meta": {"writes": {"count": 12}}}) == 12


def test_dump_puts_meta_first_even_when_there_is_none() -> None:
    """The counter goes first in the bytes (backups are ordered by it without parsing them)."""
    assert dump({"checkins": {}}) == b'{"_meta":{"schema":{},"writes":{"count":0}},"checkins":{}}'
    raw = with_writes({"checkins": {}}, 4)
    assert raw == {"checkins": {}, "_meta": {"writes": {"count": 4}}}
    payload = dump(raw)
    assert payload.startswith(b'{"_meta":{"schema":{},"writes":{"count":4}}')
    assert writes_in_head(dump(with_writes({"_meta": {"schema": {"version": 1}}}, 9))) == 9
    with pytest.raises(ValueError):
        dump({"checkins": {"x": {"mood": float("nan")}}})


def test_an_unknown_kind_is_named_as_it_is() -> None:
    """Ids of a kind without a friendly name are still named in the message."""
    assert "widgets" not in KIND_NAMES
    with pytest.raises(NotFoundError, match="no widgets has an id starting with 'ab'"):
        resolve_id({}, "widgets", "ab")
    with pytest.raises(NotFoundError, match="give the id of the check-in"):
        resolve_id({}, CheckIn.KIND, "  ")


def test_migrating_from_schema_0_dates_each_record_by_its_own_moment(tmp_path: Path) -> None:
    """created/updated come from a check-in's timestamp, a round's time, else the time of the migration."""
    raw = {
        "checkins": {"c": {"timestamp": "2026-01-02T08:00:00+01:00", "mood": 3}},
        "rounds": {"r": {"when": "2026-01-03T10:00:00+00:00", "application_id": "a"}},
        "applications": {"a": {"company": "Acme", "role": "Dev"}},
    }
    before = datetime.now(UTC) - timedelta(seconds=5)
    migrated, changed = migrate(raw, tmp_path / "rebound.json")  # type: ignore[arg-type]
    assert changed
    assert (
        migrated["checkins"]["c"]["created"]
        == migrated["checkins"]["c"]["updated"]
        == "2026-01-02T08:00:00+01:00"
    )
    assert migrated["rounds"]["r"]["created"] == "2026-01-03T10:00:00+00:00"
    assert migrated["applications"]["a"]["applied_on"] == "2026-01-03"  # and on through schema 2
    stamped = datetime.fromisoformat(migrated["applications"]["a"]["created"])
    assert before <= stamped <= datetime.now(UTC) + timedelta(seconds=5)


def test_an_application_s_day_comes_only_from_times_that_look_like_times(tmp_path: Path) -> None:
    """Migrating to schema 2, rounds whose time is not an ISO time are passed over for the day."""
    raw = {
        "_meta": {"schema": {"version": 1}},
        "applications": {
            "a": {"created": "2026-10-30T09:00:00+00:00"},
            "b": {"created": "2026-11-01"},
            "c": {"created": "2026-11-20T09:00:00+00:00"},
        },
        "rounds": {
            "r1": {"application_id": "a", "when": "soon"},
            "r2": {"application_id": "a", "when": "2026/11-05T10:00:00+00:00"},
            "r3": {"application_id": "a", "when": "20261105T10:00:00"},
            "r4": {"application_id": "c", "when": "2026-11-03T10:00:00+00:00"},
            "r5": {"application_id": "c", "when": "2026-11-09T10:00:00+00:00"},
        },
    }
    migrated, _ = migrate(raw, tmp_path / "rebound.json")  # type: ignore[arg-type]
    assert migrated["applications"]["a"]["applied_on"] == "2026-10-30"
    assert migrated["applications"]["b"]["applied_on"] == "2026-11-01"
    assert migrated["applications"]["c"]["applied_on"] == "2026-11-03"  # its first round, not its last


def test_settings_of_a_file_without_them_are_the_defaults(store: Store) -> None:
    """No settings table, or one without the person's document: the defaults, not a crash."""
    _put_file(store, b'{"checkins": {}}')
    assert store.settings() == Settings()
    files.atomic_write(store.path, b'{"checkins": {}, "settings": {}}')
    assert Store(store.data_dir).settings() == Settings()
    files.atomic_write(store.path, b'{"settings": {"user": {"weekly_target": 0}}}')
    with pytest.raises(
        CorruptStoreError, match=r"\(settings are not valid: weekly target must be from 1 to 50"
    ):
        Store(store.data_dir).settings()


def test_an_empty_folder_reads_as_an_empty_store(store: Store) -> None:
    """Before the first save there is nothing, and asking twice, in any order, says so."""
    assert store.snapshot().checkins == ()
    assert store.raw().get("checkins", {}) == {}
    assert not store.path.exists()


def test_a_fresh_reader_parses_the_file_once(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The documents read are kept: asking for them again does not parse the file again."""
    store.add(CheckIn.new(3, now=START))
    parses = count_parses(monkeypatch)
    reader = Store(store.data_dir)
    reader.raw()
    reader.raw()
    assert len(parses) == 1


def test_week_notes_are_listed_by_their_week(store: Store) -> None:
    late = WeekNote.new(date(2026, 11, 16), keep="rest", now=START)
    early = WeekNote.new(date(2026, 11, 2), keep="walks", now=START)
    store.add(late)
    store.add(early)
    assert [n.id for n in Store(store.data_dir).snapshot().week_notes] == [early.id, late.id]


def test_an_ended_transaction_says_so(store: Store) -> None:
    with store.transaction() as txn:
        pass
    with pytest.raises(
        RuntimeError, match=r"^this transaction has ended; start a new one to change the data$"
    ):
        txn.put(CheckIn.new(3, now=START))


def test_schema_versions_that_are_not_numbers(tmp_path: Path) -> None:
    """A missing stamp is schema 0; a stamp that is not a whole number is unreadable and refused."""
    assert schema_of({"_meta": {"schema": 5}}) == 0  # type: ignore[dict-item]
    assert schema_of({"_meta": {}}) == 0
    assert schema_of({"_meta": {"schema": {"version": "2"}}}) == -1
    with pytest.raises(CorruptStoreError) as caught:
        migrate({"_meta": {"schema": {"version": "2"}}}, tmp_path / "rebound.json")
    assert str(caught.value) == f"{tmp_path / 'rebound.json'} has an unreadable schema version"


def test_dump_keeps_other_meta_documents() -> None:
    """A ``_meta`` document this release does not know (a newer one's) is written back as it was."""
    payload = dump({"_meta": {"schema": {"version": 2}, "future": {"x": 1}}, "checkins": {}})
    assert json.loads(payload)["_meta"]["future"] == {"x": 1}


def test_records_settings_and_ids_are_readable_right_after_the_snapshot(store: Store) -> None:
    """The snapshot lets the parsed documents go; get, settings and resolve_id read them again."""
    checkin = CheckIn.new(4, note="kept", now=START)
    store.add(checkin)
    reader = Store(store.data_dir)
    reader.snapshot()
    assert reader.get(CheckIn, checkin.id[:8]) == checkin
    reader = Store(store.data_dir)
    reader.snapshot()
    assert reader.settings() == Settings()
    reader = Store(store.data_dir)
    reader.snapshot()
    assert reader.resolve_id(CheckIn.KIND, checkin.id[:8]) == checkin.id


# --------------------------------------------------------------------------- before the TUI draws


def test_the_check_before_the_first_frame_trusts_the_file_the_last_save_wrote(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten years parsed before the first frame cost 10-15 ms: a file the mark vouches for is not parsed."""
    store.add(CheckIn.new(3, now=START))
    parses = count_parses(monkeypatch)
    Store(store.data_dir).check_readable()
    assert parses == []


def test_the_check_before_the_first_frame_reads_a_file_no_save_vouches_for(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(CheckIn.new(3, now=START))
    store.good_mark.unlink()
    parses = count_parses(monkeypatch)
    Store(store.data_dir).check_readable()
    assert len(parses) == 1


@pytest.mark.parametrize("vouched", [False, True])
def test_a_damaged_file_is_refused_before_the_first_frame(store: Store, vouched: bool) -> None:
    """Damaged by hand after the save: the signature no longer matches the mark, so it is read and refused."""
    store.add(CheckIn.new(3, now=START))
    mark = store.good_mark.read_bytes()
    store.path.write_bytes(store.path.read_bytes()[:-3])
    if vouched:  # even a mark copied over by hand names another signature
        store.good_mark.write_bytes(mark)
    with pytest.raises(CorruptStoreError, match="cannot be read"):
        Store(store.data_dir).check_readable()


def test_a_vouched_file_of_an_older_schema_is_read_before_the_first_frame(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A restored backup of schema 1 (marked good by the restore) is parsed and migrated, not trusted."""
    old = dump(with_writes({"_meta": {"schema": {"version": 1}}, "checkins": {}}, 3))
    with store.locked():
        store.write_bytes(old, known_good=True)
    parses = count_parses(monkeypatch)
    store.check_readable()
    assert len(parses) == 1


def test_a_newer_schema_is_refused_before_the_first_frame_even_when_vouched_for(store: Store) -> None:
    newer = dump(with_writes({"_meta": {"schema": {"version": 99}}, "checkins": {}}, 4))
    with store.locked():
        store.write_bytes(newer, known_good=True)
    with pytest.raises(StoreError, match="newer rebound-tui"):
        Store(store.data_dir).check_readable()


def test_no_file_yet_is_readable(tmp_path: Path) -> None:
    Store(tmp_path / "new").check_readable()
    assert not (tmp_path / "new" / "rebound.json").exists()
