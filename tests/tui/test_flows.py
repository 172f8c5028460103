"""Every user flow, driven with Textual's Pilot, asserting the state it leaves."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input, Label, Select, Static

from rebound_tui.core.models import Application, CheckIn, Outcome, Round, Stage
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import QuickCheckinApp, ReboundApp, make_app
from rebound_tui.tui.dialogs.checkin import CheckinDialog
from rebound_tui.tui.dialogs.forms import ApplicationForm, ReflectionForm, RoundForm
from rebound_tui.tui.dialogs.help import HelpDialog
from rebound_tui.tui.dialogs.message import CareDialog, SetbackDialog
from rebound_tui.tui.screens.interviews import InterviewsScreen
from rebound_tui.tui.screens.resilience import ResilienceScreen
from rebound_tui.tui.screens.tips_screen import TipsScreen
from rebound_tui.tui.screens.today import TodayScreen
from rebound_tui.tui.screens.too_small import TooSmallScreen
from rebound_tui.tui.widgets.choice import Choice
from rebound_tui.tui.widgets.stat import StatBox
from tests.tui.conftest import NOW, frozen

AppFactory = Callable[[], ReboundApp]


def _plain(widget: Static | Label) -> str:
    return str(widget.render())


class TestCheckin:
    async def test_fastest_path_is_three_keys(self, app_factory: AppFactory, store: Store) -> None:
        """c, 4, enter saves a check-in with mood 4 and closes the dialog."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c")
            assert isinstance(app.screen, CheckinDialog)
            await pilot.press("4", "enter")
            await pilot.pause()
            assert isinstance(app.screen, TodayScreen)
        checkins = store.snapshot().checkins
        assert [c.mood for c in checkins] == [4]
        assert checkins[0].timestamp == NOW

    async def test_full_checkin(self, app_factory: AppFactory, store: Store) -> None:
        """Energy, feelings, activities, own tags and a note are all saved."""
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("c", "3", "tab", "2")
            dialog = app.screen
            assert isinstance(dialog, CheckinDialog)
            dialog.query_one("#feelings").select("hopeful")  # type: ignore[attr-defined]
            dialog.query_one("#activities").select("applied")  # type: ignore[attr-defined]
            dialog.query_one("#own-tags", Input).value = "relieved, Walked the dog"
            dialog.query_one("#note", Input).value = "Sent two applications."
            await pilot.press("ctrl+s")
            await pilot.pause()
        (saved,) = store.snapshot().checkins
        assert (saved.mood, saved.energy) == (3, 2)
        assert saved.feelings == ("hopeful", "relieved", "walked the dog")
        assert saved.activities == ("applied",)
        assert saved.note == "Sent two applications."

    async def test_enter_without_mood_saves_nothing(self, app_factory: AppFactory, store: Store) -> None:
        """Enter before a mood is picked keeps the dialog open and writes nothing."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c", "enter")
            await pilot.pause()
            assert isinstance(app.screen, CheckinDialog)
        assert store.snapshot().checkins == ()
        assert not store.path.exists()

    async def test_cancel_with_ctrl_g(self, app_factory: AppFactory, store: Store) -> None:
        """ctrl+g cancels (no Escape needed) and nothing is written."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c", "5", "ctrl+g")
            await pilot.pause()
            assert isinstance(app.screen, TodayScreen)
        assert store.snapshot().checkins == ()

    async def test_low_mood_gets_care_not_cheer(self, app_factory: AppFactory, store: Store) -> None:
        """A mood of 1 is saved and answered with a warm message and a low-mood tip."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c", "1", "enter")
            await pilot.pause()
            assert isinstance(app.screen, CareDialog)
            assert app.screen.tip.situation == "low-mood"
            assert "cheer up" not in app.screen.message.lower()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, TodayScreen)
        assert [c.mood for c in store.snapshot().checkins] == [1]

    async def test_today_shows_the_new_checkin(self, app_factory: AppFactory, store: Store) -> None:
        """After a check-in Today says so and the streak counts today."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c", "4", "enter")
            await pilot.pause()
            state = _plain(app.screen.query_one("#checkin-state", Static))
            assert "You checked in today: good" in state
            box = app.screen.query_one("#streak", StatBox)
            assert box.value == "1 day"
            assert "1 day" in str(box.render())

    async def test_quick_checkin_app_exits_after_saving(self, data_dir: object, store: Store) -> None:
        """The popup app (rebound-tui checkin) saves and exits."""
        app = make_app(store.data_dir, clock=frozen, checkin_only=True)
        assert isinstance(app, QuickCheckinApp)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("5", "enter")
            await pilot.pause()
        assert app.return_code == 0
        assert [c.mood for c in store.snapshot().checkins] == [5]
        assert "Saved" in app.result_message

    async def test_quick_checkin_confirms_a_low_mood_too(self, data_dir: object, store: Store) -> None:
        """Issue 14, item 2: after the care message the popup still says the check-in was saved."""
        app = make_app(store.data_dir, clock=frozen, checkin_only=True)
        assert isinstance(app, QuickCheckinApp)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("2", "enter")
            await pilot.pause()
            assert "Thank you for checking in" in _plain(app.screen.query_one(".dialog-title", Label))
            await pilot.press("enter")
            await pilot.pause()
        assert app.return_code == 0
        assert [c.mood for c in store.snapshot().checkins] == [2]
        assert app.result_message.startswith("Saved: low.")


