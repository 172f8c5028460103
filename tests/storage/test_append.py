"""Adding a check-in without parsing the file (storage/append.py) writes what a full save writes.

Each test compares with the full path (``Store.put`` of the same new record goes through
a transaction: parse, TinyDB insert, encode everything) byte for byte, or checks that
anything unexpected sends the save down the full path instead of guessing.
"""

from __future__ import annotations

import json
import os
import shutil
import zlib
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rebound_tui.core.models import SCHEMA_VERSION, Application, CheckIn
from rebound_tui.storage import append, files
from rebound_tui.storage import store as store_module
from rebound_tui.storage.documents import dump, dump_with_spans
from rebound_tui.storage.store import Store
from tests.storage.clock_support import START, Clock
from tests.storage.spies import count_parses

HOSTILE_NOTES = [
    'a "quoted" note',
    '"checkins":{"x":{}}',
    'back\\slash \\"checkins\\":{',
    "ends with a backslash \\",
    "tabs\tand\nnewlines\r\n",
    "emoji 🌧️→☀️ and ü, 漢字",
    "}}}}",
    "",
]


def _checkin(clock: Clock, note: str = "", days_ago: int = 0, mood: int = 3) -> CheckIn:
    return CheckIn.new(mood, timestamp=clock() - timedelta(days=days_ago), note=note, now=clock())


