"""Drafts: what is being typed in an open form, kept as it is typed so nothing written is lost.

A small file of its own, ``drafts.json`` beside the data file (same folder,
0600, replaced atomically), so a keystroke never rewrites the journal. One
draft per form and record, under a key the app chooses ("reflection:<round
id>", "checkin:new"). A draft goes when its form is saved or let go, and with
``forget``; it is never exported, merged or backed up (nothing but this module
reads the file). A draft file that cannot be read is treated as empty: drafts
are a safety net, never a reason to refuse to start.

Each change re-reads the file and replaces only its own key, so two open apps
keep each other's drafts (a change landing between the read and the write of
another can be lost; the next keystroke writes it again).
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rebound_tui.storage import files
from rebound_tui.storage.errors import StoreError
from rebound_tui.storage.paths import DRAFTS_FILE

VERSION = 1
MAX_BYTES = 4 * 1024 * 1024
"""A drafts file bigger than this is not ours (or not sane): it is read as empty."""

FieldValue = str | int | list[str] | dict[str, int] | None
"""What a form field holds: text, a number picked, tags chosen, ratings."""


@dataclass(frozen=True)
class Draft:
    """The fields of one form as they were last typed, and when."""

    key: str
    fields: dict[str, Any]
    kept_at: datetime | None


class DraftBook:
    """The drafts of one data folder (see the module docstring)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / DRAFTS_FILE
        self._lock = threading.Lock()

    def _read(self) -> dict[str, Any]:
        try:
            raw, _ = files.read_file(self.path)
        except StoreError:
            return {}
        if not raw or len(raw) > MAX_BYTES:
            return {}
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            return {}
        drafts = data.get("drafts") if isinstance(data, dict) else None
        return {k: v for k, v in drafts.items() if isinstance(v, dict)} if isinstance(drafts, dict) else {}

    def _write(self, drafts: Mapping[str, Any]) -> None:
        if not drafts:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
            return
        files.ensure_private_dirs([self.data_dir])
        payload = json.dumps({"version": VERSION, "drafts": drafts}, ensure_ascii=False, allow_nan=False)
        files.atomic_write(self.path, payload.encode("utf-8"))

    def get(self, key: str) -> Draft | None:
        """The draft kept under ``key``, or None."""
        entry = self._read().get(key)
        if entry is None or not isinstance(entry.get("fields"), dict):
            return None
        kept_at: datetime | None = None
        with contextlib.suppress(TypeError, ValueError):
            kept_at = datetime.fromisoformat(entry["kept_at"])
        return Draft(key, dict(entry["fields"]), kept_at)

    def keys(self) -> list[str]:
        """The keys of every draft kept."""
        return sorted(self._read())

    def keep(self, key: str, fields: Mapping[str, FieldValue], *, now: datetime | None = None) -> None:
        """Keep ``fields`` as the draft of ``key`` (replacing the one before).

        Raises:
            StoreError: the file cannot be written (one line, as every storage error).
        """
        moment = now or datetime.now(UTC)
        try:
            with self._lock:
                drafts = self._read()
                drafts[key] = {"kept_at": moment.isoformat(), "fields": dict(fields)}
                self._write(drafts)
        except (OSError, TypeError, ValueError) as exc:
            raise StoreError(f"cannot keep a draft in {self.path}: {exc}") from None

    def drop(self, key: str) -> None:
        """Let the draft of ``key`` go (saved, or discarded); nothing happens if there is none."""
        try:
            with self._lock:
                drafts = self._read()
                if drafts.pop(key, None) is not None:
                    self._write(drafts)
        except OSError as exc:
            raise StoreError(f"cannot remove a draft from {self.path}: {exc.strerror}") from None
