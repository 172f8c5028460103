"""Tests for the domain model: validation messages, forgiving parsing, documents and derived status."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from rebound_tui.core.models import (
    RECORD_TYPES,
    Application,
    AppStatus,
    CheckIn,
    Factor,
    Outcome,
    RestDay,
    Round,
    Settings,
    Snapshot,
    Stage,
    Tombstone,
    ValidationError,
    application_status,
    clean_tags,
    parse_mood,
    parse_timestamp,
)

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=TZ)


def _one_line(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    message = str(exc.value)
    assert "\n" not in message, "validation messages must be one line"
    return message


# --------------------------------------------------------------------------- moods and energy


@pytest.mark.parametrize("bad", [0, 6, "0", "6", -1, 99])
def test_mood_out_of_range_names_the_scale(bad: object) -> None:
    """A mood outside 1-5 is refused with a message that names the range and the words."""
    with pytest.raises(ValidationError) as exc:
        parse_mood(bad)
    message = _one_line(exc)
    assert "mood must be from 1 to 5" in message
    assert "1 awful" in message and "5 great" in message
    assert f"got {int(str(bad))}" in message


@pytest.mark.parametrize("bad", ["x", "", "2.5", 2.5, None, "four"])
def test_mood_that_is_not_a_number(bad: object) -> None:
    """Text that is neither a digit nor a mood word says a whole number is wanted and echoes the input."""
    with pytest.raises(ValidationError) as exc:
        parse_mood(bad)
    message = _one_line(exc)
    assert "mood must be a whole number from 1 to 5" in message
    assert repr(str(bad)) in message


def test_mood_refuses_booleans() -> None:
    """``True`` is an int to Python but never a mood."""
    with pytest.raises(ValidationError, match="whole number"):
        parse_mood(True)


@pytest.mark.parametrize(
    ("given", "expected"), [(1, 1), ("5", 5), (" 3 ", 3), ("Great", 5), ("awful", 1), ("low", 2)]
)
def test_mood_accepts_digits_and_words(given: object, expected: int) -> None:
    """Digits, digit strings and the mood words (any case) are all read."""
    assert parse_mood(given) == expected


def test_energy_has_its_own_words_and_range() -> None:
    """Energy reads its own words and reports problems as 'energy', not 'mood'."""
    assert parse_mood("buzzing", "energy") == 5
    assert parse_mood("drained", "energy") == 1
    with pytest.raises(ValidationError) as exc:
        CheckIn.new(3, energy=9, now=NOW)
    message = _one_line(exc)
    assert message.startswith("energy must be from 1 to 5")
    assert "1 drained" in message
    with pytest.raises(ValidationError, match=r"^energy must be a whole number"):
        CheckIn.new(3, energy="great-ish", now=NOW)


def test_checkin_without_energy_keeps_none() -> None:
    """Energy is optional: leaving it out stores None, not a default value."""
    assert CheckIn.new(4, now=NOW).energy is None


# --------------------------------------------------------------------------- stages, outcomes, factors


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("phone screen", Stage.PHONE_SCREEN),
        ("Phone-Screen", Stage.PHONE_SCREEN),
        ("PHONE_SCREEN", Stage.PHONE_SCREEN),
        ("onsite/final", Stage.ONSITE),
        ("Onsite / Final", Stage.ONSITE),
        ("onsite", Stage.ONSITE),
        ("final round", Stage.ONSITE),
        ("take home", Stage.TAKE_HOME),
        ("takehome", Stage.TAKE_HOME),
        ("recruiter", Stage.RECRUITER_SCREEN),
        ("  Technical  ", Stage.TECHNICAL),
        ("offer talk", Stage.OFFER_TALK),
        ("applied", Stage.APPLIED),
    ],
)
def test_stage_names_are_forgiving(text: str, stage: Stage) -> None:
    """Case, spaces, hyphens, underscores and slashes do not matter; common aliases work."""
    assert Stage.parse(text, "stage") is stage


def test_unknown_stage_lists_the_choices() -> None:
    """An unknown stage names the input and every stage as the user would type it."""
    with pytest.raises(ValidationError) as exc:
        Stage.parse("coffee chat", "stage")
    message = _one_line(exc)
    assert message.startswith("unknown stage 'coffee chat': use one of ")
    for label in ("applied", "recruiter screen", "phone screen", "technical", "onsite/final", "offer talk"):
        assert label in message


def test_unknown_outcome_and_factor_list_the_choices() -> None:
    """Outcomes and factors are refused the same way, naming what is accepted."""
    with pytest.raises(ValidationError) as exc:
        Outcome.parse("maybe", "outcome")
    assert _one_line(exc) == (
        "unknown outcome 'maybe': use one of pending, advanced, rejected, ghosted, offer, withdrew"
    )
    with pytest.raises(ValidationError) as exc:
        Factor.parse("bad luck", "factor")
    message = _one_line(exc)
    assert message.startswith("unknown factor 'bad luck'")
    assert "internal candidate" in message and "budget or freeze" in message


def test_round_rejects_unknown_values_given_as_text() -> None:
    """A Round built from raw strings validates stage, outcome and factors."""
    app = Application.new("Acme", "SRE", now=NOW)
    with pytest.raises(ValidationError, match="unknown stage 'lunch'"):
        Round.new(app.id, "lunch", now=NOW)
    with pytest.raises(ValidationError, match="unknown outcome 'won'"):
        Round.new(app.id, "technical", outcome="won", now=NOW)
    with pytest.raises(ValidationError, match="unknown factor 'astrology'"):
        Round.new(app.id, "technical", factors=("astrology",), now=NOW)


def test_outcome_aliases_and_setbacks() -> None:
    """'withdrawn' reads as withdrew; only rejected and ghosted count as setbacks."""
    assert Outcome.parse("Withdrawn", "outcome") is Outcome.WITHDREW
    assert {o for o in Outcome if o.is_setback} == {Outcome.REJECTED, Outcome.GHOSTED}


def test_factors_are_parsed_and_deduplicated() -> None:
    """Factor aliases resolve and repeats collapse, keeping the first order."""
    app = Application.new("Acme", "SRE", now=NOW)
    rnd = Round.new(app.id, "technical", factors=("freeze", "internal", "Budget or Freeze"), now=NOW)
    assert rnd.factors == (Factor.BUDGET_FREEZE, Factor.INTERNAL_CANDIDATE)


def test_ratings_validate_keys_and_values() -> None:
    """Self-ratings accept the four dimensions with 1-5 and refuse others."""
    app = Application.new("Acme", "SRE", now=NOW)
    rnd = Round.new(app.id, "technical", ratings={"examples": "4", "confidence": 2}, now=NOW)
    assert rnd.ratings == {"examples": 4, "confidence": 2}
    with pytest.raises(ValidationError, match="unknown self-rating 'charm'"):
        Round.new(app.id, "technical", ratings={"charm": 5}, now=NOW)
    with pytest.raises(ValidationError, match=r"^confidence rating must be from 1 to 5"):
        Round.new(app.id, "technical", ratings={"confidence": 7}, now=NOW)


# --------------------------------------------------------------------------- required text, timestamps, tags


@pytest.mark.parametrize("company", ["", "   ", "\t\n"])
def test_empty_company_is_refused(company: str) -> None:
    """A company made of nothing or only whitespace is an error that names the field."""
    with pytest.raises(ValidationError) as exc:
        Application.new(company, "SRE", now=NOW)
    assert _one_line(exc) == "company cannot be empty"


def test_empty_role_is_refused_and_names_are_tidied() -> None:
    """The role is required too; inner runs of whitespace collapse in both names."""
    with pytest.raises(ValidationError, match=r"^role cannot be empty$"):
        Application.new("Acme", " ", now=NOW)
    app = Application.new("  Acme   Cloud ", " Site  Reliability ", now=NOW)
    assert (app.company, app.role) == ("Acme Cloud", "Site Reliability")


def test_naive_timestamps_are_refused() -> None:
    """Every moment must carry a UTC offset: naive created, timestamps and ISO strings are errors."""
    naive = datetime(2026, 11, 20, 9, 30)
    with pytest.raises(ValidationError, match=r"^created needs a UTC offset$"):
        CheckIn.new(3, now=naive)
    with pytest.raises(ValidationError, match=r"^timestamp needs a UTC offset$"):
        CheckIn.new(3, timestamp=naive, now=NOW)
    with pytest.raises(ValidationError, match=r"^interview date needs a UTC offset$"):
        Round.new(Application.new("A", "B", now=NOW).id, "applied", when=naive, now=NOW)
    with pytest.raises(ValidationError, match="needs a UTC offset"):
        parse_timestamp("2026-11-20T09:30:00")
    with pytest.raises(ValidationError, match="is not an ISO 8601 timestamp"):
        parse_timestamp("last tuesday")


def test_timestamps_keep_their_offset_and_drop_microseconds() -> None:
    """The user's offset is kept (their local day) and sub-second noise is dropped."""
    moment = datetime(2026, 11, 20, 23, 59, 59, 999_999, tzinfo=timezone(timedelta(hours=-8)))
    checkin = CheckIn.new(3, timestamp=moment, now=NOW)
    assert checkin.timestamp.microsecond == 0
    assert checkin.timestamp.utcoffset() == timedelta(hours=-8)
    assert checkin.day == date(2026, 11, 20)


