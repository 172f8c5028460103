"""The ``export``, ``import`` and ``merge`` commands.

The conversion work lives in :mod:`rebound_tui.storage.interop`; this module reads the
options, shows a progress bar for long imports on a terminal, and tells the
user what happened in plain words. It loads ``interop`` and Rich only inside
the commands, so ``import rebound_tui.cli.main`` stays quick.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from rebound_tui.cli.context import Env, fail, pass_env
from rebound_tui.core.text import visible

if TYPE_CHECKING:
    from rebound_tui.storage.interop import Incoming, MergePlan

LONG_IMPORT_S = 1.0
"""An import still reading after this many seconds gets a progress bar on a terminal."""

MAX_CONFLICTS_SHOWN = 20


# --------------------------------------------------------------------------- progress


class ProgressBar:
    """A Rich progress bar on stderr that appears only once reading has taken over a second.

    Its ``update(done, total)`` is the ``progress`` callback of the interop readers.
    Rich is imported the first time a slow read reports progress, never before, so
    the quick imports do not pay for it.
    """

    def __init__(
        self,
        label: str,
        *,
        stream: TextIO | None = None,
        after: float = LONG_IMPORT_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.stream = stream
        self.clock = clock
        self.show_at = clock() + after
        self._bar: Any = None
        self._task: Any = None

    def update(self, done: int, total: int) -> None:
        if self._bar is None:
            if done >= total or self.clock() < self.show_at:
                return
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

            # force_terminal=None lets Rich detect the terminal (False would turn the bar off).
            console = Console(file=self.stream or sys.stderr, force_terminal=True if self.stream else None)
            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TaskProgressColumn(),
                console=console,
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=total)
        self._bar.update(self._task, completed=done, total=total)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


@contextmanager
def _progress(label: str) -> Iterator[ProgressBar | None]:
    """A progress bar when stderr is a terminal, else None (scripts and pipes stay quiet)."""
    if not sys.stderr.isatty():
        yield None
        return
    bar = ProgressBar(label)
    try:
        yield bar
    finally:
        bar.stop()


# --------------------------------------------------------------------------- reports


def _report(plan: MergePlan, *, verb: str, dry_run: bool) -> list[str]:
    """The lines that tell the user what an import or merge did (or would do)."""
    from rebound_tui.storage.interop import counts_by_kind

    changes: list[tuple[str, str]] = []
    if plan.added:
        changes.append(("add", f"{counts_by_kind(plan.added)}"))
    if plan.updated:
        changes.append(("update", f"{counts_by_kind(plan.updated)} with more recently edited copies"))
    if plan.deletions:
        n = len(plan.deletions)
        changes.append(("delete", f"{n:,} record{'s' * (n != 1)} deleted there after their last edit here"))
    remembered = len(plan.tombstones) - len(plan.deletions)
    if remembered:
        changes.append(("remember", f"{remembered:,} deletion{'s' * (remembered != 1)} made there"))
    if plan.settings is not None:
        changes.append(("take", "the more recently changed settings"))
    past = {
        "add": "added",
        "update": "updated",
        "delete": "deleted",
        "remember": "remembered",
        "take": "took",
    }

    source = plan.source
    gerund, done = {"import": ("Importing", "Imported"), "merge": ("Merging", "Merged")}[verb]
    lines: list[str] = []
    if not changes:
        lines.append(f"Nothing to {verb} from {source}: you already have all of it.")
    elif dry_run:
        lines.append(f"Dry run, nothing was written. {gerund} {source} would:")
        lines += [f"  {word} {what}" for word, what in changes]
    else:
        lines.append(f"{done} {source}: " + "; ".join(f"{past[word]} {what}" for word, what in changes) + ".")

    notes = []
    if plan.unchanged:
        notes.append(f"{plan.unchanged:,} already here")
    if plan.skipped_deleted:
        n = len(plan.skipped_deleted)
        notes.append(f"{n:,} skipped because you deleted {'them' if n != 1 else 'it'} here")
    if notes:
        lines.append("(" + "; ".join(notes) + ".)")

    if plan.conflicts:
        n = len(plan.conflicts)
        lines.append(
            f"{n:,} record{'s differ' if n != 1 else ' differs'} between the two copies; "
            "the more recently edited copy of each " + ("would be" if dry_run else "was") + " kept:"
        )
        for conflict in plan.conflicts[:MAX_CONFLICTS_SHOWN]:
            ours = f"{conflict.ours:%Y-%m-%d %H:%M}"
            theirs = f"{conflict.theirs:%Y-%m-%d %H:%M}"
            if conflict.deleted_there:
                why = f"kept here: edited {ours}, after it was deleted there ({theirs})"
            elif conflict.took_theirs:
                why = f"took the copy from {source} (edited {theirs}; here {ours})"
            else:
                why = f"kept the copy here (edited {ours}; there {theirs})"
            lines.append(f"  {conflict.label}: {why}")
        if n > MAX_CONFLICTS_SHOWN:
            lines.append(f"  ... and {n - MAX_CONFLICTS_SHOWN:,} more")
    return lines


def _run(
    env: Env, incoming: Incoming, *, verb: str, dry_run: bool, corrected: frozenset[str] = frozenset()
) -> MergePlan:
    """Merge ``incoming`` into the store (or plan it, with ``dry_run``) and say what happened.

    ``corrected``: ids of records a re-import corrects on purpose; they are not
    listed as differences between two copies.
    """
    from rebound_tui.storage.interop import merge_into_store

    plan = merge_into_store(env.store, incoming, dry_run=dry_run)
    shown = plan
    if corrected:
        shown = replace(plan, conflicts=[c for c in plan.conflicts if c.id not in corrected])
    for line in _report(shown, verb=verb, dry_run=dry_run):
        click.echo(line)
    return plan


# --------------------------------------------------------------------------- commands


@click.command("export")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(("json", "csv", "md")),
    default="json",
    show_default=True,
    help="json: everything, re-importable; csv: one file per kind (needs -o FOLDER); md: a journal.",
)
@click.option(
    "--output",
    "-o",
    metavar="PATH",
    type=click.Path(path_type=Path),
    help="Where to write (a folder for csv); default: standard output. Files are created private (0600).",
)
@click.option(
    "--force", is_flag=True, help="Replace files already there (never a link, a device or your data)."
)
@pass_env
def export_command(env: Env, fmt: str, output: Path | None, force: bool) -> None:
    """Take your data out: the whole store as JSON, CSV files, or a Markdown journal.

    With -o, an existing file is replaced only with --force; a symbolic link, a
    device or anything in your data folder never is.
    """
    from rebound_tui.storage import interop

    to_stdout = output is None or str(output) == "-"
    if fmt == "csv" and to_stdout:
        fail("csv export writes one file per kind of record; give a folder with -o, e.g. -o rebound-csv")
    if output is not None and not to_stdout:
        interop.check_export_target(output, env.store.data_dir)
    snapshot = env.store.snapshot()
    if fmt == "csv":
        assert output is not None
        paths = interop.export_csv(snapshot, output, overwrite=force)
        click.echo(
            f"Wrote {len(paths)} files to {output}: {', '.join(p.name for p in paths)} "
            f"({len(interop.records_of(snapshot)):,} records; settings and deletions are only in json)."
        )
        return
    text = interop.export_json(snapshot) if fmt == "json" else interop.export_markdown(snapshot)
    if to_stdout:
        click.echo(text, nl=False)
        return
    assert output is not None
    interop.write_private(output, text, overwrite=force)
    click.echo(f"Wrote {len(interop.records_of(snapshot)):,} records to {output}.")


@click.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(("json", "csv", "daylio")),
    help="json or csv (from 'rebound-tui export'), or daylio (a Daylio CSV export). Default: guessed.",
)
@click.option(
    "--mood-map",
    multiple=True,
    metavar="NAME=N",
    help="Daylio: score a mood name from 1 (awful) to 5 (great); repeat for more. "
    "On a terminal you are asked for the names the file needs.",
)
@click.option(
    "--action-tag",
    "action_tags",
    multiple=True,
    metavar="NAME",
    help="Daylio: count the activity NAME as a job-search action (the 'settings --action-tag' setting); "
    "repeat for more. On a terminal you are asked.",
)
@click.option("--dry-run", "-n", is_flag=True, help="Only report what would be added; write nothing.")
@pass_env
def import_command(
    env: Env,
    path: Path,
    fmt: str | None,
    mood_map: tuple[str, ...],
    action_tags: tuple[str, ...],
    dry_run: bool,
) -> None:
    """Bring records in from a file (or a csv folder). Importing the same file twice adds nothing.

    Every row is checked first: one bad row stops the import, names its line, and
    nothing is written. A Daylio export's mood names each need a level: on a
    terminal you are asked for the ones that have none; elsewhere one line names
    them all with a ready --mood-map command line.
    """
    from rebound_tui.storage import interop

    if not path.exists():
        fail(f"{path}: no such file or folder")
    kind = fmt or interop.guess_format(path)
    if (mood_map or action_tags) and kind != "daylio":
        fail(f"--{'mood-map' if mood_map else 'action-tag'} is for Daylio exports (--format daylio)")
    moods = interop.parse_mood_map(mood_map)
    if kind == "daylio":
        _import_daylio(env, path, fmt, mood_map, moods, action_tags, dry_run)
        return
    with _progress(f"Reading {path.name}") as bar:
        progress = bar.update if bar else None
        incoming = interop.read_json(path, progress) if kind == "json" else interop.read_csv(path, progress)
    _run(env, incoming, verb="import", dry_run=dry_run)


def _import_daylio(
    env: Env,
    path: Path,
    fmt: str | None,
    mood_map: tuple[str, ...],
    moods: dict[str, int],
    action_tags: tuple[str, ...],
    dry_run: bool,
) -> None:
    """Read a Daylio export, settle its mood levels and action tags (asking on a terminal), import it."""
    from rebound_tui.cli import daylio
    from rebound_tui.core.models import clean_tag
    from rebound_tui.storage import interop
    from rebound_tui.storage.edits import update_action_tags

    adding = [clean_tag(name, "action") for name in action_tags]  # refused before anything is read
    with _progress(f"Reading {path.name}") as bar:
        file = interop.scan_daylio(path, bar.update if bar else None)
    options = [*(["--format", fmt] if fmt else []), *(f"--mood-map={item}" for item in mood_map)]
    levels = daylio.resolve_moods(file, moods, path=path, data_dir=env.data_dir, options=options)
    incoming = interop.build_checkins(file, levels)
    incoming, corrected = interop.take_corrections(incoming, env.store.snapshot(), env.store.now())
    counted = env.store.settings().job_search_tags.union(adding)
    offered = daylio.offered_activities(file, counted)
    if offered and daylio.interactive() and not dry_run:
        adding += daylio.ask_actions(file, offered)
        offered = []
    plan = _run(env, incoming, verb="import", dry_run=dry_run, corrected=corrected)
    if dry_run:
        click.echo("Mood names and their levels:")
        for line in daylio.mood_table(file, levels):
            click.echo(line)
    if corrected:
        n = len(corrected)
        click.echo(
            f"{n:,} check-in{'s' * (n != 1)} imported before from these rows "
            f"{'would be' if dry_run else 'were'} corrected (a changed mood level or note); "
            "check-ins you edited here keep your edits."
        )
    if plan.added or dry_run:
        for line in daylio.name_actions(file, offered):
            click.echo(line)
    if adding:
        new = [name for name in dict.fromkeys(adding) if name not in env.store.settings().job_search_tags]
        if new and not dry_run:
            update_action_tags(env.store, add=tuple(new))
        if new:
            names = ", ".join(visible(name) for name in new)
            click.echo(
                f"Check-ins tagged {names} {'would' if dry_run else 'now'} count as job-search actions"
                " (rebound-tui settings shows them all)."
            )


@click.command("merge")
@click.argument("other", metavar="OTHER.json", type=click.Path(path_type=Path))
@click.option("--dry-run", "-n", is_flag=True, help="Only report what would change; write nothing.")
@pass_env
def merge_command(env: Env, other: Path, dry_run: bool) -> None:
    """Combine another machine's rebound-tui data into this one, record by record.

    OTHER.json is that machine's data file (rebound.json, or its data folder) or
    a json export. Records are matched by id; where both copies changed, the more
    recently edited one wins and is reported. Deleted records stay deleted.
    Merging the same file twice changes nothing.
    """
    from rebound_tui.storage import interop
    from rebound_tui.storage.paths import DATA_FILE

    if other.is_dir() and (other / DATA_FILE).is_file():
        other = other / DATA_FILE
    with _progress(f"Reading {other.name}") as bar:
        incoming = interop.read_json(other, bar.update if bar else None)
    _run(env, incoming, verb="merge", dry_run=dry_run)
