"""The domain model: check-ins, applications, interview rounds, rest days, settings.

Plain frozen dataclasses with validation. Nothing here imports Textual or
TinyDB: the store turns these into documents and the screens show them.
Every validation problem raises :class:`ValidationError` with one line that
names the field and what would be accepted.

The records are here; the words they are made of (moods, stages, outcomes,
limits, ValidationError) are in :mod:`rebound_tui.core.vocabulary` and the
readers of single fields in :mod:`rebound_tui.core.fields`. This module
re-exports both, so ``from rebound_tui.core.models import X`` works for all of
them; that list is what takes it a little past 500 lines. The records stay
together: they share Record's id and timestamps and one document encoding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from rebound_tui.core.fields import (
    aware,
    check_uuid,
    clean_tag,
    clean_tags,
    iso,
    new_id,
    now_local,
    parse_iso_day,
    parse_mood,
    parse_timestamp,
    required_text,
    text_field,
)
from rebound_tui.core.vocabulary import (
    DEFAULT_ACTIVITIES,
    DEFAULT_FEELINGS,
    ENERGY,
    JOB_SEARCH_ACTIVITIES,
    MAX_SHORT_TEXT,
    MAX_TAG_LENGTH,
    MAX_TEXT_LENGTH,
    MOODS,
    RATING_DIMENSIONS,
    AppStatus,
    Factor,
    Outcome,
    Stage,
    ValidationError,
)

__all__ = [
    "DEFAULT_ACTIVITIES",
    "DEFAULT_FEELINGS",
    "ENERGY",
    "JOB_SEARCH_ACTIVITIES",
    "MAX_SHORT_TEXT",
    "MAX_TAG_LENGTH",
    "MAX_TEXT_LENGTH",
    "MOODS",
    "RATING_DIMENSIONS",
    "RECORD_TYPES",
    "SCHEMA_VERSION",
    "THEMES",
    "AppStatus",
    "Application",
    "CheckIn",
    "Factor",
    "Outcome",
    "Record",
    "RestDay",
    "Round",
    "Settings",
    "Snapshot",
    "Stage",
    "Tombstone",
    "ValidationError",
    "application_status",
    "aware",
    "check_uuid",
    "clean_tag",
    "clean_tags",
    "iso",
    "new_id",
    "now_local",
    "parse_iso_day",
    "parse_mood",
    "parse_timestamp",
    "required_text",
    "text_field",
]

SCHEMA_VERSION = 1
"""The version of the document layout written by this release (see store.MIGRATIONS)."""


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Record:
    """Fields every record shares: a stable UUID and created/updated moments."""

    id: str
    created: datetime
    updated: datetime

    KIND = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", check_uuid(self.id, "id"))
        object.__setattr__(self, "created", aware(self.created, "created"))
        object.__setattr__(self, "updated", aware(self.updated, "updated"))

    def touched(self: _R, at: datetime | None = None, /, **changes: Any) -> _R:
        """A copy with ``changes`` applied and ``updated`` set to ``at`` (default now)."""
        return replace(self, updated=at or now_local(), **changes)

    def to_doc(self) -> dict[str, Any]:
        """The JSON-ready document (without the id, which is the document key)."""
        doc: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "id":
                continue
            doc[f.name] = _encode(getattr(self, f.name))
        return doc

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **self.to_doc()}


_R = TypeVar("_R", bound=Record)


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class CheckIn(Record):
    """One mood check-in. Several a day are fine; a day's mood is their mean."""

    timestamp: datetime = field(default_factory=now_local)
    mood: int = 3
    energy: int | None = None
    feelings: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    note: str = ""

    KIND = "checkins"

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "timestamp", aware(self.timestamp, "timestamp"))
        object.__setattr__(self, "mood", parse_mood(self.mood))
        if self.energy is not None:
            object.__setattr__(self, "energy", parse_mood(self.energy, "energy"))
        object.__setattr__(self, "feelings", clean_tags(self.feelings, "feeling"))
        object.__setattr__(self, "activities", clean_tags(self.activities, "activity"))
        object.__setattr__(self, "note", text_field(self.note, "note"))

    @property
    def day(self) -> date:
        """The user's local date when they checked in (the offset stored with it)."""
        return self.timestamp.date()

    @classmethod
    def new(
        cls,
        mood: object,
        *,
        timestamp: datetime | None = None,
        energy: object = None,
        feelings: Iterable[str] = (),
        activities: Iterable[str] = (),
        note: str = "",
        now: datetime | None = None,
    ) -> CheckIn:
        moment = now or now_local()
        return cls(
            id=new_id(),
            created=moment,
            updated=moment,
            timestamp=timestamp or moment,
            mood=parse_mood(mood),
            energy=None if energy is None else parse_mood(energy, "energy"),
            feelings=tuple(feelings),
            activities=tuple(activities),
            note=note,
        )

    @classmethod
    def from_doc(cls, key: str, doc: Mapping[str, Any]) -> CheckIn:
        return cls(
            id=key,
            created=parse_timestamp(doc["created"], "created"),
            updated=parse_timestamp(doc["updated"], "updated"),
            timestamp=parse_timestamp(doc["timestamp"]),
            mood=doc["mood"],
            energy=doc.get("energy"),
            feelings=tuple(doc.get("feelings", ())),
            activities=tuple(doc.get("activities", ())),
            note=doc.get("note", ""),
        )


