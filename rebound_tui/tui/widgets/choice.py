"""A filter's chooser: one boxed line ("Any mood ▼") whose list is made only while it is open.

Textual's ``Select`` builds its list (an ``OptionList`` in an overlay, with its own
styles) as it mounts and keeps it, hidden, for as long as the screen lives: about
0.35 MiB each for History's mood filter and Interviews' status filter, which are
seldom opened. A ``Choice`` is a single widget; enter, space, down or a click opens
the list in a small screen of its own (:class:`ChoiceMenu`), gone once a line is
picked or Esc is pressed. Left and right step through the options without opening it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from rebound_tui.tui.widgets.palette import palette_style

ARROW = " ▼"


class Choice(Widget, can_focus=True):
    """One value among a few named options, shown in a box like an input."""

    DEFAULT_CSS = """
    Choice {
        height: 3;
        width: 1fr;
        padding: 0 2;
        border: tall $border-blurred;
        background: $surface;
        color: $foreground;
        pointer: pointer;
        &:focus { border: tall $border; background-tint: $foreground 5%; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space,down", "open", "Choose", show=False),
        Binding("left", "step(-1)", "Previous", show=False),
        Binding("right", "step(1)", "Next", show=False),
    ]

    value: reactive[str] = reactive("", init=False)
    """The value of the option chosen (setting it posts :class:`Choice.Changed`)."""

    class Changed(Message):
        """The value changed (by a key, the list, or code)."""

        def __init__(self, choice: Choice, value: str) -> None:
            super().__init__()
            self.choice = choice
            self.value = value

        @property
        def control(self) -> Choice:
            """The chooser (so ``@on(Choice.Changed, "#id")`` works)."""
            return self.choice

    def __init__(self, options: Sequence[tuple[str, str]], *, value: str, id: str | None = None) -> None:
        """``options``: (label, value) pairs, shown in this order; ``value``: the one chosen at first."""
        super().__init__(id=id)
        if not options:
            raise ValueError("a Choice needs at least one option")
        self.options: tuple[tuple[str, str], ...] = tuple(options)
        self.set_reactive(Choice.value, self._checked(value))

    def _checked(self, value: str) -> str:
        if value not in self.values:
            raise ValueError(f"{value!r} is not one of {', '.join(self.values)}")
        return value

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for _, value in self.options)

    @property
    def label(self) -> str:
        """The label of the option chosen."""
        return self.options[self.values.index(self.value)][0]

    def validate_value(self, value: str) -> str:
        return self._checked(value)

    def watch_value(self) -> None:
        self.post_message(self.Changed(self, self.value))

    def render(self) -> Text:
        width = max(self.content_region.width - len(ARROW), 1)
        label = self.label
        if len(label) > width:
            label = label[: max(width - 1, 0)] + "…"
        return Text.assemble(label.ljust(width), (ARROW, palette_style(self, "choice--arrow")))

    def action_step(self, step: int) -> None:
        """The option before (-1) or after (1), stopping at either end."""
        index = self.values.index(self.value) + step
        if 0 <= index < len(self.options):
            self.value = self.values[index]

    def action_open(self) -> None:
        """Show every option just under the box (above it when there is no room below)."""
        from rebound_tui.tui.widgets.choice_menu import ChoiceMenu

        def chosen(value: str | None) -> None:
            if value is not None:
                self.value = value
            self.focus()

        at = self.values.index(self.value)
        self.app.push_screen(ChoiceMenu(self.options, at, self.region), chosen)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.action_open()
