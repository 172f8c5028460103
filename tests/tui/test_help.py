"""Help (issue 14, item 8): the app's keys first, grouped by where they work, one notation,
scrollable at once; none of Textual's own (VerticalScroll, Page Left, Focus Next)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.containers import VerticalScroll

from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.dialogs.help import HelpDialog, key_name

AppFactory = Callable[[], ReboundApp]


def test_one_notation() -> None:
    assert key_name("ctrl+t") == "ctrl+t"
    assert key_name("question_mark") == "?"
    assert key_name("l,ctrl+g") == "l / ctrl+g"


@pytest.mark.parametrize(("mode", "screen_keys"), [("i", {"Add application", "Reflect"}), ("h", {"Search"})])
async def test_grouped_app_keys_first(app_factory: AppFactory, mode: str, screen_keys: set[str]) -> None:
    app = app_factory()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause(0.3)
        await pilot.press(mode)
        await pilot.pause(0.3)
        await pilot.press("question_mark")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, HelpDialog)
        groups = list(dict.fromkeys(where for _, _, where in dialog.rows))
        assert groups[0] == "Everywhere" and groups[-1] == "In forms and dialogs"
        assert groups[1].startswith("On ")
        first = [description for _, description, where in dialog.rows if where == "Everywhere"]
        assert first[:2] == ["Check in", "Today"] and "Quit" in first and "Help" in first
        assert screen_keys <= {d for _, d, where in dialog.rows if where == groups[1]}
        keys = [key for key, _, _ in dialog.rows]
        assert not any(key.startswith("^") for key in keys)  # ctrl+x, never ^x
        descriptions = {d for _, d, _ in dialog.rows}
        assert not descriptions & {"Focus Next", "Copy selected text", "Page Left", "Scroll Up"}
        scroll = dialog.query_one("#help-scroll", VerticalScroll)
        assert dialog.focused is scroll  # PageDown scrolls at once
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroll.scroll_y > 0
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, HelpDialog)
