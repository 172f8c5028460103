"""The one owner of the data file: locked, atomic, private, backed up, migrated.

(It runs past 500 lines on purpose: reading, writing, backups and restore all guard the one
file and share its state: the cache of the last read, the lock depth and the "known good"
mark. What needs none of that lives beside it, named at the end of this docstring.)

Every change runs as a *transaction*: take an exclusive ``flock`` on a sidecar
lock file, read the file fresh (never a cached copy), change the data in
memory, then write the whole file once to a temp file in the same folder,
``fsync`` it, ``os.replace`` it over the old one and ``fsync`` the folder. A
crash at any instant leaves the old file or the new one. Two processes saving
at once take turns, and each sees what the other wrote.

Reads need no lock (the file is only ever replaced whole). They are cached by
the file's bytes, so a long-running reader (the TUI) can poll
:meth:`Store.changed` cheaply and reload only when another process has saved.

What the rest of the package may use (nothing else, and no underscore name):

- reading: :meth:`Store.snapshot` (model objects), :meth:`Store.settings`,
  :meth:`Store.raw` (the parsed documents, for the quick one-line answers),
  :meth:`Store.get`, :meth:`Store.resolve_id`, :meth:`Store.changed`;
- changing: :meth:`Store.add`, :meth:`Store.add_many`, :meth:`Store.update`,
  :meth:`Store.put`, :meth:`Store.delete`, :meth:`Store.restore`,
  :meth:`Store.save_settings`, :meth:`Store.forget_everything`, and for
  anything else :meth:`Store.transaction`, which hands out a
  :class:`~rebound_tui.storage.transaction.Transaction` (read fresh inside the
  lock, change, written once);
- below the records, for ``doctor`` and benchmarks: :meth:`Store.locked`,
  :meth:`Store.write_bytes`, :meth:`Store.snapshot_of`, and the backups.

The parts it is built from live beside it: :mod:`~rebound_tui.storage.files`
(the lock, atomic writes, private folders), :mod:`~rebound_tui.storage.documents`
(tables, schema, migrations), :mod:`~rebound_tui.storage.transaction` (the only
code that touches TinyDB) and :mod:`~rebound_tui.storage.errors`; the names
callers need are re-exported here.

The store never imports Textual.

Why one module of some 690 lines: the lock, the read inside it, the checks
before a save, the backup and its rotation, the write and the known-good mark
are one sequence whose order is the safety argument (see ``transaction``);
kept together, it is read top to bottom in one place. What has no part in that
order already lives in the modules named above.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import os
import re
import stat
import threading
import zlib
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from rebound_tui.core.models import (
    RECORD_TYPES,
    SCHEMA_VERSION,
    Application,
    CheckIn,
    Record,
    RestDay,
    Round,
    Settings,
    Snapshot,
    Tombstone,
    ValidationError,
    WeekNote,
    now_local,
)
from rebound_tui.storage import append, files
from rebound_tui.storage.documents import (
    KIND_NAMES,
    META_TABLE,
    MIGRATIONS,
    SETTINGS_TABLE,
    TABLES,
    TOMBSTONE_TABLE,
    Raw,
    Span,
    dump_with_spans,
    migrate,
    resolve_id,
    schema_in_head,
    schema_of,
    with_writes,
    writes_in_head,
    writes_of,
)
from rebound_tui.storage.errors import (
    CorruptStoreError,
    LockUnavailableError,
    NotFoundError,
    StoreBusyError,
    StoreError,
    UnsafePathError,
)
from rebound_tui.storage.paths import BACKUP_DIR, DATA_FILE, DRAFTS_FILE, GOOD_MARK, LOCK_FILE, RESTORE_ASIDE

if TYPE_CHECKING:  # imported when a change is made: TinyDB is not needed to read (the first paint)
    from rebound_tui.storage.transaction import Transaction

__all__ = [
    "BACKUP_KEEP",
    "KIND_NAMES",
    "LOCK_TIMEOUT",
    "META_TABLE",
    "MIGRATIONS",
    "SETTINGS_TABLE",
    "TABLES",
    "TOMBSTONE_TABLE",
    "CorruptStoreError",
    "LockUnavailableError",
    "NotFoundError",
    "Raw",
    "Store",
    "StoreBusyError",
    "StoreError",
    "UnsafePathError",
    "migrate",
    "schema_of",
]

BACKUP_KEEP = 7
LOCK_TIMEOUT = 10.0
_BACKUP_RE = re.compile(r"^rebound-(\d{4}-\d{2}-\d{2})\.json$")
_ASIDE_RE = re.compile(rf"^{re.escape(DATA_FILE + RESTORE_ASIDE)}\d{{8}}T\d{{6}}(-\d+)?$")
_HEAD = 256
"""Bytes read from the start of a backup to find its save counter."""


class _NotANumber(ValueError):
    """NaN or Infinity in a data file: Python's json reads them, JSON does not have them."""


