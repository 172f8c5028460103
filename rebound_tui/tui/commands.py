"""Command palette entries: the app's main actions, found by typing a few letters."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from rebound_tui.tui.app import ReboundApp


class ReboundCommands(Provider):
    """Check in, log an interview, reflect, switch theme, go to a screen."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = cast("ReboundApp", self.app)
        return [
            ("Check in", "Record how you feel right now (c)", app.action_checkin),
            ("Log interview", "Add an application, then log its rounds", app.add_application),
            ("Reflect on last interview", "Ratings, what went well, what to improve", app.reflect_on_last),
            ("Switch theme", "Dark, light or high contrast (ctrl+t)", app.action_cycle_theme),
            ("Go to Today", "Streak, momentum and today's tip (t)", partial(app.switch_mode, "today")),
            ("Go to Interviews", "Applications and rounds (i)", partial(app.switch_mode, "interviews")),
            (
                "Go to Resilience",
                "Streaks, rebound times, growth (r)",
                partial(app.switch_mode, "resilience"),
            ),
            (
                "Go to History",
                "Every check-in and round, to read or correct (h)",
                partial(app.switch_mode, "history"),
            ),
            ("Go to Tips", "Words for the hard moments (p)", partial(app.switch_mode, "tips")),
            ("Show keys", "Every key binding (?)", app.action_help),
        ]

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
