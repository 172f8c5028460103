"""The options of ``rebound-tui checkin MOOD``, written down once.

Two parsers read this command line: the entry point's fast path
(:mod:`rebound_tui.launch`, which must not pay for importing click) and the
click command ``checkin add`` (:mod:`rebound_tui.cli.checkin`). Both are built
from :data:`CHECKIN_OPTIONS`, so a flag added, renamed or re-documented here
changes both at once. The fast parser is deliberately narrow: it takes only
``MOOD`` followed by ``FLAG VALUE`` pairs of the flags below, and gives up
(returns None) on anything else, so click reads and explains every unusual
line (``--help``, ``--note=x``, a missing value, a repeated single option).

No click here: this module sits on the check-in's quick path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CheckinOption:
    """One option of ``checkin MOOD``: its flags, where its value goes, and its help."""

    flags: tuple[str, ...]
    """Every spelling on the command line, long first (``--feel``, ``-f``)."""
    dest: str
    """The keyword it fills in :func:`rebound_tui.storage.quick.save_checkin`."""
    metavar: str
    """The placeholder shown in ``--help``."""
    help: str
    """One line for ``--help``."""
    multiple: bool = False
    """Whether it may be repeated (the values are collected in order)."""


CHECKIN_OPTIONS: tuple[CheckinOption, ...] = (
    CheckinOption(("--energy", "-e"), "energy", "N", "Energy 1-5 (drained .. buzzing)."),
    CheckinOption(
        ("--feel", "-f"), "feelings", "TAG", "A feeling (repeat or comma-separate).", multiple=True
    ),
    CheckinOption(("--did", "-d"), "activities", "TAG", "Something you did today.", multiple=True),
    CheckinOption(("--note", "-n"), "note", "TEXT", "A note; '-' reads it from stdin."),
    CheckinOption(("--date",), "when", "WHEN", "When, if not now: 'yesterday', 'Nov 20', '2026-11-20'."),
)
"""Every option of ``checkin MOOD``, in the order ``--help`` lists them."""

SUBCOMMANDS = frozenset({"add", "list", "edit", "delete"})
"""Words after ``checkin`` that name a command rather than a mood (the click group's commands)."""

_BY_FLAG = {flag: option for option in CHECKIN_OPTIONS for flag in option.flags}


def parse_checkin_args(args: Sequence[str]) -> tuple[str, dict[str, Any]] | None:
    """Read ``MOOD [FLAG VALUE ...]`` (the words after ``checkin``) as (mood, options).

    ``options`` holds a list for every repeatable option (empty when not given)
    and a value for each single option that was given, ready to be passed to
    ``save_checkin(store, now, mood, **options)``. The mood is not checked here:
    a bad one gets the same error from ``save_checkin`` on either path.

    Returns:
        None for anything the fast path leaves to click: no mood, an option
        first, a subcommand, ``--help``, ``--flag=value``, bundled short
        flags, a flag without its value, or a single option given twice.
    """
    if not args:
        return None
    mood, rest = args[0], list(args[1:])
    if mood.startswith("-") or mood in SUBCOMMANDS:
        return None
    options: dict[str, Any] = {option.dest: [] for option in CHECKIN_OPTIONS if option.multiple}
    while rest:
        option = _BY_FLAG.get(rest[0])
        if option is None or len(rest) < 2:
            return None
        if option.multiple:
            options[option.dest].append(rest[1])
        elif option.dest in options:
            return None  # given twice: let click say which one wins
        else:
            options[option.dest] = rest[1]
        rest = rest[2:]
    return mood, options
