"""save_week_note: one keep/try note per week, saved inside the lock, nothing written when nothing changed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rebound_tui.core.models import ValidationError, WeekNote
from rebound_tui.storage.edits import save_week_note
from rebound_tui.storage.store import Store
from tests.storage.clock_support import Clock

WEEK = date(2026, 11, 23)


def test_a_note_is_saved_then_changed_in_place(store: Store, clock: Clock) -> None:
    """The second save for the same week keeps the id and takes the new text."""
    first = save_week_note(store, WEEK, "walks", "")
    clock.now += timedelta(minutes=1)
    second = save_week_note(store, WEEK, "walks", "one coffee chat")
    assert second.id == first.id and second.updated > first.updated
    (stored,) = store.snapshot().week_notes
    assert (stored.week, stored.keep, stored.try_next) == (WEEK, "walks", "one coffee chat")


def test_the_same_text_writes_nothing(store: Store) -> None:
    """Saving the note as it is leaves the file untouched."""
    save_week_note(store, WEEK, "walks", "chat")
    before = store.path.read_bytes()
    save_week_note(store, WEEK, "walks", "chat")
    assert store.path.read_bytes() == before


def test_another_machines_note_for_the_week_is_the_one_changed(store: Store) -> None:
    """A note for the same week that came in a merge is updated, never doubled."""
    theirs = WeekNote.new(WEEK, keep="theirs", now=store.now())
    store.add(theirs)
    mine = save_week_note(store, WEEK, "mine", "")
    assert mine.id == theirs.id
    assert [n.keep for n in store.snapshot().week_notes] == ["mine"]


def test_blank_notes_are_refused_before_writing(store: Store) -> None:
    """Nothing to keep nor to try: one line, no file."""
    with pytest.raises(ValidationError, match="one thing to keep"):
        save_week_note(store, WEEK, "  ", "")
    assert not store.path.exists()


def test_a_form_never_overwrites_a_note_written_meanwhile(store: Store, clock: Clock) -> None:
    """With check, a note written (or changed) elsewhere since the form opened is kept, not overwritten."""
    with pytest.raises(ValidationError, match="changed in another rebound-tui"):
        opened_empty = None
        save_week_note(store, WEEK, "theirs", "")
        save_week_note(store, WEEK, "mine", "", expected=opened_empty, check=True)
    (opened,) = store.snapshot().week_notes
    clock.now += timedelta(minutes=1)
    save_week_note(store, WEEK, "theirs, edited", "")
    with pytest.raises(ValidationError, match="changed in another rebound-tui"):
        save_week_note(store, WEEK, "mine", "", expected=opened, check=True)
    assert [n.keep for n in store.snapshot().week_notes] == ["theirs, edited"]
    (fresh,) = store.snapshot().week_notes
    assert save_week_note(store, WEEK, "mine", "", expected=fresh, check=True).keep == "mine"
