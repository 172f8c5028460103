"""Today at 80x24 and 60x20 (issue 14, item 6): follow-ups in view, answered with a key; the week line
wraps at word boundaries.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from textual.widgets import Static

from rebound_tui.core.models import Application, CheckIn, Outcome, Record, Round, Stage
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.screens.today import TodayScreen
from tests.tui.conftest import NOW
from tests.tui.test_snapshots import settle

AppFactory = Callable[[], ReboundApp]
Compare = Callable[..., bool]
TODAY = NOW.date()


@pytest.fixture
def follow_up_due(store: Store) -> dict[str, Round]:
    """Three weeks of check-ins and two follow-ups due: Fernway's planned two days ago, Acme's today."""
    acme = Application.new("Acme", "Platform Engineer", now=NOW - timedelta(days=30))
    fernway = Application.new("Fernway", "Data Engineer", now=NOW - timedelta(days=30))
    # Both rounds last week: this week has no actions yet, so its line is the long, kind one.
    applied = Round.new(acme.id, Stage.APPLIED, when=NOW - timedelta(days=8), follow_up=TODAY, now=NOW)
    screen = Round.new(
        fernway.id,
        Stage.PHONE_SCREEN,
        when=NOW - timedelta(days=6),
        outcome=Outcome.ADVANCED,
        follow_up=TODAY - timedelta(days=2),
        now=NOW,
    )
    records: list[Record] = [acme, fernway, applied, screen]
    records += [
        CheckIn.new(2 + d % 3, timestamp=NOW - timedelta(days=d, hours=3), now=NOW) for d in range(1, 22)
    ]
    store.add_many(records)
    return {"acme": applied, "fernway": screen}


def _lines(widget: Static) -> list[str]:
    """The lines ``widget`` shows, as drawn (wrapped to its width)."""
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]


async def _today(app: ReboundApp, pilot: object) -> TodayScreen:
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, TodayScreen)
    return screen


async def _saved(store: Store, round_id: str, pilot: object) -> Round:
    await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return next(r for r in store.snapshot().rounds if r.id == round_id)


class TestFollowUps:
    @pytest.mark.parametrize("size", [(80, 24), (60, 20)])
    async def test_due_follow_ups_are_in_view(
        self, app_factory: AppFactory, store: Store, follow_up_due: dict[str, Round], size: tuple[int, int]
    ) -> None:
        """Without scrolling, the follow-ups due show above the figures, in plain words, with their keys."""
        app = app_factory()
        async with app.run_test(size=size) as pilot:
            screen = await _today(app, pilot)
            listing = screen.query_one("#follow-up-list", Static)
            keys = screen.query_one("#follow-up-keys", Static)
            assert listing.display and keys.display
            assert keys.region.bottom <= size[1] - 1  # above the key bar, nothing scrolled
            assert screen.query_one("#today").scroll_y == 0
            text = " ".join(_lines(listing))
            assert "after the" not in text and "since" not in text
            assert text.startswith(
                "Follow up with Fernway, Data Engineer (phone screen 6 days ago; planned for Thu 26 Nov)"
            )
            assert "Follow up with Acme, Platform Engineer (applied 8 days ago)" in text
            assert not screen.query_one("#follow-ups-none").display

    async def test_d_marks_the_first_done(
        self, app_factory: AppFactory, store: Store, follow_up_due: dict[str, Round]
    ) -> None:
        """d clears the first follow-up's date (saved), says so, and the next one moves up."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _today(app, pilot)
            await pilot.press("d")
            saved = await _saved(store, follow_up_due["fernway"].id, pilot)
            assert saved.follow_up is None
            assert saved.outcome is Outcome.ADVANCED  # nothing else changed
            assert [r.id for r in screen.follow_ups] == [follow_up_due["acme"].id]
            assert any("Follow-up with Fernway marked done" in str(n.message) for n in app._notifications)  # noqa: SLF001  (what the toast said)
            await pilot.press("d")
            assert (await _saved(store, follow_up_due["acme"].id, pilot)).follow_up is None
            assert not screen.query_one("#follow-ups").display
            assert screen.query_one("#follow-ups-none").display
            assert not screen.follow_ups
            # With nothing due, d does nothing (and is not offered in the key bar).
            assert screen.check_action("follow_up_done", ()) is False

    async def test_z_snoozes_the_first_three_days(
        self, app_factory: AppFactory, store: Store, follow_up_due: dict[str, Round]
    ) -> None:
        """z moves the first follow-up to three days from today; it leaves Today until then."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _today(app, pilot)
            await pilot.press("z")
            saved = await _saved(store, follow_up_due["fernway"].id, pilot)
            assert saved.follow_up == TODAY + timedelta(days=3)
            assert [r.id for r in screen.follow_ups] == [follow_up_due["acme"].id]


class TestWeekLine:
    @pytest.mark.parametrize("size", [(80, 24), (60, 20)])
    async def test_wraps_at_word_boundaries(
        self, app_factory: AppFactory, store: Store, follow_up_due: dict[str, Round], size: tuple[int, int]
    ) -> None:
        """The week line is shown whole, broken between words (no word cut, nothing off the edge)."""
        app = app_factory()
        async with app.run_test(size=size) as pilot:
            screen = await _today(app, pilot)
            label = screen.query_one("#week-label", Static)
            lines = _lines(label)
            assert len(lines) >= 2  # too long for one line at these widths
            assert " ".join(lines) == str(label.render())
            assert label.region.right <= size[0]


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_snapshot(
    snap_compare: Compare, app_factory: AppFactory, follow_up_due: dict[str, Round], size: tuple[int, int]
) -> None:
    """Today with two follow-ups due: in view at once, the first in bold, the keys said."""
    assert snap_compare(app_factory(), terminal_size=size, run_before=settle)


def test_snapshot_no_color(
    snap_compare: Compare,
    app_factory: AppFactory,
    follow_up_due: dict[str, Round],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without colour the first follow-up (the one d and z answer) still stands out: bold."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=settle)
