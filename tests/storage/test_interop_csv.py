"""Tests for the CSV export and import: round trips, headers, single files, errors by line."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from rebound_tui.core.models import CheckIn, RestDay
from rebound_tui.storage import interop
from rebound_tui.storage.interop import csv_format
from tests.storage.interop_support import FIXED, TRICKY, invoke, seed, store_at


def test_csv_export_import_export_is_identical(tmp_path: Path) -> None:
    """Export csv, import the folder into an empty store, export again: every file is byte-identical."""
    seed(tmp_path / "a")
    assert invoke(tmp_path / "a", "export", "-f", "csv", "-o", str(tmp_path / "one")).exit_code == 0
    imported = invoke(tmp_path / "b", "import", str(tmp_path / "one"))
    assert imported.exit_code == 0, imported.output
    assert invoke(tmp_path / "b", "export", "-f", "csv", "-o", str(tmp_path / "two")).exit_code == 0
    names = ["applications.csv", "checkins.csv", "rest_days.csv", "rounds.csv", "week_notes.csv"]
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == names
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_csv_files_have_a_header_row_and_one_row_per_record(tmp_path: Path) -> None:
    """Each csv file starts with its header; notes with newlines stay one quoted cell."""
    snapshot = seed(tmp_path / "a").snapshot()
    interop.export_csv(snapshot, tmp_path / "out")
    import csv

    with (tmp_path / "out" / "checkins.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == csv_format.CSV_COLUMNS[CheckIn.KIND]
    assert len(rows) == len(snapshot.checkins) + 1
    assert {csv_format.restore(row[6]) for row in rows[1:]} <= set(TRICKY)  # formula cells get a quote


def test_csv_single_file_import_is_recognised_by_its_header(tmp_path: Path) -> None:
    """One csv file (here checkins.csv on its own) imports; its kind comes from the header."""
    snapshot = seed(tmp_path / "a").snapshot()
    interop.export_csv(snapshot, tmp_path / "out")
    result = invoke(tmp_path / "b", "import", str(tmp_path / "out" / "checkins.csv"))
    assert result.exit_code == 0, result.output
    assert f"added {len(snapshot.checkins)} check-ins" in result.stdout
    assert [c.to_dict() for c in store_at(tmp_path / "b").snapshot().checkins] == [
        c.to_dict() for c in snapshot.checkins
    ]


def test_csv_export_needs_a_folder(tmp_path: Path) -> None:
    """csv to stdout is refused with one clear line, as is -o pointing at an existing file."""
    result = invoke(tmp_path / "a", "export", "--format", "csv")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "rebound-tui: csv export writes one file per kind of record; "
        "give a folder with -o, e.g. -o rebound-csv"
    ]
    (tmp_path / "file.csv").write_text("x")
    result = invoke(tmp_path / "a", "export", "-f", "csv", "-o", str(tmp_path / "file.csv"))
    assert result.exit_code == 2
    assert "is a file; csv export needs a folder" in result.stderr


def test_csv_row_error_names_its_line(tmp_path: Path) -> None:
    """A bad stage in rounds.csv is reported with the line of its row, counting multi-line notes."""
    seed(tmp_path / "a")
    interop.export_csv(store_at(tmp_path / "a").snapshot(), tmp_path / "csv")
    path = tmp_path / "csv" / "rounds.csv"
    import csv

    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    target = len(rows) - 1
    rows[target][rows[0].index("stage")] = "pub quiz"
    before, after = io.StringIO(newline=""), io.StringIO(newline="")
    csv.writer(before).writerows(rows[:target])
    csv.writer(after).writerows(rows[target:])
    path.write_text(before.getvalue() + after.getvalue(), encoding="utf-8", newline="")
    expected_line = len(io.StringIO(before.getvalue(), newline="").readlines()) + 1
    assert expected_line > len(rows)  # the notes above it span several lines
    result = invoke(tmp_path / "b", "import", str(tmp_path / "csv"))
    assert result.exit_code == 2
    assert f"{path} line {expected_line}: interview round " in result.stderr
    assert "unknown stage 'pub quiz'" in result.stderr
    assert not (tmp_path / "b").exists()


def test_rest_days_travel_with_json_and_csv(tmp_path: Path) -> None:
    """Pauses are records too: they are exported and imported by json and csv."""
    rest = RestDay.new(date(2026, 8, 1), date(2026, 8, 14), note="Summer, offline", now=FIXED)
    store_at(tmp_path / "a").add(rest)
    invoke(tmp_path / "a", "export", "-f", "csv", "-o", str(tmp_path / "csv"))
    assert invoke(tmp_path / "b", "import", str(tmp_path / "csv")).exit_code == 0
    assert store_at(tmp_path / "b").snapshot().rest_days == (rest,)
