"""Tests for export, import and merge: JSON and CSV round trips, Daylio import, bad input, merges."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from rebound_tui.cli.interop import ProgressBar
from rebound_tui.cli.main import Env, cli
from rebound_tui.core.models import (
    Application,
    CheckIn,
    RestDay,
    Round,
    Settings,
    Snapshot,
    Stage,
    Tombstone,
)
from rebound_tui.core.sample_data import generate
from rebound_tui.storage import interop
from rebound_tui.storage.interop import Incoming, InteropError
from rebound_tui.storage.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "daylio"
TZ = timezone(timedelta(hours=1))
FIXED = datetime(2026, 11, 27, 9, 0, tzinfo=TZ)
TRICKY = (
    'Commas, "quotes" and\nnew lines',
    "Unicode: café — 面接 ✓ 🙂",
    "Windows line\r\nend and a lone\rreturn",
    "  leading and trailing spaces  ",
    "tab\there, a|pipe; semi,colon",
    "line\u2028separator and \\ backslash",
    "",
    '"',
    "=1+2 looks like a formula",
)


# --------------------------------------------------------------------------- helpers


def invoke(data_dir: Path, *args: str) -> Result:
    """Run the CLI against ``data_dir`` with the clock frozen at FIXED."""
    return CliRunner().invoke(cli, list(args), obj=Env(data_dir=str(data_dir), clock=lambda: FIXED))


def store_at(data_dir: Path, moment: datetime = FIXED) -> Store:
    return Store(data_dir, clock=lambda: moment)


def data_bytes(data_dir: Path) -> dict[str, bytes]:
    """Every file under the data folder, by relative path (to prove nothing was written)."""
    if not data_dir.exists():
        return {}
    return {str(p.relative_to(data_dir)): p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file()}


def seed(data_dir: Path) -> Store:
    """A store with awkward text everywhere, settings, and deletions (tombstones)."""
    store = store_at(data_dir)
    sample = generate(days=40, rounds=12, end=date(2026, 11, 20))
    checkins = [replace(c, note=TRICKY[i % len(TRICKY)]) for i, c in enumerate(sample.checkins)]
    apps = list(sample.applications)
    apps[0] = replace(apps[0], company='Smith, Jones & "Co"', note="Referral from Ana,\nvia a friend 🙂")
    rounds = [
        replace(
            r,
            feedback=TRICKY[i % len(TRICKY)],
            lesson=TRICKY[(i + 3) % len(TRICKY)],
            follow_up=date(2026, 12, 1) if i % 3 == 0 else None,
        )
        for i, r in enumerate(sample.rounds)
    ]
    rests = [replace(r, note='Family visit, "off-grid"\nback Monday') for r in sample.rest_days]
    store.add_many([*checkins, *apps, *rounds, *rests])
    store.save_settings(Settings(weekly_target=5, theme="rebound-light", first_day_of_week=6))
    store.delete(CheckIn, checkins[3].id)
    store.delete(Application, apps[-1].id)  # takes its rounds along
    return store


def checkin(day: int, *, note: str = "", updated: datetime | None = None, mood: int = 3) -> CheckIn:
    moment = datetime(2026, 11, day, 9, 0, tzinfo=TZ)
    return CheckIn(
        id=CheckIn.new(3).id,
        created=moment,
        updated=updated or moment,
        timestamp=moment,
        mood=mood,
        note=note,
    )


def as_dicts(snapshot: Snapshot) -> dict[str, object]:
    return {
        "records": sorted((r.to_dict() for r in interop.records_of(snapshot)), key=lambda d: str(d["id"])),
        "tombstones": sorted((t.id, t.kind, t.deleted.isoformat()) for t in snapshot.tombstones),
        "settings": snapshot.settings.to_doc(),
    }


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run with the machine's local time zone set to Europe/Berlin (CET/CEST)."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# --------------------------------------------------------------------------- JSON and CSV round trips


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
    assert data["schema"] == 1
    assert {"checkins", "applications", "rounds", "rest_days", "tombstones", "settings"} <= data.keys()
    first_checkin = data["checkins"][0]["id"]
    assert sum(first_checkin in line for line in result.stdout.splitlines()) == 1


def test_csv_export_import_export_is_identical(tmp_path: Path) -> None:
    """Export csv, import the folder into an empty store, export again: every file is byte-identical."""
    seed(tmp_path / "a")
    assert invoke(tmp_path / "a", "export", "-f", "csv", "-o", str(tmp_path / "one")).exit_code == 0
    imported = invoke(tmp_path / "b", "import", str(tmp_path / "one"))
    assert imported.exit_code == 0, imported.output
    assert invoke(tmp_path / "b", "export", "-f", "csv", "-o", str(tmp_path / "two")).exit_code == 0
    names = ["applications.csv", "checkins.csv", "rest_days.csv", "rounds.csv"]
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
    assert tuple(rows[0]) == interop.CSV_COLUMNS[CheckIn.KIND]
    assert len(rows) == len(snapshot.checkins) + 1
    assert {row[6] for row in rows[1:]} <= set(TRICKY)


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
        assert invoke(tmp_path / "a", "export", "-o", str(tmp_path / "old.json")).exit_code == 0
        assert invoke(tmp_path / "a", "export", "-f", "md", "-o", str(tmp_path / "j.md")).exit_code == 0
        assert invoke(tmp_path / "a", "export", "-f", "csv", "-o", str(tmp_path / "csv")).exit_code == 0
    finally:
        os.umask(old_umask)
    written = [tmp_path / "old.json", tmp_path / "j.md", *(tmp_path / "csv").iterdir()]
    assert len(written) == 6
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE((tmp_path / "csv").stat().st_mode) == 0o700
    assert not list(tmp_path.glob(".*.tmp"))


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


def test_markdown_journal_goes_month_by_month(tmp_path: Path) -> None:
    """The md export has a heading per month in order, check-ins with feelings and notes, reflections."""
    store = store_at(tmp_path / "a")
    oct_day = datetime(2026, 10, 30, 20, 15, tzinfo=TZ)
    nov_day = datetime(2026, 11, 2, 8, 5, tzinfo=TZ)
    app = Application.new("Acme Cloud", "SRE", now=oct_day)
    rnd = Round.new(
        app.id,
        Stage.TECHNICAL,
        when=nov_day + timedelta(hours=6),
        outcome="rejected",
        now=nov_day,
        ratings={"examples": 4},
        went_well="Clear story about the migration.",
        lesson="Ask about the team first.\nThen the stack.",
        factors=("internal-candidate",),
    )
    store.add_many(
        [
            CheckIn.new(2, timestamp=oct_day, feelings=["disappointed"], note="Rough one.", now=oct_day),
            CheckIn.new(
                4, timestamp=nov_day, energy=3, activities=["applied"], note="Better.\nTwo apps.", now=nov_day
            ),
            app,
            rnd,
        ]
    )
    result = invoke(tmp_path / "a", "export", "-f", "md")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("# rebound-tui journal\n")
    assert text.index("## October 2026") < text.index("## November 2026")
    assert "### Friday 30 October" in text and "### Monday 2 November" in text
    assert "- **20:15** check-in: low (2/5)" in text
    assert "  - Feelings: disappointed" in text
    assert "  > Rough one." in text
    assert "check-in: good (4/5), energy steady (3/5)" in text
    assert "  > Better.\n  > Two apps." in text
    assert "- **14:05** interview: technical at Acme Cloud (SRE), rejected" in text
    assert "  - Self-ratings: concrete examples 4/5" in text
    assert "  - Outside my control: internal candidate" in text
    assert "    > Clear story about the migration." in text
    assert "    > Ask about the team first.\n    > Then the stack." in text


def test_markdown_of_an_empty_store_says_so(tmp_path: Path) -> None:
    """An empty store exports a short, kind journal rather than nothing."""
    result = invoke(tmp_path / "a", "export", "-f", "md")
    assert result.exit_code == 0
    assert result.stdout == "# rebound-tui journal\n\nNothing logged yet.\n"


# --------------------------------------------------------------------------- importing twice, dry runs


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


def test_import_of_another_machines_data_file(tmp_path: Path) -> None:
    """import --format json also reads a raw rebound.json data file, not only exports."""
    original = seed(tmp_path / "a").snapshot()
    result = invoke(tmp_path / "b", "import", str(tmp_path / "a" / "rebound.json"))
    assert result.exit_code == 0, result.output
    assert as_dicts(store_at(tmp_path / "b").snapshot()) == as_dicts(original)


# --------------------------------------------------------------------------- Daylio

Row = tuple[datetime, int, tuple[str, ...], tuple[str, ...], str]

DAYLIO_EXPECTED: dict[str, tuple[dict[str, int], list[Row]]] = {
    "note_title.csv": (
        {},
        [
            (
                datetime(2024, 3, 12, 22, 0),
                4,
                ("tired",),
                ("applied", "networked"),
                'Long day\n\nSent two applications, then "rested".',
            ),
            (datetime(2024, 3, 12, 8, 5), 3, (), (), ""),
            (
                datetime(2024, 3, 11, 12, 30),
                5,
                ("hopeful", "proud"),
                ("interviewed",),
                "Second round went well.\nNext: system design.",
            ),
            (datetime(2024, 3, 11, 0, 15), 1, (), ("bad sleep",), ""),
            (datetime(2024, 3, 10, 19, 45), 2, (), (), "Rejection email"),
        ],
    ),
    "scales_bom.csv": (
        {},
        [
            (datetime(2025, 7, 1, 22, 0), 5, ("calm",), ("exercised",), "Ran 5k 🏃"),
            (datetime(2025, 7, 1, 9, 30), 3, (), ("practiced",), "Mock interview"),
            (datetime(2025, 1, 15, 7, 5), 4, (), (), ""),
        ],
    ),
    "no_title.csv": (
        {},
        [
            (datetime(2020, 5, 30, 18, 50), 5, ("anxious",), ("friends",), "Awesome, really"),
            (datetime(2020, 5, 30, 18, 50), 5, ("anxious",), ("friends",), "Awesome, really"),
            (datetime(2020, 5, 30, 13, 8), 4, (), (), ""),
            (datetime(2020, 5, 29, 14, 58), 3, (), ("work",), "Could be better"),
        ],
    ),
    "year_date.csv": (
        {},
        [
            (datetime(2018, 5, 18, 23, 54), 4, (), ("clean", "cook"), "Went to a party"),
            (datetime(2018, 5, 17, 22, 21), 1, ("frustrated",), ("cook",), ""),
            (datetime(2017, 12, 31, 23, 59), 3, (), (), "New year's eve"),
        ],
    ),
    "custom_moods.csv": (
        {"super": 5, "great!": 4, "so-so": 3},
        [
            (datetime(2023, 2, 1, 9, 0), 5, (), (), ""),
            (datetime(2023, 2, 1, 20, 0), 4, (), (), ""),
            (datetime(2023, 2, 2, 9, 0), 3, (), (), ""),
            (datetime(2023, 2, 3, 9, 0), 1, (), (), ""),
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(DAYLIO_EXPECTED))
def test_daylio_fixture_gives_the_expected_checkins(name: str) -> None:
    """Each Daylio header variant (BOM, scales, no note_title, year+date, custom moods) reads as expected."""
    mood_map, expected = DAYLIO_EXPECTED[name]
    incoming = interop.read_daylio(FIXTURES / name, mood_map)
    checkins = [r for r in incoming.records if isinstance(r, CheckIn)]
    assert len(checkins) == len(incoming.records)
    got = [(c.timestamp.replace(tzinfo=None), c.mood, c.feelings, c.activities, c.note) for c in checkins]
    assert got == expected
    for entry in checkins:
        naive = entry.timestamp.replace(tzinfo=None)
        assert entry.timestamp.utcoffset() == naive.astimezone().utcoffset()
        assert entry.created == entry.updated == entry.timestamp
        assert entry.energy is None


def test_daylio_offsets_follow_the_local_zone_on_each_date(berlin: None) -> None:
    """Winter and summer entries get this machine's offset for their own date (+01:00 / +02:00)."""
    incoming = interop.read_daylio(FIXTURES / "scales_bom.csv")
    offsets = {
        r.timestamp.date(): r.timestamp.utcoffset() for r in incoming.records if isinstance(r, CheckIn)
    }
    assert offsets[date(2025, 7, 1)] == timedelta(hours=2)
    assert offsets[date(2025, 1, 15)] == timedelta(hours=1)


