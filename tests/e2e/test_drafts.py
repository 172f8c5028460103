"""Writing survives a closed terminal and a reflexive Escape (issue 14, item 1), in a real terminal.

Half a reflection is typed, then the terminal is killed (``tmux kill-session``:
the app gets SIGHUP, as with a dropped SSH connection); the next start offers
the draft, complete. And Escape in a filled form asks before anything goes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from e2e.helpers import NOW, app_command, app_env
from e2e.terminal import Terminal, app_pids, wait_until
from rebound_tui.core.models import Application, Outcome, Round, Stage
from rebound_tui.storage.store import Store

pytestmark = pytest.mark.e2e

MakeTerminal = Callable[..., Terminal]
HALF = "I explained the migration clearly and then I"


def _rejected_round(data_dir: Path) -> Round:
    now = datetime.fromisoformat(NOW)
    app = Application.new("Commonwealth Bank of Australia", "Senior Site Reliability Engineer", now=now)
    rnd = Round.new(app.id, Stage.ONSITE, when=now, outcome=Outcome.REJECTED, now=now)
    Store(data_dir, clock=lambda: now).add_many([app, rnd])
    return rnd


def _open_reflection(term: Terminal) -> None:
    term.keys("i")
    term.wait_for("Commonwealth")
    term.keys("f")
    term.wait_for("Reflect on this round")


def test_half_a_reflection_survives_kill_session(terminal: MakeTerminal, data_dir: Path, home: Path) -> None:
    rnd = _rejected_round(data_dir)
    term = terminal("draft")
    term.start(app_command(data_dir), env=app_env(home=home), size=(80, 24))
    term.wait_for("Today")
    _open_reflection(term)
    term.keys("4")
    term.wait_for("[4 mostly]")
    # Past the ratings into "What went well?", typing at once (item 3: keys after a tab go to the
    # next field); where the text landed is checked in the draft below.
    term.keys("Tab", "Tab", "Tab", "Tab")
    term.type_and_wait(HALF)
    term.tmux("kill-session", "-t", term.session)  # at once: no time for the typing pause
    wait_until(lambda: not app_pids(str(data_dir)), 15, "the app to end")

    drafts = json.loads((data_dir / "drafts.json").read_text())["drafts"]
    assert drafts[f"reflection:{rnd.id}"]["fields"]["went-well"] == HALF

    again = terminal("again")
    again.start(app_command(data_dir), env=app_env(home=home), size=(80, 24))
    again.wait_for("Today")
    again.keys("i")
    again.wait_for("Commonwealth")
    again.keys("f")
    again.wait_for("Continue your draft?")
    again.keys("y")
    again.wait_for(HALF)


def test_escape_in_a_filled_form_asks(terminal: MakeTerminal, data_dir: Path, home: Path) -> None:
    term = terminal("escape")
    term.start(app_command(data_dir), env=app_env(home=home), size=(80, 24))
    term.wait_for("Today")
    term.keys("i")
    term.wait_for("No applications yet")
    term.keys("a")
    term.wait_for("New application")
    term.type_and_wait("Commonwealth Bank")
    term.keys("Escape")
    term.wait_for("let go of what you wrote")
    term.keys("Escape")  # a second reflexive Escape keeps the writing too
    term.wait_gone("let go of what you wrote")
    screen = term.wait_for("New application")
    assert "Commonwealth Bank" in screen
    term.keys("C-g")
    term.wait_for("let go of what you wrote")
    term.keys("y")
    term.wait_gone("New application")
