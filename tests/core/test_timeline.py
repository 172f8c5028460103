"""Unit tests for rebound_tui.core.timeline: date ranges, the History filter and the timeline order.

Dates: today is Saturday 2026-11-28 (as in the TUI and CLI tests), so 'Nov'
is this year's November and 'December' last year's.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from rebound_tui.core.models import Application, CheckIn, Outcome, Round, Snapshot, Stage, ValidationError
from rebound_tui.core.timeline import (
    MOOD_RANGES,
    RANGE_HINT,
    HistoryFilter,
    checkins,
    day_span,
    moment,
    parse_range,
    timeline,
)

TZ = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 28)


def _at(day: int, hour: int, minute: int = 0, tz: timezone = TZ) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=tz)


def _checkin(day: int, hour: int, mood: int, record_id: str = "", **extra: object) -> CheckIn:
    when = _at(day, hour)
    if record_id:
        return CheckIn(id=record_id, created=when, updated=when, timestamp=when, mood=mood, **extra)  # type: ignore[arg-type]
    return CheckIn.new(mood, timestamp=when, now=when, **extra)  # type: ignore[arg-type]


ACME = Application.new("Acme Cloud", "Site Reliability Engineer", now=_at(20, 9))
SAT = _checkin(21, 9, 2, feelings=["tired"], note="Long walk helped.")
MON = _checkin(23, 10, 4, feelings=["hopeful"], activities=["applied"], note="Sent two APPLICATIONS.")
WED_AM = _checkin(25, 8, 3, feelings=["anxious"], note="Nervous before the call")
WED_ROUND = Round.new(
    ACME.id, Stage.TECHNICAL, when=_at(25, 14), now=_at(25, 15), outcome=Outcome.REJECTED, lesson="Slow down."
)
WED_PM = _checkin(25, 19, 5, feelings=["proud", "calm"], activities=["interviewed"])
FRI = _checkin(27, 12, 1, feelings=["disappointed"], note="A no from Fernway.")
JOURNAL = Snapshot(checkins=(SAT, MON, WED_AM, WED_PM, FRI), applications=(ACME,), rounds=(WED_ROUND,))


def _ids(entries: list[CheckIn] | list[CheckIn | Round]) -> list[str]:
    return [e.id for e in entries]


# --------------------------------------------------------------------------- date ranges


class TestDateRanges:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("", (None, None)),
            ("  All  ", (None, None)),
            ("all time", (None, None)),
            ("last 30 days", (date(2026, 10, 30), TODAY)),
            ("past week", (date(2026, 11, 22), TODAY)),
            ("last 2 weeks", (date(2026, 11, 15), TODAY)),
            ("last day", (TODAY, TODAY)),
            ("last 3 months", (date(2026, 8, 29), TODAY)),
            ("last year", (date(2025, 11, 29), TODAY)),
            ("this week", (date(2026, 11, 23), TODAY)),
            ("this month", (date(2026, 11, 1), TODAY)),
            ("this year", (date(2026, 1, 1), TODAY)),
            ("Nov", (date(2026, 11, 1), date(2026, 11, 30))),
            ("nov.", (date(2026, 11, 1), date(2026, 11, 30))),
            ("December", (date(2025, 12, 1), date(2025, 12, 31))),
            ("October 2025", (date(2025, 10, 1), date(2025, 10, 31))),
            ("2026-02", (date(2026, 2, 1), date(2026, 2, 28))),
            ("2024-2", (date(2024, 2, 1), date(2024, 2, 29))),
            ("2025", (date(2025, 1, 1), date(2025, 12, 31))),
            ("yesterday", (date(2026, 11, 27), date(2026, 11, 27))),
            ("since Nov 1", (date(2026, 11, 1), None)),
            ("from Nov 1", (date(2026, 11, 1), None)),
            ("after Nov 1", (date(2026, 11, 2), None)),
            ("until Nov 1", (None, date(2026, 11, 1))),
            ("till Oct", (None, date(2026, 10, 31))),
            ("to Nov 1", (None, date(2026, 11, 1))),
            ("before Nov 1", (None, date(2026, 10, 31))),
            ("Nov 1 to Nov 20", (date(2026, 11, 1), date(2026, 11, 20))),
            ("Nov 1 until Nov 20", (date(2026, 11, 1), date(2026, 11, 20))),
            ("Nov 1 - Nov 20", (date(2026, 11, 1), date(2026, 11, 20))),
            ("from Oct to Nov", (date(2026, 10, 1), date(2026, 11, 30))),
            ("2026-11-01..2026-11-05", (date(2026, 11, 1), date(2026, 11, 5))),
            ("between Nov 1 and Nov 3", (date(2026, 11, 1), date(2026, 11, 3))),
            ("Nov 3 to Nov 3", (date(2026, 11, 3), date(2026, 11, 3))),
        ],
    )
    def test_reads(self, text: str, expected: tuple[date | None, date | None]) -> None:
        """Rolling ranges, calendar months and years, single days and open or closed ranges."""
        assert parse_range(text, TODAY) == expected

    @pytest.mark.parametrize("text", ["the other day", "Nov 20 to Nov 1", "2026-13", "last 0 days"])
    def test_refuses(self, text: str) -> None:
        """Text that is not a range, or a range that ends before it starts, is one clear error."""
        with pytest.raises(ValidationError) as caught:
            parse_range(text, TODAY)
        assert "\n" not in str(caught.value) and text in str(caught.value)

    def test_unreadable_text_gets_the_hint(self) -> None:
        """An unreadable range says what would be read, with examples."""
        with pytest.raises(ValidationError, match="could not read the dates 'someday'") as caught:
            parse_range("  someday ", TODAY)
        assert str(caught.value).endswith(RANGE_HINT)

    def test_a_backwards_range_names_both_ends(self) -> None:
        """'Nov 20 to Nov 1' says which day it starts and which it ends."""
        with pytest.raises(ValidationError, match=r"start \(2026-11-20\) after they end \(2026-11-01\)"):
            parse_range("Nov 20 to Nov 1", TODAY)

    def test_rolling_months_end_today_and_clamp_short_months(self) -> None:
        """'last month' on 31 March starts on 1 March (28 February + 1 day), not on 3 March."""
        assert parse_range("last month", date(2027, 3, 31)) == (date(2027, 3, 1), date(2027, 3, 31))
        assert parse_range("last 12 months", date(2024, 2, 29)) == (date(2023, 3, 1), date(2024, 2, 29))

    def test_a_month_name_is_the_latest_one_not_after_this_month(self) -> None:
        """In January, 'Dec' is the December just gone and 'Jan' this one."""
        assert parse_range("Dec", date(2027, 1, 5)) == (date(2026, 12, 1), date(2026, 12, 31))
        assert parse_range("Jan", date(2027, 1, 5)) == (date(2027, 1, 1), date(2027, 1, 31))

    def test_this_week_starts_on_monday(self) -> None:
        """On a Monday 'this week' is that day alone."""
        assert parse_range("this week", date(2026, 11, 23)) == (date(2026, 11, 23), date(2026, 11, 23))


class TestDaySpan:
    def test_one_part_of_a_range(self) -> None:
        """A day is itself; a month and a year run from their first day to their last."""
        assert day_span("Nov 3", TODAY) == (date(2026, 11, 3), date(2026, 11, 3))
        assert day_span("Feb 2028", TODAY) == (date(2028, 2, 1), date(2028, 2, 29))
        assert day_span("2025", TODAY) == (date(2025, 1, 1), date(2025, 12, 31))
        assert day_span("3 days ago", TODAY) == (date(2026, 11, 25), date(2026, 11, 25))

    def test_first_and_last_months_are_months(self) -> None:
        """'2026-01' and '2026-12' are January and December; 0 and 13 are not months."""
        assert day_span("2026-01", TODAY) == (date(2026, 1, 1), date(2026, 1, 31))
        assert day_span("2026-12", TODAY) == (date(2026, 12, 1), date(2026, 12, 31))

    def test_errors_say_dates_unless_told_otherwise(self) -> None:
        """Without ``what`` an error names the text as 'dates'."""
        with pytest.raises(ValidationError, match=r"^dates '2026-13': there is no month 13$"):
            day_span("2026-13", TODAY)

    @pytest.mark.parametrize(
        ("text", "fragment"),
        [
            ("someday", "could not read --since day 'someday'"),
            ("2026-13", "--since day '2026-13': there is no month 13"),
            ("2026-0", "--since day '2026-0': there is no month 0"),
            ("last 0 weeks", "--since day 'last 0 weeks': give at least one week"),
        ],
    )
    def test_errors_name_what_was_read(self, text: str, fragment: str) -> None:
        """The one-line error names the option the text came from."""
        with pytest.raises(ValidationError) as caught:
            day_span(text, TODAY, what="--since day")
        assert str(caught.value).startswith(fragment)


# --------------------------------------------------------------------------- the filter


class TestHistoryFilter:
    def test_no_filter_keeps_everything_newest_first(self) -> None:
        """The empty filter is the whole journal: check-ins and rounds by moment, newest first."""
        assert _ids(timeline(JOURNAL, HistoryFilter())) == _ids([FRI, WED_PM, WED_ROUND, WED_AM, MON, SAT])
        assert _ids(checkins(JOURNAL, HistoryFilter())) == _ids([FRI, WED_PM, WED_AM, MON, SAT])

    def test_text_is_found_in_notes_and_tags_ignoring_case(self) -> None:
        """Search text is trimmed and case-folded; it looks in the note, the feelings and the activities."""
        assert _ids(checkins(JOURNAL, HistoryFilter(text="  applications "))) == [MON.id]
        assert _ids(checkins(JOURNAL, HistoryFilter(text="CALM"))) == [WED_PM.id]
        assert _ids(checkins(JOURNAL, HistoryFilter(text="interviewed"))) == [WED_PM.id]
        assert checkins(JOURNAL, HistoryFilter(text="nothing like this")) == []

    def test_text_never_matches_across_two_fields(self) -> None:
        """The fields are searched one by one: words from two fields, or letters in none, find nothing."""
        assert not HistoryFilter(text="helped. tired").wants_checkin(SAT)
        assert not HistoryFilter(text="helped.tired").wants_checkin(SAT)
        assert not HistoryFilter(text="x").wants_checkin(SAT)
        assert HistoryFilter(text="helped.").wants_checkin(SAT) and HistoryFilter(text="tired").wants_checkin(
            SAT
        )
        assert not HistoryFilter(text="rejected slow").wants_round(WED_ROUND, ACME)
        assert not HistoryFilter(text="x").wants_round(WED_ROUND, ACME)
        assert HistoryFilter(text="cloud").wants_round(WED_ROUND, ACME)

    def test_text_finds_rounds_by_company_role_stage_outcome_and_notes(self) -> None:
        """A round is found by its company, role, stage, outcome or what was written about it."""
        for text in ("acme", "reliability", "technical", "rejected", "slow down"):
            assert _ids(timeline(JOURNAL, HistoryFilter(text=text))) == [WED_ROUND.id], text

    def test_a_round_without_its_application_is_still_searchable(self) -> None:
        """A round whose application is gone is found by its own words, not by a company."""
        orphan = Snapshot(rounds=(WED_ROUND,))
        assert _ids(timeline(orphan, HistoryFilter(text="slow"))) == [WED_ROUND.id]
        assert timeline(orphan, HistoryFilter(text="acme")) == []

    @pytest.mark.parametrize(
        ("mood", "expected"),
        [
            ("any", [FRI, WED_PM, WED_AM, MON, SAT]),
            ("low", [FRI, SAT]),
            ("okay", [WED_AM]),
            ("good", [WED_PM, MON]),
        ],
    )
    def test_mood_bands(self, mood: str, expected: list[CheckIn]) -> None:
        """low is 1-2, okay 3, good 4-5; both ends of each band are kept."""
        assert _ids(checkins(JOURNAL, HistoryFilter(mood=mood))) == _ids(expected)

    def test_band_edges(self) -> None:
        """Every mood falls in exactly one named band, and 'any' holds them all."""
        for mood in range(1, 6):
            one = _checkin(1, 9, mood)
            bands = [
                name for name in MOOD_RANGES if name != "any" and HistoryFilter(mood=name).wants_checkin(one)
            ]
            assert len(bands) == 1 and HistoryFilter().wants_checkin(one), (mood, bands)

    def test_a_mood_or_tag_filter_hides_rounds(self) -> None:
        """Rounds have no mood and no tags, so asking for either leaves them out."""
        assert WED_ROUND.id not in _ids(timeline(JOURNAL, HistoryFilter(mood="low")))
        assert WED_ROUND.id not in _ids(timeline(JOURNAL, HistoryFilter(tags=("tired",))))
        assert WED_ROUND.id in _ids(timeline(JOURNAL, HistoryFilter(mood="any")))

    def test_unknown_mood_band_is_one_line(self) -> None:
        """A mood band that does not exist is refused, naming the ones that do."""
        with pytest.raises(
            ValidationError, match="unknown mood filter 'sad': use one of any, low, okay, good"
        ):
            HistoryFilter(mood="sad")

    def test_tags_match_part_of_a_feeling_or_activity(self) -> None:
        """A tag matches any feeling or activity holding it; case and blanks do not matter."""
        assert _ids(checkins(JOURNAL, HistoryFilter(tags=(" Hope ",)))) == [MON.id]
        assert _ids(checkins(JOURNAL, HistoryFilter(tags=("applied",)))) == [MON.id]
        assert _ids(checkins(JOURNAL, HistoryFilter(tags=("a",)))) == _ids([FRI, WED_PM, WED_AM, MON])

    def test_every_tag_must_match(self) -> None:
        """Several tags, given apart or separated by commas, must all be there."""
        assert _ids(checkins(JOURNAL, HistoryFilter(tags=("proud", "calm")))) == [WED_PM.id]
        assert _ids(checkins(JOURNAL, HistoryFilter(tags=("proud, interviewed",)))) == [WED_PM.id]
        assert checkins(JOURNAL, HistoryFilter(tags=("proud", "tired"))) == []
        assert HistoryFilter(tags=("proud, , Calm", " ")).tags == ("proud", "calm")

    def test_dates_include_both_ends(self) -> None:
        """start and end are both kept, for check-ins and rounds; either may be open."""
        nov25 = HistoryFilter(start=date(2026, 11, 25), end=date(2026, 11, 25))
        assert _ids(timeline(JOURNAL, nov25)) == _ids([WED_PM, WED_ROUND, WED_AM])
        assert _ids(timeline(JOURNAL, HistoryFilter(start=date(2026, 11, 27)))) == [FRI.id]
        assert _ids(timeline(JOURNAL, HistoryFilter(end=date(2026, 11, 21)))) == [SAT.id]

    def test_filters_combine(self) -> None:
        """Text, mood, tags and dates all apply at once."""
        wanted = HistoryFilter(text="before", mood="okay", tags=("anx",), start=date(2026, 11, 25))
        assert _ids(checkins(JOURNAL, wanted)) == [WED_AM.id]
        assert checkins(JOURNAL, HistoryFilter(text="before", mood="good")) == []

    def test_a_checkin_belongs_to_its_own_local_day(self) -> None:
        """A check-in late in the evening in another offset is on its own local date, not UTC's."""
        late = CheckIn.new(3, timestamp=datetime(2026, 11, 26, 23, 30, tzinfo=timezone(timedelta(hours=-5))))
        only_26 = HistoryFilter(start=date(2026, 11, 26), end=date(2026, 11, 26))
        assert only_26.wants_checkin(late)


