"""Managing applications on Interviews: delete (y/n, undo), archive, withdraw, the quiet offer, the form.

The clock is Sat 28 Nov 2026 10:30 (+01:00). Three applications:
Acme (applied 2 Nov, phone screen 10 Nov pending: 18 days quiet),
Beta (applied 20 Nov, technical on Tue 1 Dec still to come), and
Gamma (applied 25 Nov, no round, a link and a contact).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Label, Static, TextArea

from rebound_tui.core.models import Application, AppStatus, Outcome, Round, Stage
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.dialogs.forms import ApplicationForm, FollowUpForm
from rebound_tui.tui.dialogs.message import ConfirmDialog
from rebound_tui.tui.screens.interviews import APPLICATIONS_PAGE, InterviewsScreen
from rebound_tui.tui.widgets.choice import Choice
from tests.tui.conftest import NOW, TZ

AppFactory = Callable[[], ReboundApp]


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=TZ)


@pytest.fixture
def three(store: Store) -> dict[str, Application]:
    typed = NOW - timedelta(days=30)
    acme = Application.new("Acme", "Dev", applied_on=date(2026, 11, 2), now=typed)
    beta = Application.new("Beta", "Ops", applied_on=date(2026, 11, 20), now=typed)
    gamma = Application.new(
        "Gamma",
        "SRE",
        applied_on=date(2026, 11, 25),
        link="[bold]https://gamma.example/1",
        contact="Sam",
        now=NOW,
    )
    records: list[Any] = [acme, beta, gamma]
    records += [
        Round.new(acme.id, Stage.APPLIED, when=_at(date(2026, 11, 2)), outcome=Outcome.ADVANCED, now=typed),
        Round.new(acme.id, Stage.PHONE_SCREEN, when=_at(date(2026, 11, 10)), now=typed),
        Round.new(beta.id, Stage.APPLIED, when=_at(date(2026, 11, 20)), outcome=Outcome.ADVANCED, now=typed),
        Round.new(beta.id, Stage.TECHNICAL, when=_at(date(2026, 12, 1)), now=typed),
    ]
    store.add_many(records)
    return {"acme": acme, "beta": beta, "gamma": gamma}


async def _open(app: ReboundApp, pilot: Any) -> InterviewsScreen:
    for _ in range(100):
        if app.data_ready:
            break
        await pilot.pause(0.05)
    await pilot.press("i")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, InterviewsScreen)
    return screen


def _companies(screen: InterviewsScreen) -> list[str]:
    table = screen.query_one("#applications", DataTable)
    return [str(table.get_row_at(i)[0]).strip() for i in range(table.row_count)]


async def _select(screen: InterviewsScreen, pilot: Any, company: str) -> None:
    table = screen.query_one("#applications", DataTable)
    table.focus()
    table.move_cursor(row=_companies(screen).index(company))
    await pilot.pause()


async def _settle(app: ReboundApp, pilot: Any) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


class TestList:
    async def test_sorted_by_latest_activity_with_the_next_step_and_the_link_as_text(
        self, app_factory: AppFactory, store: Store, three: dict[str, Application]
    ) -> None:
        """Beta (round on 1 Dec) first, then Gamma (25 Nov), Acme (10 Nov): never by the day typed in.
        Beta's next step is shown; Gamma's link shows its brackets as typed."""
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            screen = await _open(app, pilot)
            assert _companies(screen) == ["Beta", "Gamma", "Acme"]
            await _select(screen, pilot, "Beta")
            detail = str(screen.query_one("#app-detail", Static).render())
            assert "Next: technical Tue 1 Dec" in detail
            await _select(screen, pilot, "Gamma")
            detail = str(screen.query_one("#app-detail", Static).render())
            assert "Contact: Sam" in detail and "Link: [bold]https://gamma.example/1" in detail


class TestDelete:
    async def test_d_asks_and_y_deletes_the_application_with_its_rounds(
        self, app_factory: AppFactory, store: Store, three: dict[str, Application]
    ) -> None:
        """d, then y: Acme and its two rounds are gone, with three tombstones; ctrl+z brings all back."""
        acme = three["acme"]
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            screen = await _open(app, pilot)
            await pilot.press("k")  # leave the quiet offer be
            await _select(screen, pilot, "Acme")
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            assert "Delete Acme (Dev) and its 2 rounds?" in app.screen.question
            await pilot.press("y")
            await _settle(app, pilot)
            snap = store.snapshot()
            assert snap.application(acme.id) is None and snap.rounds_of(acme.id) == ()
            assert {t.id for t in snap.tombstones} >= {acme.id} and len(snap.tombstones) == 3
            assert _companies(screen) == ["Beta", "Gamma"]
            await pilot.press("ctrl+z")
            await _settle(app, pilot)
            snap = store.snapshot()
            assert snap.application(acme.id) is not None and len(snap.rounds_of(acme.id)) == 2
            assert snap.tombstones == ()
            assert "Acme" in _companies(screen)

    async def test_n_keeps_everything(
        self, app_factory: AppFactory, store: Store, three: dict[str, Application]
    ) -> None:
        """d, then n: nothing is deleted and the file is not written."""
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            screen = await _open(app, pilot)
            before = store.path.read_bytes()
            await _select(screen, pilot, "Beta")
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            await _settle(app, pilot)
            assert isinstance(app.screen, InterviewsScreen)
        assert store.path.read_bytes() == before
        assert len(store.snapshot().applications) == 3


class TestArchive:
    async def test_x_archives_l_shows_it_and_x_brings_it_back(
        self, app_factory: AppFactory, store: Store, three: dict[str, Application]
    ) -> None:
        """Archived Gamma leaves the list, keeps its record; l lists only the archived; x there unarchives."""
        gamma = three["gamma"]
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            screen = await _open(app, pilot)
            await _select(screen, pilot, "Gamma")
            await pilot.press("x")
            await _settle(app, pilot)
            archived = store.snapshot().application(gamma.id)
            assert archived is not None and archived.archived == NOW
            assert _companies(screen) == ["Beta", "Acme"]
            await pilot.press("l")
            await _settle(app, pilot)
            assert screen.query_one("#filter-status", Choice).value == "archived"
            assert _companies(screen) == ["Gamma"]
            await _select(screen, pilot, "Gamma")
            await pilot.press("x")
            await _settle(app, pilot)
            assert store.snapshot().application(gamma.id).archived is None  # type: ignore[union-attr]
            assert _companies(screen) == []
            assert "No archived applications" in str(screen.query_one("#interviews-empty", Label).render())
            await pilot.press("l")
            await _settle(app, pilot)
            assert _companies(screen) == ["Beta", "Gamma", "Acme"]

    async def test_ctrl_z_takes_back_an_archiving(
        self, app_factory: AppFactory, store: Store, three: dict[str, Application]
    ) -> None:
        """x then ctrl+z: Gamma is in the list again, not archived."""
        gamma = three["gamma"]
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            screen = await _open(app, pilot)
            await _select(screen, pilot, "Gamma")
            await pilot.press("x")
            await _settle(app, pilot)
            await pilot.press("ctrl+z")
            await _settle(app, pilot)
            assert store.snapshot().application(gamma.id).archived is None  # type: ignore[union-attr]
            assert "Gamma" in _companies(screen)


class TestWithdraw:
    async def test_o_asks_and_y_marks_it_withdrawn(
        self, app_factory: AppFactory, store: Store, three: dict[str, Application]
    ) -> None:
        """o, then y: Beta's pending technical round becomes 'withdrew'; the application reads withdrawn."""
        beta = three["beta"]
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            screen = await _open(app, pilot)
            await _select(screen, pilot, "Beta")
            await pilot.press("o")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await _settle(app, pilot)
            snap = store.snapshot()
            assert snap.status_of(beta.id) is AppStatus.WITHDRAWN
            assert [r.outcome for r in snap.rounds_of(beta.id)] == [Outcome.ADVANCED, Outcome.WITHDREW]
            table = screen.query_one("#applications", DataTable)
            row = table.get_row_at(_companies(screen).index("Beta"))
            assert "withdrawn" in [str(c).strip() for c in row]


