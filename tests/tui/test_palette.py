"""The styles many widgets share are worked out once, on the app (widgets/palette.py, issue 11's memory).

Textual made one hidden styled node per component class and per widget; the shared
classes now have one each for the whole app. What a widget draws with them must not
change: the same colours as Textual's own per-widget lookup, and after a theme switch
the new colours, on the screen shown and on those built ahead or left.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.widget import Widget

from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.widgets.mood import GLYPHS, MoodLegend
from rebound_tui.tui.widgets.palette import PALETTE_CLASSES, palette_style
from rebound_tui.tui.widgets.stat import StatBox
from tests.tui.test_snapshots import settle

AppFactory = Callable[[], ReboundApp]

RULES = "{ & > .c--solid { color: $error; text-style: bold; } & > .c--faint { color: $text-disabled; } }"


class Probe(Widget):
    """Declares the classes itself, as every widget did before: Textual's own lookup, to compare with."""

    COMPONENT_CLASSES = {"c--solid", "c--faint"}

    def render(self) -> Text:
        return Text("probe")


class ProbeApp(App[None]):
    COMPONENT_CLASSES = {"c--solid", "c--faint"}
    CSS = f"App {RULES}\nProbe {RULES}\n#box {{ background: $panel; }}\nProbe {{ background: $boost; }}"

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Probe()


async def test_a_shared_style_is_what_textual_gives_a_widget_of_its_own() -> None:
    """Full and partial styles equal Textual's per-widget ones, a see-through colour blended the same way."""
    app = ProbeApp()
    async with app.run_test(size=(40, 5)):
        probe = app.query_one(Probe)
        for name in ("c--solid", "c--faint"):
            assert palette_style(probe, name) == probe.get_component_rich_style(name), name
            assert palette_style(probe, name, partial=True) == probe.get_component_rich_style(
                name, partial=True
            ), name
        # The faint one is dimmed over the probe's background, not drawn in the full colour.
        assert palette_style(probe, "c--faint").color != palette_style(probe, "c--faint", partial=True).color


def shared_style_nodes() -> list[DOMNode]:
    gc.collect()
    return [
        node
        for node in gc.get_objects()
        if type(node) is DOMNode and node.is_attached and PALETTE_CLASSES & node.classes
    ]


async def test_one_hidden_style_node_per_shared_class_for_the_whole_app(
    app_factory: AppFactory, seeded: Store
) -> None:
    """After every mode is drawn, each shared class has one styled node, the app's (there were ~98)."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in "irhpwt":
            await pilot.press(key)
            await settle(pilot)
        gc.unfreeze()
        nodes = shared_style_nodes()
        assert sorted(name for node in nodes for name in node.classes) == sorted(PALETTE_CLASSES)
        assert all(node.parent is app for node in nodes)


def glyph_style(widget: Widget, glyph: str) -> Style:
    """The style of ``glyph`` in the widget's drawn lines (what the terminal gets, caches included)."""
    for y in range(widget.size.height):
        for segment in widget.render_line(y):
            if glyph in segment.text and segment.style is not None:
                return segment.style
    raise AssertionError(f"{glyph!r} not drawn")


async def test_a_theme_switch_redraws_shared_colours_on_every_screen(
    app_factory: AppFactory, seeded: Store
) -> None:
    """The legend of a screen left before the switch shows the new mood colour when shown again."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        legend = app.screen.query_one("#heatmap-legend", MoodLegend)
        before = glyph_style(legend, GLYPHS[1]).color
        await pilot.press("t")
        await settle(pilot)
        box = app.screen.query(StatBox).first()
        value_before = glyph_style(box, box.value[0]).color
        app.theme = "rebound-light" if app.theme != "rebound-light" else "rebound"
        await settle(pilot)
        assert glyph_style(box, box.value[0]).color == palette_style(box, "stat--value", partial=True).color
        assert glyph_style(box, box.value[0]).color != value_before
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.query_one("#heatmap-legend", MoodLegend) is legend
        after = glyph_style(legend, GLYPHS[1]).color
        assert after == palette_style(legend, "mood--1").color
        assert after != before


def test_every_shared_class_has_a_rule() -> None:
    """Each class the widgets ask for is given a style in styles/app.tcss (a typo would draw it plain)."""
    from rebound_tui.tui.resources import style

    text = style("app.tcss").read_text(encoding="utf-8")
    for name in PALETTE_CLASSES:
        assert f"& > .{name} {{" in text, name
