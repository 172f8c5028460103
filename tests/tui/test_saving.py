"""Saving from a dialog while another rebound-tui works on the same data (issue 12, items 1, 4 and 9).

The dialog stays open while its answer is saved in a worker thread: a save
that waits for another process's lock leaves the screen live and says so; one
that fails (a busy store, a full disk) keeps the dialog and what was typed; an
edit of a record changed or deleted elsewhere meanwhile asks before anything
is overwritten or brought back.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from rebound_tui.core.models import CheckIn
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.dialogs.checkin import CheckinDialog
from rebound_tui.tui.dialogs.choice import ChoiceDialog
from rebound_tui.tui.screens.history import HistoryScreen
from rebound_tui.tui.screens.today import TodayScreen
from tests.tui.conftest import NOW

AppFactory = Callable[[], ReboundApp]
LATER = NOW + timedelta(minutes=5)


def _toasts(app: ReboundApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every toast the app shows from now on, as "title: text" (or the text alone)."""
    shown: list[str] = []
    notify = app.notify

    def recording(message: str, *, title: str = "", **options: Any) -> None:
        shown.append(f"{title}: {message}" if title else message)
        notify(message, title=title, **options)

    monkeypatch.setattr(app, "notify", recording)
    return shown


async def _until(pilot: Pilot[None], done: Callable[[], bool], seconds: float = 10.0) -> None:
    """Let the app run until ``done()`` holds (a save runs in a worker thread)."""
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.02)


def _hold_lock(store: Store) -> int:
    """Another rebound-tui takes the store's lock; close the returned descriptor to let go."""
    store.data_dir.mkdir(mode=0o700, exist_ok=True)
    fd = os.open(store.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


async def _type_checkin(pilot: Pilot[None], app: ReboundApp, note: str) -> CheckinDialog:
    await pilot.press("c", "4", "tab")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, CheckinDialog)
    dialog.query_one("#note", Input).value = note
    return dialog


class TestWaitingForAnotherProcess:
    async def test_the_screen_stays_live_and_saves_when_the_lock_is_free(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """While another process holds the lock the app keeps running, says it waits, then saves."""
        app = app_factory()
        shown = _toasts(app, monkeypatch)
        fd = _hold_lock(store)
        try:
            async with app.run_test(size=(80, 24)) as pilot:
                dialog = await _type_checkin(pilot, app, "written while the import runs")
                await pilot.press("ctrl+s")
                await _until(pilot, lambda: any(m.startswith("Saving: Waiting for another") for m in shown))
                started = time.monotonic()
                await pilot.pause(0.1)  # the event loop still runs: a frozen app would not get here soon
                assert time.monotonic() - started < 1.0
                assert app.screen is dialog and dialog.saving
                await pilot.press("ctrl+g")  # cancelling halfway is refused: the save may land
                assert app.screen is dialog
                os.close(fd)
                fd = -1
                await _until(pilot, lambda: isinstance(app.screen, TodayScreen))
        finally:
            if fd >= 0:
                os.close(fd)
        (saved,) = store.snapshot().checkins
        assert (saved.mood, saved.note) == (4, "written while the import runs")

    async def test_a_save_that_is_only_slow_blames_no_other_rebound_tui(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A save that takes a second on a busy machine, with nobody else holding the lock, saves
        without a word about another rebound-tui (it once said so after 0.4 s, whatever the cause)."""
        app = app_factory()
        shown = _toasts(app, monkeypatch)
        add = app.session.store.add

        def slow_add(*args: Any, **kwargs: Any) -> Any:
            time.sleep(1.0)
            return add(*args, **kwargs)

        monkeypatch.setattr(app.session.store, "add", slow_add)
        async with app.run_test(size=(80, 24)) as pilot:
            await _type_checkin(pilot, app, "on a busy machine")
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: isinstance(app.screen, TodayScreen))
        assert [c.note for c in store.snapshot().checkins] == ["on a busy machine"]
        assert not [m for m in shown if "another rebound-tui" in m]

    async def test_a_busy_store_keeps_the_dialog_and_the_text(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """When the wait runs out, the dialog and the note stay; ctrl+s later saves them."""
        app = app_factory()
        shown = _toasts(app, monkeypatch)
        app.session.store.lock_timeout = 0.05
        fd = _hold_lock(store)
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await _type_checkin(pilot, app, "please keep this")
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: any(m.startswith("Not saved: ") for m in shown))
            await _until(pilot, lambda: not dialog.saving)
            assert app.screen is dialog and app.is_running
            assert dialog.query_one("#note", Input).value == "please keep this"
            (failure,) = [m for m in shown if m.startswith("Not saved: ")]
            assert (
                "nothing was written" in failure and "ctrl+s tries again" in failure and "\n" not in failure
            )
            os.close(fd)
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: isinstance(app.screen, TodayScreen))
        assert [c.note for c in store.snapshot().checkins] == ["please keep this"]


class TestFullDisk:
    @pytest.mark.parametrize("code", [errno.ENOSPC, errno.EFBIG, errno.EACCES, errno.EIO])
    async def test_a_failing_disk_keeps_the_dialog(
        self, code: int, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An OSError on save is one line; the app runs on with the dialog and its text."""
        app = app_factory()
        shown = _toasts(app, monkeypatch)

        def failing(*_: object) -> None:
            raise OSError(code, os.strerror(code), str(store.path))

        monkeypatch.setattr(app.session.store, "add", failing)
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await _type_checkin(pilot, app, "private words")
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: any(m.startswith("Not saved: ") for m in shown))
            await _until(pilot, lambda: not dialog.saving)
            assert app.is_running and app.screen is dialog
            assert dialog.query_one("#note", Input).value == "private words"
            (failure,) = [m for m in shown if m.startswith("Not saved: ")]
            assert os.strerror(code) in failure and "private words" not in failure
        assert not store.path.exists()


async def _edit_from_history(app: ReboundApp, pilot: Pilot[None]) -> CheckinDialog:
    await pilot.press("h")
    await pilot.pause()
    assert isinstance(app.screen, HistoryScreen)
    await pilot.press("e")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, CheckinDialog)
    return dialog