class TestQuietOffer:
    async def test_offered_once_noted_and_g_marks_it_ghosted(
        self, app_factory: AppFactory, store: Store, three: dict[str, Application]
    ) -> None:
        """Acme (18 days without news) is offered on opening Interviews, noted at once; g marks its pending
        round ghosted. Coming back later the same day offers nothing more."""
        acme = three["acme"]
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            screen = await _open(app, pilot)
            box = screen.query_one("#quiet-offer", Static)
            assert box.display
            words = str(box.render())
            assert "No news from Acme (Dev) for 18 days." in words and "say nothing about you" in words
            assert store.snapshot().application(acme.id).quiet_offer_made == NOW.date()  # type: ignore[union-attr]
            await pilot.press("g")
            await _settle(app, pilot)
            assert not box.display
            snap = store.snapshot()
            assert [r.outcome for r in snap.rounds_of(acme.id)] == [Outcome.ADVANCED, Outcome.GHOSTED]
            await pilot.press("t")
            await pilot.pause()
            await pilot.press("i")
            await _settle(app, pilot)
            assert not screen.query_one("#quiet-offer", Static).display

    async def test_u_sets_a_follow_up_day(
        self, app_factory: AppFactory, store: Store, three: dict[str, Application]
    ) -> None:
        """u opens a small form; 'in 3 days' puts a follow-up on Tue 1 Dec on Acme's latest round."""
        acme = three["acme"]
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            await _open(app, pilot)
            await pilot.press("u")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, FollowUpForm)
            form.query_one("#follow-up-day", Input).value = "in 3 days"
            await pilot.press("ctrl+s")
            await _settle(app, pilot)
            assert isinstance(app.screen, InterviewsScreen)
        latest = store.snapshot().rounds_of(acme.id)[-1]
        assert latest.follow_up == date(2026, 12, 1) and latest.outcome is Outcome.PENDING

    async def test_a_past_follow_up_day_is_refused_kindly(
        self, app_factory: AppFactory, store: Store, three: dict[str, Application]
    ) -> None:
        """'yesterday' keeps the form open with one line; nothing is set."""
        acme = three["acme"]
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            await _open(app, pilot)
            await pilot.press("u")
            await pilot.pause()
            app.screen.query_one("#follow-up-day", Input).value = "yesterday"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, FollowUpForm)
            assert "pick today or a day ahead" in str(app.screen.query_one(".form-error", Label).render())
        assert all(r.follow_up is None for r in store.snapshot().rounds_of(acme.id))

    async def test_k_leaves_it_be_and_g_means_nothing_afterwards(
        self, app_factory: AppFactory, store: Store, three: dict[str, Application]
    ) -> None:
        """k hides the offer (it stays noted); g then changes nothing."""
        acme = three["acme"]
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            screen = await _open(app, pilot)
            await pilot.press("k", "g")
            await _settle(app, pilot)
            assert not screen.query_one("#quiet-offer", Static).display
        snap = store.snapshot()
        assert [r.outcome for r in snap.rounds_of(acme.id)] == [Outcome.ADVANCED, Outcome.PENDING]
        assert snap.application(acme.id).quiet_offer_made == NOW.date()  # type: ignore[union-attr]


