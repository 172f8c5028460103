"""Looking back and correcting: ``checkin list|edit|delete`` and ``interview delete``.

The ``checkin`` and ``interview`` groups (:mod:`rebound_tui.cli.checkin`,
:mod:`rebound_tui.cli.interview`) add these commands. Like the other quick paths
they import neither Textual nor Rich. Ids may be given by a unique prefix (like
git); the list commands show prefixes long enough to be unique. Every problem is
one line and exit status 2 with nothing written: ids are resolved and options
validated before the store is changed, and the store writes all or nothing.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import click

from rebound_tui.cli.context import MIN_PREFIX, Env, fail, pass_env, short_id
from rebound_tui.core.models import (
    MOODS,
    CheckIn,
    Round,
    ValidationError,
    clean_tags,
    parse_mood,
)
from rebound_tui.core.text import one_line, split_tags, text_or_stdin
from rebound_tui.core.timeline import MOOD_RANGES, HistoryFilter, checkins, day_span, parse_range

NOTE_WIDTH = 60
"""Notes and tags in ``checkin list`` are cut to this many characters."""

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
@pass_env
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
            parts.append(one_line(tagged, NOTE_WIDTH))
        if c.note:
            parts.append(f"- {one_line(c.note, NOTE_WIDTH)}")
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
@pass_env
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
        changes["feelings"] = clean_tags(split_tags(feelings), "feeling")
    if activities:
        changes["activities"] = clean_tags(split_tags(activities), "activity")
    if note is not None:
        changes["note"] = text_or_stdin(note)
    if when is not None:
        changes["timestamp"] = env.moment(when, what="date")
    if not changes:
        fail("nothing to change: give at least one option (see 'rebound-tui checkin edit --help')")
    updated = env.store.update(CheckIn, checkin_id, lambda current: current.touched(env.now(), **changes))
    click.echo(f"Updated check-in {short_id(updated.id)}: {_describe_checkin(updated)}.")


@click.command("delete")
@click.argument("checkin_id", metavar="ID")
@click.option("--yes", "-y", is_flag=True, help="Do not ask first.")
@pass_env
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
@pass_env
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
