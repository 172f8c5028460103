"""One locked read-modify-write of the data file, in memory: the only code that touches TinyDB.

:meth:`Store.transaction <rebound_tui.storage.store.Store.transaction>` takes
the lock, reads the file fresh and hands out a :class:`Transaction` over the
parsed documents; the store writes them back once when the block ends. TinyDB
does the table work here: its tables are keyed by our records' UUIDs, and a
new TinyDB over an in-memory storage is made for every transaction, so no
table caches anything from an older state of the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, MutableMapping
from typing import Any, TypeVar, cast

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from rebound_tui.core.models import RECORD_TYPES, Record, Settings, Snapshot, Tombstone
from rebound_tui.storage.documents import SETTINGS_TABLE, TOMBSTONE_TABLE, Raw, resolve_id

_R = TypeVar("_R", bound=Record)


class UUIDTable(Table):
    """A TinyDB table keyed by our records' UUIDs instead of counting integers."""

    document_id_class = str  # type: ignore[assignment]


def _doc(data: Mapping[str, Any], key: str) -> Document:
    """A TinyDB document keyed by our UUID (TinyDB's hints say int; UUIDTable uses str)."""
    return Document(data, doc_id=cast(int, key))


def _replaced_by(new: Mapping[str, Any]) -> Callable[[MutableMapping[Any, Any]], None]:
    """A TinyDB update that makes a document exactly ``new`` (fields it lacks go)."""

    def replace(doc: MutableMapping[Any, Any]) -> None:
        doc.clear()
        doc.update(new)

    return replace


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


class Transaction:
    """The data inside one locked read-modify-write, handed out by ``Store.transaction()``.

    What it reads is the file as it was when the lock was taken, with this
    transaction's own changes on top. What it changes is written to disk once,
    when the ``with`` block ends without an exception, and only if anything
    changed. It cannot be used after its block has ended.

    Args:
        raw: the documents read inside the lock (the transaction changes them in place).
        to_snapshot: builds model objects from documents, as the store does.
    """

    def __init__(self, raw: Raw, to_snapshot: Callable[[Raw], Snapshot]) -> None:
        self._db = _DB(raw, storage=_BufferStorage)
        self._storage = cast(_BufferStorage, self._db.storage)
        self._to_snapshot = to_snapshot
        self._open = True
        self.written: set[tuple[str, str]] = set()
        """(table, id) of every document this transaction wrote: the store checks each before saving."""

    @property
    def changed(self) -> bool:
        """True once anything has been changed (the store then writes the file)."""
        return self._storage.dirty

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
        return self._storage.read()

    def snapshot(self) -> Snapshot:
        """Every record as model objects, as they stand in this transaction."""
        return self._to_snapshot(self.raw())

    def resolve_id(self, kind: str, prefix: str) -> str:
        """Expand a unique id prefix to the full id, against the data read inside the lock."""
        return resolve_id(self.raw(), kind, prefix)

    def get(self, cls: type[_R], record_id: str) -> _R:
        """The record of type ``cls`` with this id or unique id prefix, as it stands in this transaction."""
        raw = self.raw()
        full = resolve_id(raw, cls.KIND, record_id)
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
            self.written.add((record.KIND, record.id))
        for kind, docs in by_kind.items():
            if docs:
                self._table(kind).insert_multiple(docs)

    def put(self, record: Record) -> None:
        """Save ``record`` as it is: a new one is added, the one with its id is replaced."""
        table = self._table(record.KIND)
        doc = _doc(record.to_doc(), record.id)
        if table.contains(doc_id=doc.doc_id):
            # Replaced whole, in place: an upsert merges, so a field left out while unset
            # (ABSENT_WHEN_NONE, e.g. a reflect_later cleared) kept its old value.
            table.update(_replaced_by(doc), doc_ids=[doc.doc_id])
        else:
            table.insert(doc)
        self.written.add((record.KIND, record.id))

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
        self.written.add((TOMBSTONE_TABLE, tombstone.id))

    def add_tombstones(self, tombstones: Iterable[Tombstone]) -> None:
        """Remember several new deletions in one bulk insert.

        Raises:
            ValueError: one of them is already remembered (nothing is written).
        """
        tombs = list(tombstones)
        docs = [_doc(t.to_doc(), t.id) for t in tombs]
        self.written.update((TOMBSTONE_TABLE, t.id) for t in tombs)
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
        self.written.add((SETTINGS_TABLE, "user"))
