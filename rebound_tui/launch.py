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
    sys.exit(_open_app(data_dir) if quick is None else _save_checkin(*quick))
