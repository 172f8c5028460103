"""The one owner of the data file: locked, atomic, private, backed up, migrated.

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
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from rebound_tui.core.models import (
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
    now_local,
)
from rebound_tui.storage import files
from rebound_tui.storage.documents import (
    KIND_NAMES,
    META_TABLE,
    MIGRATIONS,
    SETTINGS_TABLE,
    TABLES,
    TOMBSTONE_TABLE,
    Raw,
    migrate,
    resolve_id,
    schema_of,
)
from rebound_tui.storage.errors import (
    CorruptStoreError,
    LockUnavailableError,
    NotFoundError,
    StoreBusyError,
    StoreError,
    UnsafePathError,
)
from rebound_tui.storage.paths import BACKUP_DIR, DATA_FILE, LOCK_FILE
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
    "Transaction",
    "UnsafePathError",
    "migrate",
    "schema_of",
]

BACKUP_KEEP = 7
LOCK_TIMEOUT = 10.0
_BACKUP_RE = re.compile(r"^rebound-(\d{4}-\d{2}-\d{2})\.json$")

_R = TypeVar("_R", bound=Record)


# --------------------------------------------------------------------------- the store


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
        self._seen_signature: files.Signature | None = None
        self._lock_depth = 0  # > 0 while this Store holds the lock (write_bytes checks it)

    # ----------------------------------------------------------------- reading

    def _parse(self, payload: bytes) -> Raw:
        """Parse and check the shape of a data file; raise CorruptStoreError if it is not ours."""
        try:
            raw = json.loads(payload)
        except UnicodeDecodeError:
            self._corrupt("it is not UTF-8 text")
        except json.JSONDecodeError as exc:
            what = "it is empty" if not payload.strip() else f"invalid JSON at line {exc.lineno}"
            self._corrupt(what)
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
        backup = self.newest_good_backup()
        hint = f"newest good backup: {backup}" if backup else "no good backup found"
        raise CorruptStoreError(
            f"{self.path} cannot be read ({reason}); it was left untouched; {hint}; "
            "run 'rebound-tui doctor' to check or restore"
        )

    def _load(self) -> _Loaded:
        payload, signature = files.read_file(self.path)
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
        return files.signature(st) != self._seen_signature

    def exists(self) -> bool:
        """True when the data file is there (before the first save it is not)."""
        return self.path.exists()

    # ----------------------------------------------------------------- writing

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
        files.ensure_private_dirs((self.data_dir, self.backup_dir))
        with files.exclusive_lock(self.lock_path, self.lock_timeout, guarding=self.path):
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1

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
        files.atomic_write(self.path, payload)

    def _backup(self, payload: bytes) -> None:
        """Keep a copy of the file as it was before the first save of each day."""
        if not payload or self.backups_kept <= 0:
            return
        today = self.clock().date()
        target = self.backup_dir / f"rebound-{today.isoformat()}.json"
        if target.exists():
            return
        files.atomic_write(target, payload)
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
            files.clean_temp_files((self.data_dir, self.backup_dir))  # backups are written the same way
            payload, _ = files.read_file(self.path)
            raw = self._parse(payload) if payload or self.path.exists() else {}
            raw, migrated = migrate(raw, self.path)
            txn = Transaction(raw, self._to_snapshot)
            try:
                yield txn
            finally:
                txn.close()
            if not (txn.changed or migrated):
                return
            self._backup(payload)
            data = txn.raw()
            data.setdefault(META_TABLE, {})["schema"] = {"version": SCHEMA_VERSION}
            new_payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            files.atomic_write(self.path, new_payload)
            self._loaded = _Loaded(new_payload, data, self._reparse)
            self._seen_signature = files.signature(os.stat(self.path))

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
        """Expand a unique id prefix (like git) to the full id (in ``raw``, or the file as it is now)."""
        return resolve_id(raw if raw is not None else self._load().raw, kind, prefix)

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
                    is_temp = files.is_temp_file(entry.name)
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
