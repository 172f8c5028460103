"""Where the data lives: ``--data-dir``, then ``REBOUND_TUI_DATA_DIR``, then the platform's user-data dir."""

from __future__ import annotations

import os
from pathlib import Path

from rebound_tui.storage.errors import StoreError

ENV_VAR = "REBOUND_TUI_DATA_DIR"
APP_NAME = "rebound-tui"
DATA_FILE = "rebound.json"
LOCK_FILE = "rebound.lock"
BACKUP_DIR = "backups"
DRAFTS_FILE = "drafts.json"
"""Beside the data file: what is being typed in an open form, kept until it is saved or let go."""
GOOD_MARK = "rebound.good"
"""Beside the data file: the signature of the last version known to load fully (a hint, not data)."""
RESTORE_ASIDE = ".before-restore-"
"""``doctor --restore`` keeps the file it replaces as ``rebound.json.before-restore-<stamp>``."""


def default_data_dir() -> Path:
    """The platform's per-user data folder, e.g. ``~/.local/share/rebound-tui`` on Linux."""
    # Imported here: the quick CLI paths only pay for it when no override is given.
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """Pick the data folder: the command-line option wins, then the environment, then the default.

    Raises:
        StoreError: the option is given but empty, or names the home of an unknown user.
    """
    if option is not None:
        if not str(option).strip():
            raise StoreError("--data-dir is empty; give a folder, or leave the option out for the default")
        return _expand(str(option))
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return _expand(env)
    return default_data_dir()


def _expand(folder: str) -> Path:
    """``folder`` with a leading ``~`` or ``~user`` expanded (a one-line error if there is no such user)."""
    try:
        return Path(folder).expanduser()
    except RuntimeError:
        user = folder.split("/", 1)[0]
        raise StoreError(f"cannot find the home folder of {user!r} in the data folder {folder!r}") from None
