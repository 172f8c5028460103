"""Taking data out and bringing it in: JSON, CSV and Markdown exports, Daylio import, merges.

Everything here is conversion and decision; nothing imports Textual or Rich.

- ``export_json`` writes the whole store (records, settings, deletions) with its
  schema version, one record per line; ``read_json`` reads that back, or a
  ``rebound.json`` data file copied from another machine.
- ``export_csv`` writes one file per kind of record; ``read_csv`` reads them back
  exactly.
- ``export_markdown`` writes a journal to read, by month.
- ``read_daylio`` turns a Daylio CSV export into check-ins with stable ids, so
  importing the same file again adds nothing.
- ``plan_merge`` compares what came in with what is here and decides, record by
  record (by UUID), what to add, replace, delete or leave; ``merge_into_store``
  applies that plan inside one store transaction, so an import is all or nothing.

Every reader checks every row before anything is written and stops at the first
problem with :class:`InteropError`, whose one-line message names the file, the
line and the reason.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import os
import re
import tempfile
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from rebound_tui.core.models import (
    DEFAULT_FEELINGS,
    ENERGY,
    MOODS,
    RATING_DIMENSIONS,
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
    check_uuid,
    clean_tag,
)
from rebound_tui.storage.store import (
    KIND_NAMES,
    META_TABLE,
    SETTINGS_TABLE,
    TOMBSTONE_TABLE,
    Store,
    Transaction,
    migrate,
    schema_of,
)

AnyRecord = CheckIn | Application | Round | RestDay
Progress = Callable[[int, int], None]
"""Called now and then with (done, total) while a file is read; units are lines or records."""

FORMAT_NAME = "rebound-tui"
"""The ``format`` field of a JSON export, which tells it apart from other JSON."""

TAG_SEPARATOR = " | "
"""Between tags in one CSV cell (tags can hold neither '|' nor ',')."""

_PROGRESS_EVERY = 250
_KINDS: tuple[str, ...] = tuple(RECORD_TYPES)


class InteropError(ValidationError):
    """A problem in a file being imported or merged. Nothing has been written.

    The message is one line: ``FILE line N: reason`` (or ``FILE: reason``).
    """

    def __init__(self, source: str, line: int | None, reason: str) -> None:
        self.source = source
        self.line = line
        self.reason = reason
        where = f"{source} line {line}" if line else source
        super().__init__(f"{where}: {reason}")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}"
    return " ".join(str(exc).split()) or type(exc).__name__


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def kind_name(kind: str) -> str:
    """'check-in', 'application', 'interview round' or 'pause'."""
    return KIND_NAMES.get(kind, kind)


def records_of(snapshot: Snapshot) -> tuple[AnyRecord, ...]:
    """All records of a snapshot, kind by kind."""
    return (*snapshot.checkins, *snapshot.applications, *snapshot.rounds, *snapshot.rest_days)


# --------------------------------------------------------------------------- what came in


@dataclass(frozen=True)
class Incoming:
    """Records read from a file, checked, with where each one came from.

    Attributes:
        source: the file (or folder) as the user named it.
        records: check-ins, applications, rounds and pauses, in file order.
        tombstones: deletions the file knows of (JSON only).
        settings: the file's settings, if it carries them (JSON only).
        origins: record id -> (file, line), to point at the row when a check fails later.
        locate: finds a record's line on demand, where ``origins`` has none (JSON).
    """

    source: str
    records: tuple[AnyRecord, ...] = ()
    tombstones: tuple[Tombstone, ...] = ()
    settings: Settings | None = None
    origins: Mapping[str, tuple[str, int | None]] = field(default_factory=dict)
    locate: Callable[[str], int | None] | None = None

    def error(self, record_id: str, reason: str) -> InteropError:
        source, line = self.origins.get(record_id, (self.source, None))
        if line is None and self.locate is not None:
            line = self.locate(record_id)
        return InteropError(source, line, reason)


# --------------------------------------------------------------------------- files


def write_private(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically, readable by its owner only (0600).

    A temp file in the same folder is written, flushed, synced and renamed over
    the target, so a crash leaves the old file or the new one. ``mkstemp``
    creates it 0600 whatever the umask; an existing file of another mode is
    replaced, not reused.
    """
    if path.is_dir():
        raise InteropError(str(path), None, "is a folder; give a file name")
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InteropError(str(path), None, f"cannot be written ({exc.strerror})") from None
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InteropError(str(path), None, f"cannot be written ({exc.strerror})") from None
        raise


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_text(path: Path) -> str:
    """The text of a file to import, or an InteropError saying why it is not text we can read."""
    source = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InteropError(source, None, "no such file") from None
    except IsADirectoryError:
        raise InteropError(source, None, "is a folder, not a file") from None
    except OSError as exc:
        raise InteropError(source, None, f"cannot be read ({exc.strerror})") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Spreadsheets sometimes re-save CSV as UTF-16; that is still text.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InteropError(source, None, "is not valid UTF-16 text") from None
    if not data.strip():
        raise InteropError(source, None, "is empty")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InteropError(
            source, _line_of(data, nul), "holds binary data, not text (is this the right file?)"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InteropError(
            source, _line_of(data, exc.start), "is not UTF-8 text (is this the right file?)"
        ) from None


def _csv_rows(text: str, source: str, progress: Progress | None = None) -> Iterator[tuple[int, list[str]]]:
    """Yield (line where the row starts, cells) for every non-blank row, header included."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    total = text.count("\n") + 1
    start = 1
    count = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            message = str(exc)
            if "unexpected end of data" in message:
                message = "the file ends inside a quoted field (is it cut short?)"
            elif "field larger than field limit" in message:
                message = "a field is too long"
            raise InteropError(source, start, f"not valid CSV: {message}") from None
        line, start = start, reader.line_num + 1
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        count += 1
        if progress is not None and count % _PROGRESS_EVERY == 0:
            progress(reader.line_num, total)
        yield line, row
    if progress is not None:
        progress(total, total)


def _header(rows: Iterator[tuple[int, list[str]]], source: str) -> list[str]:
    for _, row in rows:
        return [cell.strip().lower() for cell in row]
    raise InteropError(source, None, "has no header row")


def _check_width(row: list[str], header: Sequence[str], source: str, line: int) -> None:
    if len(row) == len(header):
        return
    hint = " (is the file cut short?)" if len(row) < len(header) else ""
    raise InteropError(source, line, f"has {len(row)} fields but the header names {len(header)}{hint}")


# --------------------------------------------------------------------------- JSON


def export_json(snapshot: Snapshot) -> str:
    """The whole store as JSON: schema version, settings, every record and every deletion.

    One record per line, in a stable order, so two exports of the same data are
    byte for byte the same and a diff shows what changed.
    """

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    tables: list[tuple[str, list[dict[str, Any]]]] = [
        (CheckIn.KIND, [r.to_dict() for r in snapshot.checkins]),
        (Application.KIND, [r.to_dict() for r in snapshot.applications]),
        (Round.KIND, [r.to_dict() for r in snapshot.rounds]),
        (RestDay.KIND, [r.to_dict() for r in snapshot.rest_days]),
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
    for name in (*_KINDS, TOMBSTONE_TABLE):
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
    known = {*_KINDS, SETTINGS_TABLE, TOMBSTONE_TABLE, META_TABLE}
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

    total = sum(len(tables.get(kind, {})) for kind in (*_KINDS, TOMBSTONE_TABLE))
    done = 0
    records: list[AnyRecord] = []
    for kind, cls in RECORD_TYPES.items():
        for key, doc in tables.get(kind, {}).items():
            try:
                record = cls.from_doc(key, doc)
            except (ValidationError, KeyError, TypeError, ValueError, AttributeError) as exc:
                raise InteropError(
                    source, _json_line(text, key), f"{kind_name(kind)} {key[:8]}: {_reason(exc)}"
                ) from None
            records.append(record)
            done += 1
            if progress is not None and done % _PROGRESS_EVERY == 0:
                progress(done, total)
    tombstones: list[Tombstone] = []
    for key, doc in tables.get(TOMBSTONE_TABLE, {}).items():
        try:
            tomb = Tombstone.from_doc(check_uuid(key, "id"), doc)
            if tomb.kind not in RECORD_TYPES:
                raise ValidationError(f"unknown kind {tomb.kind!r}")
        except (ValidationError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InteropError(source, _json_line(text, key), f"deletion {key[:8]}: {_reason(exc)}") from None
        tombstones.append(tomb)
    settings_doc = tables.get(SETTINGS_TABLE, {}).get("user")
    settings: Settings | None = None
    if settings_doc is not None:
        try:
            settings = Settings.from_doc(settings_doc)
        except (ValidationError, TypeError, ValueError, AttributeError) as exc:
            raise InteropError(source, _json_line(text, "settings"), f"settings: {_reason(exc)}") from None
    if progress is not None:
        progress(total, total)
    return Incoming(
        source, tuple(records), tuple(tombstones), settings, locate=lambda key: _json_line(text, key)
    )


# --------------------------------------------------------------------------- CSV (our own)

CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    CheckIn.KIND: (
        "id",
        "timestamp",
        "mood",
        "energy",
        "feelings",
        "activities",
        "note",
        "created",
        "updated",
    ),
    Application.KIND: ("id", "company", "role", "source", "note", "created", "updated"),
    Round.KIND: (
        "id",
        "application_id",
        "when",
        "stage",
        "outcome",
        "follow_up",
        "feedback",
        *(f"rating_{name}" for name in RATING_DIMENSIONS),
        "went_well",
        "to_improve",
        "lesson",
        "factors",
        "created",
        "updated",
    ),
    RestDay.KIND: ("id", "start", "end", "note", "created", "updated"),
}
"""The columns of each CSV file, in order. Tags and factors are joined with ' | '."""

CSV_FILES: dict[str, str] = {
    CheckIn.KIND: "checkins.csv",
    Application.KIND: "applications.csv",
    Round.KIND: "rounds.csv",
    RestDay.KIND: "rest_days.csv",
}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return TAG_SEPARATOR.join(str(v) for v in value)
    return str(value)


def _csv_cells(record: AnyRecord) -> list[str]:
    doc = record.to_dict()
    if isinstance(record, Round):
        for name in RATING_DIMENSIONS:
            doc[f"rating_{name}"] = record.ratings.get(name)
    return [_cell(doc.get(column)) for column in CSV_COLUMNS[record.KIND]]


def csv_text(kind: str, records: Iterable[AnyRecord]) -> str:
    """One CSV file (header row first, CRLF line ends as RFC 4180 has them)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS[kind])
    writer.writerows(_csv_cells(r) for r in records)
    return buffer.getvalue()


