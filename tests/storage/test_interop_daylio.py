"""Tests for the Daylio import: every header variant, local offsets, stable ids, mood maps."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from rebound_tui.core.models import CheckIn
from rebound_tui.storage import interop
from tests.storage.interop_support import FIXTURES, invoke, store_at


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run with the machine's local time zone set to Europe/Berlin (CET/CEST)."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


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
    """Unknown mood names are all named in one line with a ready command; with the map it imports."""
    path = FIXTURES / "custom_moods.csv"
    result = invoke(tmp_path / "b", "import", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"rebound-tui: {path}: 3 mood names are not one of rad, good, meh, bad, awful: "
        "'Super' (1 row), 'great!' (1 row), 'so-so' (1 row); give each a level from 1 awful to 5 great; "
        f"when you have chosen, run: rebound-tui --data-dir {tmp_path / 'b'} import {path} "
        "--mood-map Super=N --mood-map 'great!=N' --mood-map so-so=N\n"
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


@pytest.mark.parametrize("year", ["0", "10000", "99999999999999999999999", "9" * 5000, "²⁰²⁶"])
@pytest.mark.parametrize("day", ["7 September", "September 7"])
def test_daylio_impossible_years_are_named(tmp_path: Path, year: str, day: str) -> None:
    """Year 0, a five-digit year or a huge number: the row is named, nothing crashes or is written."""
    path = tmp_path / "daylio.csv"
    path.write_text(f"year,date,weekday,time,mood,activities,note\n{year},{day},Monday,21:30,good,,hi\n")
    with pytest.raises(interop.InteropError, match=r"line 2: date .* is not a real date"):
        interop.read_daylio(path, {})


@pytest.mark.parametrize("full_date", ["0000-01-05", "10000-01-05", "99999999999999999999-01-05"])
def test_daylio_impossible_full_dates_are_named(tmp_path: Path, full_date: str) -> None:
    path = tmp_path / "daylio.csv"
    path.write_text(f"full_date,date,weekday,time,mood,activities,note\n{full_date},x,y,21:30,good,,hi\n")
    with pytest.raises(interop.InteropError, match=r"line 2: date .* is not a real date"):
        interop.read_daylio(path, {})
