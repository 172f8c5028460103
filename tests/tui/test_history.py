"""History: browse, search, filter, edit, delete and undo, driven with Pilot.

The date ranges and the filter itself are pure: tests/core/test_timeline.py tests them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, Select, Static

from rebound_tui.core.metrics import compute_all
from rebound_tui.core.models import Application, CheckIn, Outcome, Round, Stage
from rebound_tui.storage.store import CorruptStoreError, Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.dialogs.checkin import CheckinDialog
from rebound_tui.tui.dialogs.forms import RoundForm
from rebound_tui.tui.dialogs.message import ConfirmDialog, SetbackDialog
from rebound_tui.tui.screens.history import PAGE, HistoryScreen
from rebound_tui.tui.screens.today import TodayScreen
from rebound_tui.tui.widgets.choice import Choice
from rebound_tui.tui.widgets.scale import ScalePicker
from tests.tui.conftest import NOW, TZ, seed

AppFactory = Callable[[], ReboundApp]
TODAY = NOW.date()


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in November 2026 in the tests' time zone."""
    return datetime(2026, 11, day, hour, minute, tzinfo=TZ)


def _checkin(day: int, hour: int, mood: int, **extra: object) -> CheckIn:
    return CheckIn.new(mood, timestamp=_at(day, hour), now=_at(day, hour), **extra)  # type: ignore[arg-type]


def _small_journal(store: Store) -> dict[str, CheckIn | Round]:
    """A week that a test can reason about by hand: five check-ins and one round."""
    acme = Application.new("Acme Cloud", "SRE", now=_at(20, 9))
    entries: dict[str, CheckIn | Round] = {
        "sat": _checkin(21, 9, 2, feelings=["tired"], note="Long walk helped."),
        "mon": _checkin(
            23, 10, 4, feelings=["hopeful"], activities=["applied"], note="Sent two applications."
        ),
        "wed_am": _checkin(25, 8, 3, feelings=["anxious"], note="Nervous before the [bold]call[/]"),
        "wed_round": Round.new(
            acme.id, Stage.TECHNICAL, when=_at(25, 14), now=_at(25, 15), lesson="Slow down."
        ),
        "wed_pm": _checkin(25, 19, 5, feelings=["proud", "calm"], activities=["interviewed"]),
        "fri": _checkin(27, 12, 1, feelings=["disappointed"], note="A no from Fernway."),
    }
    store.add_many([acme, *entries.values()])
    return entries


async def _open(app: ReboundApp, pilot: Pilot[None]) -> HistoryScreen:
    await pilot.press("h")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def _keys(screen: HistoryScreen) -> list[str]:
    table = screen.query_one("#timeline", DataTable)
    return [str(row.key.value) for row in table.ordered_rows]


def _select(screen: HistoryScreen, record_id: str) -> None:
    table = screen.query_one("#timeline", DataTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(record_id), animate=False)


def _plain(widget: Static | Label) -> str:
    return str(widget.render())


def _cell(table: DataTable[object], row: int, column: int) -> str:
    return str(table.get_cell_at(Coordinate(row, column)))


def _top(app: ReboundApp) -> object:
    """The screen on top now (a call, so type narrowing from earlier asserts does not stick)."""
    return app.screen


