"""TUI benchmarks, all measured from outside: real processes in tmux panes at 80x24, ten years of data.

Usage: .venv/bin/python bench/bench_tui.py [-n RUNS] [--visits RUNS] [--write]

Four programs run side by side, alternating (A B C D A B C D ...), so a busy machine
slows them alike:

- rebound-tui as shipped (the warm-up speed-ups of rebound_tui/tui/warmup.py on);
- rebound-tui with ``REBOUND_TUI_WARMUP=off``;
- bench/proto_switcher.py, the public-API route to ready modes (one screen, a
  ContentSwitcher of pages mounted in idle time), for the design comparison;
- bench/bare_app.py, a bare Textual app (Header, Static, Footer): the yardstick.

Figures (medians; "now" is frozen with REBOUND_TUI_NOW so the data always ends yesterday):

- First paint: launch until Today shows its streak figures ("in all"); bare app until
  its text shows. Target: rebound-tui at most 1.25x the bare app.
- First visit to each mode, in a fresh process: the key is sent either as soon as the
  first paint shows ("at once") or 2 s later, and timed until the mode's text is on the
  screen. Target: under 50 ms 2 s after start. In the same process, 2 s after start: the
  visit again after going back to Today, and the first visit 1 s after a check-in saved
  on Today. The screen is read every ~5 ms (tmux capture-pane); the floor of these figures
  is measured too: the bare app changing its text on a key (bench/bare_app.py, x).
- Peak memory: GNU time's "Maximum resident set size" of the process, started on the
  ten-year store, every mode visited (2 s after start), then quit. Target: at most 1.5x
  the bare app.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import results
from as_installed import UNSET, compile_package

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TMUX = ["tmux", "-L", f"bench-{os.getpid()}"]
NOW = "2026-11-28T10:30:00+01:00"
"""The day after sample_data's last check-in: the streak stands at 3,650 days."""
ENV = f"{UNSET} TEXTUAL_ANIMATIONS=none REBOUND_TUI_NOW={NOW}"
"""Every program starts from compiled bytecode, as after an install (see bench/as_installed.py)."""

PROGRAMS = {
    "on": ("in all", f"env {ENV} {BIN / 'rebound-tui'} --data-dir {{data}}"),
    "off": ("in all", f"env {ENV} REBOUND_TUI_WARMUP=off {BIN / 'rebound-tui'} --data-dir {{data}}"),
    "public": (
        "in all",
        f"env {ENV} {BIN / 'python'} {ROOT / 'bench' / 'proto_switcher.py'} --data-dir {{data}}",
    ),
    "bare": ("bare app ready", f"env {ENV} {BIN / 'python'} {ROOT / 'bench' / 'bare_app.py'}"),
}
LABELS = {
    "on": "rebound-tui (warm-up on, as shipped)",
    "off": "rebound-tui, REBOUND_TUI_WARMUP=off",
    "public": "public route: one screen, ContentSwitcher pages (prototype)",
    "bare": "bare Textual app",
}
APPS = ("on", "off", "public")
MODES = {  # key, text only that mode's screen shows
    "interviews": ("i", "Filter by company"),
    "resilience": ("r", "Days in all"),
    "history": ("h", "Feelings, did"),
    "tips": ("p", "Tip of the day"),
    "review": ("w", "How the days felt"),
}
TODAY = ("t", "Check-in streak")
IDLE_SECONDS = 2.0
AFTER_SAVE_SECONDS = 1.0

EXIT_WAIT_SECONDS = 5.0
"""The longest wait for a closed program to exit (run.py ends a stalled one after 3 s)."""

Visits = dict[str, dict[str, list[float]]]
"""Per program, per visit: milliseconds of every run."""


def build_store(folder: Path) -> None:
    from rebound_tui.core.sample_data import generate
    from rebound_tui.storage.store import Store

    snap = generate()
    Store(folder).add_many([*snap.checkins, *snap.applications, *snap.rounds, *snap.rest_days])


