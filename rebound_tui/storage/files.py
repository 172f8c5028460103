"""The file-system steps the store is built from: private folders, the lock, atomic replace.

- :func:`atomic_write`: a temp file in the same folder (0600, exclusive),
  written, flushed and ``fsync``-ed, ``os.replace``-d over the target, then the
  folder ``fsync``-ed. A crash at any instant leaves the old file or the new one.
- :func:`exclusive_lock`: ``flock`` on a sidecar lock file, waiting up to a
  timeout; a file system that cannot lock is refused, never written unlocked.
- Symbolic links at the data, lock or backup paths are refused everywhere.

Every failure becomes a one-line :class:`~rebound_tui.storage.errors.StoreError`.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rebound_tui.storage.errors import LockUnavailableError, StoreBusyError, StoreError, UnsafePathError

TEMP_PREFIX = ".rebound.json."
TEMP_SUFFIX = ".tmp"
"""Temp files are named ``.rebound.json.<pid>-<random>.tmp``, for the data file and backups alike."""

Signature = tuple[int, int, int, int]
"""(device, inode, size, mtime in ns): changes whenever the file is replaced or rewritten."""


def is_temp_file(name: str) -> bool:
    """True for the name of a temp file a save writes (and a crash may leave behind)."""
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def signature(st: os.stat_result) -> Signature:
    """The signature of a file from its ``stat``."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def read_file(path: Path) -> tuple[bytes, Signature | None]:
    """A file's bytes and signature, or ``b""`` and None when there is no file yet."""
    try:
        # O_NONBLOCK: a FIFO at the path must be refused, not waited on forever.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return b"", None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafePathError(f"{path} is a symbolic link; refusing to follow it") from None
        raise StoreError(f"cannot open {path}: {exc.strerror}") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        what = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file (a pipe or a device?)"
        raise UnsafePathError(
            f"{path} is {what}; rebound-tui keeps your data in a plain file there: "
            "move it away, or use --data-dir"
        )
    os.set_blocking(fd, True)
    with os.fdopen(fd, "rb") as handle:
        try:
            return handle.read(), signature(st)
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror}") from None


def ensure_private_dirs(folders: Iterable[Path]) -> None:
    """Create each missing folder as 0700 (refusing symbolic links).

    A folder that is already there is left as it is, mode included: it may be
    one the person made (``--data-dir``); ``doctor`` says if it is readable by others.
    """
    for folder in folders:
        if folder.is_symlink():
            raise UnsafePathError(f"{folder} is a symbolic link; refusing to use it")
        if folder.is_dir():
            continue
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask
        except OSError as exc:
            raise StoreError(f"cannot create {folder}: {exc.strerror}") from None


@contextlib.contextmanager
def exclusive_lock(
    lock_path: Path, timeout: float, *, guarding: Path, on_wait: Callable[[], object] | None = None
) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``lock_path`` (made 0600) for the ``with`` block.

    Args:
        lock_path: the sidecar lock file; created if missing.
        timeout: seconds to wait for another holder before giving up.
        guarding: the data file the lock protects (named in the messages).
        on_wait: called once when the lock is found held by another, before waiting for it.

    Raises:
        StoreBusyError: another holder kept it for longer than ``timeout``.
        LockUnavailableError: the file system cannot lock.
        UnsafePathError: ``lock_path`` is a symbolic link.
    """
    deadline = time.monotonic() + timeout
    while True:
        fd = _open_lock(lock_path)
        try:
            _flock(fd, lock_path, deadline, timeout, guarding, on_wait)
            # The lock file may have been removed (``forget``) while we waited: a lock on a
            # file no longer at lock_path excludes nobody, so take the one that is there now.
            held = os.fstat(fd)
            try:
                current = os.stat(lock_path, follow_symlinks=False)
            except FileNotFoundError:
                current = None
        except BaseException:
            os.close(fd)
            raise
        if current is not None and (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino):
            break
        os.close(fd)
    try:
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _open_lock(lock_path: Path) -> int:
    """Open (creating if needed, 0600) the lock file, refusing a symbolic link."""
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafePathError(f"{lock_path} is a symbolic link; refusing to use it") from None
        raise StoreError(f"cannot open the lock file {lock_path}: {exc.strerror}") from None
    try:
        os.fchmod(fd, 0o600)
    except OSError:
        os.close(fd)
        raise
    return fd


def _flock(
    fd: int,
    lock_path: Path,
    deadline: float,
    timeout: float,
    guarding: Path,
    on_wait: Callable[[], object] | None = None,
) -> None:
    """Take the exclusive ``flock`` on ``fd``, polling until ``deadline``; ``on_wait`` once if held."""
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
                on_wait = None
            if time.monotonic() >= deadline:
                raise StoreBusyError(
                    f"another rebound-tui has been saving to {guarding} for over "
                    f"{timeout:g} s; nothing was written, please try again"
                ) from None
            time.sleep(0.002)
        except OSError as exc:
            raise LockUnavailableError(
                f"cannot lock {lock_path} ({exc.strerror}); refusing to write without a lock "
                "(network file systems may not support locks: try --data-dir on a local disk)"
            ) from None


def lock_is_free(lock_path: Path) -> bool:
    """True when the existing lock file can be locked right now; creates and changes nothing.

    Raises:
        LockUnavailableError: the file system cannot lock.
        StoreError: the lock file cannot be opened (or is a symbolic link).
    """
    try:
        fd = os.open(lock_path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafePathError(f"{lock_path} is a symbolic link; refusing to use it") from None
        raise StoreError(f"cannot open the lock file {lock_path}: {exc.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        raise LockUnavailableError(
            f"cannot lock {lock_path} ({exc.strerror}); refusing to write without a lock "
            "(network file systems may not support locks: try --data-dir on a local disk)"
        ) from None
    finally:
        os.close(fd)
    return True


def clean_temp_files(folders: Iterable[Path]) -> None:
    """Remove temp files a crashed writer left behind. Call it only while holding the lock."""
    for folder in folders:
        with os.scandir(folder) as entries:
            for entry in entries:
                if is_temp_file(entry.name):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(entry.path)


def atomic_write(target: Path, payload: bytes, *, durable: bool = True) -> None:
    """Replace ``target`` with ``payload`` (0600) so that a crash leaves the old file or the new one.

    With ``durable=False`` nothing is ``fsync``-ed: for hints that may be lost in a
    crash (the known-good mark), never for data.
    """
    if target.is_symlink():
        raise UnsafePathError(f"{target} is a symbolic link; refusing to replace it")
    # Created 0600 and exclusive, in the same folder so the rename is atomic
    # (tempfile.mkstemp would do the same, but costs 6 ms to import on the quick path).
    tmp = target.parent / f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}{TEMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    if not durable:
        return
    dir_fd = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