class TestBrowse:
    async def test_h_opens_a_timeline_newest_first(self, app_factory: AppFactory, store: Store) -> None:
        """h shows every check-in and the round on their days, newest first, the newest one selected."""
        e = _small_journal(store)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            order = ["fri", "wed_pm", "wed_round", "wed_am", "mon", "sat"]
            assert _keys(screen) == [e[name].id for name in order]
            table = screen.query_one("#timeline", DataTable)
            # The day is written once, on the first (latest) row of each day.
            days = [_cell(table, row, 0) for row in range(table.row_count)]
            assert days == ["Fri 27 Nov", "Wed 25 Nov", "", "", "Mon 23 Nov", "Sat 21 Nov"]
            assert _cell(table, 2, 2) == "round"
            assert "A no from Fernway." in _plain(screen.query_one("#history-entry", Static))

    async def test_a_visit_keeps_the_rows_drawn_until_the_theme_changes(
        self, app_factory: AppFactory, store: Store
    ) -> None:
        """Shown again, the timeline reuses the lines it drew (no redraw each visit); a theme redraws them."""
        _small_journal(store)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            table = (await _open(app, pilot)).query_one("#timeline", DataTable)
            first_visit = [table.render_line(y) for y in range(3)]
            await pilot.press("t")
            await pilot.pause()
            await _open(app, pilot)
            assert all(table.render_line(y) is line for y, line in enumerate(first_visit))
            await pilot.press("ctrl+t")
            await pilot.pause()
            themed = [table.render_line(y) for y in range(3)]
            assert all(new is not old for new, old in zip(themed, first_visit, strict=True))
            assert [line.text for line in themed] == [line.text for line in first_visit]
            assert [s.style for s in themed[1]] != [s.style for s in first_visit[1]]

    async def test_detail_follows_the_cursor(self, app_factory: AppFactory, store: Store) -> None:
        """Moving down shows the selected entry in full: a round's company, stage, outcome and lesson."""
        _small_journal(store)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            await pilot.press("down", "down")
            detail = _plain(screen.query_one("#history-entry", Static))
            assert "Technical at Acme Cloud (SRE)" in detail
            assert "Lesson: Slow down." in detail

    async def test_markup_in_a_note_is_shown_as_typed(self, app_factory: AppFactory, store: Store) -> None:
        """A note holding markup is shown literally in the table and in the detail pane."""
        e = _small_journal(store)
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await _open(app, pilot)
            _select(screen, e["wed_am"].id)
            await pilot.pause()
            table = screen.query_one("#timeline", DataTable)
            row = table.get_row_index(e["wed_am"].id)
            assert _cell(table, row, 4) == "Nervous before the [bold]call[/]"
            assert "Nervous before the [bold]call[/]" in _plain(screen.query_one("#history-entry", Static))

    async def test_escape_sequences_in_a_note_are_shown_not_run(
        self, app_factory: AppFactory, store: Store
    ) -> None:
        """A note holding an OSC 52 clipboard write, a screen clear and a right-to-left override:
        the detail pane shows placeholders, none of them reaches the terminal."""
        hostile = "copy\x1b]52;c;aGVsbG8=\x07 clear\x1b[2J flip\u202eevil\x9b6n"
        entry = _checkin(27, 20, 3, note=hostile)
        store.add(entry)
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await _open(app, pilot)
            _select(screen, entry.id)
            await pilot.pause()
            detail = _plain(screen.query_one("#history-entry", Static))
            assert "copy␛]52;c;aGVsbG8=␇ clear␛[2J flip\ufffdevil\ufffd6n" in detail
            for raw in ("\x1b", "\x07", "\u202e", "\x9b"):
                assert raw not in detail

    async def test_a_long_history_comes_in_pages(self, app_factory: AppFactory, store: Store) -> None:
        """Years of entries: the first page is drawn at once and more arrive as the cursor nears the end."""
        seed(store, days=500, rounds=20)
        total = len(store.snapshot().checkins) + len(store.snapshot().rounds)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            table = screen.query_one("#timeline", DataTable)
            assert table.row_count == PAGE < total
            assert f"newest {PAGE} shown" in _plain(screen.query_one("#history-summary", Label))
            table.move_cursor(row=PAGE - 1, animate=False)  # the last row drawn
            await pilot.pause()
            assert table.row_count == 2 * PAGE
            table.scroll_end(animate=False, immediate=True)
            await pilot.pause()
            assert table.row_count == min(3 * PAGE, total)

    async def test_a_change_from_elsewhere_while_scrolled_down_redraws_the_timeline(
        self, app_factory: AppFactory, store: Store
    ) -> None:
        """Twenty entries, scrolled to the end, and another terminal saves a check-in: the timeline is
        drawn again with all 21 (clearing it scrolls to the top, which once asked for more rows before
        the columns were back and ended the app)."""
        moments = [NOW - timedelta(days=k) for k in range(1, 21)]
        store.add_many([CheckIn.new(3, timestamp=moment, now=moment) for moment in moments])
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            table = screen.query_one("#timeline", DataTable)
            table.focus()
            await pilot.press("pagedown", "pagedown")
            await pilot.pause()
            assert 0 < table.scroll_y <= 10  # near enough the end for a scroll to ask for more rows
            elsewhere = Store(store.path.parent)
            elsewhere.add(CheckIn.new(5, timestamp=NOW - timedelta(days=30), now=NOW))
            app.reload()
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
            assert len(table.columns) == 5
            assert len(_keys(screen)) == len(set(_keys(screen))) == 21

    async def test_end_and_home_go_to_the_oldest_and_the_newest(
        self, app_factory: AppFactory, store: Store
    ) -> None:
        """End draws every page and goes to the oldest entry; Home goes back to the newest."""
        seed(store, days=500, rounds=20)
        snap = store.snapshot()
        total = len(snap.checkins) + len(snap.rounds)
        oldest = min(snap.checkins, key=lambda c: c.timestamp)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            table = screen.query_one("#timeline", DataTable)
            newest = screen.selected_id()
            assert table.row_count == PAGE < total
            await pilot.press("end")
            await pilot.pause()
            assert table.row_count == total
            assert table.cursor_row == total - 1
            assert screen.selected_id() == oldest.id
            assert "newest" not in _plain(screen.query_one("#history-summary", Label))
            await pilot.press("home")
            await pilot.pause()
            assert table.cursor_row == 0 and screen.selected_id() == newest
            await pilot.press("ctrl+end")
            await pilot.pause()
            assert screen.selected_id() == oldest.id

    async def test_empty_history_says_so_kindly(self, app_factory: AppFactory, store: Store) -> None:
        """With no data the summary invites a first check-in instead of showing an empty grid only."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            assert "Nothing here yet" in _plain(screen.query_one("#history-summary", Label))
            await pilot.press("e", "d", "ctrl+z")
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
        assert not store.path.exists()


class TestFilters:
    async def test_search_by_text(self, app_factory: AppFactory, seeded: Store) -> None:
        """/ focuses the search; typing narrows the timeline to entries whose text holds the words."""
        snap = seeded.snapshot()
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            await pilot.press("slash", *"walk")
            await pilot.pause()
            assert screen.query_one("#history-search", Input).has_focus
            expected = [c.id for c in reversed(snap.checkins) if "walk" in c.note.casefold()]
            assert expected and _keys(screen) == expected
            await pilot.press("enter")
            assert screen.query_one("#timeline", DataTable).has_focus

    async def test_search_finds_rounds_by_company(self, app_factory: AppFactory, store: Store) -> None:
        """Searching a company name finds its rounds."""
        e = _small_journal(store)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            screen.query_one("#history-search", Input).value = "acme"
            await pilot.pause()
            assert _keys(screen) == [e["wed_round"].id]

    async def test_filter_by_mood_range(self, app_factory: AppFactory, store: Store) -> None:
        """The mood filter keeps check-ins in the range and hides rounds, which have no mood."""
        e = _small_journal(store)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            screen.query_one("#history-mood", Choice).value = "low"
            await pilot.pause()
            assert _keys(screen) == [e["fri"].id, e["sat"].id]
            screen.query_one("#history-mood", Choice).value = "good"
            await pilot.pause()
            assert _keys(screen) == [e["wed_pm"].id, e["mon"].id]
            assert "mean mood 4.5" in _plain(screen.query_one("#history-summary", Label))

    async def test_filter_by_feeling_or_activity(self, app_factory: AppFactory, seeded: Store) -> None:
        """The tag filter keeps check-ins with that feeling or activity."""
        snap = seeded.snapshot()
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            screen.query_one("#history-tag", Input).value = "hopeful"
            await pilot.pause()
            expected = [c.id for c in reversed(snap.checkins) if "hopeful" in c.feelings]
            assert expected and _keys(screen) == expected
            screen.query_one("#history-tag", Input).value = "interviewed"
            await pilot.pause()
            assert all("interviewed" in screen._entries[k].activities for k in _keys(screen))  # type: ignore[union-attr]  # noqa: SLF001  (the rows the screen shows)

    async def test_filter_by_dates(self, app_factory: AppFactory, seeded: Store) -> None:
        """'last 30 days' keeps check-ins and rounds from the last 30 days, today included."""
        snap = seeded.snapshot()
        first = TODAY - timedelta(days=29)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            screen.query_one("#history-dates", Input).value = "last 30 days"
            await pilot.pause()
            wanted = {c.id for c in snap.checkins if first <= c.day <= TODAY}
            wanted |= {r.id for r in snap.rounds if first <= r.day <= TODAY}
            assert set(_keys(screen)) == wanted
            assert f"{first} to {TODAY}" in _plain(screen.query_one("#history-summary", Label))

    async def test_filter_by_month_and_from_to(self, app_factory: AppFactory, store: Store) -> None:
        """A month name and 'from X to Y' both narrow the timeline to those days."""
        e = _small_journal(store)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            dates = screen.query_one("#history-dates", Input)
            dates.value = "from Nov 22 to Nov 25"
            await pilot.pause()
            assert _keys(screen) == [e["wed_pm"].id, e["wed_round"].id, e["wed_am"].id, e["mon"].id]
            dates.value = "October"
            await pilot.pause()
            assert _keys(screen) == []
            assert "Nothing matches" in _plain(screen.query_one("#history-summary", Label))

    async def test_unreadable_dates_are_named_not_applied(
        self, app_factory: AppFactory, store: Store
    ) -> None:
        """Dates that cannot be read show one line in the error colour; the rest of the filter still works."""
        _small_journal(store)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            screen.query_one("#history-dates", Input).value = "the other day"
            await pilot.pause()
            summary = screen.query_one("#history-summary", Label)
            assert "could not read the dates 'the other day'" in _plain(summary)
            assert summary.has_class("-problem")
            assert len(_keys(screen)) == 6


class TestEdit:
    async def test_edit_checkin_mood(self, app_factory: AppFactory, store: Store) -> None:
        """e opens the check-in form filled in; a new mood is saved on the same record and in the metrics."""
        e = _small_journal(store)
        fri = e["fri"]
        assert isinstance(fri, CheckIn)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            _select(screen, fri.id)
            await pilot.press("e")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, CheckinDialog) and dialog.existing == fri
            assert dialog.query_one("#mood", ScalePicker).value == 1
            assert dialog.query_one("#note", Input).value == "A no from Fernway."
            assert list(dialog.query_one("#feelings").selected) == ["disappointed"]  # type: ignore[attr-defined]
            await pilot.press("4", "enter")
            await pilot.pause()
            assert _top(app) is screen
            # The table, the metrics the screens read, and the store all have the new mood.
            table = screen.query_one("#timeline", DataTable)
            assert _cell(table, table.get_row_index(fri.id), 2) == "4 good"
            assert app.session.report.mood_30[-2] == 4.0
        saved = next(c for c in store.snapshot().checkins if c.id == fri.id)
        assert (saved.mood, saved.note, saved.feelings) == (4, fri.note, fri.feelings)
        assert (saved.timestamp, saved.created, saved.updated) == (fri.timestamp, fri.created, NOW)
        assert len(store.snapshot().checkins) == 5
        assert compute_all(store.snapshot(), TODAY).mood_30[-2] == 4.0

    async def test_edit_shows_on_today_at_once(self, app_factory: AppFactory, store: Store) -> None:
        """Correcting today's check-in in History changes what Today says, without a restart."""
        store.add(CheckIn.new(2, now=NOW))
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await _open(app, pilot)
            await pilot.press("e", "5", "enter")
            await pilot.pause()
            await pilot.press("t")
            await pilot.pause()
            assert isinstance(app.screen, TodayScreen)
            assert "You checked in today: great" in _plain(app.screen.query_one("#checkin-state", Static))

    async def test_cancel_edit_writes_nothing(self, app_factory: AppFactory, store: Store) -> None:
        """ctrl+g closes the form without saving; the file is untouched and there is nothing to undo."""
        _small_journal(store)
        before = store.path.read_bytes()
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            await pilot.press("e", "5", "ctrl+g")
            await pilot.pause()
            assert _top(app) is screen and app.session.undo_steps == []
        assert store.path.read_bytes() == before

    async def test_edit_round(self, app_factory: AppFactory, store: Store) -> None:
        """e on a round opens the round form; a new outcome is stored and the setback support follows."""
        e = _small_journal(store)
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            screen = await _open(app, pilot)
            _select(screen, e["wed_round"].id)
            await pilot.press("e")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, RoundForm) and form.round == e["wed_round"]
            form.query_one("#outcome", Select).value = Outcome.REJECTED.value
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, SetbackDialog)
            await pilot.press("l")
            await pilot.pause()
            assert _top(app) is screen
            assert "rejected" in _plain(screen.query_one("#history-entry", Static))
        (rnd,) = store.snapshot().rounds
        assert rnd.id == e["wed_round"].id and rnd.outcome is Outcome.REJECTED
        assert rnd.lesson == "Slow down."
        assert compute_all(store.snapshot(), TODAY).setbacks[0].round_id == rnd.id


