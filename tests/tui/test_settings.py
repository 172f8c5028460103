"""Settings in the app (key ``s``): saved as changes, checked by core's rules, typed text never lost."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Label, OptionList, Select

from rebound_tui.core.models import RestDay, Settings
from rebound_tui.storage.edits import update_action_tags
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.dialogs.message import ConfirmDialog
from rebound_tui.tui.dialogs.settings import SettingsDialog
from tests.tui.conftest import NOW
from tests.tui.test_snapshots import settle

AppFactory = Callable[[], ReboundApp]
Compare = Callable[..., bool]


def _recording(app: ReboundApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every toast from now on, title and text on one line as the app shows them."""
    shown: list[str] = []
    notify = app.notify

    def recording(message: str, *, title: str = "", **options: Any) -> None:
        shown.append(f"{title}: {message}" if title else message)
        notify(message, title=title, **options)

    monkeypatch.setattr(app, "notify", recording)
    return shown


async def _open(app: ReboundApp, pilot: Pilot[None]) -> SettingsDialog:
    await settle(pilot)
    await pilot.press("s")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, SettingsDialog)
    return dialog


async def _type(pilot: Pilot[None], dialog: SettingsDialog, field: str, text: str) -> None:
    widget = dialog.query_one(f"#{field}", Input)
    widget.focus()
    widget.value = ""
    await pilot.pause()
    await pilot.press(*text) if text else None
    await pilot.pause()


async def _until(pilot: Pilot[None], done: Callable[[], bool]) -> None:
    for _ in range(100):
        if done():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app did not get there in 5 s")


def _error(dialog: SettingsDialog) -> str:
    return str(dialog.query_one(".form-error", Label).render())


class TestSettingsDialog:
    async def test_s_shows_the_settings_as_saved(self, app_factory: AppFactory, store: Store) -> None:
        """Each field opens with the saved value; the built-in four are shown as always counting."""
        store.save_settings(
            Settings(weekly_target=4, first_day_of_week=6, action_tags=("job fair",), quiet_days=21)
        )
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await _open(app, pilot)
            assert dialog.query_one("#weekly-target", Input).value == "4"
            assert dialog.query_one("#first-day", Select).value == "sunday"
            assert dialog.query_one("#theme", Select).value == "rebound"
            assert dialog.query_one("#action-tags", Input).value == "job fair"
            assert dialog.query_one("#quiet-days", Input).value == "21"
            assert dialog.query_one("#reframe-prompt", Checkbox).value is True
            built_in = str(dialog.query_one("#built-in-tags").render())
            assert built_in == "Always counted: applied, interviewed, networked, practiced."

    async def test_ctrl_s_saves_every_change(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Target, first day, own tags, quiet days, theme and the reframe prompt are saved and shown."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await _open(app, pilot)
            shown = _recording(app, monkeypatch)
            await _type(pilot, dialog, "weekly-target", "5")
            await _type(pilot, dialog, "action-tags", "Job Fair, mentoring, applied")
            await _type(pilot, dialog, "quiet-days", "21")
            dialog.query_one("#first-day", Select).value = "sunday"
            dialog.query_one("#theme", Select).value = "rebound-contrast"
            dialog.query_one("#reframe-prompt", Checkbox).value = False
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: not isinstance(app.screen, SettingsDialog))
            await app.workers.wait_for_complete()
            assert app.theme == "rebound-contrast"
        saved = Store(store.data_dir).settings()
        assert (saved.weekly_target, saved.first_day_of_week, saved.quiet_days) == (5, 6, 21)
        assert saved.action_tags == ("job fair", "mentoring")  # applied is built in
        assert (saved.theme, saved.reframe_prompt) == ("rebound-contrast", False)
        assert "Settings saved." in shown

    async def test_enter_in_the_last_field_saves(self, app_factory: AppFactory, store: Store) -> None:
        """Enter in quiet days (the last settings field) saves the dialog, as its hint says."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await _open(app, pilot)
            await _type(pilot, dialog, "quiet-days", "30")
            await pilot.press("enter")
            await _until(pilot, lambda: not isinstance(app.screen, SettingsDialog))
            await app.workers.wait_for_complete()
        assert Store(store.data_dir).settings().quiet_days == 30

    @pytest.mark.parametrize(
        ("typed", "message"),
        [
            ("0", "weekly target must be from 1 to 50; got 0"),
            ("three", "weekly target must be a whole number; got 'three'"),
        ],
    )
    async def test_bad_input_says_one_line_and_keeps_the_text(
        self, app_factory: AppFactory, store: Store, typed: str, message: str
    ) -> None:
        """A target of 0 or a word: one clear line; the dialog keeps all that was typed; nothing saved."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await _open(app, pilot)
            await _type(pilot, dialog, "action-tags", "mentoring")
            await _type(pilot, dialog, "weekly-target", typed)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is dialog
            assert _error(dialog) == message
            assert dialog.query_one("#weekly-target", Input).value == typed
            assert dialog.query_one("#action-tags", Input).value == "mentoring"
            await _type(pilot, dialog, "weekly-target", "4")  # corrected: saves
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: app.screen is not dialog)
        assert Store(store.data_dir).settings().weekly_target == 4
        assert Store(store.data_dir).settings().action_tags == ("mentoring",)

    async def test_closing_with_typed_text_asks_first(self, app_factory: AppFactory, store: Store) -> None:
        """ctrl+g after typing asks before letting the text go; n keeps the dialog and the text."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await _open(app, pilot)
            await _type(pilot, dialog, "weekly-target", "7")
            await pilot.press("ctrl+g")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            await pilot.pause()
            assert app.screen is dialog
            assert dialog.query_one("#weekly-target", Input).value == "7"
        assert Store(store.data_dir).settings().weekly_target == 3

    async def test_nothing_changed_writes_nothing(self, app_factory: AppFactory, store: Store) -> None:
        """ctrl+s with nothing changed closes without a save (the file is not written)."""
        store.save_settings(Settings())
        before = store.path.stat().st_mtime_ns
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await _open(app, pilot)
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: not isinstance(app.screen, SettingsDialog))
        assert store.path.stat().st_mtime_ns == before

    async def test_a_tag_added_elsewhere_meanwhile_stays(self, app_factory: AppFactory, store: Store) -> None:
        """Own tags save as added and removed: one another rebound-tui added while open is kept."""
        store.save_settings(Settings(action_tags=("job fair",)))
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await _open(app, pilot)
            update_action_tags(Store(store.data_dir), add=("daylio work",))  # an import, elsewhere
            await _type(pilot, dialog, "action-tags", "mentoring")  # job fair removed, mentoring added
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: app.screen is not dialog)
        assert Store(store.data_dir).settings().action_tags == ("daylio work", "mentoring")

    async def test_palette_opens_settings(self, app_factory: AppFactory, store: Store) -> None:
        """The palette's "Settings" opens the same dialog."""
        from tests.tui.test_intents import _palette

        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await _palette(app, pilot, "settings")
            assert isinstance(app.screen, SettingsDialog)


