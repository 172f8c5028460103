"""Interviews: applications with their latest stage and status, their rounds, and the forms."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Label, Select

from rebound_tui.core.models import Application, AppStatus, Round, application_status
from rebound_tui.core.text import one_line
from rebound_tui.tui.messages import AddApplication, EditRecord, LogRound, Reflect
from rebound_tui.tui.screens.base import ModeScreen, key_at_cursor
from rebound_tui.tui.widgets.columns import Column, cut, fit_columns
from rebound_tui.tui.widgets.keybar import KeyBar

TABLE_MARGIN = 4
"""The screen's padding (1 each side) and the table's vertical scrollbar (2)."""

APPLICATION_COLUMNS = [
    Column("company", "Company", 0, least=12, shrinks=True),
    Column("role", "Role", 5, least=8, shrinks=True),
    Column("status", "Status", 1),
    Column("stage", "Latest stage", 2),
    Column("last", "Last", 3),
    Column("rounds", "Rounds", 4),
]
"""In the order shown; the priority says which stay when the screen is narrow (0 always)."""

ROUND_COLUMNS = [
    Column("when", "When", 0),
    Column("stage", "Stage", 1, least=9, shrinks=True),
    Column("outcome", "Outcome", 2),
    Column("follow", "Follow up", 3),
    Column("reflected", "Reflected", 4),
]


def fill_table(
    table: DataTable[Any], columns: list[Column], cells: dict[str, list[str]], keys: list[str], width: int
) -> None:
    """Refill ``table`` with columns fitted to ``width`` (recomputed each time, so they shrink too)."""
    widths = fit_columns(columns, cells, width)
    shown = [c for c in columns if c.key in widths]
    table.clear(columns=True)
    for column in shown:
        table.add_column(Text(column.label), width=widths[column.key], key=column.key)
    for index, key in enumerate(keys):
        row = [
            cut(cells[c.key][index], widths[c.key], "right" if c.key == "rounds" else "left") for c in shown
        ]
        table.add_row(*row, key=key)


def _short_day(day: date, today: date) -> str:
    """'17 Nov' this year, '17 Nov 2025' before: the column stays narrow."""
    return f"{day.day} {day:%b}" if day.year == today.year else f"{day.day} {day:%b %Y}"


class InterviewsScreen(ModeScreen):
    """Applications on top, the selected one's rounds below.

    | Key | Description |
    | :- | :- |
    | `a` | Add an application. |
    | `n` | Log a round for the selected application. |
    | `e` | Edit the selected round (or application). |
    | `f` | Reflect on the selected round. |
    | `/` | Filter by text. |
    """

    BINDINGS = [
        Binding("a", "add_application", "Add application", id="interviews.add_application"),
        Binding("n", "new_round", "New round", id="interviews.new_round"),
        Binding("e", "edit", "Edit", id="interviews.edit"),
        Binding("f", "reflect", "Reflect", id="interviews.reflect"),
        Binding("slash", "focus_filter", "Filter", id="interviews.filter"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="interviews"):
            with Horizontal(id="filters"):
                yield Input(placeholder="Filter by company or role (/)", id="filter-text")
                yield Select(
                    [("All", "all"), *((s.value.capitalize(), s.value) for s in AppStatus)],
                    value="all",
                    allow_blank=False,
                    id="filter-status",
                )
            yield DataTable(id="applications", cursor_type="row", zebra_stripes=True)
            yield Label("", id="rounds-title", classes="section-title")
            yield DataTable(id="rounds", cursor_type="row")
            yield Label("", id="interviews-empty", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#applications", DataTable).focus()

    def on_resize(self) -> None:
        if self._laid_out_for != self._table_width():
            self._redraw()  # the columns are fitted to the width

    _laid_out_for = 0
    """The width the columns were last fitted to."""

    def _table_width(self) -> int:
        """Cells' room in the tables: the screen less the padding and a scrollbar."""
        return max(20, (self.size.width or self.app.size.width) - TABLE_MARGIN)

    # ----------------------------------------------------------------- data

    _shown_filters: tuple[str, str] = ("", "all")
    """The filter text and status the table was last drawn with."""

    def _visible(self) -> list[tuple[Application, AppStatus, tuple[Round, ...]]]:
        snapshot = self.data.snapshot
        text, wanted = self._shown_filters = self._filters()
        rows = []
        by_app: dict[str, list[Round]] = {}
        for rnd in snapshot.rounds:
            by_app.setdefault(rnd.application_id, []).append(rnd)
        for app in snapshot.applications:
            rounds = tuple(by_app.get(app.id, ()))
            status = application_status(rounds)
            if wanted != "all" and status.value != wanted:
                continue
            if text and text not in app.company.casefold() and text not in app.role.casefold():
                continue
            rows.append((app, status, rounds))
        rows.sort(key=lambda row: max([row[0].created, *(r.when for r in row[2])]), reverse=True)
        return rows

    def refresh_data(self) -> None:
        table = self.query_one("#applications", DataTable)
        keep = self.selected_application_id()
        rows = self._visible()
        today = self.data.now().date()
        cells: dict[str, list[str]] = {c.key: [] for c in APPLICATION_COLUMNS}
        for app, status, rounds in rows:
            latest = rounds[-1] if rounds else None
            cells["company"].append(one_line(app.company))  # control characters shown, never sent
            cells["role"].append(one_line(app.role))
            cells["status"].append(status.value)
            cells["stage"].append(latest.stage.label if latest else "-")
            cells["last"].append(_short_day(latest.day if latest else app.created.date(), today))
            cells["rounds"].append(str(len(rounds)))
        self._laid_out_for = self._table_width()
        fill_table(table, APPLICATION_COLUMNS, cells, [app.id for app, _, _ in rows], self._laid_out_for)
        if keep and keep in {app.id for app, _, _ in rows}:
            table.move_cursor(row=table.get_row_index(keep))
        empty = self.query_one("#interviews-empty", Label)
        if not self.data.snapshot.applications:
            words = "No applications yet. Press a to add one; every round you log is practice that counts."
        elif not rows:
            words = "Nothing matches the filter."
        else:
            words = ""  # the keys are in the key bar
        empty.update(words)
        empty.display = bool(words)
        self._show_rounds()

    def selected_application_id(self) -> str | None:
        return key_at_cursor(self.query_one("#applications", DataTable))

    def selected_application(self) -> Application | None:
        app_id = self.selected_application_id()
        return self.data.snapshot.application(app_id) if app_id else None

    def selected_round(self) -> Round | None:
        key = key_at_cursor(self.query_one("#rounds", DataTable))
        if key is None:
            return None
        for rnd in self.data.snapshot.rounds:
            if rnd.id == key:
                return rnd
        return None

    def _show_rounds(self) -> None:
        app = self.selected_application()
        table = self.query_one("#rounds", DataTable)
        keep = key_at_cursor(table)
        title = self.query_one("#rounds-title", Label)
        if app is None:
            table.clear()
            title.update("Rounds")
            return
        rounds = self.data.snapshot.rounds_of(app.id)
        title.update(Text(f"Rounds at {one_line(app.company)} ({one_line(app.role)})", overflow="ellipsis"))
        cells: dict[str, list[str]] = {
            "when": [r.when.strftime("%Y-%m-%d %H:%M") for r in rounds],
            "stage": [r.stage.label for r in rounds],
            "outcome": [r.outcome.label for r in rounds],
            "follow": [r.follow_up.isoformat() if r.follow_up else "" for r in rounds],
            "reflected": ["yes" if r.has_reflection else "" for r in rounds],
        }
        fill_table(table, ROUND_COLUMNS, cells, [r.id for r in rounds], self._table_width())
        if keep in {r.id for r in rounds}:
            table.move_cursor(row=table.get_row_index(str(keep)))
        elif rounds:
            table.move_cursor(row=len(rounds) - 1)

    # ----------------------------------------------------------------- events

    @on(DataTable.RowHighlighted, "#applications")
    def _application_highlighted(self) -> None:
        self._show_rounds()

    def _filters(self) -> tuple[str, str]:
        text = self.query_one("#filter-text", Input).value.strip().casefold()
        return text, str(self.query_one("#filter-status", Select).value)

    @on(Input.Changed, "#filter-text")
    @on(Select.Changed, "#filter-status")
    def _filter_changed(self) -> None:
        # Both widgets also announce their first value on mount: nothing to redo then.
        if self._filters() != self._shown_filters:
            self.refresh_data()

    @on(Input.Submitted, "#filter-text")
    def _filter_done(self) -> None:
        self.query_one("#applications", DataTable).focus()

    def action_focus_filter(self) -> None:
        self.query_one("#filter-text", Input).focus()

    def action_add_application(self) -> None:
        self.post_message(AddApplication())

    def action_new_round(self) -> None:
        app = self.selected_application()
        if app is None:
            self.notify("Add an application first (a).", severity="warning")
            return
        self.post_message(LogRound(app))

    def action_edit(self) -> None:
        rounds = self.query_one("#rounds", DataTable)
        rnd = self.selected_round()
        app = self.selected_application()
        if rnd is not None and (rounds.has_focus or app is None):
            self.post_message(EditRecord(rnd))
        elif app is not None:
            self.post_message(EditRecord(app))

    def action_reflect(self) -> None:
        rnd = self.selected_round()
        if rnd is None:
            self.notify("Log a round first (n), then reflect on it.", severity="warning")
            return
        self.post_message(Reflect(rnd))