def test_tags_are_cleaned_and_deduplicated() -> None:
    """Tags are lower-cased, whitespace is collapsed and repeats vanish, keeping first order."""
    assert clean_tags(["  Hopeful ", "hopeful", "Very   Tired", "HOPEFUL"], "feeling") == (
        "hopeful",
        "very tired",
    )
    checkin = CheckIn.new(4, feelings=["Calm", "calm"], activities=["Applied", " walked  the dog "], now=NOW)
    assert checkin.feelings == ("calm",)
    assert checkin.activities == ("applied", "walked the dog")


@pytest.mark.parametrize(
    ("tag", "fragment"),
    [
        ("", "feeling tags cannot be empty"),
        ("   ", "feeling tags cannot be empty"),
        ("a,b", "may not hold commas"),
        ("a|b", "may not hold commas"),
        ("x" * 41, "longer than 40 characters"),
        ("bell\x07", "control characters"),
    ],
)
def test_bad_tags_are_refused(tag: str, fragment: str) -> None:
    """Empty, over-long, comma/pipe and control-character tags are refused with a reason."""
    with pytest.raises(ValidationError) as exc:
        clean_tags([tag], "feeling")
    assert fragment in _one_line(exc)


def test_note_may_not_hold_nul_or_be_huge() -> None:
    """Notes keep any printable text but refuse NUL and text past the size limit."""
    with pytest.raises(ValidationError, match="note may not contain NUL"):
        CheckIn.new(3, note="a\x00b", now=NOW)
    with pytest.raises(ValidationError, match="note is longer than 200,000 characters"):
        CheckIn.new(3, note="x" * 200_001, now=NOW)


