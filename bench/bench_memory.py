"""Where rebound-tui's memory goes: Python's own allocations by kind, against the bare Textual app.

Usage: .venv/bin/python bench/bench_memory.py

Each app runs headless at 80x24 in a child process started with ``-X tracemalloc``;
rebound-tui on ten years of data, every mode visited 2 s after the load (as the peak-memory
figure of bench_tui.py), then the live allocations are grouped by the file that made them.
This counts Python objects only: the peak RSS that bench_tui.py measures also holds the
interpreter, shared libraries and the allocator's free space.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-28T10:30:00+01:00"

KINDS = {
    "code of imported modules": ("<frozen importlib", "importlib/"),
    "rendered lines (strips, segments, styles, caches)": (
        "textual/strip.py",
        "textual/cache.py",
        "<string>",
        "rich/segment.py",
        "rich/style.py",
        "rich/text.py",
        "rich/cells.py",
        "rich/control.py",
        "rich/_wrap.py",
        "textual/filter.py",
        "textual/_styles_cache.py",
        "textual/content.py",
        "textual/style.py",
        "textual/_compositor.py",
    ),
    "records (models, their strings from the JSON)": ("rebound_tui/core/", "json/decoder.py"),
    "the data file's bytes, kept by the store": ("rebound_tui/storage/files.py",),
    "widgets: queues, tasks, DOM, styles, reactives": (
        "textual/",
        "asyncio/",
        "weakref",
        "_weakrefset",
    ),
}

PROBE = """
import asyncio, collections, json, sys, tracemalloc
from datetime import datetime
from pathlib import Path

async def main(which, data):
    if which == "bare":
        sys.path.insert(0, {bench!r})
        from bare_app import Bare
        app = Bare()
    else:
        from rebound_tui.tui.app import make_app
        moment = datetime.fromisoformat({now!r})
        app = make_app(Path(data), clock=lambda: moment)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        if which != "bare":
            while not app.data_ready:
                await pilot.pause(0.02)
            await pilot.pause(2.0)
            for key in "irhpt":
                await pilot.press(key)
                await pilot.pause(0.3)
        sizes = collections.Counter()
        for stat in tracemalloc.take_snapshot().statistics("traceback"):
            frames = list(stat.traceback)  # oldest first: the caller, then where it allocated
            name = frames[-1].filename
            if name == "<string>" and len(frames) > 1:  # generated __init__/__new__: who called it
                name = frames[-2].filename
            sizes[name] += stat.size
    print(json.dumps(sizes))

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


def kind_of(filename: str) -> str:
    for kind, parts in KINDS.items():
        if any(part in filename for part in parts):
            return kind
    return "everything else"


def measure(which: str, data: Path) -> dict[str, int]:
    code = PROBE.format(bench=str(ROOT / "bench"), now=NOW)
    env = {"TEXTUAL_ANIMATIONS": "none", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-X", "tracemalloc=2", "-c", code, which, str(data)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    sizes: dict[str, int] = {}
    for filename, size in json.loads(done.stdout.strip().splitlines()[-1]).items():
        kind = kind_of(filename)
        sizes[kind] = sizes.get(kind, 0) + size
    return sizes


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        code = f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import bench_tui as b; "
        code += f"from pathlib import Path; b.build_store(Path({str(data)!r}))"
        subprocess.run([sys.executable, "-c", code], check=True)
        ours, bare = measure("ours", data), measure("bare", data)
    kinds = [*KINDS, "everything else"]
    print("| Python allocations alive at the end | rebound-tui | bare app | difference |")
    print("|---|---|---|---|")
    for kind in kinds:
        a, b = ours.get(kind, 0) / 2**20, bare.get(kind, 0) / 2**20
        print(f"| {kind} | {a:.1f} MiB | {b:.1f} MiB | {a - b:+.1f} MiB |")
    total_a, total_b = sum(ours.values()) / 2**20, sum(bare.values()) / 2**20
    print(f"| all | {total_a:.1f} MiB | {total_b:.1f} MiB | {total_a - total_b:+.1f} MiB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