def export_csv(snapshot: Snapshot, folder: Path) -> list[Path]:
    """Write checkins.csv, applications.csv, rounds.csv and rest_days.csv (0600) into ``folder``.

    The folder is created (0700) if needed. Settings and deletions are not in the
    CSV files; the JSON export carries them.
    """
    if folder.exists() and not folder.is_dir():
        raise InteropError(
            str(folder), None, "is a file; csv export needs a folder (it writes several files)"
        )
    if not folder.exists():
        try:
            folder.mkdir(mode=0o700, parents=True)
        except OSError as exc:
            raise InteropError(str(folder), None, f"cannot be created ({exc.strerror})") from None
    by_kind: dict[str, Sequence[AnyRecord]] = {
        CheckIn.KIND: snapshot.checkins,
        Application.KIND: snapshot.applications,
        Round.KIND: snapshot.rounds,
        RestDay.KIND: snapshot.rest_days,
    }
    written = []
    for kind, name in CSV_FILES.items():
        target = folder / name
        write_private(target, csv_text(kind, by_kind[kind]))
        written.append(target)
    return written


def _split_tags(text: str) -> list[str]:
    return [part.strip() for part in text.split("|") if part.strip()]


def _doc_from_cells(kind: str, cells: Mapping[str, str]) -> dict[str, Any]:
    doc: dict[str, Any] = {k: v for k, v in cells.items() if k != "id"}
    if kind == CheckIn.KIND:
        doc["energy"] = cells["energy"] or None
        doc["feelings"] = _split_tags(cells["feelings"])
        doc["activities"] = _split_tags(cells["activities"])
    elif kind == Round.KIND:
        doc["ratings"] = {
            name: cells[f"rating_{name}"] for name in RATING_DIMENSIONS if cells[f"rating_{name}"].strip()
        }
        doc["factors"] = _split_tags(cells["factors"])
        doc["follow_up"] = cells["follow_up"] or None
    return doc


