"""Keys in forms (issue 14, item 3): enter moves on in one-line fields, ctrl+s saves, and text typed
at paste speed right after tab lands in the new field.

Keys arriving in one burst (a paste, a fast typist over SSH) are posted to the
app all at once here, the way a terminal delivers them, rather than one by one
with a pause between as Pilot's ``press`` does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Select

from rebound_tui.core.models import Application, Round, Stage
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.dialogs.checkin import CheckinDialog
from rebound_tui.tui.dialogs.forms import ApplicationForm, RoundForm, next_stage
from tests.tui.conftest import NOW

AppFactory = Callable[[], ReboundApp]


def _burst(app: ReboundApp, *keys: str) -> None:
    """Post keys to the app at once, without waiting for any to be handled (paste speed)."""
    for key in keys:
        char = key if len(key) == 1 else ("\t" if key == "tab" else None)
        app.post_message(events.Key(key if len(key) > 1 else _name(key), char))


def _name(char: str) -> str:
    return {" ": "space", ",": "comma"}.get(char, char)


async def _application_form(app: ReboundApp, pilot: Pilot[None]) -> ApplicationForm:
    app.add_application()
    await pilot.pause()
    form = app.screen
    assert isinstance(form, ApplicationForm)
    return form


class TestEnterMovesOn:
    async def test_enter_in_the_first_field_moves_on_and_saves_nothing(
        self, app_factory: AppFactory, store: Store
    ) -> None:
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            form = await _application_form(app, pilot)
            await pilot.press(*"Fernway", "enter")
            await pilot.pause()
            assert app.screen is form and form.focused is form.query_one("#role", Input)
            assert "cannot be empty" not in str(form.query_one(".form-error").render())
            await pilot.press(*"Data Engineer", "enter")
            await pilot.pause()
            assert form.focused is form.query_one("#source", Input)
            await pilot.press("enter", "enter", "enter")  # on through the day applied and the link
            await pilot.pause()
            assert form.focused is form.query_one("#contact", Input)
            await pilot.press("enter")  # the last one-line field: the form's end saves it
            await pilot.pause(0.5)
            assert app.screen is not form
        apps = store.snapshot().applications
        assert [(a.company, a.role) for a in apps] == [("Fernway", "Data Engineer")]

    async def test_ctrl_s_saves_from_any_field(self, app_factory: AppFactory, store: Store) -> None:
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            form = await _application_form(app, pilot)
            await pilot.press(*"Fernway", "tab", *"SRE", "ctrl+s")
            await pilot.pause(0.5)
            assert app.screen is not form
        assert [a.company for a in store.snapshot().applications] == ["Fernway"]


class TestPasteSpeedAfterTab:
    async def test_text_after_tab_lands_in_the_next_field(self, app_factory: AppFactory) -> None:
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            form = await _application_form(app, pilot)
            _burst(app, *"Fernway", "tab", *"Data", "tab", *"referral")
            await pilot.pause(0.3)
            values = [form.query_one(f"#{name}", Input).value for name in ("company", "role", "source")]
            assert values == ["Fernway", "Data", "referral"]

    async def test_checkin_tab_then_text_reaches_the_fields(self, app_factory: AppFactory) -> None:
        """The first tab mounts the optional fields: the keys after it wait for them."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c")
            await pilot.pause()
            _burst(app, "4", "tab", "3", "tab", "tab", "tab", *"calm")
            await pilot.pause(0.3)
            dialog = app.screen
            assert isinstance(dialog, CheckinDialog)
            fields = dialog.draft_fields()
            assert (fields["mood"], fields["energy"], fields["own-tags"]) == (4, 3, "calm")


class TestNewRoundStage:
    def test_the_stage_after_the_latest(self) -> None:
        assert next_stage(None) is Stage.PHONE_SCREEN
        assert next_stage(Stage.APPLIED) is Stage.RECRUITER_SCREEN
        assert next_stage(Stage.TECHNICAL) is Stage.TAKE_HOME
        assert next_stage(Stage.OFFER_TALK) is Stage.OFFER_TALK

    async def test_a_new_round_opens_at_the_next_stage(self, app_factory: AppFactory, store: Store) -> None:
        company = Application.new("Commonwealth Bank of Australia", "Senior SRE", now=NOW)
        early = Round.new(company.id, Stage.PHONE_SCREEN, when=NOW - timedelta(days=9), now=NOW)
        latest = Round.new(company.id, Stage.TECHNICAL, when=NOW - timedelta(days=2), now=NOW)
        store.add_many([company, latest, early])
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await _until_loaded(app, pilot)
            app.log_round(company)
            await pilot.pause()
            form = app.screen
            assert isinstance(form, RoundForm)
            assert form.query_one("#stage", Select).value == Stage.TAKE_HOME.value


async def _until_loaded(app: ReboundApp, pilot: Pilot[None]) -> None:
    for _ in range(200):
        if app.data_ready:
            return
        await pilot.pause(0.02)
    raise AssertionError("the data did not load")
