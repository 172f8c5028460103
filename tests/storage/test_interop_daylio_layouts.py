"""Daylio exports in the real layouts: own mood scales, HTML notes, old layouts in several languages,
emoji tags, tabs; and the rules for moods, times, ids and re-imports (issue 15)."""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from rebound_tui.core.models import CheckIn, Snapshot
from rebound_tui.storage import interop
from rebound_tui.storage.interop import daylio_months
from rebound_tui.storage.interop.daylio import clean_note, local_moment
from tests.storage.interop_support import FIXTURES

ROOT = Path(__file__).resolve().parents[2]

Row = tuple[datetime, int, tuple[str, ...], tuple[str, ...], str]

SCALE = {"sick": 1, "depressed": 1, "awful": 1, "mal": 2, "bad [-]": 2, "content": 4, "good": 5}


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run with the machine's local time zone set to Europe/Berlin (CET/CEST)."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def rows(incoming: interop.Incoming) -> list[Row]:
    checkins = [r for r in incoming.records if isinstance(r, CheckIn)]
    return [(c.timestamp.replace(tzinfo=None), c.mood, c.feelings, c.activities, c.note) for c in checkins]


def test_own_scale_export_reads_every_row(berlin: None) -> None:
    """Seven mood names, 12-hour times in both cases, HTML and multi-line notes, emoji and ZWJ tags."""
    incoming = interop.read_daylio(FIXTURES / "custom_scale.csv", SCALE)
    assert rows(incoming) == [
        # 02:30 on 2024-03-31 does not exist in Berlin: it moves forward to 03:30, as the clocks did.
        (datetime(2024, 3, 31, 3, 30), 1, (), ("👨\u200d💻", "job application"), ""),
        (
            datetime(2024, 3, 30, 22, 0),
            4,
            ("tired",),
            ("coding practice", "🏃\u200d♀️"),
            "Good day\n\nSent 2 applications\nthen ran 5k & felt great",
        ),
        (
            datetime(2024, 3, 30, 8, 15),
            2,
            (),
            ("interview", "🏳️\u200d🌈"),
            'Recruiter said: "not a fit",\nbut asked me, kindly, to apply again.',
        ),
        (datetime(2024, 3, 29, 21, 5), 1, (), (), '"One outcome" is not the story <3'),
        (datetime(2024, 3, 29, 7, 0), 5, (), ("job application", "walk"), "Morning"),
        (datetime(2024, 3, 28, 23, 59), 1, (), (), ""),
        (datetime(2024, 3, 28, 0, 1), 2, (), ("walk",), ""),
        (datetime(2024, 3, 27, 12, 0), 4, (), ("coding practice",), ""),
    ]
    stamps = [r.timestamp for r in incoming.records if isinstance(r, CheckIn)]
    assert stamps[0].utcoffset() == timedelta(hours=2)
    assert stamps[-1].utcoffset() == timedelta(hours=1)


def test_own_scale_needs_every_name_even_the_default_ones() -> None:
    """More names than Daylio's five: 'Good' and 'Awful' are not scored silently with the defaults."""
    file = interop.scan_daylio(FIXTURES / "custom_scale.csv")
    assert file.own_scale
    levels, missing = interop.mood_levels(
        file, {"sick": 1, "depressed": 1, "mal": 2, "bad [-]": 2, "content": 4}
    )
    assert missing == ["good", "awful"]
    assert "good" not in levels
    with pytest.raises(interop.UnknownMoods) as caught:
        interop.read_daylio(FIXTURES / "custom_scale.csv", {"content": 4})
    message = str(caught.value)
    assert message.startswith(f"{FIXTURES / 'custom_scale.csv'}: this file has 7 mood names, its own scale")
    assert "'content'" not in message
    assert "'Sick' (1 row)" in message and "'Good' (1 row)" in message and "'Bad [-]' (1 row)" in message


def test_every_unknown_name_is_named_at_once_with_its_count() -> None:
    """One error lists all the unknown names (most used first), not the first one only."""
    with pytest.raises(interop.UnknownMoods) as caught:
        interop.read_daylio(FIXTURES / "old_pl.csv")
    assert caught.value.names == [("dobrze", 1), ("tak sobie", 1), ("świetnie", 1)]
    assert "3 mood names are not one of rad, good, meh, bad, awful" in str(caught.value)


