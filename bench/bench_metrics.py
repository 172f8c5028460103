"""Benchmark: every resilience metric over ten years of data, against a 50 ms budget.

Run from the repository root:

    .venv/bin/python bench/bench_metrics.py            # print the figures
    .venv/bin/python bench/bench_metrics.py --write    # also replace "## Metrics" in bench/RESULTS.md

What it measures, on ``sample_data.generate()`` (3,650 daily check-ins, 600
interview rounds, their applications and a rest period; generating them is
not timed):

* ``metrics.compute_all(snapshot, today)``: streak, momentum, every setback's
  bounce-back and rebound, rebound by stage and trend, the resilience score,
  growth, insights and the 30-day mood series, as the TUI and
  ``rebound-tui stats`` call it. Median of 20 runs after 3 warm-ups; target
  < 50 ms.
* For context: ``stats_view.stats_json`` (compute_all plus building the dict)
  and ``metrics.year_grid`` for one year.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import results

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rebound_tui.cli import stats_view  # noqa: E402
from rebound_tui.core import metrics  # noqa: E402
from rebound_tui.core.sample_data import generate  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Metrics"
TARGET_MS = 50.0
RUNS = 20
WARMUPS = 3
TODAY = date(2026, 11, 27)


def timed(func: Callable[[], object], runs: int = RUNS) -> list[float]:
    """Wall times in milliseconds of ``runs`` calls after ``WARMUPS`` untimed ones."""
    for _ in range(WARMUPS):
        func()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return times


def describe(times: list[float]) -> str:
    return f"median {statistics.median(times):.1f} ms (min {min(times):.1f}, max {max(times):.1f})"


def machine() -> str:
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )


def write_section(text: str) -> None:
    """Replace (or append) this benchmark's section of RESULTS.md."""
    results.write_section(SECTION, text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update the section in bench/RESULTS.md")
    args = parser.parse_args()

    snapshot = generate()
    print(
        f"data: {len(snapshot.checkins)} check-ins, {len(snapshot.rounds)} rounds, "
        f"{len(snapshot.applications)} applications, {len(snapshot.rest_days)} rest period(s)"
    )
    report = metrics.compute_all(snapshot, TODAY)
    print(
        f"check: streak {report.streak.current}, {len(report.setbacks)} setbacks, "
        f"score {report.score.value:.1f}, momentum {report.momentum.weeks} weeks"
    )

    compute = timed(lambda: metrics.compute_all(snapshot, TODAY))
    as_json = timed(lambda: stats_view.stats_json(snapshot, TODAY))
    grid = timed(lambda: metrics.year_grid(snapshot.checkins, 2026))
    median = statistics.median(compute)
    verdict = "within" if median < TARGET_MS else "OVER"
    lines = [
        f"compute_all: {describe(compute)}; target < {TARGET_MS:.0f} ms: {verdict}",
        f"stats_json:  {describe(as_json)}",
        f"year_grid:   {describe(grid)}",
    ]
    print("\n".join(lines))

    if args.write:
        text = (
            f"{SECTION}\n\n"
            f"All metrics (`metrics.compute_all`) on `sample_data.generate()`: "
            f"{len(snapshot.checkins):,} check-ins, {len(snapshot.rounds)} rounds, "
            f"{len(snapshot.applications)} applications; generating the data is not timed. "
            f"Median of {RUNS} runs after {WARMUPS} warm-ups.\n\n"
            "| What | Median | Min | Max | Target |\n"
            "| --- | --- | --- | --- | --- |\n"
            f"| `compute_all` | {median:.1f} ms | {min(compute):.1f} ms | {max(compute):.1f} ms "
            f"| < {TARGET_MS:.0f} ms |\n"
            f"| `stats_json` (compute_all + dict) | {statistics.median(as_json):.1f} ms "
            f"| {min(as_json):.1f} ms | {max(as_json):.1f} ms | |\n"
            f"| `year_grid` (one year) | {statistics.median(grid):.1f} ms "
            f"| {min(grid):.1f} ms | {max(grid):.1f} ms | |\n\n"
            f"Machine: {machine()}.\n\n"
            "Reproduce: `.venv/bin/python bench/bench_metrics.py --write`\n"
        )
        write_section(text)
        print(f"(written to {RESULTS.relative_to(ROOT)})")


if __name__ == "__main__":
    main()
