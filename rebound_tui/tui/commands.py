"""Command palette entries: the app's main actions, found by typing a few letters.

The provider knows the app only as Textual's ``App``: it posts the same messages a
screen would (see :mod:`rebound_tui.tui.messages`) or runs the app's actions by name.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.message import Message

from rebound_tui.tui.messages import AddApplication, CheckinRequested, ReflectOnLast


class ReboundCommands(Provider):
    """Check in, log an interview, reflect, switch theme, go to a screen."""

    def _post(self, message: type[Message]) -> Callable[[], object]:
        """Post a new ``message`` to the app when the command is chosen."""
        return lambda: self.app.post_message(message())

    def _run(self, action: str) -> Callable[[], object]:
        """Run the app's ``action`` (as its key binding would) when the command is chosen."""
        return partial(self.app.run_action, action)

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        return [
            ("Check in", "Record how you feel right now (c)", self._post(CheckinRequested)),
            ("Log interview", "Add an application, then log its rounds", self._post(AddApplication)),
            (
                "Reflect on last interview",
                "Ratings, what went well, what to improve",
                self._post(ReflectOnLast),
            ),
            ("Switch theme", "Dark, light or high contrast (ctrl+t)", self._run("cycle_theme")),
            ("Go to Today", "Streak, momentum and today's tip (t)", self._run("switch_mode('today')")),
            ("Go to Interviews", "Applications and rounds (i)", self._run("switch_mode('interviews')")),
            (
                "Go to Resilience",
                "Streaks, rebound times, growth (r)",
                self._run("switch_mode('resilience')"),
            ),
            (
                "Go to History",
                "Every check-in and round, to read or correct (h)",
                self._run("switch_mode('history')"),
            ),
            ("Go to Tips", "Words for the hard moments (p)", self._run("switch_mode('tips')")),
            ("Show keys", "Every key binding (?)", self._run("help")),
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
