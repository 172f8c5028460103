"""The app's own themes: a calm dark default, a light one and a high-contrast one.

Every colour in the TCSS comes from these through theme variables ($primary,
$accent, $error, ...); no stylesheet holds a hex value. Each theme also sets
``$card-border``, the border of the figure cards and the History timeline:
Textual's ``$panel`` sat too close to the background to be seen (1.2:1, the
high-contrast theme's #1c1c1c on black), so every theme gives its cards a
border of at least 3:1 against both its background and its surface (the
WCAG contrast for the edges of things; tests/tui/test_themes.py checks it).

People see the themes by their friendly names (:data:`FRIENDLY`); the internal
names stay in the settings file only.
"""

from __future__ import annotations

from textual.theme import Theme

REBOUND_DARK = Theme(
    name="rebound",
    primary="#7aa2c8",
    secondary="#9a8cc4",
    accent="#e0b070",
    warning="#d8a05a",
    error="#d0787a",
    success="#7fb88a",
    foreground="#dfe3e8",
    background="#1b1f26",
    surface="#232833",
    panel="#2c3340",
    dark=True,
    variables={"card-border": "#6b7890"},
)

REBOUND_LIGHT = Theme(
    name="rebound-light",
    primary="#2f5f8a",
    secondary="#5d4e8c",
    accent="#9a5b12",
    warning="#8a5a10",
    error="#a33a3c",
    success="#2e6b3a",
    foreground="#1f2328",
    background="#f7f5f0",
    surface="#efece4",
    panel="#e2ddd2",
    dark=False,
    variables={"card-border": "#857c6b"},
)

REBOUND_CONTRAST = Theme(
    name="rebound-contrast",
    primary="#5fd7ff",
    secondary="#d7afff",
    accent="#ffd700",
    warning="#ffaf00",
    error="#ff5f5f",
    success="#5fff87",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1c1c1c",
    boost="#303030",
    dark=True,
    variables={"card-border": "#bcbcbc"},
)

THEMES: tuple[Theme, ...] = (REBOUND_DARK, REBOUND_LIGHT, REBOUND_CONTRAST)

FRIENDLY: dict[str, str] = {
    REBOUND_DARK.name: "Calm dark",
    REBOUND_LIGHT.name: "Light",
    REBOUND_CONTRAST.name: "High contrast",
}
"""What each theme is called wherever a person sees it (palette, toasts, Settings)."""

VARIABLE_DEFAULTS: dict[str, str] = {"card-border": "#808080"}
"""Our own theme variables, for any theme that does not set them (the stylesheets need a value)."""


def friendly(name: str) -> str:
    """A theme's name for people: "High contrast" for ``rebound-contrast`` (unknown names as they are)."""
    return FRIENDLY.get(name, name)
