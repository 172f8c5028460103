"""A real terminal for end-to-end tests: one private tmux server per ``Terminal``.

Each ``Terminal`` owns its own tmux server (``tmux -L <unique socket>``), so
tests running in parallel (``pytest -n 2``) never see each other's panes.
When the program ends, its shell prints a marker with the exit status and
keeps the pane open, so a test can still read what the program printed.
(tmux 3.3's ``remain-on-exit`` is no help there: with the status line off,
a dead pane here showed a blank screen instead of the program's last output.)

Nothing here sleeps for a fixed time: every wait polls the screen (or a
condition) until it holds or a timeout passes, and a timeout fails with the
screen as it was.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

TMUX = "/usr/bin/tmux" if os.path.exists("/usr/bin/tmux") else "tmux"
POLL = 0.05

_TMUX_CONF = """\
set -g status off
set -g default-shell /bin/sh
set -g history-limit 2000
"""
EXIT_MARK = "[e2e exit "
_EXIT_RE = re.compile(r"\[e2e exit (\d+)\]")


class TerminalTimeout(AssertionError):
    """A wait ran out of time; the message carries the screen."""


SETTLE_POLLS = 5
"""How many polls in a row the cursor must stay put before typing (see keys_moving_cursor)."""


def wait_until(predicate: Callable[[], T | None], timeout: float, what: str) -> T:
    """Poll ``predicate`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TerminalTimeout(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(POLL)


class Terminal:
    """A tmux pane of a chosen size running one command, driven like a user would.

    Args:
        workdir: a private folder for the tmux config (a test's tmp_path).
        name: part of the socket and session names, to find them in ``ps`` when debugging.
    """

    def __init__(self, workdir: Path, name: str = "rebound") -> None:
        self.workdir = workdir
        self.workdir.mkdir(parents=True, exist_ok=True)
        tag = f"{os.getpid()}-{uuid.uuid4().hex[:10]}"
        self.socket = f"rbt-{name}-{tag}"[:80]
        self.session = f"s{tag}"
        self.conf = workdir / f"tmux-{tag}.conf"
        self.conf.write_text(_TMUX_CONF)
        self.started = False
        self.socket_path: Path | None = None

    # ----------------------------------------------------------------- tmux plumbing

    def tmux(self, *args: str, check: bool = True) -> str:
        """Run one tmux command against this terminal's private server and return its stdout."""
        env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
        env.pop("TMUX", None)  # never talk to a tmux the tests happen to run inside
        proc = subprocess.run(
            [TMUX, "-u", "-L", self.socket, "-f", str(self.conf), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=20,
        )
        if check and proc.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)} failed ({proc.returncode}): {proc.stderr.strip()}")
        return proc.stdout

    @property
    def target(self) -> str:
        return f"{self.session}:0.0"

    def start(
        self,
        cmd: str | list[str],
        env: Mapping[str, str] | None = None,
        size: tuple[int, int] = (80, 24),
    ) -> None:
        """Open a ``size`` (columns, rows) terminal running ``cmd`` with exactly ``env``.

        ``cmd`` is a shell command string or an argv list. ``env`` replaces the
        environment entirely (``env -i``), so nothing from the test runner leaks
        into the program (COLORTERM, NO_COLOR, TMUX, ...).
        """
        argv = cmd if isinstance(cmd, str) else shlex.join(cmd)
        assignments = " ".join(shlex.quote(f"{k}={v}") for k, v in (env or {}).items())
        shell_cmd = (
            f"env -i {assignments} sh -c {shlex.quote(argv)}; "
            f"printf '\\n{EXIT_MARK}%s]\\n' \"$?\"; exec sleep 86400"
        )
        width, height = size
        self.tmux("new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height), shell_cmd)
        self.started = True
        self.socket_path = Path(self.display("#{socket_path}"))

    def keys(self, *keys: str) -> None:
        """Press keys, in tmux's names: ``"c"``, ``"Enter"``, ``"Tab"``, ``"C-s"``, ``"Down"``."""
        for key in keys:
            self.tmux("send-keys", "-t", self.target, key)

    def type(self, text: str) -> None:
        """Type ``text`` literally, character by character as far as the program can tell."""
        self.tmux("send-keys", "-t", self.target, "-l", text)

    def screen(self) -> str:
        """The visible screen as plain text, one line per row."""
        return self.tmux("capture-pane", "-p", "-t", self.target)

    def screen_with_styles(self) -> str:
        """The visible screen with tmux's rendering of colours and attributes as escape codes."""
        return self.tmux("capture-pane", "-p", "-e", "-t", self.target)

    def display(self, fmt: str) -> str:
        """Expand a tmux format (``#{cursor_flag}`` ...) for the pane."""
        return self.tmux("display-message", "-p", "-t", self.target, fmt).strip()

    def flags(self, *names: str) -> dict[str, str]:
        """Several pane format variables at once, by name."""
        values = self.display(" ".join(f"#{{{n}}}" for n in names)).split(" ")
        return dict(zip(names, values, strict=True))

    def cursor(self) -> tuple[int, int]:
        """Where the terminal's cursor is (Textual keeps it on the focused field, even while hidden)."""
        x, y = self.display("#{cursor_x} #{cursor_y}").split()
        return int(x), int(y)

    def keys_moving_cursor(self, *keys: str, timeout: float = 15) -> tuple[int, int]:
        """Press keys that move focus (tab into the next field) and wait until the cursor has moved.

        Textual hands each key to the widget focused when the key arrives, so
        text typed right after a tab can still land in the previous field.
        Waiting for the cursor to reach the new field makes typing safe.
        """
        before = self.cursor()
        self.keys(*keys)
        seen: list[tuple[int, int]] = []

        def settled() -> tuple[int, int] | None:
            # Moved, and still for a few polls: with several tabs, a busy app can show
            # the cursor in a field it is only passing through.
            seen.append(self.cursor())
            last = seen[-SETTLE_POLLS:]
            if len(last) == SETTLE_POLLS and len(set(last)) == 1 and last[0] != before:
                return last[0]
            return None

        return wait_until(settled, timeout, "the cursor to move")

    def keys_restyling(self, marker: str, *keys: str, timeout: float = 15) -> None:
        """Press keys and wait until the styled rows showing ``marker`` change (a focus ring moving).

        For widgets without a text cursor (a Select): focus moving onto one
        changes the colours of its row, which is the only sign on screen.
        """

        def rows() -> list[str]:
            return [line for line in self.screen_with_styles().splitlines() if marker in line]

        before = rows()
        assert before, f"{marker!r} is not on screen:\n{self.screen()}"
        self.keys(*keys)
        wait_until(lambda: rows() != before, timeout, f"the row showing {marker!r} to change")

    def type_and_wait(self, text: str, timeout: float = 15) -> str:
        """Type ``text`` and wait until it shows on screen (so later keys reach the same field)."""
        self.type(text)
        return self.wait_for(text, timeout)

    def pane_pid(self) -> int:
        return int(self.display("#{pane_pid}"))

    def exit_status(self) -> int | None:
        """The program's exit status once it has ended, else None."""
        match = _EXIT_RE.search(self.screen())
        return int(match.group(1)) if match else None

    def dead(self) -> bool:
        """True once the program has ended (its screen stays, with the exit marker)."""
        return self.exit_status() is not None

    # ----------------------------------------------------------------- waiting

    def wait_for(self, text: str, timeout: float = 15) -> str:
        """Wait until ``text`` shows on screen; return the screen."""
        return self._wait(lambda screen: text in screen, timeout, repr(text))

    def wait_for_re(self, pattern: str, timeout: float = 15) -> str:
        """Wait until the regular expression ``pattern`` matches the screen; return the screen."""
        regex = re.compile(pattern)
        return self._wait(lambda screen: regex.search(screen) is not None, timeout, f"/{pattern}/")

    def wait_gone(self, text: str, timeout: float = 15) -> str:
        """Wait until ``text`` no longer shows on screen; return the screen."""
        return self._wait(lambda screen: text not in screen, timeout, f"{text!r} to go away")

    def wait_dead(self, timeout: float = 15) -> int:
        """Wait until the pane's program has ended; return its exit status."""
        screen = self.wait_for_re(r"\[e2e exit \d+\]", timeout)
        match = _EXIT_RE.search(screen)
        assert match is not None
        return int(match.group(1))

    def _wait(self, ok: Callable[[str], bool], timeout: float, what: str) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while True:
            screen = self.screen()
            if ok(screen):
                return screen
            if time.monotonic() >= deadline:
                dead = " (the program has ended)" if self.started and self.dead() else ""
                raise TerminalTimeout(
                    f"timed out after {timeout:g} s waiting for {what}{dead}\n--- screen ---\n{screen}"
                )
            time.sleep(POLL)

    # ----------------------------------------------------------------- processes

    def children(self, pid: int | None = None) -> list[int]:
        """Direct child processes of ``pid`` (default: the pane's own process)."""
        pid = self.pane_pid() if pid is None else pid
        try:
            text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        except OSError:
            return []
        return [int(p) for p in text.split()]

    def kill(self) -> None:
        """Stop the private tmux server and everything running in it, and remove its socket."""
        self.tmux("kill-server", check=False)
        self.started = False
        if self.socket_path is not None:
            self.socket_path.unlink(missing_ok=True)


def process_alive(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def app_pids(marker: str) -> list[int]:
    """Live ``rebound-tui`` processes whose arguments contain ``marker`` (a unique data folder, say).

    Only the Python process running the console script counts, not the shell
    or the tmux server whose command lines quote it.
    """
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:
            continue
        script = argv[1] if len(argv) > 1 else ""
        ours = script.endswith("rebound-tui") and any(marker in arg for arg in argv)
        if ours and process_alive(int(entry.name)):
            found.append(int(entry.name))
    return found
