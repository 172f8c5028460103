"""Schema 2 (docs/schema.md): the one migration of this round, its fields, and how they travel.

A schema-1 file is migrated once, inside the lock, written atomically with the
file before it kept as that day's backup; a file from a newer schema is refused
with one line; every new field is carried by export, import and merge.
"""

from __future__ import annotations

import fcntl
import json
import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from rebound_tui.core.models import (
    SCHEMA_VERSION,
    Application,
    CheckIn,
    Round,
    Settings,
    Snapshot,
    ValidationError,
    WeekNote,
    applied_day,
)
from rebound_tui.storage import interop
from rebound_tui.storage.doctor import diagnose
from rebound_tui.storage.documents import MIGRATIONS
from rebound_tui.storage.interop.merge import merge_into_store
from rebound_tui.storage.store import Store, StoreBusyError, StoreError
from tests.storage.interop_support import invoke, store_at

TZ = timezone(timedelta(hours=-5))
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=TZ)
APP_WITH_ROUNDS = "11111111-1111-4111-8111-111111111111"
APP_WITHOUT = "22222222-2222-4222-8222-222222222222"
ROUND_LATE = "33333333-3333-4333-8333-333333333333"
ROUND_EARLY = "44444444-4444-4444-8444-444444444444"
CHECKIN = "55555555-5555-4555-8555-555555555555"


def schema_1_file() -> dict[str, Any]:
    """A file as schema-1 code wrote it: an application typed in long after its rounds, one without."""
    stamp = {"created": "2026-11-19T21:00:00-05:00", "updated": "2026-11-19T21:00:00-05:00"}
    return {
        "_meta": {"schema": {"version": 1}, "writes": {"count": 7}},
        "checkins": {CHECKIN: {"timestamp": "2026-11-02T08:00:00-05:00", "mood": 2, **stamp}},
        "applications": {
            APP_WITH_ROUNDS: {"company": "Acme", "role": "Dev", "source": "", "note": "", **stamp},
            APP_WITHOUT: {
                "company": "Globex",
                "role": "QA",
                "created": "2026-10-30T23:30:00-05:00",
                "updated": "2026-10-30T23:30:00-05:00",
            },
        },
        "rounds": {
            ROUND_LATE: {
                "application_id": APP_WITH_ROUNDS,
                "when": "2026-10-12T10:00:00-05:00",
                "stage": "technical",
                **stamp,
            },
            ROUND_EARLY: {
                "application_id": APP_WITH_ROUNDS,
                "when": "2026-10-01T23:30:00-05:00",
                "stage": "applied",
                **stamp,
            },
        },
        "rest_days": {},
        "settings": {"user": {"weekly_target": 4, "theme": "rebound", "first_day_of_week": 0}},
        "tombstones": {},
    }


def _write(store: Store, raw: dict[str, Any]) -> bytes:
    store.data_dir.mkdir(mode=0o700, exist_ok=True)
    payload = json.dumps(raw).encode()
    store.path.write_bytes(payload)
    os.chmod(store.path, 0o600)
    return payload


def test_migration_gives_each_application_its_own_day_and_the_new_defaults() -> None:
    """applied_on: the first round's local day, else the day it was typed in; settings get their defaults."""
    raw = MIGRATIONS[1](schema_1_file())
    apps = raw["applications"]
    assert apps[APP_WITH_ROUNDS]["applied_on"] == "2026-10-01"  # the earlier round, at its own offset
    assert apps[APP_WITHOUT]["applied_on"] == "2026-10-30"
    assert raw["settings"]["user"] | {} == {
        "weekly_target": 4,
        "theme": "rebound",
        "first_day_of_week": 0,
        "action_tags": [],
        "quiet_days": 14,
        "reframe_prompt": True,
    }
    assert raw["week_notes"] == {}
    assert "reflect_later" not in raw["rounds"][ROUND_LATE]
    assert "archived" not in apps[APP_WITH_ROUNDS]


def test_migration_keeps_an_applied_on_already_there() -> None:
    """A file that somehow has the field (written by a newer copy, stamped 1 by hand) keeps it."""
    raw = schema_1_file()
    raw["applications"][APP_WITHOUT]["applied_on"] = "2026-09-09"
    assert MIGRATIONS[1](raw)["applications"][APP_WITHOUT]["applied_on"] == "2026-09-09"


