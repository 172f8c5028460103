"""What every command of the command line shares: the context object, the one way to fail, small helpers.

Every command module imports from here and nothing else in ``cli`` imports the
command modules except :mod:`rebound_tui.cli.main`, which builds the root group:
the imports in this package only point down. No Textual or Rich here; the app
is imported only inside :func:`open_app`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NoReturn

import click

from rebound_tui.core.models import now_local
from rebound_tui.storage.paths import resolve_data_dir
from rebound_tui.storage.quick import moment_of
from rebound_tui.storage.store import Store

EXIT_BAD_INPUT = 2
"""Exit status for bad input and every other one-line error."""

MIN_PREFIX = 8
"""Ids are shown (and may be typed) as a prefix at least this long."""


@dataclass
class Env:
    """What every command needs: where the data lives and what time it is."""

    data_dir: str | None = None
    clock: Callable[[], datetime] = field(default=now_local)
    _store: Store | None = None

    @property
    def store(self) -> Store:
        """The data store, opened on first use (``--help`` and errors before it touch nothing)."""
        if self._store is None:
            self._store = Store(resolve_data_dir(self.data_dir), clock=self.clock)
        return self._store

    def now(self) -> datetime:
        """The current moment, with the local UTC offset."""
        return self.clock()

    def today(self) -> date:
        """The current local day."""
        return self.clock().date()

    def day(self, text: str, *, what: str) -> date:
        """A day typed by the user ('Nov 20', 'in 5 days', ...), read relative to today.

        Raises:
            ValidationError: naming ``what`` and the text when it cannot be read.
        """
        from rebound_tui.core.dates import parse_day  # dateutil only when a date is typed

        return parse_day(text, self.today(), what=what)

    def moment(self, text: str | None, *, what: str, future_ok: bool = False) -> datetime:
        """A moment typed by the user ('yesterday 3pm', 'Nov 20'), or now when ``text`` is None.

        A moment on a later day than today is refused unless ``future_ok``.

        Raises:
            ValidationError: the text cannot be read, or names the future when that is not allowed.
        """
        return moment_of(text, self.now(), what=what, future_ok=future_ok)


pass_env = click.make_pass_decorator(Env)
"""Hands a command the :class:`Env` the root group set up."""


def fail(message: str) -> NoReturn:
    """Stop with ``rebound-tui: MESSAGE`` on one line of stderr and exit status 2.

    The root group prints it (see :class:`rebound_tui.cli.main.RootGroup`).
    """
    raise click.ClickException(message)


def short_id(record_id: str) -> str:
    """The id as the command line shows it after a change: its first MIN_PREFIX characters."""
    return record_id[:MIN_PREFIX]


def open_app(env: Env, *, checkin_only: bool = False) -> None:
    """Open the TUI (or only the check-in); stop with its exit status if it is not 0."""
    from rebound_tui.tui.run import LaunchError, run_tui

    try:
        code = run_tui(env.store, env.clock, checkin_only=checkin_only)
    except LaunchError as exc:
        fail(str(exc))
    if code:
        sys.exit(code)
