"""The one owner of the TinyDB file: locked, atomic, private, backed up, migrated.

Every change runs as a *transaction*: take an exclusive ``flock`` on a sidecar
lock file, read the file fresh (never a cached copy), let TinyDB change the
data in memory, then write the whole file once to a temp file in the same
folder, ``fsync`` it, ``os.replace`` it over the old one and ``fsync`` the
folder. A crash at any instant leaves the old file or the new one. Two
processes saving at once take turns, and each sees what the other wrote.

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
  :class:`Transaction` (read fresh inside the lock, change, written once);
- below the records, for ``doctor`` and benchmarks: :meth:`Store.locked`,
  :meth:`Store.write_bytes`, :meth:`Store.snapshot_of`, and the backups.

TinyDB stays inside this module: the tables, the UUID-keyed documents and the
in-memory storage of a transaction are nobody else's business.

The store never imports Textual.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

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
    iso,
    now_local,
)
from rebound_tui.storage.paths import BACKUP_DIR, DATA_FILE, LOCK_FILE

META_TABLE = "_meta"
SETTINGS_TABLE = "settings"
TOMBSTONE_TABLE = "tombstones"
TABLES = (*RECORD_TYPES, SETTINGS_TABLE, TOMBSTONE_TABLE, META_TABLE)
BACKUP_KEEP = 7
LOCK_TIMEOUT = 10.0
_TEMP_PREFIX = ".rebound.json."
_TEMP_SUFFIX = ".tmp"
_BACKUP_RE = re.compile(r"^rebound-(\d{4}-\d{2}-\d{2})\.json$")

KIND_NAMES = {
    CheckIn.KIND: "check-in",
    Application.KIND: "application",
    Round.KIND: "interview round",
    RestDay.KIND: "pause",
}

_R = TypeVar("_R", bound=Record)
Raw = dict[str, dict[str, dict[str, Any]]]


# --------------------------------------------------------------------------- errors


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


# --------------------------------------------------------------------------- TinyDB plumbing


class UUIDTable(Table):
    """A TinyDB table keyed by our records' UUIDs instead of counting integers."""

    document_id_class = str  # type: ignore[assignment]


def _doc(data: Mapping[str, Any], key: str) -> Document:
    """A TinyDB document keyed by our UUID (TinyDB's hints say int; UUIDTable uses str)."""
    return Document(data, doc_id=cast(int, key))


def _key(key: str) -> int:
    return cast(int, key)


class _DB(TinyDB):
    table_class = UUIDTable


class _BufferStorage(Storage):
    """Holds the data of one transaction in memory; the store writes it once at the end."""

    def __init__(self, data: Raw) -> None:
        self.data = data
        self.dirty = False

    def read(self) -> Raw:
        return self.data

    def write(self, data: Raw) -> None:
        self.data = data
        self.dirty = True


class _Loaded:
    """One version of the file: its bytes, the parsed documents and the model objects.

    Once the model objects are built the parsed documents are let go (they
    would double the memory a long-running TUI holds) and parsed again from
    the bytes only if something asks for them.
    """

    def __init__(self, payload: bytes, raw: Raw, reparse: Callable[[bytes], Raw]) -> None:
        self.payload = payload
        self._raw: Raw | None = raw
        self._reparse = reparse
        self.snapshot: Snapshot | None = None

    @property
    def raw(self) -> Raw:
        if self._raw is None:
            self._raw = self._reparse(self.payload)
        return self._raw

    def keep_only_snapshot(self) -> None:
        self._raw = None


# --------------------------------------------------------------------------- a transaction