def _csv_kind(header: Sequence[str], source: str) -> str:
    present = set(header)
    for kind, columns in CSV_COLUMNS.items():
        if present >= set(columns):
            return kind
    if "mood" in present and ({"full_date", "year"} & present):
        raise InteropError(source, 1, "this looks like a Daylio export: use --format daylio")
    best = max(CSV_COLUMNS, key=lambda kind: len(present & set(CSV_COLUMNS[kind])))
    missing = [c for c in CSV_COLUMNS[best] if c not in present]
    raise InteropError(
        source,
        1,
        f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
        f"(expected the header of {CSV_FILES[best]}: {','.join(CSV_COLUMNS[best])})",
    )


def read_csv(path: Path, progress: Progress | None = None) -> Incoming:
    """Read a folder written by :func:`export_csv` (any of its files may be absent), or one of its files.

    The kind of a single file is told by its header row.
    """
    source = str(path)
    if path.is_dir():
        files = [path / name for name in CSV_FILES.values() if (path / name).exists()]
        if not files:
            raise InteropError(source, None, f"holds none of {', '.join(CSV_FILES.values())}")
    else:
        files = [path]
    texts = [(str(file), read_text(file)) for file in files]
    total = sum(text.count("\n") + 1 for _, text in texts)
    offset = 0

    def shifted(done: int, _total: int) -> None:
        if progress is not None:
            progress(offset + done, total)

    records: list[AnyRecord] = []
    origins: dict[str, tuple[str, int | None]] = {}
    for name, text in texts:
        rows = _csv_rows(text, name, shifted if progress else None)
        header = _header(rows, name)
        kind = _csv_kind(header, name)
        cls = RECORD_TYPES[kind]
        for line, row in rows:
            _check_width(row, header, name, line)
            cells = dict(zip(header, row, strict=True))
            key = cells["id"].strip()
            try:
                record = cls.from_doc(key, _doc_from_cells(kind, cells))
            except (ValidationError, KeyError, TypeError, ValueError) as exc:
                raise InteropError(
                    name, line, f"{kind_name(kind)} {key[:8] or '(no id)'}: {_reason(exc)}"
                ) from None
            if record.id in origins:
                first = origins[record.id][1]
                raise InteropError(name, line, f"id {record.id} already appears on line {first}")
            origins[record.id] = (name, line)
            records.append(record)
        offset += text.count("\n") + 1
    return Incoming(source, tuple(records), origins=origins)


