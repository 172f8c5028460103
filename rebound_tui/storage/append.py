"""Adding one check-in to a file this store wrote, without parsing and rewriting every record.

A quick check-in used to parse the whole file (ten years: 12-15 ms) and encode
it again (15-20 ms) to add one record of some 200 bytes. When the file is
exactly the one the last save wrote, its layout is known: the save notes, in
the known-good mark beside the file, the file's checksum and where the
``checkins`` table starts and ends. Adding a check-in is then splicing its
document in before the table's closing brace and raising the save counter in
the head: the same bytes a full save would write (tests/storage/test_append.py
compares them byte for byte), still written whole, atomically, inside the lock.

When anything does not match (no mark, an older mark without a layout, another
checksum, a schema to migrate, a table not where the mark says), nothing is
guessed: :meth:`Store.add <rebound_tui.storage.store.Store.add>` takes the full
path, which parses and checks everything.
"""

from __future__ import annotations

import zlib
from typing import Any, NamedTuple

from rebound_tui.storage import files
from rebound_tui.storage.documents import HEAD, Span, encode

CHECKINS_KEY = b'"checkins":{'


class Mark(NamedTuple):
    """What the known-good mark says about the data file it names."""

    signature: tuple[int, ...]
    """The file's signature (device, inode, size, mtime) when the mark was written."""
    checksum: int | None
    """CRC-32 of the file's bytes (None in a mark written by an older rebound-tui or by a restore)."""
    checkins: Span | None
    """Where the ``checkins`` table sits in those bytes (None when not noted)."""


def mark_text(
    signature: files.Signature, payload: bytes | None = None, checkins: Span | None = None
) -> bytes:
    """The mark's bytes: the signature, then (for a file a save just wrote) its checksum and layout.

    A mark of an older rebound-tui holds the signature alone; one read by an older
    rebound-tui with more after it only costs that version one full check.
    """
    words = [str(part) for part in signature]
    if payload is not None and checkins is not None:
        words += [f"crc32={zlib.crc32(payload)}", f"checkins={checkins[0]},{checkins[1]}"]
    return " ".join(words).encode("ascii")


def read_mark(text: bytes) -> Mark | None:
    """The mark from its bytes; None when they are not a mark (a hint only: nothing is lost)."""
    words = text.decode("ascii", "replace").split()
    try:
        signature = tuple(int(word) for word in words[:4])
        extra = dict(word.split("=", 1) for word in words[4:])  # words it does not know are left alone
        checksum = int(extra["crc32"]) if "crc32" in extra else None
        span = tuple(int(n) for n in extra["checkins"].split(",")) if "checkins" in extra else ()
    except ValueError:
        return None
    if len(signature) != 4:
        return None
    checkins = (span[0], span[1]) if len(span) == 2 and 0 < span[0] < span[1] else None
    return Mark(signature, checksum, checkins)


def append_checkin(
    payload: bytes, mark: Mark, schema: int, record_id: str, doc: dict[str, Any]
) -> tuple[bytes, Span] | None:
    """``payload`` with one more check-in and its save counter raised, and the table's new span.

    None when ``payload`` is not exactly the file the mark describes, at schema
    ``schema``, or the id is there already: the caller then saves the full way.
    """
    if mark.checksum is None or mark.checkins is None or zlib.crc32(payload) != mark.checksum:
        return None
    head = HEAD.match(payload)
    start, end = mark.checkins
    if head is None or int(head.group(1)) != schema or start <= head.end():
        return None
    if payload[start : start + len(CHECKINS_KEY)] != CHECKINS_KEY or payload[end : end + 1] != b"}":
        return None
    key = encode(record_id)
    if key + b":{" in payload:  # a new id is unique; anything else is for the full path to refuse
        return None
    entry = key + b":" + encode(doc)
    if payload[end - 1 : end] != b"{":  # the table holds records already
        entry = b"," + entry
    count_at, count_end = head.span(2)
    count = str(int(head.group(2)) + 1).encode("ascii")
    shift = len(count) - (count_end - count_at)
    # Views, not slices: a slice of ten years' bytes is a copy (1.2 MB more at the moment of saving).
    view = memoryview(payload)
    spliced = b"".join((view[:count_at], count, view[count_end:end], entry, view[end:]))
    return spliced, (start + shift, end + shift + len(entry))