def test_daylio_ids_are_stable_and_distinct() -> None:
    """Reading the same export twice gives the same ids; identical rows on one day still get their own."""
    first = [r.id for r in interop.read_daylio(FIXTURES / "no_title.csv").records]
    second = [r.id for r in interop.read_daylio(FIXTURES / "no_title.csv").records]
    assert first == second
    assert len(set(first)) == len(first) == 4


def test_daylio_import_through_the_cli(tmp_path: Path) -> None:
    """import --format daylio saves every entry; several a day are kept apart."""
    result = invoke(tmp_path / "b", "import", str(FIXTURES / "no_title.csv"), "--format", "daylio")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Imported {FIXTURES / 'no_title.csv'}: added 4 check-ins.\n"
    saved = store_at(tmp_path / "b").snapshot().checkins
    assert [c.day for c in saved].count(date(2020, 5, 30)) == 3


def test_daylio_custom_moods_need_a_mood_map(tmp_path: Path) -> None:
    """An unknown mood name names the line and suggests --mood-map; with the map it imports."""
    path = FIXTURES / "custom_moods.csv"
    result = invoke(tmp_path / "b", "import", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"rebound-tui: {path} line 2: mood 'Super' is not one of rad, good, meh, bad, awful "
        "(add --mood-map 'Super=N' with N from 1 awful to 5 great)\n"
    )
    result = invoke(
        tmp_path / "b",
        "import",
        str(path),
        "--mood-map",
        "SUPER=5",
        "--mood-map",
        "great!=4",
        "--mood-map",
        "so-so=3",
    )
    assert result.exit_code == 0, result.output
    assert [c.mood for c in store_at(tmp_path / "b").snapshot().checkins] == [5, 4, 3, 1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--mood-map", "super"], "--mood-map 'super' must look like NAME=N with N from 1 to 5"),
        (["--mood-map", "super=7"], "--mood-map 'super=7': N must be from 1 to 5"),
        (["--format", "json", "--mood-map", "super=5"], "--mood-map is for Daylio exports"),
    ],
)
def test_mood_map_is_checked(tmp_path: Path, args: list[str], message: str) -> None:
    """A malformed --mood-map, or one given for another format, is a one-line error."""
    result = invoke(tmp_path / "b", "import", str(FIXTURES / "custom_moods.csv"), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "b").exists()