class TestDelete:
    async def test_delete_asks_with_y_and_n(self, app_factory: AppFactory, store: Store) -> None:
        """d asks first; n keeps the entry; d then y deletes it and leaves a tombstone."""
        e = _small_journal(store)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            _select(screen, e["mon"].id)
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            assert "Mon 23 Nov 2026" in app.screen.question
            await pilot.press("n")
            await pilot.pause()
            assert e["mon"].id in _keys(screen)
            await pilot.press("d", "y")
            await pilot.pause()
            assert _top(app) is screen
            assert e["mon"].id not in _keys(screen)
            assert app.session.report.streak.total_days == 3
        snap = store.snapshot()
        assert e["mon"].id not in {c.id for c in snap.checkins}
        assert [(t.id, t.kind, t.deleted) for t in snap.tombstones] == [(e["mon"].id, "checkins", NOW)]

    async def test_delete_round(self, app_factory: AppFactory, store: Store) -> None:
        """A round is deleted the same way; its application stays."""
        e = _small_journal(store)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            _select(screen, e["wed_round"].id)
            await pilot.press("d", "y")
            await pilot.pause()
        snap = store.snapshot()
        assert snap.rounds == () and len(snap.applications) == 1
        assert [t.kind for t in snap.tombstones] == ["rounds"]


