"""Tests for the store under real concurrency: two writing processes, and writers killed with SIGKILL.

These start real processes because the guarantees are about processes: ``flock``
between two interpreters, and what is on disk when the kernel stops a writer at
an arbitrary instruction.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from rebound_tui.core.models import CheckIn
from rebound_tui.storage.store import Store

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from rebound_tui.core.models import CheckIn
    from rebound_tui.storage.store import Store

    data_dir, count, go, name = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
    store = Store(data_dir)
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.001)
    for i in range(count):
        record = CheckIn.new(1 + i % 5, note=f"{name}-{i}")
        store.add(record)
        print(record.id, flush=True)
    """
)


def test_two_processes_saving_500_each_lose_nothing(tmp_path: Path) -> None:
    """Two processes each saving 500 check-ins at the same moment end with exactly 1000, ids unique."""
    data_dir = tmp_path / "data"
    go = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir), "500", str(go), name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("left", "right")
    ]
    try:
        for proc in writers:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready"
        go.touch()  # both are imported and waiting: start them together
        results = [proc.communicate(timeout=120) for proc in writers]
    finally:
        for proc in writers:
            if proc.poll() is None:
                proc.kill()
    reported: list[str] = []
    for proc, (out, err) in zip(writers, results, strict=True):
        assert proc.returncode == 0, err
        assert err == ""
        reported += out.split()
    assert len(reported) == 1000
    assert len(set(reported)) == 1000, "ids must be unique"

    checkins = Store(data_dir).snapshot().checkins
    assert len(checkins) == 1000
    assert {c.id for c in checkins} == set(reported)
    notes = {c.note for c in checkins}
    assert notes == {f"{side}-{i}" for side in ("left", "right") for i in range(500)}
    assert not [p for p in data_dir.iterdir() if p.name.endswith(".tmp")]


def _writer_loop(data_dir: Path, report: int) -> None:
    """In the forked child: save check-ins forever, saying which id is about to be and has been saved."""
    store = Store(data_dir)
    while True:
        record = CheckIn.new(3, note="killed writer")
        os.write(report, f"W {record.id}\n".encode())
        store.add(record)
        os.write(report, f"S {record.id}\n".encode())


def _read_all(fd: int) -> str:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks).decode()


def _ids_on_disk(data_dir: Path) -> set[str]:
    """The check-in ids in rebound.json, read two ways: plain json and a fresh Store."""
    raw = json.loads((data_dir / "rebound.json").read_bytes())
    ids = set(raw["checkins"])
    assert {c.id for c in Store(data_dir).snapshot().checkins} == ids
    return ids


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_kill_9_at_random_moments_leaves_old_or_new_file(tmp_path: Path) -> None:
    """120 writers killed by SIGKILL after 5-60 ms: the file always parses, as it was before or after a save.

    Each save adds exactly one check-in, so after a kill the stored ids must be all
    the ids stored before, plus every save the writer confirmed, plus at most the
    one it was in the middle of. Temp files a kill leaves behind are never read and
    are gone after the next save.

    The writers are forked (not spawned) so each starts in a few milliseconds with
    everything imported: 120 kills then take seconds, not minutes.
    """
    data_dir = tmp_path / "data"
    seed_store = Store(data_dir)
    seed_store.add_many([CheckIn.new(4, note=f"seed {i}") for i in range(300)])  # non-trivial save time
    stored = _ids_on_disk(data_dir)
    rng = random.Random(20261120)
    kills = 120
    torn_moments = 0  # kills that left a temp file, i.e. landed inside a write
    deadline = time.monotonic() + 45
    for _ in range(kills):
        assert time.monotonic() < deadline, "the kill loop is far slower than expected"
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            try:
                os.close(read_end)
                _writer_loop(data_dir, write_end)
            finally:
                os._exit(1)
        os.close(write_end)
        time.sleep(rng.uniform(0.005, 0.060))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, "the writer died on its own"
        report = _read_all(read_end)
        os.close(read_end)

        started = [line[2:] for line in report.splitlines() if line.startswith("W ")]
        saved = {line[2:] for line in report.splitlines() if line.startswith("S ")}
        pending = set(started) - saved
        assert len(pending) <= 1
        assert saved <= set(started)

        temps = [
            p for p in data_dir.iterdir() if p.name.startswith(".rebound.json.") and p.name.endswith(".tmp")
        ]
        torn_moments += bool(temps)
        now_stored = _ids_on_disk(data_dir)  # parses every time, temp files or not
        assert stored | saved <= now_stored, "a confirmed save was lost"
        assert now_stored <= stored | saved | pending, "a record appeared that no save was writing"
        stored = now_stored

    final = CheckIn.new(5, note="after the storm")
    Store(data_dir).add(final)
    assert _ids_on_disk(data_dir) == stored | {final.id}
    leftovers = [p.name for p in data_dir.rglob("*.tmp")]
    assert leftovers == [], "the next save cleans up what killed writers left"
    assert len(stored) > 300 + kills // 2, "most writers should have saved something before being killed"
    assert torn_moments >= 1, "no kill landed inside a write; the test did not exercise torn writes"
    print(f"{torn_moments} of {kills} kills left a temp file; {len(stored) - 300} check-ins saved")
