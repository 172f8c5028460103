"""rebound-tui's own CSV: one file per kind of record, read back exactly.

Settings and deletions are not in the CSV files; the JSON export carries them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rebound_tui.core.models import (
    RATING_DIMENSIONS,
    RECORD_TYPES,
    Application,
    CheckIn,
    RestDay,
    Round,
    Snapshot,
    ValidationError,
    WeekNote,
)
from rebound_tui.storage.interop.common import (
    TAG_SEPARATOR,
    AnyRecord,
    Incoming,
    InteropError,
    Progress,
    cell_tags,
    check_width,
    check_writable,
    csv_header,
    csv_rows,
    kind_name,
    read_text,
    reason_of,
    write_private,
)

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
    Application.KIND: (
        "id",
        "company",
        "role",
        "source",
        "note",
        "created",
        "updated",
        "applied_on",
        "archived",
        "link",
        "contact",
        "quiet_offer_made",
    ),
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
        "reflect_later",
    ),
    RestDay.KIND: ("id", "start", "end", "note", "created", "updated"),
    WeekNote.KIND: ("id", "week", "keep", "try", "created", "updated"),
}
"""The columns of each CSV file, in order. Tags and factors are joined with ' | '."""

SCHEMA_2_COLUMNS: frozenset[str] = frozenset(
    {"applied_on", "archived", "link", "contact", "quiet_offer_made", "reflect_later"}
)
"""Columns schema 2 added: a file exported before them is read without them (their defaults)."""


def _required(kind: str) -> set[str]:
    return set(CSV_COLUMNS[kind]) - SCHEMA_2_COLUMNS


CSV_FILES: dict[str, str] = {
    CheckIn.KIND: "checkins.csv",
    Application.KIND: "applications.csv",
    Round.KIND: "rounds.csv",
    RestDay.KIND: "rest_days.csv",
    WeekNote.KIND: "week_notes.csv",
}


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these may run as a formula in a spreadsheet (OWASP's CSV injection)."""

QUOTE = "'"
"""Put before such a cell so a spreadsheet shows it as text; also before a cell already starting with it."""


def neutralise(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet will not run: ``'`` before a formula start (and before ``'``).

    A cell that already starts with ``'`` gets one more, so :func:`restore` can take
    exactly one off every cell and a round trip gives back the very same text.
    """
    return QUOTE + text if text.startswith((*FORMULA_STARTS, QUOTE)) else text


def restore(cell: str) -> str:
    """Undo :func:`neutralise`: one leading ``'`` comes off."""
    return cell[1:] if cell.startswith(QUOTE) else cell


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return neutralise(TAG_SEPARATOR.join(str(v) for v in value))
    return neutralise(str(value))


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


def export_csv(snapshot: Snapshot, folder: Path, *, overwrite: bool = False) -> list[Path]:
    """Write one CSV file per kind of record (0600) into ``folder`` (see :data:`CSV_FILES`).

    The folder is created (0700) if needed. Settings and deletions are not in the
    CSV files; the JSON export carries them. Files already there are replaced only
    with ``overwrite``, and all of them are checked before the first is written.
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
        WeekNote.KIND: snapshot.week_notes,
    }
    check_writable((folder / name for name in CSV_FILES.values()), overwrite=overwrite)
    written = []
    for kind, name in CSV_FILES.items():
        target = folder / name
        write_private(target, csv_text(kind, by_kind[kind]), overwrite=overwrite)
        written.append(target)
    return written


def _doc_from_cells(kind: str, cells: Mapping[str, str]) -> dict[str, Any]:
    doc: dict[str, Any] = {k: v for k, v in cells.items() if k != "id"}
    if kind == CheckIn.KIND:
        doc["energy"] = cells["energy"] or None
        doc["feelings"] = cell_tags(cells["feelings"])
        doc["activities"] = cell_tags(cells["activities"])
    elif kind == Round.KIND:
        doc["ratings"] = {
            name: cells[f"rating_{name}"] for name in RATING_DIMENSIONS if cells[f"rating_{name}"].strip()
        }
        doc["factors"] = cell_tags(cells["factors"])
        doc["follow_up"] = cells["follow_up"] or None
    for name in SCHEMA_2_COLUMNS:
        if name in doc and not doc[name].strip():
            doc[name] = None  # an empty cell is the field's default
    return doc


def _csv_kind(header: Sequence[str], source: str) -> str:
    present = set(header)
    for kind in CSV_COLUMNS:
        if present >= _required(kind):
            return kind
    if "mood" in present and ({"full_date", "year"} & present):
        raise InteropError(source, 1, "this looks like a Daylio export: use --format daylio")
    best = max(CSV_COLUMNS, key=lambda kind: len(present & set(CSV_COLUMNS[kind])))
    missing = [c for c in CSV_COLUMNS[best] if c not in present and c in _required(best)]
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
        rows = csv_rows(text, name, shifted if progress else None)
        header = csv_header(rows, name)
        kind = _csv_kind(header, name)
        cls = RECORD_TYPES[kind]
        for line, row in rows:
            check_width(row, header, name, line)
            cells = dict(zip(header, map(restore, row), strict=True))
            key = cells["id"].strip()
            try:
                record = cls.from_doc(key, _doc_from_cells(kind, cells))
            except (ValidationError, KeyError, TypeError, ValueError) as exc:
                raise InteropError(
                    name, line, f"{kind_name(kind)} {key[:8] or '(no id)'}: {reason_of(exc)}"
                ) from None
            if record.id in origins:
                first = origins[record.id][1]
                raise InteropError(name, line, f"id {record.id} already appears on line {first}")
            origins[record.id] = (name, line)
            records.append(record)
        offset += text.count("\n") + 1
    return Incoming(source, tuple(records), origins=origins)
