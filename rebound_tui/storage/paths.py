"""Where the data lives: ``--data-dir``, then ``REBOUND_TUI_DATA_DIR``, then the platform's user-data dir."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "REBOUND_TUI_DATA_DIR"
APP_NAME = "rebound-tui"
DATA_FILE = "rebound.json"
LOCK_FILE = "rebound.lock"
BACKUP_DIR = "backups"


def default_data_dir() -> Path:
    """The platform's per-user data folder, e.g. ``~/.local/share/rebound-tui`` on Linux."""
    # Imported here: the quick CLI paths only pay for it when no override is given.
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """Pick the data folder: the command-line option wins, then the environment, then the default."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    return default_data_dir()
