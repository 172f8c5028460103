"""The ``rebound-tui`` command line: the root group, which adds every command group.

The quick commands (``checkin MOOD``, ``status``, ``interview add``) import
neither Textual nor Rich: they must answer in a blink, from a shell prompt or
an SSH login banner. The TUI is imported inside the commands that open it.

Every problem ends in one line on stderr and exit status 2, and nothing is
written: validation happens before the store is touched, and the store
writes all or nothing.

Imports point down only: this module imports the command modules, they import
:mod:`rebound_tui.cli.context`, and nothing imports this module but the entry
point (and the tests).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from rebound_tui import __version__
from rebound_tui.cli.checkin import checkin
from rebound_tui.cli.context import EXIT_BAD_INPUT, Env, open_app
from rebound_tui.cli.doctor import doctor, forget
from rebound_tui.cli.info import stats, status, tip
from rebound_tui.cli.interop import export_command, import_command, merge_command
from rebound_tui.cli.interview import interview
from rebound_tui.cli.review import review
from rebound_tui.cli.settings import pause, settings
from rebound_tui.core.clock import env_clock
from rebound_tui.core.models import ValidationError
from rebound_tui.core.text import one_line, os_error_exit
from rebound_tui.storage.paths import ENV_VAR
from rebound_tui.storage.store import StoreError

__all__ = ["Env", "RootGroup", "cli", "main"]


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
            _error(f"{where}: {one_line(exc.format_message())} (see '{where} --help')")
            code = EXIT_BAD_INPUT
        except click.ClickException as exc:
            _error(f"rebound-tui: {one_line(exc.format_message())}")
            code = EXIT_BAD_INPUT if exc.exit_code == 1 else exc.exit_code
        except (ValidationError, StoreError) as exc:
            _error(f"rebound-tui: {one_line(str(exc))}")
            code = EXIT_BAD_INPUT
        except (click.Abort, KeyboardInterrupt, EOFError):
            _error("rebound-tui: stopped; nothing more was saved")
            code = 130
        except OSError as exc:  # a full disk, a file-size limit, no permission, a failing disk
            code = os_error_exit(exc)
        if not standalone_mode:
            return code
        sys.exit(code)


def _error(message: str) -> None:
    click.echo(message, err=True)


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
        ctx.obj = Env(clock=env_clock())
    if data_dir is not None:
        ctx.obj.data_dir = data_dir  # "" too: resolve_data_dir refuses it rather than use the default
    if ctx.invoked_subcommand is None:
        open_app(ctx.obj)


for _command in (
    checkin,
    interview,
    status,
    stats,
    doctor,
    tip,
    export_command,
    import_command,
    merge_command,
    forget,
    pause,
    settings,
    review,
):
    cli.add_command(_command)


def main() -> None:
    """Console-script entry point for everything :mod:`rebound_tui.launch` does not answer itself."""
    cli.main(prog_name="rebound-tui")
