"""The ``checkin`` group: ``checkin MOOD`` (``checkin add``), bare ``checkin``, and list/edit/delete.

``checkin add``'s options come from :data:`rebound_tui.core.checkin_options.CHECKIN_OPTIONS`,
the same specification the entry point's fast path reads, so the two cannot
drift apart; both save through :func:`rebound_tui.storage.quick.save_checkin`.
The looking-back commands (list, edit, delete) live in :mod:`rebound_tui.cli.history`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from rebound_tui.cli.context import Env, open_app, pass_env
from rebound_tui.cli.history import checkin_delete, checkin_edit, checkin_list
from rebound_tui.core.checkin_options import CHECKIN_OPTIONS
from rebound_tui.storage.quick import save_checkin

F = TypeVar("F", bound=Callable[..., Any])


def checkin_options(command: F) -> F:
    """Add one click option per entry of the check-in specification, in its order."""
    for option in reversed(CHECKIN_OPTIONS):
        command = click.option(
            *option.flags,
            option.dest,
            multiple=option.multiple,
            metavar=option.metavar,
            help=option.help,
        )(command)
    return command


class _DefaultToAdd(click.Group):
    """``checkin 4 ...`` means ``checkin add 4 ...``; bare ``checkin`` opens the quick check-in."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["add", *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "[MOOD [OPTIONS] | COMMAND ...]")


@click.group(cls=_DefaultToAdd, invoke_without_command=True)
@click.pass_context
def checkin(ctx: click.Context) -> None:
    """Check in: 'checkin 4 --feel hopeful' saves at once; bare 'checkin' opens the quick check-in.

    MOOD is 1-5 (1 awful, 2 low, 3 okay, 4 good, 5 great) or one of those words.
    """
    if ctx.invoked_subcommand is None:
        open_app(ctx.find_object(Env) or Env(), checkin_only=True)


@checkin.command("add")
@click.argument("mood")
@checkin_options
@pass_env
def checkin_add(env: Env, /, mood: str, **options: Any) -> None:
    """Save a check-in right now (MOOD 1-5)."""
    # ``options`` are the specification's destinations, the keywords of save_checkin.
    click.echo(save_checkin(env.store, env.now(), mood, **options))


checkin.add_command(checkin_list)
checkin.add_command(checkin_edit)
checkin.add_command(checkin_delete)
