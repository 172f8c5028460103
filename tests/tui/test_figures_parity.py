"""The Resilience screen and ``rebound-tui stats`` show the same numbers in the same words.

For the same data and the same day: the pattern lines (with the caveat about
cause), the rebound table (same columns, same cells) and the funnel. Both come
from :mod:`rebound_tui.core.patterns`; this checks that each front end really
shows them, as text a person reads.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence

from rich.console import Console
from rich.table import Table
from textual.content import Content
from textual.widgets import Static

from rebound_tui.cli.stats_view import render_report
from rebound_tui.core.metrics import compute_all
from rebound_tui.core.patterns import (
    CAUSE_CAVEAT,
    FUNNEL_COLUMNS,
    REBOUND_COLUMNS,
    funnel_rows,
    pattern_lines,
    rebound_rows,
)
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.screens.resilience import ResilienceScreen
from tests.tui.conftest import NOW

AppFactory = Callable[[], ReboundApp]


def _text(renderable: object) -> str:
    console = Console(file=io.StringIO(), width=400, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def _flat(text: str) -> str:
    return " ".join(text.split())


def _has_row(text: str, cells: Sequence[str]) -> bool:
    """A line holding the cells in order, separated by blanks or a table's rules (as a row reads)."""
    pattern = r"[\s│┃]+".join(re.escape(cell) for cell in cells)
    return any(re.search(pattern, line) for line in text.splitlines())


async def test_resilience_and_stats_agree(app_factory: AppFactory, seeded: Store) -> None:
    snapshot = seeded.snapshot()
    report = compute_all(snapshot, NOW.date())
    assert report.setbacks and report.funnel, "the seeded data has setbacks and a funnel"
    cli = io.StringIO()
    render_report(report, Console(file=cli, width=400, color_system=None, highlight=False))
    cli_text = cli.getvalue()

    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ResilienceScreen)
        insights = screen.query_one("#insights", Static).content
        rebound = screen.query_one("#rebound-table", Static).content
        funnel = screen.query_one("#funnel", Static).content

    lines = pattern_lines(report)
    assert lines[-1] == CAUSE_CAVEAT
    assert isinstance(insights, Content)
    assert insights.plain == "\n".join(f"- {line}" for line in lines)
    for line in lines:
        assert _flat(line) in _flat(cli_text), line

    assert isinstance(rebound, Table) and isinstance(funnel, Table)
    assert tuple(str(c.header) for c in rebound.columns) == REBOUND_COLUMNS
    assert tuple(str(c.header) for c in funnel.columns)[:3] == FUNNEL_COLUMNS  # then a bar, unnamed
    assert _has_row(cli_text, REBOUND_COLUMNS) and _has_row(cli_text, FUNNEL_COLUMNS)
    tui_rebound, tui_funnel = _text(rebound), _text(funnel)
    for row in rebound_rows(report):
        assert _has_row(tui_rebound, row) and _has_row(cli_text, row), row
    for frow in funnel_rows(report.funnel):
        assert _has_row(tui_funnel, frow) and _has_row(cli_text, frow), frow
    assert " d " not in tui_rebound + cli_text
