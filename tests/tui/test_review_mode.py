"""The Review mode (`w`): browsing weeks, the keep/try form saved as a change, snapshots at 80x24 and 60x20.

The app's clock is Sat 28 Nov 2026 (tests/tui/conftest.py): this week is Mon 23 -
Sun 29 Nov, and the week before is the seeded week of tests/review_seed.py, whose
figures are worked out by hand there.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from textual.widgets import Input

from rebound_tui.core.models import Application, Round
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.dialogs.week_note import WeekNoteForm
from rebound_tui.tui.screens.review import ReviewBody, ReviewScreen
from tests.review_seed import KEEP, LESSON, NOTE, TRY, seeded_week
from tests.tui.conftest import NOW
from tests.tui.test_snapshots import settle

AppFactory = Callable[[], ReboundApp]
Compare = Callable[..., bool]


@pytest.fixture
def week_store(store: Store) -> Store:
    snap = seeded_week()
    store.add_many([*snap.checkins, *snap.applications, *snap.rounds, *snap.rest_days, *snap.week_notes])
    return store


def _body(app: ReboundApp) -> str:
    """The review's words as drawn (the sections' blocks, joined)."""
    body = app.screen.query_one(ReviewBody)
    return "\n".join(
        f"{section.title}\n" + "\n".join(words for _, words in section.blocks) for section in body.parts
    )


def _drawn(app: ReboundApp, width: int = 200) -> str:
    """What the review's widget draws, as plain text."""
    import io

    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, record=True)
    console.print(app.screen.query_one(ReviewBody).render())
    return console.export_text()


async def _open(pilot: Any) -> ReviewScreen:
    await settle(pilot)
    await pilot.press("w")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


class TestReview:
    async def test_w_opens_this_week(self, app_factory: AppFactory, week_store: Store) -> None:
        """`w` shows the week holding today, so far; nothing logged yet is said kindly."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(pilot)
            assert app.current_mode == "review"
            assert screen.period.start == date(2026, 11, 23)
            assert screen.review is not None and screen.review.running
            assert "Nothing logged yet this week, and that is allowed." in _body(app)

    async def test_browsing_weeks(self, app_factory: AppFactory, week_store: Store) -> None:
        """`[` and left go back a week, `]` and right forward up to this week, `0` back to this week."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(pilot)
            await pilot.press("left_square_bracket")
            assert screen.period.start == date(2026, 11, 16)
            body = _body(app)
            assert (
                "5 job-search actions that week: your target of 2 (lowered from 3 for the rest days) is met."
                in body
            )
            assert "You checked in on 4 days (5 check-ins)." in body
            assert LESSON in body and KEEP in body and TRY in body
            assert NOTE in body  # the person's own notes show on their own screen
            await pilot.press("left")
            assert screen.period.start == date(2026, 11, 9)
            await pilot.press("right_square_bracket")
            assert screen.period.start == date(2026, 11, 16)
            await pilot.press("right", "right")
            assert screen.period.start == date(2026, 11, 23) and screen.week is None
            await pilot.press("left", "left", "0")
            assert screen.period.start == date(2026, 11, 23)

    async def test_the_note_is_saved_and_shown(self, app_factory: AppFactory, week_store: Store) -> None:
        """`n` opens the coming week's form; ctrl+s saves it through the session; the review shows it."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(pilot)
            await pilot.press("n")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, WeekNoteForm) and form.week == date(2026, 11, 30)
            await pilot.press(*"walks", "tab", *"a meetup", "ctrl+s")
            for _ in range(40):
                if not isinstance(app.screen, WeekNoteForm):
                    break
                await pilot.pause(0.05)
            assert app.screen is screen
            notes = {n.week: n for n in Store(week_store.data_dir).snapshot().week_notes}
            assert (notes[date(2026, 11, 30)].keep, notes[date(2026, 11, 30)].try_next) == (
                "walks",
                "a meetup",
            )
            await pilot.pause()
            assert screen.review is not None and screen.review.coming is not None
            assert "a meetup" in _body(app)

    async def test_a_blank_note_is_not_saved(self, app_factory: AppFactory, week_store: Store) -> None:
        """Nothing typed: the form says what it needs and stays open; nothing is written."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await _open(pilot)
            before = week_store.path.read_bytes()
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, WeekNoteForm)
            assert "Write one thing to keep" in str(app.screen.query_one(".form-error").render())
            assert week_store.path.read_bytes() == before

    async def test_a_note_written_elsewhere_meanwhile_is_kept(
        self, app_factory: AppFactory, week_store: Store
    ) -> None:
        """Another rebound-tui writes the week's note while the form is open: nothing is overwritten."""
        from rebound_tui.storage.edits import save_week_note

        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await _open(pilot)
            await pilot.press("n")
            await pilot.pause()
            save_week_note(Store(week_store.data_dir, clock=lambda: NOW), date(2026, 11, 30), "theirs", "")
            await pilot.press(*"mine", "ctrl+s")
            for _ in range(20):
                await pilot.pause(0.05)
            assert isinstance(app.screen, WeekNoteForm)  # still open, the text kept
            notes = [
                n.keep
                for n in Store(week_store.data_dir).snapshot().week_notes
                if n.week == date(2026, 11, 30)
            ]
            assert notes == ["theirs"]

    async def test_user_text_is_never_markup(self, app_factory: AppFactory, store: Store) -> None:
        """A lesson and a company holding markup show as typed, and nothing breaks."""
        app_record = Application.new("Acme [/x]", "Dev [bold]", now=NOW)
        lesson = "[@click=app.quit]x[/] and [red]y"
        store.add_many([app_record, Round.new(app_record.id, "technical", when=NOW, lesson=lesson, now=NOW)])
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await _open(pilot)
            drawn = _drawn(app)
            assert lesson in drawn and "Acme [/x] (Dev [bold])" in drawn
            assert app.is_running


