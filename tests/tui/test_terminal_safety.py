"""User text drawn by the TUI never drives the terminal: escape sequences and bidi controls in a
company, a role or a note are shown as placeholders (issue 12, item 12). History's detail pane is
tested in test_history.py."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable, Label, Static

from rebound_tui.core.models import Application, Round, Stage
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from tests.tui.conftest import NOW

AppFactory = Callable[[], ReboundApp]
RAW = ("\x1b", "\x07", "\u202e", "\x9b")
COMPANY = "Acme\x1b]52;c;aGk=\x07 \u202eevil"
ROLE = "SRE\x1b[2J\x9b"


def _hostile(store: Store) -> Application:
    app = Application.new(COMPANY, ROLE, now=NOW)
    rnd = Round.new(app.id, Stage.TECHNICAL, when=NOW, now=NOW, follow_up=NOW.date())
    store.add_many([app, rnd])
    return app


def _clean(text: str) -> None:
    for raw in RAW:
        assert raw not in text, repr(text)


async def test_interviews_shows_control_characters_in_company_and_role(
    app_factory: AppFactory, store: Store
) -> None:
    """The applications table and the rounds title draw the company and role without raw controls."""
    _hostile(store)
    app = app_factory()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        table = app.screen.query_one("#applications", DataTable)
        cells = [str(table.get_row_at(0)[0]), str(table.get_row_at(0)[1])]
        for cell in cells:
            _clean(cell)
        assert cells[0].startswith("Acme") and "evil" in cells[0]
        await pilot.pause()
        _clean(str(app.screen.query_one("#rounds-title", Label).render()))


async def test_today_follow_ups_show_control_characters(app_factory: AppFactory, store: Store) -> None:
    """A follow-up due today names the company: shown, not run."""
    _hostile(store)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(50):
            shown = str(app.screen.query_one("#follow-up-list", Static).render())
            if "Acme" in shown:
                break
            await pilot.pause(0.05)
        assert "Acme" in shown
        _clean(shown)
