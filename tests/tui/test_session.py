"""The Session without Textual: reading, noticing other writers, and every kind of change."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from rebound_tui.core.models import Application, CheckIn, Outcome, Round, Settings, Stage
from rebound_tui.storage.store import Store
from rebound_tui.tui.messages import DataUnreadable
from rebound_tui.tui.session import SaveResult, Session
from tests.tui.conftest import NOW, TZ, frozen


class Counter:
    """Counts the session's change notices (what the app redraws on)."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1


@pytest.fixture
def changes() -> Counter:
    return Counter()


@pytest.fixture
def session(store: Store, changes: Counter) -> Session:
    return Session(store, clock=frozen, on_change=changes)


def _damage(store: Store) -> bytes:
    """Make the data file unreadable; return its bytes, which nothing may change."""
    store.data_dir.mkdir(mode=0o700, exist_ok=True)
    damaged = b'{"checkins": {"x": '
    store.path.write_bytes(damaged)
    return damaged


@pytest.fixture
def lock_held(store: Store) -> Iterator[None]:
    """Another process holds the store's lock for the whole test (the session's store gives up fast)."""
    store.data_dir.mkdir(mode=0o700, exist_ok=True)
    fd = os.open(store.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    store.lock_timeout = 0.05
    try:
        yield
    finally:
        os.close(fd)


def _round(session: Session, outcome: Outcome = Outcome.PENDING) -> tuple[Application, Round]:
    app = Application.new("Acme Cloud", "SRE", now=NOW)
    rnd = Round.new(app.id, Stage.TECHNICAL, when=NOW, outcome=outcome, now=NOW)
    assert session.add_application(app).saved
    assert session.log_round(rnd).saved
    return app, rnd


class TestReading:
    def test_snapshot_is_read_on_first_use(self, session: Session, store: Store) -> None:
        """Nothing is read until asked; then the snapshot holds what the file holds."""
        store.add(CheckIn.new(4, now=NOW))
        assert not session.data_ready
        assert [c.mood for c in session.snapshot.checkins] == [4]
        assert session.data_ready
        assert session.report.streak.current == 1

    def test_a_background_read_is_taken_once(self, session: Session, store: Store) -> None:
        """read_everything changes nothing; accept takes it, unless data was read meanwhile."""
        store.add(CheckIn.new(3, now=NOW))
        snapshot, report = session.read_everything(NOW.date())
        assert not session.data_ready and session.version == 0
        assert session.accept(snapshot, report)
        assert session.data_ready and session.version == 1
        assert session.snapshot is snapshot and session.report is report
        assert not session.accept(snapshot, report)
        assert session.version == 1

    def test_a_reload_first_wins_over_a_late_background_read(self, session: Session, store: Store) -> None:
        """A background read that finishes after a reload is dropped: it may be older."""
        old = session.read_everything(NOW.date())
        store.add(CheckIn.new(5, now=NOW))
        assert session.reload() is None
        assert not session.accept(*old)
        assert [c.mood for c in session.snapshot.checkins] == [5]

    def test_unreadable_file_raises_one_line_and_is_left_alone(self, session: Session, store: Store) -> None:
        """Reads of a damaged file raise DataUnreadable naming the file; nothing is written."""
        damaged = _damage(store)
        for read in (
            lambda: session.snapshot,
            lambda: session.report,
            lambda: session.quick_streak(NOW.date()),
            lambda: session.read_everything(NOW.date()),
        ):
            with pytest.raises(DataUnreadable, match="cannot be read") as caught:
                read()
            assert str(store.path) in str(caught.value) and "\n" not in str(caught.value)
        assert session.saved_theme() is None
        assert store.path.read_bytes() == damaged

    def test_quick_streak_reads_the_raw_file(self, session: Session, store: Store) -> None:
        """The first paint's streak comes without building the snapshot."""
        store.add(CheckIn.new(4, now=NOW))
        assert session.quick_streak(NOW.date()).current == 1
        assert not session.data_ready

    def test_saved_theme(self, session: Session, store: Store) -> None:
        """The theme kept in the settings is read for the first paint."""
        store.save_settings(Settings(theme="rebound-light"))
        assert session.saved_theme() == "rebound-light"


class TestOtherWriters:
    def test_a_write_from_another_process_is_noticed_and_read(
        self, session: Session, store: Store, changes: Counter
    ) -> None:
        """Another Store's write (a quick check-in elsewhere) is seen; a reload reads it and says so."""
        assert not session.snapshot.checkins
        assert not session.changed_elsewhere()
        Store(store.data_dir, clock=frozen).add(CheckIn.new(2, now=NOW, note="elsewhere"))
        assert session.changed_elsewhere()
        assert session.reload() is None
        assert changes.calls == 1 and session.version == 1
        assert [c.note for c in session.snapshot.checkins] == ["elsewhere"]
        assert not session.changed_elsewhere()

    def test_the_next_save_keeps_the_other_write(self, session: Session, store: Store) -> None:
        """A save made after another process's write (not yet reloaded) keeps both."""
        assert not session.snapshot.checkins
        Store(store.data_dir, clock=frozen).add(CheckIn.new(2, now=NOW))
        assert session.add_checkin(CheckIn.new(4, now=NOW)).saved
        assert sorted(c.mood for c in store.snapshot().checkins) == [2, 4]
        assert sorted(c.mood for c in session.snapshot.checkins) == [2, 4]

    def test_a_file_damaged_meanwhile_keeps_what_was_shown(
        self, session: Session, store: Store, changes: Counter
    ) -> None:
        """A reload of a damaged file answers why, keeps the last snapshot and announces nothing."""
        store.add(CheckIn.new(4, now=NOW))
        shown = session.snapshot
        damaged = _damage(store)
        assert session.changed_elsewhere()
        problem = session.reload()
        assert problem is not None and "cannot be read" in problem
        assert session.snapshot is shown and changes.calls == 0
        assert store.path.read_bytes() == damaged


class TestChanges:
    def test_checkin_is_saved_and_announced(self, session: Session, store: Store, changes: Counter) -> None:
        """A new check-in is on disk and in the snapshot; the app is told once."""
        result = session.add_checkin(CheckIn.new(4, now=NOW))
        assert result == SaveResult()
        assert [c.mood for c in store.snapshot().checkins] == [4]
        assert [c.mood for c in session.snapshot.checkins] == [4]
        assert changes.calls == 1 and session.version == 1

    def test_application_and_round(self, session: Session, store: Store) -> None:
        """An application, a round, an edit of each and a reflection are all saved."""
        app, rnd = _round(session)
        assert session.edit_application(app, app.touched(NOW, role="Staff SRE")).saved
        edited = rnd.touched(NOW, outcome=Outcome.ADVANCED)
        assert session.edit_round(rnd, edited).saved
        reflected = edited.touched(NOW, lesson="Slow down.", ratings={"examples": 4})
        assert session.save_reflection(edited, reflected).saved
        snap = store.snapshot()
        assert snap.applications[0].role == "Staff SRE"
        (saved,) = snap.rounds
        assert (saved.outcome, saved.lesson, saved.ratings) == (
            Outcome.ADVANCED,
            "Slow down.",
            {"examples": 4},
        )
        assert session.undo_steps == []  # only History's edits can be undone

    def test_an_unchanged_form_writes_nothing(self, session: Session, store: Store, changes: Counter) -> None:
        """Edits that come back as they opened write nothing and leave no undo step."""
        checkin = CheckIn.new(3, now=NOW)
        session.add_checkin(checkin)
        before, calls = store.path.read_bytes(), changes.calls
        result = session.edit_checkin(checkin, replace(checkin), undo_label="the check-in of Sat 28 Nov")
        assert result.saved and result.unchanged
        assert store.path.read_bytes() == before and changes.calls == calls
        assert session.undo_steps == []

    def test_settings_and_theme(self, session: Session, store: Store) -> None:
        """The theme is kept with the other settings as they were; the same theme again writes nothing."""
        session.save_settings(Settings(weekly_target=5, first_day_of_week=6))
        assert session.save_theme("rebound-light").saved
        saved = store.settings()
        assert (saved.theme, saved.weekly_target, saved.first_day_of_week) == ("rebound-light", 5, 6)
        before = store.path.read_bytes()
        assert session.save_theme("rebound-light").unchanged
        assert store.path.read_bytes() == before
        refused = session.save_theme("no-such-theme")
        assert not refused.saved and "unknown theme" in refused.problem

    def test_delete_and_undo(self, session: Session, store: Store) -> None:
        """A deletion leaves a tombstone; undo brings the record back and removes the tombstone."""
        checkin = CheckIn.new(2, now=NOW)
        session.add_checkin(checkin)
        assert session.delete(checkin, undo_label="the check-in of Sat 28 Nov").saved
        snap = store.snapshot()
        assert snap.checkins == () and [t.id for t in snap.tombstones] == [checkin.id]
        step = session.next_undo
        assert step is not None and step.label == "the deletion of the check-in of Sat 28 Nov"
        assert session.undo().saved
        snap = store.snapshot()
        assert [c.id for c in snap.checkins] == [checkin.id] and snap.tombstones == ()
        assert session.next_undo is None
        assert session.undo().unchanged  # nothing left to undo

    def test_undo_of_an_edit_goes_back_one_step_at_a_time(self, session: Session, store: Store) -> None:
        """Two edits from History are taken back newest first, to the copy each form opened with."""
        _, rnd = _round(session)
        first = rnd.touched(NOW, outcome=Outcome.ADVANCED)
        session.edit_round(rnd, first, undo_label="the technical at Acme Cloud")
        second = first.touched(NOW, outcome=Outcome.REJECTED)
        session.edit_round(first, second, undo_label="the technical at Acme Cloud")
        assert [s.label for s in session.undo_steps] == ["the edit of the technical at Acme Cloud"] * 2
        session.undo()
        assert store.snapshot().rounds[0].outcome is Outcome.ADVANCED
        session.undo()
        assert store.snapshot().rounds[0].outcome is Outcome.PENDING
        assert session.undo_steps == []


class TestFailures:
    def test_busy_store_answers_in_one_line_and_keeps_everything(
        self, session: Session, store: Store, changes: Counter, lock_held: None
    ) -> None:
        """With another writer holding the lock, every change says why in one line; nothing moves."""
        checkin = CheckIn.new(4, now=NOW)
        attempts: list[Callable[[], SaveResult]] = [
            lambda: session.add_checkin(checkin),
            lambda: session.add_application(Application.new("Acme", "SRE", now=NOW)),
            lambda: session.save_settings(Settings(weekly_target=4)),
        ]
        for change in attempts:
            result = change()
            assert not result.saved
            assert "nothing was written" in result.problem and "\n" not in result.problem
        assert changes.calls == 0 and not store.path.exists()

    def test_a_failed_undo_keeps_its_step(self, session: Session, store: Store) -> None:
        """If the restore cannot be saved, the step stays for another try."""
        checkin = CheckIn.new(2, now=NOW)
        session.add_checkin(checkin)
        session.delete(checkin, undo_label="the check-in")
        store.lock_timeout = 0.05
        fd = os.open(store.lock_path, os.O_RDWR)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            assert not session.undo().saved
        finally:
            os.close(fd)
        assert len(session.undo_steps) == 1
        assert session.undo().saved and session.undo_steps == []

    def test_a_failed_edit_or_delete_leaves_no_undo_step(self, session: Session, store: Store) -> None:
        """Only changes that were saved can be undone."""
        checkin = CheckIn.new(2, now=NOW)
        session.add_checkin(checkin)
        store.lock_timeout = 0.05
        fd = os.open(store.lock_path, os.O_RDWR)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            assert not session.edit_checkin(checkin, checkin.touched(NOW, mood=5), undo_label="it").saved
            assert not session.delete(checkin, undo_label="it").saved
        finally:
            os.close(fd)
        assert session.undo_steps == []

    def test_damaged_file_is_never_written(self, session: Session, store: Store) -> None:
        """A change to a damaged file is refused with the store's one line; the bytes stay."""
        damaged = _damage(store)
        result = session.add_checkin(CheckIn.new(4, now=NOW))
        assert not result.saved and "cannot be read" in result.problem
        theme = session.save_theme("rebound-light")
        assert not theme.saved and "cannot be read" in theme.problem
        assert store.path.read_bytes() == damaged

    def test_file_system_errors_become_one_line(
        self, session: Session, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An OSError from the file system (a full disk) is a result, not an exception."""

        def full(*_: object) -> None:
            raise OSError(28, "No space left on device", str(store.path))

        monkeypatch.setattr(store, "add", full)
        result = session.add_checkin(CheckIn.new(4, now=NOW))
        assert not result.saved
        assert result.problem == f"the data file could not be written: No space left on device ({store.path})"

    def test_saved_but_not_read_back(
        self, session: Session, store: Store, changes: Counter, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If the file cannot be read back after a save, the save stands and the problem is named."""
        from rebound_tui.storage.store import CorruptStoreError

        shown = session.snapshot

        def unreadable() -> None:
            raise CorruptStoreError(f"{store.path} cannot be read (invalid JSON at line 1)")

        monkeypatch.setattr(store, "snapshot", unreadable)
        result = session.add_checkin(CheckIn.new(4, now=NOW))
        assert result.saved and "cannot be read" in result.read_problem
        assert session.snapshot is shown and changes.calls == 0
        monkeypatch.undo()
        assert [c.mood for c in store.snapshot().checkins] == [4]


LATER = NOW + timedelta(minutes=5)


@pytest.fixture
def other(data_dir: Path) -> Store:
    """Another rebound-tui on the same data (a terminal running the CLI), five minutes on."""
    return Store(data_dir, clock=lambda: LATER)


class TestChangesMadeElsewhere:
    """A form is open while another rebound-tui changes the same record (issue 12, item 1)."""

    def test_an_edit_keeps_what_another_process_changed_meanwhile(
        self, session: Session, store: Store, other: Store
    ) -> None:
        """Only the fields changed in the form are written; a note edited elsewhere stays."""
        checkin = CheckIn.new(3, note="first words", now=NOW)
        session.add_checkin(checkin)
        other.update(CheckIn, checkin.id, lambda c: c.touched(LATER, note="written in the terminal"))
        store.clock = lambda: LATER + timedelta(minutes=1)
        result = session.edit_checkin(checkin, checkin.touched(NOW, mood=5), undo_label="it")
        assert result.saved
        saved = store.snapshot().checkins[0]
        assert (saved.mood, saved.note) == (5, "written in the terminal")
        assert saved.updated == LATER + timedelta(minutes=1)  # the time of the save, not of the form

    def test_the_same_field_changed_on_both_sides_is_a_choice(
        self, session: Session, store: Store, other: Store
    ) -> None:
        """Both values come back; nothing is written until the person chooses."""
        checkin = CheckIn.new(3, note="first words", now=NOW)
        session.add_checkin(checkin)
        other.update(CheckIn, checkin.id, lambda c: c.touched(LATER, note="theirs"))
        before = store.path.read_bytes()
        result = session.edit_checkin(checkin, checkin.touched(NOW, note="mine", mood=4))
        assert not result.saved and store.path.read_bytes() == before
        assert [(c.name, c.mine, c.theirs) for c in result.conflicts] == [("note", "mine", "theirs")]
        chosen = session.edit_checkin(
            checkin, checkin.touched(NOW, note="mine", mood=4), choices={"note": "theirs"}
        )
        assert chosen.saved
        saved = store.snapshot().checkins[0]
        assert (saved.mood, saved.note) == (4, "theirs")

    def test_a_record_deleted_meanwhile_is_not_brought_back(
        self, session: Session, store: Store, other: Store
    ) -> None:
        """The edit says so and writes nothing; kept as a new record, the tombstone stays for the old id."""
        checkin = CheckIn.new(3, now=NOW)
        session.add_checkin(checkin)
        other.delete(CheckIn, checkin.id)
        edited = checkin.touched(NOW, mood=1)
        result = session.edit_checkin(checkin, edited, undo_label="it")
        assert not result.saved and result.deleted
        snap = store.snapshot()
        assert snap.checkins == () and [t.id for t in snap.tombstones] == [checkin.id]
        kept = session.edit_checkin(checkin, edited, as_new=True, undo_label="it")
        assert kept.saved and session.undo_steps == []
        snap = store.snapshot()
        assert [c.mood for c in snap.checkins] == [1] and snap.checkins[0].id != checkin.id
        assert {c.id for c in snap.checkins}.isdisjoint(t.id for t in snap.tombstones)

    def test_undo_leaves_a_newer_edit_made_elsewhere(
        self, session: Session, store: Store, other: Store
    ) -> None:
        """ctrl+z after another process edited the record says so and writes nothing."""
        checkin = CheckIn.new(3, now=NOW)
        session.add_checkin(checkin)
        session.edit_checkin(checkin, checkin.touched(NOW, mood=4), undo_label="the check-in")
        other.update(CheckIn, checkin.id, lambda c: c.touched(LATER, note="later words"))
        before = store.path.read_bytes()
        result = session.undo()
        assert not result.saved and "changed in another rebound-tui" in result.problem
        assert store.path.read_bytes() == before and session.undo_steps == []

    def test_undo_of_a_deletion_leaves_a_record_put_back_elsewhere(
        self, session: Session, store: Store, other: Store
    ) -> None:
        """A deletion already taken back elsewhere (an import, a merge) is not restored twice."""
        checkin = CheckIn.new(3, note="mine", now=NOW)
        session.add_checkin(checkin)
        session.delete(checkin, undo_label="the check-in")
        other.restore(checkin.touched(LATER, note="restored elsewhere"))
        assert not session.undo().saved
        assert store.snapshot().checkins[0].note == "restored elsewhere"

    def test_an_unchanged_round_keeps_its_moment(self, session: Session, store: Store) -> None:
        """A round logged in another zone with seconds, given back at the same instant, writes nothing."""
        far = timezone(timedelta(hours=9))
        app = Application.new("Acme Cloud", "SRE", now=NOW)
        rnd = Round.new(app.id, Stage.TECHNICAL, when=datetime(2026, 11, 27, 9, 15, 42, tzinfo=far), now=NOW)
        session.add_application(app)
        session.log_round(rnd)
        same_instant = rnd.touched(NOW, when=rnd.when.astimezone(TZ))
        before = store.path.read_bytes()
        assert session.edit_round(rnd, same_instant).unchanged
        assert store.path.read_bytes() == before
        assert store.snapshot().rounds[0].when.utcoffset() == timedelta(hours=9)

    def test_the_theme_leaves_settings_changed_elsewhere(
        self, session: Session, store: Store, other: Store
    ) -> None:
        """Toggling the theme changes only the theme, even when the session's copy is old."""
        assert session.snapshot.settings.weekly_target == 3
        other.save_settings(Settings(weekly_target=7))
        assert session.save_theme("rebound-light").saved
        saved = store.settings()
        assert (saved.theme, saved.weekly_target) == ("rebound-light", 7)
