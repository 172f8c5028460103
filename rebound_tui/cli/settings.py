"""Pauses and preferences: ``pause add|list|delete`` and ``settings``.

A pause (rest days) is a planned break: streaks pass over it and momentum
asks less of that week. Settings hold the weekly action target, the first day
of the week, the theme and the person's own tags that count as job-search
actions. No Textual or Rich here.
"""

from __future__ import annotations

import click

from rebound_tui.cli.context import Env, pass_env, short_id
from rebound_tui.core.models import JOB_SEARCH_ACTIVITIES, THEMES, RestDay, Settings
from rebound_tui.core.preferences import WEEKDAYS, pause_saved, read_settings
from rebound_tui.core.text import one_line, visible
from rebound_tui.storage.edits import update_action_tags, update_settings


@click.group()
def pause() -> None:
    """Planned breaks: streaks pass over these days, never counting them as missed."""


@pause.command("add")
@click.argument("start", metavar="FROM")
@click.argument("end", metavar="[TO]", required=False)
@click.option("--note", "-n", default="", help="What the pause is for (only you see it).")
@pass_env
def pause_add(env: Env, start: str, end: str | None, note: str) -> None:
    """Mark FROM (to TO) as a pause: 'today', 'tomorrow', 'Dec 24', 'in 3 days'."""
    first = env.day(start, what="pause start")
    last = env.day(end, what="pause end") if end else first
    record = RestDay.new(first, last, note=note, now=env.now())
    env.store.add(record)
    click.echo(pause_saved(first, last))


@pause.command("list")
@pass_env
def pause_list(env: Env) -> None:
    """Every pause, newest first, with the ids to delete them."""
    pauses = sorted(env.store.snapshot().rest_days, key=lambda r: r.start, reverse=True)
    if not pauses:
        click.echo("No pauses. Add one with: rebound-tui pause add tomorrow --note 'a day off'")
        return
    for rest in pauses:
        span = f"{rest.start}" if rest.start == rest.end else f"{rest.start} to {rest.end}"
        note = f"  - {one_line(rest.note, 60)}" if rest.note else ""
        click.echo(f"{short_id(rest.id)}  {span}{note}")


@pause.command("delete")
@click.argument("pause_id", metavar="ID")
@pass_env
def pause_delete(env: Env, pause_id: str) -> None:
    """Remove a pause (ID or a unique start of it, from 'pause list')."""
    rest = env.store.get(RestDay, pause_id)
    env.store.delete(RestDay, rest.id)
    click.echo(f"Deleted the pause of {rest.start}.")


@click.command("settings")
@click.option(
    "--weekly-target", type=int, metavar="N", help="Job-search actions a week that count as momentum."
)
@click.option("--first-day", metavar="DAY", help="First day of the week: monday .. sunday.")
@click.option("--theme", help="One of: " + ", ".join(THEMES) + ".")
@click.option(
    "--action-tag",
    "action_tags",
    multiple=True,
    metavar="TAG",
    help="Count check-ins tagged TAG as job-search actions too (repeat for several).",
)
@click.option(
    "--no-action-tag", "not_action_tags", multiple=True, metavar="TAG", help="Stop counting TAG as an action."
)
@click.option(
    "--quiet-days",
    type=int,
    metavar="N",
    help="Days without news before an application is offered, once, to be let go or followed up.",
)
@click.option(
    "--reframe-prompt/--no-reframe-prompt",
    default=None,
    help="Offer a kinder way to put it when a reflection is hard on you (on by default).",
)
@pass_env
def settings(
    env: Env,
    weekly_target: int | None,
    first_day: str | None,
    theme: str | None,
    action_tags: tuple[str, ...],
    not_action_tags: tuple[str, ...],
    quiet_days: int | None,
    reframe_prompt: bool | None,
) -> None:
    """Show your settings, or change them with the options."""
    typed: dict[str, object] = {}
    if weekly_target is not None:
        typed["weekly_target"] = weekly_target
    if quiet_days is not None:
        typed["quiet_days"] = quiet_days
    if reframe_prompt is not None:
        typed["reframe_prompt"] = reframe_prompt
    if theme is not None:
        typed["theme"] = theme
    if first_day is not None:
        typed["first_day_of_week"] = first_day
    # Every value checked (the rules the app's Settings use too) before anything is written;
    # only the settings named change, inside the lock: one changed elsewhere meanwhile is kept.
    changes = read_settings(Settings(), **typed)
    current = None
    if action_tags or not_action_tags:  # refuses a tag to remove that is not there, writing nothing
        current = update_action_tags(env.store, add=action_tags, remove=not_action_tags)
    if changes:
        current = update_settings(env.store, **changes)
    if current is None:
        current = env.store.settings()
    click.echo(f"weekly target: {current.weekly_target} job-search actions")
    click.echo(f"first day of the week: {WEEKDAYS[current.first_day_of_week]}")
    click.echo(f"theme: {current.theme}")
    click.echo(f"tags that count as job-search actions: {action_tags_line(current)}")
    click.echo(f"quiet days before an application is offered to let go: {current.quiet_days}")
    click.echo(f"kinder-words prompt in reflections: {'on' if current.reframe_prompt else 'off'}")


def action_tags_line(current: Settings) -> str:
    """'applied, interviewed, networked, practiced, job application': the built-in four, then your own."""
    return visible(", ".join([*sorted(JOB_SEARCH_ACTIVITIES), *current.action_tags]))
