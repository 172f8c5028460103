"""The ``review`` command: a look back at a week (or a span of days), and the note for the next one.

The review itself is built and worded in :mod:`rebound_tui.core.review`; a
file written with ``-o`` follows the export rules of
:mod:`rebound_tui.storage.interop` (private, never over a link, a device or the
data folder, never over a file without ``--force``). No Textual or Rich here.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rebound_tui.cli.context import Env, fail, pass_env
from rebound_tui.core.text import one_line, text_or_stdin

if TYPE_CHECKING:
    from rebound_tui.core.review import Period

HINT = "Write them with: rebound-tui review --keep 'TEXT' --try 'TEXT'"
"""The text review's last line while the coming week has no note."""


@click.command("review")
@click.option("--week", metavar="WHEN", help="The week holding WHEN: 'last week', 'Nov 16', '2 weeks ago'.")
@click.option("--since", metavar="WHEN", help="Look back on the days from WHEN (instead of a week).")
@click.option("--until", metavar="WHEN", help="... up to and including WHEN (default: today).")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(("text", "md", "json")),
    default="text",
    show_default=True,
    help="md: a report that reads well on its own, to share with a coach; json: for scripts.",
)
@click.option(
    "--output",
    "-o",
    metavar="PATH",
    type=click.Path(path_type=Path),
    help="Write to a file (created private, 0600) instead of standard output.",
)
@click.option("--force", is_flag=True, help="Replace the file at PATH (never a link, a device or your data).")
@click.option("--with-notes", is_flag=True, help="Add your check-in notes (left out by default).")
@click.option("--with-feelings", is_flag=True, help="Add the feelings you named (left out by default).")
@click.option(
    "--no-companies", is_flag=True, help="Leave out companies and roles (and their links, contacts)."
)
@click.option("--no-lessons", is_flag=True, help="Leave out your lessons and your keep/try notes.")
@click.option("--no-contacts", is_flag=True, help="Leave out the contacts of applications.")
@click.option("--no-links", is_flag=True, help="Leave out the links of applications.")
@click.option("--keep", metavar="TEXT", help="Save one thing to keep in the coming week ('-' reads stdin).")
@click.option("--try", "try_next", metavar="TEXT", help="Save one thing to try in the coming week.")
@pass_env
def review(
    env: Env,
    week: str | None,
    since: str | None,
    until: str | None,
    fmt: str,
    output: Path | None,
    force: bool,
    with_notes: bool,
    with_feelings: bool,
    no_companies: bool,
    no_lessons: bool,
    no_contacts: bool,
    no_links: bool,
    keep: str | None,
    try_next: str | None,
) -> None:
    """Look back on this week (or another): how the days felt, what you did, how you came back.

    By default the report holds the figures, companies, stages and lessons, and
    leaves out your check-in notes and feelings; the options below add or leave
    out more. With --keep and --try, save what to keep and what to try in the
    week after the one reviewed; the next review shows it.
    """
    from rebound_tui.core import review as core

    today = env.today()
    settings = env.store.settings()
    period = core.read_period(today, settings.first_day_of_week, week=week, since=since, until=until)
    if keep is not None or try_next is not None:
        _save_note(env, period, keep, try_next)
        return
    privacy = core.Privacy(
        notes=with_notes,
        feelings=with_feelings,
        companies=not no_companies,
        lessons=not no_lessons,
        contacts=not no_contacts,
        links=not no_links,
    )
    to_stdout = output is None or str(output) == "-"
    if not to_stdout:
        from rebound_tui.storage import interop

        assert output is not None
        interop.check_export_target(output, env.store.data_dir)
    built = core.build_review(env.store.snapshot(), period, today)
    if fmt == "json":
        text = core.render_json(built, privacy)
    elif fmt == "md":
        text = core.render_markdown(built, privacy, written=today)
    else:
        hint = HINT if built.running and privacy.lessons else ""
        text = core.render_text(built, privacy, hint=hint)
    if to_stdout:
        click.echo(text, nl=False)
        return
    from rebound_tui.storage import interop

    assert output is not None
    interop.write_private(output, text, overwrite=force)
    left_out = privacy.left_out()
    kept_out = f" Left out: {', '.join(left_out)}." if left_out else ""
    click.echo(f"Wrote the review of {core.span_words(built)} to {one_line(str(output))}.{kept_out}")


def _save_note(env: Env, period: Period, keep: str | None, try_next: str | None) -> None:
    """Save the keep/try note for the week after ``period`` and say so."""
    from rebound_tui.storage.edits import save_week_note

    if not period.week:
        fail("--keep and --try belong to a week: give --week WHEN (or nothing, for this week)")
    week = period.end + timedelta(days=1)
    note = save_week_note(env.store, week, text_or_stdin(keep) or "", text_or_stdin(try_next) or "")
    parts = []
    if note.keep.strip():
        parts.append(f"keep: {one_line(note.keep, 60)}")
    if note.try_next.strip():
        parts.append(f"try: {one_line(note.try_next, 60)}")
    click.echo(
        f"Saved for the week of {week:%a} {week.day} {week:%b}: {'; '.join(parts)}. The next review shows it."
    )
