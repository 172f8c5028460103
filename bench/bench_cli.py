"""Benchmark: the quick check-in against ``jrnl "x"``, and the cost of one save, on ten years of data.

Run from the repository root (it needs the project's .venv and makes a throwaway
jrnl venv under bench/.work/, which git ignores):

    .venv/bin/python bench/bench_cli.py            # print the figures
    .venv/bin/python bench/bench_cli.py --write    # also replace "## Quick check-in" in bench/RESULTS.md

What it measures:

* wall time of ``rebound-tui --data-dir D checkin 4 --note x`` (the console
  script in .venv/bin) on a store holding ``sample_data.generate()``: ten years
  of daily check-ins and 600 interview rounds;
* wall time of ``jrnl "x"`` (jrnl 4.6) on a journal holding the same ten years
  of notes, and on an empty journal (jrnl's best case), configured through
  XDG_CONFIG_HOME/HOME inside bench/.work so the real home is never touched;
  each run is checked to have really saved;
* runs alternate (rebound, jrnl, jrnl-empty, rebound, ...) after warm-ups, and
  the medians are compared: target ratio <= 0.5;
* ``Store.add`` of a check-in on the ten-year store in-process, from a fresh
  Store each time as the CLI has it (spliced into the file the last save
  wrote), a full save (``Store.put``) and its parts (``json.loads``,
  ``json.dumps``, the atomic write with both fsyncs): target <= 30 ms;
* ``python -X importtime`` of the check-in's imports, to show where start-up goes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import results
from as_installed import compile_package, user_environ

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
JRNL_VENV = WORK / "jrnl"
JRNL = JRNL_VENV / "bin" / "jrnl"
JRNL_VERSION = "4.6"
REBOUND = ROOT / ".venv" / "bin" / "rebound-tui"
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Quick check-in"
TARGET_RATIO = 0.5
TARGET_SAVE_MS = 30.0
JRNL_FULL = "jrnl, ten-year journal"
JRNL_EMPTY = "jrnl, empty journal"
LOAD_AT_START = os.getloadavg()[0]

sys.path.insert(0, str(ROOT))

from rebound_tui.core.models import CheckIn, Record  # noqa: E402
from rebound_tui.core.sample_data import generate  # noqa: E402
from rebound_tui.storage import files  # noqa: E402
from rebound_tui.storage.store import Store  # noqa: E402


def ms(seconds: float) -> float:
    return seconds * 1000.0


# --------------------------------------------------------------------------- setup


def ensure_jrnl() -> None:
    """Install jrnl 4.6 in its own venv under bench/.work (once)."""
    if JRNL.exists():
        return
    WORK.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(JRNL_VENV)], check=True)
    subprocess.run([str(JRNL_VENV / "bin" / "pip"), "install", "-q", f"jrnl=={JRNL_VERSION}"], check=True)


def jrnl_env(home: Path) -> dict[str, str]:
    """An environment whose HOME and XDG folders all sit inside ``home``."""
    env = user_environ({k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "JRNL"))})
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        EDITOR="",
        VISUAL="",
        NO_COLOR="1",
    )
    return env


def setup_jrnl(home: Path, notes: list[tuple[str, str]]) -> Path:
    """Write jrnl's config (no prompts) and a journal holding ``notes`` ((timestamp, text) pairs)."""
    journal = home / "journal.txt"
    config_dir = home / ".config" / "jrnl"
    config_dir.mkdir(parents=True, exist_ok=True)
    config = f"""colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: '{JRNL_VERSION}'
"""
    (config_dir / "jrnl.yaml").write_text(config)
    journal.write_text("".join(f"[{stamp}] {text}\n\n" for stamp, text in notes))
    return journal


