"""rebound-tui's own JSON: the whole store (records, settings, deletions) with its schema version.

``export_json`` writes one record per line in a stable order; ``read_json`` reads
that back, or a ``rebound.json`` data file copied from another machine.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
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
    Snapshot,
    Tombstone,
    ValidationError,
    WeekNote,
    check_uuid,
)
from rebound_tui.core.text import escape_for_json
from rebound_tui.storage.documents import META_TABLE, SETTINGS_TABLE, TOMBSTONE_TABLE, migrate, schema_of
from rebound_tui.storage.interop.common import (
    KINDS,
    PROGRESS_EVERY,
    AnyRecord,
    Incoming,
    InteropError,
    Progress,
    kind_name,
    read_text,
    reason_of,
)

FORMAT_NAME = "rebound-tui"
"""The ``format`` field of a JSON export, which tells it apart from other JSON."""


def export_json(snapshot: Snapshot) -> str:
    """The whole store as JSON: schema version, settings, every record and every deletion.

    One record per line, in a stable order, so two exports of the same data are
    byte for byte the same and a diff shows what changed.
    """

    def dumps(value: Any) -> str:
        # Control and bidi characters as \uXXXX escapes: the same JSON, safe on a terminal.
        return escape_for_json(json.dumps(value, ensure_ascii=False))

    tables: list[tuple[str, list[dict[str, Any]]]] = [
        (CheckIn.KIND, [r.to_dict() for r in snapshot.checkins]),
        (Application.KIND, [r.to_dict() for r in snapshot.applications]),
        (Round.KIND, [r.to_dict() for r in snapshot.rounds]),
        (RestDay.KIND, [r.to_dict() for r in snapshot.rest_days]),
        (WeekNote.KIND, [n.to_dict() for n in snapshot.week_notes]),
        (
            TOMBSTONE_TABLE,
            [{"id": t.id, **t.to_doc()} for t in sorted(snapshot.tombstones, key=lambda t: t.id)],
        ),
    ]
    parts = [
        f'  "format": {dumps(FORMAT_NAME)}',
        f'  "schema": {SCHEMA_VERSION}',
        f'  "settings": {dumps(snapshot.settings.to_doc())}',
    ]
    for name, items in tables:
        if items:
            body = ",\n".join(f"    {dumps(item)}" for item in items)
            parts.append(f'  "{name}": [\n{body}\n  ]')
        else:
            parts.append(f'  "{name}": []')
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _json_line(text: str, key: str) -> int | None:
    """Best-effort line of the record ``key`` in a JSON file (for error messages only)."""
    escaped = re.escape(key)
    match = re.search(rf'"id"\s*:\s*"{escaped}"|"{escaped}"\s*:\s*\{{', text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _export_to_tables(data: Mapping[str, Any], source: str, text: str) -> dict[str, Any]:
    """Turn an export (lists of records with ids) into store tables (records keyed by id)."""
    schema = data.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int):
        raise InteropError(source, None, "has no schema version; is it a rebound-tui export?")
    tables: dict[str, Any] = {META_TABLE: {"schema": {"version": schema}}}
    settings = data.get("settings")
    if settings is not None:
        if not isinstance(settings, dict):
            raise InteropError(source, _json_line(text, "settings"), "settings are not a JSON object")
        tables[SETTINGS_TABLE] = {"user": settings}
    for name in (*KINDS, TOMBSTONE_TABLE):
        items = data.get(name, [])
        if not isinstance(items, list):
            raise InteropError(source, None, f"{name!r} is not a list of records")
        table: dict[str, Any] = {}
        for number, item in enumerate(items, 1):
            key = item.get("id") if isinstance(item, dict) else None
            if not isinstance(key, str):
                raise InteropError(source, None, f"record {number} of {name!r} has no id")
            if key in table:
                raise InteropError(source, _json_line(text, key), f"id {key} appears twice in {name!r}")
            table[key] = {k: v for k, v in item.items() if k != "id"}
        tables[name] = table
    return tables


def _looks_like_store(data: Mapping[str, Any]) -> bool:
    known = {*KINDS, SETTINGS_TABLE, TOMBSTONE_TABLE, META_TABLE}
    return bool(data.keys() & known) and all(isinstance(v, dict) for v in data.values())


def read_json(path: Path, progress: Progress | None = None) -> Incoming:
    """Read a rebound-tui JSON export, or a data file (``rebound.json``) from another machine.

    Files from an older schema are migrated in memory; a file from a newer
    rebound-tui is refused with a clear message.
    """
    source = str(path)
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # "Unterminated string" is only raised when a string runs into the end of the text.
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            reason = "the JSON ends early (is the file cut short?)"
        else:
            reason = f"not valid JSON ({exc.msg})"
        raise InteropError(source, exc.lineno, reason) from None
    except RecursionError:
        raise InteropError(source, None, "its JSON is nested too deeply to be a rebound-tui file") from None
    except ValueError:  # json.loads refuses integers of over 4,300 digits
        raise InteropError(source, None, "holds a number too long to read (thousands of digits)") from None
    if isinstance(data, dict) and data.get("format") == FORMAT_NAME:
        tables = _export_to_tables(data, source, text)
    elif isinstance(data, dict) and (not data or _looks_like_store(data)):
        tables = data
    else:
        raise InteropError(source, None, "is neither a rebound-tui export nor a rebound-tui data file")
    version = schema_of(tables)
    if version > SCHEMA_VERSION:
        raise InteropError(
            source,
            None,
            f"was written by a newer rebound-tui (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}): upgrade rebound-tui to import it",
        )
    if version < 0:
        raise InteropError(source, None, "has an unreadable schema version")
    tables, _ = migrate(tables, path)

    total = sum(len(tables.get(kind, {})) for kind in (*KINDS, TOMBSTONE_TABLE))
    done = 0
    records: list[AnyRecord] = []
    for kind, cls in RECORD_TYPES.items():
        for key, doc in tables.get(kind, {}).items():
            try:
                record = cls.from_doc(key, doc)
            except (ValidationError, KeyError, TypeError, ValueError, AttributeError) as exc:
                raise InteropError(
                    source, _json_line(text, key), f"{kind_name(kind)} {key[:8]}: {reason_of(exc)}"
                ) from None
            records.append(record)
            done += 1
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total)
    tombstones: list[Tombstone] = []
    for key, doc in tables.get(TOMBSTONE_TABLE, {}).items():
        try:
            tomb = Tombstone.from_doc(check_uuid(key, "id"), doc)
            if tomb.kind not in RECORD_TYPES:
                raise ValidationError(f"unknown kind {tomb.kind!r}")
        except (ValidationError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InteropError(
                source, _json_line(text, key), f"deletion {key[:8]}: {reason_of(exc)}"
            ) from None
        tombstones.append(tomb)
    settings_doc = tables.get(SETTINGS_TABLE, {}).get("user")
    settings: Settings | None = None
    if settings_doc is not None:
        try:
            settings = Settings.from_doc(settings_doc)
        except (ValidationError, TypeError, ValueError, AttributeError) as exc:
            raise InteropError(source, _json_line(text, "settings"), f"settings: {reason_of(exc)}") from None
    if progress is not None:
        progress(total, total)
    return Incoming(
        source, tuple(records), tuple(tombstones), settings, locate=lambda key: _json_line(text, key)
    )
