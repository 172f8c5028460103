"""Flows that go up as messages (screens and the palette post, the app opens the dialog and saves).

Driven with Pilot from the key or the palette entry a person would use, asserting
what is on disk afterwards.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from rebound_tui.core.models import Application, CheckIn, Outcome, Round, Stage
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import QuickCheckinApp, ReboundApp, make_app
from rebound_tui.tui.dialogs.checkin import CheckinDialog
from rebound_tui.tui.dialogs.forms import ApplicationForm, ReflectionForm
from rebound_tui.tui.dialogs.help import HelpDialog
from rebound_tui.tui.screens.history import HistoryScreen
from rebound_tui.tui.screens.interviews import InterviewsScreen
from rebound_tui.tui.screens.today import TodayScreen
from tests.tui.conftest import NOW, frozen

AppFactory = Callable[[], ReboundApp]


def _toasts(app: ReboundApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every toast the app shows from now on, as "title: text" (or the text alone when untitled)."""
    shown: list[str] = []
    notify = app.notify

    def recording(message: str, *, title: str = "", **options: Any) -> None:
        shown.append(f"{title}: {message}" if title else message)
        notify(message, title=title, **options)

    monkeypatch.setattr(app, "notify", recording)
    return shown


def _top(app: ReboundApp) -> object:
    """The screen on top now (a call, so type narrowing from earlier asserts does not stick)."""
    return app.screen