class Pane:
    """One program in a fresh tmux pane; wait for text, send keys."""

    def __init__(self, command: str) -> None:
        self.name = "b" + uuid.uuid4().hex[:8]
        self.started = time.perf_counter()
        subprocess.run(
            [*TMUX, "new-session", "-d", "-s", self.name, "-x", "80", "-y", "24", command], check=True
        )
        shown = subprocess.run(
            [*TMUX, "display-message", "-p", "-t", self.name, "#{pane_pid}"], capture_output=True, text=True
        ).stdout.strip()
        self.pid = int(shown) if shown.isdigit() else None

    def screen(self) -> str:
        return subprocess.run(
            [*TMUX, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        ).stdout

    def wait(self, marker: str, since: float | None = None, timeout: float = 20.0) -> float:
        """Seconds from ``since`` (the launch) until ``marker`` is on the screen (nan on time-out)."""
        start = self.started if since is None else since
        while time.perf_counter() - start < timeout:
            if marker in self.screen():
                return time.perf_counter() - start
            time.sleep(0.004)
        return float("nan")

    def keys(self, *keys: str) -> float:
        """Send keys; return the moment just before they were sent."""
        moment = time.perf_counter()
        subprocess.run([*TMUX, "send-keys", "-t", self.name, *keys], check=True)
        return moment

    def close(self) -> None:
        """End the program and wait until it has exited, so it takes no CPU from the next one.

        A TUI ended mid-start (its data still loading) can take a few hundred ms to exit; the
        programs alternate, so without the wait one would start while another was still busy.
        """
        subprocess.run([*TMUX, "kill-session", "-t", self.name], capture_output=True)
        deadline = time.perf_counter() + EXIT_WAIT_SECONDS
        while self.pid is not None and time.perf_counter() < deadline:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.01)


@contextmanager
def pane(command: str) -> Iterator[Pane]:
    p = Pane(command)
    try:
        yield p
    finally:
        p.close()


@contextmanager
def tmux_server() -> Iterator[None]:
    subprocess.run([*TMUX, "new-session", "-d", "-s", "keep", "sleep 100000"], check=True)
    try:
        yield
    finally:
        subprocess.run([*TMUX, "kill-server"], capture_output=True)


