"""Running the app in a real terminal: the TTY check, the signal handling, the exit message.

Both the bare ``rebound-tui`` (from :mod:`rebound_tui.launch`) and the click
commands that open the app (``rebound-tui`` with options, bare ``checkin``)
come through :func:`run_tui`. Textual is imported only inside it, once the
terminal has been checked, so importing this module stays cheap.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rebound_tui.storage.store import Store

SIGNAL_GRACE_SECONDS = 3.0
"""How long a TUI ended by SIGTERM/SIGHUP may take to restore the terminal before it just exits."""


class LaunchError(Exception):
    """The app cannot start; the message is one line for the user."""


def require_tty(what: str) -> None:
    """Refuse to start ``what`` unless stdin and stderr (where Textual paints) are terminals.

    Raises:
        LaunchError: one of them is not a terminal (a script, a pipe, cron).
    """
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
    safe, and the drafts of open forms are written before the app ends; if the terminal
    is gone (a dropped SSH link) and the exit stalls writing to it, the process ends
    anyway after SIGNAL_GRACE_SECONDS.
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
        flush = getattr(app, "flush_drafts", None)
        if flush is not None:  # what is being typed in a form is kept first (a dropped SSH link)
            loop.call_soon_threadsafe(flush)
        loop.call_soon_threadsafe(app.exit, None, code)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        app.run()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run_tui(store: Store, clock: Callable[[], datetime], *, checkin_only: bool = False) -> int:
    """Open the app (or only the check-in) on ``store``; return the exit status.

    Raises:
        LaunchError: there is no terminal to draw on.
        StoreError: the data file cannot be read (its one-line message), before
            the screen is taken over.
    """
    require_tty("the rebound-tui app" if not checkin_only else "'rebound-tui checkin' without a mood")
    store.check_readable()  # an unreadable file stops here, in one line
    # Until the first frame is out, Python's cycle collector only gets in the way: the
    # start allocates much and frees little (measured: 15 ms of collections before the
    # first paint). The app turns it back on once the first frame is drawn.
    gc.disable()
    try:
        from rebound_tui.tui.app import make_app

        app = make_app(store.data_dir, clock=clock, checkin_only=checkin_only, store=store)
        run_restoring_terminal(app)
    finally:
        gc.enable()
    message = getattr(app, "result_message", "")
    if message:
        print(message, file=sys.stderr if app.return_code else sys.stdout)
    return app.return_code or 0
