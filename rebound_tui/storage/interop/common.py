"""What every format shares: the error type, what an import read, reading text and CSV rows.

Also the small names the commands use around any format: :func:`records_of`,
:func:`counts_by_kind`, :func:`write_private` (an export's file, 0600) and
:func:`guess_format` (which reader a file needs).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import stat
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rebound_tui.core.models import (
    RECORD_TYPES,
    Application,
    CheckIn,
    RestDay,
    Round,
    Settings,
    Snapshot,
    Tombstone,
    ValidationError,
    WeekNote,
)
from rebound_tui.storage.documents import KIND_NAMES

AnyRecord = CheckIn | Application | Round | RestDay | WeekNote
Progress = Callable[[int, int], None]
"""Called now and then with (done, total) while a file is read; units are lines or records."""

TAG_SEPARATOR = " | "
"""Between tags in one CSV cell (tags can hold neither '|' nor ',')."""

PROGRESS_EVERY = 250
"""Rows or records between two calls of a ``progress`` callback."""

KINDS: tuple[str, ...] = tuple(RECORD_TYPES)
"""The kinds of record, in the order files and counts list them."""


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


def reason_of(exc: BaseException) -> str:
    """Why a record or row was refused, in one line (a missing field is named)."""
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}"
    return " ".join(str(exc).split()) or type(exc).__name__


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def kind_name(kind: str) -> str:
    """'check-in', 'application', 'interview round', 'pause' or 'week note'."""
    return KIND_NAMES.get(kind, kind)


def records_of(snapshot: Snapshot) -> tuple[AnyRecord, ...]:
    """All records of a snapshot, kind by kind."""
    return (
        *snapshot.checkins,
        *snapshot.applications,
        *snapshot.rounds,
        *snapshot.rest_days,
        *snapshot.week_notes,
    )


def counts_by_kind(records: Iterable[AnyRecord]) -> str:
    """'3 check-ins, 1 interview round' (kinds in a fixed order)."""
    counter = Counter(r.KIND for r in records)
    return ", ".join(_plural(counter[kind], kind_name(kind)) for kind in KINDS if counter[kind])


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


def check_export_target(path: Path, data_dir: Path) -> None:
    """Refuse an export path inside the data folder: ``-o rebound.json`` would replace the store.

    The path is resolved (symbolic links followed) before it is compared, so a link
    pointing into the data folder is refused too.
    """
    data = data_dir.resolve()
    target = path.resolve()
    if target == data or data in target.parents:
        raise InteropError(
            str(path),
            None,
            f"is in your data folder ({data_dir}); export somewhere else (nothing was written)",
        )


def _check_replaceable(path: Path, *, overwrite: bool) -> bool:
    """Whether ``path`` exists; refuse a link or non-regular file always, any file without ``overwrite``."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise InteropError(str(path), None, f"cannot be checked ({exc.strerror})") from None
    if stat.S_ISLNK(mode):
        raise InteropError(
            str(path), None, "is a symbolic link; refusing to replace it (nothing was written)"
        )
    if stat.S_ISDIR(mode):
        raise InteropError(str(path), None, "is a folder; give a file name")
    if not stat.S_ISREG(mode):
        raise InteropError(
            str(path), None, "is not a regular file (a pipe or a device?); refusing to replace it"
        )
    if not overwrite:
        raise InteropError(str(path), None, "already exists; add --force to replace it (nothing was written)")
    return True


def check_writable(paths: Iterable[Path], *, overwrite: bool) -> None:
    """Check every target of an export before the first is written, so a refusal writes nothing."""
    for path in paths:
        _check_replaceable(path, overwrite=overwrite)


