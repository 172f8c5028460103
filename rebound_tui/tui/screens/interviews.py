"""Interviews: applications with their latest stage and status, their rounds, the forms, and managing them.

Applications are listed by latest activity (core.applications). The selected one's
next step, note, link and contact are shown under the list, as text (never
markup). ``d`` deletes it with its rounds, ``x`` archives it (or brings it back),
``o`` marks it withdrawn and ``l`` shows the archived ones; ``ctrl+z`` takes back
the last deletion or archiving. Once a day at most, an open application with no
news for a while is offered, in a few kind lines above the list, to be marked
ghosted (``g``) or given a day to follow up (``u``); ``k`` leaves it be.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Label, Static

from rebound_tui.core.applications import (
    QuietApplication,
    by_latest_activity,
    latest_activity,
    next_step,
    quiet_offer_due,
)
from rebound_tui.core.models import Application, AppStatus, Round, Stage, application_status
from rebound_tui.core.text import one_line
from rebound_tui.tui.messages import (
    AddApplication,
    ArchiveApplication,
    DataUnreadable,
    DeleteApplication,
    EditRecord,
    LogRound,
    QuietAnswered,
    QuietOfferShown,
    Reflect,
    UndoRequested,
    WithdrawApplication,
)
from rebound_tui.tui.resources import style
from rebound_tui.tui.screens.base import ModeScreen, key_at_cursor, near_the_end
from rebound_tui.tui.widgets.choice import Choice
from rebound_tui.tui.widgets.columns import Column, cut, fit_columns
from rebound_tui.tui.widgets.keybar import KeyBar
from rebound_tui.tui.widgets.table import SteadyTable

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


APPLICATIONS_PAGE = 60
"""Applications drawn at a time; more come as the cursor or the scroll nears the last one drawn.

A DataTable keeps about 2.4 KB for each row it was given, for as long as it lives: ten
years' 371 applications held about 0.9 MiB of the app's memory, for a table 12 rows tall.
"""


class ApplicationTable(SteadyTable[Any]):
    """The applications' table: End goes to the last application (every page drawn first).

    | Key | Description |
    | :- | :- |
    | `end` / `ctrl+end` | The last application. |
    """

    BINDINGS = [
        Binding("end,ctrl+end", "screen.last_application", "Last", show=False, id="interviews.last"),
    ]


class TableRows:
    """The rows of a table, with columns fitted to a width from every row, drawn a page at a time."""

    def __init__(
        self, columns: list[Column], cells: dict[str, list[str]], keys: list[str], width: int
    ) -> None:
        self.widths = fit_columns(columns, cells, width)
        self.shown = [c for c in columns if c.key in self.widths]
        self.cells = cells
        self.keys = keys
        self.drawn = 0
        """How many of ``keys`` have their row in the table (the first ones)."""

    def start(self, table: DataTable[Any]) -> None:
        """Empty ``table`` and give it the fitted columns (recomputed each time, so they shrink too)."""
        table.clear(columns=True)
        for column in self.shown:
            table.add_column(Text(column.label), width=self.widths[column.key], key=column.key)
        self.drawn = 0

    def draw(self, table: DataTable[Any], count: int) -> None:
        """Add the next ``count`` rows (fewer at the end)."""
        end = min(len(self.keys), self.drawn + count)
        for index in range(self.drawn, end):
            row = [
                cut(self.cells[c.key][index], self.widths[c.key], "right" if c.key == "rounds" else "left")
                for c in self.shown
            ]
            table.add_row(*row, key=self.keys[index])
        self.drawn = end

    @property
    def more(self) -> bool:
        return self.drawn < len(self.keys)


def fill_table(
    table: DataTable[Any], columns: list[Column], cells: dict[str, list[str]], keys: list[str], width: int
) -> None:
    """Refill ``table`` with every row, columns fitted to ``width``."""
    rows = TableRows(columns, cells, keys, width)
    rows.start(table)
    rows.draw(table, len(keys))


ARCHIVED = "archived"
"""The status filter's value that shows the archived applications (and only them)."""


def latest_stage(rounds: tuple[Round, ...]) -> Stage | None:
    """The stage of the latest round past 'applied': a closing 'applied' round does not hide it."""
    later = [r for r in rounds if r.stage is not Stage.APPLIED]
    if later:
        return later[-1].stage
    return rounds[-1].stage if rounds else None


