"""The app's own themes: a calm dark default, a light one and a high-contrast one.

Every colour in the TCSS comes from these through theme variables ($primary,
$accent, $error, ...); no stylesheet holds a hex value.
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
)

THEMES: tuple[Theme, ...] = (REBOUND_DARK, REBOUND_LIGHT, REBOUND_CONTRAST)
