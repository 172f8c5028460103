"""SVG snapshots of every screen at 80x24 (and Today at 120x40), fixed clock, seeded data.

Update after an intended visual change with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp

AppFactory = Callable[[], ReboundApp]
Compare = Callable[..., bool]


async def settle(pilot: Any) -> None:
    """Let the background load (started after the first paint) finish, so the picture is stable."""
    for _ in range(100):
        if pilot.app.data_ready:
            break
        await pilot.pause(0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_today_empty(snap_compare: Compare, app_factory: AppFactory, store: Store) -> None:
    """Today on a first run: no data, a friendly invitation to check in."""
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=settle)


def test_today_seeded(snap_compare: Compare, app_factory: AppFactory, seeded: Store) -> None:
    """Today with four months of check-ins and rounds."""
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=settle)


def test_today_large(snap_compare: Compare, app_factory: AppFactory, seeded: Store) -> None:
    """Today in a roomy 120x40 terminal."""
    assert snap_compare(app_factory(), terminal_size=(120, 40), run_before=settle)


def test_checkin_dialog(snap_compare: Compare, app_factory: AppFactory, seeded: Store) -> None:
    """The check-in with a mood picked."""
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=settle, press=["c", "4"])


def test_interviews(snap_compare: Compare, app_factory: AppFactory, seeded: Store) -> None:
    """Applications and the rounds of the first one."""
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=settle, press=["i"])


def test_round_form(snap_compare: Compare, app_factory: AppFactory, seeded: Store) -> None:
    """Logging a new round for the selected application."""
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=settle, press=["i", "n"])


def test_resilience(snap_compare: Compare, app_factory: AppFactory, seeded: Store) -> None:
    """Streaks, score and the year of moods."""
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=settle, press=["r"])


def test_resilience_scrolled(snap_compare: Compare, app_factory: AppFactory, seeded: Store) -> None:
    """Further down Resilience: rebound times, growth, funnel."""

    async def scroll(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()
        screen = pilot.app.screen
        screen.query_one("#resilience").scroll_to_widget(
            screen.query_one("#rebound-box"), top=True, animate=False
        )
        await pilot.pause()

    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=scroll)


def test_tips(snap_compare: Compare, app_factory: AppFactory, store: Store) -> None:
    """The tip of the day and the first tips by situation."""
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=settle, press=["p"])


def test_help(snap_compare: Compare, app_factory: AppFactory, store: Store) -> None:
    """Every key, in a dialog."""
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=settle, press=["question_mark"])


def test_too_small(snap_compare: Compare, app_factory: AppFactory, store: Store) -> None:
    """Below 60x20 the app says what size it needs."""
    assert snap_compare(app_factory(), terminal_size=(50, 15), run_before=settle)


async def high_contrast(pilot: Any) -> None:
    """Switch to the high-contrast theme, then let its toasts go (the picture must not hang on timers)."""
    await settle(pilot)
    await pilot.press("ctrl+t", "ctrl+t")
    await pilot.app.workers.wait_for_complete()
    pilot.app.clear_notifications()
    await pilot.pause()


def test_high_contrast_theme(snap_compare: Compare, app_factory: AppFactory, seeded: Store) -> None:
    """Today in the high-contrast theme."""
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=high_contrast)


def test_checkin_dialog_more(snap_compare: Compare, app_factory: AppFactory, seeded: Store) -> None:
    """Tab opens the optional fields: energy, feelings, activities, own tags and a note."""
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=settle, press=["c", "4", "tab"])