def test_bad_uuid_and_pause_order() -> None:
    """Ids must be UUIDs; a pause may not end before it starts."""
    with pytest.raises(ValidationError, match=r"^id 'abc' is not a UUID$"):
        CheckIn(id="abc", created=NOW, updated=NOW, timestamp=NOW, mood=3)
    with pytest.raises(ValidationError, match="cannot end"):
        RestDay.new(date(2026, 11, 20), date(2026, 11, 19), now=NOW)


def test_settings_validation() -> None:
    """Settings refuse out-of-range targets, unknown themes and weekdays past Sunday."""
    assert Settings().weekly_target == 3
    with pytest.raises(ValidationError, match="from 1 to 50; got 0"):
        Settings(weekly_target=0)
    with pytest.raises(ValidationError, match="whole number"):
        Settings(weekly_target=True)
    with pytest.raises(ValidationError, match="unknown theme 'neon'"):
        Settings(theme="neon")
    with pytest.raises(ValidationError, match="first day of week"):
        Settings(first_day_of_week=7)


# --------------------------------------------------------------------------- documents


def _full_round(app: Application) -> Round:
    return Round.new(
        app.id,
        "onsite/final",
        when=NOW - timedelta(days=2),
        outcome="rejected",
        follow_up=date(2026, 11, 25),
        now=NOW,
        feedback="Strong on design.\nLess on testing.",
        ratings={"examples": 4, "strengths": 3, "questions": 5, "confidence": 2},
        went_well="Told the outage story ✨",
        to_improve="Ask about the team earlier",
        lesson="Prepare two stories per value",
        factors=(Factor.INTERNAL_CANDIDATE, Factor.UNKNOWN),
    )


