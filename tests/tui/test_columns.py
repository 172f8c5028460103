"""Interviews' columns at 80 and 60 columns (issue 14, item 4): priorities, ellipsis, and widths
worked out again whenever the data changes."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets._data_table import default_cell_formatter

from rebound_tui.core.models import Application, Round, Stage
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.screens.interviews import APPLICATION_COLUMNS, InterviewsScreen
from rebound_tui.tui.widgets.columns import Cell, Column, cut, fit_columns
from tests.tui.conftest import NOW
from tests.tui.test_snapshots import settle

AppFactory = Callable[[], ReboundApp]
BANK = "Commonwealth Bank of Australia"
ROLE = "Senior Site Reliability Engineer, Platform"


def test_priorities_and_least_widths() -> None:
    cells = {
        "company": [BANK],
        "role": [ROLE],
        "status": ["active"],
        "stage": ["recruiter screen"],
        "last": ["23 Nov"],
        "rounds": ["2"],
    }
    roomy = fit_columns(APPLICATION_COLUMNS, cells, 200)
    assert roomy["company"] == len(BANK) and roomy["role"] == len(ROLE)
    at_80 = fit_columns(APPLICATION_COLUMNS, cells, 76)
    assert set(at_80) == {"company", "role", "status", "stage", "last", "rounds"}
    assert at_80["status"] == len("status") and at_80["stage"] == len("recruiter screen")
    assert sum(at_80.values()) + 2 * len(at_80) <= 76
    at_60 = fit_columns(APPLICATION_COLUMNS, cells, 56)
    assert {"company", "status", "stage"} <= set(at_60) and "role" not in at_60
    assert at_60["stage"] == len("recruiter screen")  # never one letter


def test_cut_with_an_ellipsis() -> None:
    assert cut(BANK, 12).plain == "Commonwealt…"
    assert cut("Fernway", 12).plain == "Fernway"
    assert cut("東京株式会社", 7).cell_len <= 7  # wide characters count twice
    assert cut("12", 6, "right").plain == "    12"  # the rounds column is right-aligned


def test_a_cell_is_drawn_as_plain_text_never_markup() -> None:
    """The DataTable draws a Cell as the Text of its string, as typed (a str would be read as markup)."""
    hostile = "[bold]Evil[/] [@click=app.quit]Co[/]"
    drawn = default_cell_formatter(cut(hostile, 60))
    assert isinstance(drawn, Text) and drawn.plain == hostile and not drawn.spans


def test_a_column_that_cannot_shrink_is_left_out_whole() -> None:
    columns = [Column("a", "A", 0, least=3, shrinks=True), Column("b", "Bbbbbb", 1)]
    assert fit_columns(columns, {"a": ["x" * 20], "b": ["y"]}, 10) == {"a": 8}


async def test_widths_follow_the_data_and_the_width(app_factory: AppFactory, store: Store) -> None:
    bank = Application.new(BANK, ROLE, now=NOW)
    store.add_many([bank, Round.new(bank.id, Stage.TECHNICAL, when=NOW, now=NOW)])
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, InterviewsScreen)
        table = screen.query_one("#applications", DataTable)
        labels = [str(c.label) for c in table.ordered_columns]
        assert labels == ["Company", "Role", "Status", "Latest stage", "Last", "Rounds"]
        assert str(table.get_row_at(0)[0]).endswith("…")
        # The table keeps light cells (not a rich Text each: ~110 bytes instead of ~540 a cell)
        assert {type(cell) for cell in table.get_row_at(0)} == {Cell}
        wide = table.columns[table.ordered_columns[0].key].width
        store.put(bank.touched(NOW, company="Acme"))  # an edit elsewhere: the column shrinks back
        app.reload()
        await pilot.pause(0.2)
        table = screen.query_one("#applications", DataTable)
        assert table.ordered_columns[0].width < wide
        await pilot.resize_terminal(60, 20)
        await pilot.pause(0.3)
        labels = [str(c.label) for c in screen.query_one("#applications", DataTable).ordered_columns]
        assert labels[:1] == ["Company"] and "Status" in labels and "Latest stage" in labels
