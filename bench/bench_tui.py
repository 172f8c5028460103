"""TUI benchmarks: first paint against a bare Textual app, mode switches, the check-in, peak memory.

Usage: .venv/bin/python bench/bench_tui.py [-n RUNS] [--write]

- First paint: time from launch in a fresh tmux pane (80x24) until the Today
  screen shows its streak figures ("in all"), against bench/bare_app.py
  showing its text, alternating A B A B after one warm-up each (the method
  of shared/tools/ttfp.py), medians and their ratio. Target: ratio <= 1.25.
- Mode switches and opening the check-in, in-process (headless), with ten
  years of data loaded. Target: < 50 ms each.
- Peak memory (ru_maxrss) of each app, run headless until its first paint.
  Target: ours <= 1.5x the bare app's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Any

import results

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TMUX = ["tmux", "-L", f"bench-{os.getpid()}"]


def build_store(folder: Path) -> None:
    from rebound_tui.core.sample_data import generate
    from rebound_tui.storage.store import Store

    snap = generate()
    Store(folder).add_many([*snap.checkins, *snap.applications, *snap.rounds, *snap.rest_days])


def first_paint(marker: str, command: str, timeout: float = 20.0) -> float:
    name = "b" + uuid.uuid4().hex[:8]
    start = time.perf_counter()
    subprocess.run([*TMUX, "new-session", "-d", "-s", name, "-x", "80", "-y", "24", command], check=True)
    try:
        while time.perf_counter() - start < timeout:
            out = subprocess.run([*TMUX, "capture-pane", "-p", "-t", name], capture_output=True, text=True)
            if marker in out.stdout:
                return time.perf_counter() - start
            time.sleep(0.005)
        return float("nan")
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", name], capture_output=True)


def paint_ratio(data: Path, runs: int) -> dict[str, float]:
    env = "TEXTUAL_ANIMATIONS=none"
    ours = ("in all", f"{env} REBOUND_TUI_DATA_DIR={data} {BIN / 'rebound-tui'}")
    bare = ("bare app ready", f"{env} {BIN / 'python'} {ROOT / 'bench' / 'bare_app.py'}")
    subprocess.run([*TMUX, "new-session", "-d", "-s", "keep"], check=True)
    try:
        first_paint(*ours)
        first_paint(*bare)
        a, b = [], []
        for _ in range(runs):
            a.append(first_paint(*ours))
            b.append(first_paint(*bare))
    finally:
        subprocess.run([*TMUX, "kill-server"], capture_output=True)
    ma, mb = statistics.median(a), statistics.median(b)
    return {"ours_s": ma, "bare_s": mb, "ratio": ma / mb}


class Frames:
    """When the app hands each frame to the terminal (a hook on Textual's private ``App._display``)."""

    def __init__(self, app: Any) -> None:
        self.shown: list[tuple[float, object]] = []
        original = app._display

        def display(screen: object, renderable: object) -> None:
            self.shown.append((time.perf_counter(), screen))
            original(screen, renderable)

        app._display = display

    async def timed(self, app: Any, pilot: Any, start: Callable[[], Awaitable[object] | None]) -> float:
        """Seconds from ``start()`` until the screen it shows has been drawn and the app is idle."""
        self.shown.clear()
        t = time.perf_counter()
        started = start()
        if started is not None:
            await started
        await pilot.pause(0)
        idle = time.perf_counter()
        while True:
            drawn = next((when for when, screen in self.shown if screen is app.screen), None)
            if drawn is not None:
                return max(drawn, idle) - t
            await asyncio.sleep(0.001)


@asynccontextmanager
async def _loaded_app(data: Path, idle: float) -> AsyncIterator[tuple[Any, Any, Frames]]:
    """The app on ``data`` at 80x24, ``idle`` seconds after all its data has loaded."""
    from rebound_tui.tui.app import make_app

    app = make_app(data)
    frames = Frames(app)
    async with app.run_test(size=(80, 24)) as pilot:
        while not app.data_ready:  # type: ignore[attr-defined]
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        await pilot.pause(idle)
        yield app, pilot, frames


async def _switches(data: Path, idle: float) -> dict[str, float]:
    """Mode switches and the check-in, ``idle`` seconds after the data is loaded.

    Each is timed until the new screen has been drawn (handed to the terminal) and the
    app is idle again, not only until ``switch_mode`` returns.
    """
    timings: dict[str, list[float]] = {}
    async with _loaded_app(data, idle) as (app, pilot, frames):
        for _ in range(5):
            for mode in ("interviews", "resilience", "tips", "history", "today"):
                took = await frames.timed(app, pilot, partial(app.switch_mode, mode))
                timings.setdefault(f"switch to {mode}", []).append(took)
            took = await frames.timed(app, pilot, app.action_checkin)  # type: ignore[attr-defined]
            assert type(app.screen).__name__ == "CheckinDialog"
            timings.setdefault("open check-in", []).append(took)
            app.pop_screen()
            await pilot.pause()
    # The first switch to a mode builds its screen unless it was built in an idle moment.
    return {f"{k} (first)": v[0] * 1000 for k, v in timings.items()} | {
        f"{k} (again, median)": statistics.median(v[1:]) * 1000 for k, v in timings.items()
    }


async def _after_save(data: Path, rounds: int = 3) -> dict[str, float]:
    """The first switch to each mode about a second after a check-in was saved on Today.

    Every mode has been visited once; each save makes the hidden ones out of date.
    ``rounds`` saves per mode; the median and the slowest are kept. Works on a copy
    of ``data``, which it changes.
    """
    from rebound_tui.core.models import CheckIn

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data, copy)
        timings: dict[str, list[float]] = {}
        async with _loaded_app(copy, IDLE_SECONDS) as (app, pilot, frames):
            for mode in ("interviews", "resilience", "tips", "history", "today"):
                await app.switch_mode(mode)
                await pilot.pause()
            for _ in range(rounds):
                for mode in ("interviews", "resilience", "tips", "history"):
                    record = CheckIn.new(4, timestamp=app.now())  # type: ignore[attr-defined]
                    app.session.add_checkin(record)  # type: ignore[attr-defined]
                    await pilot.pause(AFTER_SAVE_SECONDS)
                    took = await frames.timed(app, pilot, partial(app.switch_mode, mode))
                    timings.setdefault(f"switch to {mode} after a save", []).append(took)
                    await app.switch_mode("today")
                    await pilot.pause()
        return {f"{k} (median)": statistics.median(v) * 1000 for k, v in timings.items()} | {
            f"{k} (slowest)": max(v) * 1000 for k, v in timings.items()
        }