def test_every_record_round_trips_through_its_document() -> None:
    """``from_doc(id, to_doc())`` rebuilds an equal record for every kind, keeping every field."""
    app = Application.new("Ünïcode GmbH", "Data Engineer", source="referral", note="met at a meetup", now=NOW)
    records = [
        CheckIn.new(
            5,
            energy=2,
            feelings=["proud", "tired"],
            activities=["interviewed"],
            note="line one\nline two 🎉",
            timestamp=NOW - timedelta(hours=3),
            now=NOW,
        ),
        app,
        _full_round(app),
        RestDay.new(date(2026, 12, 24), date(2026, 12, 26), note="holidays", now=NOW),
    ]
    for record in records:
        cls = RECORD_TYPES[record.KIND]
        doc = record.to_doc()
        assert "id" not in doc
        rebuilt = cls.from_doc(record.id, doc)
        assert rebuilt == record
        assert rebuilt.to_doc() == doc
        assert record.to_dict()["id"] == record.id


def test_round_document_is_plain_json() -> None:
    """Enums, dates and tuples become JSON strings and lists in the document."""
    app = Application.new("Acme", "SRE", now=NOW)
    doc = _full_round(app).to_doc()
    assert doc["stage"] == "onsite-final"
    assert doc["outcome"] == "rejected"
    assert doc["follow_up"] == "2026-11-25"
    assert doc["factors"] == ["internal-candidate", "unknown"]
    assert doc["when"] == "2026-11-18T09:30:00+01:00"


def test_tombstone_and_settings_round_trip() -> None:
    """Tombstones and settings also survive their documents unchanged."""
    stone = Tombstone(id="0b6f3c1e-5d7a-4f3e-9c1b-2a4d6e8f0a1b", kind="checkins", deleted=NOW)
    assert Tombstone.from_doc(stone.id, stone.to_doc()) == stone
    settings = Settings(weekly_target=5, theme="rebound-contrast", first_day_of_week=6, updated=NOW)
    assert Settings.from_doc(settings.to_doc()) == settings


def test_from_doc_of_a_document_missing_a_field_fails() -> None:
    """A document without its required fields does not silently become a record."""
    doc = CheckIn.new(3, now=NOW).to_doc()
    del doc["mood"]
    with pytest.raises(KeyError):
        CheckIn.from_doc("0b6f3c1e-5d7a-4f3e-9c1b-2a4d6e8f0a1b", doc)


def test_touched_sets_updated_and_keeps_created() -> None:
    """``touched`` applies changes, moves ``updated`` and leaves the id and ``created`` alone."""
    checkin = CheckIn.new(2, now=NOW)
    later = NOW + timedelta(hours=1)
    changed = checkin.touched(later, mood=4)
    assert (changed.id, changed.created, changed.updated, changed.mood) == (checkin.id, NOW, later, 4)


# --------------------------------------------------------------------------- application status


def _rounds(*steps: tuple[Stage, Outcome]) -> list[Round]:
    app = Application.new("Acme", "SRE", now=NOW)
    return [
        Round.new(app.id, stage, outcome=outcome, when=NOW + timedelta(days=i), now=NOW)
        for i, (stage, outcome) in enumerate(steps)
    ]