def write_private(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically, readable by its owner only (0600).

    A temp file in the same folder is written, flushed, synced and then linked to
    ``path`` (which fails if a file appeared there meanwhile) or, with ``overwrite``,
    renamed over an existing regular file. A symbolic link, a device, a pipe or a
    folder at ``path`` is never replaced; an existing file only with ``overwrite``.
    A crash leaves the old file or the new one. ``mkstemp`` creates it 0600
    whatever the umask.
    """
    exists = _check_replaceable(path, overwrite=overwrite)
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
        if exists:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # never over a file that appeared since the check
            except FileExistsError:
                raise InteropError(
                    str(path), None, "already exists; add --force to replace it (nothing was written)"
                ) from None
            os.unlink(tmp)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InteropError(str(path), None, f"cannot be written ({exc.strerror})") from None
        raise


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_regular(path: Path, limit: int = -1) -> bytes:
    """The bytes of a regular file (the first ``limit`` of them), or an InteropError.

    The type is checked on the open descriptor before anything is read, and the
    open never waits: a FIFO, a device or a folder is refused at once instead of
    hanging the command.
    """
    source = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InteropError(source, None, "no such file") from None
    except IsADirectoryError:
        raise InteropError(source, None, "is a folder, not a file") from None
    except OSError as exc:
        raise InteropError(source, None, f"cannot be read ({exc.strerror})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise InteropError(source, None, "is a folder, not a file")
        raise InteropError(source, None, "is not a regular file (a pipe or a device?); give a file")
    os.set_blocking(fd, True)
    with os.fdopen(fd, "rb") as handle:
        try:
            return handle.read(limit)
        except OSError as exc:
            raise InteropError(source, None, f"cannot be read ({exc.strerror})") from None


def read_text(path: Path) -> str:
    """The text of a file to import, or an InteropError saying why it is not text we can read."""
    data = read_regular(path)
    source = str(path)
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


def csv_rows(
    text: str, source: str, progress: Progress | None = None, delimiter: str = ","
) -> Iterator[tuple[int, list[str]]]:
    """Yield (line where the row starts, cells) for every non-blank row, header included."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
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
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(reader.line_num, total)
        yield line, row
    if progress is not None:
        progress(total, total)


DELIMITERS = (",", "\t", ";")
"""Between cells: Daylio writes commas; a file re-saved by a spreadsheet may have tabs or semicolons."""


def header_delimiter(first_line: str) -> str:
    """The delimiter of a CSV file, told from its header row: the one that splits it into most cells.

    Header names hold none of these, so the delimiter is the character that occurs
    most often in the header (a comma on a tie or when none occurs).
    """
    return max(DELIMITERS, key=lambda d: (first_line.count(d), d == ","))


def csv_header(rows: Iterator[tuple[int, list[str]]], source: str) -> list[str]:
    for _, row in rows:
        return [cell.strip().lower() for cell in row]
    raise InteropError(source, None, "has no header row")


def check_width(row: list[str], header: Sequence[str], source: str, line: int) -> None:
    if len(row) == len(header):
        return
    hint = " (is the file cut short?)" if len(row) < len(header) else ""
    raise InteropError(source, line, f"has {len(row)} fields but the header names {len(header)}{hint}")


def cell_tags(text: str) -> list[str]:
    """The tags in one CSV cell, separated by '|' (the way exports and Daylio write them)."""
    return [part.strip() for part in text.split("|") if part.strip()]


# --------------------------------------------------------------------------- which format


def guess_format(path: Path) -> str:
    """'json', 'csv' or 'daylio', from the path and, for a CSV file, its header row."""
    if path.is_dir():
        return "csv"
    if path.suffix.lower() == ".json":
        return "json"
    head = read_regular(path, 4096)
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        read_text(path)  # raises the "binary data" error with its line
    first = head.decode("utf-8-sig", errors="replace").lstrip().split("\n", 1)[0]
    if first.startswith("{"):
        return "json"
    columns = {c.strip().strip('"').lower() for c in first.split(header_delimiter(first))}
    if "mood" in columns and ({"full_date", "year"} & columns):
        return "daylio"
    if "id" in columns:
        return "csv"
    raise InteropError(str(path), None, "cannot tell its format: give --format json, csv or daylio")
