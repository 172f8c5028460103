"""A settable clock for the store's tests (used by tests/storage/conftest.py and the tests themselves)."""

from __future__ import annotations

from datetime import UTC, datetime

START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


class Clock:
    """A settable clock for the store."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now
