"""The console script's fast paths: the bare app and the everyday check-in skip click."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from rebound_tui.cli.context import Env
from rebound_tui.cli.main import cli
from rebound_tui.launch import _bare_data_dir, _quick_checkin

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["checkin", "4"], (None, "4", {"feelings": [], "activities": []})),
        (
            [
                "--data-dir",
                "D",
                "checkin",
                "good",
                "-n",
                "x",
                "-f",
                "a",
                "--feel",
                "b",
                "--did",
                "c",
                "-e",
                "2",
            ],
            ("D", "good", {"feelings": ["a", "b"], "activities": ["c"], "note": "x", "energy": "2"}),
        ),
        (
            ["checkin", "3", "--date", "yesterday"],
            (None, "3", {"feelings": [], "activities": [], "when": "yesterday"}),
        ),
    ],
)
def test_everyday_checkins_take_the_fast_path(args: list[str], expected: object) -> None:
    """Plain `checkin MOOD [options]` lines are read without click."""
    assert _quick_checkin(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        ["checkin"],
        ["checkin", "--help"],
        ["checkin", "4", "--help"],
        ["checkin", "4", "--note=x"],
        ["checkin", "4", "--note"],
        ["checkin", "4", "-n", "a", "-n", "b"],
        ["checkin", "list"],
        ["checkin", "-1"],
        ["status"],
        ["--data-dir", "D"],
    ],
)
def test_anything_unusual_goes_to_click(args: list[str]) -> None:
    """Help, `--opt=value`, missing values, repeats and other commands are click's to explain."""
    assert _quick_checkin(args) is None


def test_bare_forms() -> None:
    """Only nothing, or a data folder, opens the app without click."""
    assert _bare_data_dir([]) == (True, None)
    assert _bare_data_dir(["--data-dir", "D"]) == (True, "D")
    assert _bare_data_dir(["--data-dir=D"]) == (True, "D")
    assert _bare_data_dir(["status"]) == (False, None)


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the entry point with -X importtime, so stderr also lists every module it imported."""
    code = (
        "import sys; from rebound_tui.launch import main; sys.argv = ['rebound-tui', *sys.argv[1:]]; main()"
    )
    env = {"REBOUND_TUI_NOW": NOW.isoformat(), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, "--data-dir", str(tmp_path), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_fast_checkin_saves_and_answers_like_click(tmp_path: Path) -> None:
    """The fast path saves the same record and prints the same reply as the click command."""
    fast = _run(tmp_path / "fast", "checkin", "4", "--note", "hi", "-f", "hopeful,tired")
    assert fast.returncode == 0, fast.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in fast.stderr.splitlines() if "|" in line}
    assert "rebound_tui.storage.quick" in imported
    assert not {"click", "textual", "rich"} & imported
    slow = CliRunner().invoke(
        cli,
        ["checkin", "add", "4", "--note", "hi", "-f", "hopeful,tired"],
        obj=Env(str(tmp_path / "slow"), lambda: NOW),
    )
    assert slow.exit_code == 0, slow.output
    assert fast.stdout == slow.stdout
    saved = json.loads((tmp_path / "fast" / "rebound.json").read_text())["checkins"]
    (doc,) = saved.values()
    assert (doc["mood"], doc["note"], doc["feelings"]) == (4, "hi", ["hopeful", "tired"])


def test_fast_checkin_refuses_bad_input_in_one_line(tmp_path: Path) -> None:
    """Mood 6 on the fast path: one line, exit 2, nothing written."""
    result = _run(tmp_path, "checkin", "6")
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if not line.startswith("import time:")]
    assert lines == ["rebound-tui: mood must be from 1 to 5 (1 awful, 2 low, 3 okay, 4 good, 5 great); got 6"]
    assert not (tmp_path / "rebound.json").exists()


def test_first_paint_path_stays_light() -> None:
    """Opening the app imports neither click nor the widgets and modules only later screens need."""
    code = "import sys, rebound_tui.launch, rebound_tui.tui.app; print(' '.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    later = {
        "click",
        "rebound_tui.core.metrics",
        "rebound_tui.core.tips",
        "rebound_tui.cli.main",
        "rebound_tui.tui.screens.interviews",
        "textual.widgets._data_table",
        "textual.widgets._text_area",
    }
    assert not later & loaded
