"""The ``rebound-tui`` command line.

The quick commands (``checkin MOOD``, ``status``, ``interview add``) import
neither Textual nor Rich: they must answer in a blink, from a shell prompt or
an SSH login banner. The TUI is imported inside the commands that open it.

Every problem ends in one line on stderr and exit status 2, and nothing is
written: validation happens before the store is touched, and the store
writes all or nothing.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NoReturn

import click

from rebound_tui import __version__
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
    now_local,
    parse_mood,
)
from rebound_tui.core.text import one_line
from rebound_tui.storage.paths import ENV_VAR, resolve_data_dir
from rebound_tui.storage.quick import human_day, moment_of, read_text, save_checkin, split_tags
from rebound_tui.storage.store import Store, StoreError

EXIT_BAD_INPUT = 2


# --------------------------------------------------------------------------- context


@dataclass
class Env:
    """What every command needs: where the data lives and what time it is."""

    data_dir: str | None = None
    clock: Callable[[], datetime] = field(default=now_local)
    _store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(resolve_data_dir(self.data_dir), clock=self.clock)
        return self._store

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().date()


def fail(message: str) -> NoReturn:
    """Stop with one line on stderr and exit status 2."""
    raise click.ClickException(message)


pass_env = click.make_pass_decorator(Env)


class RootGroup(click.Group):
    """Turns every error into one line on stderr with a fitting exit status."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code: int = 0
        try:
            result = super().main(
                args, prog_name or "rebound-tui", complete_var, standalone_mode=False, **extra
            )
            code = result if isinstance(result, int) else 0
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "rebound-tui"
            _error(f"{where}: {_one_line(exc.format_message())} (see '{where} --help')")
            code = EXIT_BAD_INPUT
        except click.ClickException as exc:
            _error(f"rebound-tui: {_one_line(exc.format_message())}")
            code = EXIT_BAD_INPUT if exc.exit_code == 1 else exc.exit_code
        except (ValidationError, StoreError) as exc:
            _error(f"rebound-tui: {_one_line(str(exc))}")
            code = EXIT_BAD_INPUT
        except (click.Abort, KeyboardInterrupt, EOFError):
            _error("rebound-tui: stopped; nothing more was saved")
            code = 130
        if not standalone_mode:
            return code
        sys.exit(code)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _error(message: str) -> None:
    click.echo(message, err=True)


# --------------------------------------------------------------------------- helpers


def _day(env: Env, text: str, *, what: str) -> date:
    from rebound_tui.core.dates import parse_day

    return parse_day(text, env.today(), what=what)


def _short(record_id: str) -> str:
    return record_id[:8]


def _run_tui(env: Env, *, checkin_only: bool = False) -> None:
    from rebound_tui.launch import LaunchError, run_tui

    try:
        code = run_tui(env.store, env.clock, checkin_only=checkin_only)
    except LaunchError as exc:
        fail(str(exc))
    if code:
        sys.exit(code)


# --------------------------------------------------------------------------- root


@click.group(
    cls=RootGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=str),
    envvar=ENV_VAR,
    help=f"Folder holding your data (default: your user-data folder; or set {ENV_VAR}).",
)
@click.version_option(__version__, "-V", "--version", prog_name="rebound-tui")
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None) -> None:
    """A calm companion for a job search: check in, reflect, see yourself bounce back.

    Run with no command to open the app.
    """
    if not isinstance(ctx.obj, Env):
        from rebound_tui.launch import env_clock

        ctx.obj = Env(clock=env_clock())
    if data_dir:
        ctx.obj.data_dir = data_dir
    if ctx.invoked_subcommand is None:
        _run_tui(ctx.obj)


# --------------------------------------------------------------------------- checkin


