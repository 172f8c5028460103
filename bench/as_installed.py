"""Running the measured programs as they run on a user's machine: from compiled bytecode.

``pip install`` compiles every module of a wheel, and an editable install writes
``__pycache__`` on its first run. A shell with ``PYTHONDONTWRITEBYTECODE=1`` (this
development machine has it) never writes it, so every module changed since its
bytecode was last written is compiled from source at every launch: about 15 ms of
first paint for the nine modules a day's work had changed (measured with cProfile,
``builtins.compile``), which the bare app (its Textual compiled by pip) never pays.
The benchmarks therefore compile the package first and start the programs without
that variable.
"""

from __future__ import annotations

import compileall
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "rebound_tui"
NO_BYTECODE_VAR = "PYTHONDONTWRITEBYTECODE"
UNSET = f"-u {NO_BYTECODE_VAR}"
"""For an ``env`` command line: start the program without the variable."""


def compile_package() -> None:
    """Write the package's bytecode, as ``pip install`` does (quietly; an error stops the run)."""
    if not compileall.compile_dir(str(PACKAGE), quiet=1):
        raise SystemExit(f"{PACKAGE} does not compile")


def user_environ(base: dict[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this process's environment) without the variable that stops bytecode."""
    env = dict(os.environ if base is None else base)
    env.pop(NO_BYTECODE_VAR, None)
    return env
