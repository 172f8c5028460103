"""The store lets go of the file's bytes and parsed documents once the records are built (memory)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from rebound_tui.core.fields import clean_tags, parse_timestamp
from rebound_tui.core.models import CheckIn
from rebound_tui.storage.store import Store, StoreError, fingerprint


def _store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "data")
    store.add(CheckIn.new(4, note="first", feelings=("calm",)))
    return store


def test_after_the_snapshot_no_bytes_nor_documents_are_kept(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.snapshot()
    reader = Store(store.data_dir)
    snap = reader.snapshot()
    loaded = reader._loaded  # noqa: SLF001 - what the store keeps is the point of this test
    assert loaded is not None and loaded.snapshot is snap
    assert not hasattr(loaded, "payload") and vars(loaded)["_raw"] is None
    assert reader.snapshot() is snap  # the same file: the same records, read once
    assert vars(loaded)["_raw"] is None
    assert reader.raw()["checkins"]  # the documents are parsed again from the bytes just read
    assert reader.settings().weekly_target >= 1


def test_a_change_of_the_same_size_is_read_again(tmp_path: Path) -> None:
    """A file rewritten with the same length (another process) is never mistaken for the one read."""
    store = _store(tmp_path)
    reader = Store(store.data_dir)
    (before,) = reader.snapshot().checkins
    text = store.path.read_text()
    changed = text.replace('"note": "first"', '"note": "frost"').replace('"note":"first"', '"note":"frost"')
    assert changed != text and len(changed) == len(text)
    stat = os.stat(store.path)
    store.path.write_text(changed)
    os.utime(store.path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    (after,) = reader.snapshot().checkins
    assert (before.note, after.note) == ("first", "frost")


def test_fingerprint_tells_contents_apart() -> None:
    assert fingerprint(b"abc") == fingerprint(b"abc")
    assert len({fingerprint(b"abc"), fingerprint(b"abd"), fingerprint(b"ab"), fingerprint(b"")}) == 4


def test_equal_timestamps_read_one_after_the_other_share_one_object() -> None:
    text = "2026-11-30T09:15:00+01:00"
    first, second = parse_timestamp(text), parse_timestamp(str(json.loads(json.dumps(text))))
    assert first is second
    other = parse_timestamp("2026-11-30T09:16:00+01:00")
    assert other != first and parse_timestamp(text) == first


def test_equal_tag_sets_share_one_tuple() -> None:
    a = clean_tags(["Calm", "hopeful"], "feeling")
    b = clean_tags(["calm", " hopeful "], "feeling")
    assert a == ("calm", "hopeful") and a is b


def test_a_second_reader_waits_for_a_snapshot_half_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The TUI's thread reads while a worker builds the records: it waits for them, never fails."""
    store = _store(tmp_path)
    reader = Store(store.data_dir)
    started, release = threading.Event(), threading.Event()
    build = reader._to_snapshot  # noqa: SLF001 - slowed down to hold the worker halfway

    def slowly(raw: Any, **options: Any) -> Any:
        started.set()
        release.wait(5)
        return build(raw, **options)

    monkeypatch.setattr(reader, "_to_snapshot", slowly)
    worker_saw: list[object] = []
    worker = threading.Thread(target=lambda: worker_saw.append(reader.snapshot()))
    worker.start()
    assert started.wait(5)
    ui_saw: list[object] = []

    def ui_thread() -> None:
        try:
            ui_saw.append(reader.snapshot())
        except StoreError as exc:
            ui_saw.append(exc)

    ui = threading.Thread(target=ui_thread)
    ui.start()
    ui.join(0.2)
    release.set()
    worker.join(5)
    ui.join(5)
    assert len(ui_saw) == 1 and ui_saw[0] is worker_saw[0]


def test_a_damaged_record_is_named_on_every_read(tmp_path: Path) -> None:
    """A snapshot that fails halfway leaves no half-used cache: the next read names the record again."""
    store = _store(tmp_path)
    store.add(CheckIn.new(3))
    raw = json.loads(store.path.read_text())
    key = next(iter(raw["checkins"]))
    raw["checkins"][key]["mood"] = 9
    store.path.write_text(json.dumps(raw))
    reader = Store(store.data_dir)
    for _ in range(2):
        with pytest.raises(StoreError, match=f"check-in {key} is not valid"):
            reader.snapshot()
