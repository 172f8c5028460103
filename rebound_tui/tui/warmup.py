"""The one module that reaches into Textual's private API or tunes Python's garbage collector.

Two kinds of code live here, and nowhere else in the package (a test scans the source).

**Speed-ups** make the first paint and the first visit to each mode quick. Each one is
something Textual would do anyway, done earlier or skipped when it is not needed:

- :func:`styled` marks a new mode screen as up to date with the app's CSS. Textual
  re-parses every stylesheet when it first shows a mode whose screen has not seen the
  latest CSS refresh (twice per mode; about 200 ms with ten years of data), although a
  screen made just now gets its styles when it is mounted anyway.
- :func:`mount_hidden` mounts a mode's screen while another is shown, so its widgets
  are built and filled in idle time (Textual mounts a mode's screen only when shown).
- :func:`lay_out_hidden` lays out and renders such a screen at the terminal's size, and
  :func:`paint_now` has it painted at once when it is shown (Textual repaints a resumed
  screen at once only if its size changed; otherwise at a later timer tick).
- :func:`switch_mode_at_once` shows a mode whose screen is ready without the 50 ms that
  ``App.switch_mode`` holds every frame back "to mask a brief transition": a screen built,
  laid out and rendered ahead has none to mask (measured from outside: 67 -> ~17 ms to
  return to a screen, 88 -> ~38 ms for a first visit 2 s after start).
- :func:`end_gc_pause_unless_on`, :func:`resume_gc` and :class:`GcParking`: the cycle collector
  waits until the first frame is out, then runs at quiet moments only.

**Memory**: :func:`share_one_malloc_arena` has the app's threads (the data load, saves)
allocate from the C allocator's main arena. Each thread would otherwise get an arena of
its own, and what the ten-year load frees there stays with that thread (measured: about
1.4 MiB of peak memory). :func:`light_strips` has each rendered line make its small caches
when first used instead of seven empty ones up front (about 2 MiB after every mode).

They are on unless ``REBOUND_TUI_WARMUP=off`` (or ``0``, ``no``, ``false``) is set, or the
installed Textual is not a minor version they were tested on (:data:`TESTED_TEXTUAL`).
With them off the app behaves the same, only the first paint and first visits are slower.
A speed-up that fails turns all of them off for the rest of the run instead of ending the
app: Textual reports errors inside ``Screen._refresh_layout`` to ``App._handle_exception``,
which always exits, so the calls below run with that hook raising instead (:func:`_attempt`).

**Safety overrides** are never switched off: :class:`SafeApp`'s crash report never prints
local variables (Textual's own is built with ``show_locals=True``, which would print journal
text held in a local into the terminal and its scrollback).

This module imports Textual only for :class:`SafeApp`; the names it touches are pinned by
``tests/tui/test_warmup.py``, which skips with a reason on an untested Textual version.
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, partial
from time import monotonic
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.screen import Screen

ENV_VAR = "REBOUND_TUI_WARMUP"
"""Set to ``off`` to run without the speed-ups (the safety overrides stay)."""

OFF_WORDS = frozenset({"off", "0", "no", "false"})

TESTED_TEXTUAL = ((8, 2),)
"""Textual (major, minor) versions the speed-ups were measured and tested on."""

_broken: str | None = None
"""Why the speed-ups turned themselves off during this run (one failed), or None."""

ScreenT = TypeVar("ScreenT", bound="Screen[Any]")


@cache
def textual_version() -> str:
    """The installed Textual's version, read from its dist-info folder name.

    ``importlib.metadata`` would take about 15 ms before the first paint; listing the
    folder Textual was imported from takes well under one.
    """
    import textual

    site = os.path.dirname(os.path.dirname(textual.__file__))
    try:
        found = [n for n in os.listdir(site) if n.startswith("textual-") and n.endswith(".dist-info")]
    except OSError:
        found = []
    if len(found) == 1:
        return found[0][len("textual-") : -len(".dist-info")]
    from importlib.metadata import version

    return version("textual")


def is_tested_version(version: str) -> bool:
    """Whether ``version`` ("8.2.8") is a Textual minor version the speed-ups were tested on."""
    try:
        major, minor = (int(part) for part in version.split(".")[:2])
    except ValueError:
        return False
    return (major, minor) in TESTED_TEXTUAL


def why_off() -> str | None:
    """Why the speed-ups are off in this process, or None when they are on."""
    if os.environ.get(ENV_VAR, "").strip().lower() in OFF_WORDS:
        return f"{ENV_VAR} is set to off"
    version = textual_version()
    if not is_tested_version(version):
        tested = ", ".join(f"{major}.{minor}.x" for major, minor in TESTED_TEXTUAL)
        return f"Textual {version} is not a version they were tested on ({tested})"
    return _broken


def enabled() -> bool:
    """Whether the speed-ups run (see the module docstring)."""
    return why_off() is None


@contextmanager
def _errors_raised(app: App[Any]) -> Iterator[None]:
    """Inside the block, an error Textual would hand to ``App._handle_exception`` is raised instead.

    That hook always ends the app. The block runs synchronously, so nothing else sees the
    replacement; it is an instance attribute, removed on the way out.
    """

    def raise_it(error: Exception) -> None:
        raise error

    app._handle_exception = raise_it  # type: ignore[method-assign]
    try:
        yield
    finally:
        del app._handle_exception


def _attempt(app: App[Any], what: str, action: Callable[[], object]) -> bool:
    """Run one speed-up; True if it ran. A failure turns every speed-up off for this run."""
    global _broken
    if not enabled():
        return False
    try:
        with _errors_raised(app):
            action()
    except Exception as exc:  # Textual changed under us: run the plain way from now on
        _broken = f"{what} failed ({type(exc).__name__}); the app runs without speed-ups"
        app.log.warning(_broken)
        return False
    return True


# ----------------------------------------------------------------------------- speed-ups


def styled(screen: ScreenT) -> ScreenT:
    """Mark a mode screen made just now as up to date with the app's CSS (see the module docstring).

    Call it from inside the running app (or its constructor), before the screen is shown.
    """
    if enabled():
        screen._css_update_count = screen.app._css_update_count
    return screen


def mount_hidden(app: App[Any], screen: Screen[Any]) -> bool:
    """Mount an installed screen that is not shown, so it composes and fills in idle time.

    False if it was not mounted (speed-ups off, or Textual refused): the mode is then
    built on its first visit, as Textual does by itself.
    """
    return _attempt(app, "mounting a hidden screen", lambda: app._register(app, screen))


def lay_out_hidden(screen: Screen[Any]) -> bool:
    """Lay out and render a mounted screen that is not shown, so showing it is quick.

    Two layout passes: the first settles which containers need a scroll bar, the second
    fits their contents beside it (without it the shown screen did a second pass itself,
    20-50 ms). The render fills the widgets' line caches. False if it was not done.
    """

    def work() -> None:
        size = screen.app.size
        screen._refresh_layout(size)
        screen._refresh_layout(size)
        screen._compositor.render_update(full=True)

    return _attempt(screen.app, "laying out a hidden screen", work)


def paint_now(screen: Screen[Any]) -> None:
    """Lay out and paint a just-resumed screen at once (one laid out while hidden).

    Textual lays out and paints a resumed screen at once only if its size changed; one
    laid out while hidden otherwise waited for later timer ticks (~100 ms).
    """
    _attempt(screen.app, "painting a resumed screen", lambda: screen._refresh_layout(screen.app.size))


def switch_mode_at_once(app: App[Any], mode: str) -> None:
    """``app.switch_mode(mode)`` without its transition mask (with the speed-ups off: with it).

    Textual's ``switch_mode`` calls the public ``App.delay_update``, which holds all output for
    50 ms; during this one synchronous call an instance attribute makes that a no-op. Call it
    only for a mode whose screen is ready: one still being composed would show half-drawn.
    """
    if not enabled():
        app.switch_mode(mode)
        return

    def no_mask(delay: float = 0.05) -> None:
        """Nothing to mask: the screen shown next is complete."""

    app.delay_update = no_mask  # type: ignore[method-assign]
    try:
        app.switch_mode(mode)
    finally:
        del app.delay_update


M_ARENA_MAX = -8
"""glibc's mallopt parameter for the number of malloc arenas (malloc.h)."""


