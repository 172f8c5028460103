"""Field-level changes: only what the person changed, applied inside the lock to the record as it is now.

A form opens with a copy of a record and gives back an edited copy. Writing the
edited copy whole would undo whatever another process saved in between (a
``checkin edit`` from another terminal, a deletion). So :func:`apply_edit`
compares the two copies, keeps only the fields the person changed, and applies
those, inside one transaction, to the record as it is on disk at that moment:

- a field the other side changed too, to another value, is a :class:`Conflict`:
  nothing is written until the person has chosen (``choices``);
- a record deleted meanwhile is not brought back (its tombstone would stay):
  the outcome says so, and ``as_new`` keeps the edit as a new record instead;
- ``updated`` is the time of the save, and a form with no change writes nothing.

:func:`undo_change` takes a change back only if nothing else changed the record
since, :func:`update_settings` changes single settings the same way, and
:func:`save_week_note` writes the weekly review's keep/try note for a week.
No UI library here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any, TypeVar

from rebound_tui.core.models import (
    JOB_SEARCH_ACTIVITIES,
    Record,
    Settings,
    ValidationError,
    WeekNote,
    clean_tag,
    new_id,
)
from rebound_tui.storage.documents import SETTINGS_TABLE
from rebound_tui.storage.store import Store

_R = TypeVar("_R", bound=Record)

_BOOKKEEPING = frozenset({"id", "created", "updated"})
"""Fields a form never changes: they are the store's to keep."""


@dataclass(frozen=True)
class Conflict:
    """One field both sides changed since the form opened, to different values."""

    name: str
    """The field's name (``note``, ``mood``, ``when``...)."""
    mine: Any
    """What the person typed in the form."""
    theirs: Any
    """What is on disk now (saved by another process since the form opened)."""


@dataclass(frozen=True)
class EditOutcome:
    """What became of one field-level edit."""

    saved: Record | None = None
    """The record as written, or None when nothing was written."""
    unchanged: bool = False
    """The form came back as it opened: nothing to write, and nothing was."""
    conflicts: tuple[Conflict, ...] = ()
    """Fields to choose between before anything is written."""
    deleted: bool = False
    """The record was deleted meanwhile; nothing was written (see ``as_new``)."""
    changes: Mapping[str, Any] = field(default_factory=dict)
    """The fields the person changed, with their new values."""


def same(a: object, b: object) -> bool:
    """Equal values of the same type; moments are the same when they are the same instant.

    So a form that gives back a round's time in another UTC offset has not changed
    it, and the time on disk keeps the offset and seconds it was logged with.
    """
    if isinstance(a, datetime) and isinstance(b, datetime):
        return a == b
    return type(a) is type(b) and a == b


def changed_fields(original: Record, edited: Record) -> dict[str, Any]:
    """The fields ``edited`` changed compared with ``original`` (never id, created, updated)."""
    return {
        f.name: getattr(edited, f.name)
        for f in fields(original)
        if f.name not in _BOOKKEEPING and not same(getattr(original, f.name), getattr(edited, f.name))
    }


def apply_edit(
    store: Store,
    original: _R,
    edited: _R,
    *,
    choices: Mapping[str, Any] | None = None,
    as_new: bool = False,
) -> EditOutcome:
    """Apply the fields changed between ``original`` and ``edited`` to the record as it is now.

    Args:
        store: where the record lives.
        original: the copy the form opened with.
        edited: the copy the form gave back (same id).
        choices: for fields in conflict, the value the person chose.
        as_new: when the record was deleted meanwhile, keep the edited copy as a new record.

    Raises:
        StoreError, ValidationError, OSError: nothing was written.
    """
    changes = changed_fields(original, edited)
    if not changes:
        return EditOutcome(unchanged=True)
    chosen = dict(choices or {})
    kind = type(original).KIND
    with store.transaction() as txn:
        now = store.now()
        if original.id not in txn.raw().get(kind, {}):
            if not as_new:
                return EditOutcome(deleted=True, changes=changes)
            fresh = replace(edited, id=new_id(), created=now, updated=now)
            txn.insert([fresh])
            return EditOutcome(saved=fresh, changes=changes)
        current = txn.get(type(original), original.id)
        conflicts = tuple(
            Conflict(name, value, getattr(current, name))
            for name, value in changes.items()
            if name not in chosen
            and not same(getattr(current, name), getattr(original, name))
            and not same(getattr(current, name), value)
        )
        if conflicts:
            return EditOutcome(conflicts=conflicts, changes=changes)
        merged = replace(current, **{**changes, **chosen})
        if not changed_fields(current, merged):
            return EditOutcome(unchanged=True, changes=changes)  # the other side made the same change
        saved = replace(merged, updated=now)
        txn.put(saved)
    return EditOutcome(saved=saved, changes=changes)