@contextmanager
def copy_of(data: Path) -> Iterator[Path]:
    """A fresh copy of the store for a run that saves, vouched for as after a save."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data, copy)
        # A copied file is not the one the last save vouched for (another inode): one save
        # of the same settings leaves the copy as a user's file is after any save.
        code = "import sys; from pathlib import Path; from rebound_tui.storage.store import Store; "
        code += "s = Store(Path(sys.argv[1])); s.save_settings(s.settings())"
        subprocess.run([str(BIN / "python"), "-c", code, str(copy)], check=True)
        yield copy


def first_paints(data: Path, runs: int) -> dict[str, list[float]]:
    """Launch-to-first-paint seconds of every program, alternating, after one warm-up each."""
    times: dict[str, list[float]] = {name: [] for name in PROGRAMS}
    for round_ in range(runs + 1):
        for name, (marker, command) in PROGRAMS.items():
            with pane(command.format(data=data)) as p:
                took = p.wait(marker)
            if round_:  # the first round warms the page cache and bytecode
                times[name].append(took)
    return times


def visits(data: Path, runs: int) -> Visits:
    """Milliseconds of first visits (at once, after 2 s), again, and after a save; per program."""
    out: Visits = {app: {} for app in APPS}

    def record(app: str, what: str, seconds: float) -> None:
        out[app].setdefault(what, []).append(seconds * 1000)

    for _ in range(runs):
        bare_marker, bare_command = PROGRAMS["bare"]
        with pane(bare_command) as p:  # the floor: a key that changes one line of a bare app
            p.wait(bare_marker)
            time.sleep(1.0)
            floor = p.wait("bare app pressed", since=p.keys("x"))
        for app in APPS:  # one figure, shown in every column
            record(app, "floor: a key changes a bare app's text", floor)
        for mode, (key, marker) in MODES.items():
            for app in APPS:
                first_marker, command = PROGRAMS[app]
                with pane(command.format(data=data)) as p:  # right after the first paint
                    p.wait(first_marker)
                    record(app, f"{mode}, at once", p.wait(marker, since=p.keys(key)))
                with copy_of(data) as copy, pane(command.format(data=copy)) as p:
                    p.wait(first_marker)
                    time.sleep(IDLE_SECONDS)
                    record(app, f"{mode}, 2 s after start", p.wait(marker, since=p.keys(key)))
                    record(app, "back to Today", p.wait(TODAY[1], since=p.keys(TODAY[0])))
                    record(app, f"{mode}, again", p.wait(marker, since=p.keys(key)))
                    p.keys(TODAY[0])
                    p.wait(TODAY[1])
                    p.keys("c")
                    p.wait("How are you feeling")
                    p.keys("4", "Enter")
                    p.wait("You checked in today")
                    time.sleep(AFTER_SAVE_SECONDS)
                    record(app, f"{mode}, 1 s after a save", p.wait(marker, since=p.keys(key)))
    return out


WITH_CHECKIN = "on, with a check-in"
"""The shipped app again, with a check-in saved on Today after every mode was visited."""


def peak_memory(data: Path, runs: int) -> dict[str, list[float]]:
    """MiB of GNU time's maximum resident set size: every mode visited, then quit.

    One unmeasured run first opens Interviews: on a fresh store it notes the one-time
    "no news for a while" offer (a save), which later runs would not meet. The shipped
    app is also measured with a check-in saved at the end, on a copy of the data, as
    after a day's real use.
    """
    on_marker, on_command = PROGRAMS["on"]
    with pane(on_command.format(data=data)) as p:
        p.wait(on_marker)
        time.sleep(IDLE_SECONDS)
        p.wait(MODES["interviews"][1], since=p.keys(MODES["interviews"][0]))
        time.sleep(1.0)
        p.keys("q")
        time.sleep(1.0)
    mib: dict[str, list[float]] = {name: [] for name in [*PROGRAMS, WITH_CHECKIN]}
    for _ in range(runs):
        for name, (marker, command) in [*PROGRAMS.items(), (WITH_CHECKIN, PROGRAMS["on"])]:
            with tempfile.TemporaryDirectory() as tmp, copy_of(data) as copy:
                report = Path(tmp) / "time.txt"
                with pane(f"/usr/bin/time -v -o {report} {command.format(data=copy)}") as p:
                    p.wait(marker)
                    if name != "bare":
                        time.sleep(IDLE_SECONDS)
                        for key, mode_marker in [*MODES.values(), TODAY]:
                            p.wait(mode_marker, since=p.keys(key))
                            time.sleep(0.3)
                    if name == WITH_CHECKIN:
                        p.keys("c")
                        p.wait("How are you feeling")
                        p.keys("4", "Enter")
                        p.wait("You checked in today")
                        time.sleep(AFTER_SAVE_SECONDS)
                    p.keys("q" if name != "bare" else "C-q")
                    for _ in range(400):
                        if report.exists() and "Maximum resident" in report.read_text():
                            break
                        time.sleep(0.025)
                found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report.read_text())
                assert found, report.read_text()
                mib[name].append(int(found.group(1)) / 1024)
    return mib


def median(values: list[float]) -> float:
    return statistics.median(values)


def paired_ratio(paint: dict[str, list[float]], name: str) -> float:
    """The median of each round's own ratio to the bare app: runs side by side, so drift cancels."""
    return median([a / b for a, b in zip(paint[name], paint["bare"], strict=True)])


COLUMNS = {"on": "warm-up on", "off": "warm-up off", "public": "public route"}


def table(data: Visits) -> str:
    whats = list(data["on"])
    rows = ["| Visit | " + " | ".join(COLUMNS[a] for a in APPS) + " |", "|---|" + "---|" * len(APPS)]
    for what in whats:
        rows.append(f"| {what} | " + " | ".join(f"{median(data[a][what]):.0f} ms" for a in APPS) + " |")
    return "\n".join(rows)