def share_one_malloc_arena() -> None:
    """Have threads started from now on share the C allocator's main arena (glibc only).

    Called after the first paint, before the first worker thread: loading ctypes costs
    about 2.5 ms. Elsewhere (musl, macOS) or with the speed-ups off, nothing happens.
    """
    if not enabled() or not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).mallopt(M_ARENA_MAX, 1)
    except (OSError, AttributeError):  # no C library to ask, or one without mallopt
        pass


STRIP_CACHES = (
    "_divide_cache",
    "_crop_cache",
    "_style_cache",
    "_filter_cache",
    "_line_length_cache",
    "_crop_extend_cache",
    "_offsets_cache",
)
"""The slots of Textual's ``Strip`` that each hold a small cache of results made from that strip."""

STRIP_PLAIN_SLOTS = ("_segments", "_cell_length", "_render_cache", "_link_ids", "_cell_count")
"""The other slots ``Strip.__init__`` fills (checked before anything is changed)."""


class _CacheOnFirstUse:
    """A ``Strip`` slot whose FIFOCache is made the first time the slot is read.

    Wraps the slot's own descriptor: a strip that already has its cache keeps it, and
    setting the slot (Textual never does, outside ``__init__``) sets it as before.
    """

    def __init__(self, slot: Any, maxsize: int, cache_type: type) -> None:
        self.slot = slot
        self.maxsize = maxsize
        self.cache_type = cache_type

    def __get__(self, strip: object, owner: type | None = None) -> Any:
        if strip is None:
            return self
        try:
            return self.slot.__get__(strip, owner)
        except AttributeError:  # not used yet: make it now
            cache = self.cache_type(self.maxsize)
            self.slot.__set__(strip, cache)
            return cache

    def __set__(self, strip: object, value: object) -> None:
        self.slot.__set__(strip, value)


