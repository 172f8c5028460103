"""The filters' chooser (widgets/choice.py): keys, the list made only while open, mouse, Esc.

History's mood filter and Interviews' status filter use it instead of Textual's Select,
whose list is built and kept with every screen (issue 11's memory).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.app import App, ComposeResult
from textual.widgets import OptionList

from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.resources import style
from rebound_tui.tui.screens.history import HistoryScreen
from rebound_tui.tui.themes import VARIABLE_DEFAULTS
from rebound_tui.tui.widgets.choice import Choice
from rebound_tui.tui.widgets.choice_menu import ChoiceMenu
from rebound_tui.tui.widgets.palette import PALETTE_CLASSES
from tests.tui.test_history import _keys, _small_journal
from tests.tui.test_snapshots import settle

AppFactory = Callable[[], ReboundApp]
OPTIONS = [("Any mood", "any"), ("Mood 1-2", "low"), ("Mood 3", "okay"), ("Mood 4-5", "good")]


class OneChoice(App[None]):
    """One chooser, on an app that has our shared styles (the arrow's colour is one of them)."""

    CSS_PATH = style("app.tcss")
    CSS = "Choice { width: 20; }"
    COMPONENT_CLASSES = set(PALETTE_CLASSES)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(VARIABLE_DEFAULTS)

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def compose(self) -> ComposeResult:
        self.pick = Choice(OPTIONS, value="any", id="pick")
        yield self.pick

    def on_mount(self) -> None:
        self.pick.focus()

    def on_choice_changed(self, event: Choice.Changed) -> None:
        self.seen.append(event.value)


def choice(app: OneChoice) -> Choice:
    return app.pick


def open_list(app: App[None]) -> OptionList:
    """The list of the chooser's menu, which must be the screen shown."""
    menu = app.screen
    assert isinstance(menu, ChoiceMenu)
    return menu.query_one(OptionList)


async def test_left_and_right_step_through_and_stop_at_the_ends() -> None:
    app = OneChoice()
    async with app.run_test() as pilot:
        await pilot.press("left")
        assert choice(app).value == "any" and app.seen == []
        await pilot.press("right", "right")
        assert choice(app).value == "okay"
        await pilot.press("right", "right", "right")
        assert choice(app).value == "good"
        await pilot.pause()
        assert app.seen == ["low", "okay", "good"]  # one Changed per change, none at the end
        assert choice(app).label == "Mood 4-5"


@pytest.mark.parametrize("key", ["enter", "space", "down"])
async def test_a_key_opens_the_list_at_the_value_and_enter_picks(key: str) -> None:
    app = OneChoice()
    async with app.run_test() as pilot:
        await pilot.press("right")  # "low"
        await pilot.press(key)
        await pilot.pause()
        options = open_list(app)
        assert options.highlighted == 1 and options.has_focus
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceMenu)
        assert choice(app).value == "okay" and choice(app).has_focus
        assert app.seen == ["low", "okay"]


async def test_escape_closes_the_list_changing_nothing() -> None:
    app = OneChoice()
    async with app.run_test() as pilot:
        await pilot.press("enter", "down", "down", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceMenu)
        assert choice(app).value == "any" and app.seen == []


async def test_the_mouse_opens_picks_and_closes() -> None:
    app = OneChoice()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.click("#pick")
        await pilot.pause()
        assert open_list(app).region.y == 3  # just under the box (rows 0-2)
        await pilot.click(OptionList, offset=(3, 1 + 3))  # the fourth option, inside the border
        await pilot.pause()
        assert choice(app).value == "good"
        await pilot.click("#pick")
        await pilot.pause()
        await pilot.click(offset=(50, 15))  # beside the list
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceMenu) and choice(app).value == "good"


async def test_the_list_opens_above_when_there_is_no_room_below() -> None:
    class AtTheBottom(OneChoice):
        CSS = "Choice { width: 20; margin-top: 7; }"

    app = AtTheBottom()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        region = open_list(app).region
        assert region.bottom <= 7  # ends above the box (rows 7-9)
        assert region.height == len(OPTIONS) + 2


def test_only_its_options() -> None:
    with pytest.raises(ValueError, match="at least one"):
        Choice([], value="any")
    with pytest.raises(ValueError, match="'never' is not one of any, low, okay, good"):
        Choice(OPTIONS, value="never")


async def test_a_value_from_code_is_checked() -> None:
    app = OneChoice()
    async with app.run_test() as pilot:
        with pytest.raises(ValueError):
            choice(app).value = "never"
        choice(app).value = "good"
        await pilot.pause()
        assert app.seen == ["good"]


async def test_a_long_label_is_cut_with_an_ellipsis_before_the_arrow() -> None:
    class Narrow(OneChoice):
        CSS = "Choice { width: 11; }"  # 2 cells of border, 4 of padding: 5 inside, 2 of them the arrow

    app = Narrow()
    async with app.run_test() as pilot:
        await pilot.press("right")
        await pilot.pause()
        assert str(choice(app).render()) == "Mo… ▼"  # "Mood 1-2" in the 3 cells left of the arrow


async def test_history_filters_by_mood_with_keys_and_keeps_no_hidden_list(
    app_factory: AppFactory, store: Store
) -> None:
    """In the app: a key on the mood box filters the timeline; no option list is built until opened."""
    entries = _small_journal(store)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert not screen.query(OptionList)
        mood = screen.query_one("#history-mood", Choice)
        assert mood.border_title == "Mood"
        mood.focus()
        await pilot.press("right")  # Mood 1-2
        await pilot.pause()
        assert _keys(screen) == [entries["fri"].id, entries["sat"].id]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("up", "enter")  # back to any mood through the list
        await pilot.pause()
        assert app.screen is screen and mood.value == "any"
        assert len(_keys(screen)) == len(entries)
        assert not screen.query(OptionList)  # the list went with its menu