class TestApplicationForm:
    async def test_new_application_with_its_day_note_link_and_contact(
        self, app_factory: AppFactory, store: Store
    ) -> None:
        """The form reads '3 days ago' like the command line and keeps note, link and contact."""
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            await _open(app, pilot)
            await pilot.press("a")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, ApplicationForm)
            assert form.query_one("#applied-on", Input).value == "today"
            form.query_one("#company", Input).value = "Delta"
            form.query_one("#role", Input).value = "Backend"
            form.query_one("#applied-on", Input).value = "3 days ago"
            form.query_one("#note", TextArea).text = "Found via a friend"
            form.query_one("#link", Input).value = "https://delta.example/jobs/7"
            form.query_one("#contact", Input).value = "Priya (recruiter)"
            await pilot.press("ctrl+s")
            await _settle(app, pilot)
        (saved,) = store.snapshot().applications
        assert saved.applied_on == date(2026, 11, 25)
        assert (saved.note, saved.link, saved.contact) == (
            "Found via a friend",
            "https://delta.example/jobs/7",
            "Priya (recruiter)",
        )

    async def test_a_new_application_is_dated_today_by_default_and_a_bad_day_is_one_line(
        self, app_factory: AppFactory, store: Store
    ) -> None:
        """An unreadable day keeps the form open with the hint; left as 'today' it is 28 Nov."""
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            await _open(app, pilot)
            await pilot.press("a")
            await pilot.pause()
            form = app.screen
            form.query_one("#company", Input).value = "Echo"
            form.query_one("#role", Input).value = "Data"
            form.query_one("#applied-on", Input).value = "the other week"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ApplicationForm)
            assert "applied-on date" in str(form.query_one(".form-error", Label).render())
            assert store.snapshot().applications == ()
            form.query_one("#applied-on", Input).value = "today"
            await pilot.press("ctrl+s")
            await _settle(app, pilot)
        (saved,) = store.snapshot().applications
        assert saved.applied_on == date(2026, 11, 28)

    async def test_editing_keeps_a_day_left_alone_and_changes_the_link(
        self, app_factory: AppFactory, store: Store, three: dict[str, Application]
    ) -> None:
        """e on Gamma: the day shows as 2026-11-25 and stays; a new contact is saved."""
        gamma = three["gamma"]
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            screen = await _open(app, pilot)
            await _select(screen, pilot, "Gamma")
            await pilot.press("e")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, ApplicationForm)
            assert form.query_one("#applied-on", Input).value == "2026-11-25"
            form.query_one("#contact", Input).value = "Sam Lee"
            await pilot.press("ctrl+s")
            await _settle(app, pilot)
        saved = store.snapshot().application(gamma.id)
        assert saved is not None and saved.contact == "Sam Lee" and saved.applied_on == date(2026, 11, 25)


