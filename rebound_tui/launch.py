"""The console script's entry point, and the one place that runs the TUI.

A bare ``rebound-tui`` (or ``rebound-tui --data-dir DIR``) opens the app
straight from here, without loading click: the first paint is measured
against a bare Textual app, and click alone costs about 50 ms. Anything else
goes to the click command line in :mod:`rebound_tui.cli`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any

from rebound_tui.models import ValidationError, now_local

NOW_VAR = "REBOUND_TUI_NOW"
"""Freeze "now" (an ISO timestamp with offset) for end-to-end tests and demos."""

SIGNAL_GRACE_SECONDS = 3.0
"""How long a TUI ended by SIGTERM/SIGHUP may take to restore the terminal before it just exits."""

EXIT_BAD_INPUT = 2


class LaunchError(Exception):
    """The app cannot start; the message is one line for the user."""


def env_clock() -> Callable[[], datetime]:
    """Real time, or the moment frozen in ``REBOUND_TUI_NOW``."""
    frozen = os.environ.get(NOW_VAR, "").strip()
    if not frozen:
        return now_local
    try:
        moment = datetime.fromisoformat(frozen)
    except ValueError:
        raise ValidationError(f"{NOW_VAR}={frozen!r} is not an ISO timestamp") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return lambda: moment


def require_tty(what: str) -> None:
    if not (sys.stdin.isatty() and sys.__stderr__ is not None and sys.__stderr__.isatty()):
        raise LaunchError(
            f"{what} needs an interactive terminal; from a script use "
            "'rebound-tui checkin 4' or 'rebound-tui status'"
        )


def run_restoring_terminal(app: Any) -> None:
    """Run the TUI so that SIGTERM and SIGHUP end it the way ``q`` does, restoring the terminal.

    Left alone, both signals kill the process mid-screen: mouse reporting stays on,
    the cursor hidden and the alternate screen up, because Textual puts the terminal
    back only on a normal exit. Everything confirmed is already saved, so ending is
    safe; if the terminal is gone (a dropped SSH link) and the exit stalls writing to
    it, the process ends anyway after SIGNAL_GRACE_SECONDS.
    """
    import asyncio
    import signal
    import threading

    def stop(signum: int, _frame: object) -> None:
        code = 128 + signum
        fallback = threading.Timer(SIGNAL_GRACE_SECONDS, os._exit, (code,))
        fallback.daemon = True
        fallback.start()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not drawing yet, or done: nothing on screen to restore
            raise SystemExit(code) from None
        loop.call_soon_threadsafe(app.exit, None, code)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        app.run()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run_tui(store: Any, clock: Callable[[], datetime], *, checkin_only: bool = False) -> int:
    """Open the app (or only the check-in) on ``store``; return the exit status.

    Raises LaunchError without a terminal, and the store's one-line error for an
    unreadable file, before the screen is taken over.
    """
    require_tty("the rebound-tui app" if not checkin_only else "'rebound-tui checkin' without a mood")
    store.settings()  # an unreadable file stops here, in one line
    from rebound_tui.app import make_app

    app = make_app(store.data_dir, clock=clock, checkin_only=checkin_only, store=store)
    run_restoring_terminal(app)
    message = getattr(app, "result_message", "")
    if message:
        print(message, file=sys.stderr if app.return_code else sys.stdout)
    return app.return_code or 0


def _bare_data_dir(args: list[str]) -> tuple[bool, str | None]:
    """Whether ``args`` only open the app, and the --data-dir they give."""
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--data-dir" and args[1]:
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--data-dir=") and len(args[0]) > len("--data-dir="):
        return True, args[0].split("=", 1)[1]
    return False, None


def main() -> None:
    """Console-script entry point."""
    bare, data_dir = _bare_data_dir(sys.argv[1:])
    if not bare:
        from rebound_tui.cli import main as cli_main

        cli_main()
        return
    from rebound_tui.paths import resolve_data_dir
    from rebound_tui.store import Store, StoreError

    try:
        clock = env_clock()
        code = run_tui(Store(resolve_data_dir(data_dir), clock=clock), clock)
    except (LaunchError, StoreError, ValidationError) as exc:
        print(f"rebound-tui: {' '.join(str(exc).split())}", file=sys.stderr)
        code = EXIT_BAD_INPUT
    sys.exit(code)
