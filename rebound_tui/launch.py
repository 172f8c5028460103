"""The console script's entry point: fast check-in | TUI | click.

A bare ``rebound-tui`` (or ``rebound-tui --data-dir DIR``) opens the app
straight from here, and the everyday ``rebound-tui checkin 4 --note ...``
saves straight from here too, both without loading click: the first paint
and the quick check-in are measured, and click alone costs about 45 ms.
The check-in's options are read by the parser built from the same
specification as the click command (:mod:`rebound_tui.core.checkin_options`),
and it saves through the same :func:`rebound_tui.storage.quick.save_checkin`.
Anything else, anything unusual (``--help``, ``--note=x``, a missing value)
and every usage error goes to the click command line in
:mod:`rebound_tui.cli.main`, which explains it.

Every import here is inside a function, so each path loads only what it uses.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any

EXIT_BAD_INPUT = 2


def _quick_checkin(args: list[str]) -> tuple[str | None, str, dict[str, Any]] | None:
    """``[--data-dir D] checkin MOOD [options]`` as (data dir, mood, options), else None."""
    from rebound_tui.core.checkin_options import parse_checkin_args

    data_dir = None
    if args[:1] == ["--data-dir"] and len(args) > 1:
        data_dir, args = args[1], args[2:]
    if args[:1] != ["checkin"]:
        return None
    parsed = parse_checkin_args(args[1:])
    if parsed is None:
        return None
    mood, options = parsed
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


def _say_problem(exc: Exception) -> int:
    """Print the one-line error the click command line would print; return its exit status."""
    from rebound_tui.core.text import one_line

    print(f"rebound-tui: {one_line(str(exc))}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _open_app(data_dir: str | None) -> int:
    """Open the TUI on the data folder; return the exit status."""
    from rebound_tui.core.clock import env_clock
    from rebound_tui.core.models import ValidationError
    from rebound_tui.storage.paths import resolve_data_dir
    from rebound_tui.storage.store import Store, StoreError
    from rebound_tui.tui.run import LaunchError, run_tui

    try:
        clock = env_clock()
        return run_tui(Store(resolve_data_dir(data_dir), clock=clock), clock)
    except (LaunchError, StoreError, ValidationError) as exc:
        return _say_problem(exc)


def _save_checkin(data_dir: str | None, mood: str, options: dict[str, Any]) -> int:
    """Save one check-in and print the reply; on success the process ends here."""
    from rebound_tui.core.clock import env_clock
    from rebound_tui.core.models import ValidationError
    from rebound_tui.storage.paths import resolve_data_dir
    from rebound_tui.storage.quick import save_checkin
    from rebound_tui.storage.store import Store, StoreError

    try:
        clock = env_clock()
        store = Store(resolve_data_dir(data_dir), clock=clock)
        print(save_checkin(store, clock(), mood, **options))
    except (StoreError, ValidationError) as exc:
        return _say_problem(exc)
    # Saved and fsynced: skip tearing down the parsed file object by object.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


DEBUG_VAR = "REBOUND_TUI_DEBUG"
"""Set to 1 to let an unexpected error end in Python's full traceback (for a bug report)."""


def main() -> None:
    """Console-script entry point: every way out is an exit status and at most one line on stderr.

    The store's errors, bad input and failed file operations (a full disk, a
    file-size limit, no permission, a failing disk, stdout on ``/dev/full``) are
    said in one line with exit status 2. Anything unexpected too: a traceback
    could show a note or a reflection (in an exception's message), so it is
    printed only when ``REBOUND_TUI_DEBUG=1`` asks for it.
    """
    try:
        _run(sys.argv[1:])
        sys.stdout.flush()  # a failing stdout is reported here, not by the interpreter's last flush
    except SystemExit as done:
        code = done.code
        try:
            sys.stdout.flush()
        except OSError as exc:
            code = _os_problem(exc)
        raise SystemExit(code) from None
    except OSError as exc:
        sys.exit(_os_problem(exc))
    except (KeyboardInterrupt, EOFError):
        print("rebound-tui: stopped; nothing more was saved", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get(DEBUG_VAR, "").strip() not in ("", "0"):
            raise
        sys.exit(_say_unexpected(exc))


def _os_problem(exc: OSError) -> int:
    """Say on one line why a file operation (or standard output) failed; return the exit status."""
    from rebound_tui.core.text import os_error_exit

    return os_error_exit(exc)


def _say_unexpected(exc: BaseException) -> int:
    """One line for an error rebound-tui did not expect: its type and where, never its message."""
    tb = exc.__traceback__
    where = ""
    while tb is not None:
        if "rebound_tui" in tb.tb_frame.f_code.co_filename:
            code = tb.tb_frame.f_code
            where = f" in {code.co_name} ({os.path.basename(code.co_filename)} line {tb.tb_lineno})"
        tb = tb.tb_next
    print(
        f"rebound-tui: stopped by an unexpected {type(exc).__name__}{where}; nothing more was saved. "
        f"This is a bug: please report it (run again with {DEBUG_VAR}=1 to see the details).",
        file=sys.stderr,
    )
    return EXIT_BAD_INPUT


def _run(args: list[str]) -> None:
    """Answer the command line ``args``: the app, the quick check-in, or the click command line."""
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
    sys.exit(_open_app(data_dir) if quick is None else _save_checkin(*quick))
