"""The shape of the data file: its tables, the schema version and its migrations, ids by prefix.

The file is one JSON object of tables; each table maps a record's UUID to its
document (the record without its id, see ``Record.to_doc``). Besides one table
per kind of record there are ``settings`` (one document, ``"user"``),
``tombstones`` (id -> kind and time of deletion) and ``_meta`` (the schema
version and ``writes``, a counter every save raises, so backups can be ordered
by when they were written without trusting the clock). Exports and merges
read the same layout, so it lives here, apart from the code that locks and
writes the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rebound_tui.core.models import (
    RECORD_TYPES,
    SCHEMA_VERSION,
    Application,
    CheckIn,
    RestDay,
    Round,
    Settings,
    WeekNote,
    iso,
    now_local,
)
from rebound_tui.storage.errors import CorruptStoreError, NotFoundError, StoreError

META_TABLE = "_meta"
SETTINGS_TABLE = "settings"
TOMBSTONE_TABLE = "tombstones"
TABLES = (*RECORD_TYPES, SETTINGS_TABLE, TOMBSTONE_TABLE, META_TABLE)

KIND_NAMES = {
    CheckIn.KIND: "check-in",
    Application.KIND: "application",
    Round.KIND: "interview round",
    RestDay.KIND: "pause",
    WeekNote.KIND: "week note",
}
"""What the person calls each kind of record, for messages."""

Raw = dict[str, dict[str, dict[str, Any]]]
"""Parsed documents: table name -> record id -> document."""


# --------------------------------------------------------------------------- migrations


def _migrate_0_to_1(raw: Raw) -> Raw:
    """Files from before the schema stamp: make sure every record has created/updated."""
    stamp = iso(now_local())
    for table in RECORD_TYPES:
        for doc in raw.get(table, {}).values():
            first = doc.get("timestamp") or doc.get("when") or stamp
            doc.setdefault("created", first)
            doc.setdefault("updated", doc["created"])
    return raw


def _day_of(stamp: object) -> str | None:
    """The local day of a stored ISO timestamp (its first ten characters), if it looks like one."""
    if isinstance(stamp, str) and len(stamp) >= 10 and stamp[4] == "-" and stamp[7] == "-":
        return stamp[:10]
    return None


def _migrate_1_to_2(raw: Raw) -> Raw:
    """Schema 2 (docs/schema.md): an application's own day, the new settings, the week notes table.

    ``applied_on`` becomes the day of the application's first round, else the day
    it was typed in. The other new fields are optional and read as their defaults
    when absent (empty link and contact; no archive, quiet offer or postponed
    reflection), so they are not written here. A document that is not what it
    should be is left as it is: loading it reports the problem as before.
    """
    first_round: dict[str, str] = {}
    for doc in raw.get(Round.KIND, {}).values():
        app_id, day = doc.get("application_id"), _day_of(doc.get("when"))
        if isinstance(app_id, str) and day is not None:
            first_round[app_id] = min(day, first_round.get(app_id, day))
    for key, doc in raw.get(Application.KIND, {}).items():
        if doc.get("applied_on") is None:
            day = first_round.get(key) or _day_of(doc.get("created"))
            if day is not None:
                doc["applied_on"] = day
    user = raw.get(SETTINGS_TABLE, {}).get("user")
    if user is not None:
        defaults = Settings()
        user.setdefault("action_tags", list(defaults.action_tags))
        user.setdefault("quiet_days", defaults.quiet_days)
        user.setdefault("reframe_prompt", defaults.reframe_prompt)
    raw.setdefault(WeekNote.KIND, {})
    return raw


MIGRATIONS: dict[int, Callable[[Raw], Raw]] = {0: _migrate_0_to_1, 1: _migrate_1_to_2}
"""``MIGRATIONS[n]`` turns a schema-``n`` file into schema ``n + 1``."""


def schema_of(raw: Raw) -> int:
    """The schema version a file's documents carry (0 before the stamp, -1 if unreadable)."""
    meta = raw.get(META_TABLE, {}).get("schema", {})
    version = meta.get("version", 0) if isinstance(meta, dict) else 0
    return version if isinstance(version, int) else -1


