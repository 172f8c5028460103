"""Finding the TCSS files: inside the wheel they sit in the package, in a checkout at the repo root.

The app loads ``app.tcss``; each screen loads its own stylesheet through its
``CSS_PATH`` the first time it is shown, so the first paint parses only what
Today needs.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def styles_dir() -> Path:
    """The folder holding app.tcss and one stylesheet per screen."""
    shipped = _PACKAGE / "styles"
    if (shipped / "app.tcss").is_file():
        return shipped
    return _PACKAGE.parent / "styles"


def style(name: str) -> Path:
    """The path of one stylesheet, e.g. ``style("today.tcss")``."""
    return styles_dir() / name
