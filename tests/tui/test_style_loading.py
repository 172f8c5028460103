"""Stylesheets: the first frame parses only its own; the rest come all at once right after it.

Every screen and dialog names its sheet (``CSS_PATH``), so one opened before the rest
were parsed (a key pressed during the first frame) is styled all the same.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widget import Widget

import rebound_tui.tui.dialogs
import rebound_tui.tui.screens
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import QuickCheckinApp, ReboundApp
from rebound_tui.tui.resources import STYLESHEETS, style, styles_dir
from rebound_tui.tui.screens.base import ModeScreen
from rebound_tui.tui.screens.too_small import TooSmallScreen
from tests.tui.test_snapshots import settle

AppFactory = Callable[[], ReboundApp]


def parsed(app: Any) -> set[str]:
    """The names of our stylesheets the app has read so far."""
    return {name for name in STYLESHEETS if app.stylesheet.has_source(str(style(name)), "")}


def our_screens() -> list[type[Screen[Any]]]:
    """Every screen and dialog class the app defines."""
    found: dict[str, type[Screen[Any]]] = {}
    for package in (rebound_tui.tui.screens, rebound_tui.tui.dialogs):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for _, value in inspect.getmembers(module, inspect.isclass):
                if issubclass(value, Screen) and value.__module__.startswith("rebound_tui."):
                    found[value.__qualname__] = value
    return list(found.values())


def test_the_first_frame_parses_only_its_own_sheets() -> None:
    assert [Path(p).name for p in ReboundApp.CSS_PATH] == ["app.tcss", "today.tcss"]  # type: ignore[union-attr]
    assert [Path(p).name for p in QuickCheckinApp.CSS_PATH] == ["app.tcss", "dialogs.tcss"]  # type: ignore[union-attr]


def test_every_screen_and_dialog_names_its_sheet() -> None:
    """A new dialog without one would be drawn unstyled when opened in the first frame."""
    screens = our_screens()
    assert len(screens) > 15
    named: set[str] = set()
    for screen in screens:
        if screen in (TooSmallScreen, ModeScreen):  # app.tcss styles it; the modes' base
            continue
        paths = screen.CSS_PATH if isinstance(screen.CSS_PATH, list) else [screen.CSS_PATH]
        assert paths and all(p is not None for p in paths), screen.__qualname__
        for path in paths:
            assert Path(str(path)).parent == styles_dir(), (screen.__qualname__, path)
            named.add(Path(str(path)).name)
    assert named == set(STYLESHEETS) - {"app.tcss"}


async def test_the_other_sheets_come_after_the_first_frame(app_factory: AppFactory, seeded: Store) -> None:
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert parsed(app) == set(STYLESHEETS)
        ours = {key: source for key, source in app.stylesheet.source.items() if key[0].endswith(".tcss")}
        assert len(ours) == len(STYLESHEETS)
        await pilot.press("h")
        await pilot.pause()
        after = {key: source for key, source in app.stylesheet.source.items() if key[0].endswith(".tcss")}
        assert after == ours  # a visit reads nothing again


def box_styles(widget: Widget) -> tuple[object, ...]:
    s = widget.styles
    layout = s.layout.name if s.layout is not None else None  # layouts compare by identity
    return (s.width, s.height, s.border, s.background, s.padding, s.align, layout, s.grid_size_columns)


async def styles_seen(app: ReboundApp, pilot: Any) -> dict[str, tuple[object, ...]]:
    """The styles of a dialog's box and History's filters, opened by keys."""
    seen: dict[str, tuple[object, ...]] = {}
    await pilot.press("c")
    await pilot.pause()
    seen["check-in box"] = box_styles(app.screen.query_one(".dialog-box"))
    seen["check-in screen"] = box_styles(app.screen)
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("h")
    await pilot.pause()
    seen["history filters"] = box_styles(app.screen.query_one("#history-filters"))
    return seen


async def test_a_screen_opened_before_the_rest_are_parsed_is_styled_the_same(
    app_factory: AppFactory, seeded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    usual = app_factory()
    async with usual.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        expected = await styles_seen(usual, pilot)

    monkeypatch.setattr(ReboundApp, "load_all_styles", lambda self: None)  # as if keys came first
    early = app_factory()
    async with early.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert parsed(early) == {"app.tcss", "today.tcss"}
        seen = await styles_seen(early, pilot)
        assert parsed(early) == {"app.tcss", "today.tcss", "dialogs.tcss", "history.tcss"}
    assert seen == expected
    assert expected["history filters"][-1] == 4  # the grid of history.tcss, not a default
