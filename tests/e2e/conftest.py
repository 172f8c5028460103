"""Fixtures for the end-to-end tests: the real console script in a real terminal (tmux), and ssh.

Every test gets its own tmux server and its own data folder under tmp_path, so
the suite runs safely under ``pytest -n 2``. The app's "now" is frozen with
REBOUND_TUI_NOW so the screens read the same on every run.
"""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from e2e.helpers import SSHServer
from e2e.terminal import TMUX, Terminal

SSHD_CANDIDATES = ("/usr/sbin/sshd", "/usr/local/sbin/sshd", "/sbin/sshd")


def _have_tmux() -> bool:
    return shutil.which(TMUX) is not None or os.path.exists(TMUX)


@pytest.fixture(autouse=True)
def _needs_tmux() -> None:
    if not _have_tmux():
        pytest.skip("tmux is not installed (apt-get install tmux); the end-to-end tests drive the app in it")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    """Makes terminals (each with a private tmux server); all are killed at teardown."""
    made: list[Terminal] = []

    def make(name: str = "t") -> Terminal:
        term = Terminal(tmp_path / "tmux", name)
        made.append(term)
        return term

    yield make
    for term in made:
        term.kill()


# --------------------------------------------------------------------------- sshd on 127.0.0.1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SSHServer]:
    """Start sshd for this module's tests; skip (saying why) only when it cannot run here."""
    binary = next((p for p in SSHD_CANDIDATES if os.access(p, os.X_OK)), None)
    if binary is None or shutil.which("ssh") is None or shutil.which("ssh-keygen") is None:
        pytest.skip("sshd/ssh are not installed (apt-get install openssh-server openssh-client)")
    folder = tmp_path_factory.mktemp("sshd")
    host_key, client_key = folder / "host_ed25519", folder / "client_ed25519"
    for key in (host_key, client_key):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "rebound-e2e", "-f", str(key)], check=True
        )
    authorized = folder / "authorized_keys"
    authorized.write_text(client_key.with_suffix(".pub").read_text())
    authorized.chmod(0o600)
    if os.geteuid() == 0:
        # The privilege-separation folder; a fresh container often lacks it.
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    user = getpass.getuser()
    log = folder / "sshd.log"
    for _attempt in range(3):
        port = _free_port()
        config = folder / "sshd_config"
        config.write_text(
            "\n".join(
                [
                    f"Port {port}",
                    "ListenAddress 127.0.0.1",
                    f"HostKey {host_key}",
                    f"PidFile {folder / 'sshd.pid'}",
                    f"AuthorizedKeysFile {authorized}",
                    "StrictModes no",
                    "UsePAM no",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PubkeyAuthentication yes",
                    "PermitRootLogin prohibit-password",
                    f"AllowUsers {user}",
                    "X11Forwarding no",
                    "AllowTcpForwarding no",
                    "PrintMotd no",
                    "PrintLastLog no",
                    "LogLevel ERROR",
                    "",
                ]
            )
        )
        with log.open("ab") as sink:
            proc = subprocess.Popen(
                [binary, "-D", "-e", "-f", str(config)], stdout=sink, stderr=sink, stdin=subprocess.DEVNULL
            )
        deadline = time.monotonic() + 10
        while proc.poll() is None and not _port_open(port) and time.monotonic() < deadline:
            time.sleep(0.05)
        if proc.poll() is None and _port_open(port):
            break
        proc.kill()
        proc.wait()
    else:
        pytest.skip(f"sshd could not start on 127.0.0.1: {log.read_text(errors='replace').strip()[-300:]}")
    server = SSHServer(port=port, user=user, key=client_key, process=proc)
    probe = subprocess.run(
        server.command("true", tty=False),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=30,
    )
    if probe.returncode != 0:
        proc.kill()
        proc.wait()
        pytest.skip(f"sshd started but refused the test key: {probe.stderr.strip()[-300:]}")
    yield server
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
