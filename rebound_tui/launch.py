"""The console script's entry point, and the one place that runs the TUI.

A bare ``rebound-tui`` (or ``rebound-tui --data-dir DIR``) opens the app
straight from here, and the everyday ``rebound-tui checkin 4 --note ...``
saves straight from here too, both without loading click: the first paint
and the quick check-in are measured, and click alone costs about 45 ms.
The check-in runs the same :func:`rebound_tui.storage.quick.save_checkin` as the
click command. Anything else, anything unusual (``--help``, ``--note=x``, a
missing value) and every usage error goes to the click command line in
:mod:`rebound_tui.cli.main`, which explains it.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any

NOW_VAR = "REBOUND_TUI_NOW"
"""Freeze "now" (an ISO timestamp with offset) for end-to-end tests and demos."""

SIGNAL_GRACE_SECONDS = 3.0
"""How long a TUI ended by SIGTERM/SIGHUP may take to restore the terminal before it just exits."""

EXIT_BAD_INPUT = 2


class LaunchError(Exception):
    """The app cannot start; the message is one line for the user."""


def env_clock() -> Callable[[], datetime]:
    """Real time, or the moment frozen in ``REBOUND_TUI_NOW``."""
    from rebound_tui.core.models import ValidationError, now_local

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


_CHECKIN_OPTIONS = {
    "--energy": "energy",
    "-e": "energy",
    "--feel": "feelings",
    "-f": "feelings",
    "--did": "activities",
    "-d": "activities",
    "--note": "note",
    "-n": "note",
    "--date": "when",
}
_CHECKIN_SUBCOMMANDS = frozenset({"add", "list", "edit", "delete"})


def _quick_checkin(args: list[str]) -> tuple[str | None, str, dict[str, Any]] | None:
    """``[--data-dir D] checkin MOOD [simple options]`` as (data dir, mood, options), else None."""
    data_dir = None
    if args[:1] == ["--data-dir"] and len(args) > 1:
        data_dir, args = args[1], args[2:]
    if len(args) < 2 or args[0] != "checkin":
        return None
    mood, rest = args[1], args[2:]
    if mood.startswith("-") or mood in _CHECKIN_SUBCOMMANDS:
        return None
    options: dict[str, Any] = {"feelings": [], "activities": []}
    while rest:
        name = _CHECKIN_OPTIONS.get(rest[0])
        if name is None or len(rest) < 2:
            return None
        if name in ("feelings", "activities"):
            options[name].append(rest[1])
        elif name in options:
            return None  # given twice: let click say which one wins
        else:
            options[name] = rest[1]
        rest = rest[2:]
    return data_dir, mood, options


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
    args = sys.argv[1:]
    bare, data_dir = _bare_data_dir(args)
    quick = None if bare else _quick_checkin(args)
    if not bare and quick is None:
        from rebound_tui.cli.main import main as cli_main

        cli_main()
        return
    # Both quick paths allocate much and free little before they are done (or drawn): the
    # cycle collector only costs time there (measured: 3-5 ms of a check-in). run_tui turns
    # it back on; a check-in ends soon after.
    gc.disable()
    from rebound_tui.core.models import ValidationError
    from rebound_tui.storage.paths import resolve_data_dir
    from rebound_tui.storage.store import Store, StoreError

    try:
        clock = env_clock()
        if quick is None:
            code = run_tui(Store(resolve_data_dir(data_dir), clock=clock), clock)
        else:
            from rebound_tui.storage.quick import save_checkin

            data_dir, mood, options = quick
            store = Store(resolve_data_dir(data_dir), clock=clock)
            print(save_checkin(store, clock(), mood, **options))
            # Saved and fsynced: skip tearing down the parsed file object by object.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)
    except (LaunchError, StoreError, ValidationError) as exc:
        print(f"rebound-tui: {' '.join(str(exc).split())}", file=sys.stderr)
        code = EXIT_BAD_INPUT
    sys.exit(code)
