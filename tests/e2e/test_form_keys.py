"""Text typed at paste speed right after Tab lands in the next field (issue 14, item 3), in tmux.

One ``send-keys`` call delivers the whole burst, as a paste or a fast typist
over SSH would: no waiting for the cursor to move between fields.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from e2e.helpers import app_command, app_env, read_store
from e2e.terminal import Terminal

pytestmark = pytest.mark.e2e


def test_a_burst_with_tabs_fills_each_field(
    terminal: Callable[..., Terminal], data_dir: Path, home: Path
) -> None:
    term = terminal("burst")
    term.start(app_command(data_dir), env=app_env(home=home), size=(80, 24))
    term.wait_for("Today")
    term.keys("i")
    term.wait_for("No applications yet")
    term.keys("a")
    term.wait_for("New application")
    term.tmux("send-keys", "-t", term.target, "Fernway", "Tab", "Data Engineer", "Tab", "referral", "C-s")
    term.wait_gone("New application")
    term.wait_for_re(r"Fernway +Data Engineer")
    apps = list(read_store(data_dir)["applications"].values())
    assert [(a["company"], a["role"], a["source"]) for a in apps] == [
        ("Fernway", "Data Engineer", "referral")
    ]
