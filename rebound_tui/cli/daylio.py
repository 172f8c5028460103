"""The Daylio part of ``import``: levels for the mood names, and activities that are job-search actions.

On a terminal the command asks: one question per mood name that has no level
(with how many rows use it), the whole table to confirm when the file has its
own scale, then which activities count as job-search actions (through the
action-tag setting, suggested from the names). Without a terminal nothing is
asked: missing levels end in one line that names every name with its count and
a ready ``--mood-map`` command line, and likely action tags are only named.
``--dry-run`` shows the full name -> level (count) table.

Rich is imported only to measure names in terminal cells (emoji are two wide),
inside these functions, which run only for a Daylio import.
"""

from __future__ import annotations

import re
import shlex
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rebound_tui.cli.context import fail
from rebound_tui.core.models import JOB_SEARCH_ACTIVITIES, MOODS, clean_tag
from rebound_tui.core.text import visible

if TYPE_CHECKING:
    from rebound_tui.storage.interop import DaylioFile

MAX_LISTED = 30
"""Activities listed in the question (most used first); the others can be named later."""

_ACTION_WORDS = re.compile(
    r"\b(appl(y|ied|ication)|interview|job|career|recruit|hiring|network|linkedin|resume|cv|"
    r"cover letter|portfolio|leetcode|coding|practi[cs]e|mock|side project|course|study)",
    re.IGNORECASE,
)
"""Words in an activity's name that suggest a job-search action ("job application", "coding practice")."""


def interactive() -> bool:
    """Whether the person is at a terminal that can answer questions (stdin and stdout both)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _cells(text))


def _rows(count: int) -> str:
    return f"{count:,} row{'s' * (count != 1)}"


def mood_table(file: DaylioFile, levels: Mapping[str, int]) -> list[str]:
    """'  Sick  -> 2 low   (12 rows)' for every mood name of the file, most used first; '?' if none yet."""
    names = {name: visible(file.spelling[name]) for name in file.moods}
    width = max(_cells(shown) for shown in names.values())
    lines = []
    for name, shown in names.items():
        level = levels.get(name)
        scored = f"{level} {MOODS[level]}" if level else "?"
        lines.append(f"  {_pad(shown, width)}  -> {scored:<7} ({_rows(file.moods[name])})")
    return lines


def _command(
    path: Path, data_dir: str | None, options: Sequence[str], file: DaylioFile, missing: list[str]
) -> str:
    from rebound_tui.storage.interop import DAYLIO_MOODS

    words = ["rebound-tui"]
    if data_dir is not None:
        words += ["--data-dir", data_dir]
    words += ["import", str(path), *options]
    for name in missing:
        suggested = DAYLIO_MOODS.get(name)
        words += ["--mood-map", f"{file.spelling[name]}={suggested or 'N'}"]
    return " ".join(shlex.quote(word) for word in words)


def resolve_moods(
    file: DaylioFile,
    given: Mapping[str, int],
    *,
    path: Path,
    data_dir: str | None,
    options: Sequence[str],
) -> dict[str, int]:
    """Each mood name's level: from ``given`` or Daylio's defaults, else asked on a terminal (or refused)."""
    from rebound_tui.storage.interop import DAYLIO_MOODS, UnknownMoods, mood_levels

    levels, missing = mood_levels(file, given)
    if not missing:
        return levels
    if not interactive():
        error = UnknownMoods(file, missing)
        fail(f"{error}; when you have chosen, run: {_command(path, data_dir, options, file, missing)}")
    scale = ", ".join(f"{n} {w}" for n, w in MOODS.items())
    if file.own_scale:
        click.echo(
            f"{visible(file.source)} uses {len(file.moods)} mood names, its own scale. "
            f"Give each a level ({scale}); several names may share one."
        )
    else:
        click.echo(
            f"Some mood names in {visible(file.source)} are new to rebound-tui. Give each a level ({scale})."
        )
    while True:
        for name in missing:
            levels[name] = click.prompt(
                f"  {visible(file.spelling[name])!r} ({_rows(file.moods[name])})",
                type=click.IntRange(1, 5),
                default=levels.get(name, DAYLIO_MOODS.get(name)),
            )
        if not file.own_scale:
            return levels
        click.echo("The levels:")
        for line in mood_table(file, levels):
            click.echo(line)
        if click.confirm("Import with these levels?", default=True):
            return levels
        missing = list(file.moods)


def suggested_actions(names: Sequence[str]) -> list[str]:
    """The names that look like job-search actions ('job application', 'coding practice')."""
    return [name for name in names if _ACTION_WORDS.search(name)]


def offered_activities(file: DaylioFile, counted: frozenset[str]) -> list[str]:
    """The file's activities that do not count as job-search actions yet, most used first."""
    return [name for name in file.activities if name not in counted and name not in JOB_SEARCH_ACTIVITIES]


def _pick(answer: str, listed: Sequence[str]) -> list[str]:
    chosen: list[str] = []
    for part in answer.split(","):
        item = part.strip()
        if not item or item in {"0", "-", "none"}:
            continue
        if item.isdigit():
            number = int(item)
            if not 1 <= number <= len(listed):
                raise click.BadParameter(f"{item} is not one of the numbers 1 to {len(listed)}")
            chosen.append(listed[number - 1])
        else:
            try:
                chosen.append(clean_tag(item, "action"))
            except ValueError as exc:
                raise click.BadParameter(str(exc)) from None
    return list(dict.fromkeys(chosen))


def ask_actions(file: DaylioFile, offered: Sequence[str]) -> list[str]:
    """On a terminal: list the activities with counts and ask which count as job-search actions."""
    listed = list(offered[:MAX_LISTED])
    suggested = suggested_actions(listed)
    click.echo(
        f"Activities in {visible(file.source)}: which count as job-search actions, "
        f"like applied or interviewed? (they then count towards your weekly target)"
    )
    width = max(_cells(visible(name)) for name in listed)
    for number, name in enumerate(listed, 1):
        click.echo(f"  {number:>3}  {_pad(visible(name), width)}  ({_rows(file.activities[name])})")
    if len(offered) > len(listed):
        click.echo(
            f"  ... and {len(offered) - len(listed):,} more "
            "(name them, or later: rebound-tui settings --action-tag NAME)"
        )
    default = ", ".join(str(listed.index(name) + 1) for name in suggested) or "0"
    answer = click.prompt(
        "Numbers or names, separated by commas (0 for none)",
        default=default,
        value_proc=lambda text: _pick(text, listed),
    )
    return list(answer)


def name_actions(file: DaylioFile, offered: Sequence[str]) -> list[str]:
    """Without a terminal, when some activities look like job-search actions: name them, with a command."""
    suggested = suggested_actions(offered)
    if not suggested:
        return []
    shown = ", ".join(f"{visible(name)} ({file.activities[name]:,})" for name in offered[:12])
    more = f" and {len(offered) - 12:,} more" if len(offered) > 12 else ""
    lines = [f"Activities in this file: {shown}{more}."]
    suggested = suggested_actions(offered)
    if suggested:
        command = " ".join(
            ["rebound-tui settings", *(f"--action-tag {shlex.quote(name)}" for name in suggested)]
        )
        lines.append(
            f"To count {', '.join(visible(n) for n in suggested)} as job-search actions: {visible(command)}"
        )
    return lines