# --------------------------------------------------------------------------- Daylio

DAYLIO_MOODS: dict[str, int] = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}
"""Daylio's default mood names and the 1-5 mood each becomes."""

DAYLIO_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/rebound-tui/rebound-tui#daylio")
"""Check-ins from Daylio get ``uuid5(DAYLIO_NAMESPACE, date+time+mood+note)``: the same row, the same id."""

_FEELINGS = frozenset(DEFAULT_FEELINGS)
_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(
    (
        *("january", "february", "march", "april", "may", "june"),
        *("july", "august", "september", "october", "november", "december"),
    ),
    1,
):
    _MONTHS[_name] = _MONTHS[_name[:3]] = _number
_MONTHS["sept"] = 9

_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")
_DAY_MONTH = re.compile(r"\s*(\d{1,2})\.?\s+([^\W\d_]+)\.?\s*")
_MONTH_DAY = re.compile(r"\s*([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*")
_CLOCK = re.compile(r"\s*(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?\s*", re.IGNORECASE)


def parse_mood_map(items: Iterable[str]) -> dict[str, int]:
    """Read ``--mood-map NAME=N`` options (N 1-5) into {name (case-folded): N}."""
    mapping: dict[str, int] = {}
    scale = ", ".join(f"{n} {w}" for n, w in MOODS.items())
    for item in items:
        name, sep, number = item.rpartition("=")
        name = " ".join(name.split()).casefold()
        if not sep or not name:
            raise ValidationError(f"--mood-map {item!r} must look like NAME=N with N from 1 to 5 ({scale})")
        try:
            value = int(number.strip())
        except ValueError:
            value = 0
        if not 1 <= value <= 5:
            raise ValidationError(f"--mood-map {item!r}: N must be from 1 to 5 ({scale})")
        mapping[name] = value
    return mapping


