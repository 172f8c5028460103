"""Tests for export, import and merge across formats: any text, private files, importing twice, bad input.

Also format guessing, the progress bar and import hygiene. The tests of each format are in
test_interop_json/_csv/_markdown/_daylio/_merge.py; what they share is in interop_support.py.
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rebound_tui.cli.interop import ProgressBar
from rebound_tui.core.models import Application, CheckIn, Round, Snapshot, Stage
from rebound_tui.storage import interop
from rebound_tui.storage.interop import InteropError
from tests.storage.interop_support import FIXTURES, TZ, checkin, data_bytes, invoke, seed, store_at

_text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=120)


@settings(max_examples=60, deadline=None)
@given(note=_text, company=_text.filter(lambda s: s.strip()), lesson=_text)
def test_csv_and_json_round_trip_any_text(note: str, company: str, lesson: str) -> None:
    """Whatever the text (unicode, quotes, commas, any line ends), csv and json give the records back."""
    moment = datetime(2026, 3, 1, 12, 0, tzinfo=TZ)
    app = Application.new(company, 'Role, "senior"', note=note, now=moment)
    rnd = Round.new(app.id, Stage.TECHNICAL, now=moment, lesson=lesson, feedback=note)
    entry = CheckIn.new(
        4, note=note, feelings=["hopeful"], activities=["applied", "walked the dog"], now=moment
    )
    snapshot = Snapshot(checkins=(entry,), applications=(app,), rounds=(rnd,))
    expected = sorted((r.to_dict() for r in interop.records_of(snapshot)), key=lambda d: str(d["id"]))
    with tempfile.TemporaryDirectory() as folder:
        interop.export_csv(snapshot, Path(folder) / "csv")
        from_csv = interop.read_csv(Path(folder) / "csv")
        (Path(folder) / "all.json").write_text(interop.export_json(snapshot), encoding="utf-8")
        from_json = interop.read_json(Path(folder) / "all.json")
    for incoming in (from_csv, from_json):
        assert sorted((r.to_dict() for r in incoming.records), key=lambda d: str(d["id"])) == expected


def test_export_files_are_private_whatever_the_umask(tmp_path: Path) -> None:
    """json, md and every csv file are created 0600, even over an existing world-readable file."""
    seed(tmp_path / "a")
    (tmp_path / "old.json").write_text("{}")
    os.chmod(tmp_path / "old.json", 0o644)
    old_umask = os.umask(0)
    try:
        assert invoke(tmp_path / "a", "export", "-o", str(tmp_path / "old.json"), "--force").exit_code == 0
        assert invoke(tmp_path / "a", "export", "-f", "md", "-o", str(tmp_path / "j.md")).exit_code == 0
        assert invoke(tmp_path / "a", "export", "-f", "csv", "-o", str(tmp_path / "csv")).exit_code == 0
    finally:
        os.umask(old_umask)
    written = [tmp_path / "old.json", tmp_path / "j.md", *(tmp_path / "csv").iterdir()]
    assert len(written) == 7  # json, md and five csv files
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE((tmp_path / "csv").stat().st_mode) == 0o700
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("fmt", ["json", "csv", "daylio"])
def test_importing_the_same_file_twice_adds_nothing(tmp_path: Path, fmt: str) -> None:
    """The second import of the same file writes nothing at all and says so."""
    if fmt == "daylio":
        source = FIXTURES / "note_title.csv"
    else:
        seed(tmp_path / "a")
        source = tmp_path / ("export.json" if fmt == "json" else "csv")
        assert invoke(tmp_path / "a", "export", "-f", fmt, "-o", str(source)).exit_code == 0
    first = invoke(tmp_path / "b", "import", str(source), "--format", fmt)
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith(f"Imported {source}: added ")
    before = data_bytes(tmp_path / "b")
    second = invoke(tmp_path / "b", "import", str(source), "--format", fmt)
    assert second.exit_code == 0, second.output
    assert second.stdout.startswith(f"Nothing to import from {source}")
    assert data_bytes(tmp_path / "b") == before


def test_dry_run_reports_and_writes_nothing(tmp_path: Path) -> None:
    """--dry-run says what would be added and leaves no data file behind."""
    result = invoke(tmp_path / "b", "import", str(FIXTURES / "note_title.csv"), "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        f"Dry run, nothing was written. Importing {FIXTURES / 'note_title.csv'} would:",
        "  add 5 check-ins",
    ]
    assert not (tmp_path / "b").exists()


def test_import_format_is_guessed(tmp_path: Path) -> None:
    """Without --format: .json is json, a folder is csv, a Daylio header is daylio."""
    seed(tmp_path / "a")
    invoke(tmp_path / "a", "export", "-o", str(tmp_path / "e.json"))
    invoke(tmp_path / "a", "export", "-f", "csv", "-o", str(tmp_path / "csv"))
    assert interop.guess_format(tmp_path / "e.json") == "json"
    assert interop.guess_format(tmp_path / "csv") == "csv"
    assert interop.guess_format(tmp_path / "csv" / "rounds.csv") == "csv"
    for name in ("note_title.csv", "scales_bom.csv", "no_title.csv", "year_date.csv"):
        assert interop.guess_format(FIXTURES / name) == "daylio", name


def _binary(tmp_path: Path) -> Path:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    return path


def _latin1(tmp_path: Path) -> Path:
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        'full_date,date,weekday,time,mood,activities,note\n2024-03-01,x,y,9:00,good,,"caf\xe9"\n'.encode(
            "latin-1"
        )
    )
    return path


def _cut_json(tmp_path: Path) -> Path:
    seed(tmp_path / "src")
    text = interop.export_json(store_at(tmp_path / "src").snapshot())
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    return path


def _not_ours_json(tmp_path: Path) -> Path:
    path = tmp_path / "other.json"
    path.write_text('[{"mood": 3}]')
    return path


MALFORMED = [
    ("missing_mood.csv", "daylio", "line 1: missing column mood (a Daylio export starts with"),
    ("bad_date.csv", "daylio", "line 3: date '2024-02-30' is not a real date like 2021-05-18 or '18 May'"),
    (
        "bad_mood.csv",
        "daylio",
        ": 1 mood name is not one of rad, good, meh, bad, awful: 'great!' (1 row); give it a level",
    ),
    ("bad_time.csv", "daylio", "line 2: time '25:10' is not a time like 22:00 or 10:00 pm"),
    ("bad_activity.csv", "daylio", "line 3: activity tag 'reading, writing' may not hold commas"),
    (
        "truncated.csv",
        "daylio",
        "line 3: not valid CSV: the file ends inside a quoted field (is it cut short?)",
    ),
    ("short_row.csv", "daylio", "line 3: has 3 fields but the header names 8 (is the file cut short?)"),
    (_binary, "daylio", "line 3: holds binary data, not text (is this the right file?)"),
    (_latin1, "daylio", "line 2: is not UTF-8 text (is this the right file?)"),
    (_cut_json, "json", ": the JSON ends early (is the file cut short?)"),
    (_not_ours_json, "json", ": is neither a rebound-tui export nor a rebound-tui data file"),
]


@pytest.mark.parametrize(
    ("source", "fmt", "message"), MALFORMED, ids=lambda v: getattr(v, "__name__", str(v))
)
def test_malformed_input_is_one_clear_line_and_changes_nothing(
    tmp_path: Path, source: object, fmt: str, message: str
) -> None:
    """Bad rows, dates, moods, cut-off and binary files: exit 2, file and line named, store untouched."""
    path = FIXTURES / source if isinstance(source, str) else source(tmp_path)  # type: ignore[operator]
    data_dir = tmp_path / "data"
    store_at(data_dir).add(checkin(20, note="already here"))
    before = data_bytes(data_dir)
    result = invoke(data_dir, "import", str(path), "--format", fmt)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"rebound-tui: {path}")
    assert message in lines[0]
    assert data_bytes(data_dir) == before


def test_binary_file_without_format_is_called_binary(tmp_path: Path) -> None:
    """Guessing the format of a binary file reports it as binary, not as an unknown format."""
    path = _binary(tmp_path)
    result = invoke(tmp_path / "data", "import", str(path))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"rebound-tui: {path} line 3: holds binary data, not text (is this the right file?)\n"
    )


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    """Importing a path that does not exist is one line, exit 2."""
    result = invoke(tmp_path / "b", "import", str(tmp_path / "nope.json"))
    assert result.exit_code == 2
    assert result.stderr == f"rebound-tui: {tmp_path / 'nope.json'}: no such file or folder\n"


def test_progress_bar_only_for_long_files() -> None:
    """The bar stays hidden while reading takes under a second and draws after (Rich, on the given stream)."""
    short, long = io.StringIO(), io.StringIO()
    seconds = [0.0]
    quiet = ProgressBar("Reading short.csv", stream=short, clock=lambda: seconds[0])
    seconds[0] = 0.9
    quiet.update(100, 120)
    quiet.update(120, 120)
    quiet.stop()
    assert short.getvalue() == ""
    bar = ProgressBar("Reading long.csv", stream=long, clock=lambda: seconds[0])
    bar.update(1000, 3651)
    assert long.getvalue() == ""
    seconds[0] = 2.0
    bar.update(2000, 3651)
    bar.update(3651, 3651)
    bar.stop()
    assert "Reading long.csv" in long.getvalue()


class _FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_on_a_terminal_stderr_and_not_in_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a TTY stderr the bar is found by Rich's own detection; piped, there is no bar at all."""
    from rebound_tui.cli import interop as interop_cli

    monkeypatch.setenv("TERM", "xterm")
    for name in ("NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    terminal = _FakeTTY()
    monkeypatch.setattr(sys, "stderr", terminal)
    # CliRunner's stderr is never a terminal, so the commands' own helper is called directly.
    with interop_cli._progress("Reading daylio.csv") as bar:  # noqa: SLF001
        assert bar is not None
        bar.show_at = 0.0  # as if reading had taken over a second already
        bar.update(3000, 3651)
    assert "Reading daylio.csv" in terminal.getvalue()

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with interop_cli._progress("Reading daylio.csv") as bar:  # noqa: SLF001 (as above)
        assert bar is None


def test_interop_modules_do_not_load_textual_or_rich() -> None:
    """Importing the CLI (with these commands) or the interop code loads neither Textual nor Rich."""
    code = (
        "import sys, rebound_tui.cli.main, rebound_tui.storage.interop; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_interop_error_is_one_line() -> None:
    """InteropError reads 'FILE line N: reason', or 'FILE: reason' without a line."""
    assert str(InteropError("a.csv", 14, "bad mood")) == "a.csv line 14: bad mood"
    assert str(InteropError("a.csv", None, "is empty")) == "a.csv: is empty"