def jrnl_entry_count(journal: Path) -> int:
    return len(re.findall(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [AP]M\] ", journal.read_text(), flags=re.M))


def build_store(data_dir: Path) -> tuple[Store, list[tuple[str, str]]]:
    """A store with ten years of sample data; returns it and the check-in notes for jrnl."""
    snap = generate()
    records: list[Record] = [*snap.checkins, *snap.applications, *snap.rounds, *snap.rest_days]
    store = Store(data_dir)
    store.add_many(records)
    notes = [(c.timestamp.strftime("%Y-%m-%d %I:%M:%S %p"), c.note or "Checked in.") for c in snap.checkins]
    return store, notes


# --------------------------------------------------------------------------- measuring


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``cmd``, in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


Timings = dict[str, list[float]]


def compare(store: Store, journals: dict[str, Path], runs: int, warmup: int) -> tuple[Timings, Timings]:
    """Alternate the check-in and each jrnl set-up, run after run; return wall and CPU times (seconds).

    ``journals`` maps a label to a jrnl home made by :func:`setup_jrnl`. Every
    run must really save: the check-ins and journal entries are counted after.
    """
    commands: dict[str, tuple[list[str], dict[str, str]]] = {
        "rebound": (
            [str(REBOUND), "--data-dir", str(store.data_dir), "checkin", "4", "--note", "x"],
            user_environ({k: v for k, v in os.environ.items() if not k.startswith("REBOUND_TUI_")}),
        ),
    }
    for label, home in journals.items():
        commands[label] = ([str(JRNL), "x"], jrnl_env(home))
    before = {label: jrnl_entry_count(home / "journal.txt") for label, home in journals.items()}
    before["rebound"] = len(Store(store.data_dir).snapshot().checkins)
    times: Timings = {label: [] for label in commands}
    cpu: Timings = {label: [] for label in commands}
    for i in range(warmup + runs):
        for label, (cmd, env) in commands.items():
            elapsed, used = timed(cmd, env)
            if i >= warmup:
                times[label].append(elapsed)
                cpu[label].append(used)
    after = {label: jrnl_entry_count(home / "journal.txt") for label, home in journals.items()}
    after["rebound"] = len(Store(store.data_dir).snapshot().checkins)
    for label in commands:
        if after[label] - before[label] != warmup + runs:
            raise SystemExit(f"{label}: {after[label] - before[label]} of {warmup + runs} runs saved")
    floor = [timed([sys.executable, "-c", "pass"], dict(os.environ)) for _ in range(runs)]
    times["python -c pass"] = [wall for wall, _ in floor]
    cpu["python -c pass"] = [used for _, used in floor]
    return times, cpu


def save_times(store: Store, runs: int) -> dict[str, float]:
    """Median Store.add of a check-in (fresh Store per call, as in a CLI process), a full save, and its parts.

    ``Store.add`` of a check-in to the file the last save wrote splices it in
    (rebound_tui/storage/append.py); ``Store.put`` of a new check-in is the full
    path every other save takes: read and parse inside the lock, insert, encode,
    write. The parts of the full path are timed on a copy of the file.
    """
    adds, add_cpu, puts, dumps, writes, reads = [], [], [], [], [], []
    aside = store.data_dir.parent / "parts.json"
    for i in range(runs):
        fresh = Store(store.data_dir)
        start, start_cpu = time.perf_counter(), time.process_time()
        fresh.add(CheckIn.new(3, note=f"bench {i}"))
        adds.append(time.perf_counter() - start)
        add_cpu.append(time.process_time() - start_cpu)

        fresh = Store(store.data_dir)
        start = time.perf_counter()
        fresh.put(CheckIn.new(3, note=f"bench full {i}"))  # leaves the mark a splice needs, as every save
        puts.append(time.perf_counter() - start)

        start = time.perf_counter()
        data = json.loads(fresh.path.read_bytes())
        reads.append(time.perf_counter() - start)
        start = time.perf_counter()
        new_payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        middle = time.perf_counter()
        files.atomic_write(aside, new_payload)
        end = time.perf_counter()
        dumps.append(middle - start)
        writes.append(end - middle)
    aside.unlink()
    return {
        "add_ms": ms(statistics.median(adds)),
        "add_cpu_ms": ms(statistics.median(add_cpu)),
        "put_ms": ms(statistics.median(puts)),
        "read_parse_ms": ms(statistics.median(reads)),
        "dumps_ms": ms(statistics.median(dumps)),
        "atomic_write_ms": ms(statistics.median(writes)),
        "write_part_ms": ms(statistics.median([d + w for d, w in zip(dumps, writes, strict=True)])),
        "size_kb": store.path.stat().st_size / 1024,
    }


def import_breakdown(top: int = 8) -> tuple[float, list[tuple[str, float]]]:
    """What the check-in's imports cost: the total and the biggest self times (ms), medians of 5 runs."""
    code = CHECKIN_IMPORTS
    totals: list[float] = []
    selves: dict[str, list[float]] = {}
    for _ in range(5):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, check=True
        )
        total = 0.0
        for line in done.stderr.splitlines():
            match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
            if not match:
                continue
            selves.setdefault(match.group(4), []).append(int(match.group(1)) / 1000)
            if len(match.group(3)) == 1:  # top level: cumulative times add up to the whole
                total += int(match.group(2)) / 1000
        totals.append(total)
    biggest = sorted(((name, statistics.median(v)) for name, v in selves.items()), key=lambda r: -r[1])
    return statistics.median(totals), biggest[:top]