class TestUndo:
    async def test_undo_delete_brings_it_back(self, app_factory: AppFactory, store: Store) -> None:
        """ctrl+z after a delete puts the check-in back as it was and removes its tombstone."""
        e = _small_journal(store)
        sat = e["sat"]
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            _select(screen, sat.id)
            await pilot.press("d", "y")
            await pilot.pause()
            assert sat.id not in _keys(screen)
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert sat.id in _keys(screen) and app.session.undo_steps == []
        snap = store.snapshot()
        back = next(c for c in snap.checkins if c.id == sat.id)
        assert back.to_dict() | {"updated": None} == sat.to_dict() | {"updated": None}
        assert snap.tombstones == ()

    async def test_undo_edit_restores_the_old_version(self, app_factory: AppFactory, store: Store) -> None:
        """ctrl+z after an edit puts the earlier mood back, in the store and in the metrics."""
        e = _small_journal(store)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            _select(screen, e["fri"].id)
            await pilot.press("e", "5", "enter")
            await pilot.pause()
            assert app.session.report.mood_30[-2] == 5.0
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert app.session.report.mood_30[-2] == 1.0
        assert next(c for c in store.snapshot().checkins if c.id == e["fri"].id).mood == 1

    async def test_undo_goes_back_one_step_at_a_time(self, app_factory: AppFactory, store: Store) -> None:
        """Two changes are undone newest first; a third ctrl+z has nothing left and writes nothing."""
        e = _small_journal(store)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)
            _select(screen, e["fri"].id)
            await pilot.press("e", "3", "enter")
            await pilot.pause()
            _select(screen, e["sat"].id)
            await pilot.press("d", "y")
            await pilot.pause()
            await pilot.press("ctrl+z")
            await pilot.pause()
            snap = store.snapshot()
            assert e["sat"].id in {c.id for c in snap.checkins}
            assert next(c for c in snap.checkins if c.id == e["fri"].id).mood == 3
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert next(c for c in store.snapshot().checkins if c.id == e["fri"].id).mood == 1
            before = store.path.read_bytes()
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert store.path.read_bytes() == before


class TestDamagedFile:
    async def test_unreadable_file_is_named_in_the_summary(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If the file turns unreadable, History says so in one line and e, d and ctrl+z write nothing."""
        _small_journal(store)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(app, pilot)

            def damaged() -> None:
                raise CorruptStoreError(f"{store.path} cannot be read (invalid JSON at line 1)")

            monkeypatch.setattr(app.session.store, "snapshot", damaged)
            app.session._snapshot = None  # noqa: SLF001  (as if nothing had been read yet)
            screen.refresh_data()
            summary = screen.query_one("#history-summary", Label)
            assert "cannot be read" in _plain(summary) and summary.has_class("-problem")
            assert _keys(screen) == []
            before = store.path.read_bytes()
            await pilot.press("e", "d", "ctrl+z")
            await pilot.pause()
            assert _top(app) is screen
        assert store.path.read_bytes() == before