def test_schema_1_file_loads_unchanged_and_is_migrated_once_on_save_with_a_backup(tmp_path: Path) -> None:
    """Reading never rewrites; the first save writes schema 2 atomically, the old bytes kept as a backup."""
    store = Store(tmp_path / "data", clock=lambda: NOW)
    before = _write(store, schema_1_file())
    inode = os.stat(store.path).st_ino

    snap = store.snapshot()
    by_id = {a.id: a for a in snap.applications}
    assert by_id[APP_WITH_ROUNDS].applied_on == date(2026, 10, 1)
    assert by_id[APP_WITHOUT].applied_on == date(2026, 10, 30)
    assert snap.settings.action_tags == () and snap.settings.quiet_days == 14 and snap.settings.reframe_prompt
    assert store.path.read_bytes() == before, "reading alone never rewrites the file"

    store.add(CheckIn.new(4, now=NOW))
    raw = json.loads(store.path.read_bytes())
    assert raw["_meta"]["schema"] == {"version": SCHEMA_VERSION} == {"version": 2}
    assert raw["_meta"]["writes"] == {"count": 8}
    assert raw["applications"][APP_WITH_ROUNDS]["applied_on"] == "2026-10-01"
    assert raw["week_notes"] == {}
    assert os.stat(store.path).st_ino != inode, "written to a new file and renamed over the old one"
    assert os.stat(store.path).st_mode & 0o777 == 0o600
    backups = store.backups()
    assert len(backups) == 1 and backups[0].read_bytes() == before
    assert not list(store.data_dir.glob(".*.tmp"))


def test_migration_waits_for_the_lock_and_writes_nothing_without_it(tmp_path: Path) -> None:
    """The migration is part of a save: while another process holds the lock the file stays schema 1."""
    store = Store(tmp_path / "data", clock=lambda: NOW, lock_timeout=0.2)
    before = _write(store, schema_1_file())
    holder = os.open(store.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)
        with pytest.raises(StoreBusyError):
            store.add(CheckIn.new(4, now=NOW))
    finally:
        os.close(holder)
    assert store.path.read_bytes() == before
    store.add(CheckIn.new(4, now=NOW))
    assert json.loads(store.path.read_bytes())["_meta"]["schema"]["version"] == 2


def test_a_schema_3_file_is_refused_with_one_line_and_left_alone(tmp_path: Path) -> None:
    """Neither read nor written, by the store or by import; one line asks to upgrade."""
    store = Store(tmp_path / "data", clock=lambda: NOW)
    raw = schema_1_file()
    raw["_meta"]["schema"]["version"] = 3
    before = _write(store, raw)
    for action in (store.snapshot, lambda: store.add(CheckIn.new(4, now=NOW))):
        with pytest.raises(StoreError) as exc:
            action()
        assert "schema 3" in str(exc.value) and "upgrade rebound-tui" in str(exc.value)
        assert "\n" not in str(exc.value)
    assert store.path.read_bytes() == before
    copy = tmp_path / "other.json"
    copy.write_bytes(before)
    result = invoke(tmp_path / "fresh", "import", str(copy))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "schema 3" in result.stderr


def test_a_schema_1_data_file_imports_with_its_days(tmp_path: Path) -> None:
    """A rebound.json copied from a machine that has not upgraded merges in, migrated on the way."""
    copy = tmp_path / "old-machine.json"
    copy.write_text(json.dumps(schema_1_file()))
    result = invoke(tmp_path / "data", "import", str(copy))
    assert result.exit_code == 0, result.output
    apps = {a.id: a for a in store_at(tmp_path / "data").snapshot().applications}
    assert apps[APP_WITH_ROUNDS].applied_on == date(2026, 10, 1)


# --------------------------------------------------------------------------- the fields


def _full_snapshot() -> Snapshot:
    app = Application.new(
        "Acme",
        "Dev",
        applied_on=date(2026, 10, 3),
        link="https://acme.example/jobs/1",
        contact="Ana (recruiter)",
        now=NOW,
    )
    app = app.touched(NOW, archived=NOW, quiet_offer_made=date(2026, 11, 17))
    rnd = Round.new(app.id, "technical", when=NOW - timedelta(days=3), now=NOW)
    rnd = rnd.touched(NOW, reflect_later=date(2026, 11, 22))
    plain = Application.new("Globex", "QA", now=NOW)
    note = WeekNote.new(
        date(2026, 11, 23), keep="Morning walks", try_next="Two applications, 'try' first", now=NOW
    )
    settings = Settings(
        weekly_target=4,
        action_tags=("job application", "coding practice"),
        quiet_days=21,
        reframe_prompt=False,
    )
    return Snapshot(applications=(app, plain), rounds=(rnd,), week_notes=(note,), settings=settings)


def _store_with(path: Path, snap: Snapshot) -> Store:
    store = Store(path, clock=lambda: NOW)
    store.add_many([*snap.applications, *snap.rounds, *snap.week_notes])
    store.save_settings(snap.settings)
    return store