def migrate(raw: Raw, path: Path) -> tuple[Raw, bool]:
    """Bring ``raw`` up to :data:`SCHEMA_VERSION`; return it and whether anything changed."""
    version = schema_of(raw)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer rebound-tui (schema {version}, this one reads up to "
            f"{SCHEMA_VERSION}); please upgrade rebound-tui"
        )
    if version < 0:
        raise CorruptStoreError(f"{path} has an unreadable schema version")
    changed = version != SCHEMA_VERSION
    while version < SCHEMA_VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
    raw.setdefault(META_TABLE, {})["schema"] = {"version": SCHEMA_VERSION}
    return raw, changed


# --------------------------------------------------------------------------- the write counter

WRITES = "writes"
"""``_meta.writes`` is ``{"count": N}``: a document like every other, so older code reads past it."""
HEAD = re.compile(rb'^\{"_meta":\{"schema":\{"version":(\d+)\},"writes":\{"count":(\d+)\}')
"""The first bytes of a file :func:`dump` wrote: the schema version (group 1) and the save counter (2)."""


def writes_of(raw: Raw) -> int:
    """The save counter of parsed documents (0 for files written before it existed)."""
    count = raw.get(META_TABLE, {}).get(WRITES, {}).get("count", 0)
    return count if isinstance(count, int) and not isinstance(count, bool) and count >= 0 else 0


def with_writes(raw: Raw, count: int) -> Raw:
    """``raw`` with its save counter set to ``count`` (changed in place, and returned)."""
    raw.setdefault(META_TABLE, {})[WRITES] = {"count": count}
    return raw


def writes_in_head(head: bytes) -> int | None:
    """The save counter read from the first bytes of a file :func:`dump` wrote; None if not there."""
    match = HEAD.match(head)
    return int(match.group(2)) if match else None


def schema_in_head(head: bytes) -> int | None:
    """The schema version read from the first bytes of a file :func:`dump` wrote; None if not there."""
    match = HEAD.match(head)
    return int(match.group(1)) if match else None


def encode(value: Any) -> bytes:
    """``value`` as the data file writes it: compact, UTF-8 as it is, no NaN (raises ValueError)."""
    import json  # here, not at the top: the TUI's first paint writes nothing

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


Span = tuple[int, int]
"""Where a table sits in a data file's bytes: the offset of ``"name":{`` and of its closing ``}``."""


def dump(raw: Raw) -> bytes:
    """The bytes of a data file: ``_meta`` first (so its counter is read from the head), no NaN.

    Raises:
        ValueError: a value JSON cannot hold (NaN or infinity).
    """
    return dump_with_spans(raw)[0]


def dump_with_spans(raw: Raw) -> tuple[bytes, dict[str, Span]]:
    """:func:`dump`, and where each table sits in the bytes (what :mod:`.append` needs).

    The tables are encoded one by one and joined as ``json.dumps`` of the whole
    would join them, so the bytes are the same (tests/storage/test_append.py
    holds them to it).
    """
    meta = raw.get(META_TABLE, {})
    ordered: dict[str, Any] = {
        META_TABLE: {"schema": meta.get("schema", {}), WRITES: {"count": writes_of(raw)}}
        | {k: v for k, v in meta.items() if k not in ("schema", WRITES)}
    }
    ordered.update((name, table) for name, table in raw.items() if name != META_TABLE)
    parts = [b"{"]
    spans: dict[str, Span] = {}
    offset = 1
    for name, table in ordered.items():
        if offset > 1:
            parts.append(b",")
            offset += 1
        part = encode(name) + b":" + encode(table)
        parts.append(part)
        spans[name] = (offset, offset + len(part) - 1)
        offset += len(part)
    parts.append(b"}")
    return b"".join(parts), spans


# --------------------------------------------------------------------------- ids


def resolve_id(raw: Raw, kind: str, prefix: str) -> str:
    """Expand a unique id prefix (like git) to the full id of a ``kind`` record in ``raw``.

    Raises:
        NotFoundError: no id, or more than one, starts with ``prefix``.
    """
    table = raw.get(kind, {})
    wanted = prefix.strip().lower()
    name = KIND_NAMES.get(kind, kind)
    if not wanted:
        raise NotFoundError(f"give the id of the {name}")
    if wanted in table:
        return wanted
    matches = [key for key in table if key.startswith(wanted)]
    if not matches:
        raise NotFoundError(f"no {name} has an id starting with {prefix!r}")
    if len(matches) > 1:
        raise NotFoundError(f"{len(matches)} {name}s have ids starting with {prefix!r}; give more of the id")
    return matches[0]
