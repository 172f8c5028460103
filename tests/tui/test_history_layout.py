"""History at 60x20, 80x24 and 200 columns (issue 14, item 7): filters that fit, clear placeholders,
columns that follow the width.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import DataTable, Input

from rebound_tui.core.models import CheckIn
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.screens.history import LEAST_TAGS, HistoryScreen, column_widths, tags_text
from rebound_tui.tui.widgets.choice import Choice
from tests.tui.conftest import NOW
from tests.tui.test_snapshots import settle

AppFactory = Callable[[], ReboundApp]
Compare = Callable[..., bool]
FILTERS = ("#history-search", "#history-mood", "#history-tag", "#history-dates")


async def _history(app: ReboundApp, pilot: object) -> HistoryScreen:
    await settle(pilot)
    await pilot.press("h")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


class TestColumnWidths:
    def test_the_note_gets_the_room(self) -> None:
        """At 200 columns the feelings take what their widest cell wants; the note takes the rest."""
        tags, note = column_widths(200, 48)
        assert tags == 48
        # 200 minus the frame (6), the fixed columns (22) and five cells' padding (10)
        assert note == 200 - 38 - 48

    def test_feelings_never_take_more_than_half(self) -> None:
        """A very long feelings cell gets half the room; the note keeps the other half."""
        assert column_widths(80, 300) == (21, 21)

    def test_short_feelings_leave_more_to_the_note(self) -> None:
        """Feelings that are all short (or none) still keep a readable column."""
        assert column_widths(120, 5) == (LEAST_TAGS, 120 - 38 - LEAST_TAGS)

    def test_tags_text(self) -> None:
        """Feelings, then what was done after a semicolon."""
        checkin = CheckIn.new(3, feelings=["hopeful", "tired"], activities=["applied"], now=NOW)
        assert tags_text(checkin) == "hopeful, tired; applied"


class TestFilters:
    @pytest.mark.parametrize("size", [(60, 20), (80, 24), (200, 40)])
    async def test_every_filter_is_usable(
        self, app_factory: AppFactory, seeded: Store, size: tuple[int, int]
    ) -> None:
        """Each filter lies inside the screen with room to type; below 80 columns they take two rows."""
        app = app_factory()
        async with app.run_test(size=size) as pilot:
            screen = await _history(app, pilot)
            regions = [screen.query_one(name).region for name in FILTERS]
            for region in regions:
                assert region.x >= 0 and region.right <= size[0], region
                assert region.width >= 16, region
            rows = {region.y for region in regions}
            assert len(rows) == (2 if size[0] < 80 else 1)
            search = screen.query_one("#history-search", Input).region
            assert search.width >= (26 if size[0] < 80 else 18)

    async def test_placeholders_are_examples_and_boxes_are_named(
        self, app_factory: AppFactory, seeded: Store
    ) -> None:
        """Placeholders start with "e.g." (never read as a filter set) and each box has a name."""
        app = app_factory()
        async with app.run_test(size=(60, 20)) as pilot:
            screen = await _history(app, pilot)
            for name in ("#history-search", "#history-tag", "#history-dates"):
                box = screen.query_one(name, Input)
                assert box.placeholder.startswith("e.g. ") and box.value == ""
            titles = [screen.query_one(name).border_title for name in FILTERS]
            assert titles == ["Search", "Mood", "Feeling or did", "Dates"]
            assert screen.query_one("#history-mood", Choice).value == "any"

    async def test_columns_follow_the_width(self, app_factory: AppFactory, seeded: Store) -> None:
        """Widening the terminal widens the note; the feelings column shows its longest cell whole."""
        snap = seeded.snapshot()
        longest = max(len(tags_text(c)) for c in snap.checkins)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _history(app, pilot)
            table = screen.query_one("#timeline", DataTable)
            narrow = {str(key.value): col.width for key, col in table.columns.items()}
            await pilot.resize_terminal(200, 40)
            await pilot.pause()
            wide = {str(key.value): col.width for key, col in table.columns.items()}
            assert wide["tags"] == longest > narrow["tags"]
            assert wide["note"] == 200 - 38 - longest
            # The table ends at the screen's right edge: nothing cut, no gap.
            assert table.region.right == 200 - 1


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_snapshot_no_color(
    snap_compare: Compare,
    app_factory: AppFactory,
    seeded: Store,
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without colour the placeholders read as examples (italic, "e.g."), not as filters set."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(app_factory(), terminal_size=size, run_before=settle, press=["h"])