_strips_light = False


def light_strips() -> bool:
    """Have each of Textual's strips (one line of a rendered widget) make its caches when first used.

    ``Strip.__init__`` makes seven small caches (crop, divide, style...) for every line it
    renders: about 900 bytes of empty caches per line, although in a run that visits every
    mode fewer than one in ten is ever used (measured: 15,800 caches, 1,100 with anything
    in them). Lines kept in the render caches of six screens made them about 2 MiB of the
    app's memory. Textual's own ``Content`` makes its cache on first use the same way.
    A strip behaves exactly as before. Done once per process, before the first paint;
    nothing is changed unless ``Strip`` is laid out as tested (True if the change is in place).
    """
    global _strips_light
    if _strips_light:
        return True
    if not enabled():
        return False
    from textual.strip import Strip

    try:
        probe = Strip([], 0)
        made = {name: getattr(probe, name) for name in STRIP_CACHES}
        slots = {name: vars(Strip)[name] for name in STRIP_CACHES}
        if set(Strip.__slots__) != {*STRIP_CACHES, *STRIP_PLAIN_SLOTS} or not all(
            len(cache) == 0 and isinstance(cache._maxsize, int) for cache in made.values()
        ):
            return False
    except (AttributeError, KeyError, TypeError):  # Strip changed under us: leave it alone
        return False

    def __init__(self: Strip, segments: Any, cell_length: int | None = None) -> None:
        self._segments = list(segments)
        self._cell_length = cell_length
        self._render_cache = None
        self._link_ids = None
        self._cell_count = None

    for name in STRIP_CACHES:
        setattr(Strip, name, _CacheOnFirstUse(slots[name], made[name]._maxsize, type(made[name])))
    __init__.__doc__ = Strip.__init__.__doc__
    Strip.__init__ = __init__  # type: ignore[method-assign]
    _strips_light = True
    return True


