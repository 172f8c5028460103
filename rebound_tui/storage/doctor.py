"""``rebound-tui doctor``: check the data file, lock, permissions and backups; restore a backup.

Restoring never deletes anything: the current file is renamed aside first,
so even an unreadable file stays on disk for a closer look.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from rebound_tui.storage import files
from rebound_tui.storage.store import Store, StoreError


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
    if store.path.exists() or store.path.is_symlink():
        checks.append(_perm_check("data file", store.path, 0o600))
        try:
            snap = Store(store.data_dir).snapshot()
        except StoreError as exc:
            checks.append(Check("contents", False, str(exc)))
        else:
            checks.append(
                Check(
                    "contents",
                    True,
                    f"{len(snap.checkins)} check-ins, {len(snap.applications)} applications, "
                    f"{len(snap.rounds)} rounds, {len(snap.rest_days)} pauses",
                )
            )
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


def _lock_check(store: Store) -> Check:
    if not store.lock_path.exists() and not store.lock_path.is_symlink():
        return Check("lock", True, f"{store.lock_path} is made on the first save")
    perm = _perm_check("lock", store.lock_path, 0o600)
    if not perm.ok:
        return perm
    probe = Store(store.data_dir, lock_timeout=1.0)
    try:
        with probe.locked():
            pass
    except StoreError as exc:
        return Check("lock", False, str(exc))
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
    for path in backups:
        if _mode(path) != 0o600:
            checks.append(_perm_check("backup", path, 0o600))
    return checks


def restore_newest(store: Store) -> str:
    """Put the newest backup that fully loads in place of the data file; the old file is kept aside."""
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
                aside = store.path.with_name(f"{store.path.name}.before-restore-{stamp}")
                os.rename(store.path, aside)
                with contextlib.suppress(OSError):
                    os.chmod(aside, 0o600)
                kept = f"; the previous file is kept as {aside}"
            store.write_bytes(payload)
            return f"Restored {store.path} from {backup}{kept}."
    raise StoreError(f"no readable backup in {store.backup_dir}; nothing was changed")
