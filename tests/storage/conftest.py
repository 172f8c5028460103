"""Fixtures shared by the store's tests: a settable clock and a store in a fresh folder that uses it.

A test file with fixtures of these names of its own (test_store.py, test_store_api.py) keeps them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rebound_tui.storage.store import Store
from tests.storage.clock_support import Clock


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Store:
    return Store(tmp_path / "data", clock=clock)