def test_new_fields_survive_the_store_json_csv_and_merge(tmp_path: Path) -> None:
    """Every schema-2 field is saved, exported, imported and merged as it was."""
    snap = _full_snapshot()
    store = _store_with(tmp_path / "a", snap)
    saved = store.snapshot()
    assert saved.applications == tuple(sorted(snap.applications, key=lambda a: (a.created, a.id)))
    assert saved.rounds == snap.rounds and saved.week_notes == snap.week_notes
    assert saved.settings.action_tags == ("job application", "coding practice")
    assert (saved.settings.quiet_days, saved.settings.reframe_prompt) == (21, False)

    (tmp_path / "out.json").write_text(interop.export_json(saved))
    via_json = interop.read_json(tmp_path / "out.json")
    assert sorted(r.to_dict()["id"] for r in via_json.records) == sorted(
        r.id for r in interop.records_of(saved)
    )
    assert set(via_json.records) >= {*saved.applications, *saved.week_notes}
    assert via_json.settings is not None and via_json.settings.to_doc() == saved.settings.to_doc()

    interop.export_csv(saved, tmp_path / "csv")
    via_csv = interop.read_csv(tmp_path / "csv")
    assert {r.id: r.to_doc() for r in via_csv.records} == {
        r.id: r.to_doc() for r in interop.records_of(saved)
    }

    other = Store(tmp_path / "b", clock=lambda: NOW)
    merge_into_store(other, via_json)
    merged = other.snapshot()
    assert merged.applications == saved.applications and merged.rounds == saved.rounds
    assert merged.week_notes == saved.week_notes
    assert merged.settings.to_doc() == saved.settings.to_doc()


def test_a_csv_folder_exported_before_schema_2_still_imports(tmp_path: Path) -> None:
    """Old applications.csv/rounds.csv lack the new columns: they read as the fields' defaults."""
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "applications.csv").write_text(
        "id,company,role,source,note,created,updated\r\n"
        f"{APP_WITHOUT},Globex,QA,,,2026-10-30T23:30:00-05:00,2026-10-30T23:30:00-05:00\r\n"
    )
    incoming = interop.read_csv(folder)
    (app,) = incoming.records
    assert isinstance(app, Application)
    assert (app.applied_on, app.archived, app.link, app.contact) == (None, None, "", "")
    assert applied_day(app, ()) == date(2026, 10, 30)


def test_schema_1_records_load_with_defaults_and_new_fields_are_checked() -> None:
    """Optional with a default, validated like the fields of schema 1."""
    old = Application.from_doc(
        APP_WITHOUT,
        {
            "company": "A",
            "role": "B",
            "created": "2026-10-30T23:30:00-05:00",
            "updated": "2026-10-30T23:30:00-05:00",
        },
    )
    assert (old.applied_on, old.archived, old.link, old.contact, old.quiet_offer_made) == (
        None,
        None,
        "",
        "",
        None,
    )
    assert "archived" not in old.to_doc() and "quiet_offer_made" not in old.to_doc()
    assert Settings.from_doc({}) == Settings()
    with pytest.raises(ValidationError, match="applied on"):
        Application.from_doc(APP_WITHOUT, {**old.to_doc(), "applied_on": "30/10/2026"})
    with pytest.raises(ValidationError, match="link"):
        Application.new("A", "B", link="x" * 201)
    with pytest.raises(ValidationError, match="action"):
        Settings(action_tags=("ok", "no, commas"))
    with pytest.raises(ValidationError, match="action tags"):
        Settings.from_doc({"action_tags": "job application"})
    with pytest.raises(ValidationError, match="quiet days"):
        Settings(quiet_days=0)
    with pytest.raises(ValidationError, match="reframe"):
        Settings(reframe_prompt="yes")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="reflect later"):
        Round.from_doc(
            ROUND_LATE, {**Round.new(APP_WITHOUT, "applied", now=NOW).to_doc(), "reflect_later": "soon"}
        )
    assert Settings(action_tags=("Job  Application", "job application")).action_tags == ("job application",)


def test_applied_day_prefers_its_own_date_then_the_first_round_then_typing() -> None:
    """The one rule every figure uses for when an application happened."""
    dated = Application.new("A", "B", applied_on=date(2026, 11, 1), now=NOW)
    early = Round.new(dated.id, "applied", when=NOW - timedelta(days=40), now=NOW)
    assert applied_day(dated, [early]) == date(2026, 11, 1)
    undated = Application.new("A", "B", now=NOW)
    assert undated.applied_on is None and "applied_on" not in undated.to_doc()
    assert applied_day(undated, [early]) == (NOW - timedelta(days=40)).date()
    assert applied_day(undated, []) == NOW.date()


def test_doctor_names_the_schema_and_counts_week_notes(tmp_path: Path) -> None:
    """doctor says which schema the file is in, and that a schema-1 file is updated on the next save."""
    store = Store(tmp_path / "data", clock=lambda: NOW)
    _write(store, schema_1_file())
    contents = next(c for c in diagnose(store) if c.name == "contents")
    assert contents.ok and "schema 1" in contents.detail and "next save" in contents.detail
    store.add(WeekNote.new(date(2026, 11, 23), keep="walks", now=NOW))
    contents = next(c for c in diagnose(store) if c.name == "contents")
    assert (
        "1 week note" in contents.detail
        and "schema 2" in contents.detail
        and "next save" not in contents.detail
    )