def _reject_constant(name: str) -> Any:
    raise _NotANumber(f"{name} is not a number a data file may hold")


_R = TypeVar("_R", bound=Record)


# --------------------------------------------------------------------------- the store


class _Loaded:
    """One version of the file: its fingerprint, the parsed documents and the model objects.

    Once the model objects are built, the parsed documents are let go (with the
    file's bytes, they would double or more the memory a long-running TUI holds).
    Every read starts by reading the file again (:meth:`Store._load`): when its
    bytes have the same fingerprint and the documents are wanted, they are parsed
    again from those bytes.
    """

    def __init__(self, payload: bytes, raw: Raw | None, snapshot: Snapshot | None = None) -> None:
        self.fingerprint = fingerprint(payload)
        self._raw: Raw | None = raw
        self.snapshot: Snapshot | None = snapshot

    @property
    def raw(self) -> Raw:
        if self._raw is None:  # pragma: no cover - a bug: see Store._load(documents=True) and snapshot()
            raise StoreError("the data file's documents were let go; read it again")
        return self._raw

    def parse_again(self, payload: bytes, reparse: Callable[[bytes], Raw]) -> None:
        """The documents from ``payload``, the file's bytes just read (same fingerprint), if let go."""
        if self._raw is None:
            self._raw = reparse(payload)

    def keep_only_snapshot(self) -> None:
        self._raw = None


def fingerprint(payload: bytes) -> tuple[int, int, int]:
    """What tells one version of the data file from another without keeping its bytes.

    Its length and two checksums (zlib, which Textual has loaded already; a hash
    from hashlib would load OpenSSL). A match only lets a read reuse what was read
    before: every save parses the file afresh inside the lock.
    """
    return len(payload), zlib.crc32(payload), zlib.adler32(payload)


