"""Shared pieces of the end-to-end tests: the app's environment, the console script, the store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NOW = "2026-11-28T10:30:00+01:00"
"""A Saturday morning; every process in a test shares it (REBOUND_TUI_NOW)."""

REBOUND = Path(sys.executable).with_name("rebound-tui")
"""The venv's console script, wherever the repository was cloned."""


def app_env(term: str = "xterm-256color", home: Path | None = None, **extra: str) -> dict[str, str]:
    """The whole environment of the app under test: nothing leaks in from the test runner."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home) if home else os.environ.get("HOME", "/tmp"),
        "TERM": term,
        "LANG": "C.UTF-8",
        "TEXTUAL_ANIMATIONS": "none",
        "REBOUND_TUI_NOW": NOW,
    }
    env.update(extra)
    return env


# --------------------------------------------------------------------------- the store, from outside


def read_store(data_dir: Path) -> dict[str, Any]:
    """The data file, parsed with nothing but ``json`` (it must always be valid JSON)."""
    raw = json.loads((data_dir / "rebound.json").read_text(encoding="utf-8"))
    assert isinstance(raw, dict)
    return raw


def stored_checkins(data_dir: Path) -> list[dict[str, Any]]:
    """Check-ins in the file, oldest first."""
    docs = list(read_store(data_dir).get("checkins", {}).values())
    return sorted(docs, key=lambda d: d["timestamp"])


def listed_checkins(data_dir: Path) -> list[dict[str, Any]] | None:
    """What ``rebound-tui checkin list --json`` reports, or None where that command does not exist."""
    proc = run_cli("checkin", "list", "--json", data_dir=data_dir)
    if proc.returncode != 0:
        return None
    records = json.loads(proc.stdout)
    assert isinstance(records, list)
    return records


def run_cli(
    *args: str, data_dir: Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a quick (non-TUI) command of the real console script, without a terminal."""
    return subprocess.run(
        [str(REBOUND), "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=dict(env or app_env()),
        stdin=subprocess.DEVNULL,
        timeout=30,
    )


def app_command(data_dir: Path, *args: str) -> list[str]:
    return [str(REBOUND), "--data-dir", str(data_dir), *args]


@dataclass
class SSHServer:
    """A throwaway sshd on 127.0.0.1 that lets one throwaway key in as the current user."""

    port: int
    user: str
    key: Path
    process: subprocess.Popen[bytes]

    def command(self, remote: str, *, tty: bool = True) -> list[str]:
        """An ssh command line running ``remote`` on this server (with ``-tt``: in a terminal)."""
        return [
            "ssh",
            *(["-tt"] if tty else ["-T"]),
            "-i",
            str(self.key),
            "-p",
            str(self.port),
            "-F",
            "/dev/null",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "BatchMode=yes",
            "-o",
            "IdentitiesOnly=yes",
            f"{self.user}@127.0.0.1",
            remote,
        ]
