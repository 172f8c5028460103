"""Finding the TCSS files: inside the wheel they sit in the package, in a checkout at the repo root."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def styles_dir() -> Path:
    """The folder holding app.tcss and one stylesheet per screen."""
    shipped = _PACKAGE / "styles"
    if (shipped / "app.tcss").is_file():
        return shipped
    return _PACKAGE.parent / "styles"


def stylesheets() -> list[Path]:
    """Every stylesheet, app.tcss first so screens can build on it."""
    folder = styles_dir()
    rest = sorted(p for p in folder.glob("*.tcss") if p.name != "app.tcss")
    return [folder / "app.tcss", *rest]