# --------------------------------------------------------------------------- malformed input


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
        "line 5: mood 'great!' is not one of rad, good, meh, bad, awful (add --mood-map",
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
    assert "was written by a newer rebound-tui (schema 99; this one reads up to 1)" in result.stderr
    assert data_bytes(tmp_path / "b") == before


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    """Importing a path that does not exist is one line, exit 2."""
    result = invoke(tmp_path / "b", "import", str(tmp_path / "nope.json"))
    assert result.exit_code == 2
    assert result.stderr == f"rebound-tui: {tmp_path / 'nope.json'}: no such file or folder\n"


# --------------------------------------------------------------------------- merge


def _two_machines(tmp_path: Path) -> tuple[Path, Path, list[CheckIn]]:
    """A laptop and a remote box that both hold the same three check-ins."""
    laptop, remote = tmp_path / "laptop", tmp_path / "remote"
    shared = [checkin(d, note=f"day {d}") for d in (10, 11, 12)]
    store_at(laptop).add_many(list(shared))
    store_at(remote).add_many(list(shared))
    return laptop, remote, shared


def test_merge_of_disjoint_stores_takes_the_union(tmp_path: Path) -> None:
    """Records only the other machine has are added; nothing of ours is lost."""
    laptop, remote = tmp_path / "laptop", tmp_path / "remote"
    mine = [checkin(1), checkin(2)]
    theirs = [checkin(3), checkin(4), checkin(5)]
    app = Application.new("Fernway", "SRE", now=FIXED)
    store_at(laptop).add_many(list(mine))
    store_at(remote).add_many([*theirs, app, Round.new(app.id, "phone screen", now=FIXED)])
    result = invoke(laptop, "merge", str(remote / "rebound.json"))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Merged {remote / 'rebound.json'}: added 3 check-ins, 1 application, 1 interview round.\n"
    )
    merged = store_at(laptop).snapshot()
    assert {c.id for c in merged.checkins} == {c.id for c in mine + theirs}
    assert [r.application_id for r in merged.rounds] == [app.id]


