"""The ``interview`` group: log a round, list applications, update a round (delete is in history),
and manage an application: edit it, archive it, withdraw it, delete it with its rounds.

Like every quick command these import neither Textual nor Rich, and dateutil
only when a date is typed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import click

from rebound_tui.cli.context import Env, fail, pass_env, short_id
from rebound_tui.cli.history import interview_delete
from rebound_tui.core.applications import by_latest_activity, latest_activity, next_step
from rebound_tui.core.models import (
    RATING_DIMENSIONS,
    Application,
    AppStatus,
    Factor,
    Outcome,
    Round,
    Snapshot,
    Stage,
    ValidationError,
    application_status,
    parse_mood,
)
from rebound_tui.core.text import one_line, split_tags, text_or_stdin
from rebound_tui.core.wording import count_words, human_day, setback_message


@click.group()
def interview() -> None:
    """Log applications and interview rounds, and reflect on them."""


def _outcome(text: str | None) -> Outcome | None:
    return None if text is None else Outcome.parse(text, "outcome")


def _ratings(values: Iterable[str]) -> dict[str, int]:
    ratings: dict[str, int] = {}
    for value in split_tags(values):
        key, sep, number = value.partition("=")
        key = key.strip().lower()
        if not sep or key not in RATING_DIMENSIONS:
            names = ", ".join(f"{k}=N" for k in RATING_DIMENSIONS)
            raise ValidationError(f"self-rating {value!r} not understood: use {names}")
        ratings[key] = parse_mood(number, f"{RATING_DIMENSIONS[key]} rating")
    return ratings


_STAGE_HELP = "Stage: " + ", ".join(s.label for s in Stage) + "."
_OUTCOME_HELP = "Outcome: " + ", ".join(o.label for o in Outcome) + "."


@interview.command("add")
@click.option("--company", "-c", required=True, help="Company name.")
@click.option("--role", "-r", required=True, help="Role applied for.")
@click.option("--stage", "-s", required=True, help=_STAGE_HELP)
@click.option("--date", "when", metavar="WHEN", help="When it happened (default now).")
@click.option("--outcome", "-o", help=_OUTCOME_HELP + " Default pending.")
@click.option("--follow-up", metavar="WHEN", help="Day to follow up: 'in 5 days', 'Dec 3'.")
@click.option("--source", help="Where you found the role (new applications only).")
@click.option("--note", help="A note on the application ('-' reads stdin; new applications only).")
@click.option("--link", help="A link to the posting (new applications only).")
@click.option("--contact", help="Who you are in touch with (new applications only).")
@pass_env
def interview_add(
    env: Env,
    company: str,
    role: str,
    stage: str,
    when: str | None,
    outcome: str | None,
    follow_up: str | None,
    source: str | None,
    note: str | None,
    link: str | None,
    contact: str | None,
) -> None:
    """Log a round; the application is found by company and role, or created."""
    stage_v = Stage.parse(stage, "stage")
    outcome_v = _outcome(outcome) or Outcome.PENDING
    moment = env.moment(when, what="interview date", future_ok=True)
    follow = env.day(follow_up, what="follow-up date") if follow_up else None
    # validates the names; a new application happened on its first round's day
    probe = Application.new(
        company,
        role,
        source=source or "",
        note=text_or_stdin(note) or "",
        link=link or "",
        contact=contact or "",
        applied_on=moment.date(),
        now=env.now(),
    )
    # The open application is looked up inside the lock: two adds for one company at once
    # must not each create it.
    with env.store.transaction() as txn:
        app = _find_open_application(txn.snapshot(), probe.company, probe.role)
        records: list[Any] = []
        if app is None:
            app = probe
            records.append(app)
        rnd = Round.new(app.id, stage_v, when=moment, outcome=outcome_v, follow_up=follow, now=env.now())
        records.append(rnd)
        txn.insert(records)
    click.echo(
        f"Logged {stage_v.label} at {one_line(app.company)} ({one_line(app.role)}) "
        f"for {human_day(rnd.day, env.today())}"
        f" [{outcome_v.label}] - round {short_id(rnd.id)}."
    )
    if outcome_v.is_setback:
        click.echo(setback_message(outcome_v))


def _find_open_application(snapshot: Snapshot, company: str, role: str) -> Application | None:
    key = (company.casefold(), role.casefold())
    for app in reversed(snapshot.applications):
        same = (app.company.casefold(), app.role.casefold()) == key
        if same and app.archived is None and snapshot.status_of(app.id) is AppStatus.ACTIVE:
            return app
    return None


@interview.command("list")
@click.option(
    "--status", "status_filter", help="Only applications with this status (active, offer, rejected, ...)."
)
@click.option("--archived", is_flag=True, help="The archived applications instead of the others.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_env
def interview_list(env: Env, status_filter: str | None, archived: bool, as_json: bool) -> None:
    """List applications and their rounds, latest activity first, with the ids to change them."""
    snapshot = env.store.snapshot()
    now = env.now()
    wanted: AppStatus | None = None
    if status_filter:
        try:
            wanted = AppStatus(status_filter.strip().lower())
        except ValueError:
            fail(f"unknown status {status_filter!r}: use one of {', '.join(s.value for s in AppStatus)}")
    rows = []
    hidden = 0
    for app in by_latest_activity(snapshot):
        if (app.archived is not None) != archived:
            hidden += app.archived is not None
            continue
        rounds = snapshot.rounds_of(app.id)
        status = application_status(rounds)
        if wanted and status is not wanted:
            continue
        rows.append((app, status, rounds))
    if as_json:
        out = []
        for app, status, rounds in rows:
            step = next_step(rounds, now)
            out.append(
                {
                    **app.to_dict(),
                    "status": status.value,
                    "latest_activity": latest_activity(app, rounds).isoformat(),
                    "next_step": {"day": step.day.isoformat(), "what": step.what} if step else None,
                    "rounds": [r.to_dict() for r in rounds],
                }
            )
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if not rows:
        if archived:
            click.echo("No archived applications.")
        elif snapshot.applications and hidden:
            click.echo("Every application is archived; 'interview list --archived' shows them.")
        else:
            click.echo(
                "No applications yet. Log one with: rebound-tui interview add -c COMPANY -r ROLE -s applied"
            )
        return
    for app, status, rounds in rows:
        shelved = "  archived" if app.archived is not None else ""
        click.echo(
            f"{short_id(app.id)}  {one_line(app.company)} - {one_line(app.role)}  [{status.value}]{shelved}"
        )
        step = next_step(rounds, now)
        if step is not None:
            click.echo(f"    next: {step.words(now.date())}")
        for label, text in (("link", app.link), ("contact", app.contact), ("note", app.note)):
            if text.strip():
                click.echo(f"    {label}: {one_line(text, 70)}")
        for rnd in rounds:
            follow = f"  follow up {rnd.follow_up}" if rnd.follow_up else ""
            mark = "  reflected" if rnd.has_reflection else ""
            stage, outcome = rnd.stage.label, rnd.outcome.label
            click.echo(f"    {short_id(rnd.id)}  {rnd.day}  {stage:<16} {outcome:<9}{follow}{mark}")
    if hidden and not archived:
        click.echo(
            f"({count_words(hidden, 'archived application')}: 'interview list --archived' shows them.)"
        )


@interview.command("update")
@click.argument("round_id", metavar="ID")
@click.option("--stage", "-s", help=_STAGE_HELP)
@click.option("--outcome", "-o", help=_OUTCOME_HELP)
@click.option("--date", "when", metavar="WHEN", help="When it happened.")
@click.option("--follow-up", metavar="WHEN", help="Day to follow up ('none' clears it).")
@click.option("--feedback", help="Feedback you received ('-' reads stdin).")
@click.option("--went-well", help="What went well.")
@click.option("--to-improve", help="What to do differently next time.")
@click.option("--lesson", help="The lesson you take with you.")
@click.option(
    "--rate",
    multiple=True,
    metavar="DIM=N",
    help="Self-rating 1-5: examples, strengths, questions, confidence.",
)
@click.option(
    "--factor", multiple=True, help="Outside your control: " + ", ".join(f.label for f in Factor) + "."
)
@pass_env
def interview_update(
    env: Env,
    round_id: str,
    stage: str | None,
    outcome: str | None,
    when: str | None,
    follow_up: str | None,
    feedback: str | None,
    went_well: str | None,
    to_improve: str | None,
    lesson: str | None,
    rate: tuple[str, ...],
    factor: tuple[str, ...],
) -> None:
    """Change a round (by id or unique id prefix from 'interview list')."""
    changes: dict[str, Any] = {}
    if stage is not None:
        changes["stage"] = Stage.parse(stage, "stage")
    if outcome is not None:
        changes["outcome"] = Outcome.parse(outcome, "outcome")
    if when is not None:
        changes["when"] = env.moment(when, what="interview date", future_ok=True)
    if follow_up is not None:
        changes["follow_up"] = (
            None if follow_up.strip().lower() in ("none", "") else env.day(follow_up, what="follow-up date")
        )
    for name, value in (
        ("feedback", feedback),
        ("went_well", went_well),
        ("to_improve", to_improve),
        ("lesson", lesson),
    ):
        if value is not None:
            changes[name] = text_or_stdin(value)
    ratings = _ratings(rate)
    factors = tuple(Factor.parse(f, "factor") for f in split_tags(factor))
    if not (changes or ratings or factors):
        fail("nothing to change: give at least one option (see 'rebound-tui interview update --help')")

    def change(current: Round) -> Round:
        extra: dict[str, Any] = dict(changes)
        if ratings:
            extra["ratings"] = {**current.ratings, **ratings}
        if factors:
            extra["factors"] = factors
        return current.touched(env.now(), **extra)

    updated = env.store.update(Round, round_id, change)
    click.echo(f"Updated round {short_id(updated.id)}: {updated.stage.label}, {updated.outcome.label}.")
    if "outcome" in changes and updated.outcome.is_setback:
        click.echo(setback_message(updated.outcome))


# --------------------------------------------------------------------------- managing an application


def _application(env: Env, app_id: str) -> Application:
    return env.store.get(Application, app_id)


def _named(app: Application) -> str:
    return f"{one_line(app.company, 40)} ({one_line(app.role, 40)})"


@interview.command("edit-application")
@click.argument("app_id", metavar="ID")
@click.option("--company", "-c", help="Company name.")
@click.option("--role", "-r", help="Role applied for.")
@click.option("--source", help="Where you found the role.")
@click.option("--applied-on", metavar="WHEN", help="The day you applied: 'Nov 20', '3 days ago'.")
@click.option("--note", help="A note ('-' reads stdin; '' clears it).")
@click.option("--link", help="A link to the posting ('' clears it).")
@click.option("--contact", help="Who you are in touch with ('' clears it).")
@pass_env
def interview_edit_application(
    env: Env,
    app_id: str,
    company: str | None,
    role: str | None,
    source: str | None,
    applied_on: str | None,
    note: str | None,
    link: str | None,
    contact: str | None,
) -> None:
    """Change an application (ID or a unique start of it, from 'interview list')."""
    plain = (("company", company), ("role", role), ("source", source), ("link", link), ("contact", contact))
    changes: dict[str, Any] = {name: value for name, value in plain if value is not None}
    if note is not None:
        changes["note"] = text_or_stdin(note)
    if applied_on is not None:
        changes["applied_on"] = env.day(applied_on, what="applied-on date")
    if not changes:
        fail(
            "nothing to change: give at least one option "
            "(see 'rebound-tui interview edit-application --help')"
        )
    updated = env.store.update(Application, app_id, lambda current: current.touched(env.now(), **changes))
    click.echo(f"Updated {_named(updated)}, application {short_id(updated.id)}.")


@interview.command("archive")
@click.argument("app_id", metavar="ID")
@pass_env
def interview_archive(env: Env, app_id: str) -> None:
    """Put an application away: it leaves the list and keeps every figure ('unarchive' brings it back)."""
    from rebound_tui.storage.applications import set_archived

    app, changed = set_archived(env.store, app_id, True)
    if changed:
        click.echo(
            f"Archived {_named(app)}. What it reached still counts; 'interview unarchive' brings it back."
        )
    else:
        click.echo(f"{_named(app)} is archived already.")


@interview.command("unarchive")
@click.argument("app_id", metavar="ID")
@pass_env
def interview_unarchive(env: Env, app_id: str) -> None:
    """Bring an archived application back to the list."""
    from rebound_tui.storage.applications import set_archived

    app, changed = set_archived(env.store, app_id, False)
    click.echo(f"{_named(app)} is back in the list." if changed else f"{_named(app)} is not archived.")


@interview.command("withdraw")
@click.argument("app_id", metavar="ID")
@pass_env
def interview_withdraw(env: Env, app_id: str) -> None:
    """Mark an application as withdrawn by you: what it reached still counts.

    Its latest round becomes 'withdrew' if it is still pending; otherwise a closing
    round is added at the 'applied' stage, which adds nothing to the figures.
    """
    from rebound_tui.storage.applications import close_application

    app = _application(env, app_id)
    if env.store.snapshot().status_of(app.id) is AppStatus.WITHDRAWN:
        click.echo(f"{_named(app)} is withdrawn already.")
        return
    plan = close_application(env.store, app.id, Outcome.WITHDREW)
    how = "with a closing round" if plan.new_round else f"its {plan.round.stage.label} round"
    click.echo(
        f"Withdrew from {_named(app)} ({how}, {short_id(plan.round.id)}). "
        "Choosing where to spend your energy is part of the search."
    )


@interview.command("delete-application")
@click.argument("app_id", metavar="ID")
@click.option("--yes", "-y", is_flag=True, help="Do not ask first.")
@pass_env
def interview_delete_application(env: Env, app_id: str, yes: bool) -> None:
    """Delete an application and all its rounds: they leave every figure (a tombstone keeps them deleted)."""
    app = _application(env, app_id)
    count = len(env.store.snapshot().rounds_of(app.id))
    what = f"{_named(app)} and {count_words(count, 'round')}" if count else _named(app)
    if not yes and not click.confirm(f"Delete {what}? This cannot be undone.", default=False):
        click.echo("Nothing was deleted.")
        return
    env.store.delete(Application, app.id)
    click.echo(f"Deleted {what}.")


interview.add_command(interview_delete)