def _no_full_save(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the full path (a transaction parses, checks and encodes everything) fail loudly."""

    def refuse(*_args: object) -> Any:
        raise AssertionError("the full save path ran")

    monkeypatch.setattr(Store, "transaction", refuse)
    monkeypatch.setattr(store_module, "dump_with_spans", refuse)


def _twin(store: Store, clock: Clock, tmp_path: Path) -> Store:
    """A second store over a copy of ``store``'s folder (the same bytes and mark)."""
    copy = tmp_path / "twin"
    shutil.copytree(store.data_dir, copy)
    return Store(copy, clock=clock)


def _history(store: Store, clock: Clock, notes: list[str]) -> None:
    app = Application.new("Acme", "Engineer", now=clock())
    store.add_many([app, *(_checkin(clock, note, days_ago=i + 1) for i, note in enumerate(notes))])


# --------------------------------------------------------------------------- dump_with_spans

json_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
documents = st.dictionaries(
    json_text, st.one_of(json_text, st.integers(), st.booleans(), st.none()), max_size=4
)
tables = st.dictionaries(json_text, documents, max_size=4)


@given(st.dictionaries(json_text, tables, max_size=5), st.integers(0, 10**6))
def test_the_spans_dump_writes_the_bytes_of_one_json_dumps_and_point_at_each_table(
    raw: dict[str, Any], writes: int
) -> None:
    raw = {**raw, "_meta": {"schema": {"version": SCHEMA_VERSION}, "writes": {"count": writes}}}
    payload, spans = dump_with_spans(raw)
    ordered = {"_meta": raw["_meta"]} | {k: v for k, v in raw.items() if k != "_meta"}
    expected = json.dumps(ordered, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    assert payload == expected
    assert json.loads(payload) == ordered
    assert list(spans) == list(ordered)
    for name, (start, end) in spans.items():
        key = json.dumps(name, ensure_ascii=False).encode() + b":{"
        assert payload[start : start + len(key)] == key
        assert payload[end : end + 1] == b"}"
        assert json.loads(payload[start + len(key) - 1 : end + 1]) == ordered[name]


# --------------------------------------------------------------------------- the same bytes


@pytest.mark.parametrize("note", HOSTILE_NOTES)
def test_a_check_in_added_without_parsing_writes_the_bytes_of_a_full_save(
    store: Store, clock: Clock, tmp_path: Path, note: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _history(store, clock, HOSTILE_NOTES)
    twin = _twin(store, clock, tmp_path)
    record = _checkin(clock, note)
    twin.put(record)  # the full path: parse, TinyDB insert, encode everything
    _no_full_save(monkeypatch)
    store.add(record)
    assert store.path.read_bytes() == twin.path.read_bytes()
    assert store.snapshot().checkins[-1] == record


def test_the_first_check_in_of_an_emptied_table_is_spliced_as_a_full_save_would_write_it(
    store: Store, clock: Clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    only = _checkin(clock, "gone soon", days_ago=1)
    store.add(only)
    store.delete(CheckIn, only.id)
    assert b'"checkins":{}' in store.path.read_bytes()
    twin = _twin(store, clock, tmp_path)
    record = _checkin(clock, "first")
    twin.put(record)
    _no_full_save(monkeypatch)
    store.add(record)
    assert store.path.read_bytes() == twin.path.read_bytes()


def test_a_file_without_a_check_ins_table_gets_one_from_the_full_path(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(Application.new("Acme", "Engineer", now=clock()))
    assert b'"checkins"' not in store.path.read_bytes()
    assert not _spliced(store, clock, monkeypatch)
    assert _spliced(store, clock, monkeypatch)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=st.lists(st.text(max_size=30).filter(lambda t: "\x00" not in t), min_size=1, max_size=12))
def test_many_check_ins_in_a_row_keep_the_bytes_of_full_saves(
    tmp_path_factory: Any, notes: list[str]
) -> None:
    """Twelve saves carry the counter past 9 and 99 (its digits grow): the spans must follow."""
    clock = Clock(START)
    fast = Store(tmp_path_factory.mktemp("fast"), clock=clock)
    full = Store(tmp_path_factory.mktemp("full"), clock=clock)
    first = _checkin(clock, "start", days_ago=40)
    fast.add(first)
    full.put(first)
    for i, note in enumerate(notes * (1 + 12 // len(notes))):
        clean = "".join(ch for ch in note if not 0xD800 <= ord(ch) <= 0xDFFF)
        record = _checkin(clock, clean, days_ago=30 - i % 30)
        fast.add(record)
        full.put(record)
        assert fast.path.read_bytes() == full.path.read_bytes()
    assert fast.snapshot().checkins == full.snapshot().checkins


def test_the_counter_crossing_a_power_of_ten_moves_the_table_span(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    for day in range(9):
        store.put(_checkin(clock, f"day {day}", days_ago=20 - day))  # writes 1..9, full path
    _no_full_save(monkeypatch)
    for day in range(3):
        store.add(_checkin(clock, f"spliced {day}", days_ago=5 - day))  # writes 10, 11, 12
    payload = store.path.read_bytes()
    assert json.loads(payload)["_meta"]["writes"] == {"count": 12}
    assert payload == dump(json.loads(payload))
    mark = append.read_mark(store.good_mark.read_bytes())
    assert mark is not None and mark.checkins is not None
    start, end = mark.checkins
    assert payload[start : end + 1].startswith(b'"checkins":{') and payload[end : end + 1] == b"}"
    assert [c.note for c in store.snapshot().checkins][-3:] == ["spliced 0", "spliced 1", "spliced 2"]


# --------------------------------------------------------------------------- what a splice keeps


def test_a_spliced_save_keeps_the_first_backup_of_the_day_and_a_fresh_mark(
    store: Store, clock: Clock
) -> None:
    _history(store, clock, ["yesterday"])
    before = store.path.read_bytes()
    clock.now = START + timedelta(days=1)
    store.add(_checkin(clock, "today"))
    backup = store.backup_dir / f"rebound-{clock().date().isoformat()}.json"
    assert backup.read_bytes() == before
    mark = append.read_mark(store.good_mark.read_bytes())
    assert mark is not None
    assert mark.signature == files.signature(store.path.stat())
    assert mark.checksum is not None and mark.checkins is not None


def test_another_reader_sees_the_spliced_check_in(store: Store, clock: Clock) -> None:
    _history(store, clock, ["one"])
    reader = Store(store.data_dir, clock=clock)
    assert len(reader.snapshot().checkins) == 1
    record = _checkin(clock, "two")
    store.add(record)
    assert reader.changed()
    assert reader.snapshot().checkins[-1] == record
    assert not store.changed()  # its own save


# --------------------------------------------------------------------------- the full path instead


def _spliced(store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Add a check-in; True if it was spliced, False if it took the full path (and saved)."""
    calls: list[int] = []
    real = store_module.dump_with_spans

    def counting(raw: Any) -> Any:
        calls.append(1)
        return real(raw)

    monkeypatch.setattr(store_module, "dump_with_spans", counting)
    record = _checkin(clock, "checked")
    store.add(record)
    monkeypatch.setattr(store_module, "dump_with_spans", real)
    assert record in store.snapshot().checkins
    return not calls


def test_a_file_with_no_mark_is_checked_and_saved_in_full(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    _history(store, clock, ["one"])
    store.good_mark.unlink()
    assert not _spliced(store, clock, monkeypatch)
    assert _spliced(store, clock, monkeypatch)  # the full save left a mark with the layout


def test_a_mark_of_an_older_rebound_tui_is_trusted_for_the_check_but_not_for_a_splice(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    _history(store, clock, ["one"])
    sig = files.signature(store.path.stat())
    store.good_mark.write_text(" ".join(map(str, sig)))
    assert not _spliced(store, clock, monkeypatch)
    assert _spliced(store, clock, monkeypatch)


def test_bytes_changed_under_an_unchanged_signature_are_never_spliced(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor writing in place within one clock tick keeps size and mtime: the checksum tells."""
    _history(store, clock, ["one"])
    mark = store.good_mark.read_bytes()
    payload = store.path.read_bytes()
    edited = payload.replace(b'"one"', b'"eno"')
    assert len(edited) == len(payload)
    stat = store.path.stat()
    with open(store.path, "r+b") as handle:
        handle.write(edited)
    os.utime(store.path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    store.good_mark.write_bytes(mark)
    assert append.read_mark(mark) is not None
    assert not _spliced(store, clock, monkeypatch)
    assert [c.note for c in store.snapshot().checkins][:2] == ["eno", "checked"]


def test_a_mark_whose_span_is_wrong_sends_the_save_down_the_full_path(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    _history(store, clock, ["one", "two"])
    mark = append.read_mark(store.good_mark.read_bytes())
    assert mark is not None and mark.checkins is not None
    start, end = mark.checkins
    wrong = append.Mark(mark.signature, mark.checksum, (start + 1, end - 1))
    words = [*store.good_mark.read_text().split()[:5], f"checkins={start + 1},{end - 1}"]
    store.good_mark.write_text(" ".join(words))
    assert append.read_mark(store.good_mark.read_bytes()) == wrong
    assert not _spliced(store, clock, monkeypatch)
    assert len(store.snapshot().checkins) == 3


def test_a_file_of_another_schema_is_never_spliced(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    _history(store, clock, ["one"])
    payload = store.path.read_bytes()
    assert (
        append.append_checkin(
            payload,
            append.read_mark(store.good_mark.read_bytes()) or pytest.fail("no mark"),
            SCHEMA_VERSION + 1,
            "x",
            {},
        )
        is None
    )


def test_an_id_already_in_the_file_is_refused_by_the_full_path(store: Store, clock: Clock) -> None:
    record = _checkin(clock, "one")
    store.add(record)
    with pytest.raises(ValueError, match="already exists"):
        store.add(record)
    assert len(store.snapshot().checkins) == 1


@pytest.mark.parametrize(
    "text",
    [b"", b"junk", b"1 2 3", b"1 2 3 4 crc32=x", b"1 2 3 4 checkins=x,1", "é 1 2 3".encode()],
)
def test_a_mark_that_cannot_be_read_is_no_mark(text: bytes) -> None:
    assert append.read_mark(text) is None


def test_words_a_mark_does_not_know_are_left_alone() -> None:
    """A later rebound-tui may note more in the mark (even words holding "="): this one reads its own."""
    text = b"1 2 3 4 crc32=5 checkins=10,20 later=a=b"
    assert append.read_mark(text) == append.Mark((1, 2, 3, 4), 5, (10, 20))


@pytest.mark.parametrize("span", ["0,5", "7,7", "9,3", "1,2,3", "-4,8", "5"])
def test_a_span_that_cannot_be_in_a_file_is_no_span(span: str) -> None:
    assert append.read_mark(f"1 2 3 4 crc32=5 checkins={span}".encode()) == append.Mark((1, 2, 3, 4), 5, None)


def test_a_mark_with_a_checksum_but_no_span_is_not_spliced(store: Store, clock: Clock) -> None:
    _history(store, clock, ["one"])
    payload = store.path.read_bytes()
    mark = append.Mark(files.signature(store.path.stat()), zlib.crc32(payload), None)
    assert append.append_checkin(payload, mark, SCHEMA_VERSION, "x", {}) is None


def test_a_mark_reads_back_what_was_written() -> None:
    payload = b'{"_meta":{},"checkins":{}}'
    text = append.mark_text((1, 2, 3, 4), payload, (12, 24))
    assert append.read_mark(text) == append.Mark((1, 2, 3, 4), zlib.crc32(payload), (12, 24))
    assert append.read_mark(append.mark_text((1, 2, 3, 4))) == append.Mark((1, 2, 3, 4), None, None)


# ---------------------------------------------------------------- the reader's snapshot after a splice


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    offsets=st.lists(st.integers(-30 * 24 * 60, 0), min_size=1, max_size=6),
    moods=st.lists(st.integers(1, 5), min_size=6, max_size=6),
    note=st.text(max_size=20).filter(
        lambda t: "\x00" not in t and not any(0xD800 <= ord(c) <= 0xDFFF for c in t)
    ),
)
def test_a_reader_gets_the_spliced_check_in_in_its_place_without_reading_the_file_again(
    tmp_path_factory: Any, offsets: list[int], moods: list[int], note: str
) -> None:
    """Backfilled check-ins land among the old ones exactly where a full read sorts them."""
    clock = Clock(START)
    store = Store(tmp_path_factory.mktemp("reader"), clock=clock)
    _history(store, clock, ["a", "b", "c"])
    store.snapshot()
    with pytest.MonkeyPatch.context() as patch:
        seen = count_parses(patch)
        for i, (offset, mood) in enumerate(zip(offsets, moods, strict=False)):
            record = CheckIn.new(
                mood,
                timestamp=clock() + timedelta(minutes=offset),
                note=note,
                feelings=["calm"] if i % 2 else [],
                energy=3 if i % 3 == 0 else None,
                now=clock(),
            )
            store.add(record)
            mine = store.snapshot()
        assert seen == []
    assert mine == Store(store.data_dir, clock=clock).snapshot()


def test_check_ins_at_the_same_moment_sort_by_id_as_a_full_read_does(store: Store, clock: Clock) -> None:
    _history(store, clock, ["one"])
    store.snapshot()
    for _ in range(5):
        store.add(_checkin(clock, "same moment"))
    assert store.snapshot() == Store(store.data_dir, clock=clock).snapshot()


def test_a_reader_whose_snapshot_is_out_of_date_reads_the_file_again(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process saved since this store read: the splice is built on the file, and so is the read."""
    _history(store, clock, ["one"])
    store.snapshot()
    other = Store(store.data_dir, clock=clock)
    theirs = _checkin(clock, "from the other terminal", days_ago=2)
    other.add(theirs)
    mine = _checkin(clock, "mine")
    store.add(mine)
    seen = count_parses(monkeypatch)
    snapshot = store.snapshot()
    assert len(seen) == 1
    assert {theirs, mine} <= set(snapshot.checkins)
    assert snapshot == Store(store.data_dir, clock=clock).snapshot()
