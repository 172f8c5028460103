"""Looking after the data file: ``doctor`` (check, restore a backup) and ``forget --everything``.

Neither imports Textual or Rich. ``forget`` asks for a typed phrase before it
removes anything, and names every path it removes.
"""

from __future__ import annotations

import sys

import click

from rebound_tui.cli.context import Env, fail, pass_env

FORGET_PHRASE = "forget everything"
"""What ``forget --everything`` asks the user to type before it removes anything."""


@click.command()
@click.option("--restore", is_flag=True, help="Replace an unreadable data file with the newest good backup.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask before restoring.")
@pass_env
def doctor(env: Env, restore: bool, yes: bool) -> None:
    """Check the data file, its lock, permissions and backups."""
    from rebound_tui.storage.doctor import diagnose, restore_newest

    checks = diagnose(env.store)
    for check in checks:
        mark = "ok  " if check.ok else "FIX "
        click.echo(f"{mark} {check.name}: {check.detail}")
    healthy = all(c.ok for c in checks)
    if restore:
        if any(c.name == "contents" and c.ok for c in checks):
            # Restoring over a readable file would silently roll back up to a day of entries.
            click.echo("The data file reads fine; nothing to restore. Nothing was changed.")
            return
        if not yes and not click.confirm(
            "Restore the newest good backup over the current file?", default=False
        ):
            click.echo("Nothing was changed.")
            return
        message = restore_newest(env.store)
        click.echo(message)
        return
    if not healthy:
        sys.exit(1)


@click.command("forget")
@click.option("--everything", is_flag=True, help="Required: you mean all of it, backups included.")
@pass_env
def forget(env: Env, everything: bool) -> None:
    """Remove every file rebound-tui made (data, backups, lock), after you type a phrase to confirm."""
    if not everything:
        fail("'forget' removes all your data and backups; run 'rebound-tui forget --everything' to do it")
    store = env.store
    doomed = store.own_files()
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
        fail(f"you did not type '{FORGET_PHRASE}'; nothing was removed")
    removed = store.forget_everything()
    if not removed:
        click.echo("Nothing was left to remove.")
        return
    click.echo("Removed:")
    for path in removed:
        click.echo(f"  {path}")