class Store:
    """The data file of one user, and every safe way to read and change it.

    Args:
        data_dir: the folder holding ``rebound.json``, its lock and its backups.
        lock_timeout: seconds to wait for another process before giving up.
        backups: how many daily backups to keep.
        clock: returns "now" with a UTC offset (tests freeze it).
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        lock_timeout: float = LOCK_TIMEOUT,
        backups: int = BACKUP_KEEP,
        clock: Callable[[], datetime] = now_local,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DATA_FILE
        self.lock_path = self.data_dir / LOCK_FILE
        self.backup_dir = self.data_dir / BACKUP_DIR
        self.good_mark = self.data_dir / GOOD_MARK
        self.lock_timeout = lock_timeout
        self.backups_kept = backups
        self.clock = clock
        self._loaded: _Loaded | None = None
        self._seen_signature: files.Signature | None = None
        self._lock_depth = 0  # > 0 while this Store holds the lock (write_bytes checks it)
        self._waiting_for_lock = False
        # One reader at a time builds from the cache: the TUI reads from its own thread and a
        # worker's; a reader must not find the documents let go by a snapshot half built.
        self._reading = threading.RLock()
        self._checking_copy = False  # True while snapshot_of checks bytes that are not the data file

    # ----------------------------------------------------------------- reading

    def _parse(self, payload: bytes) -> Raw:
        """Parse and check the shape of a data file; raise CorruptStoreError if it is not ours."""
        import json  # here, not at the top: the TUI's first paint reads no JSON

        try:
            raw = json.loads(payload, parse_constant=_reject_constant)
        except UnicodeDecodeError:
            self._corrupt("it is not UTF-8 text")
        except json.JSONDecodeError as exc:
            what = "it is empty" if not payload.strip() else f"invalid JSON at line {exc.lineno}"
            self._corrupt(what)
        except _NotANumber as exc:
            self._corrupt(str(exc))
        except RecursionError:
            self._corrupt("its JSON is nested too deeply")
        except ValueError:  # json.loads refuses integers of over 4,300 digits
            self._corrupt("it holds a number too long to read")
        if not isinstance(raw, dict):
            self._corrupt("the top level is not a JSON object")
        for name, table in raw.items():
            if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
                self._corrupt(f"table {name!r} is not a set of records")
        return cast(Raw, raw)

    def _corrupt(self, reason: str) -> Any:
        if self._checking_copy:  # a backup being checked: looking for a good backup here would recurse
            raise CorruptStoreError(f"these bytes cannot be read as a data file ({reason})")
        backup = self.newest_good_backup()
        hint = f"newest good backup: {backup}" if backup else "no good backup found"
        raise CorruptStoreError(
            f"{self.path} cannot be read ({reason}); it was left untouched; {hint}; "
            "run 'rebound-tui doctor' to check or restore"
        )

    def _load(self, *, documents: bool = False) -> _Loaded:
        """The file as it is now; with ``documents``, its parsed documents are ready too."""
        payload, signature = files.read_file(self.path)
        if self._loaded is not None and self._loaded.fingerprint == fingerprint(payload):
            if documents:
                self._loaded.parse_again(payload, self._reparse)
            self._seen_signature = signature
            return self._loaded
        raw = self._parse(payload) if signature is not None else {}
        raw, _ = migrate(raw, self.path)
        self._loaded = _Loaded(payload, raw)
        self._seen_signature = signature
        return self._loaded

    def check_readable(self) -> None:
        """Raise StoreError now, as the first read would, unless the last save vouched for the file.

        For the TUI, before it takes over the screen: a damaged file must be said in
        one line first. Parsing ten years there cost 10-15 ms of the first paint, so a
        file whose signature the known-good mark names, at this schema, is taken as
        read; the full read after the first frame parses and checks it as always.
        """
        payload, signature = files.read_file(self.path)
        if signature is None or (
            self._read_mark(signature) is not None and schema_in_head(payload[:_HEAD]) == SCHEMA_VERSION
        ):
            return
        self.settings()

    def settings(self) -> Settings:
        """The user's settings, without building every record (for a fast start)."""
        doc = self._documents().get(SETTINGS_TABLE, {}).get("user", {})
        try:
            return Settings.from_doc(doc)
        except (ValidationError, TypeError, ValueError) as exc:
            return self._corrupt(f"settings are not valid: {_reason(exc)}")  # type: ignore[no-any-return]

    def snapshot(self) -> Snapshot:
        """Every record as model objects, read fresh if the file changed since last time."""
        with self._reading:
            loaded = self._load()
            if loaded.snapshot is None:
                raw = loaded.raw
                loaded.keep_only_snapshot()  # parsed again from the bytes if anyone asks
                try:
                    loaded.snapshot = self._to_snapshot(raw, consume=True)
                except BaseException:
                    self._loaded = None  # half consumed: the next read parses the file afresh
                    raise
            return loaded.snapshot

    def _documents(self) -> Raw:
        """The parsed documents of the file as it is now (parsed again if they were let go)."""
        with self._reading:
            return self._load(documents=True).raw

    def raw(self) -> Raw:
        """The parsed documents of the file as it is now, without building model objects.

        Migrated to the current schema in memory, and cached until the file
        changes (the quick one-line answers read this; it is what makes them
        fast on years of data). Treat it as read-only: it is shared with later
        calls. Raises CorruptStoreError as :meth:`snapshot` would.
        """
        return self._documents()

    def snapshot_of(self, payload: bytes) -> Snapshot:
        """The records that ``payload`` (the bytes of a data file or a backup) holds.

        Checked as strictly as the data file itself, but taken as they are:
        there is no schema migration. Nothing is cached or written.

        Raises:
            CorruptStoreError: the bytes would not load as a rebound-tui store.
        """
        self._checking_copy = True
        try:
            return self._to_snapshot(self._parse(payload))
        finally:
            self._checking_copy = False

    def _reparse(self, payload: bytes) -> Raw:
        return migrate(self._parse(payload), self.path)[0] if payload else {}

    def _to_snapshot(self, raw: Raw, *, consume: bool = False) -> Snapshot:
        """Model objects from parsed documents.

        With ``consume`` the documents are taken out of ``raw`` one by one as they
        are converted, so the parsed copy and the models never both sit whole in
        memory (the peak of a long-running TUI with years of data).
        """

        def docs(kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
            table = raw.get(kind, {})
            if not consume:
                yield from table.items()
                return
            while table:
                yield table.popitem()

        def records(cls: type[_R]) -> list[_R]:
            out = []
            for key, doc in docs(cls.KIND):
                try:
                    out.append(cls.from_doc(key, doc))  # type: ignore[attr-defined]
                except (ValidationError, KeyError, TypeError, ValueError) as exc:
                    self._corrupt(f"{KIND_NAMES[cls.KIND]} {key} is not valid: {_reason(exc)}")
            return out

        settings_doc = raw.get(SETTINGS_TABLE, {}).get("user", {})
        try:
            settings = Settings.from_doc(settings_doc)
            tombstones = [Tombstone.from_doc(k, d) for k, d in raw.get(TOMBSTONE_TABLE, {}).items()]
        except (ValidationError, KeyError, TypeError, ValueError) as exc:
            self._corrupt(f"settings or deletions are not valid: {_reason(exc)}")
        return Snapshot(
            checkins=tuple(sorted(records(CheckIn), key=lambda c: (c.timestamp, c.id))),
            applications=tuple(sorted(records(Application), key=lambda a: (a.created, a.id))),
            rounds=tuple(sorted(records(Round), key=lambda r: (r.when, r.id))),
            rest_days=tuple(sorted(records(RestDay), key=lambda r: (r.start, r.id))),
            settings=settings,
            tombstones=tuple(tombstones),
            week_notes=tuple(sorted(records(WeekNote), key=lambda n: (n.week, n.id))),
        )

    def changed(self) -> bool:
        """True when the file on disk is not the one last read or written here."""
        try:
            st = os.stat(self.path, follow_symlinks=False)
        except FileNotFoundError:
            return self._seen_signature is not None
        return files.signature(st) != self._seen_signature

    def exists(self) -> bool:
        """True when the data file is there (before the first save it is not)."""
        return self.path.exists()

    # ----------------------------------------------------------------- writing

    @property
    def waiting_for_lock(self) -> bool:
        """True while :meth:`locked` waits for another process that holds the lock (not merely slow)."""
        return self._waiting_for_lock

    def _now_waiting(self) -> None:
        self._waiting_for_lock = True

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store's exclusive lock for the ``with`` block.

        :meth:`transaction` takes it for every change; hold it yourself only for
        work on the files that is not a change of records (``doctor``'s restore,
        a check that locking works). It is not re-entrant: do not start a
        transaction inside it.

        Raises:
            StoreBusyError: another process held it for longer than ``lock_timeout``.
            LockUnavailableError: the file system cannot lock.
            UnsafePathError: a symbolic link sits where the lock file goes.
        """
        files.ensure_private_dirs((self.data_dir,))
        wait = self._now_waiting
        try:
            with files.exclusive_lock(self.lock_path, self.lock_timeout, guarding=self.path, on_wait=wait):
                self._waiting_for_lock = False
                # Again inside the lock: a ``forget`` we waited for may have removed them.
                files.ensure_private_dirs((self.data_dir, self.backup_dir))
                self._lock_depth += 1
                try:
                    yield
                finally:
                    self._lock_depth -= 1
        finally:
            self._waiting_for_lock = False  # also when waiting ended in StoreBusyError

    def write_bytes(self, payload: bytes, *, known_good: bool = False) -> None:
        """Replace the data file with ``payload`` as it is: atomically, 0600, no check, no backup.

        For putting back a file's exact bytes (``doctor``'s restore of a backup).
        Call it inside :meth:`locked`; records are changed through :meth:`transaction`.
        Pass ``known_good`` only for bytes that :meth:`snapshot_of` has just loaded:
        the next save then need not check every record again.

        Raises:
            RuntimeError: the lock is not held.
            UnsafePathError: the data file is a symbolic link.
        """
        if not self._lock_depth:
            raise RuntimeError("Store.write_bytes needs the lock: call it inside Store.locked()")
        files.atomic_write(self.path, payload)
        self._mark(known_good)

    # ----------------------------------------------------------------- the known-good mark

    def _mark(self, good: bool, payload: bytes | None = None, checkins: Span | None = None) -> None:
        """Remember (or forget) that the data file as it is now loads fully.

        The mark is the file's signature (device, inode, size, mtime), kept beside it
        and not ``fsync``-ed: a mark lost in a crash only costs one full check. A save
        passes the bytes it wrote and where their ``checkins`` table sits, so that the
        next check-in can be added without parsing them (:mod:`.append`).
        """
        if not good:
            with contextlib.suppress(FileNotFoundError):
                self.good_mark.unlink()
            return
        sig = files.signature(os.stat(self.path, follow_symlinks=False))
        files.atomic_write(self.good_mark, append.mark_text(sig, payload, checkins), durable=False)

    def _read_mark(self, signature: files.Signature) -> append.Mark | None:
        """The mark, when it names exactly this version of the data file."""
        payload, _ = files.read_file(self.good_mark)
        mark = append.read_mark(payload)
        return mark if mark is not None and mark.signature == signature else None

    def _marked_good(self, signature: files.Signature) -> bool:
        """True when the mark names exactly this version of the data file."""
        return self._read_mark(signature) is not None

    def _check_before_save(self, raw: Raw, signature: files.Signature | None) -> None:
        """Refuse to save over a file that does not load fully, unless it is marked as known good.

        Checking every record of ten years costs ~55 ms, so it runs only when the file
        is not the one the last save left (another program, an older rebound-tui or a
        hand edit changed it); a save then checks only what it writes.
        """
        if signature is None or self._marked_good(signature):
            return
        self._to_snapshot(raw)  # raises CorruptStoreError naming the first invalid record

    def _check_written(self, txn: Transaction, data: Raw) -> None:
        """Every document this save writes must load; otherwise nothing is written."""
        types: dict[str, Callable[[str, dict[str, Any]], object]] = {
            cls.KIND: cls.from_doc for cls in RECORD_TYPES.values()
        }
        types[TOMBSTONE_TABLE] = Tombstone.from_doc
        for table, key in txn.written:
            doc = data.get(table, {}).get(key)
            if doc is None:
                continue
            try:
                if table == SETTINGS_TABLE:
                    Settings.from_doc(doc)
                else:
                    types[table](key, doc)
            except (ValidationError, KeyError, TypeError, ValueError) as exc:
                raise StoreError(
                    f"a {KIND_NAMES.get(table, table)} could not be saved ({_reason(exc)}); "
                    "nothing was written"
                ) from None

    def _backup(self, payload: bytes) -> None:
        """Keep a copy of the file as it was before the first save of each day, and rotate.

        ``payload`` has just been checked (it loads fully), so the copy written here
        is the newest good backup: rotation keeps it whatever the order says, and
        removes only older files that rebound-tui wrote.
        """
        if not payload or self.backups_kept <= 0:
            return
        today = self.clock().date()
        target = self.backup_dir / f"rebound-{today.isoformat()}.json"
        if target.exists() or target.is_symlink():
            return
        files.atomic_write(target, payload)
        kept = self.backups()
        for old in kept[self.backups_kept :]:
            if old != target and self._is_our_backup(old):
                with contextlib.suppress(FileNotFoundError):
                    old.unlink()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Lock, read fresh, hand out a :class:`Transaction` to change, and write once if anything changed.

        Any read-modify-write that the methods below do not cover goes here, so
        that it sees what other processes saved and they see what it saves.
        If the block raises, nothing is written.
        """
        with self.locked():
            files.clean_temp_files((self.data_dir, self.backup_dir))  # backups are written the same way
            payload, signature = files.read_file(self.path)
            raw = self._parse(payload) if payload or self.path.exists() else {}
            raw, migrated = migrate(raw, self.path)
            self._check_before_save(raw, signature)
            writes = writes_of(raw)
            from rebound_tui.storage.transaction import Transaction

            txn = Transaction(raw, self._to_snapshot)
            try:
                yield txn
            finally:
                txn.close()
            if not (txn.changed or migrated):
                return
            data = txn.raw()
            self._check_written(txn, data)
            with_writes(data, writes + 1)[META_TABLE]["schema"] = {"version": SCHEMA_VERSION}
            try:
                new_payload, spans = dump_with_spans(data)
            except ValueError as exc:
                raise StoreError(f"the change could not be saved ({exc}); nothing was written") from None
            self._backup(payload)
            files.atomic_write(self.path, new_payload)
            self._mark(True, new_payload, spans.get(CheckIn.KIND))
            self._loaded = _Loaded(new_payload, data)
            self._seen_signature = files.signature(os.stat(self.path))

    # ----------------------------------------------------------------- records

    def now(self) -> datetime:
        """The store's clock: now, with a UTC offset."""
        return self.clock()

    def add(self, record: Record) -> None:
        """Save a new record."""
        if isinstance(record, CheckIn) and self._append_checkin(record):
            return
        with self.transaction() as txn:
            txn.insert([record])

    def _append_checkin(self, record: CheckIn) -> bool:
        """Add a check-in to the file the last save wrote without parsing it; False if it is not that file.

        The bytes written are those a full save would write (see :mod:`.append`),
        with the same lock, daily backup, atomic write and mark.
        """
        doc = record.to_doc()
        try:
            read_back = CheckIn.from_doc(record.id, doc)
        except (ValidationError, KeyError, TypeError, ValueError):
            return False  # the full path says why it cannot be saved
        with self.locked():
            files.clean_temp_files((self.data_dir, self.backup_dir))
            payload, signature = files.read_file(self.path)
            mark = self._read_mark(signature) if signature is not None else None
            if mark is None:
                return False
            try:
                appended = append.append_checkin(payload, mark, SCHEMA_VERSION, record.id, doc)
            except ValueError:  # a value JSON cannot hold: the full path refuses it in words
                return False
            if appended is None:
                return False
            new_payload, checkins = appended
            self._backup(payload)
            files.atomic_write(self.path, new_payload)
            self._mark(True, new_payload, checkins)
            self._seen_signature = files.signature(os.stat(self.path))
            with self._reading:
                self._loaded = self._with_checkin(payload, new_payload, read_back)
        return True

    def add_many(self, records: list[Record]) -> None:
        """Save several new records in one write (all or nothing)."""
        with self.transaction() as txn:
            txn.insert(records)

    def _with_checkin(self, before: bytes, after: bytes, checkin: CheckIn) -> _Loaded | None:
        """What is known of the file ``after`` a check-in was spliced into ``before``.

        A TUI holding the snapshot of ``before`` gets it with the check-in in its place,
        as a full read would sort it: re-reading ten years after each check-in parsed and
        rebuilt every record (about 10 MiB more memory for a moment, and 60 ms).
        Anything else is read from the file when next asked.
        """
        loaded = self._loaded
        if loaded is None or loaded.snapshot is None or loaded.fingerprint != fingerprint(before):
            return None
        old = loaded.snapshot
        at = bisect.bisect(old.checkins, (checkin.timestamp, checkin.id), key=lambda c: (c.timestamp, c.id))
        checkins = (*old.checkins[:at], checkin, *old.checkins[at:])
        return _Loaded(after, None, dataclasses.replace(old, checkins=checkins))

    def get(self, cls: type[_R], record_id: str) -> _R:
        """The record of type ``cls`` with this id or unique id prefix."""
        full = self.resolve_id(cls.KIND, record_id)
        doc = self._documents().get(cls.KIND, {})[full]
        return cls.from_doc(full, doc)  # type: ignore[attr-defined,no-any-return]

    def resolve_id(self, kind: str, prefix: str, raw: Raw | None = None) -> str:
        """Expand a unique id prefix (like git) to the full id (in ``raw``, or the file as it is now)."""
        return resolve_id(raw if raw is not None else self._documents(), kind, prefix)

    def update(self, cls: type[_R], record_id: str, change: Callable[[_R], _R]) -> _R:
        """Apply ``change`` to the freshest copy of a record, inside the lock, and save it."""
        self.resolve_id(cls.KIND, record_id)  # fail fast, before taking the lock
        with self.transaction() as txn:
            full = txn.resolve_id(cls.KIND, record_id)
            current = txn.get(cls, full)
            changed = change(current)
            if changed.id != full:
                raise StoreError("a record's id cannot change")
            updated = changed if changed.updated != current.updated else changed.touched(self.clock())
            txn.put(updated)
        return updated

    def put(self, record: Record) -> None:
        """Save a record, new or existing (by id), as it is."""
        with self.transaction() as txn:
            txn.put(record)

    def delete(self, cls: type[Record], record_id: str) -> list[str]:
        """Delete a record (an application takes its rounds along), leaving tombstones.

        Returns the ids removed.
        """
        self.resolve_id(cls.KIND, record_id)  # fail fast, before taking the lock
        with self.transaction() as txn:
            raw = txn.raw()
            full = txn.resolve_id(cls.KIND, record_id)
            doomed = [(cls.KIND, full)]
            if cls is Application:
                doomed += [
                    (Round.KIND, key)
                    for key, doc in raw.get(Round.KIND, {}).items()
                    if doc.get("application_id") == full
                ]
            stamp = self.clock()
            for kind, key in doomed:
                txn.remove(kind, [key])
                txn.put_tombstone(Tombstone(key, kind, stamp))
        return [key for _, key in doomed]

    def restore(self, record: Record) -> Record:
        """Put back an earlier version of a record (undo of an edit or a delete) in one write.

        Its tombstone, if any, goes. ``updated`` becomes now: the restore is the newest
        change, so a later merge with a copy that saw the edit or the deletion keeps it.
        Returns the record as saved.
        """
        restored = record.touched(self.clock())
        with self.transaction() as txn:
            txn.put(restored)
            txn.drop_tombstone(record.id)
        return restored

    def own_files(self) -> list[Path]:
        """Every file (and folder) rebound-tui made here, that ``forget`` removes; the lock comes last.

        Files in these folders that rebound-tui did not write are not listed, even
        when their names look like ours.
        """
        found: list[Path] = []
        for path in (self.path, self.good_mark, self.data_dir / DRAFTS_FILE):
            if path.exists() or path.is_symlink():
                found.append(path)
        if self.data_dir.is_dir():
            for entry in sorted(self.data_dir.iterdir()):
                if files.is_temp_file(entry.name) or (_ASIDE_RE.match(entry.name) and _regular(entry)):
                    found.append(entry)
        if self.backup_dir.is_dir() and not self.backup_dir.is_symlink():
            for entry in sorted(self.backup_dir.iterdir()):
                if files.is_temp_file(entry.name) or self._is_our_backup(entry):
                    found.append(entry)
            found.append(self.backup_dir)
        if self.lock_path.exists() or self.lock_path.is_symlink():
            found.append(self.lock_path)
        return found

    def forget_everything(self) -> list[Path]:
        """Remove every file rebound-tui made here (see :meth:`own_files`); return what went.

        The only code that removes backups. The lock is held until the data is gone,
        so no other rebound-tui saves in between; the lock file itself goes last, and
        a process that was waiting for it notices and locks the new one instead.
        The backup folder goes only if nothing else is left in it.
        """
        removed: list[Path] = []
        ours = (self.path, self.backup_dir, self.lock_path, self.data_dir / DRAFTS_FILE)
        if not any(path.exists() for path in ours):
            return removed
        with self.locked():
            for path in self.own_files():
                if path == self.lock_path:
                    continue
                with contextlib.suppress(FileNotFoundError, OSError):
                    if path == self.backup_dir:
                        path.rmdir()  # left in place if it holds files that are not ours
                    else:
                        path.unlink()
                    removed.append(path)
            with contextlib.suppress(FileNotFoundError):
                self.lock_path.unlink()
                removed.append(self.lock_path)
        self._loaded = None
        self._seen_signature = None
        return removed

    def save_settings(self, settings: Settings) -> Settings:
        """Save the settings, stamped with the time of the save; return them as saved."""
        saved = dataclasses.replace(settings, updated=self.clock())
        with self.transaction() as txn:
            txn.put_settings(saved)
        return saved

    # ----------------------------------------------------------------- backups

    def backups(self) -> list[Path]:
        """Backup files, newest first, by when they were written rather than by their names.

        Order: backups not named after a day still to come first, then by the save
        counter kept in the file (a clock cannot fake it), then by modification time.
        A backup from before the counter existed sorts below every one that has it.
        """
        if not self.backup_dir.is_dir():
            return []
        today = self.clock().date()

        def order(path: Path) -> tuple[bool, int, int]:
            day = self.backup_day(path)
            try:
                with path.open("rb") as handle:
                    writes = writes_in_head(handle.read(_HEAD))
                mtime = path.stat().st_mtime_ns
            except OSError:
                return (False, -1, 0)
            return (day is None or day <= today, -1 if writes is None else writes, mtime)

        found = [p for p in self.backup_dir.iterdir() if _BACKUP_RE.match(p.name) and _regular(p)]
        return sorted(found, key=order, reverse=True)

    def future_backups(self) -> list[Path]:
        """Backups named after a day that has not come yet (the clock was wrong when they were made)."""
        today = self.clock().date()
        return [p for p in self.backups() if (day := self.backup_day(p)) is not None and day > today]

    def newest_good_backup(self) -> Path | None:
        """The newest backup (see :meth:`backups`) that loads fully, if any."""
        for path in self.backups():
            try:
                self.snapshot_of(path.read_bytes())
            except (OSError, StoreError):
                continue
            return path
        return None

    def _is_our_backup(self, path: Path) -> bool:
        """True for a regular file named like a backup that holds a rebound-tui file (all tables ours)."""
        if not (_BACKUP_RE.match(path.name) and _regular(path)):
            return False
        import json

        try:
            head = path.read_bytes()
            if writes_in_head(head[:_HEAD]) is not None:
                return True
            raw = json.loads(head)
        except (OSError, ValueError):
            return False
        return isinstance(raw, dict) and set(raw) <= set(TABLES)

    def backup_day(self, path: Path) -> date | None:
        """The day a backup file was made, from its name (None for other files)."""
        match = _BACKUP_RE.match(path.name)
        if not match:
            return None
        try:
            return date.fromisoformat(match.group(1))
        except ValueError:
            return None


def _regular(path: Path) -> bool:
    """True for a regular file that is not a symbolic link."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _reason(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}"
    return str(exc) or type(exc).__name__
