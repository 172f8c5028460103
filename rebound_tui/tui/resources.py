"""Finding the TCSS files: inside the wheel they sit in the package, in a checkout at the repo root.

The app loads them all at start (see ``ReboundApp.CSS_PATH``): a stylesheet
added later, as a screen's own ``CSS_PATH``, would make Textual parse every
stylesheet again on that screen's first visit.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
"""The ``rebound_tui`` package folder (this module sits in its ``tui`` wing)."""

STYLESHEETS = (
    "app.tcss",
    "today.tcss",
    "dialogs.tcss",
    "interviews.tcss",
    "resilience.tcss",
    "history.tcss",
    "tips.tcss",
    "review.tcss",
)
"""One shared stylesheet, then one per screen, in the order they are applied."""


def styles_dir() -> Path:
    """The folder holding app.tcss and one stylesheet per screen."""
    shipped = _PACKAGE / "styles"
    if (shipped / "app.tcss").is_file():
        return shipped
    return _PACKAGE.parent / "styles"


def style(name: str) -> Path:
    """The path of one stylesheet, e.g. ``style("today.tcss")``."""
    return styles_dir() / name
