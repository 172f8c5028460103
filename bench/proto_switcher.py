"""A throwaway prototype of the public route to ready modes, for bench_tui.py to measure.

The app's design today: one Textual mode per area; while Today is shown the other modes'
screens are built, laid out and rendered in idle time through Textual internals
(rebound_tui/tui/warmup.py). This prototype does the same job with public API only: one
screen holds a ``ContentSwitcher``; each area is a page (a container) mounted into it in
idle moments after the load; a key shows a page by setting ``ContentSwitcher.current``.
A hidden page (``display: none``) is composed and filled but not laid out: Textual has no
public way to lay out what is not shown, so that cost stays on the first visit.

The pages reuse the real screens' code: each page class copies the methods of its screen
class (compose, refresh, handlers), so it draws the same data with the same styles. Focus,
help and the keys inside pages are approximate: this is for measuring, not for use.

Usage: .venv/bin/python bench/proto_switcher.py [--data-dir D]   (REBOUND_TUI_NOW is honoured)
"""

from __future__ import annotations

import argparse
import importlib
import os
import types
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import ContentSwitcher

from rebound_tui.storage.store import Store
from rebound_tui.tui.app import LATER_MODES, PREPARE_STEP, ReboundApp
from rebound_tui.tui.screens.base import ModeScreen

SCREENS = {
    "today": ("rebound_tui.tui.screens.today", "TodayScreen"),
    "interviews": ("rebound_tui.tui.screens.interviews", "InterviewsScreen"),
    "resilience": ("rebound_tui.tui.screens.resilience", "ResilienceScreen"),
    "history": ("rebound_tui.tui.screens.history", "HistoryScreen"),
    "tips": ("rebound_tui.tui.screens.tips_screen", "TipsScreen"),
    "review": ("rebound_tui.tui.screens.review", "ReviewScreen"),
}
"""Imported when first needed, as the app does: only Today's code before the first paint."""


class PageBase(Container):
    """What a page needs that a Screen had: whether it is in view, and the screen's focus."""

    DEFAULT_CSS = "PageBase { height: 1fr; }"

    @property
    def is_current(self) -> bool:
        return bool(self.display)

    @property
    def focused(self) -> Any:
        return self.screen.focused

    def lay_out_hidden(self) -> bool:
        return False  # no public way to lay out a hidden page


def _copy(cls: type, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {k: v for k, v in vars(cls).items() if k not in ("__dict__", "__weakref__", *skip)}


ModePage = type("ModePage", (PageBase,), _copy(ModeScreen, skip=("lay_out_hidden",)))


def page_class(screen: type[ModeScreen]) -> type[Container]:
    """A container class carrying ``screen``'s methods, named like it so its TCSS applies."""
    namespace = _copy(screen)
    if "__init__" in namespace:  # History's own __init__ calls super(), bound to the Screen class
        del namespace["__init__"]
        own = set(vars(screen())) - set(vars(Screen[None]()))

        def __init__(self: Any, **kwargs: Any) -> None:
            Container.__init__(self, **kwargs)
            fresh = screen()  # the attributes its __init__ sets, fresh for this page
            for name in own:
                setattr(self, name, getattr(fresh, name))

        namespace["__init__"] = __init__
    page_type = type(screen.__name__, (ModePage,), namespace)
    # A copied method that calls super() (Interviews' on_screen_resume) is bound to the Screen
    # class it was written in: give it a __class__ cell holding the page class instead.
    for name, value in namespace.items():
        code = getattr(value, "__code__", None)
        if code is not None and "__class__" in code.co_freevars and name != "__init__":
            cells = tuple(
                types.CellType(page_type) if var == "__class__" else cell
                for var, cell in zip(code.co_freevars, value.__closure__ or (), strict=True)
            )
            rebound = types.FunctionType(code, value.__globals__, value.__name__, value.__defaults__, cells)
            rebound.__kwdefaults__ = value.__kwdefaults__
            setattr(page_type, name, rebound)
    return page_type


_PAGES: dict[str, type[Container]] = {}


def page(mode: str, **kwargs: Any) -> Container:
    """A new page for ``mode`` (its screen's module imported on first use)."""
    if mode not in _PAGES:
        module, name = SCREENS[mode]
        _PAGES[mode] = page_class(getattr(importlib.import_module(module), name))
    return _PAGES[mode](**kwargs)


class PagesScreen(Screen[None]):
    """The one screen: a switcher of pages; Today is mounted at once, the others later."""

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="page-today", id="pages"):
            yield page("today", id="page-today")


class SwitcherApp(ReboundApp):
    """ReboundApp with one screen of pages instead of modes."""

    MODES = {}
    DEFAULT_MODE = "_default"

    def get_default_screen(self) -> Screen[Any]:
        return PagesScreen()

    def _switcher(self) -> ContentSwitcher:
        return self.get_screen_stack("_default")[0].query_one(ContentSwitcher)

    _adding: dict[str, AwaitComplete] | None = None

    def _add(self, mode: str) -> AwaitComplete | None:
        """Start mounting ``mode``'s page, hidden (display: none until made current); None if there."""
        if self._adding is None:
            self._adding = {}
        if mode in self._adding or self._switcher().query(f"#page-{mode}"):
            return self._adding.get(mode)
        self._adding[mode] = self._switcher().add_content(page(mode, id=f"page-{mode}"))
        return self._adding[mode]

    async def action_switch_mode(self, mode: str) -> None:
        adding = self._add(mode)
        if adding is not None:
            await adding
        switcher = self._switcher()
        switcher.current = f"page-{mode}"
        shown = switcher.query_one(f"#page-{mode}")
        shown.on_screen_resume()  # type: ignore[attr-defined]  # as a screen's: redraw if stale

    def prepare_ahead(self) -> None:
        if not self.is_running or self.return_code is not None:
            return
        for mode in LATER_MODES:
            if not self._switcher().query(f"#page-{mode}") and (
                self._adding is None or mode not in self._adding
            ):
                self._add(mode)  # composed and filled while hidden, not laid out
                self.set_timer(PREPARE_STEP, self.prepare_ahead)
                return


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=Path(os.environ.get("REBOUND_TUI_DATA_DIR", ".")))
    args = parser.parse_args()
    frozen = os.environ.get("REBOUND_TUI_NOW")
    moment = datetime.fromisoformat(frozen) if frozen else None
    clock = (lambda: moment) if moment else datetime.now().astimezone
    SwitcherApp(Store(args.data_dir, clock=clock), clock=clock).run()  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
