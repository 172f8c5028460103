"""Themes, the palette's theme entries, where toasts sit and the key bar's notation (issue 14, item 10)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.color import Color
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import DataTable

from rebound_tui.core.models import THEMES, Settings
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.themes import FRIENDLY
from rebound_tui.tui.themes import THEMES as THEME_OBJECTS
from rebound_tui.tui.widgets.keybar import KeyBar, key_text
from tests.tui.test_snapshots import settle

AppFactory = Callable[[], ReboundApp]
Compare = Callable[..., bool]


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((_luminance(Color.parse(a)), _luminance(Color.parse(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_of_known_colours() -> None:
    """The ratio is the WCAG one: black on white 21, a colour on itself 1."""
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#1c1c1c", "#1c1c1c") == pytest.approx(1)
    assert contrast("#1c1c1c", "#000000") < 1.3  # the old high-contrast card border: unseen


@pytest.mark.parametrize("theme", THEME_OBJECTS, ids=lambda t: t.name)
async def test_card_borders_are_visible_in_every_theme(
    theme: Any, app_factory: AppFactory, store: Store
) -> None:
    """The cards' border stands out at 3:1 or more from the background and the surface, in every theme."""
    store.save_settings(Settings(theme=theme.name))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == theme.name
        variables = app.get_css_variables()
        border = variables["card-border"]
        for ground in ("background", "surface"):
            assert contrast(border, variables[ground]) >= 3, (theme.name, ground)
        card = app.screen.query_one("StatBox")
        assert card.styles.border_top[1] == Color.parse(border)


def test_every_theme_has_a_friendly_name() -> None:
    """The settings' themes and the app's are the same three, each with a name for people."""
    assert tuple(t.name for t in THEME_OBJECTS) == THEMES
    assert set(FRIENDLY) == set(THEMES)
    assert FRIENDLY["rebound-contrast"] == "High contrast"


async def _palette_options(app: ReboundApp, pilot: Pilot[None], query: str) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    options: list[str] = []
    for _ in range(40):  # the palette searches in a worker
        await pilot.pause(0.05)
        command_list = app.screen.query_one("CommandList")
        count = command_list.option_count  # type: ignore[attr-defined]
        if count:
            options = [
                str(command_list.get_option_at_index(i).prompt)  # type: ignore[attr-defined]
                for i in range(count)
            ]
            break
    return options


