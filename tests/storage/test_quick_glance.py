"""The TUI's first paint glances at the file's bytes instead of parsing them (issue 11: first paint).

A glance must give exactly what the parsed reading gives, or hand over to it:
for every kind of record, for text typed to look like a key, for files laid
out by hand, and for files that are not what they claim.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rebound_tui.core.models import (
    RECORD_TYPES,
    Application,
    CheckIn,
    RestDay,
    Round,
    Settings,
    Stage,
    WeekNote,
)
from rebound_tui.core.sample_data import generate
from rebound_tui.storage.quick import glance_streak, glance_theme, quick_streak
from rebound_tui.storage.store import CorruptStoreError, Store

TODAY = date(2026, 11, 30)
ZONE = timezone(timedelta(hours=1))


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 30, tzinfo=ZONE)


def test_only_check_ins_have_a_timestamp_only_pauses_a_start_only_settings_a_theme() -> None:
    """The keys the glance counts belong to one kind each (a new field must not reuse them)."""
    now = _at(TODAY)
    application = Application.new("Acme", "Engineer", now=now)
    samples = {
        CheckIn: CheckIn.new(4, now=now),
        Application: application,
        Round: Round.new(application.id, Stage.APPLIED, now=now),
        RestDay: RestDay.new(TODAY, now=now),
        WeekNote: WeekNote(id="7d3c1e0a-5b2f-4c1d-9e8f-0a1b2c3d4e5f", created=now, updated=now, week=TODAY),
    }
    assert set(samples) == set(RECORD_TYPES.values())
    for kind, record in samples.items():
        keys = set(record.to_doc())
        assert ("timestamp" in keys) == (kind is CheckIn), kind
        assert ("start" in keys) == (kind is RestDay), kind
        assert "theme" not in keys, kind
    assert "theme" in Settings().to_doc()


def test_ten_years_glance_as_they_read(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    snap = generate()
    store.add_many([*snap.checkins, *snap.applications, *snap.rounds, *snap.rest_days])
    today = max(c.timestamp for c in snap.checkins).date() + timedelta(days=1)
    assert glance_streak(store, today) == quick_streak(Store(store.data_dir), today)


NOTES = ['"timestamp":"2026-11-29', '"start":"2026-01-01","end":"x', "plain", ""]
"""Notes typed to look like the keys the glance reads."""


@settings(max_examples=40, deadline=None)
@given(
    days=st.sets(st.integers(min_value=0, max_value=60), max_size=40),
    pauses=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 5)), max_size=4),
    note=st.sampled_from(
        ['"timestamp":"2026-11-29', '\\"start\\":\\"2026-01-01\\",\\"end\\":\\"x', "plain", ""]
    ),
)
def test_any_history_glances_as_it_reads(days: set[int], pauses: list[tuple[int, int]], note: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "data")
        records: list[object] = [
            CheckIn.new(3, timestamp=_at(TODAY - timedelta(days=n)), note=note) for n in days
        ]
        for back, length in pauses:
            start = TODAY - timedelta(days=back)
            records.append(RestDay.new(start, start + timedelta(days=length), note=note))
        if records:
            store.add_many(records)  # type: ignore[arg-type]
        assert glance_streak(store, TODAY) == quick_streak(Store(store.data_dir), TODAY)


def test_text_typed_to_look_like_a_key_is_not_read_as_one(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    store.add(CheckIn.new(4, timestamp=_at(TODAY), note='{"timestamp":"2026-11-29T09:00:00+01:00"}'))
    streak = glance_streak(store, TODAY)
    assert (streak.current, streak.total_days) == (1, 1)


def test_a_file_laid_out_by_hand_glances_the_same(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    store.add_many([CheckIn.new(4, timestamp=_at(TODAY - timedelta(days=n))) for n in range(3)])
    store.path.write_text(json.dumps(json.loads(store.path.read_text()), indent=2))
    assert glance_streak(store, TODAY).current == 3 == quick_streak(Store(store.data_dir), TODAY).current


def _three_days_and_a_pause(store: Store) -> None:
    """Check-ins today and the two days before a one-day pause, and the day before it."""
    days = [TODAY, TODAY - timedelta(days=1), TODAY - timedelta(days=2), TODAY - timedelta(days=4)]
    pause = RestDay.new(TODAY - timedelta(days=3), TODAY - timedelta(days=3), now=_at(TODAY))
    store.add_many([*(CheckIn.new(4, timestamp=_at(day)) for day in days), pause])


def test_valid_json_the_glance_cannot_read_is_parsed_for_the_same_streak(tmp_path: Path) -> None:
    """A day written with a JSON escape, or a pause with its keys in another order, is still the same data."""
    store = Store(tmp_path / "data")
    _three_days_and_a_pause(store)
    expected = quick_streak(Store(store.data_dir), TODAY)
    assert (expected.current, expected.total_days) == (4, 4), "the pause bridges the gap"
    plain = store.path.read_text()
    pause = json.loads(plain)["rest_days"]
    start, end = next(iter(pause.values()))["start"], next(iter(pause.values()))["end"]
    variants = [
        plain.replace(f'"timestamp":"{TODAY}', f'"timestamp":"\\u0032{str(TODAY)[1:]}'),
        plain.replace(f'"start":"{start}","end":"{end}"', f'"end":"{end}","start":"{start}"'),
    ]
    for text in variants:
        assert text != plain, "the variant really changed the file"
        store.path.write_text(text)
        assert glance_streak(Store(store.data_dir), TODAY) == expected


def test_a_file_that_does_not_look_right_is_parsed_and_named(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    store.add(CheckIn.new(4, timestamp=_at(TODAY)))
    text = store.path.read_text()
    store.path.write_text(text.replace(f'"timestamp":"{TODAY}', '"timestamp":"not a day'))
    with pytest.raises(CorruptStoreError, match="cannot be read"):
        glance_streak(store, TODAY)


@pytest.mark.parametrize("damaged", [b'{"checkins": {"x": ', b"\x00\x01 not json", b"[]"])
def test_a_cut_off_file_is_parsed_and_named(tmp_path: Path, damaged: bytes) -> None:
    store = Store(tmp_path / "data")
    store.data_dir.mkdir(mode=0o700)
    store.path.write_bytes(damaged)
    with pytest.raises(CorruptStoreError):
        glance_streak(store, TODAY)
    with pytest.raises(CorruptStoreError):
        glance_theme(store)
    assert store.path.read_bytes() == damaged


def test_no_file_yet(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    assert glance_streak(store, TODAY).current == 0
    assert glance_theme(store) == Settings().theme


class TestTheme:
    def test_the_chosen_theme(self, tmp_path: Path) -> None:
        store = Store(tmp_path / "data")
        store.save_settings(dataclasses.replace(Settings(), theme="rebound-light"))
        assert glance_theme(store) == "rebound-light"

    def test_a_note_naming_a_theme_changes_nothing(self, tmp_path: Path) -> None:
        store = Store(tmp_path / "data")
        store.add(CheckIn.new(4, note='"theme":"rebound-contrast"'))
        assert glance_theme(store) == Settings().theme
        store.save_settings(dataclasses.replace(Settings(), theme="rebound-light"))
        assert glance_theme(store) == "rebound-light"

    def test_a_theme_that_is_not_ours_is_left_to_the_full_reading(self, tmp_path: Path) -> None:
        store = Store(tmp_path / "data")
        store.save_settings(dataclasses.replace(Settings(), theme="rebound-light"))
        store.path.write_text(store.path.read_text().replace('"rebound-light"', '"no-such-theme"'))
        with pytest.raises(CorruptStoreError):
            glance_theme(store)
