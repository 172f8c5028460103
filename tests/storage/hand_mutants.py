"""Mutants by hand for the write path's context managers, which mutmut does not mutate.

mutmut skips functions under a decorator, so ``files.exclusive_lock``, ``Store.locked``
and ``Store.transaction`` (all ``@contextlib.contextmanager``) get these mutations
instead: each is applied to a copy of the package in a temporary folder, and the
storage tests run against that copy (stopping at the first failure). Run it from the
repository's root::

    .venv/bin/python tests/storage/hand_mutants.py            # every mutant
    .venv/bin/python tests/storage/hand_mutants.py T3 L2      # some of them

It prints one line per mutant: killed (and by which test) or SURVIVED. docs/mutation.md
holds the list and the last result. The file is not collected by pytest (its name does
not start with ``test_``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = [
    "tests/storage",
    "--ignore=tests/storage/test_store_kill.py",
    "--ignore=tests/storage/test_store_concurrency.py",
]


@dataclass(frozen=True)
class Mutant:
    """One hand mutation: replace ``old`` (found exactly once in ``file``) with ``new``."""

    name: str
    file: str
    old: str
    new: str
    what: str


FILES = "rebound_tui/storage/files.py"
STORE = "rebound_tui/storage/store.py"

MUTANTS = [
    # files.exclusive_lock
    Mutant(
        "E1",
        FILES,
        "if current is not None and (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino):",
        "if True:",
        "keep a lock on a file that forget removed meanwhile (no inode re-check)",
    ),
    Mutant(
        "E2",
        FILES,
        "if current is not None and (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino):",
        "if current is not None or (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino):",
        "and -> or in the inode re-check",
    ),
    Mutant(
        "E3",
        FILES,
        "        os.close(fd)\n    try:\n        yield",
        "    try:\n        yield",
        "the descriptor of a lock file replaced meanwhile is never closed",
    ),
    Mutant(
        "E4",
        FILES,
        "        except BaseException:\n            os.close(fd)\n            raise",
        "        except BaseException:\n            raise",
        "the descriptor is leaked when the wait times out",
    ),
    Mutant(
        "E5",
        FILES,
        "    finally:\n        os.close(fd)  # closing the descriptor releases the lock",
        "    finally:\n        pass",
        "the lock is never released",
    ),
    Mutant(
        "E6",
        FILES,
        "    deadline = time.monotonic() + timeout\n    while True:\n        fd = _open_lock",
        "    deadline = time.monotonic() + 0 * timeout\n    while True:\n        fd = _open_lock",
        "no waiting at all for another holder",
    ),
    Mutant(
        "E7",
        FILES,
        "                current = None\n        except BaseException:",
        "                raise\n        except BaseException:",
        "a lock file removed while waiting is an error instead of a retry",
    ),
    # Store.locked
    Mutant(
        "L1",
        STORE,
        "        files.ensure_private_dirs((self.data_dir,))\n        wait = self._now_waiting\n",
        "        wait = self._now_waiting\n",
        "the data folder is not made before the lock file is opened",
    ),
    Mutant(
        "L2",
        STORE,
        "                files.ensure_private_dirs((self.data_dir, self.backup_dir))\n",
        "",
        "the folders are not made again inside the lock (after a forget we waited for)",
    ),
    Mutant(
        "L3",
        STORE,
        "                files.ensure_private_dirs((self.data_dir, self.backup_dir))\n",
        "                files.ensure_private_dirs((self.data_dir,))\n",
        "backups/ is not made again inside the lock",
    ),
    Mutant("L4", STORE, "                self._lock_depth += 1\n", "", "the lock is not counted as held"),
    Mutant(
        "L5",
        STORE,
        "                finally:\n                    self._lock_depth -= 1",
        "                finally:\n                    pass",
        "the lock still counts as held after the block",
    ),
    Mutant(
        "L6",
        STORE,
        "        finally:\n            self._waiting_for_lock = False  # also when",
        "        finally:\n            pass  # also when",
        "a wait that gave up still says it is waiting",
    ),
    Mutant(
        "L7",
        STORE,
        "guarding=self.path, on_wait=wait):",
        "guarding=self.path):",
        "a save waiting for another process never says so",
    ),
    # Store.transaction
    Mutant(
        "T1",
        STORE,
        "            files.clean_temp_files((self.data_dir, self.backup_dir))",
        "            pass",
        "temp files left by a killed writer are not cleaned up",
    ),
    Mutant(
        "T2",
        STORE,
        "            files.clean_temp_files((self.data_dir, self.backup_dir))",
        "            files.clean_temp_files((self.data_dir,))",
        "temp files of a killed backup write are not cleaned up",
    ),
    Mutant(
        "T3",
        STORE,
        "raw = self._parse(payload) if payload or self.path.exists() else {}",
        "raw = self._parse(payload) if payload and self.path.exists() else {}",
        "an empty data file is taken as a new store and written over",
    ),
    Mutant(
        "T4",
        STORE,
        "            self._check_before_save(raw, signature)\n",
        "",
        "a file whose records do not load is saved over",
    ),
    Mutant(
        "T5",
        STORE,
        "            if not (txn.changed or migrated):\n                return\n",
        "",
        "a transaction that changed nothing writes the file",
    ),
    Mutant(
        "T6",
        STORE,
        "            if not (txn.changed or migrated):",
        "            if not (txn.changed and migrated):",
        "or -> and: only migrations that also change something are written",
    ),
    Mutant(
        "T7",
        STORE,
        "            self._check_written(txn, data)\n",
        "",
        "records that would not load are written",
    ),
    Mutant(
        "T8",
        STORE,
        "with_writes(data, writes + 1)",
        "with_writes(data, writes)",
        "the save counter is not raised",
    ),
    Mutant(
        "T9",
        STORE,
        'except ValueError as exc:\n                raise StoreError(f"the change could not',
        'except KeyError as exc:\n                raise StoreError(f"the change could not',
        "NaN in a change escapes as a ValueError (a traceback) instead of one line",
    ),
    Mutant("T10", STORE, "            self._backup(payload)\n", "", "no daily backup"),
    Mutant(
        "T11",
        STORE,
        "            self._mark(True)\n            self._loaded",
        "            self._mark(False)\n            self._loaded",
        "the known-good mark is not written after a save",
    ),
    Mutant(
        "T12",
        STORE,
        "            self._seen_signature = files.signature(os.stat(self.path))",
        "            pass",
        "a Store's own save looks like a change made elsewhere",
    ),
    Mutant(
        "T13",
        STORE,
        "            finally:\n                txn.close()",
        "            finally:\n                pass",
        "a transaction can still be changed after its block (and the change is lost)",
    ),
    Mutant(
        "T14",
        STORE,
        "            self._backup(payload)\n            files.atomic_write(self.path, new_payload)\n",
        "            files.atomic_write(self.path, new_payload)\n            self._backup(new_payload)\n",
        "the backup holds the new file instead of the one before the day's first save",
    ),
    Mutant(
        "T15",
        STORE,
        '            with_writes(data, writes + 1)[META_TABLE]["schema"] = {"version": SCHEMA_VERSION}',
        "            with_writes(data, writes + 1)",
        "the schema stamp is not set again before the write",
    ),
    Mutant(
        "T16",
        STORE,
        "            self._loaded = _Loaded(new_payload, data, self._reparse)\n",
        "",
        "the saved version is not kept as the one last read",
    ),
]


def run(mutant: Mutant, python: str) -> str:
    """Apply ``mutant`` to a copy of the package and run the storage tests; the verdict line."""
    with tempfile.TemporaryDirectory(prefix="hand-mutant-") as tmp:
        work = Path(tmp)
        shutil.copytree(
            ROOT / "rebound_tui", work / "rebound_tui", ignore=shutil.ignore_patterns("__pycache__")
        )
        shutil.copytree(ROOT / "tests", work / "tests", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(ROOT / "tools", work / "tools", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "pyproject.toml", work / "pyproject.toml")
        target = work / mutant.file
        source = target.read_text(encoding="utf-8")
        if source.count(mutant.old) != 1:
            return f"{mutant.name}: NOT APPLIED (the code it mutates changed; update hand_mutants.py)"
        target.write_text(source.replace(mutant.old, mutant.new), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(work), "PYTHONDONTWRITEBYTECODE": "1"}
        result = subprocess.run(
            [python, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", *TESTS],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode == 0:
        return f"{mutant.name}: SURVIVED ({mutant.what})"
    failed = re.search(r"^(?:FAILED|ERROR) (\S+)", result.stdout, re.MULTILINE)
    return f"{mutant.name}: killed by {failed.group(1) if failed else result.stdout[-300:]} ({mutant.what})"


def main(names: list[str]) -> int:
    chosen = [m for m in MUTANTS if not names or m.name in names]
    survived = 0
    for mutant in chosen:
        line = run(mutant, sys.executable)
        survived += "SURVIVED" in line or "NOT APPLIED" in line
        print(line, flush=True)
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
