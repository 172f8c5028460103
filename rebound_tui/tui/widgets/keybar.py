"""The key hints along the bottom: one line, one widget.

Textual's Footer makes a widget per key, and each costs several milliseconds
to style; with nine keys that was ~30 ms of the first paint. This draws the
same hints (the screen's active bindings that are shown) as a single Text,
and redraws when the bindings change (focus moved, screen changed).
"""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    """`key description` pairs for every shown binding, then the command palette."""

    COMPONENT_CLASSES = {"keybar--key", "keybar--description"}
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; width: 100%; }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        text_style = self.get_component_rich_style("keybar--description", partial=True)
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            line.append(f" {self.app.get_key_display(binding)} ", key_style)
            line.append(f"{binding.description} ", text_style)
        line.append(" ^p ", key_style)
        line.append("palette", text_style)
        return line
