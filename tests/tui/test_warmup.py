"""The seam around Textual's internals (rebound_tui.tui.warmup): what it may touch, its switch, its safety."""

from __future__ import annotations

import ast
import gc
import inspect
import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import textual
from rich.console import Console
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from rebound_tui.storage.store import Store
from rebound_tui.tui import warmup
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.widgets.stat import StatBox

AppFactory = Callable[[], ReboundApp]

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "rebound_tui"
WARMUP = PACKAGE / "tui" / "warmup.py"

UNTESTED = f"Textual {textual.__version__} is not a version warmup was tested on; re-measure, then pin again"
on_tested_textual = pytest.mark.skipif(not warmup.is_tested_version(textual.__version__), reason=UNTESTED)


@pytest.fixture(autouse=True)
def _warmup_not_broken(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A test that makes a speed-up fail must not leave them off for the tests after it."""
    monkeypatch.setattr(warmup, "_broken", None)
    yield


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


# ----------------------------------------------------------------------------- the scan


def _textual_privates() -> tuple[set[str], dict[str, set[str]]]:
    """Every private name Textual defines, and per class (module.qualname) those it sets on ``self``."""
    every: set[str] = set()
    on_self: dict[str, set[str]] = {}
    root = Path(textual.__file__).parent
    for path in root.rglob("*.py"):
        module = "textual." + ".".join(path.relative_to(root).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            names = on_self.setdefault(f"{module}.{cls.name}", set())
            for node in ast.walk(cls):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _private(node.name):
                    every.add(node.name)
                elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and _private(node.id):
                    every.add(node.id)
                elif (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.value, ast.Name)
                    and node.value.id == "self"
                    and _private(node.attr)
                ):
                    every.add(node.attr)
                    names.add(node.attr)
    return every, on_self


def _textual_names_of(cls: type, on_self: dict[str, set[str]]) -> set[str]:
    """The private names a class inherits from its Textual bases (methods, class and instance attributes)."""
    names: set[str] = set()
    for base in cls.__mro__:
        if base.__module__.split(".")[0] != "textual":
            continue
        names.update(n for n in vars(base) if _private(n))
        names.update(on_self.get(f"{base.__module__}.{base.__qualname__}", ()))
    return names


def _own_names(trees: list[ast.Module]) -> set[str]:
    """Private names rebound_tui defines itself (functions, class or module names, attributes set on self)."""
    own: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                own.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                own.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                own.add(node.attr)
    return {n for n in own if _private(n)}


def textual_private_uses(source: str, namespace: dict[str, object], own: set[str]) -> list[str]:
    """Where ``source`` reaches into Textual's private API, one line per finding.

    ``namespace`` holds the module's classes (to see which subclass Textual); ``own`` the
    private names the package defines itself. Caught: importing a private Textual module or
    name; a Textual subclass defining or using (via self) a private name its Textual bases
    define; ``x._name`` on anything else when ``_name`` is private to Textual and not the
    package's own; ``getattr``/``setattr``/``hasattr``/``delattr`` with such a name.
    """
    every, on_self = _textual_privates_cached()
    tree = ast.parse(source)
    found: list[str] = []
    modules = {
        alias.asname or alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if not alias.name.startswith("textual")
    }

    def add(node: ast.AST, what: str) -> None:
        found.append(f"line {getattr(node, 'lineno', '?')}: {what}")

    in_textual_class: dict[int, set[str]] = {}  # id of a self-attribute node -> its class's Textual names
    for cls_node in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        cls = namespace.get(cls_node.name)
        if not isinstance(cls, type):
            continue
        inherited = _textual_names_of(cls, on_self)
        if not inherited:
            continue
        for item in cls_node.body:
            defined = (
                [item.name]
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                else [
                    t.id
                    for t in getattr(item, "targets", [getattr(item, "target", None)])
                    if isinstance(t, ast.Name)
                ]
            )
            for name in defined:
                if name in inherited:
                    add(item, f"{cls_node.name} overrides Textual's private {name}")
        for node in ast.walk(cls_node):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "self"
            ):
                in_textual_class[id(node)] = inherited

    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual"):
            if any(_private(part) for part in (node.module or "").split(".")):
                add(node, f"imports the private module {node.module}")
            for alias in node.names:
                if _private(alias.name):
                    add(node, f"imports the private name {alias.name} from {node.module}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "textual" and any(_private(p) for p in parts):
                    add(node, f"imports the private module {alias.name}")
        elif isinstance(node, ast.Attribute) and _private(node.attr):
            if id(node) in in_textual_class:
                if node.attr in in_textual_class[id(node)]:
                    add(node, f"uses Textual's private self.{node.attr}")
            elif isinstance(node.value, ast.Name) and node.value.id in modules:
                continue  # os._exit and the like: not Textual's
            elif node.attr in every and node.attr not in own:
                add(node, f"uses Textual's private .{node.attr}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and node.args[1].value in every
            and node.args[1].value not in own
        ):
            add(node, f"{node.func.id} of Textual's private {node.args[1].value}")
    return found


_CACHE: dict[str, tuple[set[str], dict[str, set[str]]]] = {}


def _textual_privates_cached() -> tuple[set[str], dict[str, set[str]]]:
    if "privates" not in _CACHE:
        _CACHE["privates"] = _textual_privates()
    return _CACHE["privates"]


def _package_modules() -> list[tuple[Path, str]]:
    return [
        (path, ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"))
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


class TestOnlyWarmupTouchesInternals:
    def test_no_textual_private_name_outside_warmup(self) -> None:
        """No module but tui/warmup.py imports, calls, sets or overrides a private Textual name."""
        import importlib

        modules = _package_modules()
        trees = [ast.parse(path.read_text(encoding="utf-8")) for path, _ in modules]
        own = _own_names([t for (path, _), t in zip(modules, trees, strict=True) if path != WARMUP])
        found: list[str] = []
        for path, name in modules:
            if path == WARMUP:
                continue
            namespace = vars(importlib.import_module(name))
            found += [
                f"{path.relative_to(ROOT)} {hit}"
                for hit in textual_private_uses(path.read_text(), namespace, own)
            ]
        assert found == []

    def test_the_scan_finds_each_kind_of_use(self) -> None:
        """The scan itself: each way of reaching into Textual is reported (so the test above can fail)."""
        source = """
import os
from textual._compositor import Compositor
from textual.app import _system_commands
import textual._context
from textual.app import App
from textual.screen import Screen

class Mine(Screen):
    def _refresh_layout(self): ...
    def go(self):
        self._compositor.render_update()
        self._own = 1

def touch(app, screen):
    screen._css_update_count = app._css_update_count
    getattr(app, "_screen_stacks", {})
    os._exit(0)
"""

        class Mine(Screen[None]):
            pass

        found = textual_private_uses(source, {"Mine": Mine}, own={"_own"})
        kinds = "\n".join(found)
        for expected in (
            "private module textual._compositor",
            "private name _system_commands",
            "private module textual._context",
            "Mine overrides Textual's private _refresh_layout",
            "private self._compositor",
            "private ._css_update_count",
            "getattr of Textual's private _screen_stacks",
        ):
            assert expected in kinds
        assert "_own" not in kinds and "_exit" not in kinds
        assert len(found) == 8  # _css_update_count twice


# ----------------------------------------------------------------------------- pinned internals


PINNED = {
    "App._register": "(self, parent: 'DOMNode', *widgets: 'Widget', before: 'int | None' = None, "
    "after: 'int | None' = None, cache: 'dict[tuple, RulesMap] | None' = None) -> 'list[Widget]'",
    "Screen._refresh_layout": "(self, size: 'Size | None' = None, scroll: 'bool' = False) -> 'None'",
    "Compositor.render_update": "(self, full: 'bool' = False, screen_stack: 'list[Screen] | None' = None, "
    "simplify: 'bool' = False) -> 'RenderableType | None'",
    "App._handle_exception": "(self, error: 'Exception') -> 'None'",
    "App._fatal_error": "(self) -> 'None'",
    "App._shutdown": "(self) -> 'None'",
    "App.exit": "(self, result: 'ReturnType | None' = None, return_code: 'int' = 0, "
    "message: 'RenderableType | None' = None) -> 'None'",
}


PRIVATE_CODE = [
    (Screen, "_refresh_layout"),
    (App, "_handle_exception"),
    (App, "_fatal_error"),
    (App, "_init_mode"),
]
"""Private methods whose code warmup relies on (read by name: the names are the point)."""


@on_tested_textual
class TestPinnedInternals:
    def test_private_signatures_warmup_calls(self) -> None:
        """The private methods warmup calls or overrides have the signatures it was written against."""
        from textual._compositor import Compositor

        owners = {"App": App, "Screen": Screen, "Compositor": Compositor}
        for dotted, expected in PINNED.items():
            owner, name = dotted.split(".")
            assert str(inspect.signature(getattr(owners[owner], name))) == expected, dotted

    def test_private_behaviour_warmup_relies_on(self) -> None:
        """What the calls mean: the CSS counters, the compositor, and where layout errors and crashes go."""
        from textual._compositor import Compositor

        # Reading Textual's private names is what this test is for.
        source = {name: inspect.getsource(getattr(owner, name)) for owner, name in PRIVATE_CODE}
        assert "_handle_exception(" in source["_refresh_layout"]
        assert "self._fatal_error()" in source["_handle_exception"]
        assert "show_locals=True" in source["_fatal_error"]  # why SafeApp overrides it
        assert inspect.iscoroutinefunction(App._shutdown)  # noqa: SLF001 - pinning the override's target
        switch = inspect.getsource(App.switch_mode) + source["_init_mode"]
        assert switch.count("screen._css_update_count != self._css_update_count") == 2
        assert "self.delay_update()" in inspect.getsource(App.switch_mode)  # switch_mode_at_once skips it
        assert isinstance(vars(App[None]())["_css_update_count"], int)
        screen = Screen[None]()
        assert isinstance(vars(screen)["_css_update_count"], int)
        assert isinstance(vars(screen)["_compositor"], Compositor)


# ----------------------------------------------------------------------------- the switch


class TestSwitch:
    def test_on_by_default_on_the_tested_version(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without the variable, on a tested Textual, the speed-ups run."""
        monkeypatch.delenv(warmup.ENV_VAR, raising=False)
        monkeypatch.setattr(warmup, "textual_version", lambda: "8.2.8")
        assert warmup.enabled() and warmup.why_off() is None

    @pytest.mark.parametrize("value", ["off", "OFF", " 0 ", "no", "false"])
    def test_off_by_environment(self, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
        """REBOUND_TUI_WARMUP=off (or 0, no, false) turns them off, and says so."""
        monkeypatch.setenv(warmup.ENV_VAR, value)
        assert not warmup.enabled()
        assert warmup.why_off() == "REBOUND_TUI_WARMUP is set to off"

    @pytest.mark.parametrize("version", ["8.3.0", "9.0.0", "8.1.9", "garbage"])
    def test_off_on_an_untested_textual(self, monkeypatch: pytest.MonkeyPatch, version: str) -> None:
        """Another Textual minor version (or one that cannot be read) turns them off, and says which."""
        monkeypatch.delenv(warmup.ENV_VAR, raising=False)
        monkeypatch.setattr(warmup, "textual_version", lambda: version)
        assert not warmup.enabled()
        assert f"Textual {version} is not a version they were tested on (8.2.x)" == warmup.why_off()

    def test_version_read_quickly_is_the_installed_one(self) -> None:
        """The dist-info shortcut reads the same version as importlib.metadata."""
        from importlib.metadata import version

        assert warmup.textual_version() == version("textual") == textual.__version__

    def test_speed_ups_do_nothing_when_off(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """With the switch off, styled() leaves a screen alone and the gc parking parks nothing."""
        monkeypatch.setenv(warmup.ENV_VAR, "off")
        app = App[None]()
        screen = Screen[None]()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(Screen, "app", app)  # styled() reads screen.app; no app is running here
            assert vars(warmup.styled(screen))["_css_update_count"] == -1
        gc.unfreeze()
        warmup.GcParking().tidy()
        assert gc.get_freeze_count() == 0

    async def test_a_failing_speed_up_turns_them_off_and_the_app_runs_on(self) -> None:
        """An error inside Textual's layout, which would end the app, only turns the speed-ups off."""

        class Broken(Widget):
            DEFAULT_CSS = "Broken { height: auto; }"

            def get_content_height(self, container: object, viewport: object, width: int) -> int:
                raise RuntimeError("layout changed")

        class Hidden(Screen[None]):
            def compose(self) -> ComposeResult:
                yield Broken()

        class Plain(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("shown")

        app = Plain()
        async with app.run_test(size=(80, 24)) as pilot:
            hidden = Hidden()
            app.install_screen(hidden, "hidden")
            assert warmup.mount_hidden(app, hidden)
            await pilot.pause()
            assert hidden.is_mounted
            assert not warmup.lay_out_hidden(hidden)
            await pilot.pause()
            assert app.is_running and app.return_code is None
            assert "laying out a hidden screen failed (RuntimeError)" in (warmup.why_off() or "")
            assert not warmup.enabled()
            assert "_handle_exception" not in vars(app)  # the hook is Textual's own again


# ----------------------------------------------------------------------------- the speed-ups in the app


needs_warmup = pytest.mark.skipif(not warmup.enabled(), reason=f"speed-ups off: {warmup.why_off()}")


class TestSpeedUps:
    @needs_warmup
    async def test_other_modes_are_ready_before_their_first_visit(
        self, app_factory: AppFactory, seeded: Store
    ) -> None:
        """While Today is shown, the other modes are built and laid out, and redrawn after a save."""
        from rebound_tui.tui.app import LATER_MODES
        from rebound_tui.tui.screens.resilience import ResilienceScreen

        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(60):
                if app.ready_modes == set(LATER_MODES):
                    break
                await pilot.pause(0.1)
            assert app.ready_modes == set(LATER_MODES)
            ready = app.built_ahead("resilience")
            assert isinstance(ready, ResilienceScreen)
            assert ready.query_one("#res-score", StatBox).size.width > 0  # laid out while hidden
            before = ready.query_one("#res-streak", StatBox).value
            await pilot.press("c", "4", "enter")  # data changes after the screen was built
            await pilot.pause()
            assert ready.stale
            for _ in range(30):  # hidden screens catch up in idle moments
                if not ready.stale:
                    break
                await pilot.pause(0.1)
            streak = ready.query_one("#res-streak", StatBox).value
            assert streak == f"{app.session.report.streak.current} days" != before
            await pilot.press("r")
            await pilot.pause()
            assert app.screen is ready

    @needs_warmup
    @pytest.mark.parametrize("how", ["exit", "teardown"])
    @pytest.mark.parametrize("ticks", range(8))
    async def test_ending_while_a_screen_is_built_ahead_is_clean(
        self, app_factory: AppFactory, seeded: Store, ticks: int, how: str
    ) -> None:
        """A quit or SIGTERM (exit) or Pilot's teardown while Interviews is being built ahead: no crash.

        Textual's Select failed when torn down halfway through its mount; ending now waits for it.
        """
        import asyncio

        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            while not app.data_ready:
                await pilot.pause(0.01)
            app.prepare_ahead()  # start building Interviews now
            for _ in range(ticks):
                await asyncio.sleep(0)
            if how == "exit":
                app.exit(None, 143)
                for _ in range(200):
                    if app.return_code is not None:
                        break
                    await asyncio.sleep(0.005)
        assert app.return_code == (143 if how == "exit" else None)

    @pytest.mark.parametrize("warm", [True, False])
    async def test_a_ready_mode_is_shown_without_the_transition_mask(
        self, app_factory: AppFactory, seeded: Store, monkeypatch: pytest.MonkeyPatch, warm: bool
    ) -> None:
        """A mode built ahead (or visited) shows without switch_mode's 50 ms hold; off, with it."""
        if not warm:
            monkeypatch.setenv(warmup.ENV_VAR, "off")
        elif not warmup.enabled():
            pytest.skip(f"speed-ups off: {warmup.why_off()}")
        held: list[float] = []
        original = App.delay_update

        def spy(self: App[None], delay: float = 0.05) -> None:
            held.append(delay)
            original(self, delay)

        monkeypatch.setattr(App, "delay_update", spy)
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            if warm:
                while app.ready_modes != {"interviews", "resilience", "history", "tips"}:
                    await pilot.pause(0.1)
            else:
                while not app.data_ready:
                    await pilot.pause(0.05)
            await pilot.press("r")
            await pilot.pause()
            assert type(app.screen).__name__ == "ResilienceScreen"
            first = len(held)
            await pilot.press("t")
            await pilot.pause()
            assert type(app.screen).__name__ == "TodayScreen"
        assert (first, len(held)) == ((0, 0) if warm else (1, 2))

    async def test_with_warmup_off_modes_are_built_on_their_first_visit(
        self, app_factory: AppFactory, seeded: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Off: nothing is built ahead; each mode is built when first shown and shows the same data."""
        from rebound_tui.tui.screens.resilience import ResilienceScreen

        monkeypatch.setenv(warmup.ENV_VAR, "off")
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            while not app.data_ready:
                await pilot.pause(0.05)
            await pilot.pause(1.0)
            assert app.built_ahead("interviews") is None and app.ready_modes == set()
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, ResilienceScreen)
            streak = app.screen.query_one("#res-streak", StatBox).value
            assert streak == f"{app.session.report.streak.current} days"

    @needs_warmup
    async def test_memory_is_tidied_once_the_data_settles(
        self, app_factory: AppFactory, seeded: Store
    ) -> None:
        """After the load (and after each change) garbage is collected once and the records parked."""
        from rebound_tui.tui.app import TIDY_AFTER

        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            while not app.data_ready:
                await pilot.pause(0.05)
            gc.unfreeze()
            assert gc.get_freeze_count() == 0
            await pilot.pause(TIDY_AFTER)
            for _ in range(100):  # after the modes are built ahead: later on a busy machine
                if gc.get_freeze_count() > len(app.session.snapshot.checkins):
                    break
                await pilot.pause(0.1)
            assert gc.get_freeze_count() > len(app.session.snapshot.checkins)

    @needs_warmup
    def test_tidying_never_keeps_garbage_parked(self) -> None:
        """Once the parked count has grown enough, a tidy-up frees parked objects that became garbage."""
        import weakref

        class Node:
            me: object = None

        parking = warmup.GcParking(growth=1.5)
        try:
            parking.tidy()  # the first tidy-up looks at everything
            cycle = Node()
            cycle.me = cycle
            gone = weakref.ref(cycle)
            parking.tidy()  # parks the cycle, alive now
            del cycle
            parking.tidy()  # a quick one: what is parked stays parked
            assert gone() is not None
            parking.parked_after_full = 1  # as if much more had been parked since the last full one
            parking.tidy()
            assert gone() is None
        finally:
            gc.unfreeze()

    async def test_garbage_collection_is_back_on_after_the_first_frame(self, app_factory: AppFactory) -> None:
        """launch.run_tui pauses the cycle collector for the start; the app turns it back on."""
        app = app_factory()
        gc.disable()
        try:
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause(0.3)
                assert gc.isenabled()
        finally:
            gc.enable()


# ----------------------------------------------------------------------------- safety


SECRET = "my private note about the Acme interview"


def _crash(app: App[None]) -> str:
    """Run ``app``, make one of its callbacks fail with a local holding private text, return the report."""
    report = io.StringIO()
    app.error_console = Console(file=report, width=120, color_system=None)

    def failing_callback() -> None:
        note = SECRET  # a local, as a form's handler holds one
        raise RuntimeError(f"could not save ({len(note)} characters)")

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            app.call_later(failing_callback)
            await pilot.pause()

    import asyncio

    with pytest.raises(RuntimeError, match="could not save"):
        asyncio.run(run())
    return report.getvalue()


class TestCrashReport:
    def test_crash_report_shows_no_local_variables(self, app_factory: AppFactory) -> None:
        """An unexpected error ends the app with a traceback, and no local variable's value in it."""
        shown = _crash(app_factory())
        assert "RuntimeError" in shown and "failing_callback" in shown  # still a useful report
        assert SECRET not in shown

    def test_textual_own_report_would_show_them(self) -> None:
        """Why the override exists: a plain Textual app prints the same local into the terminal."""

        class Plain(App[None]):
            pass

        assert SECRET in _crash(Plain())

    def test_the_override_is_never_switched_off(
        self, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With the speed-ups off the crash report still leaves local variables out."""
        monkeypatch.setenv(warmup.ENV_VAR, "off")
        assert SECRET not in _crash(app_factory())


# ----------------------------------------------------------------------------- the suite with warmup off


class TestSuiteWithWarmupOff:
    @pytest.mark.skipif(
        os.environ.get(warmup.ENV_VAR) == "off", reason="already the run with warmup off (no recursion)"
    )
    def test_pilot_flows_pass_with_warmup_off(self) -> None:
        """Every Pilot flow passes with REBOUND_TUI_WARMUP=off: the app behaves the same, only slower."""
        env = {**os.environ, warmup.ENV_VAR: "off"}
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", "-n", "0"]
        command += ["tests/tui/test_flows.py", "tests/tui/test_history.py"]
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