@dataclass(frozen=True)
class Application(Record):
    """A job applied for; its status comes from its rounds."""

    company: str = ""
    role: str = ""
    source: str = ""
    note: str = ""

    KIND = "applications"

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "company", required_text(self.company, "company"))
        object.__setattr__(self, "role", required_text(self.role, "role"))
        object.__setattr__(self, "source", text_field(self.source, "source", MAX_SHORT_TEXT).strip())
        object.__setattr__(self, "note", text_field(self.note, "note"))

    @classmethod
    def new(
        cls, company: str, role: str, *, source: str = "", note: str = "", now: datetime | None = None
    ) -> Application:
        moment = now or now_local()
        return cls(
            id=new_id(), created=moment, updated=moment, company=company, role=role, source=source, note=note
        )

    @classmethod
    def from_doc(cls, key: str, doc: Mapping[str, Any]) -> Application:
        return cls(
            id=key,
            created=parse_timestamp(doc["created"], "created"),
            updated=parse_timestamp(doc["updated"], "updated"),
            company=doc["company"],
            role=doc["role"],
            source=doc.get("source", ""),
            note=doc.get("note", ""),
        )


def _ratings(value: Mapping[str, Any] | None) -> dict[str, int]:
    ratings: dict[str, int] = {}
    for key, raw in (value or {}).items():
        if key not in RATING_DIMENSIONS:
            names = ", ".join(RATING_DIMENSIONS)
            raise ValidationError(f"unknown self-rating {key!r}: use one of {names}")
        if raw is None:
            continue
        ratings[key] = parse_mood(raw, f"{RATING_DIMENSIONS[key]} rating")
    return ratings


