"""Tests for the JSON export and import: round trips, the format itself, errors by line, newer schemas."""

from __future__ import annotations

import json
from pathlib import Path

from rebound_tui.storage import interop
from tests.storage.interop_support import as_dicts, checkin, data_bytes, invoke, seed, store_at


def test_json_export_import_export_is_identical(tmp_path: Path) -> None:
    """Export json, import it into an empty store, export again: the two files are byte-identical."""
    seed(tmp_path / "a")
    first = invoke(tmp_path / "a", "export", "--format", "json", "-o", str(tmp_path / "one.json"))
    assert first.exit_code == 0, first.output
    imported = invoke(tmp_path / "b", "import", str(tmp_path / "one.json"), "--format", "json")
    assert imported.exit_code == 0, imported.output
    second = invoke(tmp_path / "b", "export", "-o", str(tmp_path / "two.json"))
    assert second.exit_code == 0, second.output
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


def test_json_round_trip_keeps_records_settings_and_deletions(tmp_path: Path) -> None:
    """Everything in the store (records, settings, tombstones) survives a json round trip."""
    original = seed(tmp_path / "a").snapshot()
    assert original.tombstones and original.settings.updated is not None
    export = tmp_path / "all.json"
    export.write_text(interop.export_json(original), encoding="utf-8")
    assert invoke(tmp_path / "b", "import", str(export)).exit_code == 0
    assert as_dicts(store_at(tmp_path / "b").snapshot()) == as_dicts(original)


def test_json_export_names_format_and_schema(tmp_path: Path) -> None:
    """The json export says what it is and which schema version wrote it, one record per line."""
    seed(tmp_path / "a")
    result = invoke(tmp_path / "a", "export")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["format"] == "rebound-tui"
    assert data["schema"] == 2
    assert {"checkins", "applications", "rounds", "rest_days", "tombstones", "settings"} <= data.keys()
    first_checkin = data["checkins"][0]["id"]
    assert sum(first_checkin in line for line in result.stdout.splitlines()) == 1


def test_import_of_another_machines_data_file(tmp_path: Path) -> None:
    """import --format json also reads a raw rebound.json data file, not only exports."""
    original = seed(tmp_path / "a").snapshot()
    result = invoke(tmp_path / "b", "import", str(tmp_path / "a" / "rebound.json"))
    assert result.exit_code == 0, result.output
    assert as_dicts(store_at(tmp_path / "b").snapshot()) == as_dicts(original)


def test_json_record_error_names_its_line(tmp_path: Path) -> None:
    """An invalid record in a json export is reported at the line it sits on."""
    seed(tmp_path / "a")
    text = interop.export_json(store_at(tmp_path / "a").snapshot())
    lines = [line + "\n" for line in text.split("\n")]  # not splitlines: notes hold U+2028
    number = next(i for i, line in enumerate(lines) if '"mood": ' in line) + 5
    record = json.loads(lines[number - 1].rstrip().rstrip(","))
    lines[number - 1] = lines[number - 1].replace(f'"mood": {record["mood"]}', '"mood": 9')
    (tmp_path / "bad.json").write_text("".join(lines)[:-1], encoding="utf-8")
    result = invoke(tmp_path / "b", "import", str(tmp_path / "bad.json"))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"rebound-tui: {tmp_path / 'bad.json'} line {number}: "
        f"check-in {record['id'][:8]}: mood must be from 1 to 5"
    )
    assert not (tmp_path / "b").exists()


def test_json_from_a_newer_schema_is_refused(tmp_path: Path) -> None:
    """A file written by a newer rebound-tui is refused with advice to upgrade, and nothing is written."""
    seed(tmp_path / "a")
    data = json.loads(interop.export_json(store_at(tmp_path / "a").snapshot()))
    data["schema"] = 99
    (tmp_path / "new.json").write_text(json.dumps(data))
    store_at(tmp_path / "b").add(checkin(20))
    before = data_bytes(tmp_path / "b")
    result = invoke(tmp_path / "b", "import", str(tmp_path / "new.json"))
    assert result.exit_code == 2
    assert "was written by a newer rebound-tui (schema 99; this one reads up to 2)" in result.stderr
    assert data_bytes(tmp_path / "b") == before