class Transaction:
    """The data inside one locked read-modify-write, handed out by :meth:`Store.transaction`.

    What it reads is the file as it was when the lock was taken, with this
    transaction's own changes on top. What it changes is written to disk once,
    when the ``with`` block ends without an exception, and only if anything
    changed. It cannot be used after its block has ended.
    """

    def __init__(self, store: Store, db: TinyDB, to_snapshot: Callable[[Raw], Snapshot]) -> None:
        self._store = store
        self._db = db
        self._to_snapshot = to_snapshot
        self._open = True

    def close(self) -> None:
        """End the transaction: any later change raises instead of being silently lost."""
        self._open = False

    def _table(self, name: str) -> Table:
        if not self._open:
            raise RuntimeError("this transaction has ended; start a new one to change the data")
        return self._db.table(name)

    # ----------------------------------------------------------------- reading

    def raw(self) -> Raw:
        """The parsed documents as they stand in this transaction; treat them as read-only."""
        return cast(Raw, self._db.storage.read())

    def snapshot(self) -> Snapshot:
        """Every record as model objects, as they stand in this transaction."""
        return self._to_snapshot(self.raw())

    def resolve_id(self, kind: str, prefix: str) -> str:
        """Expand a unique id prefix to the full id, against the data read inside the lock."""
        return self._store.resolve_id(kind, prefix, self.raw())

    def get(self, cls: type[_R], record_id: str) -> _R:
        """The record of type ``cls`` with this id or unique id prefix, as it stands in this transaction."""
        raw = self.raw()
        full = self._store.resolve_id(cls.KIND, record_id, raw)
        return cls.from_doc(full, dict(raw[cls.KIND][full]))  # type: ignore[attr-defined,no-any-return]

    # ----------------------------------------------------------------- changing

    def insert(self, records: Iterable[Record]) -> None:
        """Add new records, one bulk insert per kind.

        Raises:
            ValueError: a record with one of these ids is already there (nothing is written).
        """
        by_kind: dict[str, list[Document]] = {kind: [] for kind in RECORD_TYPES}
        for record in records:
            by_kind.setdefault(record.KIND, []).append(_doc(record.to_doc(), record.id))
        for kind, docs in by_kind.items():
            if docs:
                self._table(kind).insert_multiple(docs)

    def put(self, record: Record) -> None:
        """Save ``record`` as it is: a new one is added, the one with its id is replaced."""
        self._table(record.KIND).upsert(_doc(record.to_doc(), record.id))

    def remove(self, kind: str, ids: Iterable[str]) -> None:
        """Take the records of ``kind`` with these full ids out; ids not there are skipped.

        This leaves no tombstone: pair it with :meth:`put_tombstone` for a deletion.
        """
        doc_ids = [_key(key) for key in ids]
        if doc_ids:
            self._table(kind).remove(doc_ids=doc_ids)

    def put_tombstone(self, tombstone: Tombstone) -> None:
        """Remember a deletion, replacing an earlier one of the same id."""
        self._table(TOMBSTONE_TABLE).upsert(_doc(tombstone.to_doc(), tombstone.id))

    def add_tombstones(self, tombstones: Iterable[Tombstone]) -> None:
        """Remember several new deletions in one bulk insert.

        Raises:
            ValueError: one of them is already remembered (nothing is written).
        """
        docs = [_doc(t.to_doc(), t.id) for t in tombstones]
        if docs:
            self._table(TOMBSTONE_TABLE).insert_multiple(docs)

    def drop_tombstone(self, record_id: str) -> None:
        """Forget the deletion of ``record_id``, if one is remembered."""
        tombstones = self._table(TOMBSTONE_TABLE)
        if tombstones.contains(doc_id=_key(record_id)):
            tombstones.remove(doc_ids=[_key(record_id)])

    def put_settings(self, settings: Settings) -> None:
        """Save the settings as they are (``updated`` included)."""
        self._table(SETTINGS_TABLE).upsert(_doc(settings.to_doc(), "user"))


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


MIGRATIONS: dict[int, Callable[[Raw], Raw]] = {0: _migrate_0_to_1}
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


# --------------------------------------------------------------------------- the store


