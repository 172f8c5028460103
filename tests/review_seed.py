"""A seeded week for the review tests (core, CLI and TUI), with every figure worked out by hand.

The week reviewed is Mon 16 Nov - Sun 22 Nov 2026 (weeks start on Monday), with
a pause from Fri 20 to Sun 22. Weekly target 3.

Moods: Oct 26 - Nov 8 mood 4 every day; Nov 9: 2, Nov 10: 2, Nov 11: 3,
Nov 12-16: 4; Tue 17: 2 (09:00) and 3 (20:00), a day mood of 2.5; Wed 18: 4;
Thu 19: 5. In the week: 4 days checked in, 5 check-ins, day moods 4, 2.5, 4,
5: lowest 2.5, highest 5, mean 15.5 / 4 = 3.875.

Actions in the week: Mon practised (1), Tue Globex phone screen (1), Wed
networked and Hooli take-home (2), Thu Acme applied (1): 5. Target with three
rest days: ceil(3 * 4 / 7) = 2.

Setbacks: Initech technical, rejected Mon 9 Nov (baseline 4.0 from Oct 26 -
Nov 8; 3-day mood back at 4 on Nov 14: 5 days). Globex phone screen, rejected
Tue 17 Nov: baseline of Nov 3-16 = 51 / 14 = 3.64; rolling mood of Nov 17-19 =
(2.5 + 4 + 5) / 3 = 3.83, back after 2 days; next action Wed 18: 1 day.

Progress: phone screens on Nov 4 and Nov 17 (twice in the 30 days to Nov 22,
none in the 30 before); the take-home stage reached for the first time;
concrete examples rated 4 in the week against 2 and 3 before (2.5); the
rebound of 2 days after Globex is shorter than the 5 days after Initech.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from rebound_tui.core.models import (
    Application,
    CheckIn,
    RestDay,
    Round,
    Settings,
    Snapshot,
    WeekNote,
)

TZ = timezone(timedelta(hours=1))
WEEK_START = date(2026, 11, 16)
TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 18, 0, tzinfo=TZ)

NOTE = "SECRET-NOTE-MON"
FEELING = "hopeful"
LESSON = "LESSON-ask about the team"
LINK = "https://acme.example/jobs/1"
CONTACT = "Dana Recruiter"
KEEP, TRY = "KEEP-walks", "TRY-coffee"


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), TZ)


def _checkin(day: date, mood: int, hour: int = 9, **extra: object) -> CheckIn:
    return CheckIn.new(mood, timestamp=at(day, hour), now=at(day, hour), **extra)  # type: ignore[arg-type]


def seeded_week() -> Snapshot:
    """The records described in the module docstring."""
    checkins = [_checkin(date(2026, 10, 26) + timedelta(days=i), 4) for i in range(14)]
    for day, mood in ((9, 2), (10, 2), (11, 3), (12, 4), (13, 4), (14, 4), (15, 4)):
        checkins.append(_checkin(date(2026, 11, day), mood))
    checkins += [
        _checkin(date(2026, 11, 16), 4, activities=("practiced",), feelings=(FEELING,), note=NOTE),
        _checkin(date(2026, 11, 17), 2, feelings=("disappointed",)),
        _checkin(date(2026, 11, 17), 3, hour=20, feelings=(FEELING,)),
        _checkin(date(2026, 11, 18), 4, activities=("networked",)),
        _checkin(date(2026, 11, 19), 5),
    ]
    initech = Application.new("Initech", "Platform engineer", applied_on=date(2026, 10, 28), now=NOW)
    globex = Application.new("Globex", "SRE", applied_on=date(2026, 11, 5), now=NOW)
    hooli = Application.new("Hooli", "Data engineer", applied_on=date(2026, 10, 30), now=NOW)
    acme = Application.new(
        "Acme", "Backend engineer", applied_on=date(2026, 11, 19), link=LINK, contact=CONTACT, now=NOW
    )
    rounds = [
        Round.new(
            initech.id,
            "phone-screen",
            when=at(date(2026, 11, 4)),
            outcome="advanced",
            ratings={"examples": 2},
            now=NOW,
        ),
        Round.new(
            initech.id,
            "technical",
            when=at(date(2026, 11, 9)),
            outcome="rejected",
            ratings={"examples": 3},
            now=NOW,
        ),
        Round.new(
            globex.id,
            "phone-screen",
            when=at(date(2026, 11, 17), 11),
            outcome="rejected",
            ratings={"examples": 4},
            lesson=LESSON,
            now=NOW,
        ),
        Round.new(hooli.id, "take-home", when=at(date(2026, 11, 18), 14), now=NOW),
    ]
    pause = RestDay.new(date(2026, 11, 20), date(2026, 11, 22), note="family", now=NOW)
    note = WeekNote.new(WEEK_START, keep=KEEP, try_next=TRY, now=at(date(2026, 11, 15)))
    return Snapshot(
        checkins=tuple(checkins),
        applications=(initech, globex, hooli, acme),
        rounds=tuple(rounds),
        rest_days=(pause,),
        settings=Settings(weekly_target=3),
        week_notes=(note,),
    )