def test_counts_of_moods_and_activities() -> None:
    file = interop.scan_daylio(FIXTURES / "custom_scale.csv")
    assert file.moods == {
        "content": 2,
        "sick": 1,
        "bad [-]": 1,
        "depressed": 1,
        "good": 1,
        "awful": 1,
        "mal": 1,
    }
    assert file.spelling["bad [-]"] == "Bad [-]"
    assert file.activities == {
        "job application": 2,
        "coding practice": 2,
        "walk": 2,
        "👨\u200d💻": 1,
        "🏃\u200d♀️": 1,
        "interview": 1,
        "🏳️\u200d🌈": 1,
    }


OLD_LAYOUTS: dict[str, tuple[dict[str, int], list[tuple[datetime, int, str]]]] = {
    "old_en.csv": (
        {},
        [
            (datetime(2017, 9, 7, 21, 0), 4, "Long day"),
            (datetime(2017, 9, 8, 8, 30), 3, ""),
            (datetime(2018, 3, 25, 3, 30), 5, "The night clocks go forward"),
        ],
    ),
    "old_es.csv": (
        {"bien": 4, "normal": 3, "genial": 5},
        [
            (datetime(2017, 9, 7, 21, 0), 4, "Día largo"),
            (datetime(2017, 11, 3, 8, 30), 3, ""),
            (datetime(2018, 3, 25, 10, 0), 5, ""),
        ],
    ),
    "old_de.csv": (
        {"gut": 4, "mies": 2, "super": 5},
        [
            (datetime(2017, 9, 7, 21, 0), 4, "Langer Tag"),
            (datetime(2017, 10, 29, 8, 30), 2, ""),
            (datetime(2018, 3, 25, 10, 0), 5, ""),
        ],
    ),
    "old_pl.csv": (
        {"dobrze": 4, "tak sobie": 3, "świetnie": 5},
        [
            (datetime(2017, 9, 7, 21, 0), 4, "Długi dzień"),
            (datetime(2017, 11, 3, 8, 30), 3, ""),  # "listopada": November in Polish
            (datetime(2018, 3, 25, 10, 0), 5, ""),
        ],
    ),
    "old_hr.csv": (
        {"dobro": 4, "loše": 2},
        [
            (datetime(2017, 10, 29, 21, 0), 4, ""),  # "listopada": October in Croatian
            (datetime(2017, 9, 7, 8, 30), 2, ""),
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(OLD_LAYOUTS))
def test_old_layout_in_each_language(name: str, berlin: None) -> None:
    """year + date in words: the weekday tells the language, then the month is read in it."""
    mood_map, expected = OLD_LAYOUTS[name]
    got = [
        (when, mood, note) for when, mood, _, _, note in rows(interop.read_daylio(FIXTURES / name, mood_map))
    ]
    assert got == expected


def test_old_layout_with_an_unknown_weekday_names_the_line() -> None:
    with pytest.raises(interop.InteropError) as caught:
        interop.read_daylio(FIXTURES / "old_unknown.csv")
    assert caught.value.line == 4
    assert "the weekday 'blursday' is not a weekday name in any language rebound-tui knows" in str(
        caught.value
    )


@pytest.mark.parametrize(
    ("weekday", "day", "expected"),
    [
        ("piątek", "3 listopada", date(2017, 11, 3)),
        ("utorak", "3 listopada", date(2017, 10, 3)),
        ("", "3 listopada", None),  # no weekday: Polish November or Croatian October, cannot tell
        ("", "3 September", date(2017, 9, 3)),  # no weekday, but the name is one month everywhere
    ],
)
def test_colliding_month_words_need_the_weekday(
    tmp_path: Path, weekday: str, day: str, expected: date | None
) -> None:
    path = tmp_path / "old.csv"
    path.write_text(f"year,date,weekday,time,mood,activities,note\n2017,{day},{weekday},21:00,good,,\n")
    if expected is None:
        with pytest.raises(interop.InteropError, match="line 2: date"):
            interop.read_daylio(path)
    else:
        [record] = interop.read_daylio(path).records
        assert isinstance(record, CheckIn)
        assert record.timestamp.date() == expected


def test_tab_separated_file_with_bom() -> None:
    """A tab-separated re-save (with a BOM) reads like the comma one, and its format is guessed."""
    path = FIXTURES / "tabs_bom.csv"
    assert interop.guess_format(path) == "daylio"
    assert [
        (when.day, mood, acts, note) for when, mood, _, acts, note in rows(interop.read_daylio(path))
    ] == [
        (12, 4, ("applied", "👨\u200d💻"), 'Tabs, commas, "quotes"'),
        (11, 1, (), "Rough"),
    ]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a<br>b<br/>c<BR />d", "a\nb\nc\nd"),
        ("<b>bold</b> and <i>it</i>", "bold and it"),
        ("&amp; &quot;x&quot; &lt;b&gt; &#39;", '& "x" <b> \''),
        ("line\r\nnext\rlast", "line\nnext\nlast"),
        ("I <3 this, 2 < 3", "I <3 this, 2 < 3"),
        ("<p>one</p><p>two</p>", "one\ntwo"),
    ],
)
def test_notes_lose_their_html(raw: str, clean: str) -> None:
    assert clean_note(raw) == clean