AFTER_SAVE_SECONDS = 1.0
"""How long after a save the user switches, for the after-a-save figures."""

IDLE_SECONDS = 2.0
"""How long the user is taken to look at Today before switching, for the second column."""

MEMORY_PROBE = """
import resource, sys, os
from textual.app import App
async def auto(pilot):
    await pilot.pause()
    while not getattr(pilot.app, "data_ready", True):
        await pilot.pause(0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.exit()
if sys.argv[1] == "bare":
    sys.path.insert(0, sys.argv[2])
    from bare_app import Bare
    app = Bare()
else:
    from pathlib import Path
    from rebound_tui.tui.app import make_app
    app = make_app(Path(sys.argv[2]))
app.run(headless=True, auto_pilot=auto, size=(80, 24))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def memory(data: Path) -> dict[str, float]:
    def peak(*args: str) -> int:
        out = subprocess.run([str(BIN / "python"), "-c", MEMORY_PROBE, *args], capture_output=True, text=True)
        return int(out.stdout.strip().splitlines()[-1])

    ours = statistics.median(peak("ours", str(data)) for _ in range(3))
    bare = statistics.median(peak("bare", str(ROOT / "bench")) for _ in range(3))
    return {"ours_mib": ours / 1024, "bare_mib": bare / 1024, "ratio": ours / bare}


def status(
    paint: dict[str, float], idle: dict[str, float], saved: dict[str, float], mem: dict[str, float]
) -> str:
    """One honest paragraph: which targets this run met and which it missed."""
    slow = sorted({k.split(" (")[0] for k, v in (idle | saved).items() if v >= 50 and "slowest" not in k})
    parts = [
        f"first paint {'met' if paint['ratio'] <= 1.25 else 'missed'} ({paint['ratio']:.2f}x, target 1.25x)",
        f"memory {'met' if mem['ratio'] <= 1.5 else 'missed'} ({mem['ratio']:.2f}x)",
        "switches and the check-in after the idle build and after a save "
        + ("missed: " + ", ".join(slow) if slow else "met (< 50 ms)"),
    ]
    return "Status of this run: " + "; ".join(parts) + "."


def write_results(text: str) -> None:
    results.write_section("## TUI", text)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=11)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is needed for the first-paint figure", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        # Linux carries a parent's peak RSS into its children, so this process stays small until
        # the memory figures are taken: the store is built in a child, the in-process part runs last.
        code = f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import bench_tui as b; "
        code += f"from pathlib import Path; b.build_store(Path({str(data)!r}))"
        subprocess.run([str(BIN / "python"), "-c", code], check=True)
        mem = memory(data)
        paint = paint_ratio(data, args.n)
        switches = asyncio.run(_switches(data, 0.0))
        settled = asyncio.run(_switches(data, IDLE_SECONDS))
        saved = asyncio.run(_after_save(data))
    result = {
        "first_paint": paint,
        "switches_ms": switches,
        "after_idle_ms": settled,
        "after_save_ms": saved,
        "memory": mem,
    }
    print(json.dumps(result, indent=2))
    if args.write:
        rows = "\n".join(f"| {k} | {v:.1f} ms | {settled[k]:.1f} ms |" for k, v in switches.items())
        saved_rows = "\n".join(f"| {k} | {v:.1f} ms |" for k, v in saved.items())
        write_results(
            f"""
## TUI

Ten years of data (3,650 check-ins, 600 rounds); `bench/bench_tui.py -n {args.n}`, 2 cores, Python 3.11.

First paint in tmux at 80x24 (launch until the streak figures show; bare app: Header, Static, Footer),
alternating runs, medians:

| App | First paint |
|---|---|
| rebound-tui, Today with streak figures | {paint["ours_s"]:.3f} s |
| bare Textual app | {paint["bare_s"]:.3f} s |
| ratio (target <= 1.25) | {paint["ratio"]:.2f} |

Mode switches and the check-in dialog, in-process with the data loaded, timed until the new
screen has been drawn (handed to the terminal) and the app is idle again (target < 50 ms).
First column: right after the data loads; second: after {IDLE_SECONDS:g} s on Today, when the
other screens have been built, laid out and rendered in idle moments:

| What | At once | After {IDLE_SECONDS:g} s idle |
|---|---|---|
{rows}

A save makes the hidden screens out of date; they redraw one at a time in idle moments. The
first switch to each, {AFTER_SAVE_SECONDS:g} s after a check-in saved on Today (three saves per mode):

| What | Time |
|---|---|
{saved_rows}

Peak memory (ru_maxrss, headless, until first paint and data loaded): rebound-tui {mem["ours_mib"]:.1f} MiB,
bare app {mem["bare_mib"]:.1f} MiB, ratio {mem["ratio"]:.2f} (target <= 1.5).

{status(paint, settled, saved, mem)}

Reproduce: `.venv/bin/python bench/bench_tui.py --write`
"""
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
