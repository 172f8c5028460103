"""The domain model: check-ins, applications, interview rounds, rest days, settings.

Plain frozen dataclasses with validation. Nothing here imports Textual or
TinyDB: the store turns these into documents and the screens show them.
Every validation problem raises :class:`ValidationError` with one line that
names the field and what would be accepted.

The records are here; the words they are made of (moods, stages, outcomes,
limits, ValidationError) are in :mod:`rebound_tui.core.vocabulary` and the
readers of single fields in :mod:`rebound_tui.core.fields`. This module
re-exports both, so ``from rebound_tui.core.models import X`` works for all of
them; that list, and the fields schema 2 added (docs/schema.md), take it past
500 lines. The records stay together: they share Record's id and timestamps and
one document encoding, and a schema step is read in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from enum import Enum
from typing import Any, ClassVar, TypeVar

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
    "MAX_ACTION_TAGS",
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
    "WeekNote",
    "application_status",
    "applied_day",
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

SCHEMA_VERSION = 2
"""The version of the document layout written by this release (see storage.documents.MIGRATIONS).

Schema 2 added ``applications.applied_on/archived/link/contact/quiet_offer_made``,
``rounds.reflect_later``, ``settings.action_tags/quiet_days/reframe_prompt`` and
the ``week_notes`` table (docs/schema.md). Every field it added is optional with
a default, so a record written by schema-1 code still loads."""

MAX_ACTION_TAGS = 50
"""How many of their own tags a person may count as job-search actions."""

QUIET_DAYS_RANGE = range(1, 366)
"""Days without news after which an application may be called quiet."""


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Record:
    """Fields every record shares: a stable UUID and created/updated moments."""

    id: str
    created: datetime
    updated: datetime

    KIND = ""
    ABSENT_WHEN_NONE: ClassVar[frozenset[str]] = frozenset()
    """Optional fields left out of the document while they are None ("absent" in docs/schema.md)."""

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
            value = getattr(self, f.name)
            if value is None and f.name in self.ABSENT_WHEN_NONE:
                continue
            doc[f.name] = _encode(value)
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
    """A job applied for; its status comes from its rounds.

    ``applied_on`` is the day the application happened (schema 2). When it was
    not given (a form without a date, a record written by schema-1 code) it is
    None and absent from the document, and :func:`applied_day` takes its first
    round's day, else the day it was typed in: the default the migration writes.
    """

    company: str = ""
    role: str = ""
    source: str = ""
    note: str = ""
    applied_on: date | None = None
    archived: datetime | None = None
    link: str = ""
    contact: str = ""
    quiet_offer_made: date | None = None

    KIND = "applications"
    ABSENT_WHEN_NONE = frozenset({"applied_on", "archived", "quiet_offer_made"})

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "company", required_text(self.company, "company"))
        object.__setattr__(self, "role", required_text(self.role, "role"))
        object.__setattr__(self, "source", text_field(self.source, "source", MAX_SHORT_TEXT).strip())
        object.__setattr__(self, "note", text_field(self.note, "note"))
        object.__setattr__(self, "link", text_field(self.link, "link", MAX_SHORT_TEXT).strip())
        object.__setattr__(self, "contact", text_field(self.contact, "contact", MAX_SHORT_TEXT).strip())
        _check_day(self.applied_on, "applied on")
        _check_day(self.quiet_offer_made, "quiet offer made")
        if self.archived is not None:
            object.__setattr__(self, "archived", aware(self.archived, "archived"))

    @classmethod
    def new(
        cls,
        company: str,
        role: str,
        *,
        source: str = "",
        note: str = "",
        applied_on: date | None = None,
        link: str = "",
        contact: str = "",
        now: datetime | None = None,
    ) -> Application:
        """A new application; without ``applied_on`` its day is its first round's (:func:`applied_day`)."""
        moment = now or now_local()
        return cls(
            id=new_id(),
            created=moment,
            updated=moment,
            company=company,
            role=role,
            source=source,
            note=note,
            applied_on=applied_on,
            link=link,
            contact=contact,
        )

    @classmethod
    def from_doc(cls, key: str, doc: Mapping[str, Any]) -> Application:
        applied = doc.get("applied_on")
        archived = doc.get("archived")
        quiet = doc.get("quiet_offer_made")
        return cls(
            id=key,
            created=parse_timestamp(doc["created"], "created"),
            updated=parse_timestamp(doc["updated"], "updated"),
            company=doc["company"],
            role=doc["role"],
            source=doc.get("source", ""),
            note=doc.get("note", ""),
            applied_on=parse_iso_day(applied, "applied on") if applied else None,
            archived=parse_timestamp(archived, "archived") if archived else None,
            link=doc.get("link") or "",
            contact=doc.get("contact") or "",
            quiet_offer_made=parse_iso_day(quiet, "quiet offer made") if quiet else None,
        )