def _daylio_day(cells: Mapping[str, str], source: str, line: int) -> date:
    numbers: tuple[int, int, int] | None = None
    if "full_date" in cells:
        text = cells["full_date"]
        if match := _ISO_DAY.fullmatch(text):
            numbers = (int(match[1]), int(match[2]), int(match[3]))
    else:
        # Older exports: a year column and a day like "18 May" or "May 18".
        year = cells["year"].strip()
        text = f"{cells['date'].strip()} {year}"
        day_month = None
        if match := _DAY_MONTH.fullmatch(cells["date"]):
            day_month = (match[1], match[2])
        elif match := _MONTH_DAY.fullmatch(cells["date"]):
            day_month = (match[2], match[1])
        month = _MONTHS.get(day_month[1].lower()) if day_month else None
        if day_month and month and year.isdigit():
            numbers = (int(year), month, int(day_month[0]))
    if numbers is not None:
        try:
            return date(*numbers)
        except ValueError:
            pass
    raise InteropError(source, line, f"date {text.strip()!r} is not a real date like 2021-05-18 or '18 May'")


def _daylio_time(text: str, source: str, line: int) -> time:
    match = _CLOCK.fullmatch(text)
    if match:
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
        half = (match[4] or "").lower()
        if half and 1 <= hour <= 12:
            hour = hour % 12 + (12 if half == "p" else 0)
        elif half:
            hour = 99
        if hour < 24 and minute < 60 and second < 60:
            return time(hour, minute, second)
    raise InteropError(source, line, f"time {text.strip()!r} is not a time like 22:00 or 10:00 pm")


def read_daylio(
    path: Path, mood_map: Mapping[str, int] | None = None, progress: Progress | None = None
) -> Incoming:
    """Read a Daylio CSV export as check-ins.

    Columns are found by header name, so every layout Daylio has used works:
    ``full_date`` (or the older ``year`` + ``date``), ``time``, ``mood``,
    ``activities``, and ``note_title`` and/or ``note``; others (``weekday``,
    ``scales``) are ignored. Moods rad/good/meh/bad/awful become 5..1;
    ``mood_map`` scores custom names (and may re-score the defaults). Activities
    that are default feelings (tired, hopeful, ...) become feelings, the rest
    activities. Each check-in's time gets this machine's UTC offset on that date.

    Ids are UUID5s of (date, time, mood, note) -- and how many identical rows came
    before -- so importing the same export twice adds nothing.
    """
    source = str(path)
    moods = {**DAYLIO_MOODS, **{k.casefold(): v for k, v in (mood_map or {}).items()}}
    rows = _csv_rows(read_text(path), source, progress)
    header = _header(rows, source)
    present = set(header)
    if {"id", "timestamp"} <= present:
        raise InteropError(
            source, 1, "this looks like a rebound-tui CSV, not a Daylio export: use --format csv"
        )
    needed = ["full_date"] if "full_date" in present or "year" not in present else ["year", "date"]
    missing = [c for c in (*needed, "time", "mood") if c not in present]
    if missing:
        raise InteropError(
            source,
            1,
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"(a Daylio export starts with full_date,date,weekday,time,mood,activities,...; "
            f"this header has {','.join(header)})",
        )
    mood_names = ", ".join(moods)
    seen: Counter[str] = Counter()
    records: list[AnyRecord] = []
    origins: dict[str, tuple[str, int | None]] = {}
    for line, row in rows:
        _check_width(row, header, source, line)
        cells = dict(zip(header, row, strict=True))
        day = _daylio_day(cells, source, line)
        clock = _daylio_time(cells["time"], source, line)
        mood_text = " ".join(cells["mood"].split())
        mood = moods.get(mood_text.casefold())
        if mood is None:
            raise InteropError(
                source,
                line,
                f"mood {mood_text!r} is not one of {mood_names} "
                f"(add --mood-map '{mood_text}=N' with N from 1 awful to 5 great)",
            )
        feelings: list[str] = []
        activities: list[str] = []
        for name in _split_tags(cells.get("activities", "")):
            try:
                tag = clean_tag(name, "activity")
            except ValidationError as exc:
                raise InteropError(source, line, str(exc)) from None
            (feelings if tag in _FEELINGS else activities).append(tag)
        note = "\n\n".join(
            part for part in (cells.get("note_title", "").strip(), cells.get("note", "").strip()) if part
        )
        moment = datetime.combine(day, clock).astimezone()
        name = f"{day.isoformat()}T{clock.isoformat()}|{mood_text.casefold()}|{note}"
        repeat = seen[name]
        seen[name] += 1
        key = str(uuid.uuid5(DAYLIO_NAMESPACE, f"{name}|{repeat}" if repeat else name))
        try:
            record = CheckIn(
                id=key,
                created=moment,
                updated=moment,
                timestamp=moment,
                mood=mood,
                feelings=tuple(feelings),
                activities=tuple(activities),
                note=note,
            )
        except ValidationError as exc:
            raise InteropError(source, line, str(exc)) from None
        records.append(record)
        origins[key] = (source, line)
    return Incoming(source, tuple(records), origins=origins)