ENTRY_IMPORTS = (
    "from rebound_tui import launch; from rebound_tui.core import checkin_options, clock, text; "
    "from rebound_tui.storage import paths, store"
)
CHECKIN_IMPORTS = ENTRY_IMPORTS + ", quick"
"""Everything `checkin MOOD` imports; launch.py itself imports nothing until it knows the path."""

STAGES = (
    ("Python itself", "pass"),
    ("+ the entry point (option spec, clock, models, store, paths)", ENTRY_IMPORTS),
    ("+ quick and the streak (for the reply)", CHECKIN_IMPORTS),
)
"""The imports of `checkin MOOD`, which the entry point runs without click (see rebound_tui/launch.py)."""


def startup_breakdown(runs: int) -> list[tuple[str, float]]:
    """Median wall time of interpreters that stop after each stage of the check-in's imports (ms)."""
    out = []
    for label, code in STAGES:
        walls = [timed([sys.executable, "-c", code], dict(os.environ))[0] for _ in range(runs)]
        out.append((label, median_ms(walls)))
    return out


# --------------------------------------------------------------------------- report


def median_ms(values: list[float]) -> float:
    return ms(statistics.median(values))


def stage_rows(stages: list[tuple[str, float]], total: float, save: dict[str, float]) -> list[str]:
    rows, previous = [], 0.0
    for label, cumulative in stages:
        rows.append(f"| {label} | {cumulative:.0f} ms | {cumulative - previous:.0f} ms |")
        previous = cumulative
    rows.append(
        f"| + the check-in: parse, validate, `Store.add` (~{save['add_ms']:.0f} ms in-process), "
        f"the streak reply, exit | {total:.0f} ms | {total - previous:.0f} ms |"
    )
    return rows


