"""Benchmark: importing ten years of Daylio rows (3,650) with ``rebound-tui import --format daylio``.

Run from the repository root:

    .venv/bin/python bench/bench_import.py            # print the figures
    .venv/bin/python bench/bench_import.py --write    # also replace "## Daylio import" in bench/RESULTS.md

What it measures:

* a seeded Daylio export (the 2021+ header with ``note_title``, newest entry
  first, 12-hour times, activities joined by " | ", notes with commas, quotes
  and newlines): one entry a day for ten years, 3,650 rows;
* wall time of the console script ``rebound-tui --data-dir D import FILE
  --format daylio`` into a fresh, empty data folder (start-up, reading and
  checking every row, planning, one locked atomic write); each run is checked
  to have saved exactly 3,650 check-ins; target: under 2 s;
* wall time of importing the same file a second time (nothing is added, nothing
  written);
* the in-process split: reading and checking the rows, then planning and
  writing the transaction;
* the same for a long history of 100,000 rows (ten entries a day for 27
  years), fewer runs (``--big-runs``); no target, a figure to watch.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import results

ROOT = Path(__file__).resolve().parent.parent
REBOUND = ROOT / ".venv" / "bin" / "rebound-tui"
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Daylio import"
ROWS = 3650
BIG_ROWS = 100_000
BIG_PER_DAY = 10
TARGET_S = 2.0

sys.path.insert(0, str(ROOT))

from rebound_tui.storage import interop  # noqa: E402
from rebound_tui.storage.store import Store  # noqa: E402

MOODS = ("awful", "bad", "meh", "good", "rad")
ACTIVITIES = (
    "applied",
    "networked",
    "practiced",
    "tired",
    "hopeful",
    "walk",
    "good meal",
    "bad sleep",
    "gym",
)
NOTES = ("", "", "", "Quiet day.", 'Sent two applications, then "rested".', "Long call.\nFelt better after.")


def daylio_csv(rows: int = ROWS, end: date = date(2026, 11, 27), seed: int = 5, per_day: int = 1) -> str:
    """A Daylio export of ``rows`` entries, ``per_day`` a day, newest first, as Daylio writes it."""
    rng = random.Random(seed)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"])
    for back in range(rows):
        day = end - timedelta(days=back // per_day)
        hour, minute = rng.randrange(7, 23), rng.randrange(60)
        clock = f"{(hour - 1) % 12 + 1}:{minute:02d} {'am' if hour < 12 else 'pm'}"
        activities = " | ".join(rng.sample(ACTIVITIES, rng.randint(0, 3)))
        title = rng.choice(("", "", "Interview day", "Rest"))
        writer.writerow(
            [
                day.isoformat(),
                f"{day:%B} {day.day}",
                f"{day:%A}",
                clock,
                rng.choice(MOODS),
                activities,
                title,
                rng.choice(NOTES),
            ]
        )
    return buffer.getvalue()


def run_cli(data_dir: Path, source: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(REBOUND), "--data-dir", str(data_dir), "import", str(source), "--format", "daylio"],
        check=True,
        stdout=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def measure(runs: int, rows: int = ROWS, per_day: int = 1) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="rebound-bench-") as tmp:
        folder = Path(tmp)
        source = folder / "daylio_export.csv"
        source.write_text(daylio_csv(rows, per_day=per_day), encoding="utf-8")
        run_cli(folder / "warm", source)  # warm the page cache and bytecode
        fresh: list[float] = []
        again: list[float] = []
        for n in range(runs):
            data_dir = folder / f"data{n}"
            fresh.append(run_cli(data_dir, source))
            count = len(Store(data_dir).snapshot().checkins)
            if count != rows:
                raise SystemExit(f"run {n} saved {count} check-ins, expected {rows}")
            again.append(run_cli(data_dir, source))

        reads: list[float] = []
        writes: list[float] = []
        for n in range(runs):
            started = time.perf_counter()
            incoming = interop.read_daylio(source)
            reads.append(time.perf_counter() - started)
            started = time.perf_counter()
            interop.merge_into_store(Store(folder / f"inproc{n}"), incoming)
            writes.append(time.perf_counter() - started)
        return {
            "fresh_median": statistics.median(fresh),
            "fresh_max": max(fresh),
            "again_median": statistics.median(again),
            "read_median": statistics.median(reads),
            "write_median": statistics.median(writes),
            "bytes": source.stat().st_size,
        }


def section(figures: dict[str, float], runs: int, big: dict[str, float], big_runs: int) -> str:
    verdict = "meets" if figures["fresh_max"] < TARGET_S else "MISSES"
    return "\n".join(
        [
            SECTION,
            "",
            f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()} with {os.cpu_count()} cores, "
            f"Python {platform.python_version()} (load average {os.getloadavg()[0]:.1f} at the end: "
            f"other work was running); `bench/bench_import.py`, {runs} runs each, medians.",
            f"Input: a seeded Daylio export of {ROWS:,} rows (ten years, one a day; "
            f"{figures['bytes'] / 1024:.0f} KiB).",
            "",
            "| What | Time |",
            "|---|---|",
            f"| `rebound-tui import --format daylio` into an empty store (wall, whole process) "
            f"| {figures['fresh_median']:.2f} s (max {figures['fresh_max']:.2f} s) |",
            f"| the same file imported again (nothing added, nothing written) "
            f"| {figures['again_median']:.2f} s |",
            f"| in-process: read and check {ROWS:,} rows (`read_daylio`) "
            f"| {figures['read_median'] * 1000:.0f} ms |",
            f"| in-process: plan and write one transaction (`merge_into_store`) "
            f"| {figures['write_median'] * 1000:.0f} ms |",
            f"| {BIG_ROWS:,} rows ({BIG_PER_DAY} a day, {big['bytes'] / 1024 / 1024:.1f} MiB; "
            f"{big_runs} run{'s' * (big_runs != 1)}): import into an empty store (wall, whole process) "
            f"| {big['fresh_median']:.1f} s |",
            f"| {BIG_ROWS:,} rows: the same file imported again | {big['again_median']:.1f} s |",
            f"| {BIG_ROWS:,} rows, in-process: read and check | {big['read_median']:.1f} s |",
            f"| {BIG_ROWS:,} rows, in-process: plan and write one transaction "
            f"| {big['write_median']:.1f} s |",
            "",
            f"Target: under {TARGET_S:g} s for the whole import of {ROWS:,} rows; this {verdict} it.",
            f"The {BIG_ROWS:,}-row import has no target; on a terminal it shows a progress bar "
            "while reading.",
            "",
            "Reproduce: `.venv/bin/python bench/bench_import.py --write`",
            "",
        ]
    )


def write_section(text: str) -> None:
    """Replace (or append) this benchmark's section of RESULTS.md."""
    results.write_section(SECTION, text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each measurement (default 7)")
    parser.add_argument("--big-runs", type=int, default=1, help=f"runs with {BIG_ROWS:,} rows (default 1)")
    parser.add_argument("--write", action="store_true", help="update the section in bench/RESULTS.md")
    args = parser.parse_args()
    if not REBOUND.exists():
        raise SystemExit(f"{REBOUND} is missing: install the project into .venv first")
    text = section(
        measure(args.runs), args.runs, measure(args.big_runs, BIG_ROWS, BIG_PER_DAY), args.big_runs
    )
    print(text)
    if args.write:
        write_section(text)
        print(f"(written to {RESULTS.relative_to(ROOT)})")


if __name__ == "__main__":
    main()