def guess_format(path: Path) -> str:
    """'json', 'csv' or 'daylio', from the path and, for a CSV file, its header row."""
    if path.is_dir():
        return "csv"
    if path.suffix.lower() == ".json":
        return "json"
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        head = b""
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        read_text(path)  # raises the "binary data" error with its line
    first = head.decode("utf-8-sig", errors="replace").lstrip().split("\n", 1)[0]
    if first.startswith("{"):
        return "json"
    columns = {c.strip().strip('"').lower() for c in first.split(",")}
    if "mood" in columns and ({"full_date", "year"} & columns):
        return "daylio"
    if "id" in columns:
        return "csv"
    raise InteropError(str(path), None, "cannot tell its format: give --format json, csv or daylio")


# --------------------------------------------------------------------------- merging


@dataclass(frozen=True)
class Conflict:
    """A record present on both sides with different contents; the newer edit wins."""

    kind: str
    id: str
    label: str
    ours: datetime
    theirs: datetime
    took_theirs: bool
    deleted_there: bool = False
    """The other side deleted it, but it was edited here after that: it stays."""


@dataclass
class MergePlan:
    """What a merge or import would do; :func:`apply_plan` does it.

    Attributes:
        added: records that are new here.
        updated: records here replaced by a more recently edited copy.
        deletions: records here that the other side deleted after their last edit here.
        tombstones: deletions to remember (those in ``deletions`` and others new to this store).
        conflicts: records that differ on both sides, and which copy won.
        unchanged: records already here exactly as they are.
        skipped_deleted: records deleted here, which a merge must not bring back.
        settings: the other side's settings, when they were changed more recently.
    """

    source: str
    added: list[AnyRecord] = field(default_factory=list)
    updated: list[AnyRecord] = field(default_factory=list)
    deletions: list[Tombstone] = field(default_factory=list)
    tombstones: list[Tombstone] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    unchanged: int = 0
    skipped_deleted: list[AnyRecord] = field(default_factory=list)
    settings: Settings | None = None

    @property
    def changes(self) -> bool:
        """True when applying the plan would write anything."""
        return bool(self.added or self.updated or self.tombstones or self.settings)


def describe(record: AnyRecord, applications: Mapping[str, Application] | None = None) -> str:
    """A short human label for a record: its kind, short id and what it is about."""
    short = record.id[:8]
    if isinstance(record, CheckIn):
        return f"check-in {short} ({record.timestamp:%Y-%m-%d %H:%M}, mood {record.mood})"
    if isinstance(record, Application):
        return f"application {short} ({record.company}, {record.role})"
    if isinstance(record, Round):
        app = (applications or {}).get(record.application_id)
        at = f" at {app.company}" if app else ""
        return f"interview round {short} ({record.stage.label}{at}, {record.when:%Y-%m-%d})"
    return f"pause {short} ({record.start} to {record.end})"


def _doc_key(doc: Mapping[str, Any]) -> str:
    return json.dumps(doc, sort_keys=True, ensure_ascii=False)


def _theirs_wins(ours: AnyRecord, theirs: AnyRecord) -> bool:
    """The more recently edited copy wins; a tie goes to the larger document, so both sides agree."""
    if theirs.updated != ours.updated:
        return theirs.updated > ours.updated
    return _doc_key(theirs.to_doc()) > _doc_key(ours.to_doc())