class TestChangedElsewhere:
    async def test_the_same_field_changed_elsewhere_is_a_choice(
        self, app_factory: AppFactory, store: Store
    ) -> None:
        """Both notes are offered; 2 keeps the other one, and the mood changed here is saved."""
        checkin = CheckIn.new(3, note="first", now=NOW)
        store.add(checkin)
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            dialog = await _edit_from_history(app, pilot)
            dialog.query_one("#note", Input).value = "mine"
            Store(store.data_dir, clock=lambda: LATER).update(
                CheckIn, checkin.id, lambda c: c.touched(LATER, note="theirs")
            )
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
            choice = app.screen
            assert isinstance(choice, ChoiceDialog)
            assert choice.options == ("Keep yours: mine", "Keep the other: theirs")
            await pilot.press("2")
            await _until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        (saved,) = store.snapshot().checkins
        assert saved.note == "theirs"

    async def test_decide_later_keeps_the_form(self, app_factory: AppFactory, store: Store) -> None:
        """ctrl+g on the choice writes nothing and leaves the form as typed."""
        checkin = CheckIn.new(3, note="first", now=NOW)
        store.add(checkin)
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            dialog = await _edit_from_history(app, pilot)
            dialog.query_one("#note", Input).value = "mine"
            Store(store.data_dir, clock=lambda: LATER).update(
                CheckIn, checkin.id, lambda c: c.touched(LATER, note="theirs")
            )
            before = store.path.read_bytes()
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
            await pilot.press("ctrl+g")
            await _until(pilot, lambda: app.screen is dialog and not dialog.saving)
            assert dialog.query_one("#note", Input).value == "mine"
        assert store.path.read_bytes() == before

    async def test_a_record_deleted_elsewhere_can_be_kept_as_new(
        self, app_factory: AppFactory, store: Store
    ) -> None:
        """The form says it was deleted; 1 keeps the edit as a new record, the tombstone stays."""
        checkin = CheckIn.new(3, note="first", now=NOW)
        store.add(checkin)
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            dialog = await _edit_from_history(app, pilot)
            dialog.query_one("#note", Input).value = "rewritten"
            Store(store.data_dir, clock=lambda: LATER).delete(CheckIn, checkin.id)
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
            await pilot.press("1")
            await _until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        snap = store.snapshot()
        assert [c.note for c in snap.checkins] == ["rewritten"]
        assert snap.checkins[0].id != checkin.id and [t.id for t in snap.tombstones] == [checkin.id]

    async def test_a_record_deleted_elsewhere_can_be_let_go(
        self, app_factory: AppFactory, store: Store
    ) -> None:
        """2 leaves it deleted: nothing is written, the form closes."""
        checkin = CheckIn.new(3, note="first", now=NOW)
        store.add(checkin)
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            dialog = await _edit_from_history(app, pilot)
            dialog.query_one("#note", Input).value = "rewritten"
            Store(store.data_dir, clock=lambda: LATER).delete(CheckIn, checkin.id)
            before = store.path.read_bytes()
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
            await pilot.press("2")
            await _until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        assert store.path.read_bytes() == before
        assert store.snapshot().checkins == ()


class TestDeleteUndoThemeWait:
    """Deleting, ctrl+z and ctrl+t save in a worker too: another process's lock never freezes the app."""

    async def test_delete_and_undo_wait_with_the_screen_live(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        store.add(CheckIn.new(2, now=NOW, note="a hard day"))
        app = app_factory()
        shown = _toasts(app, monkeypatch)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("h")
            await pilot.pause()
            fd = _hold_lock(store)
            try:
                await pilot.press("d", "y")
                await _until(pilot, lambda: any(m.startswith("Saving: Waiting for another") for m in shown))
                started = time.monotonic()
                await pilot.pause(0.1)  # the event loop runs while the deletion waits
                assert time.monotonic() - started < 1.0
                assert [c.note for c in store.snapshot().checkins] == ["a hard day"]
            finally:
                os.close(fd)
            await _until(pilot, lambda: "Deleted. ctrl+z undoes it." in shown)
            assert store.snapshot().checkins == ()
            fd = _hold_lock(store)
            try:
                await pilot.press("ctrl+z")
                await pilot.press("ctrl+z")  # a second press while the first waits takes back nothing more
                await pilot.pause(0.1)
                assert any(m.startswith("Still taking back") for m in shown)
            finally:
                os.close(fd)
            await _until(pilot, lambda: any(m.startswith("Undid ") for m in shown))
            assert isinstance(app.screen, HistoryScreen)
        assert [c.note for c in store.snapshot().checkins] == ["a hard day"]
        assert store.snapshot().tombstones == ()

    async def test_quick_theme_changes_keep_the_last_one(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Three ctrl+t presses while the lock is held: the app stays live, the third theme is kept."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            fd = _hold_lock(store)
            try:
                await pilot.press("ctrl+t", "ctrl+t", "ctrl+t")
                started = time.monotonic()
                await pilot.pause(0.1)
                assert time.monotonic() - started < 1.0
                picked = app.theme
            finally:
                os.close(fd)
            await _until(pilot, lambda: Store(store.data_dir).settings().theme == picked)
            await _until(pilot, lambda: not [w for w in app.workers if w.group == "theme" and w.is_running])
        assert Store(store.data_dir).settings().theme == picked