class TestPauses:
    async def test_add_a_pause_with_enter(self, app_factory: AppFactory, store: Store) -> None:
        """From, to and a note, then enter: saved at once, listed, and the fields clear for another."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await _open(app, pilot)
            listing = dialog.query_one("#pauses", OptionList)
            assert "No pauses yet" in str(listing.get_option_at_index(0).prompt)
            await _type(pilot, dialog, "pause-from", "Dec 24")
            await _type(pilot, dialog, "pause-to", "Dec 26")
            await _type(pilot, dialog, "pause-note", "holidays")
            await pilot.press("enter")
            await _until(pilot, lambda: bool(dialog.pauses))
            assert str(listing.get_option_at_index(0).prompt) == "2026-12-24 to 2026-12-26 (3 days)  holidays"
            assert dialog.query_one("#pause-from", Input).value == ""
            assert app.screen is dialog  # the settings stay open
        rests = Store(store.data_dir).snapshot().rest_days
        assert [(r.start, r.end, r.note) for r in rests] == [
            (date(2026, 12, 24), date(2026, 12, 26), "holidays")
        ]

    async def test_a_bad_date_keeps_the_text(self, app_factory: AppFactory, store: Store) -> None:
        """A day that cannot be read, or an end before the start: one line, text kept, nothing saved."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await _open(app, pilot)
            await _type(pilot, dialog, "pause-from", "Dec 24")
            await _type(pilot, dialog, "pause-to", "Dec 20")
            await _type(pilot, dialog, "pause-note", "holidays")
            await pilot.press("enter")
            await pilot.pause()
            assert _error(dialog) == "a pause cannot end (2026-12-20) before it starts (2026-12-24)"
            assert dialog.query_one("#pause-note", Input).value == "holidays"
        assert Store(store.data_dir).snapshot().rest_days == ()

    async def test_delete_a_pause_with_d(self, app_factory: AppFactory, store: Store) -> None:
        """d on the list asks, y deletes it (a tombstone stays), and the list shows what is left."""
        keep = RestDay.new(date(2026, 10, 1), date(2026, 10, 2), note="a long weekend", now=NOW)
        gone = RestDay.new(date(2026, 12, 24), date(2026, 12, 26), now=NOW)
        store.add_many([keep, gone])
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await _open(app, pilot)
            listing = dialog.query_one("#pauses", OptionList)
            listing.focus()
            listing.highlighted = 0  # newest first: Dec 24
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await _until(pilot, lambda: [r.id for r in dialog.pauses] == [keep.id])
            assert listing.option_count == 1
        snapshot = Store(store.data_dir).snapshot()
        assert [r.id for r in snapshot.rest_days] == [keep.id]


def test_settings_dialog_snapshot(snap_compare: Compare, app_factory: AppFactory, store: Store) -> None:
    """Settings at 80x24 with own tags and a pause."""
    store.save_settings(Settings(weekly_target=4, action_tags=("job fair", "mentoring")))
    store.add(RestDay.new(date(2026, 12, 24), date(2026, 12, 26), note="holidays", now=NOW))

    async def open_settings(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        target = pilot.app.screen.query_one("#weekly-target", Input)
        target.cursor_blink = False  # a steady cursor: the picture does not depend on the moment
        await pilot.pause()

    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=open_settings)


def test_settings_module_waits_for_its_first_opening() -> None:
    """The first paint's modules do not include Settings, its rules or the reframe phrases."""
    code = "import sys, rebound_tui.launch, rebound_tui.tui.app; print(' '.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    later = {
        "rebound_tui.tui.dialogs.settings",
        "rebound_tui.core.preferences",
        "rebound_tui.core.reframe",
        "textual.widgets._checkbox",
    }
    assert not later & loaded
