"""The key hints along the bottom: one line, one widget, the current mode marked.

Textual's Footer makes a widget per key, and each costs several milliseconds
to style; with nine keys that was ~30 ms of the first paint. This draws the
same hints (the screen's active bindings that are shown) as a single Text,
and redraws when the bindings change (focus moved, screen changed) or the
width does.

At any width Help, Quit and the palette stay, at the right; the current mode's
key is shown in brackets and reversed (it reads without colour), so every
screen says where you are. When the line is too long, it shortens in steps:
the other modes' keys lose their words, the screen's own keys keep one word,
then none, then the last of those go.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget

from rebound_tui.tui.widgets.palette import palette_style

PINNED_ACTIONS = ("help", "quit")
"""Always shown, at the right: the way out and the way to every other key."""
PALETTE = ("ctrl+p", "palette")
SHORT = {"Add application": "Add", "New round": "Round", "Check in": "Check in"}
"""Short words for a key when the line is tight (otherwise the first word of its description)."""


def key_text(display: str) -> str:
    """A key in the notation Help uses: "ctrl+z", never Textual's "^z"."""
    if len(display) > 1 and display.startswith("^"):
        return "ctrl+" + display[1:].lower()
    return display


def short(description: str) -> str:
    """The word or two a key keeps on a narrow line."""
    return SHORT.get(description) or description.split(" ", 1)[0]


@dataclass(frozen=True)
class Hint:
    """One key in the bar."""

    key: str
    description: str
    mode: str | None = None
    """The mode the key switches to (a mode key), else None."""


def _mode_of(action: str) -> str | None:
    if action.startswith("switch_mode(") and action.endswith(")"):
        return action[len("switch_mode(") : -1].strip("'\"")
    return None


Shown = tuple[str, str, bool]
"""A key as drawn: its key, its words ("" for none), and whether it is the current mode."""


def _width(line: list[Shown]) -> int:
    """Columns ``line`` takes: " key words " each, "[key words] " for the current mode."""
    return sum(len(key) + len(words) + (3 if words else 2) + current for key, words, current in line)


def fit(hints: list[Hint], pinned: list[Hint], current: str | None, width: int) -> list[Shown]:
    """What to show in ``width`` columns, shortened in steps until it fits.

    Steps: everything in full; the other modes' keys without words; the screen's
    keys with one word; the other modes' keys left out (Help lists them) and the
    palette without its word; the screen's keys dropped from the end; at last
    keys only. Help, Quit and the current mode are always there.
    """
    modes = [h for h in hints if h.mode is not None]
    others = [h for h in hints if h.mode is None]

    def shown(hint: Hint, words: bool | str) -> Shown:
        is_current = hint.mode is not None and hint.mode == current
        if is_current or words is True:
            return (hint.key, hint.description, is_current)
        return (hint.key, short(hint.description) if words == "short" else "", False)

    def line(mode_words: str, own_words: bool | str, keep: int, palette: bool) -> list[Shown]:
        if mode_words == "current":
            shown_modes = [shown(h, False) for h in modes if h.mode == current]
        else:
            shown_modes = [shown(h, mode_words == "full") for h in modes]
        tail: list[Shown] = [(h.key, h.description, False) for h in pinned]
        tail.append((PALETTE[0], PALETTE[1] if palette else "", False))
        return [shown(h, own_words) for h in others[:keep]] + shown_modes + tail

    every = len(others)
    steps: list[tuple[str, bool | str, int, bool]] = [
        ("full", True, every, True),
        ("keys", True, every, True),
        ("keys", "short", every, True),
        ("current", "short", every, False),
        *(("current", "short", keep, False) for keep in range(every - 1, 0, -1)),
    ]
    for step in steps:
        candidate = line(*step)
        if _width(candidate) <= width:
            return candidate
    return line("current", False, every, False)


class KeyBar(Widget):
    """`key description` pairs for every shown binding, then Help, Quit and the command palette."""

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; width: 100%; }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self.refresh()

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def hints(self) -> tuple[list[Hint], list[Hint]]:
        """The screen's shown keys, and the pinned ones (Help, Quit), each once."""
        hints: list[Hint] = []
        pinned: dict[str, Hint] = {}
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            key = key_text(self.app.get_key_display(binding))
            hint = Hint(key, binding.description, _mode_of(binding.action))
            if binding.action in PINNED_ACTIONS:
                pinned[binding.action] = hint
            else:
                hints.append(hint)
        return hints, [pinned[a] for a in PINNED_ACTIONS if a in pinned]

    def render(self) -> Text:
        key_style = palette_style(self, "keybar--key", partial=True)
        text_style = palette_style(self, "keybar--description", partial=True)
        current_style = palette_style(self, "keybar--current", partial=True) + Style(reverse=True)
        hints, pinned = self.hints()
        current = getattr(self.app, "current_mode", None)
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        for key, words, is_current in fit(hints, pinned, current, self.size.width or 80):
            if is_current:
                line.append(f"[{key} {words}]", current_style)  # brackets: readable without colour
                line.append(" ")
                continue
            line.append(f" {key} ", key_style)
            if words:
                line.append(f"{words} ", text_style)
        return line