@pytest.mark.parametrize(
    ("steps", "status"),
    [
        ((), AppStatus.ACTIVE),
        (((Stage.APPLIED, Outcome.PENDING),), AppStatus.ACTIVE),
        (((Stage.APPLIED, Outcome.ADVANCED), (Stage.PHONE_SCREEN, Outcome.PENDING)), AppStatus.ACTIVE),
        (((Stage.APPLIED, Outcome.ADVANCED), (Stage.TECHNICAL, Outcome.ADVANCED)), AppStatus.ACTIVE),
        (((Stage.APPLIED, Outcome.ADVANCED), (Stage.TECHNICAL, Outcome.REJECTED)), AppStatus.REJECTED),
        (((Stage.APPLIED, Outcome.GHOSTED),), AppStatus.GHOSTED),
        (((Stage.APPLIED, Outcome.ADVANCED), (Stage.ONSITE, Outcome.WITHDREW)), AppStatus.WITHDRAWN),
        (((Stage.ONSITE, Outcome.ADVANCED), (Stage.OFFER_TALK, Outcome.OFFER)), AppStatus.OFFER),
        (((Stage.ONSITE, Outcome.OFFER), (Stage.OFFER_TALK, Outcome.PENDING)), AppStatus.OFFER),
        (((Stage.OFFER_TALK, Outcome.OFFER), (Stage.OFFER_TALK, Outcome.WITHDREW)), AppStatus.WITHDRAWN),
    ],
)
def test_application_status_derives_from_rounds(
    steps: tuple[tuple[Stage, Outcome], ...], status: AppStatus
) -> None:
    """The latest round decides, except that an offer stays an offer unless the candidate withdrew."""
    assert application_status(_rounds(*steps)) is status


def test_application_status_orders_by_date_not_by_list_order() -> None:
    """Rounds given out of order are sorted by when they happened before deciding."""
    early, late = _rounds((Stage.APPLIED, Outcome.ADVANCED), (Stage.TECHNICAL, Outcome.REJECTED))
    assert application_status([late, early]) is AppStatus.REJECTED
    rejected_first, advanced_later = _rounds(
        (Stage.APPLIED, Outcome.REJECTED), (Stage.TECHNICAL, Outcome.ADVANCED)
    )
    assert application_status([advanced_later, rejected_first]) is AppStatus.ACTIVE


def test_snapshot_status_of_uses_only_that_applications_rounds() -> None:
    """``Snapshot.status_of`` looks only at the rounds of the asked-for application."""
    first = Application.new("Acme", "SRE", now=NOW)
    second = Application.new("Beta", "SRE", now=NOW)
    snap = Snapshot(
        applications=(first, second),
        rounds=(
            Round.new(first.id, "technical", outcome="rejected", now=NOW),
            Round.new(second.id, "technical", outcome="advanced", now=NOW),
        ),
    )
    assert snap.status_of(first.id) is AppStatus.REJECTED
    assert snap.status_of(second.id) is AppStatus.ACTIVE
    assert snap.application(second.id) == second
    assert snap.application("0b6f3c1e-5d7a-4f3e-9c1b-2a4d6e8f0a1b") is None


def test_written_notes_skip_blank_ones_and_keep_reading_order() -> None:
    app = Application.new("Acme", "Engineer", now=NOW)
    rnd = Round.new(app.id, "technical", now=NOW)
    rnd = rnd.touched(NOW, lesson="Slow down.", feedback="  ", went_well="Clear examples")
    assert rnd.written_notes() == [("Went well", "Clear examples"), ("Lesson", "Slow down.")]


@pytest.mark.parametrize("value", [3, None, 2.5, ["technical"], {"stage": "technical"}])
def test_a_stage_or_outcome_that_is_not_text_is_a_validation_error(value: object) -> None:
    """A number or null where a file should hold a word: a ValidationError naming it, not AttributeError."""
    with pytest.raises(ValidationError, match="is not one of"):
        Stage.parse(value, "stage")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="is not one of"):
        Outcome.parse(value, "outcome")  # type: ignore[arg-type]


def test_parsed_timestamps_share_one_zone_per_offset() -> None:
    """Timestamps read with the same offset share one tzinfo object (memory of years of records)."""
    first = parse_timestamp("2026-11-20T09:30:00+01:00")
    second = parse_timestamp("2025-01-02T23:05:00+01:00")
    other = parse_timestamp("2026-07-20T09:30:00+02:00")
    assert first.tzinfo is second.tzinfo
    assert other.tzinfo is not first.tzinfo
    assert first.isoformat() == "2026-11-20T09:30:00+01:00" and other.utcoffset() == timedelta(hours=2)
