"""Whole journeys through the real console script (issue #6): a day, ssh, two terminals, signals.

Every journey ends by reading the data file from outside the app, with
nothing but ``json``: what the user confirmed on screen must be on disk.
"""

from __future__ import annotations

import os
import shlex
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from e2e.helpers import REBOUND, SSHServer, app_command, app_env, read_store, run_cli, stored_checkins
from e2e.terminal import Terminal, app_pids, process_alive, wait_until

pytestmark = pytest.mark.e2e

MakeTerminal = Callable[..., Terminal]

OPEN = "Today's check-in is open"
ASK = "How are you feeling"
DONE = "You checked in today"
TEXT = "Clear story about the [bold]migration[/]"


def check_in(term: Terminal, mood: str = "4") -> str:
    """From Today: c, a mood, enter; return the screen once Today shows the check-in."""
    term.keys("c")
    term.wait_for(ASK)
    term.keys(mood, "Enter")
    return term.wait_for(DONE)


class TestADay:
    def test_checkin_application_rejection_reflection_resilience(
        self, terminal: MakeTerminal, data_dir: Path, home: Path
    ) -> None:
        """Check in, add an application, log a rejected round, reflect, see it on Resilience, quit."""
        term = terminal("day")
        term.start(app_command(data_dir), env=app_env(home=home), size=(80, 24))
        term.wait_for(OPEN)
        check_in(term)

        term.keys("i")
        term.wait_for("No applications yet")
        term.keys("a")
        term.wait_for("New application")
        term.type_and_wait("Fernway")
        term.keys_moving_cursor("Tab")
        term.type_and_wait("Data Engineer")
        term.keys("C-s")
        term.wait_gone("New application")
        term.wait_for_re(r"Fernway +Data Engineer +active")

        term.keys("n")
        term.wait_for("Log a round")  # the Stage select has the focus
        term.keys_restyling("Pending", "Tab")  # to the Outcome select
        term.keys("Enter")
        term.wait_for("Withdrew")  # the Outcome list is open (the Stage list has no such entry)
        term.keys("Down", "Down", "Enter")
        term.wait_for_re(r"Rejected +▼")
        term.keys("C-s")
        term.wait_for("That one stings")

        term.keys("r")
        term.wait_for("Reflect on this round")  # the first rating has the focus
        term.keys("4")
        term.keys_moving_cursor("Tab", "Tab", "Tab", "Tab")  # past three ratings into "What went well?"
        term.type_and_wait(TEXT)
        term.keys("C-s")
        term.wait_gone("Reflect on this round")
        term.wait_for_re(r"Fernway +Data Engineer +rejected")

        term.keys("r")
        term.wait_for_re(r"\b1 setbacks? logged")
        term.keys("q")
        assert term.wait_dead() == 0

        raw = read_store(data_dir)
        (checkin,) = raw["checkins"].values()
        (application,) = raw["applications"].values()
        (rnd,) = raw["rounds"].values()
        assert checkin["mood"] == 4
        assert (application["company"], application["role"]) == ("Fernway", "Data Engineer")
        assert rnd["application_id"] in raw["applications"]
        assert rnd["outcome"] == "rejected"
        assert rnd["ratings"] == {"examples": 4}
        assert rnd["went_well"] == TEXT  # user text is kept literally, never read as markup


def ssh_remote(data_dir: Path) -> str:
    """What the ssh session runs: the app under a known TERM, no animations, a frozen clock."""
    env = app_env()
    parts = [f"{k}={env[k]}" for k in ("TERM", "LANG", "TEXTUAL_ANIMATIONS", "REBOUND_TUI_NOW")]
    return shlex.join(["env", *parts, str(REBOUND), "--data-dir", str(data_dir)])