class TestManyApplications:
    """Years of applications come in pages (a DataTable row is kept for as long as the table lives)."""

    @pytest.fixture
    def many(self, store: Store) -> list[Application]:
        count = APPLICATIONS_PAGE * 2 + 15
        moments = [NOW - timedelta(days=count - n) for n in range(count)]
        apps = [Application.new(f"Company {n:03}", "Dev", now=moment) for n, moment in enumerate(moments)]
        store.add_many(apps)
        return apps

    async def test_the_first_page_is_drawn_and_more_as_the_cursor_nears_the_end(
        self, app_factory: AppFactory, many: list[Application]
    ) -> None:
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            table = screen.query_one("#applications", DataTable)
            assert table.row_count == APPLICATIONS_PAGE
            assert _companies(screen)[0] == f"Company {len(many) - 1:03}"  # the latest first
            table.move_cursor(row=APPLICATIONS_PAGE - 5, animate=False)
            await pilot.pause()
            assert table.row_count == 2 * APPLICATIONS_PAGE
            table.scroll_end(animate=False, immediate=True)
            await pilot.pause()
            assert table.row_count == len(many)

    async def test_end_draws_every_page_and_the_last_stays_selected_after_a_redraw(
        self, app_factory: AppFactory, many: list[Application]
    ) -> None:
        """End goes to the last application (the oldest), past pages not drawn yet; a redraw, as after
        a save or a change made in another terminal, keeps it selected and every page drawn."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            table = screen.query_one("#applications", DataTable)
            table.focus()
            await pilot.press("end")
            await pilot.pause()
            assert table.row_count == len(many)
            assert screen.selected_application_id() == many[0].id
            screen.refresh_data()
            await pilot.pause()
            assert screen.selected_application_id() == many[0].id
            assert table.row_count == len(many)