class TestThemeChoices:
    async def test_palette_offers_our_three_themes_by_name(
        self, app_factory: AppFactory, store: Store
    ) -> None:
        """Typing "theme" lists ours by friendly name, no internal name, none of Textual's twenty."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            options = await _palette_options(app, pilot, "theme")
        titles = [option.split("\n")[0] for option in options]
        assert {"Theme: Calm dark", "Theme: Light", "Theme: High contrast", "Switch theme"} <= set(titles)
        assert "Theme" not in titles  # Textual's own entry, whose picks could not be kept
        text = " ".join(options)
        assert "rebound" not in text and "textual" not in text and "dracula" not in text

    async def test_the_palette_offers_no_screenshot(self, app_factory: AppFactory, store: Store) -> None:
        """Textual's "Screenshot" would write this private record's screen into the current folder:
        the palette does not offer it (its "Quit" and "Keys" stay)."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            shots = await _palette_options(app, pilot, "screenshot")
            await pilot.press("escape")
            await pilot.pause()
            quits = await _palette_options(app, pilot, "quit")
        assert not [option for option in shots if option.startswith("Screenshot")]
        assert any(option.startswith("Quit") for option in quits)

    async def test_a_palette_pick_is_kept_across_restarts(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """'Theme: High contrast' applies it, says so by its friendly name and is there next start."""
        app = app_factory()
        shown: list[str] = []
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            monkeypatch.setattr(app, "notify", lambda message, **_: shown.append(message))
            await _palette_options(app, pilot, "high contrast")
            await pilot.press("enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            assert app.theme == "rebound-contrast"
        assert shown == ["Theme: High contrast"]
        assert Store(store.data_dir).settings().theme == "rebound-contrast"
        again = app_factory()
        async with again.run_test(size=(80, 24)):
            assert again.theme == "rebound-contrast"

    async def test_textuals_theme_search_shows_only_ours(self, app_factory: AppFactory, store: Store) -> None:
        """Textual's own theme search (action change_theme) lists only our three, by friendly name."""
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.action_change_theme()
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)
            for _ in range(40):
                await pilot.pause(0.05)
                if app.screen.query_one("CommandList").option_count:  # type: ignore[attr-defined]
                    break
            command_list = app.screen.query_one("CommandList")
            prompts = [
                str(command_list.get_option_at_index(i).prompt).split("\n")[0]  # type: ignore[attr-defined]
                for i in range(command_list.option_count)  # type: ignore[attr-defined]
            ]
        assert sorted(prompts) == ["Theme: Calm dark", "Theme: High contrast", "Theme: Light"]

    async def test_ctrl_t_says_the_friendly_name(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """ctrl+t toasts "Theme: Light", never the internal name."""
        app = app_factory()
        shown: list[str] = []
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            monkeypatch.setattr(app, "notify", lambda message, **_: shown.append(message))
            await pilot.press("ctrl+t")
            await pilot.press("ctrl+t")
            await app.workers.wait_for_complete()
        assert shown == ["Theme: Light", "Theme: High contrast"]


class TestToasts:
    async def test_a_toast_covers_no_table_cell(self, app_factory: AppFactory, seeded: Store) -> None:
        """On Interviews a toast sits on the top line, clear of both tables, one line high."""
        app = app_factory()
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await settle(pilot)
            await pilot.press("i")
            await pilot.pause()
            app.notify("Saved: phone screen at Blue Heron Labs.", title="Saved")
            await pilot.pause()
            toast = app.screen.query_one("Toast")
            assert toast.region.y == 0 and toast.region.height == 1
            for table in app.screen.query(DataTable):
                assert not toast.region.overlaps(table.region), table.id

    async def test_a_toast_leaves_historys_detail_and_timeline_alone(
        self, app_factory: AppFactory, seeded: Store
    ) -> None:
        """On History even a two-line error toast stays above the timeline and its detail."""
        app = app_factory()
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await settle(pilot)
            await pilot.press("h")
            await pilot.pause()
            app.notify(
                "the data file could not be written: No space left on device"
                " (/home/someone/data/rebound.json)",
                title="Not saved",
                severity="error",
            )
            await pilot.pause()
            toast = app.screen.query_one("Toast")
            assert toast.region.y == 0 and toast.region.height == 2
            for selector in ("#timeline", "#history-detail"):
                assert not toast.region.overlaps(app.screen.query_one(selector).region), selector


def test_toast_snapshot(snap_compare: Compare, app_factory: AppFactory, seeded: Store) -> None:
    """Interviews at 80x24 with a toast: on the top line, over the filter box's edge only."""

    async def toast(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        pilot.app.notify("Saved: phone screen at Blue Heron Labs.", timeout=30)
        await pilot.pause()

    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=toast)


def test_key_text_uses_helps_notation() -> None:
    """Textual's ^z reads ctrl+z, as in Help; other keys stay as they are."""
    assert key_text("^z") == "ctrl+z"
    assert key_text("^p") == "ctrl+p"
    assert key_text("?") == "?"
    assert key_text("^") == "^"


async def test_the_key_bar_writes_ctrl_never_caret(app_factory: AppFactory, seeded: Store) -> None:
    """History's undo and the palette read ctrl+z and ctrl+p in the key bar, as everywhere else."""
    app = app_factory()
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await pilot.pause()
        bar = str(app.screen.query_one(KeyBar).render())
    assert "ctrl+z" in bar and "ctrl+p" in bar
    assert "^" not in bar
