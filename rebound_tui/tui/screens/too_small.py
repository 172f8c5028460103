"""Shown instead of everything else while the terminal is smaller than the app can use."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH = 60
MIN_HEIGHT = 20


class TooSmallScreen(Screen[None]):
    """A plain message that names the size needed; it goes away when the window grows."""

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(
                f"The terminal is too small.\nrebound-tui needs at least {MIN_WIDTH}x{MIN_HEIGHT}.\n"
                "Make the window larger, or press ctrl+q to quit.",
                id="too-small",
            )