def ssh_client_pids(port: int) -> list[int]:
    """Live ``ssh`` client processes talking to the test server's port."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        ours = bool(argv) and os.path.basename(argv[0]) == b"ssh" and str(port).encode() in argv
        if ours and process_alive(int(entry.name)):
            found.append(int(entry.name))
    return found


class TestOverSSH:
    def test_checkin_over_ssh(self, sshd: SSHServer, terminal: MakeTerminal, data_dir: Path) -> None:
        """The check-in journey through `ssh -tt` to 127.0.0.1; q ends the app and the session."""
        term = terminal("ssh")
        term.start(sshd.command(ssh_remote(data_dir)), env=app_env(), size=(80, 24))
        term.wait_for(OPEN, timeout=30)
        assert "good (4/5)" in check_in(term)
        term.keys("q")
        assert term.wait_dead() == 0
        (checkin,) = stored_checkins(data_dir)
        assert checkin["mood"] == 4

    def test_connection_dropped_after_checkin(
        self, sshd: SSHServer, terminal: MakeTerminal, data_dir: Path
    ) -> None:
        """SSH dropped right after the check-in shows: it is stored, the file parses, the app ends."""
        term = terminal("ssh-drop")
        term.start(sshd.command(ssh_remote(data_dir)), env=app_env(), size=(80, 24))
        term.wait_for(OPEN, timeout=30)
        (app_pid,) = wait_until(lambda: app_pids(str(data_dir)), 10, "the app on the server side")
        check_in(term)
        (client,) = ssh_client_pids(sshd.port)
        os.kill(client, signal.SIGKILL)
        term.wait_dead()
        (checkin,) = stored_checkins(data_dir)
        assert checkin["mood"] == 4
        # The app on the server notices the hang-up and ends rather than lingering without a terminal.
        wait_until(lambda: not process_alive(app_pid), 15, "the server-side app to end")
        assert list(data_dir.glob(".rebound.json.*.tmp")) == []


class TestTwoTerminals:
    def test_quick_checkin_elsewhere_shows_up_and_both_are_kept(
        self, terminal: MakeTerminal, data_dir: Path, home: Path
    ) -> None:
        """A `checkin 3` from another shell appears in the open app within seconds; both check-ins stay."""
        term = terminal("two")
        env = app_env(home=home)
        term.start(app_command(data_dir), env=env, size=(80, 24))
        term.wait_for(OPEN)

        # Five minutes earlier than the app's frozen "now", so the app's own check-in is the latest.
        earlier = {**env, "REBOUND_TUI_NOW": "2026-11-28T10:25:00+01:00"}
        other = run_cli("checkin", "3", "--note", "other", data_dir=data_dir, env=earlier)
        assert other.returncode == 0, other.stderr
        term.wait_for("You checked in today: okay (3/5)", timeout=3)

        screen = check_in(term, "4")
        assert "good (4/5)" in screen and "2 check-ins today" in screen
        term.keys("q")
        assert term.wait_dead() == 0
        moods = sorted((c["mood"], c["note"]) for c in stored_checkins(data_dir))
        assert moods == [(3, "other"), (4, "")]


HYGIENE_FLAGS = (
    "mouse_any_flag",
    "mouse_button_flag",
    "mouse_sgr_flag",
    "cursor_flag",
    "alternate_on",
    "wrap_flag",
)


class TestTerminalRestored:
    @pytest.mark.parametrize("how", ["quit", "SIGTERM", "SIGHUP"])
    def test_terminal_is_restored(self, how: str, terminal: MakeTerminal, data_dir: Path, home: Path) -> None:
        """After q, SIGTERM or SIGHUP the shell gets its terminal back: mouse off, cursor on, main screen."""
        term = terminal(f"hygiene-{how}")
        term.start("bash --norc --noprofile -i", env=app_env(home=home, PS1="e2e$ "), size=(80, 24))
        term.wait_for("e2e$")
        before = term.flags(*HYGIENE_FLAGS)
        term.type(shlex.join(app_command(data_dir)))
        term.keys("Enter")
        term.wait_for(OPEN)
        during = term.flags(*HYGIENE_FLAGS)
        assert during["alternate_on"] == "1" and during["mouse_any_flag"] == "1"  # the app really took over
        (pid,) = app_pids(str(data_dir))

        if how == "quit":
            term.keys("q")
        else:
            os.kill(pid, getattr(signal, how))
        wait_until(lambda: not process_alive(pid), 10, "the app to end")
        term.type("echo ok-$((6*7)) status-$?")
        term.keys("Enter")
        screen = term.wait_for("ok-42")
        expected_status = {"quit": 0, "SIGTERM": 128 + signal.SIGTERM, "SIGHUP": 128 + signal.SIGHUP}[how]
        assert f"status-{expected_status}" in screen
        assert term.flags(*HYGIENE_FLAGS) == before
