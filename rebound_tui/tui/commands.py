"""Command palette entries: the app's main actions, found by typing a few letters.

The provider knows the app only as Textual's ``App``: it posts the same messages a
screen would (see :mod:`rebound_tui.tui.messages`) or runs the app's actions by name.
Themes are offered by their friendly names, our three only (:class:`ThemeCommands`);
the app leaves Textual's own "Theme" entry and its twenty themes out of the palette,
since a pick among those could not be kept in the settings.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.message import Message

from rebound_tui.tui.messages import AddApplication, CheckinRequested, ReflectOnLast, SettingsRequested
from rebound_tui.tui.themes import FRIENDLY


def theme_commands(run: Callable[[str], Callable[[], object]]) -> list[tuple[str, str, Callable[[], object]]]:
    """ "Theme: Calm dark", ... for each of our themes; ``run`` turns an action into a callback."""
    return [
        (f"Theme: {words}", "Kept for next time", run(f"set_theme({name!r})"))
        for name, words in FRIENDLY.items()
    ]


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
            ("Switch theme", "Calm dark, light or high contrast (ctrl+t)", self._run("cycle_theme")),
            *theme_commands(self._run),
            (
                "Settings",
                "Weekly target, first day, action tags, pauses, theme (s)",
                self._post(SettingsRequested),
            ),
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
            (
                "Weekly review",
                "Look back on the week, and what to keep and try (w)",
                self._run("switch_mode('review')"),
            ),
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


class ThemeCommands(Provider):
    """Only our themes, by friendly name: what Textual's theme search shows in this app."""

    async def discover(self) -> Hits:
        for name, help_text, callback in theme_commands(lambda action: partial(self.app.run_action, action)):
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in theme_commands(lambda action: partial(self.app.run_action, action)):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