def end_gc_pause_unless_on() -> None:
    """With the speed-ups off, end the cycle collector's pause now, when the app is made.

    ``launch.run_tui`` turns the collector off before importing Textual (it cannot import this
    module first: that would import Textual). With the speed-ups on, the pause lasts until the
    first frame is out (:func:`resume_gc`): the start allocates much and frees little
    (measured: 15 ms of collections before the first paint).
    """
    if not enabled():
        gc.enable()


def resume_gc() -> None:
    """Turn the cycle collector back on (after the first frame, or at the latest a second after start)."""
    gc.enable()


class GcParking:
    """Collect garbage at quiet moments, then park what is alive out of the collector's way.

    A full collection walks every object: with ten years of records loaded it took
    45-70 ms at moments of its own choosing, so a key press could wait for it. After
    ``gc.freeze()`` the automatic collections walk only what is newer. Parked objects
    can still become garbage (an old snapshot, the rows of a redrawn table: Textual
    leaves cycles), so once the parked count has grown by ``growth`` since the last full
    tidy-up, everything is unparked and collected: nothing stays parked for long.
    """

    def __init__(self, growth: float = 1.5) -> None:
        self.growth = growth
        self.parked_after_full = -1
        """How many objects were parked after the last full tidy-up (-1: none yet)."""

    def tidy(self) -> None:
        """Collect now and park what is alive (nothing with the speed-ups off or the collector off)."""
        if not enabled() or not gc.isenabled():
            return
        full = gc.get_freeze_count() > self.parked_after_full * self.growth
        if full:
            gc.unfreeze()
        gc.collect()
        gc.freeze()
        if full:
            self.parked_after_full = gc.get_freeze_count()


# ----------------------------------------------------------------------------- safety


SHUTDOWN_WAITS_AT_MOST = 0.5
"""Seconds the shutdown waits for a screen that is still mounting (see SafeApp.still_mounting)."""


class SafeApp(App[None]):
    """An App that ends cleanly and whose crash report never shows local variables. Never switched off.

    Textual's ``App._fatal_error`` renders the traceback with ``show_locals=True``: a local
    holding a note, a reflection or a company name would be printed into the terminal and
    its scrollback. This one shows the same traceback without them, through the public
    ``App.panic``.

    Textual's shutdown tears down screens that are still mounting, and widgets (its own
    Select among them) then fail in ``on_mount`` looking for children already removed: a
    quit or SIGTERM while a screen was being built ahead ended in a crash report. So an
    exit waits (briefly, through the public ``exit``) until :meth:`still_mounting` is False,
    and so does a shutdown that does not go through ``exit`` (Pilot's, at the end of a test).
    """

    def still_mounting(self) -> bool:
        """Whether a screen is mounting now and ending should wait for it (subclasses say)."""
        return False

    _exit_deadline: float | None = None

    def exit(self, result: None = None, return_code: int = 0, message: RenderableType | None = None) -> None:
        """End the app, once no screen is halfway through its mount (a few ms; bounded)."""
        if self._exit_deadline is None:
            self._exit_deadline = monotonic() + SHUTDOWN_WAITS_AT_MOST
        if self.still_mounting() and monotonic() < self._exit_deadline:
            self.set_timer(0.005, partial(self.exit, result, return_code, message))
            return
        super().exit(result, return_code, message)

    async def _shutdown(self) -> None:
        deadline = monotonic() + SHUTDOWN_WAITS_AT_MOST
        while self.still_mounting() and monotonic() < deadline:
            await asyncio.sleep(0.005)
        await super()._shutdown()

    def _fatal_error(self) -> None:
        import rich  # only now: rich.traceback brings Pygments (about 2 MB) into the process
        from rich.traceback import Traceback

        self.bell()
        if sys.exc_info()[0] is None:  # Textual calls this from an except block; be safe anyway
            self.panic("rebound-tui stopped after an unexpected error.")
            return
        self.panic(Traceback(show_locals=False, width=None, suppress=[rich]))
