"""What keeps the TUI's memory small with years of data (issue 11: peak memory against a bare app).

Each saving is checked by what it does, not by a size: which modules a run loads,
which objects are shared, what the store lets go, and that the allocator tuning
is asked for only where it exists.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest

from rebound_tui.tui import warmup

# Visits every mode headless at 80x24 with a few records, then prints which costly modules were loaded.
VISIT_EVERY_MODE = """
import asyncio, sys
from pathlib import Path
from rebound_tui.core.models import CheckIn
from rebound_tui.storage.store import Store
from rebound_tui.tui.app import make_app

async def main(folder):
    import rebound_tui.tui.app  # noqa: F401
    print("tinydb before a save:", "tinydb" in sys.modules)
    Store(Path(folder)).add(CheckIn.new(4, note="a good day"))
    app = make_app(Path(folder))
    async with app.run_test(size=(80, 24)) as pilot:
        while not app.data_ready:
            await pilot.pause(0.02)
        for key in "irhpt":
            await pilot.press(key)
            await pilot.pause(0.1)
    for name in ("hashlib", "rich._emoji_codes", "zipfile"):
        print(f"{name}:", name in sys.modules)

asyncio.run(main(sys.argv[1]))
"""


def test_a_visit_to_every_mode_loads_no_costly_module(tmp_path: Any) -> None:
    """No OpenSSL for the tips, no emoji table for column headers, no zip reader, no TinyDB to read."""
    done = subprocess.run(
        [sys.executable, "-c", VISIT_EVERY_MODE, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.split("\n")[:4] == [
        "tinydb before a save: False",
        "hashlib: False",
        "rich._emoji_codes: False",
        "zipfile: False",
    ]


class FakeLibc:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def mallopt(self, parameter: int, value: int) -> int:
        self.calls.append((parameter, value))
        return 1


class TestOneMallocArena:
    def test_asks_glibc_for_one_arena(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import ctypes

        libc = FakeLibc()
        monkeypatch.delenv(warmup.ENV_VAR, raising=False)
        monkeypatch.setattr(sys, "platform", "linux")
        monkeypatch.setattr(ctypes, "CDLL", lambda name: libc)
        warmup.share_one_malloc_arena()
        assert libc.calls == [(-8, 1)]  # M_ARENA_MAX in glibc's malloc.h

    @pytest.mark.parametrize(("platform", "switch"), [("darwin", "on"), ("linux", "off")])
    def test_nothing_elsewhere_or_when_off(
        self, monkeypatch: pytest.MonkeyPatch, platform: str, switch: str
    ) -> None:
        import ctypes

        libc = FakeLibc()
        monkeypatch.setenv(warmup.ENV_VAR, switch)
        monkeypatch.setattr(sys, "platform", platform)
        monkeypatch.setattr(ctypes, "CDLL", lambda name: libc)
        warmup.share_one_malloc_arena()
        assert libc.calls == []

    def test_a_libc_without_mallopt_is_fine(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import ctypes

        monkeypatch.delenv(warmup.ENV_VAR, raising=False)
        monkeypatch.setattr(sys, "platform", "linux")
        monkeypatch.setattr(ctypes, "CDLL", lambda name: object())
        warmup.share_one_malloc_arena()  # no AttributeError


# Makes the app (strips become light, unless the speed-ups are off), renders a few lines, prints what it saw.
LIGHT_STRIPS = """
import sys
from pathlib import Path
from rich.segment import Segment
from textual.strip import Strip
from rebound_tui.tui import warmup
from rebound_tui.tui.app import make_app

make_app(Path(sys.argv[1]))
strip = Strip([Segment("hello "), Segment("world")])
slot = vars(Strip)["_crop_cache"]
made_up_front = True
if isinstance(slot, warmup._CacheOnFirstUse):
    try:
        slot.slot.__get__(strip, Strip)
    except AttributeError:
        made_up_front = False
first = strip.crop(0, 5)
print("light:", warmup._strips_light)
print("caches made up front:", made_up_front)
print("crop:", first.text, "| again from the cache:", strip.crop(0, 5) is first)
print("styled:", strip.apply_style(None).text, "| divided:", [s.text for s in strip.divide([3, 11])])
"""


@pytest.mark.parametrize(("switch", "light"), [("on", True), ("off", False)])
def test_strips_make_their_caches_when_first_used(tmp_path: Any, switch: str, light: bool) -> None:
    """Each rendered line's seven caches are made when used, not up front; lines behave the same."""
    done = subprocess.run(
        [sys.executable, "-c", LIGHT_STRIPS, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={**os.environ, warmup.ENV_VAR: switch},
    )
    assert done.stdout.splitlines() == [
        f"light: {light}",
        f"caches made up front: {not light}",
        "crop: hello | again from the cache: True",
        "styled: hello world | divided: ['hel', 'lo world']",
    ]
