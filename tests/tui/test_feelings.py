"""The check-in's feelings (issue 14, item 9): the likely ones first for the mood chosen, and a
chosen tag marked with a character, so its state reads without colour (NO_COLOR)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import SelectionList

from rebound_tui.core.models import DEFAULT_FEELINGS
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.dialogs.checkin import CheckinDialog, feelings_for_mood
from tests.tui.test_snapshots import settle

AppFactory = Callable[[], ReboundApp]
Compare = Callable[..., bool]


def test_likely_feelings_first() -> None:
    assert feelings_for_mood(DEFAULT_FEELINGS, 1)[:4] == ("disappointed", "frustrated", "anxious", "tired")
    assert feelings_for_mood(DEFAULT_FEELINGS, 5)[:4] == ("hopeful", "confident", "motivated", "proud")
    assert sorted(feelings_for_mood(DEFAULT_FEELINGS, 5)) == sorted(DEFAULT_FEELINGS)  # all still there
    assert feelings_for_mood(DEFAULT_FEELINGS, None) == DEFAULT_FEELINGS


def _prompts(tags: SelectionList[str]) -> list[str]:
    return [str(tags.get_option_at_index(i).prompt) for i in range(tags.option_count)]


@pytest.mark.parametrize(("mood", "first"), [("2", "  disappointed"), ("5", "  hopeful")])
async def test_the_list_follows_the_mood_and_marks_choices(
    app_factory: AppFactory, store: Store, mood: str, first: str
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", mood, "tab", "tab")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CheckinDialog)
        tags = dialog.query_one("#feelings", SelectionList)
        assert _prompts(tags)[0] == first
        await pilot.press("space")  # the first feeling, highlighted
        await pilot.pause()
        assert _prompts(tags)[0] == "✓ " + first.strip()
        await pilot.press("ctrl+s")
        await pilot.pause(0.5)
    assert store.snapshot().checkins[0].feelings == (first.strip(),)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_snapshot_no_color(
    snap_compare: Compare,
    app_factory: AppFactory,
    store: Store,
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A good mood: hopeful first; confident chosen, marked ✓ without any colour."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(
        app_factory(), terminal_size=size, run_before=settle, press=["c", "4", "tab", "tab", "down", "space"]
    )