def report(
    times: Timings,
    cpu: Timings,
    save: dict[str, float],
    stages: list[tuple[str, float]],
    imports: tuple[float, list[tuple[str, float]]],
) -> str:
    rebound = median_ms(times["rebound"])
    full = median_ms(times[JRNL_FULL])
    empty = median_ms(times[JRNL_EMPTY])
    ratio_full, ratio_empty = rebound / full, rebound / empty
    cpu_rebound = median_ms(cpu["rebound"])
    save_ok = save["add_ms"] <= TARGET_SAVE_MS
    runs = len(times["rebound"])
    total_imports, biggest = imports

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    def row(label: str, command: str, ratio: str) -> str:
        return f"| {command} | {median_ms(times[label]):.0f} ms | {median_ms(cpu[label]):.0f} ms | {ratio} |"

    cpu_ratio_full = cpu_rebound / median_ms(cpu[JRNL_FULL])
    cpu_ratio_empty = cpu_rebound / median_ms(cpu[JRNL_EMPTY])
    lines = [
        SECTION,
        "",
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; load average {LOAD_AT_START:.1f} at the start and "
        f"{os.getloadavg()[0]:.1f} at the end (other engineers' work shared the machine, so wall times "
        "are noisy; CPU time is the steadier figure). The store holds ten years of "
        f"`sample_data.generate()` (3,650 check-ins, 600 rounds; {save['size_kb']:.0f} KB). "
        f"jrnl {JRNL_VERSION} runs twice per round: with the same 3,650 notes in its journal, "
        "and with an empty journal (its best case). Every run is checked to have saved.",
        "",
        "Reproduce from the repository root: `.venv/bin/python bench/bench_cli.py --write`",
        "(the first run installs jrnl into bench/.work/, which git ignores).",
        "",
        f"| command ({runs} alternating runs each, after warm-ups) | median wall | median CPU | "
        "ratio rebound / it (wall; CPU) |",
        "| --- | --- | --- | --- |",
        row("rebound", "`rebound-tui --data-dir D checkin 4 --note x`", ""),
        row(
            JRNL_FULL,
            '`jrnl "x"`, ten-year journal',
            f"**{ratio_full:.2f}** ({verdict(ratio_full <= TARGET_RATIO)}, target <= {TARGET_RATIO}); "
            f"{cpu_ratio_full:.2f}",
        ),
        row(
            JRNL_EMPTY,
            '`jrnl "x"`, empty journal',
            f"**{ratio_empty:.2f}** ({verdict(ratio_empty <= TARGET_RATIO)}); {cpu_ratio_empty:.2f}",
        ),
        row("python -c pass", "`python -c pass`", ""),
        "",
        "| one save on the ten-year store, in-process (median) | time |",
        "| --- | --- |",
        f"| `Store.add` of a check-in from a fresh Store, as in a CLI process (spliced in) | "
        f"**{save['add_ms']:.1f} ms** ({verdict(save_ok)}, target <= {TARGET_SAVE_MS:.0f} ms); "
        f"CPU {save['add_cpu_ms']:.1f} ms |",
        f"| a full save (`Store.put`, as every other change, and a check-in on a file the last save "
        f"did not write) | {save['put_ms']:.1f} ms |",
        f"| - of which reading the file + `json.loads` (inside the lock) | {save['read_parse_ms']:.1f} ms |",
        f"| the write part alone: `json.dumps` + atomic write | {save['write_part_ms']:.1f} ms |",
        f"| - `json.dumps` ({save['size_kb'] / 1024:.1f} MB) | {save['dumps_ms']:.1f} ms |",
        f"| - temp file, fsync, `os.replace`, fsync of the folder | {save['atomic_write_ms']:.1f} ms |",
        "",
        "Every run, wall ms: "
        + "; ".join(f"{k}: {[round(ms(t)) for t in v]}" for k, v in times.items())
        + ".",
        "",
        "Where the check-in's time goes: interpreters that stop after each stage of its imports "
        f"(median wall of {runs} runs each), then the check-in itself.",
        "",
        "| stage | cumulative | step |",
        "| --- | --- | --- |",
        *stage_rows(stages, rebound, save),
        "",
        f"Biggest import self times (`python -X importtime -c '{CHECKIN_IMPORTS}'`, "
        f"median of 5; importtime inflates them, {total_imports:.0f} ms in all): "
        + ", ".join(f"{name} {cost:.1f} ms" for name, cost in biggest)
        + ".",
    ]
    missed = []
    if ratio_full > TARGET_RATIO or ratio_empty > TARGET_RATIO:
        worst = max(ratio_full, ratio_empty)
        base = empty if ratio_empty >= ratio_full else full
        budget = TARGET_RATIO * base
        import_floor = stages[-1][1]
        missed.append(
            f"ratio {worst:.2f} against jrnl with "
            f"{'an empty' if base == empty else 'the ten-year'} journal: the check-in would need to be "
            f"{rebound - budget:.0f} ms faster to take half of jrnl's {base:.0f} ms. Python and the "
            f"check-in's imports take {import_floor:.0f} ms and one save of the ten-year file "
            f"{save['add_ms']:.0f} ms, {import_floor + save['add_ms']:.0f} ms of the {budget:.0f} ms budget; "
            "what is left is the imports (models and dataclasses first) and writing the whole 1.2 MB file"
            + (
                ". Against jrnl with the same ten years of entries the target is met"
                if ratio_full <= TARGET_RATIO
                else ""
            )
        )
    if not save_ok:
        missed.append(
            f"one save takes {save['add_ms']:.1f} ms, {save['add_ms'] - TARGET_SAVE_MS:.1f} ms over"
        )
    if missed:
        lines += ["", "Target missed: " + "; ".join(missed) + "."]
    return "\n".join(lines) + "\n"


def write_section(text: str) -> None:
    """Replace (or append) this benchmark's section of RESULTS.md."""
    results.write_section(SECTION, text)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="update the section in bench/RESULTS.md")
    args = parser.parse_args()
    if not REBOUND.exists():
        raise SystemExit(f"{REBOUND} is missing: install the project into .venv first")
    ensure_jrnl()
    compile_package()
    WORK.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="bench-cli-", dir=WORK))
    try:
        store, notes = build_store(scratch / "data")
        journals = {JRNL_FULL: scratch / "jrnl-full", JRNL_EMPTY: scratch / "jrnl-empty"}
        setup_jrnl(journals[JRNL_FULL], notes)
        setup_jrnl(journals[JRNL_EMPTY], [])
        count = jrnl_entry_count(journals[JRNL_FULL] / "journal.txt")
        if count != len(notes):
            raise SystemExit(f"the jrnl journal holds {count} entries, expected {len(notes)}")
        times, cpu = compare(store, journals, args.runs, args.warmup)
        save = save_times(store, args.runs)
        text = report(times, cpu, save, startup_breakdown(args.runs), import_breakdown())
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(text)
    if args.write:
        write_section(text)
        print(f"(written to {RESULTS.relative_to(ROOT)})")


if __name__ == "__main__":
    main()
