"""Answers that write nothing: ``status`` (one line for a prompt), ``stats`` and ``tip``.

``status`` and ``tip`` import neither Textual nor Rich; ``stats`` loads Rich
only to draw its tables (``stats --json`` does without).
"""

from __future__ import annotations

import json

import click

from rebound_tui.cli.context import Env, pass_env
from rebound_tui.core.models import ValidationError


@click.command()
@pass_env
def status(env: Env) -> None:
    """One line for a shell prompt or login banner: streak, today, follow-ups due."""
    from rebound_tui.storage.quick import status_line

    click.echo(status_line(env.store, env.today()))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output for scripts.")
@pass_env
def stats(env: Env, as_json: bool) -> None:
    """Every figure: streak, momentum, rebound times, resilience score, growth, insights."""
    from rebound_tui.cli.stats_view import stats_json

    snapshot = env.store.snapshot()
    if as_json:
        click.echo(json.dumps(stats_json(snapshot, env.today()), ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    from rebound_tui.cli.stats_view import render_stats

    render_stats(snapshot, env.today(), Console(highlight=False))


@click.command()
@click.option(
    "--situation",
    "-s",
    help="after-rejection, low-mood, before-interview, reflecting, keeping-going, milestones.",
)
@pass_env
def tip(env: Env, situation: str | None) -> None:
    """Print the tip of the day (for a situation, if you name one)."""
    from rebound_tui.core.tips import SITUATIONS, parse_situation, tip_of_the_day

    try:
        key = parse_situation(situation) if situation else None
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    chosen = tip_of_the_day(env.today(), key)
    click.echo(f"{chosen.title} ({SITUATIONS[chosen.situation]})")
    click.echo(chosen.text)