class _DefaultToAdd(click.Group):
    """``checkin 4 ...`` means ``checkin add 4 ...``; bare ``checkin`` opens the quick check-in."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["add", *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "[MOOD [OPTIONS] | COMMAND ...]")


@cli.group(cls=_DefaultToAdd, invoke_without_command=True)
@click.pass_context
def checkin(ctx: click.Context) -> None:
    """Check in: 'checkin 4 --feel hopeful' saves at once; bare 'checkin' opens the quick check-in.

    MOOD is 1-5 (1 awful, 2 low, 3 okay, 4 good, 5 great) or one of those words.
    """
    if ctx.invoked_subcommand is None:
        _run_tui(ctx.find_object(Env) or Env(), checkin_only=True)


@checkin.command("add")
@click.argument("mood")
@click.option("--energy", "-e", metavar="N", help="Energy 1-5 (drained .. buzzing).")
@click.option(
    "--feel", "-f", "feelings", multiple=True, metavar="TAG", help="A feeling (repeat or comma-separate)."
)
@click.option("--did", "-d", "activities", multiple=True, metavar="TAG", help="Something you did today.")
@click.option("--note", "-n", metavar="TEXT", help="A note; '-' reads it from stdin.")
@click.option("--date", "when", metavar="WHEN", help="When, if not now: 'yesterday', 'Nov 20', '2026-11-20'.")
@pass_env
def checkin_add(
    env: Env,
    mood: str,
    energy: str | None,
    feelings: tuple[str, ...],
    activities: tuple[str, ...],
    note: str | None,
    when: str | None,
) -> None:
    """Save a check-in right now (MOOD 1-5)."""
    reply = save_checkin(
        env.store,
        env.now(),
        mood,
        energy=energy,
        feelings=feelings,
        activities=activities,
        note=note,
        when=when,
    )
    click.echo(reply)


# --------------------------------------------------------------------------- interview


@cli.group()
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
) -> None:
    """Log a round; the application is found by company and role, or created."""
    stage_v = Stage.parse(stage, "stage")
    outcome_v = _outcome(outcome) or Outcome.PENDING
    moment = moment_of(when, env.now(), what="interview date", future_ok=True)
    follow = _day(env, follow_up, what="follow-up date") if follow_up else None
    probe = Application.new(company, role, source=source or "", now=env.now())  # validates the names
    snapshot = env.store.snapshot()
    app = _find_open_application(snapshot, probe.company, probe.role)
    records: list[Any] = []
    if app is None:
        app = probe
        records.append(app)
    rnd = Round.new(app.id, stage_v, when=moment, outcome=outcome_v, follow_up=follow, now=env.now())
    records.append(rnd)
    env.store.add_many(records)
    click.echo(
        f"Logged {stage_v.label} at {one_line(app.company)} ({one_line(app.role)}) "
        f"for {human_day(rnd.day, env.today())}"
        f" [{outcome_v.label}] - round {_short(rnd.id)}."
    )
    if outcome_v.is_setback:
        click.echo(_setback_words(outcome_v))


def _setback_words(outcome: Outcome) -> str:
    from rebound_tui.core.wording import setback_message

    return setback_message(outcome)


def _find_open_application(snapshot: Snapshot, company: str, role: str) -> Application | None:
    key = (company.casefold(), role.casefold())
    for app in reversed(snapshot.applications):
        same = (app.company.casefold(), app.role.casefold()) == key
        if same and snapshot.status_of(app.id) is AppStatus.ACTIVE:
            return app
    return None


@interview.command("list")
@click.option(
    "--status", "status_filter", help="Only applications with this status (active, offer, rejected, ...)."
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_env
def interview_list(env: Env, status_filter: str | None, as_json: bool) -> None:
    """List applications and their rounds, newest first, with the ids to update them."""
    snapshot = env.store.snapshot()
    wanted: AppStatus | None = None
    if status_filter:
        try:
            wanted = AppStatus(status_filter.strip().lower())
        except ValueError:
            fail(f"unknown status {status_filter!r}: use one of {', '.join(s.value for s in AppStatus)}")
    rows = []
    for app in sorted(snapshot.applications, key=_latest_activity(snapshot), reverse=True):
        rounds = snapshot.rounds_of(app.id)
        status = application_status(rounds)
        if wanted and status is not wanted:
            continue
        rows.append((app, status, rounds))
    if as_json:
        out = [
            {**app.to_dict(), "status": status.value, "rounds": [r.to_dict() for r in rounds]}
            for app, status, rounds in rows
        ]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(
            "No applications yet. Log one with: rebound-tui interview add -c COMPANY -r ROLE -s applied"
        )
        return
    for app, status, rounds in rows:
        click.echo(f"{_short(app.id)}  {one_line(app.company)} - {one_line(app.role)}  [{status.value}]")
        for rnd in rounds:
            follow = f"  follow up {rnd.follow_up}" if rnd.follow_up else ""
            mark = "  reflected" if rnd.has_reflection else ""
            click.echo(
                f"    {_short(rnd.id)}  {rnd.day}  {rnd.stage.label:<16} {rnd.outcome.label:<9}{follow}{mark}"
            )


def _latest_activity(snapshot: Snapshot) -> Callable[[Application], datetime]:
    latest: dict[str, datetime] = {}
    for rnd in snapshot.rounds:
        if rnd.application_id not in latest or rnd.when > latest[rnd.application_id]:
            latest[rnd.application_id] = rnd.when
    return lambda app: max(latest.get(app.id, app.created), app.created)


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
        changes["when"] = moment_of(when, env.now(), what="interview date", future_ok=True)
    if follow_up is not None:
        changes["follow_up"] = (
            None if follow_up.strip().lower() in ("none", "") else _day(env, follow_up, what="follow-up date")
        )
    for name, value in (
        ("feedback", feedback),
        ("went_well", went_well),
        ("to_improve", to_improve),
        ("lesson", lesson),
    ):
        if value is not None:
            changes[name] = read_text(value)
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
    click.echo(f"Updated round {_short(updated.id)}: {updated.stage.label}, {updated.outcome.label}.")
    if "outcome" in changes and updated.outcome.is_setback:
        click.echo(_setback_words(updated.outcome))


# --------------------------------------------------------------------------- status, doctor


@cli.command()
@pass_env
def status(env: Env) -> None:
    """One line for a shell prompt or login banner: streak, today, follow-ups due."""
    from rebound_tui.storage.quick import status_line

    click.echo(status_line(env.store, env.today()))


@cli.command()
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


@cli.command()
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


@cli.command()
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


from rebound_tui.cli.interop import register as _register_interop  # noqa: E402  (needs `cli`)

_register_interop(cli)

from rebound_tui.cli.history import register as _register_history  # noqa: E402  (needs `cli`)
from rebound_tui.cli.settings import register as _register_settings  # noqa: E402  (needs `cli`)

_register_history(cli)
_register_settings(cli)


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name="rebound-tui")