def detail_text(app: Application, rounds: tuple[Round, ...], now: datetime, width: int) -> Text:
    """The selected application's next step, contact, link and note, as plain text (never markup)."""
    parts: list[str] = []
    step = next_step(rounds, now)
    if step is not None:
        parts.append(f"Next: {step.words(now.date())}")
    if app.archived is not None:
        parts.append(f"Archived {app.archived:%d %b %Y}")
    for label, value in (("Contact", app.contact), ("Link", app.link), ("Note", app.note)):
        if value.strip():
            parts.append(f"{label}: {one_line(value, max(20, width // 2))}")
    return Text(" · ".join(parts), no_wrap=False, overflow="ellipsis")


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
    | `d` | Delete the selected application with its rounds (asks y/n). |
    | `x` | Archive the selected application, or bring an archived one back. |
    | `o` | Mark the selected application as withdrawn (asks y/n). |
    | `l` | Show the archived applications, or the others again. |
    | `ctrl+z` | Undo the last deletion or archiving. |
    | `g` / `u` / `k` | While a quiet application is offered: ghosted / follow up / leave it be. |
    """

    CSS_PATH = style("interviews.tcss")

    BINDINGS = [
        Binding("a", "add_application", "Add application", id="interviews.add_application"),
        Binding("n", "new_round", "New round", id="interviews.new_round"),
        Binding("e", "edit", "Edit", id="interviews.edit"),
        Binding("f", "reflect", "Reflect", id="interviews.reflect"),
        Binding("slash", "focus_filter", "Filter", id="interviews.filter"),
        Binding("d", "delete_application", "Delete", id="interviews.delete_application"),
        Binding("x", "archive", "Archive", id="interviews.archive"),
        Binding("o", "withdraw", "Withdrawn", id="interviews.withdraw"),
        Binding("l", "toggle_archived", "Archived", id="interviews.archived"),
        Binding("ctrl+z", "undo", "Undo", show=False, id="interviews.undo"),
        Binding("g", "quiet('ghosted')", "Ghosted", show=False, id="interviews.quiet_ghosted"),
        Binding("u", "quiet('follow_up')", "Follow up", show=False, id="interviews.quiet_follow_up"),
        Binding("k", "quiet('keep')", "Leave it be", show=False, id="interviews.quiet_keep"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="interviews"):
            with Horizontal(id="filters"):
                yield Input(placeholder="Filter by company or role (/)", id="filter-text")
                yield Choice(
                    [
                        ("All", "all"),
                        *((s.value.capitalize(), s.value) for s in AppStatus),
                        ("Archived", ARCHIVED),
                    ],
                    value="all",
                    id="filter-status",
                )
            yield Static("", id="quiet-offer")
            yield ApplicationTable(id="applications", cursor_type="row", zebra_stripes=True)
            yield Static("", id="app-detail", classes="hint")
            yield Label("", id="rounds-title", classes="section-title")
            yield SteadyTable(id="rounds", cursor_type="row")
            yield Label("", id="interviews-empty", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#applications", DataTable)
        table.focus()
        self.watch(table, "scroll_y", self._scrolled, init=False)
        self.query_one("#quiet-offer").display = False
        if self.is_current:
            self._offer_quiet()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self._offer_quiet()

    def on_screen_suspend(self) -> None:
        # The offer was made (and noted): leaving the screen lets it go.
        self._show_offer(None)

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
        for app in by_latest_activity(snapshot):
            if (app.archived is not None) != (wanted == ARCHIVED):
                continue
            rounds = tuple(sorted(by_app.get(app.id, ()), key=lambda r: (r.when, r.created)))
            status = application_status(rounds)
            if wanted not in ("all", ARCHIVED) and status.value != wanted:
                continue
            if text and text not in app.company.casefold() and text not in app.role.casefold():
                continue
            rows.append((app, status, rounds))
        return rows

    def refresh_data(self) -> None:
        table = self.query_one("#applications", DataTable)
        keep = self.selected_application_id()
        rows = self._visible()
        today = self.data.now().date()
        cells: dict[str, list[str]] = {c.key: [] for c in APPLICATION_COLUMNS}
        for app, status, rounds in rows:
            stage = latest_stage(rounds)
            cells["company"].append(one_line(app.company))  # control characters shown, never sent
            cells["role"].append(one_line(app.role))
            cells["status"].append(status.value)
            cells["stage"].append(stage.label if stage else "-")
            cells["last"].append(_short_day(latest_activity(app, rounds), today))
            cells["rounds"].append(str(len(rounds)))
        self._laid_out_for = self._table_width()
        keys = [app.id for app, _, _ in rows]
        drawn = self._drawn = TableRows(APPLICATION_COLUMNS, cells, keys, self._laid_out_for)
        drawn.start(table)
        target = keys.index(keep) if keep in keys else 0
        drawn.draw(table, max(APPLICATIONS_PAGE, target + 1))
        if keep in keys:
            table.move_cursor(row=target)
        empty = self.query_one("#interviews-empty", Label)
        if not self.data.snapshot.applications:
            words = "No applications yet. Press a to add one; every round you log is practice that counts."
        elif not rows and self._shown_filters[1] == ARCHIVED:
            words = "No archived applications. x on one puts it here; l goes back to the list."
        elif not rows and all(a.archived is not None for a in self.data.snapshot.applications):
            words = "Every application is archived. l shows them."
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
        detail = self.query_one("#app-detail", Static)
        if app is None:
            table.clear()
            title.update("Rounds")
            detail.display = False
            return
        rounds = self.data.snapshot.rounds_of(app.id)
        shown = detail_text(app, rounds, self.data.now(), self._table_width())
        detail.update(shown)
        detail.display = bool(shown.plain)
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

    _drawn: TableRows | None = None
    """The applications listed, drawn a page at a time (see APPLICATIONS_PAGE)."""

    def _draw_more(self) -> None:
        if self._drawn is not None and self._drawn.more:
            self._drawn.draw(self.query_one("#applications", DataTable), APPLICATIONS_PAGE)

    def action_last_application(self) -> None:
        """End: the last application listed; the pages not drawn yet are drawn first."""
        table = self.query_one("#applications", DataTable)
        if self._drawn is not None and self._drawn.more:
            self._drawn.draw(table, len(self._drawn.keys))
        if table.row_count:
            table.move_cursor(row=table.row_count - 1, animate=False)

    @on(DataTable.RowHighlighted, "#applications")
    def _application_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self._drawn is not None and near_the_end(
            event.data_table, cursor_row=event.cursor_row, drawn=self._drawn.drawn
        ):
            self._draw_more()
        self._show_rounds()

    def _scrolled(self, scroll_y: float) -> None:
        """Scrolling with the mouse (or end) near the last row drawn draws the next page too."""
        if near_the_end(self.query_one("#applications", DataTable)):
            self._draw_more()

    def _filters(self) -> tuple[str, str]:
        text = self.query_one("#filter-text", Input).value.strip().casefold()
        return text, str(self.query_one("#filter-status", Choice).value)

    @on(Input.Changed, "#filter-text")
    @on(Choice.Changed, "#filter-status")
    def _filter_changed(self) -> None:
        # The text box also announces its first value on mount: nothing to redo then.
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

    # ----------------------------------------------------------------- managing applications

    def _selected_or_say(self) -> Application | None:
        app = self.selected_application()
        if app is None:
            self.notify("Select an application first (or add one with a).", severity="warning")
        return app

    def action_delete_application(self) -> None:
        app = self._selected_or_say()
        if app is not None:
            self.post_message(DeleteApplication(app))

    def action_archive(self) -> None:
        app = self._selected_or_say()
        if app is not None:
            self.post_message(ArchiveApplication(app, archived=app.archived is None))

    def action_withdraw(self) -> None:
        app = self._selected_or_say()
        if app is not None:
            self.post_message(WithdrawApplication(app))

    def action_toggle_archived(self) -> None:
        status = self.query_one("#filter-status", Choice)
        status.value = "all" if status.value == ARCHIVED else ARCHIVED

    def action_undo(self) -> None:
        self.post_message(UndoRequested())

    # ----------------------------------------------------------------- the quiet offer

    _offer: QuietApplication | None = None
    """The quiet application offered now (noted as offered; shown until answered or the screen is left)."""

    def _offer_quiet(self) -> None:
        """Offer one quiet application, if one is due today (see core.applications.quiet_offer_due)."""
        if self._offer is not None:
            return
        try:
            due = quiet_offer_due(self.data.snapshot, self.data.now().date())
        except DataUnreadable:  # the screen says so where its table would be
            return
        if due is None:
            return
        self._show_offer(due)
        self.post_message(QuietOfferShown(due.application, self.data.now().date()))

    def _show_offer(self, offer: QuietApplication | None) -> None:
        self._offer = offer
        box = self.query_one("#quiet-offer", Static)
        if offer is None:
            box.display = False
            return
        text = Text(offer.offer_words())
        text.append("\n")
        for key, words in (("g", "mark as ghosted"), ("u", "set a follow-up day"), ("k", "leave it be")):
            text.append(f" {key} ", "reverse")
            text.append(f" {words}  ")
        box.update(text)
        box.display = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quiet":
            return self._offer is not None  # g, u and k mean something only while the offer is shown
        return super().check_action(action, parameters)

    def action_quiet(self, answer: str) -> None:
        offer = self._offer
        if offer is None:
            return
        self._show_offer(None)
        if answer != "keep":
            self.post_message(QuietAnswered(offer.application, answer))