def write(
    args: argparse.Namespace, paint: dict[str, list[float]], visit: Visits, mem: dict[str, list[float]]
) -> None:
    bare_paint, bare_mem = median(paint["bare"]), median(mem["bare"])
    paint_rows = "\n".join(
        f"| {LABELS[n]} | {median(paint[n]):.3f} s | {median(paint[n]) / bare_paint:.2f} "
        f"| {paired_ratio(paint, n):.2f} |"
        for n in PROGRAMS
    )
    mem_rows = "\n".join(
        f"| {LABELS.get(n, n)} | {median(mem[n]):.1f} MiB | {median(mem[n]) / bare_mem:.2f} |"
        for n in [*PROGRAMS, WITH_CHECKIN]
        if n in mem
    )
    slow = [w for w, v in visit["on"].items() if "2 s after" in w and median(v) >= 50]
    ratio = median(paint["on"]) / bare_paint
    mem_ratio = median(mem["on"]) / bare_mem
    status = "; ".join(
        [
            f"first paint {'met' if ratio <= 1.25 else 'MISSED'} ({ratio:.2f}x, target 1.25x)",
            "first visits 2 s after start " + ("MISSED: " + ", ".join(slow) if slow else "met (< 50 ms)"),
            f"peak memory {'met' if mem_ratio <= 1.5 else 'MISSED'} ({mem_ratio:.2f}x, target 1.5x)",
        ]
    )
    results.write_section(
        "## TUI",
        f"""
## TUI

Ten years of data (3,650 check-ins, 600 rounds, 371 applications), measured from outside:
real processes in tmux panes at 80x24, `bench/bench_tui.py -n {args.n} --visits {args.visits}`,
2 cores, Python 3.11, Textual 8.2.8. The four programs alternate run by run. "Warm-up" is
rebound_tui/tui/warmup.py (the Textual internals behind `REBOUND_TUI_WARMUP`); "public" is
bench/proto_switcher.py, the public-API design for ready modes (see "TUI: two designs for ready
modes" below).

First paint (launch until Today shows its streak figures; bare app: Header, Static, Footer),
medians of {args.n}. The ratio is that of the medians (the target's figure); beside it, the median
of each round's own ratio (the two programs ran one after the other, so a slow spell of the
machine weighs on both):

| Program | First paint | Ratio to bare | Round by round |
|---|---|---|---|
{paint_rows}

A mode's first visit, in a fresh process, timed from the key press until the mode's text is on
the screen (target < 50 ms 2 s after start). "At once": the key is sent the moment the first
paint shows (the data is still loading). In the same process as the 2 s figure: back to Today,
the same mode again, and the first visit {AFTER_SAVE_SECONDS:g} s after a check-in saved on Today.
Medians of {args.visits} processes per mode. The first row is the floor of such figures: a key
that changes one line of the bare app, through the terminal, tmux and the polling.

{table(visit)}

Peak memory (GNU `/usr/bin/time -v`, "Maximum resident set size"; every mode visited 2 s after
start, then quit; each run on a fresh copy of the data, after one unmeasured run has opened
Interviews, whose one-time offer on a fresh store is a save), medians of {args.memory}. The last
row is the shipped app again with a check-in saved on Today at the end, as after a day's use:

| Program | Peak RSS | Ratio to bare |
|---|---|---|
{mem_rows}

Status of this run (warm-up on): {status}.

Reproduce: `.venv/bin/python bench/bench_tui.py --write` (about 10 minutes).
""",
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=15, help="first-paint runs per program")
    parser.add_argument("--visits", type=int, default=5, help="processes per mode and program")
    parser.add_argument("--memory", type=int, default=3, help="peak-memory runs per program")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    for tool in ("tmux", "/usr/bin/time"):
        if shutil.which(tool) is None:
            print(f"{tool} is needed", file=sys.stderr)
            return 1
    compile_package()
    with tempfile.TemporaryDirectory() as tmp, tmux_server():
        data = Path(tmp) / "data"
        # Built in a child: this process stays small, so nothing of its size can reach the
        # programs whose peak memory is measured.
        code = f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import bench_tui as b; "
        code += f"from pathlib import Path; b.build_store(Path({str(data)!r}))"
        subprocess.run([str(BIN / "python"), "-c", code], check=True)
        mem = peak_memory(data, args.memory)
        paint = first_paints(data, args.n)
        visit = visits(data, args.visits)
    print(json.dumps({"first_paint_s": paint, "visits_ms": visit, "peak_mib": mem}, indent=1))
    if args.write:
        write(args, paint, visit, mem)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
