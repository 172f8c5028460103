"""The TUI's hold on the data: the store, the snapshot and figures shown, and every change.

One :class:`Session` per app. Screens read its snapshot and report (through
:class:`rebound_tui.tui.messages.DataView`); the app asks it for every change,
one method per kind, each applied as one change inside the store's lock the
moment the person confirms. A store that cannot be written never raises into
Textual: every change answers with a :class:`SaveResult` saying, in one line,
why nothing was saved, and the data shown stays as it was.

Edits take both copies, the one the form opened with and the one it gave back:
only the fields the person changed are applied, inside the lock, to the record
as it is on disk then (:mod:`rebound_tui.storage.edits`). A field changed
elsewhere too, or a record deleted elsewhere, comes back in the result for the
app to ask about; undo takes a change back only if nothing changed it since.

The changes may run in a worker thread (a save can wait for another
rebound-tui's lock); :attr:`Session.saving` tells the app's poll to wait.

No Textual here: the session is tested with plain pytest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from rebound_tui.core.models import (
    Application,
    CheckIn,
    Outcome,
    Record,
    RestDay,
    Round,
    Settings,
    Snapshot,
    ValidationError,
    WeekNote,
    now_local,
)
from rebound_tui.core.streaks import Streak
from rebound_tui.storage.quick import glance_streak, glance_theme
from rebound_tui.storage.store import Store, StoreError
from rebound_tui.tui.messages import DataUnreadable

# The edits module (and the metrics) are imported where used: every change and the full
# load come after the first paint, which does not wait for them.
if TYPE_CHECKING:
    from rebound_tui.core.metrics import Report
    from rebound_tui.storage.edits import Conflict

_R = TypeVar("_R", bound=Record)


@dataclass(frozen=True)
class SaveResult:
    """What became of one change: saved, or why not (one line, nothing lost)."""

    saved: bool = True
    problem: str = ""
    """Why nothing was saved, when ``saved`` is False."""
    unchanged: bool = False
    """The form came back as it opened: there was nothing to write, and nothing was."""
    read_problem: str = ""
    """Saved, but the file could not be read back: what is shown is the last good read."""
    conflicts: tuple[Conflict, ...] = ()
    """Not saved yet: fields another rebound-tui changed too; ask the person, then save with choices."""
    deleted: bool = False
    """Not saved: the record was deleted elsewhere meanwhile (it can be kept as a new one)."""
    record: Record | None = None
    """The record as written, when an edit was saved."""


@dataclass(frozen=True)
class UndoStep:
    """How to take back one change: put ``before`` back, if the record is still as left."""

    label: str
    """What ctrl+z takes back, for the person: "the deletion of the check-in of ..."."""
    before: CheckIn | Round | Application
    after: CheckIn | Round | Application | None = None
    """The record as the change wrote it; None for a deletion."""
    along: tuple[Round, ...] = ()
    """Rounds deleted with an application (``before``), put back with it."""


CHANGED_SINCE = (
    "{label} was not undone: this record was changed in another rebound-tui since, and that change is kept."
)


def _one_line(exc: BaseException) -> str:
    """A failure in one line, without a traceback (a traceback can carry private text)."""
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"the data file could not be written: {exc.strerror or type(exc).__name__}{where}"
    return " ".join(str(exc).split()) or type(exc).__name__


class Session:
    """The store of one app, the snapshot and report it shows, and the changes it makes.

    Args:
        store: the open store.
        clock: returns "now" with a UTC offset (tests freeze it).
        on_change: called after a reload or a save changed what the session holds (not
            after :meth:`accept`, whose caller knows). The app redraws its screens then.
    """

    def __init__(
        self,
        store: Store,
        *,
        clock: Callable[[], datetime] = now_local,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.on_change = on_change
        self.version = 0
        """Goes up each time the snapshot is replaced."""
        self.undo_steps: list[UndoStep] = []
        """Changes that ctrl+z can take back (History's edits and deletions), newest last."""
        self.saving = 0
        """How many changes are being written now (a worker thread may be waiting for the lock)."""
        self._snapshot: Snapshot | None = None
        self._report: Report | None = None
        self._ever_loaded = False

    def now(self) -> datetime:
        return self.clock()

    @property
    def waiting_for_another(self) -> bool:
        """True while a save waits for another rebound-tui that holds the store's lock."""
        return self.store.waiting_for_lock

    # ----------------------------------------------------------------- reading

    @property
    def snapshot(self) -> Snapshot:
        """Every record as last read (read now if never read); raises DataUnreadable."""
        if self._snapshot is None:
            try:
                self._snapshot = self.store.snapshot()
            except StoreError as exc:
                raise DataUnreadable(str(exc)) from None
            self._ever_loaded = True
        return self._snapshot

    @property
    def report(self) -> Report:
        """Every figure of the snapshot, computed once per snapshot; raises DataUnreadable."""
        if self._report is None:
            from rebound_tui.core.metrics import compute_all  # not needed for the first paint

            self._report = compute_all(self.snapshot, self.now().date())
        return self._report

    @property
    def data_ready(self) -> bool:
        """True once every record has been read; until then Today shows its quick figures."""
        return self._ever_loaded

    def quick_streak(self, today: date) -> Streak:
        """The check-in streak from the raw file, for the first paint; raises DataUnreadable."""
        try:
            return glance_streak(self.store, today)
        except StoreError as exc:
            raise DataUnreadable(str(exc)) from None

    def saved_theme(self) -> str | None:
        """The theme kept in the settings, or None when the file cannot be read."""
        try:
            return glance_theme(self.store)
        except StoreError:
            return None

    def read_everything(self, today: date) -> tuple[Snapshot, Report]:
        """Read every record and compute the figures, changing nothing here (a worker thread's job).

        Hand the result to :meth:`accept` on the app's thread. Raises DataUnreadable.
        """
        from rebound_tui.core.metrics import compute_all

        try:
            snapshot = self.store.snapshot()
        except StoreError as exc:
            raise DataUnreadable(str(exc)) from None
        return snapshot, compute_all(snapshot, today)

    def accept(self, snapshot: Snapshot, report: Report) -> bool:
        """Take what :meth:`read_everything` read, unless a reload came first; True if taken."""
        if self._ever_loaded:
            return False
        self._snapshot, self._report = snapshot, report
        self._ever_loaded = True
        self.version += 1
        return True

    def changed_elsewhere(self) -> bool:
        """True when another process (a quick check-in in another terminal) wrote the file.

        False while a change of this session is being written: it reads the file back itself.
        """
        if self.saving:
            return False
        try:
            return self.store.changed()
        except StoreError:
            return False

    def reload(self) -> str | None:
        """Read the file again; None when done, else why not (what was shown stays).

        Nothing is ever written here: a file that cannot be read is left as it is.
        """
        try:
            snapshot = self.store.snapshot()
        except StoreError as exc:
            return str(exc)
        self._snapshot = snapshot
        self._report = None
        self._ever_loaded = True
        self.version += 1
        if self.on_change is not None:
            self.on_change()
        return None

    # ----------------------------------------------------------------- changes

    @contextmanager
    def _writing(self) -> Iterator[None]:
        self.saving += 1
        try:
            yield
        finally:
            self.saving -= 1

    def _apply(self, change: Callable[[Store], object]) -> SaveResult:
        """Run one store change (one locked read-modify-write), then read the result back."""
        with self._writing():
            try:
                change(self.store)
            except (StoreError, ValidationError, OSError) as exc:
                return SaveResult(saved=False, problem=_one_line(exc))
            return SaveResult(read_problem=self.reload() or "")

    def _edit(
        self,
        original: _R,
        edited: _R,
        choices: Mapping[str, Any] | None = None,
        *,
        as_new: bool = False,
    ) -> SaveResult:
        """Save only the fields changed between ``original`` (as the form opened) and ``edited``.

        They are applied inside the lock to the record as it is on disk now
        (:func:`rebound_tui.storage.edits.apply_edit`): a form that comes back
        unchanged writes nothing; a field changed elsewhere too comes back as a
        conflict (save again with ``choices``); a record deleted meanwhile comes back
        ``deleted`` (save again with ``as_new`` to keep the edit as a new record).
        """
        from rebound_tui.storage.edits import apply_edit

        with self._writing():
            try:
                outcome = apply_edit(self.store, original, edited, choices=choices, as_new=as_new)
            except (StoreError, ValidationError, OSError) as exc:
                return SaveResult(saved=False, problem=_one_line(exc))
            if outcome.unchanged:
                return SaveResult(unchanged=True)
            if outcome.conflicts:
                problem = "changed in another rebound-tui meanwhile"
                return SaveResult(saved=False, problem=problem, conflicts=outcome.conflicts)
            if outcome.deleted:
                return SaveResult(
                    saved=False, problem="deleted in another rebound-tui meanwhile", deleted=True
                )
            return SaveResult(read_problem=self.reload() or "", record=outcome.saved)

    def _undoable(
        self, result: SaveResult, what: str, label: str | None, before: CheckIn | Round
    ) -> SaveResult:
        """Keep a step for ctrl+z ("the edit of <label>") when a label is given and something was written."""
        if label is None or not result.saved or result.unchanged:
            return result
        after = result.record if isinstance(result.record, (CheckIn, Round)) else None
        if what == "edit" and (after is None or after.id != before.id):
            return result  # kept as a new record: deleting it is the way back
        self.undo_steps.append(UndoStep(f"the {what} of {label}", before, after))
        return result

    def add_checkin(self, checkin: CheckIn) -> SaveResult:
        """Save a new check-in."""
        return self._apply(lambda store: store.add(checkin))

    def edit_checkin(
        self,
        original: CheckIn,
        edited: CheckIn,
        *,
        undo_label: str | None = None,
        choices: Mapping[str, Any] | None = None,
        as_new: bool = False,
    ) -> SaveResult:
        """Save a corrected check-in (``original`` is the copy the form opened with; see :meth:`_edit`)."""
        result = self._edit(original, edited, choices, as_new=as_new)
        return self._undoable(result, "edit", undo_label, original)

    def add_application(self, application: Application) -> SaveResult:
        """Save a new application."""
        return self._apply(lambda store: store.add(application))

    def edit_application(
        self,
        original: Application,
        edited: Application,
        *,
        choices: Mapping[str, Any] | None = None,
        as_new: bool = False,
    ) -> SaveResult:
        """Save a changed company, role or source (``original`` is the copy the form opened with)."""
        return self._edit(original, edited, choices, as_new=as_new)

    def log_round(self, rnd: Round) -> SaveResult:
        """Save a new interview round."""
        return self._apply(lambda store: store.put(rnd))

    def edit_round(
        self,
        original: Round,
        edited: Round,
        *,
        undo_label: str | None = None,
        choices: Mapping[str, Any] | None = None,
        as_new: bool = False,
    ) -> SaveResult:
        """Save a changed round (``original`` is the copy the form opened with)."""
        result = self._edit(original, edited, choices, as_new=as_new)
        return self._undoable(result, "edit", undo_label, original)

    def save_reflection(
        self,
        original: Round,
        edited: Round,
        *,
        choices: Mapping[str, Any] | None = None,
        as_new: bool = False,
    ) -> SaveResult:
        """Save the ratings, notes and outside factors of a round's reflection."""
        return self._edit(original, edited, choices, as_new=as_new)

    def delete(self, record: CheckIn | Round, *, undo_label: str | None = None) -> SaveResult:
        """Delete a check-in or a round (a tombstone stays); with ``undo_label``, ctrl+z brings it back."""
        result = self._apply(lambda store: store.delete(type(record), record.id))
        return self._undoable(result, "deletion", undo_label, record)

    # ----------------------------------------------------------------- managing applications

    def delete_application(self, application: Application, *, undo_label: str) -> SaveResult:
        """Delete an application with its rounds (tombstones stay); ctrl+z brings them all back."""
        from rebound_tui.storage.applications import delete_application  # not needed for the first paint

        gone: list[tuple[Application, list[Round]]] = []
        result = self._apply(lambda store: gone.append(delete_application(store, application.id)))
        if result.saved and gone:
            app, rounds = gone[0]
            self.undo_steps.append(UndoStep(f"the deletion of {undo_label}", app, None, tuple(rounds)))
        return result

    def set_archived(self, application: Application, archived: bool, *, undo_label: str) -> SaveResult:
        """Archive an application (or bring it back); ctrl+z takes it back."""
        from rebound_tui.storage.applications import set_archived

        done: list[tuple[Application, bool]] = []
        result = self._apply(lambda store: done.append(set_archived(store, application.id, archived)))
        if not (result.saved and done):
            return result
        saved, changed = done[0]
        if not changed:
            return SaveResult(unchanged=True, read_problem=result.read_problem)
        before = replace(saved, archived=None if archived else application.archived or saved.updated)
        what = "archiving" if archived else "unarchiving"
        self.undo_steps.append(UndoStep(f"the {what} of {undo_label}", before, saved))
        return SaveResult(read_problem=result.read_problem, record=saved)

    def close_application(self, application: Application, outcome: Outcome) -> SaveResult:
        """Close an application as withdrawn or ghosted (see ``core.applications.closing``)."""
        from rebound_tui.storage.applications import close_application

        return self._apply(lambda store: close_application(store, application.id, outcome))

    def set_follow_up(self, application: Application, day: date) -> SaveResult:
        """Give an application a day to follow up (on its latest round, or a first 'applied' round)."""
        from rebound_tui.storage.applications import set_follow_up

        return self._apply(lambda store: set_follow_up(store, application.id, day))

    def note_quiet_offer(self, application: Application, day: date) -> SaveResult:
        """Remember that the quiet offer was made for ``application`` (it is made once)."""
        from rebound_tui.storage.applications import note_quiet_offer

        noted: list[bool] = []
        result = self._apply(lambda store: noted.append(note_quiet_offer(store, application.id, day)))
        return result if not result.saved or (noted and noted[0]) else SaveResult(unchanged=True)

    @property
    def next_undo(self) -> UndoStep | None:
        """What :meth:`undo` would take back, if anything."""
        return self.undo_steps[-1] if self.undo_steps else None

    def undo(self) -> SaveResult:
        """Put back the record as it was before the last undoable change (its tombstone goes).

        Only if nothing changed the record since: otherwise nothing is written, the
        step is dropped (it can no longer be taken back) and the result says why. A
        step whose restore could not be written can be tried again.
        """
        if not self.undo_steps:
            return SaveResult(unchanged=True)
        from rebound_tui.storage.edits import undo_change  # here, not inside the lock

        step = self.undo_steps[-1]
        put_back: list[bool] = []

        def take_back(store: Store) -> None:
            if step.after is None and isinstance(step.before, Application):
                from rebound_tui.storage.applications import restore_deleted

                put_back.append(restore_deleted(store, [step.before, *step.along]))
            else:
                put_back.append(undo_change(store, step.before, step.after))

        result = self._apply(take_back)
        if not result.saved:
            return result
        self.undo_steps.pop()
        if not put_back[0]:
            label = step.label[:1].upper() + step.label[1:]
            return SaveResult(saved=False, problem=CHANGED_SINCE.format(label=label))
        return result

    def save_settings(self, settings: Settings) -> SaveResult:
        """Save the settings as given (their ``updated`` becomes now)."""
        return self._apply(lambda store: store.save_settings(settings))

    def save_week_note(self, note: WeekNote, opened: WeekNote | None) -> SaveResult:
        """Save what to keep and try in ``note.week``; ``opened`` is that week's note as the form opened.

        Written inside the lock to the note as it is on disk then; if another rebound-tui
        wrote that week's note since the form opened, nothing is overwritten and the
        result says so.
        """
        from rebound_tui.storage.edits import save_week_note

        return self._apply(
            lambda store: save_week_note(
                store, note.week, note.keep, note.try_next, expected=opened, check=True
            )
        )

    def save_theme(self, theme: str) -> SaveResult:
        """Keep ``theme`` in the settings for next time; only the theme changes, inside the lock."""
        try:
            current = self.snapshot.settings
        except DataUnreadable as exc:
            return SaveResult(saved=False, problem=str(exc))
        if current.theme == theme:
            return SaveResult(unchanged=True)
        from rebound_tui.storage.edits import update_settings

        return self._apply(lambda store: update_settings(store, theme=theme))

    def save_settings_changes(self, opened: Settings, changes: Mapping[str, Any]) -> SaveResult:
        """Save what the Settings dialog changed (``opened``: the settings it showed), only that.

        Each setting named is written inside the lock, so one changed elsewhere meanwhile
        is kept. Action tags are saved as the tags added and removed since the dialog
        opened, so a tag another rebound-tui added meanwhile (an import) stays.
        """
        if not changes:
            return SaveResult(unchanged=True)
        rest = dict(changes)
        tags = rest.pop("action_tags", None)
        from rebound_tui.storage.edits import update_action_tags, update_settings  # not inside the lock

        def change(store: Store) -> None:
            if tags is not None:
                added = tuple(t for t in tags if t not in opened.action_tags)
                now = store.settings().action_tags
                gone = tuple(t for t in opened.action_tags if t not in tags and t in now)
                update_action_tags(store, add=added, remove=gone)
            if rest:
                update_settings(store, **rest)

        return self._apply(change)

    def add_pause(self, rest: RestDay) -> SaveResult:
        """Save a new pause (rest days)."""
        return self._apply(lambda store: store.add(rest))

    def delete_pause(self, rest: RestDay) -> SaveResult:
        """Delete a pause (a tombstone stays, as for every record)."""
        return self._apply(lambda store: store.delete(RestDay, rest.id))
