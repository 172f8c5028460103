"""The real ``rebound-tui`` in a real terminal (issue #4): the check-in under many terminal settings.

Each test starts the console script in a private tmux server, presses keys as
a person would, reads the screen, quits, and then checks the data file from
outside the app.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from e2e.helpers import app_command, app_env, listed_checkins, stored_checkins
from e2e.terminal import Terminal

pytestmark = pytest.mark.e2e

MakeTerminal = Callable[..., Terminal]

OPEN = "Today's check-in is open"
ASK = "How are you feeling"
DONE = "You checked in today"

_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def colour_codes(styled_screen: str) -> set[str]:
    """The colour parameters (``38;5;110``, ``31``, ...) tmux shows for the screen's cells."""
    found: set[str] = set()
    for params in _SGR.findall(styled_screen):
        parts = params.split(";")
        i = 0
        while i < len(parts):
            if parts[i] in ("38", "48") and i + 1 < len(parts):
                width = 3 if parts[i + 1] == "5" else 5
                found.add(";".join(parts[i : i + width]))
                i += width
            else:
                found.add(parts[i])
                i += 1
    return found


def is_grey(code: str) -> bool:
    """True for colour codes without a hue: default, black/white, the 256-colour grey ramp, r=g=b."""
    parts = code.split(";")
    if parts[0] not in ("38", "48"):
        return True  # attributes and the 16 basic colours are judged elsewhere
    if parts[1] == "5":
        n = int(parts[2])
        if n >= 232 or n in (0, 7, 8, 15):
            return True
        if 16 <= n <= 231:
            r, g, b = (n - 16) // 36, (n - 16) // 6 % 6, (n - 16) % 6
            return r == g == b
        return False
    r, g, b = (int(p) for p in parts[2:5])
    return max(r, g, b) - min(r, g, b) <= 8


def checkin_journey(term: Terminal) -> None:
    """Open the app, check in with 4 and enter, and quit, reading the screen at each step."""
    term.wait_for(OPEN)
    term.keys("c")
    term.wait_for(ASK)
    term.keys("4", "Enter")
    screen = term.wait_for(DONE)
    assert "good (4/5)" in screen
    term.keys("q")
    assert term.wait_dead() == 0


CASES = {
    "xterm-256color": ("xterm-256color", {}, (80, 24)),
    "screen": ("screen", {}, (80, 24)),
    "linux": ("linux", {}, (80, 24)),
    "vt100": ("vt100", {}, (80, 24)),
    "no-color": ("xterm-256color", {"NO_COLOR": "1"}, (80, 24)),
    "lang-c": ("xterm-256color", {"LANG": "C", "LC_ALL": "C"}, (80, 24)),
    "200x60": ("xterm-256color", {}, (200, 60)),
}


class TestCheckinInATerminal:
    @pytest.mark.parametrize("case", list(CASES))
    def test_checkin_is_stored(self, case: str, terminal: MakeTerminal, data_dir: Path, home: Path) -> None:
        """c, 4, enter checks in under every TERM, NO_COLOR, LANG=C and size; q quits; the file has it."""
        term_name, extra, size = CASES[case]
        term = terminal(case)
        term.start(app_command(data_dir), env=app_env(term_name, home=home, **extra), size=size)
        checkin_journey(term)
        (checkin,) = stored_checkins(data_dir)
        assert checkin["mood"] == 4
        assert checkin["timestamp"].startswith("2026-11-28T10:30:00")
        listed = listed_checkins(data_dir)  # the CLI's own view, where `checkin list` exists
        assert listed is None or [c["mood"] for c in listed] == [4]

    @pytest.mark.parametrize("term_name", ["screen", "linux", "vt100"])
    def test_sixteen_colour_terminals_get_sixteen_colours(
        self, term_name: str, terminal: MakeTerminal, data_dir: Path, home: Path
    ) -> None:
        """Under TERM=screen/linux/vt100 the app sends only the 16 basic colours, never 256 or truecolor."""
        term = terminal(term_name)
        term.start(app_command(data_dir), env=app_env(term_name, home=home), size=(80, 24))
        term.wait_for(OPEN)
        codes = colour_codes(term.screen_with_styles())
        assert not {c for c in codes if c.startswith(("38;", "48;"))}, codes

    def test_no_color_is_grey(self, terminal: MakeTerminal, data_dir: Path, home: Path) -> None:
        """NO_COLOR=1 leaves only greys on screen, and the text still reads."""
        term = terminal("nocolor")
        term.start(app_command(data_dir), env=app_env(NO_COLOR="1", home=home), size=(80, 24))
        term.wait_for(OPEN)
        codes = colour_codes(term.screen_with_styles())
        assert all(is_grey(c) for c in codes), sorted(c for c in codes if not is_grey(c))
        term.keys("c")
        term.wait_for(ASK)
        assert "1 awful" in term.screen() and "5 great" in term.screen()

    def test_too_small_says_so_and_ctrl_q_quits(
        self, terminal: MakeTerminal, data_dir: Path, home: Path
    ) -> None:
        """At 40x12 the app says the terminal is too small and how to quit; ctrl+q quits, writing nothing."""
        term = terminal("small")
        term.start(app_command(data_dir), env=app_env(home=home), size=(40, 12))
        screen = term.wait_for("too small")
        assert "ctrl+q" in screen
        term.keys("C-q")
        assert term.wait_dead() == 0
        assert not (data_dir / "rebound.json").exists()

    def test_a_damaged_file_is_said_in_one_line_before_the_screen_is_taken(
        self, terminal: MakeTerminal, data_dir: Path, home: Path
    ) -> None:
        """A file cut short after the last save: one line naming it and doctor, exit 2, bytes untouched."""
        term = terminal("damaged")
        term.start(app_command(data_dir, "checkin", "4"), env=app_env(home=home), size=(80, 24))
        assert term.wait_dead() == 0
        path = data_dir / "rebound.json"
        damaged = path.read_bytes()[:-5]
        path.write_bytes(damaged)
        term = terminal("damaged-app")
        term.start(app_command(data_dir), env=app_env(home=home), size=(80, 24))
        assert term.wait_dead() == 2
        screen = term.screen()
        assert f"rebound-tui: {path} cannot be read" in screen.replace("\n", "")
        assert "rebound-tui doctor" in screen.replace("\n", "")
        assert OPEN not in screen
        assert path.read_bytes() == damaged


class TestQuickCheckin:
    def test_popup_checkin_saves_and_exits(self, terminal: MakeTerminal, data_dir: Path, home: Path) -> None:
        """`rebound-tui checkin` (for a tmux popup): 5 and enter save, the process ends and says so."""
        term = terminal("popup")
        term.start(app_command(data_dir, "checkin"), env=app_env(home=home), size=(80, 24))
        term.wait_for(ASK)
        term.keys("5", "Enter")
        assert term.wait_dead() == 0
        assert "Saved" in term.screen()
        (checkin,) = stored_checkins(data_dir)
        assert checkin["mood"] == 5

    def test_popup_cancel_saves_nothing(self, terminal: MakeTerminal, data_dir: Path, home: Path) -> None:
        """ctrl+g closes the popup without saving (no Escape needed: tmux would delay it)."""
        term = terminal("popup-cancel")
        term.start(app_command(data_dir, "checkin"), env=app_env(home=home), size=(80, 24))
        term.wait_for(ASK)
        term.keys("3", "C-g")
        assert term.wait_dead() == 0
        assert "No check-in saved" in term.screen()
        assert not (data_dir / "rebound.json").exists()
