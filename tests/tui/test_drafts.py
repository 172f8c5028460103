"""Writing is never lost (issue 14, item 1): drafts as one types, and a question before closing.

A form holding typed text asks (y/n) before Esc or ctrl+g closes it; what is
typed is kept in drafts.json beside the store a moment after each change, and
the next open of that form offers to continue it. Shrinking the terminal below
the minimum keeps the form and its text.
"""

from __future__ import annotations

import json
import stat
import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from rebound_tui.core.models import Application, Outcome, Round, Stage
from rebound_tui.storage.drafts import DraftBook
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.dialogs.checkin import CheckinDialog
from rebound_tui.tui.dialogs.forms import ApplicationForm, ReflectionForm
from rebound_tui.tui.dialogs.message import ConfirmDialog
from rebound_tui.tui.dialogs.saving import DRAFT_DELAY
from rebound_tui.tui.screens.too_small import TooSmallScreen
from tests.tui.conftest import NOW

AppFactory = Callable[[], ReboundApp]


def _drafts(data_dir: Path) -> dict[str, dict[str, object]]:
    path = data_dir / "drafts.json"
    if not path.exists():
        return {}
    return {k: v["fields"] for k, v in json.loads(path.read_text())["drafts"].items()}


async def _until(pilot: Pilot[None], done: Callable[[], object], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


def _rejection(store: Store) -> tuple[Application, Round]:
    app = Application.new("Commonwealth Bank of Australia", "Senior Site Reliability Engineer", now=NOW)
    rnd = Round.new(app.id, Stage.ONSITE, when=NOW, outcome=Outcome.REJECTED, now=NOW)
    store.add_many([app, rnd])
    return app, rnd


async def _open_reflection(app: ReboundApp, pilot: Pilot[None], rnd: Round) -> ReflectionForm:
    app.reflect(rnd)
    await pilot.pause()
    form = app.screen
    assert isinstance(form, ReflectionForm)
    return form


class TestDraftsAsOneTypes:
    async def test_half_a_reflection_is_kept_privately_and_goes_when_saved(
        self, app_factory: AppFactory, store: Store, data_dir: Path
    ) -> None:
        _, rnd = _rejection(store)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            form = await _open_reflection(app, pilot, rnd)
            form.query_one("#went-well", TextArea).focus()
            await pilot.press(*"I stayed calm")
            key = f"reflection:{rnd.id}"
            # (on a busy machine the pause between two keys may already write a shorter draft)
            await _until(pilot, lambda: _drafts(data_dir).get(key, {}).get("went-well") == "I stayed calm")
            assert stat.S_IMODE((data_dir / "drafts.json").stat().st_mode) == 0o600
            assert b"I stayed calm" not in store.path.read_bytes()  # the journal is not rewritten
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: not isinstance(app.screen, ReflectionForm))
        assert not (data_dir / "drafts.json").exists()
        assert store.snapshot().rounds[0].went_well == "I stayed calm"

    async def test_a_burst_of_typing_waits_for_a_pause(
        self, app_factory: AppFactory, store: Store, data_dir: Path
    ) -> None:
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            app.add_application()
            await pilot.pause()
            await pilot.press(*"Acme")
            assert _drafts(data_dir) == {}  # not yet: within DRAFT_DELAY of the last key
            await pilot.pause(DRAFT_DELAY + 0.4)
            assert _drafts(data_dir)["application:new"]["company"] == "Acme"

    async def test_flush_writes_at_once(self, app_factory: AppFactory, store: Store, data_dir: Path) -> None:
        """What SIGHUP/SIGTERM and quitting call: no waiting for the pause."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            app.add_application()
            await pilot.pause()
            await pilot.press(*"Acme")
            app.flush_drafts()
            assert _drafts(data_dir)["application:new"]["company"] == "Acme"


class TestClosingAsks:
    async def test_escape_in_a_filled_form_asks_and_no_keeps_writing(
        self, app_factory: AppFactory, store: Store, data_dir: Path
    ) -> None:
        _, rnd = _rejection(store)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            form = await _open_reflection(app, pilot, rnd)
            form.query_one("#went-well", TextArea).focus()
            await pilot.press(*"What went well", "escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("escape")  # a second reflexive escape keeps the text too
            await pilot.pause()
            assert app.screen is form
            assert form.query_one("#went-well", TextArea).text == "What went well"
            await pilot.press("ctrl+g", "n")
            await pilot.pause()
            assert app.screen is form
            await pilot.press("ctrl+g", "y")
            await pilot.pause()
            assert not isinstance(app.screen, ReflectionForm)
        assert _drafts(data_dir) == {}  # let go: gone
        assert store.snapshot().rounds[0].went_well == ""

    async def test_an_untouched_form_closes_at_once(self, app_factory: AppFactory, store: Store) -> None:
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            app.add_application()
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, (ApplicationForm, ConfirmDialog))

    async def test_a_mood_alone_closes_at_once(self, app_factory: AppFactory, data_dir: Path) -> None:
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c", "4", "ctrl+g")
            await pilot.pause()
            assert not isinstance(app.screen, (CheckinDialog, ConfirmDialog))
        assert _drafts(data_dir) == {}


class TestContinueYourDraft:
    async def test_the_next_open_offers_the_draft(
        self, app_factory: AppFactory, store: Store, data_dir: Path
    ) -> None:
        _, rnd = _rejection(store)
        DraftBook(data_dir).keep(f"reflection:{rnd.id}", {"went-well": "Half a thought", "rate-examples": 4})
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            app.reflect(rnd)
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            assert "Continue your draft?" in app.screen.question
            await pilot.press("y")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, ReflectionForm)
            assert form.query_one("#went-well", TextArea).text == "Half a thought"
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: app.screen is not form)
        saved = store.snapshot().rounds[0]
        assert (saved.went_well, saved.ratings) == ("Half a thought", {"examples": 4})
        assert _drafts(data_dir) == {}

    async def test_a_checkin_draft_opens_the_optional_fields(
        self, app_factory: AppFactory, store: Store, data_dir: Path
    ) -> None:
        DraftBook(data_dir).keep("checkin:new", {"mood": 2, "note": "rough morning", "feelings": ["tired"]})
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause(0.2)
            dialog = app.screen
            assert isinstance(dialog, CheckinDialog)
            assert dialog.query_one("#note", Input).value == "rough morning"

    async def test_start_afresh_lets_the_draft_go(
        self, app_factory: AppFactory, store: Store, data_dir: Path
    ) -> None:
        DraftBook(data_dir).keep("application:new", {"company": "Acme"})
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            app.add_application()
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, ApplicationForm)
            assert form.query_one("#company", Input).value == ""
        assert _drafts(data_dir) == {}


class TestTooSmall:
    async def test_shrinking_keeps_the_form_and_its_text(self, app_factory: AppFactory, store: Store) -> None:
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            app.add_application()
            await pilot.pause()
            form = app.screen
            await pilot.press(*"Commonwealth Bank of Australia")
            await pilot.resize_terminal(50, 15)
            await pilot.pause()
            assert isinstance(app.screen, TooSmallScreen)
            await pilot.press("c", "escape", "t")  # keys meant for the form do nothing here
            await pilot.pause()
            assert isinstance(app.screen, TooSmallScreen)
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            assert app.screen is form
            assert form.query_one("#company", Input).value == "Commonwealth Bank of Australia"
