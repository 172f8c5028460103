"""The component styles many widgets share (mood colours, a figure's title...), worked out once.

Textual works out each widget's ``COMPONENT_CLASSES`` with a hidden DOM node per class and
per widget (about 12 KB each once styled): six key bars, seven figure boxes, six mood charts
and legends, six tip groups and the review made 98 of them, about 0.9 MiB of the app's peak
memory. Their TCSS rules name only the widget's type, so every instance got the same styles.
They are declared once, on the app (``App > .stat--title`` in styles/app.tcss), and the
widgets read them here: one hidden node per class for the whole app.

A theme switch changes the screens' own colours, so Textual redraws every widget, shown or
not (tests/tui/test_palette.py checks a screen left before the switch).
"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget

MOOD_CLASSES = ("mood--1", "mood--2", "mood--3", "mood--4", "mood--5", "mood--none")

PALETTE_CLASSES = frozenset(
    {
        *MOOD_CLASSES,
        "heatmap--label",
        "months--label",
        "months--setback",
        "stat--title",
        "stat--value",
        "stat--caption",
        "keybar--key",
        "keybar--description",
        "keybar--current",
        "tip-group--heading",
        "tip-group--title",
        "review--heading",
        "review--quote",
        "choice--arrow",
    }
)
"""Every shared class; the app declares them as its COMPONENT_CLASSES."""


def palette_style(widget: Widget, name: str, *, partial: bool = False) -> Style:
    """The style of the shared class ``name`` as ``widget`` draws it.

    ``partial``: only what the class itself sets (its colour and text style), as
    ``Widget.get_component_rich_style(partial=True)`` gives. Otherwise combined with the
    widget's own style, the class's colour blended over the widget's background (a colour
    with transparency, such as ``$text-disabled``, is dimmed as it would be on that widget).
    """
    app = widget.app
    try:
        styles = app.get_component_styles(name)
    except KeyError:
        # Textual styles the app itself only after its first screen is laid out, and a
        # figure box is measured (drawn) in that layout: style the app now. Textual does
        # it again later, to the same result. A name that is not shared still raises.
        app.stylesheet.apply(app)
        styles = app.get_component_styles(name)
    if partial:
        return styles.partial_rich_style
    style = widget.rich_style + styles.text_style
    if styles.has_rule("color"):
        _, background = widget.background_colors
        style += Style.from_color((background + styles.color).rich_color)
    return style