@dataclass(frozen=True)
class Round(Record):
    """One interview round (or the application itself, as stage 'applied')."""

    application_id: str = ""
    when: datetime = field(default_factory=now_local)
    stage: Stage = Stage.APPLIED
    outcome: Outcome = Outcome.PENDING
    follow_up: date | None = None
    feedback: str = ""
    ratings: dict[str, int] = field(default_factory=dict)
    went_well: str = ""
    to_improve: str = ""
    lesson: str = ""
    factors: tuple[Factor, ...] = ()

    KIND = "rounds"

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "application_id", check_uuid(self.application_id, "application id"))
        object.__setattr__(self, "when", aware(self.when, "interview date"))
        stage = self.stage if isinstance(self.stage, Stage) else Stage.parse(str(self.stage), "stage")
        outcome = (
            self.outcome if isinstance(self.outcome, Outcome) else Outcome.parse(str(self.outcome), "outcome")
        )
        object.__setattr__(self, "stage", stage)
        object.__setattr__(self, "outcome", outcome)
        object.__setattr__(self, "ratings", _ratings(self.ratings))
        factors = tuple(f if isinstance(f, Factor) else Factor.parse(str(f), "factor") for f in self.factors)
        object.__setattr__(self, "factors", tuple(dict.fromkeys(factors)))
        for name in ("feedback", "went_well", "to_improve", "lesson"):
            object.__setattr__(self, name, text_field(getattr(self, name), name.replace("_", " ")))

    def __hash__(self) -> int:  # ratings is a dict; identity by id is what we want
        return hash(self.id)

    @property
    def day(self) -> date:
        return self.when.date()

    @property
    def has_reflection(self) -> bool:
        return bool(self.ratings or self.went_well or self.to_improve or self.lesson or self.factors)

    def written_notes(self) -> list[tuple[str, str]]:
        """The round's written notes that are not blank, as (label, text), in reading order."""
        notes = (
            ("Feedback", self.feedback),
            ("Went well", self.went_well),
            ("To improve", self.to_improve),
            ("Lesson", self.lesson),
        )
        return [(label, text) for label, text in notes if text.strip()]

    @classmethod
    def new(
        cls,
        application_id: str,
        stage: Stage | str,
        *,
        when: datetime | None = None,
        outcome: Outcome | str = Outcome.PENDING,
        follow_up: date | None = None,
        now: datetime | None = None,
        **extra: Any,
    ) -> Round:
        moment = now or now_local()
        return cls(
            id=new_id(),
            created=moment,
            updated=moment,
            application_id=application_id,
            when=when or moment,
            stage=stage if isinstance(stage, Stage) else Stage.parse(stage, "stage"),
            outcome=outcome if isinstance(outcome, Outcome) else Outcome.parse(outcome, "outcome"),
            follow_up=follow_up,
            **extra,
        )

    @classmethod
    def from_doc(cls, key: str, doc: Mapping[str, Any]) -> Round:
        follow = doc.get("follow_up")
        return cls(
            id=key,
            created=parse_timestamp(doc["created"], "created"),
            updated=parse_timestamp(doc["updated"], "updated"),
            application_id=doc["application_id"],
            when=parse_timestamp(doc["when"], "interview date"),
            stage=Stage.parse(doc["stage"], "stage"),
            outcome=Outcome.parse(doc.get("outcome", "pending"), "outcome"),
            follow_up=parse_iso_day(follow, "follow-up date") if follow else None,
            feedback=doc.get("feedback", ""),
            ratings=dict(doc.get("ratings") or {}),
            went_well=doc.get("went_well", ""),
            to_improve=doc.get("to_improve", ""),
            lesson=doc.get("lesson", ""),
            factors=tuple(Factor.parse(f, "factor") for f in doc.get("factors", ())),
        )


@dataclass(frozen=True)
class RestDay(Record):
    """A planned pause: streaks pass over these days without counting them."""

    start: date = field(default_factory=lambda: now_local().date())
    end: date = field(default_factory=lambda: now_local().date())
    note: str = ""

    KIND = "rest_days"

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.end < self.start:
            raise ValidationError(f"a pause cannot end ({self.end}) before it starts ({self.start})")
        object.__setattr__(self, "note", text_field(self.note, "note", MAX_SHORT_TEXT))

    @classmethod
    def new(
        cls, start: date, end: date | None = None, *, note: str = "", now: datetime | None = None
    ) -> RestDay:
        moment = now or now_local()
        return cls(id=new_id(), created=moment, updated=moment, start=start, end=end or start, note=note)

    @classmethod
    def from_doc(cls, key: str, doc: Mapping[str, Any]) -> RestDay:
        return cls(
            id=key,
            created=parse_timestamp(doc["created"], "created"),
            updated=parse_timestamp(doc["updated"], "updated"),
            start=parse_iso_day(doc["start"], "pause start"),
            end=parse_iso_day(doc["end"], "pause end"),
            note=doc.get("note", ""),
        )