def test_the_screen_is_not_imported_for_the_first_paint(tmp_path: Any) -> None:
    """The first paint never imports the Review screen or the review's core; it is built in idle
    time after the other modes (so its first visit is as quick as theirs), or when ``w`` is pressed."""
    script = textwrap.dedent(
        f"""
        import asyncio, sys
        from datetime import datetime, timezone
        from pathlib import Path
        from rebound_tui.tui.app import make_app

        async def main():
            app = make_app(Path({str(tmp_path)!r}), clock=lambda: datetime(2026, 11, 28, tzinfo=timezone.utc))
            async with app.run_test(size=(80, 24)) as pilot:
                assert "rebound_tui.tui.screens.review" not in sys.modules, "imported early"
                assert "rebound_tui.core.review" not in sys.modules, "core imported early"
                await pilot.press("w")
                await pilot.pause(0.2)
                assert "rebound_tui.tui.screens.review" in sys.modules
        asyncio.run(main())
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
def test_snapshot_last_week(
    snap_compare: Compare, app_factory: AppFactory, week_store: Store, size: tuple[int, int]
) -> None:
    """The seeded week at 80x24 and 60x20: title, how the days felt, the key bar with Review current."""
    assert snap_compare(
        app_factory(), terminal_size=size, run_before=settle, press=["w", "left_square_bracket"]
    )


async def _open_note_form(pilot: Any) -> None:
    """Open the keep/try form and wait until its first field has the focus (the picture is stable)."""
    await _open(pilot)
    await pilot.press("n")
    for _ in range(100):
        screen = pilot.app.screen
        if isinstance(screen, WeekNoteForm) and screen.focused is not None and screen.focused.id == "keep":
            break
        await pilot.pause(0.02)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False  # a blinking cursor would be caught on or off by chance
    await pilot.pause()


def test_snapshot_note_form(snap_compare: Compare, app_factory: AppFactory, week_store: Store) -> None:
    """The keep/try form at 80x24, its first field focused."""
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=_open_note_form)
