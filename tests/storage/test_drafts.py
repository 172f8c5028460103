"""The drafts file (issue 14, item 1): private, replaced atomically, one draft per key, never data."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from rebound_tui.core.models import CheckIn
from rebound_tui.storage.drafts import DraftBook
from rebound_tui.storage.interop.json_format import export_json
from rebound_tui.storage.store import Store
from tests.tui.conftest import NOW, frozen


def test_keep_get_drop(tmp_path: Path) -> None:
    book = DraftBook(tmp_path / "data")
    assert book.get("checkin:new") is None
    book.keep("checkin:new", {"mood": 3, "note": "half"}, now=NOW)
    book.keep("reflection:r1", {"went-well": "calm", "rate-examples": 4})
    draft = book.get("checkin:new")
    assert draft is not None and draft.fields == {"mood": 3, "note": "half"} and draft.kept_at == NOW
    book.keep("checkin:new", {"mood": 3, "note": "half a note"})
    assert book.get("checkin:new").fields["note"] == "half a note"  # type: ignore[union-attr]
    assert book.keys() == ["checkin:new", "reflection:r1"]
    book.drop("checkin:new")
    book.drop("checkin:new")  # twice: nothing happens
    assert book.keys() == ["reflection:r1"]
    book.drop("reflection:r1")
    assert not book.path.exists()  # the last draft gone: no file left behind


def test_private_and_in_the_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    book = DraftBook(data)
    book.keep("checkin:new", {"note": "private"})
    assert book.path == data / "drafts.json"
    assert stat.S_IMODE(book.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert [p.name for p in data.iterdir()] == ["drafts.json"]  # no temp file left behind


def test_an_unreadable_file_reads_as_empty_and_is_replaced(tmp_path: Path) -> None:
    book = DraftBook(tmp_path)
    book.path.write_text("{not json")
    assert book.get("x") is None and book.keys() == []
    book.keep("x", {"note": "a"})
    assert json.loads(book.path.read_text())["drafts"]["x"]["fields"] == {"note": "a"}


def test_a_symlink_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.json"
    target.write_text("precious")
    book = DraftBook(tmp_path)
    os.symlink(target, book.path)
    assert book.get("x") is None
    try:
        book.keep("x", {"note": "a"})
    except Exception as exc:  # any one-line refusal will do
        assert "symbolic link" in str(exc)
    assert target.read_text() == "precious"


def test_never_in_the_journal_its_backups_or_an_export(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store(data, clock=frozen)
    DraftBook(data).keep("checkin:new", {"note": "a draft, not a record"})
    store.add(CheckIn.new(4, timestamp=NOW, now=NOW))
    store.add(CheckIn.new(3, timestamp=NOW, now=NOW))  # a later save backs the file up
    found = [p for p in data.rglob("*") if p.is_file() and p.name != "drafts.json"]
    assert found and all(b"a draft, not a record" not in p.read_bytes() for p in found)
    assert "a draft, not a record" not in export_json(store.snapshot())
    assert store.backups()  # a backup was made, and holds no draft (above)
