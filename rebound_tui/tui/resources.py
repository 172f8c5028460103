"""Finding the TCSS files: inside the wheel they sit in the package, in a checkout at the repo root.

Each screen and dialog names its own sheet (``CSS_PATH``), so whichever opens
first is always styled. The app parses only what its first frame needs with its
own CSS (``app.tcss`` and Today's, or the dialogs' for the quick check-in), and
all the others together once that frame is out (``_Base.load_all_styles``): one
more parse then, instead of one per screen on its first showing (Textual parses
every sheet again and restyles the whole app each time one is added).
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