def undo_change(store: Store, before: Record, after: Record | None) -> bool:
    """Put ``before`` back, if the record is still as this app left it; True if put back.

    ``after`` is the record as the change saved it, or None for a deletion (the record
    must still be deleted). The restored record's tombstone goes, and ``updated``
    becomes now, so a later merge keeps the undo. When something else changed the
    record since, nothing is written and False is returned.
    """
    kind = type(before).KIND
    with store.transaction() as txn:
        docs = txn.raw().get(kind, {})
        if after is None:
            if before.id in docs:
                return False
        else:
            if before.id not in docs or docs[before.id] != after.to_doc():
                return False
        restored = before.touched(store.now())
        txn.put(restored)
        txn.drop_tombstone(before.id)
    return True


def update_settings(store: Store, **changes: Any) -> Settings:
    """Change only the named settings, inside the lock, keeping what others saved meanwhile.

    ``updated`` becomes the time of the save; with no change nothing is written.
    Returns the settings as they are after the change.

    Raises:
        ValidationError: a value is not valid (nothing is written).
    """
    with store.transaction() as txn:
        current = Settings.from_doc(txn.raw().get(SETTINGS_TABLE, {}).get("user", {}))
        wanted = replace(current, **changes)
        if all(same(getattr(current, name), getattr(wanted, name)) for name in changes):
            return current
        saved = replace(wanted, updated=store.now())
        txn.put_settings(saved)
    return saved


def update_action_tags(store: Store, add: tuple[str, ...] = (), remove: tuple[str, ...] = ()) -> Settings:
    """Add and remove the person's own action tags, inside the lock, on the tags as they are now.

    Tags are cleaned like check-in tags; a built-in tag always counts, so adding
    one changes nothing. Removals come first. With no change nothing is written.

    Raises:
        ValidationError: a tag is not valid, or one to remove is not among them (nothing is written).
    """
    adding = [clean_tag(tag, "action") for tag in add]
    removing = [clean_tag(tag, "action") for tag in remove]

    def change(current: Settings) -> dict[str, Any]:
        tags = list(current.action_tags)
        for tag in removing:
            if tag in JOB_SEARCH_ACTIVITIES:
                raise ValidationError(f"{tag!r} is built in and always counts as a job-search action")
            if tag not in tags:
                raise ValidationError(f"{tag!r} is not one of your action tags")
            tags.remove(tag)
        tags.extend(t for t in adding if t not in JOB_SEARCH_ACTIVITIES and t not in tags)
        return {"action_tags": tuple(tags)}

    with store.transaction() as txn:
        current = Settings.from_doc(txn.raw().get(SETTINGS_TABLE, {}).get("user", {}))
        wanted = replace(current, **change(current))
        if wanted.action_tags == current.action_tags:
            return current
        saved = replace(wanted, updated=store.now())
        txn.put_settings(saved)
    return saved


WEEK_NOTE_CHANGED = (
    "the note for this week was changed in another rebound-tui while this form was open; "
    "nothing was overwritten (close the form to see it)"
)


def save_week_note(
    store: Store,
    week: date,
    keep: str,
    try_next: str,
    *,
    expected: WeekNote | None = None,
    check: bool = False,
) -> WeekNote:
    """Save what to keep and what to try in the week starting ``week``, inside the lock.

    One note per week: the note already there for that week (written here or on
    another machine) gets the new text, keeping its id; otherwise a new one is made.
    A note whose text is already this writes nothing. Text is checked before the lock.
    With ``check``, ``expected`` is the week's note as a form opened it (None: there
    was none): if the note on disk is not that one any more, nothing is written.

    Raises:
        ValidationError: both parts are blank, a part is too long, or (with ``check``)
            the note changed since the form opened.
    """
    if not keep.strip() and not try_next.strip():
        raise ValidationError("write one thing to keep or one thing to try (or both)")
    candidate = WeekNote.new(week, keep=keep, try_next=try_next, now=store.now())  # checks the text
    with store.transaction() as txn:
        current: WeekNote | None = None
        for key, doc in txn.raw().get(WeekNote.KIND, {}).items():
            if doc.get("week") == week.isoformat():
                current = WeekNote.from_doc(key, doc)
                break
        if check and current != expected:
            raise ValidationError(WEEK_NOTE_CHANGED)
        if current is None:
            txn.put(candidate)
            return candidate
        if (current.keep, current.try_next) == (candidate.keep, candidate.try_next):
            return current
        saved = current.touched(store.now(), keep=candidate.keep, try_next=candidate.try_next)
        txn.put(saved)
        return saved
