"""What every mode screen shares: a hook for fresh data, redrawn only while the screen is in view.

Screens read the session's data (:attr:`ModeScreen.data`) and post messages to
change anything (:mod:`rebound_tui.tui.messages`); they never import the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from textual.screen import Screen

from rebound_tui.tui import warmup
from rebound_tui.tui.messages import DataUnreadable, DataView

if TYPE_CHECKING:
    from textual.widgets import DataTable


class ScreenHost(Protocol):
    """What a mode screen may ask of the app that shows it (the app module is never imported)."""

    @property
    def session(self) -> DataView:
        """The data every screen reads."""
        ...

    def catch_up_later(self, screen: ModeScreen) -> None:
        """Have a hidden screen whose data changed redrawn in an idle moment."""
        ...


class ModeScreen(Screen[None]):
    """A screen that redraws itself from the app's data whenever it changes."""

    @property
    def rebound(self) -> ScreenHost:
        """The app, as far as a screen needs it."""
        return cast(ScreenHost, self.app)

    @property
    def data(self) -> DataView:
        """The session's snapshot, report and clock, handed down by the app."""
        return self.rebound.session

    def on_mount(self) -> None:
        # Textual calls every on_mount along the class hierarchy (subclass first), so
        # subclasses define their own without calling this one.
        self.watch(self.app, "data_version", self._data_changed, init=False)
        self._redraw()

    _stale = False
    """Data changed while another screen was shown; redraw when this one is shown again."""

    @property
    def stale(self) -> bool:
        """True while the data changed and this hidden screen has not redrawn yet."""
        return self._stale

    def _data_changed(self, _version: int) -> None:
        # Only the screen in view redraws at once: after a save, five screens redrawing
        # (tables of years of data) would keep the app busy for no one to see. The
        # others catch up one at a time in idle moments (or when shown, if sooner).
        if self.is_current:
            self._redraw()
        else:
            self._stale = True
            self.rebound.catch_up_later(self)

    def on_screen_resume(self) -> None:
        if self._stale:
            self._stale = False
            self._redraw()
        if self._paint_on_resume:
            # Textual lays out and paints a resumed screen at once only if its size
            # changed; one laid out while hidden waited for later timer ticks (~100 ms).
            self._paint_on_resume = False
            warmup.paint_now(self)

    _paint_on_resume = False

    def lay_out_hidden(self) -> bool:
        """Lay out and render this screen while another is shown, so its first showing is quick.

        A speed-up of :mod:`warmup` (see ``warmup.lay_out_hidden``); False when it was not done.
        """
        self._paint_on_resume = warmup.lay_out_hidden(self)
        return self._paint_on_resume

    _layout_pending = False
    """Redrawn while hidden; the layout follows at the next idle step."""

    def catch_up(self) -> bool:
        """One idle step for a hidden screen whose data changed; False when nothing is left to do.

        First the redraw; at the next step the layout, once the redrawn widgets have asked
        for it (a screen not in view does not lay itself out).
        """
        if self.is_current or not (self.is_mounted and self.is_attached):
            return False  # shown already (it redraws itself), not built yet, or closing with the app
        if self._stale:
            self._stale = False
            self._layout_pending = True
            self._redraw()
            return True
        if self._layout_pending:
            self._layout_pending = False
            self.lay_out_hidden()  # only a speed-up: not done with it off
            return True
        return False

    def _redraw(self) -> None:
        """Redraw from the data; a file that cannot be read is said in one line, never a crash."""
        app = self.app
        if app.return_code is not None or not app.is_running or not self.is_attached:
            return  # the app is closing: a screen built ahead may be torn down mid-mount
        try:
            self.refresh_data()
        except DataUnreadable as exc:
            self.notify(str(exc), title="Cannot read your data", severity="error", timeout=30, markup=False)

    def refresh_data(self) -> None:
        """Show the session's current snapshot and report; called on mount and after every change."""


NEAR_END = 10
"""Rows from the last one drawn at which a table drawn in pages (History, Interviews) draws the next."""


def near_the_end(table: DataTable[object], *, cursor_row: int | None = None, drawn: int = 0) -> bool:
    """Whether ``table`` should draw its next page: the cursor or the scroll is near the last row drawn."""
    if cursor_row is not None:
        return cursor_row >= drawn - NEAR_END
    return table.scroll_y >= table.max_scroll_y - NEAR_END


def key_at_cursor(table: DataTable[object]) -> str | None:
    """The row key under a table's cursor, or None for an empty table."""
    if table.row_count == 0:
        return None
    try:
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
    except Exception:  # the cursor can sit past the end while the table refills
        return None
    return str(key.value) if key.value else None