@dataclass(frozen=True)
class Tombstone:
    """What is left of a deleted record, so a merge never brings it back."""

    id: str
    kind: str
    deleted: datetime

    def to_doc(self) -> dict[str, Any]:
        return {"kind": self.kind, "deleted": iso(self.deleted)}

    @classmethod
    def from_doc(cls, key: str, doc: Mapping[str, Any]) -> Tombstone:
        return cls(id=key, kind=str(doc["kind"]), deleted=parse_timestamp(doc["deleted"], "deleted"))


THEMES: tuple[str, ...] = ("rebound", "rebound-light", "rebound-contrast")


@dataclass(frozen=True)
class Settings:
    """User preferences, kept as one document."""

    weekly_target: int = 3
    theme: str = "rebound"
    first_day_of_week: int = 0
    """0 = Monday … 6 = Sunday, as ``date.weekday()`` counts."""
    updated: datetime | None = None

    def __post_init__(self) -> None:
        if isinstance(self.weekly_target, bool) or not isinstance(self.weekly_target, int):
            raise ValidationError("weekly target must be a whole number")
        if not 1 <= self.weekly_target <= 50:
            raise ValidationError(f"weekly target must be from 1 to 50; got {self.weekly_target}")
        if self.theme not in THEMES:
            raise ValidationError(f"unknown theme {self.theme!r}: use one of {', '.join(THEMES)}")
        if self.first_day_of_week not in range(7):
            raise ValidationError("first day of week must be 0 (Monday) to 6 (Sunday)")

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "weekly_target": self.weekly_target,
            "theme": self.theme,
            "first_day_of_week": self.first_day_of_week,
        }
        if self.updated is not None:
            doc["updated"] = iso(self.updated)
        return doc

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Settings:
        updated = doc.get("updated")
        return cls(
            weekly_target=doc.get("weekly_target", 3),
            theme=doc.get("theme", "rebound"),
            first_day_of_week=doc.get("first_day_of_week", 0),
            updated=parse_timestamp(updated, "updated") if updated else None,
        )


RECORD_TYPES: dict[str, type[CheckIn] | type[Application] | type[Round] | type[RestDay]] = {
    CheckIn.KIND: CheckIn,
    Application.KIND: Application,
    Round.KIND: Round,
    RestDay.KIND: RestDay,
}
"""Record kinds by the name of the table that holds them."""


def application_status(rounds: Iterable[Round]) -> AppStatus:
    """Derive an application's status from its rounds (the latest decides)."""
    ordered = sorted(rounds, key=lambda r: (r.when, r.created))
    if not ordered:
        return AppStatus.ACTIVE
    if any(r.outcome is Outcome.OFFER for r in ordered):
        last = ordered[-1].outcome
        if last is Outcome.WITHDREW:
            return AppStatus.WITHDRAWN
        return AppStatus.OFFER
    last = ordered[-1].outcome
    return {
        Outcome.REJECTED: AppStatus.REJECTED,
        Outcome.GHOSTED: AppStatus.GHOSTED,
        Outcome.WITHDREW: AppStatus.WITHDRAWN,
    }.get(last, AppStatus.ACTIVE)


@dataclass(frozen=True)
class Snapshot:
    """Everything in the store at one moment, as model objects (tombstones kept apart)."""

    checkins: tuple[CheckIn, ...] = ()
    applications: tuple[Application, ...] = ()
    rounds: tuple[Round, ...] = ()
    rest_days: tuple[RestDay, ...] = ()
    settings: Settings = field(default_factory=Settings)
    tombstones: tuple[Tombstone, ...] = ()

    def application(self, application_id: str) -> Application | None:
        for app in self.applications:
            if app.id == application_id:
                return app
        return None

    def rounds_of(self, application_id: str) -> tuple[Round, ...]:
        return tuple(
            sorted((r for r in self.rounds if r.application_id == application_id), key=lambda r: r.when)
        )

    def status_of(self, application_id: str) -> AppStatus:
        return application_status(self.rounds_of(application_id))
