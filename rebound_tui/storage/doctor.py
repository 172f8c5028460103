"""``rebound-tui doctor``: check the data file, lock, permissions and backups; restore a backup.

Restoring never deletes anything: the current file is kept aside first (a hard
link to it, or a copy), so even an unreadable file stays on disk for a closer
look; then the backup replaces it atomically. At every instant the data path
holds the old file or the restored one, never nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from rebound_tui.core.models import SCHEMA_VERSION, Snapshot
from rebound_tui.storage import files
from rebound_tui.storage.documents import dump, schema_of, with_writes, writes_in_head
from rebound_tui.storage.paths import RESTORE_ASIDE
from rebound_tui.storage.store import Store, StoreError


def keep_aside(path: Path, aside: Path) -> Path:
    """Keep ``path``'s current content at ``aside`` too (0600), leaving ``path`` in place.

    If ``aside`` is taken (a restore interrupted a moment ago), ``aside-2``, ``-3``...
    is used, unless it already is this very file. Returns the path kept.
    """
    for n in range(1, 100):
        target = aside if n == 1 else aside.with_name(f"{aside.name}-{n}")
        try:
            os.link(path, target, follow_symlinks=False)
        except FileExistsError:
            if os.path.samefile(path, target):
                return target
            continue
        except OSError:  # a file system without hard links: a copy, written atomically
            if target.exists() or target.is_symlink():
                continue
            payload, _ = files.read_file(path)
            files.atomic_write(target, payload)
        with contextlib.suppress(OSError):
            os.chmod(target, 0o600)
        return target
    raise StoreError(f"too many copies named {aside}; nothing was changed")


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def _perm_check(name: str, path: Path, wanted: int) -> Check:
    if path.is_symlink():
        return Check(name, False, f"{path} is a symbolic link; rebound-tui refuses to use it")
    mode = _mode(path)
    if mode != wanted:
        return Check(
            name, False, f"{path} has mode {mode:04o}; expected {wanted:04o} (chmod {wanted:o} {path})"
        )
    return Check(name, True, f"{path} ({mode:04o})")


def diagnose(store: Store) -> list[Check]:
    """Look at everything rebound-tui relies on, without changing anything."""
    checks: list[Check] = []
    if not store.data_dir.exists():
        return [
            Check("data folder", True, f"{store.data_dir} does not exist yet; it is made on your first save")
        ]
    checks.append(_perm_check("data folder", store.data_dir, 0o700))
    if store.backup_dir.is_dir() or store.backup_dir.is_symlink():
        checks.append(_perm_check("backup folder", store.backup_dir, 0o700))
    if store.path.exists() or store.path.is_symlink():
        checks.append(_perm_check("data file", store.path, 0o600))
        try:
            snap = Store(store.data_dir).snapshot()
        except StoreError as exc:
            checks.append(Check("contents", False, str(exc)))
        else:
            checks.append(Check("contents", True, _contents(snap, _file_schema(store))))
    else:
        checks.append(Check("data file", True, f"{store.path} does not exist yet (no saves so far)"))
    checks.append(_lock_check(store))
    checks.extend(_backup_checks(store))
    temps = [p for p in store.data_dir.iterdir() if files.is_temp_file(p.name)]
    if temps:
        checks.append(
            Check(
                "leftovers",
                True,
                f"{len(temps)} temp file(s) from an interrupted save; removed on the next save",
            )
        )
    return checks


def _file_schema(store: Store) -> int | None:
    """The schema version the file on disk carries (before any migration in memory)."""
    try:
        payload = store.path.read_bytes()
    except OSError:
        return None
    match = re.match(rb'\{\s*"_meta"\s*:\s*\{\s*"schema"\s*:\s*\{\s*"version"\s*:\s*(\d+)\s*\}', payload)
    if match:  # the way every save writes it: no need to parse years of records again
        return int(match.group(1))
    try:
        return schema_of(json.loads(payload))
    except (ValueError, RecursionError, AttributeError):
        return None


def _contents(snap: Snapshot, schema: int | None) -> str:
    """'12 check-ins, …, 0 week notes (schema 2)', and whether the next save updates the schema."""
    notes = len(snap.week_notes)
    counts = (
        f"{len(snap.checkins):,} check-ins, {len(snap.applications):,} applications, "
        f"{len(snap.rounds):,} rounds, {len(snap.rest_days):,} pauses, "
        f"{notes:,} week note{'' if notes == 1 else 's'}"
    )
    if schema is None or schema == SCHEMA_VERSION:
        return f"{counts} (schema {SCHEMA_VERSION})"
    return f"{counts} (schema {schema}; updated to schema {SCHEMA_VERSION} on the next save, with a backup)"


def _lock_check(store: Store) -> Check:
    if not store.lock_path.exists() and not store.lock_path.is_symlink():
        return Check("lock", True, f"{store.lock_path} is made on the first save")
    perm = _perm_check("lock", store.lock_path, 0o600)
    if not perm.ok:
        return perm
    try:
        free = files.lock_is_free(store.lock_path)  # creates nothing: doctor only looks
    except StoreError as exc:
        return Check("lock", False, str(exc))
    if not free:
        return Check("lock", True, f"{store.lock_path} is held by another rebound-tui right now")
    return Check("lock", True, f"{store.lock_path} can be locked")


def _backup_checks(store: Store) -> list[Check]:
    backups = store.backups()
    if not backups:
        return [Check("backups", True, f"none yet in {store.backup_dir} (one is kept per day you save)")]
    good = store.newest_good_backup()
    checks = [
        Check(
            "backups",
            good is not None,
            f"{len(backups)} in {store.backup_dir}; newest good: {good.name if good else 'none'}",
        )
    ]
    for path in store.future_backups():
        checks.append(
            Check(
                "backup",
                True,
                f"{path.name} is named after a day still to come (the clock was off when it was made); "
                "it is not taken as the newest",
            )
        )
    for path in backups:
        if _mode(path) != 0o600:
            checks.append(_perm_check("backup", path, 0o600))
    return checks


def restore_newest(store: Store) -> str:
    """Put the newest backup that fully loads in place of the data file; the old file is kept aside.

    The backup's save counter is raised above every counter seen here, so backups
    written after the restore sort as newer than the ones written before it.
    """
    with store.locked():
        for backup in store.backups():
            payload = backup.read_bytes()
            try:
                store.snapshot_of(payload)
            except StoreError:
                continue
            kept = ""
            if store.path.exists():
                stamp = store.now().strftime("%Y%m%dT%H%M%S")
                aside = store.path.with_name(f"{store.path.name}{RESTORE_ASIDE}{stamp}")
                kept = f"; the previous file is kept as {keep_aside(store.path, aside)}"
            store.write_bytes(_counted_after(store, payload), known_good=True)
            return f"Restored {store.path} from {backup}{kept}."
    raise StoreError(f"no readable backup in {store.backup_dir}; nothing was changed")


def _counted_after(store: Store, payload: bytes) -> bytes:
    """``payload`` with its save counter above the data file's and every backup's."""
    seen = [0]
    for path in (store.path, *store.backups()):
        try:
            with path.open("rb") as handle:
                seen.append(writes_in_head(handle.read(256)) or 0)
        except OSError:
            continue
    return dump(with_writes(json.loads(payload), max(seen) + 1))