async def _palette(app: ReboundApp, pilot: Pilot[None], command: str) -> None:
    """Open the command palette, type ``command`` and run the best match."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*command)
    for _ in range(40):  # the palette searches in a worker
        await pilot.pause(0.05)
        if app.screen.query_one("CommandList").option_count:  # type: ignore[attr-defined]
            break
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


def _acme_round(store: Store, outcome: Outcome = Outcome.PENDING) -> tuple[Application, Round]:
    app = Application.new("Acme Cloud", "SRE", now=NOW)
    rnd = Round.new(app.id, Stage.TECHNICAL, when=NOW, outcome=outcome, now=NOW)
    store.add_many([app, rnd])
    return app, rnd


@contextmanager
def lock_held(store: Store) -> Iterator[None]:
    """Another rebound-tui holds the store's lock (a long save in another terminal)."""
    store.data_dir.mkdir(mode=0o700, exist_ok=True)
    fd = os.open(store.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        os.close(fd)


class TestPalette:
    async def test_check_in(self, app_factory: AppFactory, store: Store) -> None:
        """'Check in' opens the check-in; 4 and enter save it."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await _palette(app, pilot, "check in")
            assert isinstance(app.screen, CheckinDialog)
            await pilot.press("4", "enter")
            await pilot.pause()
            assert isinstance(_top(app), TodayScreen)
        assert [c.mood for c in store.snapshot().checkins] == [4]

    async def test_log_interview(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """'Log interview' opens the new application form, from any screen; the answer is saved."""
        app = app_factory()
        shown = _toasts(app, monkeypatch)
        async with app.run_test(size=(100, 40)) as pilot:
            await _palette(app, pilot, "log interview")
            form = app.screen
            assert isinstance(form, ApplicationForm) and form.application is None
            form.query_one("#company", Input).value = "Fernway"
            form.query_one("#role", Input).value = "Data Engineer"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(_top(app), TodayScreen)
            # The first application is a milestone of its own (issue 14, item 11).
            assert "Added Fernway. Your first application is in. Starting is often the hardest part." in shown
        assert [a.company for a in store.snapshot().applications] == ["Fernway"]

    async def test_reflect_on_last_without_rounds(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With no rounds yet, 'Reflect on last interview' says so kindly and opens nothing."""
        app = app_factory()
        shown = _toasts(app, monkeypatch)
        async with app.run_test(size=(80, 24)) as pilot:
            await _palette(app, pilot, "reflect")
            assert isinstance(app.screen, TodayScreen)
            assert "No rounds logged yet." in shown

    async def test_reflect_on_last(self, app_factory: AppFactory, store: Store) -> None:
        """'Reflect on last interview' opens the latest round's reflection; the lesson is saved."""
        _, rnd = _acme_round(store)
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            await _palette(app, pilot, "reflect")
            form = app.screen
            assert isinstance(form, ReflectionForm) and form.round.id == rnd.id
            form.query_one("#lesson", TextArea).text = "Pause before answering."
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert store.snapshot().rounds[0].lesson == "Pause before answering."

    async def test_go_to_a_mode_and_show_keys(self, app_factory: AppFactory, store: Store) -> None:
        """'Go to History' switches mode; 'Show keys' opens the help."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await _palette(app, pilot, "go to history")
            assert isinstance(app.screen, HistoryScreen)
            await _palette(app, pilot, "show keys")
            assert isinstance(_top(app), HelpDialog)

    async def test_switch_theme(self, app_factory: AppFactory, store: Store) -> None:
        """'Switch theme' moves to the next theme and keeps it in the settings."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await _palette(app, pilot, "switch theme")
            assert app.theme == "rebound-light"
        assert store.snapshot().settings.theme == "rebound-light"


class TestInterviewKeys:
    async def test_e_on_an_application_edits_it(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """e with the applications table focused opens the application filled in; the change is kept."""
        application, _ = _acme_round(store)
        app = app_factory()
        shown = _toasts(app, monkeypatch)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            assert app.screen.query_one("#applications", DataTable).has_focus
            await pilot.press("e")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, ApplicationForm) and form.application == application
            form.query_one("#role", Input).value = "Staff SRE"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(_top(app), InterviewsScreen)
            assert "Saved Acme Cloud." in shown
        (saved,) = store.snapshot().applications
        assert (saved.id, saved.company, saved.role) == (application.id, "Acme Cloud", "Staff SRE")
        assert saved.updated == NOW

    async def test_f_reflects_on_the_selected_round(self, app_factory: AppFactory, store: Store) -> None:
        """f opens the reflection of the round under the cursor; ratings and notes are saved."""
        _, rnd = _acme_round(store)
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            await pilot.press("f")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, ReflectionForm) and form.round.id == rnd.id
            await pilot.press("3", "enter")
            form.query_one("#went-well", TextArea).text = "Clear [b]story[/b]"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(_top(app), InterviewsScreen)
        (saved,) = store.snapshot().rounds
        assert (saved.ratings, saved.went_well) == ({"examples": 3}, "Clear [b]story[/b]")

    async def test_keys_without_a_target_say_what_to_do_first(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """n with no application and f with no round open nothing and name the key to press first."""
        app = app_factory()
        shown = _toasts(app, monkeypatch)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            await pilot.press("n", "f", "e")
            await pilot.pause()
            assert isinstance(app.screen, InterviewsScreen)
            assert "Add an application first (a)." in shown
            assert "Log a round first (n), then reflect on it." in shown
        assert not store.path.exists()


class TestHistoryIntents:
    async def test_a_round_whose_application_is_gone_can_only_be_deleted(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """e on a round of a deleted application says why no form opens; nothing is written."""
        application, _ = _acme_round(store)
        store.delete(Application, application.id)  # takes its rounds along ...
        orphan = Round.new(application.id, Stage.ONSITE, when=NOW, now=NOW)
        store.add(orphan)  # ... but one came back from an older copy, say
        before = store.path.read_bytes()
        app = app_factory()
        shown = _toasts(app, monkeypatch)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("h")
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
            assert "This round's application is gone; it can only be deleted." in shown
        assert store.path.read_bytes() == before

    async def test_undo_with_nothing_to_undo(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """ctrl+z before any edit says there is nothing to undo and writes nothing."""
        store.add(CheckIn.new(3, now=NOW))
        before = store.path.read_bytes()
        app = app_factory()
        shown = _toasts(app, monkeypatch)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("h")
            await pilot.pause()
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert "Nothing to undo: no edits or deletions here since the app opened." in shown
        assert store.path.read_bytes() == before


class TestSaveFails:
    async def test_checkin_not_saved_is_said_in_one_line(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A check-in that cannot be saved (another writer holds the lock) is named; the dialog stays."""
        app = app_factory()
        shown = _toasts(app, monkeypatch)
        app.session.store.lock_timeout = 0.05
        with lock_held(store):
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.press("c", "4", "enter")
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert app.is_running and isinstance(app.screen, CheckinDialog)
                (failure,) = [m for m in shown if m.startswith("Not saved: ")]
                assert "nothing was written" in failure and "\n" not in failure
                assert not any(m.startswith("Saved") for m in shown)
        assert store.snapshot().checkins == ()

    async def test_quick_checkin_not_saved_exits_with_the_reason(self, store: Store) -> None:
        """The popup check-in that cannot save ends with status 2 and the one-line reason to print."""
        app = make_app(store.data_dir, clock=frozen, checkin_only=True)
        assert isinstance(app, QuickCheckinApp)
        app.session.store.lock_timeout = 0.05
        with lock_held(store):
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.press("5", "enter")
                await pilot.pause()
        assert app.return_code == 2
        assert "nothing was written" in app.result_message and "\n" not in app.result_message
        assert store.snapshot().checkins == ()

    async def test_delete_not_saved_keeps_the_entry_and_no_undo(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A deletion that cannot be saved leaves the entry in place and nothing to undo."""
        store.add(CheckIn.new(2, now=NOW, note="keep me"))
        app = app_factory()
        shown = _toasts(app, monkeypatch)
        app.session.store.lock_timeout = 0.05
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("h")
            await pilot.pause()
            with lock_held(store):
                await pilot.press("d", "y")
                await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
            assert any(m.startswith("Not saved: ") for m in shown)
            assert app.session.undo_steps == []
            assert app.screen.query_one("#timeline", DataTable).row_count == 1
        assert [c.note for c in store.snapshot().checkins] == ["keep me"]