def plan_merge(current: Snapshot, incoming: Incoming) -> MergePlan:
    """Decide, record by record (by UUID), how ``incoming`` combines with ``current``.

    Rules:
        - a record not here is added, unless this store deleted it (a tombstone):
          deleted records never come back;
        - a record here with different contents: the copy with the newer
          ``updated`` wins (a tie goes to the same copy on both machines), and the
          difference is reported as a conflict;
        - a deletion there removes the record here if it happened after the
          record's last edit here, and is remembered either way;
        - deleting an application deletes its rounds, as it does in the app;
        - the newer settings win.

    Raises:
        InteropError: an interview round whose application is in neither place.
    """
    plan = MergePlan(incoming.source)
    ours: dict[str, dict[str, AnyRecord]] = {kind: {} for kind in _KINDS}
    for record in records_of(current):
        ours[record.KIND][record.id] = record
    our_tombs = {t.id for t in current.tombstones}
    their_tombs = {t.id: t for t in incoming.tombstones}
    new_tombs: dict[str, Tombstone] = {}

    for tomb in sorted(incoming.tombstones, key=lambda t: t.id):
        if tomb.id in our_tombs or tomb.id in new_tombs:
            continue
        here = ours.get(tomb.kind, {}).get(tomb.id)
        if here is None:
            new_tombs[tomb.id] = tomb
        elif tomb.deleted >= here.updated:
            new_tombs[tomb.id] = tomb
            plan.deletions.append(tomb)
            if isinstance(here, Application):
                for rnd in current.rounds:
                    if rnd.application_id == here.id and rnd.id not in our_tombs and rnd.id not in new_tombs:
                        cascade = Tombstone(rnd.id, Round.KIND, tomb.deleted)
                        new_tombs[rnd.id] = cascade
                        plan.deletions.append(cascade)
        else:
            plan.conflicts.append(
                Conflict(tomb.kind, tomb.id, describe(here), here.updated, tomb.deleted, False, True)
            )
    plan.tombstones = list(new_tombs.values())
    deleted = our_tombs | new_tombs.keys()

    apps = {a.id: a for a in current.applications}
    seen_ids: set[str] = set()
    for record in incoming.records:
        if record.id in seen_ids:
            raise incoming.error(record.id, f"id {record.id} appears twice")
        seen_ids.add(record.id)
        if isinstance(record, Application):
            apps.setdefault(record.id, record)
        if record.id in our_tombs:
            plan.skipped_deleted.append(record)
            continue
        if record.id in deleted or record.id in their_tombs:
            continue  # deleted on the other side as well; nothing to bring over
        here = ours[record.KIND].get(record.id)
        if here is None:
            plan.added.append(record)
            continue
        if here.to_doc() == record.to_doc():
            plan.unchanged += 1
            continue
        took = _theirs_wins(here, record)
        plan.conflicts.append(
            Conflict(record.KIND, record.id, describe(record, apps), here.updated, record.updated, took)
        )
        if took:
            plan.updated.append(record)

    living_apps = {a for a in ours[Application.KIND] if a not in deleted}
    living_apps |= {r.id for r in (*plan.added, *plan.updated) if isinstance(r, Application)}
    for bucket in (plan.added, plan.updated):
        for rnd in [r for r in bucket if isinstance(r, Round)]:
            if rnd.application_id in living_apps:
                continue
            if rnd.application_id in deleted:
                bucket.remove(rnd)
                plan.skipped_deleted.append(rnd)
                continue
            raise incoming.error(
                rnd.id,
                f"interview round {rnd.id[:8]} belongs to application {rnd.application_id[:8]}, "
                "which is neither in this file nor in your data",
            )

    theirs = incoming.settings
    mine = current.settings
    if theirs is not None and theirs.updated is not None and theirs.to_doc() != mine.to_doc():
        newer = mine.updated is None or theirs.updated > mine.updated
        tie_won = theirs.updated == mine.updated and _doc_key(theirs.to_doc()) > _doc_key(mine.to_doc())
        if newer or tie_won:
            plan.settings = theirs
    return plan


def apply_plan(txn: Transaction, plan: MergePlan) -> None:
    """Write a plan in a :meth:`Store.transaction` (a few bulk operations).

    Replaced records are taken out and put back whole; new ones are inserted,
    which fails (writing nothing) if one is there after all.
    """
    for kind in _KINDS:
        gone = [r.id for r in plan.updated if kind == r.KIND]
        txn.remove(kind, gone + [t.id for t in plan.deletions if t.kind == kind])
    txn.insert([*plan.added, *plan.updated])
    txn.add_tombstones(plan.tombstones)
    if plan.settings is not None:
        txn.put_settings(plan.settings)