class TestModes:
    async def test_every_mode_by_one_key(self, app_factory: AppFactory, seeded: Store) -> None:
        """t, i, r, p switch to Today, Interviews, Resilience and Tips."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            for key, screen in (("i", InterviewsScreen), ("r", ResilienceScreen), ("p", TipsScreen)):
                await pilot.press(key)
                await pilot.pause()
                assert isinstance(app.screen, screen)
            # Leave Interviews' table focus out of it: t from Tips goes home.
            await pilot.press("t")
            await pilot.pause()
            assert isinstance(app.screen, TodayScreen)

    async def test_help_lists_every_binding(self, app_factory: AppFactory) -> None:
        """? opens a table naming the app's keys; enter closes it."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpDialog)
            descriptions = {row[1] for row in app.screen.rows}
            assert {"Check in", "Today", "Interviews", "Resilience", "Tips", "Quit", "Theme"} <= descriptions
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, TodayScreen)

    async def test_theme_switch_persists(self, app_factory: AppFactory, store: Store) -> None:
        """ctrl+t changes the theme and the choice is kept in settings for next time."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            assert app.theme == "rebound"
            await pilot.press("ctrl+t")
            await pilot.pause()
            assert app.theme == "rebound-light"
        assert store.snapshot().settings.theme == "rebound-light"
        again = app_factory()
        async with again.run_test(size=(80, 24)):
            assert again.theme == "rebound-light"

    async def test_too_small_message(self, app_factory: AppFactory) -> None:
        """Below 60x20 a clear message replaces the screen; it leaves when the window grows."""
        app = app_factory()
        async with app.run_test(size=(50, 15)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, TooSmallScreen)
            assert "too small" in _plain(app.screen.query_one("#too-small", Static))
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            assert isinstance(app.screen, TodayScreen)


class TestInterviews:
    async def _add_application(self, app: ReboundApp, pilot: object, company: str, role: str) -> None:
        await pilot.press("a")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        form = app.screen
        assert isinstance(form, ApplicationForm)
        form.query_one("#company", Input).value = company
        form.query_one("#role", Input).value = role
        await pilot.press("ctrl+s")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]

    async def test_add_application_and_round(self, app_factory: AppFactory, store: Store) -> None:
        """a adds an application, n logs a round; both are stored and shown."""
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            await self._add_application(app, pilot, "Acme Cloud", "SRE")
            table = app.screen.query_one("#applications", DataTable)
            assert table.row_count == 1
            await pilot.press("n")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, RoundForm)
            form.query_one("#stage", Select).value = Stage.TECHNICAL.value
            form.query_one("#when", Input).value = "yesterday"
            form.query_one("#follow-up", Input).value = "in 3 days"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, InterviewsScreen)
            assert app.screen.query_one("#rounds", DataTable).row_count == 1
        snap = store.snapshot()
        (application,) = snap.applications
        (rnd,) = snap.rounds
        assert (application.company, application.role) == ("Acme Cloud", "SRE")
        assert rnd.application_id == application.id
        assert rnd.stage is Stage.TECHNICAL and rnd.outcome is Outcome.PENDING
        assert rnd.day.isoformat() == "2026-11-27"
        assert rnd.follow_up is not None and rnd.follow_up.isoformat() == "2026-12-01"

    async def test_empty_company_is_refused_in_one_line(self, app_factory: AppFactory, store: Store) -> None:
        """A blank company keeps the form open with one clear line, and nothing is saved."""
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            await self._add_application(app, pilot, "   ", "SRE")
            assert isinstance(app.screen, ApplicationForm)
            assert "company cannot be empty" in _plain(app.screen.query_one(".form-error", Label))
        assert store.snapshot().applications == ()

    async def test_rejection_offers_reflection(self, app_factory: AppFactory, store: Store) -> None:
        """Saving a rejected round shows support and a tip; r opens the reflection, which is saved."""
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            await self._add_application(app, pilot, "Fernway", "Data Engineer")
            await pilot.press("n")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, RoundForm)
            form.query_one("#stage", Select).value = Stage.ONSITE.value
            form.query_one("#outcome", Select).value = Outcome.REJECTED.value
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, SetbackDialog)
            assert app.screen.tip.situation == "after-rejection"
            await pilot.press("r")
            await pilot.pause()
            reflection = app.screen
            assert isinstance(reflection, ReflectionForm)
            await pilot.press("4", "enter", "5")
            reflection.query_one("#went-well").text = "Clear story about the [bold]migration[/]"  # type: ignore[attr-defined]
            reflection.query_one("#factors").select("internal-candidate")  # type: ignore[attr-defined]
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, InterviewsScreen)
        (rnd,) = store.snapshot().rounds
        assert rnd.outcome is Outcome.REJECTED
        assert rnd.ratings == {"examples": 4, "strengths": 5}
        assert rnd.went_well == "Clear story about the [bold]migration[/]"
        assert [f.value for f in rnd.factors] == ["internal-candidate"]

    async def test_edit_round(self, app_factory: AppFactory, store: Store) -> None:
        """e on a round opens it filled in; the change is stored with a newer 'updated'."""
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            await self._add_application(app, pilot, "Ironbark", "SRE")
            await pilot.press("n", "ctrl+s")
            await pilot.pause()
            rounds = app.screen.query_one("#rounds", DataTable)
            rounds.focus()
            await pilot.press("e")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, RoundForm) and form.round is not None
            form.query_one("#outcome", Select).value = Outcome.ADVANCED.value
            await pilot.press("ctrl+s")
            await pilot.pause()
        (rnd,) = store.snapshot().rounds
        assert rnd.outcome is Outcome.ADVANCED

    async def test_a_round_saved_unchanged_keeps_its_moment(
        self, app_factory: AppFactory, store: Store
    ) -> None:
        """A round logged at 09:15:42 +09:00, opened and saved without a change, is not moved or rewritten."""
        far = timezone(timedelta(hours=9))
        application = Application.new("Ironbark", "SRE", now=NOW)
        logged = Round.new(
            application.id, Stage.TECHNICAL, when=datetime(2026, 11, 27, 9, 15, 42, tzinfo=far), now=NOW
        )
        store.add_many([application, logged])
        before = store.path.read_bytes()
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            rounds = app.screen.query_one("#rounds", DataTable)
            rounds.focus()
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, RoundForm)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, RoundForm)
        assert store.path.read_bytes() == before
        (rnd,) = store.snapshot().rounds
        assert rnd.when == logged.when and rnd.when.utcoffset() == timedelta(hours=9)

    async def test_filter_by_text_and_status(self, app_factory: AppFactory, seeded: Store) -> None:
        """Typing in the filter and choosing a status narrow the table to matching applications."""
        app = app_factory()
        snap = seeded.snapshot()
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            table = app.screen.query_one("#applications", DataTable)
            assert table.row_count == len(snap.applications)
            await pilot.press("slash", *"fernway")
            await pilot.pause()
            expected = [a for a in snap.applications if "fernway" in a.company.casefold()]
            assert table.row_count == len(expected)
            app.screen.query_one("#filter-text", Input).value = ""
            app.screen.query_one("#filter-status", Choice).value = "rejected"
            await pilot.pause()
            rejected = [a for a in snap.applications if snap.status_of(a.id).value == "rejected"]
            assert table.row_count == len(rejected)

    async def test_markup_in_user_text_is_shown_literally(
        self, app_factory: AppFactory, store: Store
    ) -> None:
        """Company names and notes with markup are displayed as typed, never interpreted."""
        hostile = "[bold]Evil[/] [@click=app.quit]Co[/]"
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            await self._add_application(app, pilot, hostile, "SRE \x1b[31mred")
            table = app.screen.query_one("#applications", DataTable)
            assert str(table.get_cell_at(Coordinate(0, 0))) == hostile
            await pilot.click("#applications")
            assert app.is_running
        assert store.snapshot().applications[0].company == hostile


class TestLiveRefresh:
    async def test_checkin_from_another_process_appears(self, app_factory: AppFactory, store: Store) -> None:
        """A check-in saved by another Store (another terminal) shows within two seconds and survives."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            other = Store(store.data_dir, clock=frozen)
            other.add(CheckIn.new(2, now=NOW, note="from the other terminal"))
            await pilot.pause(2.0)
            state = _plain(app.screen.query_one("#checkin-state", Static))
            assert "You checked in today: low" in state
            await pilot.press("c", "4", "enter")
            await pilot.pause()
        notes = sorted((c.mood, c.note) for c in store.snapshot().checkins)
        assert notes == [(2, "from the other terminal"), (4, "")]


