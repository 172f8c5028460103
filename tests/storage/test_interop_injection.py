"""Exports read by spreadsheets and terminals: formula cells neutralised (and restored exactly on
import), escape sequences and bidi controls shown rather than run (issue 12, item 12)."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pytest

from rebound_tui.core.models import Application, CheckIn
from rebound_tui.storage import interop
from rebound_tui.storage.interop import csv_format
from tests.storage.interop_support import FIXED, as_dicts, checkin, invoke, store_at

FORMULAS = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "'quoted", "''two", '=HYPERLINK("x")']
HOSTILE = "copy\x1b]52;c;aGVsbG8=\x07 clear\x1b[2J\x1b[H flip\u202eevil\u2066x\u2069 c1\x9b6n end"


def _store_with(tmp_path: Path, notes: list[str]) -> None:
    store = store_at(tmp_path / "a")
    acme = Application.new(notes[0], "=role", now=FIXED)
    checkins = [replace(checkin(1 + i, note=note), feelings=("-tired",)) for i, note in enumerate(notes)]
    store.add_many([acme, *checkins])


@pytest.mark.parametrize("text", FORMULAS)
def test_neutralise_then_restore_gives_the_text_back(text: str) -> None:
    cell = csv_format.neutralise(text)
    assert cell.startswith("'")
    assert csv_format.restore(cell) == text


@pytest.mark.parametrize("text", ["plain", "", "1+1", " =spaced", "café"])
def test_harmless_cells_are_left_alone(text: str) -> None:
    assert csv_format.neutralise(text) == text


def test_csv_export_neutralises_formula_cells(tmp_path: Path) -> None:
    """Every cell a spreadsheet would run starts with a quote in the file: notes, companies, roles, tags."""
    _store_with(tmp_path, FORMULAS)
    assert invoke(tmp_path / "a", "export", "-f", "csv", "-o", str(tmp_path / "out")).exit_code == 0
    for name in ("checkins.csv", "applications.csv"):
        with (tmp_path / "out" / name).open(newline="", encoding="utf-8") as handle:
            for row in list(csv.reader(handle))[1:]:
                for cell in row:
                    assert not cell.startswith(csv_format.FORMULA_STARTS), (name, cell)
    text = (tmp_path / "out" / "checkins.csv").read_text(encoding="utf-8")
    assert "'=1+2" in text and "'-tired" in text and "'''two" in text


def test_csv_round_trip_is_exact_with_formula_cells(tmp_path: Path) -> None:
    """Export, import into an empty store: every record equal, the quotes added on export taken off."""
    _store_with(tmp_path, FORMULAS)
    assert invoke(tmp_path / "a", "export", "-f", "csv", "-o", str(tmp_path / "out")).exit_code == 0
    result = invoke(tmp_path / "b", "import", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (
        as_dicts(store_at(tmp_path / "b").snapshot())["records"]
        == as_dicts(store_at(tmp_path / "a").snapshot())["records"]
    )


def test_markdown_export_shows_escape_sequences_and_bidi_controls(tmp_path: Path) -> None:
    """A journal printed to a terminal cannot clear it, write the clipboard or flip text."""
    _store_with(tmp_path, [HOSTILE])
    result = invoke(tmp_path / "a", "export", "--format", "md")
    assert result.exit_code == 0
    for raw in ("\x1b", "\x07", "\u202e", "\u2066", "\u2069", "\x9b"):
        assert raw not in result.output
    assert "copy␛]52;c;aGVsbG8=␇ clear␛[2J␛[H flip\ufffdevil\ufffdx\ufffd c1\ufffd6n end" in result.output


def test_json_export_escapes_controls_and_still_round_trips(tmp_path: Path) -> None:
    """JSON to a terminal: C1 and bidi controls are \\u escapes (C0 ones already were); same data."""
    _store_with(tmp_path, [HOSTILE, "\x7fdel"])
    result = invoke(tmp_path / "a", "export")
    assert result.exit_code == 0
    for raw in ("\x1b", "\x07", "\u202e", "\u2066", "\x9b", "\x7f"):
        assert raw not in result.output
    assert "\\u202e" in result.output and "\\u009b" in result.output
    notes = sorted(c["note"] for c in json.loads(result.output)["checkins"])
    assert notes == sorted([HOSTILE, "\x7fdel"])
    (tmp_path / "export.json").write_text(result.output, encoding="utf-8")
    assert invoke(tmp_path / "b", "import", str(tmp_path / "export.json")).exit_code == 0
    assert sorted(c.note for c in store_at(tmp_path / "b").snapshot().checkins) == notes


def test_csv_keeps_control_characters_exactly(tmp_path: Path) -> None:
    """CSV is data for spreadsheets and the import, written only to files: its text stays exact."""
    _store_with(tmp_path, [HOSTILE])
    interop.export_csv(store_at(tmp_path / "a").snapshot(), tmp_path / "out")
    back = interop.read_csv(tmp_path / "out")
    assert [r.note for r in back.records if isinstance(r, CheckIn)] == [HOSTILE]
