"""Saving a record replaces it whole: a field left out while unset is cleared, not kept (issue 14, item 12).

An upsert merges fields, so clearing an optional field that the document leaves
out while unset (``Round.reflect_later``) used to keep its old value on disk.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from rebound_tui.core.models import Application, Outcome, Round, Stage
from rebound_tui.storage.store import Store
from tests.tui.conftest import NOW, frozen


def test_clearing_an_optional_field_sticks(tmp_path: Path) -> None:
    store = Store(tmp_path, clock=frozen)
    app = Application.new("Fernway", "SRE", now=NOW)
    rnd = Round.new(app.id, Stage.ONSITE, when=NOW, outcome=Outcome.REJECTED, now=NOW)
    later = rnd.touched(NOW, reflect_later=NOW.date() + timedelta(days=2))
    store.add_many([app, later])
    assert store.snapshot().rounds[0].reflect_later == NOW.date() + timedelta(days=2)
    store.put(later.touched(NOW, reflect_later=None))
    assert store.snapshot().rounds[0].reflect_later is None
    assert "reflect_later" not in store.path.read_text()
    assert store.snapshot().rounds[0] == later.touched(NOW, reflect_later=None)
