"""The store's errors. Each message is one line meant for the person, naming the file and what to do.

They are re-exported by :mod:`rebound_tui.storage.store`, where callers import them from.
"""

from __future__ import annotations


class StoreError(Exception):
    """A problem with the data file; the message is one line meant for the user."""

    exit_code = 2


class CorruptStoreError(StoreError):
    """The file exists but cannot be read as a rebound-tui store. It is never overwritten."""


class StoreBusyError(StoreError):
    """Another process held the lock for longer than the timeout."""


class LockUnavailableError(StoreError):
    """The file system cannot lock; writing without a lock could lose data, so we refuse."""


class UnsafePathError(StoreError):
    """A symlink (or something else odd) sits where the data or lock file should be."""


class NotFoundError(StoreError):
    """No record has the given id (or id prefix)."""