def _round_of(store: Store) -> Round:
    return store.snapshot().rounds[0]


class TestToday:
    async def test_streak_first_then_everything(
        self, app_factory: AppFactory, seeded: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The first paint shows the streak; momentum and the score follow from the background load."""
        monkeypatch.setattr("rebound_tui.tui.screens.today.FIRST_PAINT_GRACE", 0.5)  # a slow machine's margin
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            streak = app.screen.query_one("#streak", StatBox)
            assert streak.value.endswith("days")
            assert not app.data_ready
            for _ in range(100):  # the load starts a moment after the first paint
                if app.data_ready:
                    break
                await pilot.pause(0.05)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.data_ready
            assert app.screen.query_one("#momentum", StatBox).value != "-"
            assert app.screen.query_one("#score", StatBox).value.endswith("/ 100")
            assert streak.value == f"{app.session.report.streak.current} days"

    async def test_the_first_frame_is_composed_with_the_streak_and_the_file_glanced_once(
        self, app_factory: AppFactory, seeded: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Compose puts the greeting and the quick streak in the first layout; mounting changes nothing.

        Filled in on mount instead, both asked for a second layout and frame (about 20 ms of
        the first paint), and the file was glanced at twice.
        """
        from rebound_tui.storage import quick

        monkeypatch.setattr("rebound_tui.tui.screens.today.FIRST_PAINT_GRACE", 0.5)
        glances: list[object] = []
        real = quick.glance_streak
        monkeypatch.setattr("rebound_tui.tui.session.glance_streak", lambda *a: glances.append(a) or real(*a))
        layouts: list[str] = []
        real_show = StatBox.show

        def show(box: StatBox, value: str, caption: str = "") -> None:
            if (value, caption) != (box.value, box.caption):
                layouts.append(box.id or "")
            real_show(box, value, caption)

        monkeypatch.setattr(StatBox, "show", show)
        app = app_factory()
        async with app.run_test(size=(80, 24)):
            streak = app.screen.query_one("#streak", StatBox)
            assert not app.data_ready
            assert streak.value.endswith("days") and streak.caption.endswith("in all")
            assert layouts == []
            assert len(glances) == 1
            from rebound_tui.tui.screens.today import greeting

            shown = str(app.screen.query_one("#greeting", Label).render())
            assert shown == greeting(app.session.now().hour)

    async def test_page_takes_focus_once_the_first_frame_is_out(
        self, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Today's scrolling page is focused a moment after the first frame, and again on return."""
        monkeypatch.setattr("rebound_tui.tui.screens.today.FIRST_PAINT_GRACE", 0.5)  # a slow machine's margin
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            assert app.screen.focused is None  # the first frame is drawn without restyling for focus
            await pilot.pause(0.5)
            for _ in range(50):  # the grace timer fires late on a busy machine
                if app.screen.focused is not None:
                    break
                await pilot.pause(0.1)
            assert app.screen.focused is not None and app.screen.focused.id == "today"
            await pilot.press("p")
            await pilot.pause()
            await pilot.press("t")
            await pilot.pause()
            assert app.screen.focused is not None and app.screen.focused.id == "today"

    async def test_text_is_visible_from_the_first_frame(self, app_factory: AppFactory) -> None:
        """The screen and the key bar have an opaque text colour before any CSS refresh."""
        from rebound_tui.tui.widgets.keybar import KeyBar

        app = app_factory()
        async with app.run_test(size=(80, 24)):
            for widget in (app.screen, app.screen.query_one(KeyBar)):
                foreground = widget.visual_style.foreground
                assert foreground is not None and foreground.a == 1


class TestUnreadableFile:
    async def test_start_with_a_damaged_file_says_so(self, app_factory: AppFactory, store: Store) -> None:
        """A damaged data file is named on Today; the app keeps running and the file is untouched."""
        store.data_dir.mkdir(mode=0o700)
        store.path.write_bytes(b'{"checkins": {"x": ')
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            state = _plain(app.screen.query_one("#checkin-state", Static))
            assert str(store.path) in state and "cannot be read" in state
            assert app.is_running
        assert store.path.read_bytes() == b'{"checkins": {"x": '

    async def test_file_damaged_while_open_is_reported(self, app_factory: AppFactory, seeded: Store) -> None:
        """If the file is damaged behind the app's back, it says so and keeps showing what it had."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            before = len(app.session.snapshot.checkins)
            seeded.path.write_bytes(b"\x00\x01 not json")
            await pilot.pause(1.5)
            assert app.is_running
            assert len(app.session.snapshot.checkins) == before
            assert any("cannot be read" in str(n.message) for n in app._notifications)  # noqa: SLF001  (no public list of toasts)


class TestHiddenScreens:
    async def test_a_hidden_screen_catches_up_when_shown(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Resilience, hidden during a check-in, shows the new streak as soon as it is shown again."""
        # The idle catch-up would redraw it first on a busy machine: here it waits for the showing.
        monkeypatch.setattr("rebound_tui.tui.app.CATCH_UP_AFTER", 60.0)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("r")
            await pilot.pause()
            resilience = app.screen
            assert isinstance(resilience, ResilienceScreen)
            assert resilience.query_one("#res-streak", StatBox).value == "0 days"
            await pilot.press("t", "c", "4", "enter")
            await pilot.pause()
            assert resilience.stale  # not redrawn while hidden
            await pilot.press("r")
            await pilot.pause()
            assert app.screen is resilience
            assert resilience.query_one("#res-streak", StatBox).value == "1 day"


class TestThemeAtStart:
    async def test_saved_theme_colours_today_from_the_first_frame(
        self, app_factory: AppFactory, store: Store
    ) -> None:
        """The theme chosen last time colours Today at once (not Textual's default until a refresh)."""
        from rebound_tui.core.models import Settings
        from rebound_tui.tui.themes import REBOUND_LIGHT

        store.save_settings(Settings(theme="rebound-light"))
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.theme == "rebound-light"
            greeting = app.screen.query_one("#greeting")
            assert greeting.styles.color.hex.lower() == str(REBOUND_LIGHT.primary).lower()
