"""A seeded, realistic data set: for benchmarks, snapshot tests and trying the app.

``generate(days=3650, rounds=600)`` gives ten years of daily check-ins and
interview rounds. The same seed always gives the same records, so screenshots
and benchmark figures are repeatable.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta, timezone

from rebound_tui.core.models import (
    DEFAULT_ACTIVITIES,
    DEFAULT_FEELINGS,
    Application,
    CheckIn,
    Factor,
    Outcome,
    RestDay,
    Round,
    Snapshot,
    Stage,
)

COMPANIES = (
    "Acme Cloud",
    "Blue Heron Labs",
    "Copperleaf",
    "Driftwood Data",
    "Elm Street Bank",
    "Fernway",
    "Granite Systems",
    "Harbor Health",
    "Ironbark",
    "Juniper Logistics",
    "Kestrel AI",
    "Lighthouse Media",
)
ROLES = ("Backend Engineer", "SRE", "Data Engineer", "Platform Engineer", "Staff Engineer", "Analyst")


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def generate(
    *,
    days: int = 3650,
    rounds: int = 600,
    end: date = date(2026, 11, 27),
    seed: int = 7,
    offset_hours: int = 1,
) -> Snapshot:
    """Build ``days`` days of check-ins (one a day) ending at ``end``, and ``rounds`` rounds."""
    rng = random.Random(seed)
    tz = timezone(timedelta(hours=offset_hours))
    start = end - timedelta(days=days - 1)
    checkins: list[CheckIn] = []
    mood = 3.0
    for i in range(days):
        day = start + timedelta(days=i)
        mood = min(5.0, max(1.0, mood + rng.uniform(-0.8, 0.8) + (3.4 - mood) * 0.2))
        moment = datetime.combine(day, time(8 + rng.randrange(13), rng.randrange(60)), tz)
        checkins.append(
            CheckIn(
                id=_uuid(rng),
                created=moment,
                updated=moment,
                timestamp=moment,
                mood=round(mood),
                energy=rng.randint(1, 5) if rng.random() < 0.6 else None,
                feelings=tuple(rng.sample(DEFAULT_FEELINGS, rng.randint(0, 2))),
                activities=tuple(rng.sample(DEFAULT_ACTIVITIES, rng.randint(0, 2))),
                note=rng.choice(("", "", "Quiet day.", "Sent two applications.", "Long walk helped.")),
            )
        )
    applications: list[Application] = []
    round_list: list[Round] = []
    stages = list(Stage)
    while len(round_list) < rounds:
        opened = start + timedelta(days=rng.randrange(max(days - 30, 1)))
        moment = datetime.combine(opened, time(10), tz)
        app = Application(
            id=_uuid(rng),
            created=moment,
            updated=moment,
            company=rng.choice(COMPANIES),
            role=rng.choice(ROLES),
            source=rng.choice(("referral", "job board", "company site", "")),
            applied_on=opened,
        )
        applications.append(app)
        when = moment
        for stage in stages[: rng.randint(1, 5)]:
            if len(round_list) >= rounds:
                break
            outcome = rng.choice((Outcome.ADVANCED, Outcome.ADVANCED, Outcome.REJECTED, Outcome.GHOSTED))
            ratings = {k: rng.randint(2, 5) for k in ("examples", "strengths", "questions", "confidence")}
            round_list.append(
                Round(
                    id=_uuid(rng),
                    created=when,
                    updated=when,
                    application_id=app.id,
                    when=when,
                    stage=stage,
                    outcome=outcome,
                    ratings=ratings if stage is not Stage.APPLIED else {},
                    went_well="Clear story about the migration." if rng.random() < 0.5 else "",
                    to_improve="Slow down on the system design." if rng.random() < 0.5 else "",
                    factors=(Factor.UNKNOWN,) if outcome is Outcome.GHOSTED else (),
                )
            )
            if outcome is not Outcome.ADVANCED:
                break
            when = when + timedelta(days=rng.randint(3, 12))
    rest = RestDay(
        id=_uuid(rng),
        created=datetime.combine(start, time(9), tz),
        updated=datetime.combine(start, time(9), tz),
        start=start + timedelta(days=40),
        end=start + timedelta(days=44),
        note="Family visit",
    )
    return Snapshot(
        checkins=tuple(checkins),
        applications=tuple(applications),
        rounds=tuple(round_list),
        rest_days=(rest,),
    )