def _file_signature(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


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
        self.lock_timeout = lock_timeout
        self.backups_kept = backups
        self.clock = clock
        self._loaded: _Loaded | None = None
        self._seen_signature: tuple[int, int, int, int] | None = None
        self._lock_depth = 0  # > 0 while this Store holds the lock (write_bytes checks it)

    # ----------------------------------------------------------------- reading

    def _read_payload(self) -> tuple[bytes, tuple[int, int, int, int] | None]:
        """The file's bytes and signature, or ``b""`` and None when there is no file yet."""
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except FileNotFoundError:
            return b"", None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise UnsafePathError(f"{self.path} is a symbolic link; refusing to follow it") from None
            raise StoreError(f"cannot open {self.path}: {exc.strerror}") from None
        with os.fdopen(fd, "rb") as handle:
            signature = _file_signature(os.fstat(handle.fileno()))
            return handle.read(), signature

    def _parse(self, payload: bytes) -> Raw:
        """Parse and check the shape of a data file; raise CorruptStoreError if it is not ours."""
        try:
            raw = json.loads(payload)
        except UnicodeDecodeError:
            self._corrupt("it is not UTF-8 text")
        except json.JSONDecodeError as exc:
            what = "it is empty" if not payload.strip() else f"invalid JSON at line {exc.lineno}"
            self._corrupt(what)
        if not isinstance(raw, dict):
            self._corrupt("the top level is not a JSON object")
        for name, table in raw.items():
            if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
                self._corrupt(f"table {name!r} is not a set of records")
        return cast(Raw, raw)

    def _corrupt(self, reason: str) -> Any:
        backup = self.newest_good_backup()
        hint = f"newest good backup: {backup}" if backup else "no good backup found"
        raise CorruptStoreError(
            f"{self.path} cannot be read ({reason}); it was left untouched; {hint}; "
            "run 'rebound-tui doctor' to check or restore"
        )

    def _load(self) -> _Loaded:
        payload, signature = self._read_payload()
        if self._loaded is not None and self._loaded.payload == payload:
            self._seen_signature = signature
            return self._loaded
        raw = self._parse(payload) if signature is not None else {}
        raw, _ = migrate(raw, self.path)
        self._loaded = _Loaded(payload, raw, self._reparse)
        self._seen_signature = signature
        return self._loaded

    def settings(self) -> Settings:
        """The user's settings, without building every record (for a fast start)."""
        doc = self._load().raw.get(SETTINGS_TABLE, {}).get("user", {})
        try:
            return Settings.from_doc(doc)
        except (ValidationError, TypeError, ValueError) as exc:
            return self._corrupt(f"settings are not valid: {_reason(exc)}")  # type: ignore[no-any-return]

    def snapshot(self) -> Snapshot:
        """Every record as model objects, read fresh if the file changed since last time."""
        loaded = self._load()
        if loaded.snapshot is None:
            raw = loaded.raw
            loaded.keep_only_snapshot()  # parsed again from the bytes if anyone asks
            loaded.snapshot = self._to_snapshot(raw, consume=True)
        return loaded.snapshot

    def raw(self) -> Raw:
        """The parsed documents of the file as it is now, without building model objects.

        Migrated to the current schema in memory, and cached until the file
        changes (the quick one-line answers read this; it is what makes them
        fast on years of data). Treat it as read-only: it is shared with later
        calls. Raises CorruptStoreError as :meth:`snapshot` would.
        """
        return self._load().raw

    def snapshot_of(self, payload: bytes) -> Snapshot:
        """The records that ``payload`` (the bytes of a data file or a backup) holds.

        Checked as strictly as the data file itself, but taken as they are:
        there is no schema migration. Nothing is cached or written.

        Raises:
            CorruptStoreError: the bytes would not load as a rebound-tui store.
        """
        return self._to_snapshot(self._parse(payload))

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
        )

    def changed(self) -> bool:
        """True when the file on disk is not the one last read or written here."""
        try:
            st = os.stat(self.path, follow_symlinks=False)
        except FileNotFoundError:
            return self._seen_signature is not None
        return _file_signature(st) != self._seen_signature

    def exists(self) -> bool:
        """True when the data file is there (before the first save it is not)."""
        return self.path.exists()

    # ----------------------------------------------------------------- writing

    def _ensure_dir(self) -> None:
        for folder in (self.data_dir, self.backup_dir):
            if folder.is_symlink():
                raise UnsafePathError(f"{folder} is a symbolic link; refusing to use it")
            try:
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask
            except OSError as exc:
                raise StoreError(f"cannot create {folder}: {exc.strerror}") from None

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
        self._ensure_dir()
        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise UnsafePathError(f"{self.lock_path} is a symbolic link; refusing to use it") from None
            raise StoreError(f"cannot open the lock file {self.lock_path}: {exc.strerror}") from None
        try:
            os.fchmod(fd, 0o600)
            deadline = time.monotonic() + self.lock_timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise StoreBusyError(
                            f"another rebound-tui has been saving to {self.path} for over "
                            f"{self.lock_timeout:g} s; nothing was written, please try again"
                        ) from None
                    time.sleep(0.002)
                except OSError as exc:
                    raise LockUnavailableError(
                        f"cannot lock {self.lock_path} ({exc.strerror}); refusing to write without a lock "
                        "(network file systems may not support locks: try --data-dir on a local disk)"
                    ) from None
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
        finally:
            os.close(fd)  # closing the descriptor releases the lock

    def _clean_temp_files(self) -> None:
        """Remove temp files a crashed writer left behind (safe: we hold the lock)."""
        for folder in (self.data_dir, self.backup_dir):  # backups are written the same way
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.startswith(_TEMP_PREFIX) and entry.name.endswith(_TEMP_SUFFIX):
                        with contextlib.suppress(FileNotFoundError):
                            os.unlink(entry.path)

    def _atomic_write(self, target: Path, payload: bytes) -> None:
        if target.is_symlink():
            raise UnsafePathError(f"{target} is a symbolic link; refusing to replace it")
        # Created 0600 and exclusive, in the same folder so the rename is atomic
        # (tempfile.mkstemp would do the same, but costs 6 ms to import on the quick path).
        tmp = target.parent / f"{_TEMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}{_TEMP_SUFFIX}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        dir_fd = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def write_bytes(self, payload: bytes) -> None:
        """Replace the data file with ``payload`` as it is: atomically, 0600, no check, no backup.

        For putting back a file's exact bytes (``doctor``'s restore of a backup).
        Call it inside :meth:`locked`; records are changed through :meth:`transaction`.

        Raises:
            RuntimeError: the lock is not held.
            UnsafePathError: the data file is a symbolic link.
        """
        if not self._lock_depth:
            raise RuntimeError("Store.write_bytes needs the lock: call it inside Store.locked()")
        self._atomic_write(self.path, payload)

    def _backup(self, payload: bytes) -> None:
        """Keep a copy of the file as it was before the first save of each day."""
        if not payload or self.backups_kept <= 0:
            return
        today = self.clock().date()
        target = self.backup_dir / f"rebound-{today.isoformat()}.json"
        if target.exists():
            return
        self._atomic_write(target, payload)
        for old in self.backups()[self.backups_kept :]:
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
            self._clean_temp_files()
            payload, _ = self._read_payload()
            raw = self._parse(payload) if payload or self.path.exists() else {}
            raw, migrated = migrate(raw, self.path)
            # A new TinyDB per transaction: its tables cache nothing from an older state.
            db = _DB(raw, storage=_BufferStorage)
            storage = cast(_BufferStorage, db.storage)
            txn = Transaction(self, db, self._to_snapshot)
            try:
                yield txn
            finally:
                txn.close()
            if not (storage.dirty or migrated):
                return
            self._backup(payload)
            data = storage.data
            data.setdefault(META_TABLE, {})["schema"] = {"version": SCHEMA_VERSION}
            new_payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            self._atomic_write(self.path, new_payload)
            self._loaded = _Loaded(new_payload, data, self._reparse)
            self._seen_signature = _file_signature(os.stat(self.path))

    # ----------------------------------------------------------------- records

    def now(self) -> datetime:
        """The store's clock: now, with a UTC offset."""
        return self.clock()

    def add(self, record: Record) -> None:
        """Save a new record."""
        with self.transaction() as txn:
            txn.insert([record])

    def add_many(self, records: list[Record]) -> None:
        """Save several new records in one write (all or nothing)."""
        with self.transaction() as txn:
            txn.insert(records)

    def get(self, cls: type[_R], record_id: str) -> _R:
        """The record of type ``cls`` with this id or unique id prefix."""
        full = self.resolve_id(cls.KIND, record_id)
        doc = self._load().raw.get(cls.KIND, {})[full]
        return cls.from_doc(full, doc)  # type: ignore[attr-defined,no-any-return]

    def resolve_id(self, kind: str, prefix: str, raw: Raw | None = None) -> str:
        """Expand a unique id prefix (like git) to the full id."""
        table = (raw if raw is not None else self._load().raw).get(kind, {})
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
            raise NotFoundError(
                f"{len(matches)} {name}s have ids starting with {prefix!r}; give more of the id"
            )
        return matches[0]

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

    def forget_everything(self) -> list[Path]:
        """Remove the data file, its backups, stray temp files and the lock; return what went.

        The only code that removes backups. The lock is held until the data is gone, so
        no other rebound-tui saves in between; the lock file itself goes last.
        """
        removed: list[Path] = []

        def remove(path: Path) -> None:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed.append(path)

        if not (self.path.exists() or self.backup_dir.exists() or self.lock_path.exists()):
            return removed
        with self.locked():
            remove(self.path)
            for folder in (self.data_dir, self.backup_dir):
                for entry in sorted(folder.iterdir()):
                    is_temp = entry.name.startswith(_TEMP_PREFIX) and entry.name.endswith(_TEMP_SUFFIX)
                    if is_temp or (folder == self.backup_dir and _BACKUP_RE.match(entry.name)):
                        remove(entry)
            with contextlib.suppress(OSError):  # left in place if it holds files that are not ours
                self.backup_dir.rmdir()
                removed.append(self.backup_dir)
            remove(self.lock_path)
        self._loaded = None
        self._seen_signature = None
        return removed

    def save_settings(self, settings: Settings) -> Settings:
        """Save the settings, stamped with the time of the save; return them as saved."""
        saved = Settings(
            weekly_target=settings.weekly_target,
            theme=settings.theme,
            first_day_of_week=settings.first_day_of_week,
            updated=self.clock(),
        )
        with self.transaction() as txn:
            txn.put_settings(saved)
        return saved

    # ----------------------------------------------------------------- backups

    def backups(self) -> list[Path]:
        """Backup files, newest first."""
        if not self.backup_dir.is_dir():
            return []
        found = [p for p in self.backup_dir.iterdir() if _BACKUP_RE.match(p.name) and not p.is_symlink()]
        return sorted(found, key=lambda p: p.name, reverse=True)

    def newest_good_backup(self) -> Path | None:
        """The newest backup that parses as a JSON object, if any."""
        for path in self.backups():
            try:
                raw = json.loads(path.read_bytes())
            except (OSError, ValueError):
                continue
            if isinstance(raw, dict):
                return path
        return None

    def backup_day(self, path: Path) -> date | None:
        """The day a backup file was made, from its name (None for other files)."""
        match = _BACKUP_RE.match(path.name)
        return date.fromisoformat(match.group(1)) if match else None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}"
    return str(exc) or type(exc).__name__
