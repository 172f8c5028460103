"""History: every check-in and interview round on one timeline, to read back, search, correct or delete.

The filters (text, mood range, feeling or activity, dates) narrow the timeline
as you type. ``e`` opens the same form used to add the entry, ``d`` asks before
deleting (``y``/``n``, no Escape needed), and ``ctrl+z`` undoes the last edit or
delete made here while the app is open. Deleting leaves a tombstone in the
store, so merging an older copy from another machine does not bring it back;
undoing removes the tombstone again.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Input, Label, Static

from rebound_tui.core.models import ENERGY, MOODS, Application, CheckIn, Round, ValidationError
from rebound_tui.core.text import one_line, visible
from rebound_tui.core.timeline import HistoryFilter, moment, parse_range, timeline
from rebound_tui.core.wording import table_day
from rebound_tui.tui.messages import DataUnreadable, DeleteRecord, EditRecord, UndoRequested
from rebound_tui.tui.resources import style
from rebound_tui.tui.screens.base import ModeScreen, key_at_cursor, near_the_end
from rebound_tui.tui.widgets.choice import Choice
from rebound_tui.tui.widgets.columns import CELL_PADDING, Cell
from rebound_tui.tui.widgets.keybar import KeyBar
from rebound_tui.tui.widgets.table import SteadyTable

# --------------------------------------------------------------------------- the timeline

PAGE = 60
"""Rows drawn at a time; more come as the cursor nears the end."""

MOOD_OPTIONS: list[tuple[str, str]] = [
    ("Any mood", "any"),
    ("Mood 1-2", "low"),
    ("Mood 3", "okay"),
    ("Mood 4-5", "good"),
]


NARROW = 80
"""Below this many columns (60x20, say) the four filters take two rows, so each keeps room to type in."""

FIXED_COLUMNS = 10 + 5 + 7
"""Widths of the day, time and mood columns."""
FRAME = 2 + 2 + 2
"""Columns around the table: the screen's padding, the table's border, its vertical scrollbar."""
LEAST_TAGS = 14
"""The feelings column is never narrower than this (when it holds anything that long)."""


def tags_text(entry: CheckIn | Round) -> str:
    """What the feelings column holds for ``entry``: feelings; activities (a round: its stage)."""
    if isinstance(entry, Round):
        return entry.stage.label
    tags = ", ".join(entry.feelings)
    if entry.activities:
        tags += ("; " if tags else "") + ", ".join(entry.activities)
    return tags


def column_widths(width: int, tags_wanted: int) -> tuple[int, int]:
    """Widths of the feelings and note columns in a terminal ``width`` columns wide.

    The feelings get what their longest cell wants, up to half the room (never less
    than :data:`LEAST_TAGS`); the note gets everything else, so a wide terminal
    widens the note, and the table always ends at the right edge.
    """
    room = max(width, 40) - FRAME - FIXED_COLUMNS - 5 * CELL_PADDING
    tags = max(min(tags_wanted, room // 2), min(LEAST_TAGS, room // 2))
    return tags, max(room - tags, 10)


class Timeline(SteadyTable[Text]):
    """The timeline's table: Home and End go to the newest and the oldest entry.

    | Key | Description |
    | :- | :- |
    | `home` / `ctrl+home` | The newest entry. |
    | `end` / `ctrl+end` | The oldest entry (every page drawn first). |
    """

    BINDINGS = [
        Binding("home,ctrl+home", "screen.timeline_first", "Newest", show=False, id="history.first"),
        Binding("end,ctrl+end", "screen.timeline_last", "Oldest", show=False, id="history.last"),
    ]


# --------------------------------------------------------------------------- the screen


class HistoryScreen(ModeScreen):
    """Every check-in and round, newest first, with filters and a detail pane.

    | Key | Description |
    | :- | :- |
    | `/` | Search notes, tags, companies and reflections. |
    | `e` / `enter` | Edit the selected entry in the form used to add it. |
    | `d` | Delete the selected entry (asks: `y` yes, `n` no). |
    | `ctrl+z` | Undo the last edit or delete made here. |
    """

    CSS_PATH = style("history.tcss")

    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="history.search"),
        Binding("e", "edit", "Edit", id="history.edit"),
        Binding("d", "delete", "Delete", id="history.delete"),
        Binding("ctrl+z", "undo", "Undo", id="history.undo"),
    ]

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide")]
    """Below :data:`NARROW` columns the filters wrap to two rows (the class -narrow)."""

    def __init__(self) -> None:
        super().__init__()
        self._entries: dict[str, CheckIn | Round] = {}
        self._drawn_widths: tuple[int, int] | None = None
        self._matching: list[CheckIn | Round] = []
        self._applications: dict[str, Application] = {}
        self._shown = 0
        self._filter = HistoryFilter()
        self._problem: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="history"):
            with Grid(id="history-filters"):
                # Each box is named in its border; the grey italic placeholders start with
                # "e.g." so they never read as a filter already set (even without colour).
                yield self._labelled(Input(placeholder="e.g. walk (/)", id="history-search"), "Search")
                yield self._labelled(Choice(MOOD_OPTIONS, value="any", id="history-mood"), "Mood")
                yield self._labelled(Input(placeholder="e.g. hopeful", id="history-tag"), "Feeling or did")
                yield self._labelled(Input(placeholder="e.g. Nov 2026", id="history-dates"), "Dates")
            yield Timeline(id="timeline", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="history-detail", can_focus=False):
                yield Static("", id="history-entry")
            yield Label("", id="history-summary")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#timeline", DataTable)
        self.watch(table, "scroll_y", self._scrolled, init=False)
        table.focus()

    def on_resize(self, event: events.Resize) -> None:
        if self.is_mounted and self._widths() != self._drawn_widths:
            self.refresh_data()

    # ----------------------------------------------------------------- data

    def current_filter(self) -> tuple[HistoryFilter, str | None]:
        """The filter the inputs describe, and a one-line problem with the dates (if any)."""
        text = self.query_one("#history-search", Input).value
        mood = str(self.query_one("#history-mood", Choice).value)
        tags = (self.query_one("#history-tag", Input).value,)
        problem = None
        try:
            start, end = parse_range(self.query_one("#history-dates", Input).value, self.data.now().date())
        except ValidationError as exc:
            start = end = None
            problem = str(exc)
        return HistoryFilter(text=text, mood=mood, tags=tags, start=start, end=end), problem

    @staticmethod
    def _labelled(widget: Input | Choice, label: str) -> Input | Choice:
        widget.border_title = label
        return widget

    _tags_wanted = 0
    """The widest feelings cell of the entries matching (the column does not need more)."""

    def _widths(self) -> tuple[int, int]:
        """Widths of the tags and note columns, from the terminal's width and the entries matching."""
        return column_widths(self.size.width or self.app.size.width, self._tags_wanted)

    def refresh_data(self) -> None:
        table = self.query_one("#timeline", DataTable)
        keep_key, keep_row = self.selected_id(), table.cursor_row
        try:
            snapshot = self.data.snapshot
        except DataUnreadable as exc:  # a damaged file: say so here; the store never overwrites it
            self._forget_rows()
            table.clear()
            self._problem = str(exc)
            self._show_summary()
            self._show_detail()
            return
        self._forget_rows()
        table.clear(columns=True)
        self._filter, self._problem = self.current_filter()
        self._matching = timeline(snapshot, self._filter)
        self._entries = {entry.id: entry for entry in self._matching}
        self._applications = {a.id: a for a in snapshot.applications}
        self._tags_wanted = max((len(tags_text(e)) for e in self._matching), default=0)
        tags_width, note_width = self._drawn_widths = self._widths()
        table.add_column(Text("Day"), width=10, key="day")
        table.add_column(Text("Time"), width=5, key="time")
        table.add_column(Text("Mood"), width=7, key="mood")
        table.add_column(Text("Feelings, did"), width=tags_width, key="tags")
        table.add_column(Text("Note"), width=note_width, key="note")
        self._shown = 0
        target = keep_row
        if keep_key in self._entries:
            target = next(n for n, entry in enumerate(self._matching) if entry.id == keep_key)
        self._add_rows(max(PAGE, target + 1))
        if self._matching:
            table.move_cursor(row=min(target, len(self._matching) - 1), animate=False)
        self._show_summary()
        self._show_detail()

    def _forget_rows(self) -> None:
        """Nothing left to draw: clearing the table scrolls it to the top, which may ask for more rows
        (:meth:`_scrolled`) before the new columns exist."""
        self._matching, self._entries, self._shown = [], {}, 0

    def _add_rows(self, count: int) -> None:
        """Draw the next ``count`` entries: a DataTable row costs ~0.25 ms, so ten years come in pages."""
        table = self.query_one("#timeline", DataTable)
        today = self.data.now().date()
        tags_width, note_width = self._drawn_widths or self._widths()
        previous_day = self._matching[self._shown - 1].day if self._shown else None
        for entry in self._matching[self._shown : self._shown + count]:
            day = entry.day
            # Plain cells (Cell) where no style is needed: a DataTable keeps every row it was given.
            day_cell = Text(table_day(day, today), style="bold") if day != previous_day else Cell("")
            previous_day = day
            time_cell = Cell(f"{moment(entry):%H:%M}")
            tags = Cell(one_line(tags_text(entry), tags_width))
            cells: tuple[Cell | Text, Cell]
            if isinstance(entry, CheckIn):
                cells = (Cell(f"{entry.mood} {MOODS[entry.mood]}"), tags)
                note = entry.note
            else:
                application = self._applications.get(entry.application_id)
                company = application.company if application else "(application gone)"
                cells = (Text("round", style="italic"), tags)
                note = f"{company}: {entry.outcome.label}"
                reflection = entry.lesson or entry.went_well or entry.feedback
                if reflection:
                    note += f" - {reflection}"
            table.add_row(day_cell, time_cell, *cells, Cell(one_line(note, note_width)), key=entry.id)
        self._shown = min(len(self._matching), self._shown + count)

    def _show_summary(self) -> None:
        summary = self.query_one("#history-summary", Label)
        summary.set_class(self._problem is not None, "-problem")
        if self._problem is not None:
            summary.update(Content(self._problem))
            return
        entries, wanted = self._matching, self._filter
        checkins = [e for e in entries if isinstance(e, CheckIn)]
        rounds = len(entries) - len(checkins)
        parts = [f"{len(checkins):,} check-in{'s' * (len(checkins) != 1)}"]
        if checkins:
            parts[0] += f", mean mood {sum(c.mood for c in checkins) / len(checkins):.1f}"
        parts.append(f"{rounds:,} round{'s' * (rounds != 1)}")
        if wanted.start or wanted.end:
            parts.append(f"{wanted.start or 'the start'} to {wanted.end or 'today'}")
        if self._shown < len(entries):
            parts.append(f"newest {self._shown:,} shown")
        if not (self.data.snapshot.checkins or self.data.snapshot.rounds):
            parts = ["Nothing here yet: your check-ins (c) and interview rounds will gather here"]
        elif not entries:
            parts = ["Nothing matches these filters"]
        summary.update(Content(" · ".join(parts)))

    def _show_detail(self) -> None:
        entry = self.selected_entry()
        detail = self.query_one("#history-entry", Static)
        if entry is None:
            detail.update("")
            return
        lines: list[str]
        if isinstance(entry, CheckIn):
            head = f"{entry.timestamp:%a %d %b %Y, %H:%M} · {MOODS[entry.mood]} ({entry.mood}/5)"
            if entry.energy is not None:
                head += f" · energy {ENERGY[entry.energy]} ({entry.energy}/5)"
            lines = [head]
            tags = []
            if entry.feelings:
                tags.append("Felt " + ", ".join(entry.feelings))
            if entry.activities:
                tags.append("Did " + ", ".join(entry.activities))
            if tags:
                lines.append(one_line(" · ".join(tags)))
            if entry.note:
                lines.append(entry.note)
        else:
            application = self.data.snapshot.application(entry.application_id)
            where = f"{application.company} ({application.role})" if application else "an application"
            lines = [
                f"{entry.when:%a %d %b %Y, %H:%M} · {entry.stage.label.capitalize()} at {one_line(where)}"
                f" · {entry.outcome.label}"
            ]
            if entry.follow_up:
                lines.append(f"Follow up on {entry.follow_up:%a %d %b %Y}")
            lines += [f"{label}: {text}" for label, text in entry.written_notes()]
            if entry.factors:
                lines.append("Outside my control: " + ", ".join(f.label for f in entry.factors))
        detail.update(Content(visible("\n".join(lines))))  # escape sequences in notes are shown, not run

    def selected_id(self) -> str | None:
        return key_at_cursor(self.query_one("#timeline", DataTable))

    def selected_entry(self) -> CheckIn | Round | None:
        key = self.selected_id()
        return self._entries.get(key) if key else None

    # ----------------------------------------------------------------- events

    def _more(self) -> None:
        if self._shown < len(self._matching):
            self._add_rows(PAGE)
            self._show_summary()

    @on(DataTable.RowHighlighted, "#timeline")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if near_the_end(event.data_table, cursor_row=event.cursor_row, drawn=self._shown):
            self._more()
        self._show_detail()

    def _scrolled(self, scroll_y: float) -> None:
        """Scrolling with the mouse (or end) near the last drawn row draws the next page too."""
        if near_the_end(self.query_one("#timeline", DataTable)):
            self._more()

    @on(DataTable.RowSelected, "#timeline")
    def _selected(self) -> None:
        self.action_edit()

    @on(Input.Changed)
    @on(Choice.Changed, "#history-mood")
    def _filter_changed(self) -> None:
        self.refresh_data()

    @on(Input.Submitted)
    def _filter_done(self) -> None:
        self.query_one("#timeline", DataTable).focus()

    # ----------------------------------------------------------------- actions

    def action_timeline_first(self) -> None:
        """Home: the newest entry."""
        table = self.query_one("#timeline", DataTable)
        if self._matching:
            table.move_cursor(row=0, animate=False)

    def action_timeline_last(self) -> None:
        """End: the oldest entry; the pages not drawn yet are drawn first (about 0.25 ms a row)."""
        table = self.query_one("#timeline", DataTable)
        if self._shown < len(self._matching):
            self._add_rows(len(self._matching) - self._shown)
            self._show_summary()
        if self._matching:
            table.move_cursor(row=len(self._matching) - 1, animate=False)

    def action_focus_search(self) -> None:
        self.query_one("#history-search", Input).focus()

    def action_edit(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.notify("Nothing to edit here.", severity="warning")
        elif isinstance(entry, CheckIn):
            self.post_message(EditRecord(entry, undo_label=f"the check-in of {entry.timestamp:%a %d %b}"))
        else:
            application = self.data.snapshot.application(entry.application_id)
            where = f" at {application.company}" if application else ""
            self.post_message(EditRecord(entry, undo_label=f"the {entry.stage.label}{where}"))

    def action_delete(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.notify("Nothing to delete here.", severity="warning")
            return
        if isinstance(entry, CheckIn):
            label = f"the check-in of {entry.timestamp:%a %d %b %Y, %H:%M} ({MOODS[entry.mood]})"
        else:
            application = self.data.snapshot.application(entry.application_id)
            company = f" at {application.company}" if application else ""
            label = f"the {entry.stage.label} round{company} on {entry.when:%a %d %b %Y}"
        self.post_message(DeleteRecord(entry, label))

    def action_undo(self) -> None:
        self.post_message(UndoRequested())