def test_merge_of_overlapping_stores_keeps_shared_records_once(tmp_path: Path) -> None:
    """Records both machines hold, unchanged, are left alone and counted."""
    laptop, remote, shared = _two_machines(tmp_path)
    extra = checkin(13)
    store_at(remote).add(extra)
    result = invoke(laptop, "merge", str(remote))  # the data folder works too
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Merged {remote / 'rebound.json'}: added 1 check-in.",
        "(3 already here.)",
    ]
    assert [c.id for c in store_at(laptop).snapshot().checkins] == [*(c.id for c in shared), extra.id]


def test_merge_conflict_keeps_the_newer_edit_and_reports_it(tmp_path: Path) -> None:
    """A record edited on both machines keeps the later edit, whichever way round the merge runs."""
    laptop, remote, shared = _two_machines(tmp_path)
    target = shared[0]
    early, late = FIXED - timedelta(hours=2), FIXED - timedelta(hours=1)
    store_at(laptop).update(CheckIn, target.id, lambda c: c.touched(early, note="edited on the laptop"))
    store_at(remote).update(CheckIn, target.id, lambda c: c.touched(late, note="edited on the remote box"))

    result = invoke(laptop, "merge", str(remote / "rebound.json"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert (
        lines[0] == f"Merged {remote / 'rebound.json'}: updated 1 check-in with more recently edited copies."
    )
    assert (
        lines[2] == "1 record differs between the two copies; the more recently edited copy of each was kept:"
    )
    assert lines[3].startswith(f"  check-in {target.id[:8]} (2026-11-10 09:00, mood 3): took the copy from")
    assert store_at(laptop).get(CheckIn, target.id).note == "edited on the remote box"

    # The other way round, the remote box keeps its own (newer) copy and says so.
    store_at(tmp_path / "old").add_many(list(shared))
    store_at(tmp_path / "old").update(CheckIn, target.id, lambda c: c.touched(early, note="older edit"))
    result = invoke(remote, "merge", str(tmp_path / "old" / "rebound.json"))
    assert result.exit_code == 0, result.output
    assert "kept the copy here (edited 2026-11-27 08:00; there 2026-11-27 07:00)" in result.stdout
    assert store_at(remote).get(CheckIn, target.id).note == "edited on the remote box"


def test_merging_twice_changes_nothing(tmp_path: Path) -> None:
    """After one merge, merging the same file again leaves every byte of the store as it was."""
    laptop, remote, shared = _two_machines(tmp_path)
    store_at(remote).add(checkin(14))
    store_at(remote, FIXED + timedelta(minutes=5)).update(
        CheckIn, shared[1].id, lambda c: c.touched(FIXED + timedelta(minutes=5), mood=5)
    )
    store_at(remote).delete(CheckIn, shared[2].id)
    first = invoke(laptop, "merge", str(remote / "rebound.json"))
    assert first.exit_code == 0, first.output
    before = data_bytes(laptop)
    second = invoke(laptop, "merge", str(remote / "rebound.json"))
    assert second.exit_code == 0, second.output
    assert second.stdout.startswith(f"Nothing to merge from {remote / 'rebound.json'}")
    assert data_bytes(laptop) == before


def test_merge_never_brings_back_a_record_deleted_here(tmp_path: Path) -> None:
    """A record with a tombstone here stays deleted, however new the other machine's copy is."""
    laptop, remote, shared = _two_machines(tmp_path)
    store_at(laptop).delete(CheckIn, shared[0].id)
    later = FIXED + timedelta(days=1)
    store_at(remote, later).update(CheckIn, shared[0].id, lambda c: c.touched(later, note="edited later"))
    result = invoke(laptop, "merge", str(remote / "rebound.json"))
    assert result.exit_code == 0, result.output
    assert "1 skipped because you deleted it here" in result.stdout
    assert shared[0].id not in {c.id for c in store_at(laptop).snapshot().checkins}


def test_merge_applies_a_deletion_made_on_the_other_machine(tmp_path: Path) -> None:
    """A tombstone newer than our last edit deletes the record here (an application takes its rounds)."""
    laptop, remote, shared = _two_machines(tmp_path)
    app = Application.new("Copperleaf", "Data Engineer", now=FIXED - timedelta(days=3))
    rnd = Round.new(app.id, "technical", now=FIXED - timedelta(days=3))
    store_at(laptop).add_many([app, rnd])
    store_at(remote).add_many([app])  # the remote never saw the round
    store_at(remote).delete(CheckIn, shared[1].id)
    store_at(remote).delete(Application, app.id)
    result = invoke(laptop, "merge", str(remote / "rebound.json"))
    assert result.exit_code == 0, result.output
    assert "deleted 3 records deleted there after their last edit here" in result.stdout
    merged = store_at(laptop).snapshot()
    assert shared[1].id not in {c.id for c in merged.checkins}
    assert merged.applications == () and merged.rounds == ()
    assert {t.id for t in merged.tombstones} == {shared[1].id, app.id, rnd.id}


def test_merge_keeps_a_record_edited_after_it_was_deleted_elsewhere(tmp_path: Path) -> None:
    """Deleted there, but edited here afterwards: the edit wins and the conflict is reported."""
    laptop, remote, shared = _two_machines(tmp_path)
    store_at(remote, FIXED).delete(CheckIn, shared[0].id)
    later = FIXED + timedelta(hours=3)
    store_at(laptop, later).update(CheckIn, shared[0].id, lambda c: c.touched(later, note="still matters"))
    result = invoke(laptop, "merge", str(remote / "rebound.json"))
    assert result.exit_code == 0, result.output
    assert (
        "kept here: edited 2026-11-27 12:00, after it was deleted there (2026-11-27 09:00)" in result.stdout
    )
    assert store_at(laptop).get(CheckIn, shared[0].id).note == "still matters"


def test_merge_takes_the_newer_settings(tmp_path: Path) -> None:
    """Settings changed more recently on the other machine win; older ones do not."""
    laptop, remote, _ = _two_machines(tmp_path)
    store_at(laptop, FIXED).save_settings(Settings(weekly_target=4))
    store_at(remote, FIXED + timedelta(hours=1)).save_settings(
        Settings(weekly_target=6, theme="rebound-contrast")
    )
    result = invoke(laptop, "merge", str(remote / "rebound.json"))
    assert "took the more recently changed settings" in result.stdout
    assert store_at(laptop).snapshot().settings.weekly_target == 6
    result = invoke(remote, "merge", str(tmp_path / "laptop" / "rebound.json"))
    assert result.stdout.startswith("Nothing to merge")


def test_merges_in_both_directions_agree(tmp_path: Path) -> None:
    """Merging A into B and B into A leaves both machines with the same records, deletions and settings."""
    laptop, remote, shared = _two_machines(tmp_path)
    store_at(laptop).add(checkin(20))
    store_at(remote).add(checkin(21))
    tie = FIXED + timedelta(hours=1)
    store_at(laptop, tie).update(CheckIn, shared[0].id, lambda c: c.touched(tie, note="same moment, laptop"))
    store_at(remote, tie).update(CheckIn, shared[0].id, lambda c: c.touched(tie, note="same moment, remote"))
    store_at(remote).delete(CheckIn, shared[2].id)
    store_at(laptop, tie).save_settings(Settings(weekly_target=7))
    copy = tmp_path / "laptop-before.json"
    copy.write_bytes((laptop / "rebound.json").read_bytes())
    assert invoke(laptop, "merge", str(remote / "rebound.json")).exit_code == 0
    assert invoke(remote, "merge", str(copy)).exit_code == 0
    assert as_dicts(store_at(laptop).snapshot()) == as_dicts(store_at(remote).snapshot())


def test_merge_dry_run_writes_nothing(tmp_path: Path) -> None:
    """merge --dry-run lists what would change and leaves the store's bytes alone."""
    laptop, remote, _ = _two_machines(tmp_path)
    store_at(remote).add(checkin(22))
    before = data_bytes(laptop)
    result = invoke(laptop, "merge", "--dry-run", str(remote / "rebound.json"))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        f"Dry run, nothing was written. Merging {remote / 'rebound.json'} would:",
        "  add 1 check-in",
    ]
    assert data_bytes(laptop) == before


def test_merge_refuses_a_round_without_its_application(tmp_path: Path) -> None:
    """A round whose application is nowhere is an error naming its line; nothing is written."""
    app = Application.new("Ironbark", "SRE", now=FIXED)
    rnd = Round.new(app.id, "onsite", now=FIXED)
    text = interop.export_json(Snapshot(rounds=(rnd,)))
    (tmp_path / "orphan.json").write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.split("\n"), 1) if rnd.id in row)
    store_at(tmp_path / "b").add(checkin(20))
    before = data_bytes(tmp_path / "b")
    result = invoke(tmp_path / "b", "merge", str(tmp_path / "orphan.json"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"rebound-tui: {tmp_path / 'orphan.json'} line {line}: interview round {rnd.id[:8]} belongs to "
        f"application {app.id[:8]}, which is neither in this file nor in your data\n"
    )
    assert data_bytes(tmp_path / "b") == before


def test_plan_merge_counts_each_outcome() -> None:
    """plan_merge sorts records into added, updated, conflicts, unchanged and skipped_deleted."""
    same, edited, deleted_here, new = checkin(1), checkin(2), checkin(3), checkin(4)
    current = Snapshot(
        checkins=(same, edited),
        tombstones=(Tombstone(deleted_here.id, CheckIn.KIND, FIXED),),
    )
    newer = replace(edited, note="newer", updated=FIXED + timedelta(days=1))
    plan = interop.plan_merge(current, Incoming("x.json", (same, newer, deleted_here, new)))
    assert plan.added == [new]
    assert plan.updated == [newer]
    assert [c.id for c in plan.conflicts] == [edited.id] and plan.conflicts[0].took_theirs
    assert plan.unchanged == 1
    assert plan.skipped_deleted == [deleted_here]
    assert plan.changes


def test_rest_days_travel_with_json_and_csv(tmp_path: Path) -> None:
    """Pauses are records too: they are exported and imported by json and csv."""
    rest = RestDay.new(date(2026, 8, 1), date(2026, 8, 14), note="Summer, offline", now=FIXED)
    store_at(tmp_path / "a").add(rest)
    invoke(tmp_path / "a", "export", "-f", "csv", "-o", str(tmp_path / "csv"))
    assert invoke(tmp_path / "b", "import", str(tmp_path / "csv")).exit_code == 0
    assert store_at(tmp_path / "b").snapshot().rest_days == (rest,)


# --------------------------------------------------------------------------- progress and import hygiene


def test_progress_bar_only_for_long_files() -> None:
    """The bar stays hidden for short files and draws for long ones (Rich, on the given stream)."""
    short, long = io.StringIO(), io.StringIO()
    quiet = ProgressBar("Reading short.csv", stream=short)
    quiet.update(100, 120)
    quiet.stop()
    assert short.getvalue() == ""
    bar = ProgressBar("Reading long.csv", stream=long)
    bar.update(1000, 3651)
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
    with interop_cli._progress("Reading daylio.csv") as bar:
        assert bar is not None
        bar.update(3000, 3651)
    assert "Reading daylio.csv" in terminal.getvalue()

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with interop_cli._progress("Reading daylio.csv") as bar:
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
