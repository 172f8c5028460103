"""The store lets go of the file's bytes and parsed documents once the records are built (memory)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from rebound_tui.core.fields import clean_tags, parse_timestamp
from rebound_tui.core.models import CheckIn
from rebound_tui.storage.store import Store, fingerprint


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