def _check_day(value: object, what: str) -> None:
    if value is not None and (isinstance(value, datetime) or not isinstance(value, date)):
        raise ValidationError(f"{what} must be a date (YYYY-MM-DD)")


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
    reflect_later: date | None = None
    """The day a postponed reflection may be offered again (schema 2); None when not postponed."""

    KIND = "rounds"
    ABSENT_WHEN_NONE = frozenset({"reflect_later"})

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
        _check_day(self.reflect_later, "reflect later")

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
        later = doc.get("reflect_later")
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
            reflect_later=parse_iso_day(later, "reflect later") if later else None,
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
class WeekNote(Record):
    """The weekly review's note for the coming week: what to keep, what to try (schema 2).

    ``week`` is the first day of the week it looks ahead to. The document key of
    ``try_next`` is ``try`` (a Python keyword cannot name a field).
    """

    week: date = field(default_factory=lambda: now_local().date())
    keep: str = ""
    try_next: str = ""

    KIND = "week_notes"

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_day(self.week, "week")
        object.__setattr__(self, "keep", text_field(self.keep, "keep"))
        object.__setattr__(self, "try_next", text_field(self.try_next, "try"))

    def to_doc(self) -> dict[str, Any]:
        return {
            "week": self.week.isoformat(),
            "keep": self.keep,
            "try": self.try_next,
            "created": iso(self.created),
            "updated": iso(self.updated),
        }

    @classmethod
    def new(cls, week: date, *, keep: str = "", try_next: str = "", now: datetime | None = None) -> WeekNote:
        moment = now or now_local()
        return cls(id=new_id(), created=moment, updated=moment, week=week, keep=keep, try_next=try_next)

    @classmethod
    def from_doc(cls, key: str, doc: Mapping[str, Any]) -> WeekNote:
        return cls(
            id=key,
            created=parse_timestamp(doc["created"], "created"),
            updated=parse_timestamp(doc["updated"], "updated"),
            week=parse_iso_day(doc["week"], "week"),
            keep=doc.get("keep", ""),
            try_next=doc.get("try", ""),
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
    action_tags: tuple[str, ...] = ()
    """The person's own check-in tags that count as job-search actions, beside the built-in four."""
    quiet_days: int = 14
    """Days without news after which an application may be called quiet."""
    reframe_prompt: bool = True
    """Whether a kind reframing prompt is offered after a hard moment."""

    def __post_init__(self) -> None:
        if isinstance(self.weekly_target, bool) or not isinstance(self.weekly_target, int):
            raise ValidationError("weekly target must be a whole number")
        if not 1 <= self.weekly_target <= 50:
            raise ValidationError(f"weekly target must be from 1 to 50; got {self.weekly_target}")
        if self.theme not in THEMES:
            raise ValidationError(f"unknown theme {self.theme!r}: use one of {', '.join(THEMES)}")
        if self.first_day_of_week not in range(7):
            raise ValidationError("first day of week must be 0 (Monday) to 6 (Sunday)")
        if isinstance(self.action_tags, str):
            raise ValidationError("action tags must be a list of tags")
        tags = clean_tags(self.action_tags, "action")
        if len(tags) > MAX_ACTION_TAGS:
            raise ValidationError(f"at most {MAX_ACTION_TAGS} action tags; got {len(tags)}")
        object.__setattr__(self, "action_tags", tags)
        if isinstance(self.quiet_days, bool) or not isinstance(self.quiet_days, int):
            raise ValidationError("quiet days must be a whole number")
        if self.quiet_days not in QUIET_DAYS_RANGE:
            raise ValidationError(f"quiet days must be from 1 to 365; got {self.quiet_days}")
        if not isinstance(self.reframe_prompt, bool):
            raise ValidationError("reframe prompt must be true or false")

    @property
    def job_search_tags(self) -> frozenset[str]:
        """Every check-in tag that counts as a job-search action: the built-in four and the person's own."""
        return JOB_SEARCH_ACTIVITIES.union(self.action_tags)

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "weekly_target": self.weekly_target,
            "theme": self.theme,
            "first_day_of_week": self.first_day_of_week,
            "action_tags": list(self.action_tags),
            "quiet_days": self.quiet_days,
            "reframe_prompt": self.reframe_prompt,
        }
        if self.updated is not None:
            doc["updated"] = iso(self.updated)
        return doc

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Settings:
        updated = doc.get("updated")
        tags = doc.get("action_tags") or ()
        if isinstance(tags, str):
            raise ValidationError("action tags must be a list of tags")
        return cls(
            weekly_target=doc.get("weekly_target", 3),
            theme=doc.get("theme", "rebound"),
            first_day_of_week=doc.get("first_day_of_week", 0),
            updated=parse_timestamp(updated, "updated") if updated else None,
            action_tags=tuple(tags),
            quiet_days=doc.get("quiet_days", 14),
            reframe_prompt=doc.get("reframe_prompt", True),
        )


RECORD_TYPES: dict[str, type[CheckIn] | type[Application] | type[Round] | type[RestDay] | type[WeekNote]] = {
    CheckIn.KIND: CheckIn,
    Application.KIND: Application,
    Round.KIND: Round,
    RestDay.KIND: RestDay,
    WeekNote.KIND: WeekNote,
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
    week_notes: tuple[WeekNote, ...] = ()

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

    def last_round_by(self, moment: datetime) -> Round | None:
        """The latest round that has taken place by ``moment`` (a round dated later is not offered
        for reflection: it has not happened yet)."""
        happened = [r for r in self.rounds if r.when <= moment]
        return max(happened, key=lambda r: (r.when, r.id), default=None)

    def applied_day(self, application: Application) -> date:
        """The day ``application`` happened (see :func:`applied_day`)."""
        return applied_day(application, self.rounds_of(application.id))


def applied_day(application: Application, rounds: Iterable[Round]) -> date:
    """The day an application happened: its ``applied_on``; for a schema-1 record without
    one, its first round's day, else the day it was typed in. Never the day it was typed
    in when a date of its own is known."""
    if application.applied_on is not None:
        return application.applied_on
    days = [r.day for r in rounds]
    return min(days) if days else application.created.date()
