"""A 1–5 picker driven by the number keys: the heart of the five-second check-in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class ScalePicker(Widget, can_focus=True):
    """Choose a value from 1 to 5.

    | Key | Description |
    | :- | :- |
    | `1`–`5` | Pick that value. |
    | `left` / `right` | Move the choice. |
    | `0` / `backspace` | Clear the choice (when it is optional). |
    | `enter` | Confirm (the dialog saves). |
    """

    BINDINGS = [
        *(Binding(str(n), f"pick({n})", f"Pick {n}", show=False, id=f"scale.pick{n}") for n in range(1, 6)),
        Binding("left", "step(-1)", "Less", show=False, id="scale.less"),
        Binding("right", "step(1)", "More", show=False, id="scale.more"),
        Binding("0,backspace", "clear", "Clear", show=False, id="scale.clear"),
        Binding("enter", "confirm", "Save", id="scale.confirm"),
    ]
    COMPONENT_CLASSES = {"scale--selected", "scale--option", "scale--key"}
    DEFAULT_CSS = """
    ScalePicker { height: 1; width: auto; }
    """

    value: reactive[int | None] = reactive(None)
    """The chosen value, or None while nothing is chosen."""

    @dataclass
    class Changed(Message):
        picker: ScalePicker
        value: int | None

        @property
        def control(self) -> ScalePicker:
            return self.picker

    @dataclass
    class Confirmed(Message):
        picker: ScalePicker
        value: int | None

        @property
        def control(self) -> ScalePicker:
            return self.picker

    def __init__(
        self,
        labels: Mapping[int, str],
        *,
        value: int | None = None,
        optional: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.labels = dict(labels)
        self.optional = optional
        self.set_reactive(ScalePicker.value, value)

    def render(self) -> Text:
        selected = self.get_component_rich_style("scale--selected")
        option = self.get_component_rich_style("scale--option")
        key = self.get_component_rich_style("scale--key")
        text = Text(no_wrap=True, overflow="ellipsis")
        for number, label in self.labels.items():
            chosen = number == self.value
            style = selected if chosen else option
            text.append("[" if chosen else " ", style)
            text.append(str(number), style if chosen else key)
            text.append(f" {label}", style)
            text.append("]" if chosen else " ", style)
            text.append(" ")
        return text

    def get_content_width(self, container: object, viewport: object) -> int:
        return sum(len(label) + 5 for label in self.labels.values())

    KEYS: ClassVar[dict[str, tuple[str, int]]] = {
        **{str(n): ("pick", n) for n in range(1, 6)},
        "left": ("step", -1),
        "right": ("step", 1),
        "0": ("clear", 0),
        "backspace": ("clear", 0),
        "enter": ("confirm", 0),
    }
    """The keys of BINDINGS, handled here as they arrive (see on_key)."""

    def on_key(self, event: events.Key) -> None:
        """Handle this picker's keys in its own queue rather than through the bindings.

        A binding is looked up once the key has bubbled up to the app, against
        whatever has the focus by then: a digit typed just before a fast tab then
        picked in the next field. Here it acts where it was typed. (BINDINGS stay,
        for Help and the key bar.)
        """
        action = self.KEYS.get(event.key)
        if action is None:
            return
        event.stop()
        event.prevent_default()
        name, number = action
        if name == "pick":
            self.action_pick(number)
        elif name == "step":
            self.action_step(number)
        elif name == "clear":
            self.action_clear()
        else:
            self.action_confirm()

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def action_pick(self, number: int) -> None:
        self.value = number

    def action_step(self, delta: int) -> None:
        current = self.value or (3 if delta > 0 else 4)
        self.value = max(1, min(5, current + delta))

    def action_clear(self) -> None:
        if self.optional:
            self.value = None

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed(self, self.value))
