"""``rebound-tui import`` of a Daylio export with custom mood names, in a real terminal (issue 15).

The console script runs in tmux; the person answers the level of each unknown
mood name and the action-tag question, and the data file is checked from outside.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from e2e.helpers import app_command, app_env, read_store, stored_checkins
from e2e.terminal import Terminal

pytestmark = pytest.mark.e2e

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "daylio" / "custom_moods.csv"


def test_unknown_mood_names_are_asked_in_a_terminal(
    terminal: Callable[..., Terminal], data_dir: Path, home: Path
) -> None:
    term = terminal("daylio")
    term.start(app_command(data_dir, "import", str(FIXTURE)), env=app_env(home=home), size=(100, 30))
    term.wait_for("'Super' (1 row):")
    term.type("5")
    term.keys("Enter")
    term.wait_for("'great!' (1 row):")
    term.type("4")
    term.keys("Enter")
    term.wait_for("'so-so' (1 row):")
    term.type("3")
    term.keys("Enter")
    term.wait_for("Imported ")
    assert term.wait_dead() == 0
    assert [c["mood"] for c in stored_checkins(data_dir)] == [5, 4, 3, 1]
    assert read_store(data_dir)


def test_a_terminal_is_asked_which_activities_are_actions(
    terminal: Callable[..., Terminal], data_dir: Path, home: Path, tmp_path: Path
) -> None:
    export = tmp_path / "daylio.csv"
    export.write_text(
        "full_date,date,weekday,time,mood,activities,note\n"
        "2024-03-12,March 12,Tuesday,10:00 pm,good,job application | walk,\n"
        "2024-03-13,March 13,Wednesday,9:00 am,meh,walk,\n",
        encoding="utf-8",
    )
    term = terminal("daylio")
    term.start(app_command(data_dir, "import", str(export)), env=app_env(home=home), size=(100, 30))
    term.wait_for("(0 for none) [2]:")
    term.keys("Enter")
    term.wait_for("now count as job-search actions")
    assert term.wait_dead() == 0
    assert read_store(data_dir)["settings"]["user"]["action_tags"] == ["job application"]
