"""``import`` of a Daylio export in one go: mood levels asked on a terminal or named all at once,
the dry run's table, action tags, re-imports that correct, and emoji tags (issue 15)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from rebound_tui.cli import daylio as daylio_cli
from rebound_tui.cli.context import Env
from rebound_tui.cli.main import cli
from rebound_tui.storage.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "daylio"
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=timezone(timedelta(hours=1)))
SCALE_OPTIONS = [
    *("--mood-map", "Sick=1", "--mood-map", "depressed=1", "--mood-map", "awful=1", "--mood-map", "mal=2"),
    *("--mood-map", "bad [-]=2", "--mood-map", "content=4", "--mood-map", "good=5"),
]


def run(data: Path, *args: str, terminal: bool = False, answers: str | None = None) -> Result:
    """Run the CLI; ``terminal`` makes the import believe a person is at a terminal."""
    mp = pytest.MonkeyPatch()
    mp.setattr(daylio_cli, "interactive", lambda: terminal)
    try:
        return CliRunner().invoke(
            cli, list(args), obj=Env(data_dir=str(data), clock=lambda: NOW), input=answers
        )
    finally:
        mp.undo()


def moods(data: Path) -> list[int]:
    return [c.mood for c in sorted(Store(data).snapshot().checkins, key=lambda c: c.timestamp)]


def test_unknown_names_are_asked_one_by_one_on_a_terminal(tmp_path: Path) -> None:
    """One question per name with its count; the answers are used and the import goes on."""
    path = FIXTURES / "custom_moods.csv"
    result = run(tmp_path, "import", str(path), terminal=True, answers="5\n4\n3\n")
    assert result.exit_code == 0, result.output
    assert "Some mood names in" in result.stdout
    assert "  'Super' (1 row): " in result.stdout
    assert "  'great!' (1 row): " in result.stdout
    assert "  'so-so' (1 row): " in result.stdout
    assert f"Imported {path}: added 4 check-ins." in result.stdout
    assert moods(tmp_path) == [5, 4, 3, 1]


def test_a_wrong_answer_is_asked_again(tmp_path: Path) -> None:
    result = run(
        tmp_path, "import", str(FIXTURES / "custom_moods.csv"), terminal=True, answers="9\nx\n5\n4\n3\n"
    )
    assert result.exit_code == 0, result.output
    assert moods(tmp_path) == [5, 4, 3, 1]


def test_own_scale_is_shown_for_confirmation(tmp_path: Path) -> None:
    """Seven names: every one is asked (defaults offered for Daylio's names), then the table is confirmed."""
    path = FIXTURES / "custom_scale.csv"
    # content, sick, bad [-], depressed, good (Enter: Daylio's 4), awful (Enter: 1), mal; refuse; again.
    first = "4\n1\n2\n1\n\n\n2\n"
    again = "4\n1\n2\n1\n5\n1\n2\n"
    result = run(tmp_path, "import", str(path), terminal=True, answers=f"{first}n\n{again}y\n0\n")
    assert result.exit_code == 0, result.output
    assert "uses 7 mood names, its own scale" in result.stdout
    assert "  'Good' (1 row) [4]: " in result.stdout
    assert "  content    -> 4 good  (2 rows)" in result.stdout
    assert "  Good       -> 4 good  (1 row)" in result.stdout  # the first answers, refused
    assert "  Good       -> 5 great (1 row)" in result.stdout
    assert result.stdout.count("Import with these levels? [Y/n]: ") == 2
    assert moods(tmp_path) == [4, 2, 1, 5, 1, 2, 4, 1]


def test_without_a_terminal_every_unknown_name_is_named_with_a_ready_command(tmp_path: Path) -> None:
    path = FIXTURES / "custom_scale.csv"
    result = run(tmp_path, "import", str(path), "--mood-map", "content=4")
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(
        f"rebound-tui: {path}: this file has 7 mood names, its own scale, so each needs a level"
    )
    assert (
        "'Sick' (1 row), 'Bad [-]' (1 row), 'Depressed' (1 row), 'Good' (1 row), 'Awful' (1 row), 'mal'"
        in line
    )
    assert line.endswith(
        f"when you have chosen, run: rebound-tui --data-dir {tmp_path} import {path} --mood-map=content=4 "
        "--mood-map Sick=N --mood-map 'Bad [-]=N' --mood-map Depressed=N --mood-map Good=4 "
        "--mood-map Awful=1 --mood-map mal=N"
    )
    assert not Store(tmp_path).snapshot().checkins


def test_dry_run_prints_the_whole_table(tmp_path: Path) -> None:
    result = run(tmp_path, "import", str(FIXTURES / "custom_scale.csv"), *SCALE_OPTIONS, "--dry-run")
    assert result.exit_code == 0, result.output
    table = result.stdout.split("Mood names and their levels:\n", 1)[1].splitlines()[:7]
    assert table == [
        "  content    -> 4 good  (2 rows)",
        "  Sick       -> 1 awful (1 row)",
        "  Bad [-]    -> 2 low   (1 row)",
        "  Depressed  -> 1 awful (1 row)",
        "  Good       -> 5 great (1 row)",
        "  Awful      -> 1 awful (1 row)",
        "  mal        -> 2 low   (1 row)",
    ]
    assert not (tmp_path / "rebound.json").exists()


def test_activities_are_offered_as_action_tags_on_a_terminal(tmp_path: Path) -> None:
    """Listed with counts, the likely ones suggested; Enter takes the suggestion, through the setting."""
    result = run(
        tmp_path, "import", str(FIXTURES / "custom_scale.csv"), *SCALE_OPTIONS, terminal=True, answers="\n"
    )
    assert result.exit_code == 0, result.output
    assert "    1  job application  (2 rows)" in result.stdout
    assert "    4  👨\u200d💻               (1 row)" in result.stdout  # two cells wide
    assert "    3  walk             (2 rows)" in result.stdout
    assert "Numbers or names, separated by commas (0 for none) [1, 2, 6]: " in result.stdout
    assert Store(tmp_path).settings().action_tags == ("job application", "coding practice", "interview")
    assert "now count as job-search actions" in result.stdout


def test_action_tags_by_option_without_a_terminal(tmp_path: Path) -> None:
    result = run(
        tmp_path, "import", str(FIXTURES / "custom_scale.csv"), *SCALE_OPTIONS, "--action-tag", "Walk"
    )
    assert result.exit_code == 0, result.output
    assert Store(tmp_path).settings().action_tags == ("walk",)
    assert (
        "To count job application, coding practice, interview as job-search actions: rebound-tui settings "
        "--action-tag 'job application' --action-tag 'coding practice' --action-tag interview"
    ) in result.stdout


def test_reimport_adds_nothing_and_a_corrected_map_corrects(tmp_path: Path) -> None:
    path = str(FIXTURES / "custom_scale.csv")
    assert run(tmp_path, "import", path, *SCALE_OPTIONS).exit_code == 0
    again = run(tmp_path, "import", path, *SCALE_OPTIONS)
    assert again.stdout.startswith(f"Nothing to import from {path}: you already have all of it.")
    fixed = run(tmp_path, "import", path, *SCALE_OPTIONS, "--mood-map", "content=3")
    assert fixed.exit_code == 0, fixed.output
    assert "2 check-ins imported before from these rows were corrected" in fixed.stdout
    assert "differ between the two copies" not in fixed.stdout
    assert len(Store(tmp_path).snapshot().checkins) == 8
    assert moods(tmp_path) == [3, 2, 1, 5, 1, 2, 3, 1]


def test_checkin_accepts_emoji_joined_by_zwj(tmp_path: Path) -> None:
    result = run(tmp_path, "checkin", "add", "4", "--did", "👨\u200d💻", "--did", "🏳️\u200d🌈")
    assert result.exit_code == 0, result.output
    [entry] = Store(tmp_path).snapshot().checkins
    assert entry.activities == ("👨\u200d💻", "🏳️\u200d🌈")
    refused = run(tmp_path, "checkin", "add", "4", "--did", "a\u202eb")
    assert refused.exit_code == 2
    assert "may not hold commas, '|' or control characters" in refused.stderr
