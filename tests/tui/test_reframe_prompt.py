"""The reframe prompt in the reflection form: offered once, optional, never in the way of saving."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from rebound_tui.core.models import Application, Outcome, Round, Settings, Stage
from rebound_tui.core.reframe import PROMPT
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.dialogs.forms import ReflectionForm
from rebound_tui.tui.dialogs.message import ConfirmDialog
from rebound_tui.tui.messages import Reflect
from rebound_tui.tui.widgets.reframe import ReframeNote
from tests.tui.conftest import NOW
from tests.tui.test_snapshots import settle

AppFactory = Callable[[], ReboundApp]
Compare = Callable[..., bool]

BANK = Application.new("Commonwealth Bank", "SRE", now=NOW - timedelta(days=5))
ROUND = Round.new(BANK.id, Stage.TECHNICAL, when=NOW - timedelta(days=1), outcome=Outcome.REJECTED, now=NOW)


@pytest.fixture
def with_round(store: Store) -> Store:
    store.add_many([BANK, ROUND])
    return store


async def _reflect(app: ReboundApp, pilot: Pilot[None]) -> ReflectionForm:
    await settle(pilot)
    app.post_message(Reflect(ROUND))
    for _ in range(40):
        await pilot.pause(0.05)
        if isinstance(app.screen, ReflectionForm):
            return app.screen
    raise AssertionError("the reflection form did not open")


async def _write(pilot: Pilot[None], form: ReflectionForm, field: str, text: str) -> None:
    """Put ``text`` in a field and let the form handle the change (a few moments on a busy machine)."""
    area = form.query_one(f"#{field}", TextArea)
    area.load_text(text)
    for _ in range(4):
        await pilot.pause(0.05)


def _note(form: ReflectionForm) -> ReframeNote:
    return form.query_one(ReframeNote)


class TestReframePrompt:
    async def test_a_harsh_word_about_oneself_brings_the_prompt(
        self, app_factory: AppFactory, with_round: Store
    ) -> None:
        """ "I'm useless" in what to improve shows the kind question under the fields."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            form = await _reflect(app, pilot)
            assert not _note(form).display
            await _write(pilot, form, "to-improve", "I froze on the SQL question. I'm useless.")
            assert _note(form).display
            assert PROMPT in str(_note(form).render())

    async def test_saving_is_never_held_up(self, app_factory: AppFactory, with_round: Store) -> None:
        """With the prompt showing, ctrl+s saves at once, the words exactly as written."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            form = await _reflect(app, pilot)
            await _write(pilot, form, "lesson", "I always mess up the intro")
            assert _note(form).display
            await pilot.press("ctrl+s")
            for _ in range(40):
                await pilot.pause(0.05)
                if not isinstance(app.screen, ReflectionForm):
                    break
            assert not isinstance(app.screen, ReflectionForm)
        (saved,) = Store(with_round.data_dir).snapshot().rounds
        assert saved.lesson == "I always mess up the intro"

    async def test_kind_or_reported_words_bring_nothing(
        self, app_factory: AppFactory, with_round: Store
    ) -> None:
        """Specific notes, negations and someone else's words do not bring the prompt."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            form = await _reflect(app, pilot)
            await _write(pilot, form, "went-well", "Clear examples; I'm not useless at this after all.")
            await _write(pilot, form, "to-improve", "The interviewer said I'm not good enough at SQL")
            assert not _note(form).display

    async def test_shown_once_per_opening(self, app_factory: AppFactory, with_round: Store) -> None:
        """Rewritten kindly, the prompt goes and stays gone; the next opening may offer it again."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            form = await _reflect(app, pilot)
            await _write(pilot, form, "went-well", "I'm a failure")
            assert _note(form).display
            await _write(pilot, form, "went-well", "One round went badly; I kept going.")
            assert not _note(form).display
            await _write(pilot, form, "went-well", "I'm a failure")
            assert not _note(form).display  # once per opening
            await pilot.press("ctrl+g")  # close, letting the writing (and its draft) go
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await pilot.pause()
            again = await _reflect(app, pilot)
            await _write(pilot, again, "went-well", "I'm a failure")
            assert _note(again).display

    async def test_off_in_settings(self, app_factory: AppFactory, with_round: Store) -> None:
        """With settings.reframe_prompt off, nothing is offered."""
        with_round.save_settings(Settings(reframe_prompt=False))
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            form = await _reflect(app, pilot)
            await _write(pilot, form, "went-well", "I'm useless")
            assert not _note(form).display


def test_reframe_prompt_snapshot(snap_compare: Compare, app_factory: AppFactory, with_round: Store) -> None:
    """The reflection at 80x24 with the reframe prompt showing under the fields."""

    async def harsh(pilot: Pilot[None]) -> None:
        form = await _reflect(pilot.app, pilot)  # type: ignore[arg-type]
        await _write(pilot, form, "to-improve", "I'm not good enough, I always mess up.")
        area = form.query_one("#to-improve", TextArea)
        area.cursor_blink = False  # a steady cursor: the picture does not depend on the moment
        area.focus()
        await pilot.pause()

    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=harsh)