def merge_into_store(store: Store, incoming: Incoming, *, dry_run: bool = False) -> MergePlan:
    """Plan against the freshest data and, unless ``dry_run``, apply it in one locked transaction.

    Either every change is written or none is.
    """
    if dry_run:
        return plan_merge(store.snapshot(), incoming)
    with store.transaction() as txn:
        # We hold the lock, so this is the state the plan will be written over.
        plan = plan_merge(txn.snapshot(), incoming)
        apply_plan(txn, plan)
    return plan


# --------------------------------------------------------------------------- Markdown


def _quote(text: str, indent: str) -> list[str]:
    return [f"{indent}> {line}".rstrip() for line in text.strip("\n").splitlines()]


def _checkin_md(checkin: CheckIn) -> list[str]:
    head = f"- **{checkin.timestamp:%H:%M}** check-in: {MOODS[checkin.mood]} ({checkin.mood}/5)"
    if checkin.energy is not None:
        head += f", energy {ENERGY[checkin.energy]} ({checkin.energy}/5)"
    lines = [head]
    if checkin.feelings:
        lines.append(f"  - Feelings: {', '.join(checkin.feelings)}")
    if checkin.activities:
        lines.append(f"  - Did: {', '.join(checkin.activities)}")
    if checkin.note.strip():
        lines += ["", *_quote(checkin.note, "  ")]
    return lines


def _round_md(rnd: Round, app: Application | None) -> list[str]:
    where = f" at {app.company} ({app.role})" if app else ""
    lines = [f"- **{rnd.when:%H:%M}** interview: {rnd.stage.label}{where}, {rnd.outcome.label}"]
    if rnd.ratings:
        ratings = ", ".join(f"{RATING_DIMENSIONS[k]} {v}/5" for k, v in rnd.ratings.items())
        lines.append(f"  - Self-ratings: {ratings}")
    if rnd.factors:
        lines.append(f"  - Outside my control: {', '.join(f.label for f in rnd.factors)}")
    if rnd.follow_up:
        lines.append(f"  - Follow up on {rnd.follow_up:%a %d %b %Y}")
    for title, text in rnd.written_notes():
        lines += [f"  - {title}:", "", *_quote(text, "    "), ""]
    while lines[-1] == "":
        lines.pop()
    return lines


def export_markdown(snapshot: Snapshot) -> str:
    """A journal to read: by month, then by day, check-ins (feelings, notes) and interviews (reflections)."""
    apps = {a.id: a for a in snapshot.applications}
    entries: list[tuple[datetime, int, list[str]]] = []
    for checkin in snapshot.checkins:
        entries.append((checkin.timestamp, 0, _checkin_md(checkin)))
    for rnd in snapshot.rounds:
        entries.append((rnd.when, 1, _round_md(rnd, apps.get(rnd.application_id))))
    pauses: dict[tuple[int, int], list[str]] = {}
    for rest in snapshot.rest_days:
        note = f": {rest.note}" if rest.note.strip() else ""
        pauses.setdefault((rest.start.year, rest.start.month), []).append(
            f"- Pause from {rest.start:%a %d %b} to {rest.end:%a %d %b %Y}{note}"
        )
    out = ["# rebound-tui journal", ""]
    if not entries and not pauses:
        return "\n".join([*out, "Nothing logged yet.", ""])
    # Each entry is shown at its own local time, as it was logged.
    entries.sort(key=lambda e: (e[0].replace(tzinfo=None), e[1]))
    months = sorted({(e[0].year, e[0].month) for e in entries} | pauses.keys())
    by_month: dict[tuple[int, int], list[tuple[datetime, int, list[str]]]] = {m: [] for m in months}
    for entry in entries:
        by_month[(entry[0].year, entry[0].month)].append(entry)
    for month in months:
        out += [f"## {date(month[0], month[1], 1):%B %Y}", ""]
        if month in pauses:
            out += [*pauses[month], ""]
        current_day: date | None = None
        for moment, _, lines in by_month[month]:
            if moment.date() != current_day:
                current_day = moment.date()
                out += [f"### {current_day:%A} {current_day.day} {current_day:%B}", ""]
            out += [*lines, ""]
    return "\n".join(out)


def counts_by_kind(records: Iterable[AnyRecord]) -> str:
    """'3 check-ins, 1 interview round' (kinds in a fixed order)."""
    counter = Counter(r.KIND for r in records)
    return ", ".join(_plural(counter[kind], kind_name(kind)) for kind in _KINDS if counter[kind])