def test_dst_rules(berlin: None) -> None:
    """Spring gap: forward by the gap, as clocks do. Autumn repeat: the first of the two (summer time)."""
    gap = local_moment(date(2024, 3, 31), datetime(2024, 1, 1, 2, 30).time())
    assert (gap.hour, gap.minute, gap.utcoffset()) == (3, 30, timedelta(hours=2))
    twice = local_moment(date(2024, 10, 27), datetime(2024, 1, 1, 2, 30).time())
    assert (twice.hour, twice.utcoffset()) == (2, timedelta(hours=2))
    plain = local_moment(date(2024, 7, 1), datetime(2024, 1, 1, 2, 30).time())
    assert (plain.hour, plain.utcoffset()) == (2, timedelta(hours=2))


def test_ids_did_not_change_with_these_rules() -> None:
    """Ids are those the importer gave before (html, DST and languages do not touch them): no duplicates."""
    ids = [r.id for r in interop.read_daylio(FIXTURES / "no_title.csv").records]
    assert ids[:2] == ["11e332b7-9298-55af-9f68-1c6fe13a58c4", "f719cd4e-51a7-50b0-ac36-d29cef3eeb40"]
    # The second row's note has HTML: its id is still that of its raw text, as before.
    ids = [r.id for r in interop.read_daylio(FIXTURES / "custom_scale.csv", SCALE).records]
    assert ids[:2] == ["5c4856aa-8855-503a-97fa-2387d358183b", "ff077a5f-8391-5df5-8744-86bcbdcfa83a"]


def test_a_corrected_mood_map_corrects_records_not_edited_here() -> None:
    path = FIXTURES / "custom_scale.csv"
    first = interop.read_daylio(path, SCALE)
    checkins = [r for r in first.records if isinstance(r, CheckIn)]
    edited = replace(checkins[1], note="mine", updated=checkins[1].updated + timedelta(days=9999))
    here = Snapshot(checkins=(checkins[0], edited, *checkins[2:]))
    again = interop.read_daylio(path, {**SCALE, "sick": 2, "content": 3})
    now = datetime(2030, 1, 1).astimezone()
    fixed, ids = interop.take_corrections(again, here, now)
    assert ids == {checkins[0].id, checkins[-1].id}  # 'sick' and the unedited 'content' row
    by_id = {r.id: r for r in fixed.records}
    assert by_id[checkins[0].id].updated == now
    assert by_id[checkins[1].id].updated == checkins[1].updated  # edited here: left to the merge rules
    same, none = interop.take_corrections(first, Snapshot(checkins=tuple(checkins)), now)
    assert none == frozenset() and same is first


def test_generated_month_table_is_in_step_with_its_generator() -> None:
    """The table module is exactly what tools/daylio_months.py's render writes for its own data."""
    spec = importlib.util.spec_from_file_location("daylio_months_tool", ROOT / "tools" / "daylio_months.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)  # imports no Babel: only extract() does
    assert {code: name for code, (name, _) in tool.LANGUAGES.items()} == daylio_months.LANGUAGES
    text = tool.render(
        daylio_months.CLDR_VERSION,
        daylio_months.BABEL_VERSION,
        daylio_months.LANGUAGES,
        daylio_months.MONTHS,
        daylio_months.WEEKDAYS,
    )
    assert text == Path(daylio_months.__file__).read_text(encoding="utf-8")
    for code in ("en", "es", "de", "pl", "pt", "fr", "it", "ru", "cs", "hr", "nl", "tr"):
        assert sorted(set(daylio_months.MONTHS[code].values())) == list(range(1, 13)), code
        assert sorted(set(daylio_months.WEEKDAYS[code].values())) == list(range(7)), code
    assert daylio_months.MONTHS["pl"]["września"] == daylio_months.MONTHS["pl"]["wrzesień"] == 9
    assert daylio_months.MONTHS["ru"]["сентября"] == 9
