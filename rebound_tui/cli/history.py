"""Looking back and correcting: ``checkin list|edit|delete``, ``interview delete``, ``forget --everything``.

``rebound_tui.cli.main`` registers these at its end. Like the other quick paths they
import neither Textual nor Rich, and they import nothing from ``cli`` at run
time. Ids may be given by a unique prefix (like git); the list commands show
prefixes long enough to be unique. Every problem is one line and exit status 2
with nothing written: ids are resolved and options validated before the store
is changed, and the store writes all or nothing.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NoReturn

import click

from rebound_tui.core.models import (
    MOODS,
    CheckIn,
    Round,
    ValidationError,
    clean_tags,
    parse_mood,
)
from rebound_tui.core.text import one_line as _one_line
from rebound_tui.core.timeline import MOOD_RANGES, HistoryFilter, checkins, day_span, parse_range

if TYPE_CHECKING:
    from rebound_tui.cli.main import Env

FORGET_PHRASE = "forget everything"
"""What ``forget --everything`` asks the user to type before it removes anything."""

MIN_PREFIX = 8
NOTE_WIDTH = 60


def _fail(message: str) -> NoReturn:
    raise click.ClickException(message)


# --------------------------------------------------------------------------- helpers


def unique_prefix_length(ids: Iterable[str], minimum: int = MIN_PREFIX) -> int:
    """The shortest prefix length (at least ``minimum``) that tells every id apart."""
    ordered = sorted(ids)
    longest_shared = 0
    for left, right in itertools.pairwise(ordered):
        shared = 0
        for a, b in zip(left, right, strict=False):
            if a != b:
                break
            shared += 1
        longest_shared = max(longest_shared, shared)
    return max(minimum, longest_shared + 1)


def one_line(text: str, width: int = NOTE_WIDTH) -> str:
    """User text on one terminal line, cut to ``width``."""
    return _one_line(text, width)


def checkin_filter(
    today: date,
    *,
    since: str | None = None,
    until: str | None = None,
    dates: str | None = None,
    search: str | None = None,
    mood: str = "any",
    tags: Sequence[str] = (),
) -> HistoryFilter:
    """The History filter that ``checkin list``'s options describe.

    ``--since X`` is History's 'since X' and ``--until X`` its 'until X'; with
    ``--dates`` as well, only the days all of them allow are kept.
    """
    start, end = parse_range(dates, today) if dates else (None, None)
    if since:
        first = day_span(since, today, what="--since day")[0]
        start = first if start is None else max(start, first)
    if until:
        last = day_span(until, today, what="--until day")[1]
        end = last if end is None else min(end, last)
    if start and end and start > end:
        if since and until and not dates:
            raise ValidationError(f"--since ({start}) is after --until ({end}); nothing to list")
        raise ValidationError(f"these dates leave no day between {start} and {end}; nothing to list")
    return HistoryFilter(text=search or "", mood=mood, tags=tuple(tags), start=start, end=end)


def _split_tags(values: Sequence[str]) -> list[str]:
    return [part for value in values for part in value.split(",") if part.strip()]


def _moment(env: Env, text: str, what: str) -> datetime:
    from rebound_tui.core.dates import parse_moment

    moment = parse_moment(text, env.now(), what=what)
    if moment.date() > env.today():
        raise ValidationError(f"{what} {text!r} is in the future ({moment.date()})")
    return moment


def _describe_checkin(checkin: CheckIn) -> str:
    return f"{checkin.timestamp:%Y-%m-%d %H:%M}, {MOODS[checkin.mood]} ({checkin.mood}/5)"


# --------------------------------------------------------------------------- checkin list


@click.command("list")
@click.option(
    "--since", metavar="WHEN", help="From this day on: '2026-11-01', 'Nov 1', '30 days ago', 'Nov'."
)
@click.option(
    "--until", metavar="WHEN", help="Up to and including this day (or the end of this month, year)."
)
@click.option(
    "--dates",
    metavar="RANGE",
    help="The History screen's dates: 'last 30 days', 'this month', 'Nov 2026', 'Nov 1 to Nov 20'.",
)
@click.option(
    "--search", "-s", metavar="TEXT", help="Only check-ins whose note, feelings or activities hold TEXT."
)
@click.option(
    "--mood",
    type=click.Choice(list(MOOD_RANGES)),
    default="any",
    show_default=True,
    help="Only moods in this band: low (1-2), okay (3), good (4-5).",
)
@click.option(
    "--tag", "-t", "tags", multiple=True, metavar="TAG", help="Only check-ins with this feeling or activity."
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (full ids).")
@click.pass_obj
def checkin_list(
    env: Env,
    since: str | None,
    until: str | None,
    dates: str | None,
    search: str | None,
    mood: str,
    tags: tuple[str, ...],
    as_json: bool,
) -> None:
    """List check-ins, newest first, with the ids to edit or delete them.

    The filters are the History screen's: the same words pick the same check-ins.
    """
    wanted = checkin_filter(
        env.today(), since=since, until=until, dates=dates, search=search, mood=mood, tags=tags
    )
    snapshot = env.store.snapshot()
    rows = checkins(snapshot, wanted)
    if as_json:
        click.echo(json.dumps([c.to_dict() for c in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        if snapshot.checkins:
            click.echo("No check-ins match.")
        else:
            click.echo("No check-ins yet. Add one with: rebound-tui checkin 4")
        return
    width = unique_prefix_length(c.id for c in snapshot.checkins)
    for c in rows:
        tagged = ", ".join(c.feelings)
        if c.activities:
            did = f"did {', '.join(c.activities)}"
            tagged = f"{tagged} | {did}" if tagged else did
        parts = [c.id[:width], f"{c.timestamp:%Y-%m-%d %H:%M}", f"{c.mood} {MOODS[c.mood]:<5}"]
        if tagged:
            parts.append(one_line(tagged))
        if c.note:
            parts.append(f"- {one_line(c.note)}")
        click.echo("  ".join(parts))


# --------------------------------------------------------------------------- checkin edit / delete


@click.command("edit")
@click.argument("checkin_id", metavar="ID")
@click.option("--mood", "-m", metavar="N", help="Mood 1-5 (awful .. great).")
@click.option("--energy", "-e", metavar="N", help="Energy 1-5; 'none' clears it.")
@click.option(
    "--feel", "-f", "feelings", multiple=True, metavar="TAG", help="Replace the feelings ('' clears)."
)
@click.option(
    "--did", "-d", "activities", multiple=True, metavar="TAG", help="Replace the activities ('' clears)."
)
@click.option("--note", "-n", metavar="TEXT", help="Replace the note ('' clears, '-' reads stdin).")
@click.option("--date", "when", metavar="WHEN", help="Move it to another moment: 'yesterday 9am', 'Nov 20'.")
@click.pass_obj
def checkin_edit(
    env: Env,
    checkin_id: str,
    mood: str | None,
    energy: str | None,
    feelings: tuple[str, ...],
    activities: tuple[str, ...],
    note: str | None,
    when: str | None,
) -> None:
    """Correct a check-in (ID or a unique start of it, from 'checkin list')."""
    changes: dict[str, Any] = {}
    if mood is not None:
        changes["mood"] = parse_mood(mood)
    if energy is not None:
        cleared = energy.strip().lower() in ("", "none")
        changes["energy"] = None if cleared else parse_mood(energy, "energy")
    if feelings:
        changes["feelings"] = clean_tags(_split_tags(feelings), "feeling")
    if activities:
        changes["activities"] = clean_tags(_split_tags(activities), "activity")
    if note is not None:
        changes["note"] = sys.stdin.read() if note == "-" else note
    if when is not None:
        changes["timestamp"] = _moment(env, when, "date")
    if not changes:
        _fail("nothing to change: give at least one option (see 'rebound-tui checkin edit --help')")
    updated = env.store.update(CheckIn, checkin_id, lambda current: current.touched(env.now(), **changes))
    click.echo(f"Updated check-in {updated.id[:MIN_PREFIX]}: {_describe_checkin(updated)}.")


@click.command("delete")
@click.argument("checkin_id", metavar="ID")
@click.option("--yes", "-y", is_flag=True, help="Do not ask first.")
@click.pass_obj
def checkin_delete(env: Env, checkin_id: str, yes: bool) -> None:
    """Delete a check-in (ID or a unique start of it). A merge will not bring it back."""
    record = env.store.get(CheckIn, checkin_id)
    what = f"the check-in of {_describe_checkin(record)}"
    if record.note:
        what += f' ("{one_line(record.note, 40)}")'
    _delete(env, CheckIn, record.id, what, yes)


# --------------------------------------------------------------------------- interview delete


@click.command("delete")
@click.argument("round_id", metavar="ID")
@click.option("--yes", "-y", is_flag=True, help="Do not ask first.")
@click.pass_obj
def interview_delete(env: Env, round_id: str, yes: bool) -> None:
    """Delete an interview round (ID or a unique start of it, from 'interview list')."""
    rnd = env.store.get(Round, round_id)
    application = env.store.snapshot().application(rnd.application_id)
    company = f" at {one_line(application.company, 40)}" if application else ""
    what = f"the {rnd.stage.label} round{company} on {rnd.when:%Y-%m-%d}"
    _delete(env, Round, rnd.id, what, yes)


def _delete(env: Env, kind: type[CheckIn] | type[Round], record_id: str, what: str, yes: bool) -> None:
    """Ask (unless --yes), then delete, leaving a tombstone; say what happened."""
    if not yes and not click.confirm(f"Delete {what}?", default=False):
        click.echo("Nothing was deleted.")
        return
    env.store.delete(kind, record_id)
    click.echo(f"Deleted {what}.")


# --------------------------------------------------------------------------- forget


@click.command("forget")
@click.option("--everything", is_flag=True, help="Required: you mean all of it, backups included.")
@click.pass_obj
def forget(env: Env, everything: bool) -> None:
    """Remove your data file, its backups and its lock, after you type a phrase to confirm."""
    if not everything:
        _fail("'forget' removes all your data and backups; run 'rebound-tui forget --everything' to do it")
    store = env.store
    doomed = [p for p in (store.path, *store.backups(), store.backup_dir, store.lock_path) if p.exists()]
    if not doomed:
        click.echo(f"There is nothing to forget in {store.data_dir}.")
        return
    click.echo("This removes, with no way to get it back:")
    for path in doomed:
        click.echo(f"  {path}")
    click.echo(
        "To keep a copy, stop here and run 'rebound-tui export' first. Close rebound-tui elsewhere too."
    )
    typed = click.prompt(f"Type '{FORGET_PHRASE}' to go on", default="", show_default=False)
    if " ".join(typed.split()).lower() != FORGET_PHRASE:
        _fail(f"you did not type '{FORGET_PHRASE}'; nothing was removed")
    removed = store.forget_everything()
    if not removed:
        click.echo("Nothing was left to remove.")
        return
    click.echo("Removed:")
    for path in removed:
        click.echo(f"  {path}")


# --------------------------------------------------------------------------- wiring


def register(root: click.Group) -> None:
    """Add these commands to the root group and its ``checkin`` and ``interview`` groups."""
    checkin = root.commands["checkin"]
    interview = root.commands["interview"]
    assert isinstance(checkin, click.Group) and isinstance(interview, click.Group)
    checkin.add_command(checkin_list)
    checkin.add_command(checkin_edit)
    checkin.add_command(checkin_delete)
    interview.add_command(interview_delete)
    root.add_command(forget)