class TestOrder:
    def test_the_same_moment_goes_by_id(self) -> None:
        """Entries at one moment go by id (descending, like the moments), however they were stored."""
        first = _checkin(26, 9, 3, record_id="aaaaaaaa-0000-4000-8000-000000000001")
        second = _checkin(26, 9, 4, record_id="bbbbbbbb-0000-4000-8000-000000000002")
        for stored in ((first, second), (second, first)):
            snap = Snapshot(checkins=stored)
            assert _ids(timeline(snap, HistoryFilter())) == [second.id, first.id]
            assert _ids(checkins(snap, HistoryFilter())) == [second.id, first.id]

    def test_order_is_by_instant_across_offsets(self) -> None:
        """10:00 in New York comes after 12:00 in Berlin on the same day: the order is by the moment."""
        berlin = CheckIn.new(3, timestamp=datetime(2026, 11, 26, 12, tzinfo=timezone(timedelta(hours=1))))
        new_york = CheckIn.new(4, timestamp=datetime(2026, 11, 26, 10, tzinfo=timezone(timedelta(hours=-5))))
        assert _ids(checkins(Snapshot(checkins=(new_york, berlin)), HistoryFilter())) == [
            new_york.id,
            berlin.id,
        ]

    def test_moment(self) -> None:
        """A check-in happens at its timestamp, a round at its date and time."""
        assert moment(FRI) == FRI.timestamp and moment(WED_ROUND) == WED_ROUND.when
