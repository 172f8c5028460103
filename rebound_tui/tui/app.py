"""The rebound-tui App: modes, global keys, themes, loading the data and noticing other writers.

Screens never touch the store: they read the session's snapshot and report
(``app.session``, see :mod:`rebound_tui.tui.messages`) and post what the
person wants (``EditRecord``, ``DeleteRecord``, ...). The app's other half,
:class:`rebound_tui.tui.changes.ChangeDialogs`, handles each message: it opens
the dialog and hands the answer to the session, which saves it the moment the
person confirms (so a dropped SSH connection loses nothing already confirmed).
A timer notices saves made by other processes (a quick check-in from another
terminal) and redraws within a second.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

from rebound_tui.core.models import THEMES, CheckIn, Snapshot, now_local
from rebound_tui.storage.store import Store
from rebound_tui.tui import messages, warmup
from rebound_tui.tui.changes import WAITING_NO_TEXT, ChangeDialogs
from rebound_tui.tui.commands import ReboundCommands, ThemeCommands
from rebound_tui.tui.messages import DataUnreadable
from rebound_tui.tui.resources import STYLESHEETS, style
from rebound_tui.tui.screens.today import TodayScreen
from rebound_tui.tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from rebound_tui.tui.session import Session
from rebound_tui.tui.themes import THEMES as THEME_OBJECTS
from rebound_tui.tui.themes import VARIABLE_DEFAULTS, friendly
from rebound_tui.tui.widgets.palette import PALETTE_CLASSES

if TYPE_CHECKING:
    from rebound_tui.core.metrics import Report
    from rebound_tui.tui.screens.base import ModeScreen

# Only Today is imported up front: it is the first paint. The other screens and the
# dialogs (DataTable, Select, TextArea...) are imported the first time they are opened.


def _today() -> Screen[None]:
    # Styled too: skipping the first mode's CSS refresh saves two full parses before the
    # first paint. (That refresh used to hide a bug: the screen's text colour was worked
    # out before the App's styles existed; app.tcss now gives Screen its own colour.)
    return warmup.styled(TodayScreen())


def _build(mode: str) -> ModeScreen:
    """A new screen for one of the modes other than Today (imported on first use)."""
    if mode == "interviews":
        from rebound_tui.tui.screens.interviews import InterviewsScreen

        return InterviewsScreen()
    if mode == "resilience":
        from rebound_tui.tui.screens.resilience import ResilienceScreen

        return ResilienceScreen()
    if mode == "history":
        from rebound_tui.tui.screens.history import HistoryScreen

        return HistoryScreen()
    if mode == "review":
        from rebound_tui.tui.screens.review import ReviewScreen

        return ReviewScreen()
    from rebound_tui.tui.screens.tips_screen import TipsScreen

    return TipsScreen()


LATER_MODES = ("interviews", "resilience", "history", "tips", "review")
"""Modes built in idle time after the first paint, in this order (the weekly review last)."""
PREPARE_AFTER = 0.1
"""Seconds after the data is loaded before the other modes are built in idle time."""
PREPARE_STEP = 0.05
"""Seconds between two steps of that work (each takes 10-100 ms with ten years of data)."""
CATCH_UP_AFTER = 0.2
"""Seconds after a change before hidden screens start to redraw in idle time."""
CATCH_UP_STEP = 0.05
"""Seconds between two steps of catching up (each takes up to ~30 ms with ten years of data)."""


POLL_SECONDS = 1.0

GC_AT_THE_LATEST = 1.0
"""Seconds after start when garbage collection is back on even if Today was never drawn."""
TIDY_AFTER = 1.5
"""Seconds after the data last changed before memory is tidied (see _Base.tidy_memory)."""
FULL_TIDY_GROWTH = 1.5
"""A tidy-up looks at everything again once this many times more objects are parked (warmup.GcParking)."""


class _Base(ChangeDialogs, warmup.SafeApp):
    """What the full app and the quick check-in share: the session, themes, the check-in."""

    # What the first frame needs is parsed with the app's own CSS; the other screens' and
    # dialogs' sheets all at once after that frame (load_all_styles, see resources).
    CSS_PATH = [style("app.tcss"), style("dialogs.tcss")]
    TITLE = "rebound"
    # Styles many widgets share (mood colours, key bars...): worked out once, on the app (see palette).
    COMPONENT_CLASSES = set(PALETTE_CLASSES)

    data_version: reactive[int] = reactive(0, init=False)
    """The session's version: goes up each time its data is replaced; screens watch it and redraw."""

    def __init__(self, store: Store, *, clock: Callable[[], datetime] = now_local) -> None:
        super().__init__()
        self.session = Session(store, clock=clock, on_change=self._data_moved)
        self._ui_thread = threading.get_ident()
        self._loading = False
        self._tidy_timer: Timer | None = None
        self._gc_parking = warmup.GcParking(FULL_TIDY_GROWTH)
        warmup.end_gc_pause_unless_on()
        warmup.light_strips()
        for theme in THEME_OBJECTS:
            self.register_theme(theme)
        chosen = self.session.saved_theme() or "rebound"
        # Set before the first parse of the stylesheets, without the watcher: assigning
        # self.theme here would parse every stylesheet a second time before the first paint.
        self.set_reactive(App.theme, chosen)
        # The stylesheet was made with the default theme's variables; give it ours before
        # its first parse (Textual would otherwise fix this with a full CSS refresh).
        self.stylesheet.set_variables(self.get_css_variables())
        dark = self.current_theme.dark
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        self.set_class(True, f"-theme-{chosen}", update=False)

    @property
    def data_ready(self) -> bool:
        """True once every record has been read (the background load, or an earlier reload)."""
        return self.session.data_ready

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Our own theme variables ($card-border), for a theme that does not set them."""
        return dict(VARIABLE_DEFAULTS)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a toast on one line: the title (always our own words) leads the message.

        Toasts sit on the top line (styles/app.tcss), so a short one covers nothing
        being read; a title on a line of its own would take a second line.
        """
        if title:
            message = f"{title}: {message}"
        super().notify(message, severity=severity, timeout=timeout, markup=markup)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's palette entries, but not its "Theme" (ours are offered by friendly name) nor
        "Screenshot" (it would write this private record's screen into whatever folder it started in)."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Theme", "Screenshot"):
                yield command

    def search_themes(self) -> None:
        """Textual's theme search, showing only our three themes by their friendly names."""
        from textual.command import CommandPalette

        self.push_screen(CommandPalette(providers=[ThemeCommands], placeholder="Search for themes…"))

    def load_all_styles(self) -> None:
        """Parse every stylesheet not parsed yet, all at once, and restyle what is mounted.

        A screen opened before this (a key pressed during the first frame) loads its own
        sheet as it opens (its ``CSS_PATH``), as Textual does; one parse here spares each
        later screen its own full parse and restyle.
        """
        sheet = self.stylesheet
        missing = [path for path in map(style, STYLESHEETS) if not sheet.has_source(str(path), "")]
        if not missing:
            return
        for path in missing:
            sheet.read(path)
        sheet.reparse()
        sheet.update(self)

    def first_frame_shown(self) -> None:
        """After the first paint: collect garbage again (see launch.run_tui), load all the data."""
        self.load_all_styles()
        warmup.resume_gc()
        self.tidy_memory()  # what the start built stays: park it while the heap is small
        self.load_in_background()

    @on(messages.LoadRequested)
    def _load_requested(self) -> None:
        self.first_frame_shown()

    def load_in_background(self) -> None:
        """Build the snapshot and report in a thread, after the first paint (see TodayScreen)."""
        if self.data_ready or self._loading:
            return
        self._loading = True
        today = self.now().date()

        def work() -> None:
            try:
                snapshot, report = self.session.read_everything(today)
            except DataUnreadable as exc:
                self.call_from_thread(self.notify, str(exc), severity="error", timeout=20, markup=False)
                return
            self.call_from_thread(self._loaded, snapshot, report)

        warmup.share_one_malloc_arena()
        self.run_worker(work, thread=True, group="load", name="load data")

    def _loaded(self, snapshot: Snapshot, report: Report) -> None:
        if self.session.accept(snapshot, report):
            self.data_version = self.session.version
        self.set_timer(PREPARE_AFTER, self.prepare_ahead)

    def _tidy_memory_soon(self) -> None:
        if self._tidy_timer is not None:
            self._tidy_timer.stop()
        self._tidy_timer = self.set_timer(TIDY_AFTER, self.tidy_memory)

    def tidy_memory(self) -> None:
        """Collect garbage now, at a quiet moment, and park what is alive (see warmup.GcParking)."""
        self._tidy_timer = None
        self._gc_parking.tidy()

    def prepare_ahead(self) -> None:
        """Build other screens ahead of time (the full app does; the quick check-in does not)."""

    def _data_moved(self) -> None:
        """The session read fresh data (a reload, or after a save): every screen redraws.

        A save runs in a worker thread (it may wait for another rebound-tui's lock); the
        redraw is then handed to the app's own thread.
        """
        if threading.get_ident() != self._ui_thread:
            self.call_from_thread(self._data_moved)
            return
        self.data_version = self.session.version
        self._tidy_memory_soon()

    def reload(self) -> None:
        """Read the store again and tell every screen.

        If the file cannot be read (changed behind our back), say so and keep showing
        what was last read; nothing is written.
        """
        problem = self.session.reload()
        if problem is not None:
            self._cannot_read(problem)

    _theme_to_save: str | None = None
    """The theme picked last and not saved yet."""
    _saving_theme = False

    def watch_theme(self, theme: str) -> None:
        """Keep the picked theme for next time, saved in a worker thread (the lock may be busy).

        Quick presses of ctrl+t are saved one after the other, so the theme kept is the last one picked.
        """
        if theme not in THEMES:
            return
        self._theme_to_save = theme
        if not self._saving_theme:
            self._saving_theme = True
            self.run_worker(self._save_themes(), group="theme", name="save theme")

    async def _save_themes(self) -> None:
        try:
            while self._theme_to_save is not None:
                theme, self._theme_to_save = self._theme_to_save, None
                result = await self.save_in_thread(
                    partial(self.session.save_theme, theme), waiting_words=WAITING_NO_TEXT
                )
                self.show_result(result)
        finally:
            self._saving_theme = False

    def action_cycle_theme(self) -> None:
        """The next of our themes (ctrl+t), kept for next time."""
        index = THEMES.index(self.theme) if self.theme in THEMES else -1
        self.action_set_theme(THEMES[(index + 1) % len(THEMES)])

    def action_set_theme(self, name: str) -> None:
        """Use one of our themes (the palette's "Theme: High contrast"), kept for next time."""
        if name not in THEMES:
            return
        self.theme = name
        self.notify(f"Theme: {friendly(name)}", timeout=2)


class ReboundApp(_Base):
    """The full app: Today, Interviews, Resilience, History, Tips and Review."""

    CSS_PATH = [style("app.tcss"), style("today.tcss")]
    # The other modes are added in __init__: their screens may be built ahead (see prepare_ahead).
    MODES = {"today": _today}
    DEFAULT_MODE = "today"
    COMMANDS = App.COMMANDS | {ReboundCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "checkin", "Check in", id="app.checkin"),
        Binding("t", "switch_mode('today')", "Today", id="app.today"),
        Binding("i", "switch_mode('interviews')", "Interviews", id="app.interviews"),
        Binding("r", "switch_mode('resilience')", "Resilience", id="app.resilience"),
        Binding("h", "switch_mode('history')", "History", id="app.history"),
        Binding("p", "switch_mode('tips')", "Tips", id="app.tips"),
        Binding("w", "switch_mode('review')", "Review", id="app.review"),
        Binding("s", "settings", "Settings", id="app.settings"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+t", "cycle_theme", "Theme", show=False, id="app.theme"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, store: Store, *, clock: Callable[[], datetime] = now_local) -> None:
        super().__init__(store, clock=clock)
        self._built_ahead: dict[str, ModeScreen] = {}
        self._laid_out: set[str] = set()
        self._behind: list[ModeScreen] = []
        for mode in LATER_MODES:
            self.add_mode(mode, partial(self._mode_screen, mode))
        self.mode_names = ("today", *LATER_MODES)

    @property
    def ready_modes(self) -> frozenset[str]:
        """The modes whose screens were built, laid out and rendered ahead of their first visit."""
        return frozenset(self._laid_out)

    def built_ahead(self, mode: str) -> ModeScreen | None:
        """The screen built ahead for ``mode``, until its first visit takes it (None otherwise)."""
        return self._built_ahead.get(mode)

    def _mode_screen(self, mode: str) -> Screen[None]:
        """The screen for a mode: the one built ahead in idle time, or a new one."""
        ready = self._built_ahead.pop(mode, None)
        return ready if ready is not None else warmup.styled(_build(mode))

    def prepare_ahead(self) -> None:
        """Get one not-yet-visited mode's screen ready while the user reads Today.

        Two short idle steps per mode, so a key press never waits long: build and mount
        the screen (drawing its data), then lay it out and render it at the terminal's
        size (ModeScreen.lay_out_hidden). The first visit to a mode then costs about what
        a return visit does (measured with ten years of data, until the frame is drawn:
        15-38 ms, against 96-201 ms for a screen built on the spot). Built screens are
        installed, so Textual closes them on exit. Both steps are speed-ups of
        :mod:`warmup`: with them off (or if one fails) modes are built on their first visit.
        """
        if not self.is_running or self.return_code is not None:
            return
        for mode in LATER_MODES:
            screen = self._built_ahead.get(mode)
            if self._mode_started(mode) or mode in self._laid_out:
                continue
            if not warmup.enabled():
                return
            if screen is None:
                screen = warmup.styled(_build(mode))
                name = f"built-ahead-{mode}"
                self.install_screen(screen, name)
                if not warmup.mount_hidden(self, screen):
                    self.uninstall_screen(name)
                    return
                self._built_ahead[mode] = screen
            elif screen.is_mounted:
                if not screen.lay_out_hidden():
                    return
                self._laid_out.add(mode)
            # else: still mounting; look again at the next step
            self.set_timer(PREPARE_STEP, self.prepare_ahead)
            return
        if not self._behind:
            self.tidy_memory()  # every mode is ready: a quiet moment

    def catch_up_later(self, screen: ModeScreen) -> None:
        """Have a hidden screen whose data changed redrawn in an idle moment (see ModeScreen)."""
        if screen not in self._behind:
            self._behind.append(screen)
        if len(self._behind) == 1:
            self.set_timer(CATCH_UP_AFTER, self._catch_up)

    def _catch_up(self) -> None:
        """One step of catching up per idle moment, so the first look at a screen after a save is quick."""
        if self.return_code is not None:
            return
        while self._behind:
            if self._behind[0].catch_up():  # did one step; there may be another
                break
            self._behind.pop(0)
        if self._behind and self.is_running:
            self.set_timer(CATCH_UP_STEP, self._catch_up)

    async def action_switch_mode(self, mode: str) -> None:
        """Switch modes; a mode whose screen is ready shows at once (see warmup.switch_mode_at_once)."""
        if mode != self.current_mode and (self._mode_started(mode) or mode in self._laid_out):
            warmup.switch_mode_at_once(self, mode)
        else:
            self.switch_mode(mode)

    def still_mounting(self) -> bool:
        """Whether a screen being built ahead is halfway through its mount (the shutdown waits for it)."""
        return any(
            not widget.is_mounted
            for screen in self._built_ahead.values()
            for widget in screen.walk_children(Widget, with_self=True)
        )

    def _mode_started(self, mode: str) -> bool:
        if mode == self.current_mode:
            return True
        try:
            return bool(self.get_screen_stack(mode))
        except KeyError:  # not started yet
            return False

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self._poll_store)
        self.set_timer(GC_AT_THE_LATEST, warmup.resume_gc)
        self._check_size(self.size.width, self.size.height)

    def _poll_store(self) -> None:
        if self.session.changed_elsewhere():
            self.reload()

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif not small and showing:
            self.pop_screen()

    def action_checkin(self) -> None:
        self.open_checkin()

    def action_settings(self) -> None:
        """Settings and pauses, in a dialog (its module is imported the first time it opens)."""
        self.open_settings()

    def action_help(self) -> None:
        """Every key of the app, grouped: everywhere, on this screen, in forms (not Textual's own)."""
        from rebound_tui.tui.dialogs.help import HelpDialog, key_rows

        self.push_screen(HelpDialog(key_rows(self, self.screen)))


class QuickCheckinApp(_Base):
    """Only the check-in: for a tmux popup or a shell keybinding. Exits after saving or cancelling.

    What happened is left in ``result_message`` for the command line to print.
    """

    result_message = ""

    def get_default_screen(self) -> Screen[Any]:
        return Screen()

    def on_mount(self) -> None:
        self.open_checkin(self._done)
        self.call_after_refresh(warmup.resume_gc)

    def notify(self, message: str, **kwargs: Any) -> None:  # type: ignore[override]
        # The popup closes at once: keep the message for the terminal instead of a toast.
        self.result_message = message
        if kwargs.get("severity") == "error":
            self.exit(return_code=2)

    def _done(self, record: CheckIn | None) -> None:
        if record is None:
            if not self.return_code:
                self.result_message = self.result_message or "No check-in saved. See you later."
                self.exit()
        elif record.mood > 2:
            self.exit()

    def _after_care(self, record: CheckIn) -> None:
        super()._after_care(record)  # kept in result_message, printed once the popup closes
        self.exit()


def make_app(
    data_dir: Path,
    *,
    clock: Callable[[], datetime] = now_local,
    checkin_only: bool = False,
    store: Store | None = None,
) -> _Base:
    """The one factory for the CLI and the tests (``store`` reuses one already opened)."""
    store = store or Store(data_dir, clock=clock)
    if checkin_only:
        return QuickCheckinApp(store, clock=clock)
    return ReboundApp(store, clock=clock)
