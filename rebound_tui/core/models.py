"""The domain model: check-ins, applications, interview rounds, rest days, settings.

Plain frozen dataclasses with validation. Nothing here imports Textual or
TinyDB: the store turns these into documents and the screens show them.
Every validation problem raises :class:`ValidationError` with one line that
names the field and what would be accepted.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime, timezone
from enum import Enum, StrEnum
from typing import Any, TypeVar

SCHEMA_VERSION = 1
"""The version of the document layout written by this release (see store.MIGRATIONS)."""

MOODS: dict[int, str] = {1: "awful", 2: "low", 3: "okay", 4: "good", 5: "great"}
"""Mood values and the word shown for each."""

ENERGY: dict[int, str] = {1: "drained", 2: "low", 3: "steady", 4: "good", 5: "buzzing"}

DEFAULT_FEELINGS: tuple[str, ...] = (
    "disappointed",
    "frustrated",
    "anxious",
    "tired",
    "calm",
    "hopeful",
    "confident",
    "motivated",
    "proud",
)
DEFAULT_ACTIVITIES: tuple[str, ...] = (
    "applied",
    "practiced",
    "networked",
    "interviewed",
    "rested",
    "exercised",
)
JOB_SEARCH_ACTIVITIES: frozenset[str] = frozenset({"applied", "practiced", "networked", "interviewed"})
"""Check-in activities that count as a job-search action for momentum and bounce-back."""

MAX_TAG_LENGTH = 40
MAX_TEXT_LENGTH = 200_000
MAX_SHORT_TEXT = 200


class ValidationError(ValueError):
    """A value the user gave does not fit the model; the message is one line."""


def _slug(text: str) -> str:
    """Fold case, spaces, underscores and slashes so 'Phone Screen' == 'phone-screen'."""
    return re.sub(r"[\s_/\-]+", "-", text.strip().lower()).strip("-")


class _Choice(StrEnum):
    """An enum whose members are parsed forgivingly from user text."""

    @property
    def label(self) -> str:
        return _LABELS.get(self.value, self.value.replace("-", " "))

    @classmethod
    def parse(cls: type[_E], text: str, what: str) -> _E:
        wanted = _slug(text)
        for member in cls:
            if wanted == member.value or wanted in _ALIASES.get(member.value, ()):
                return member
        names = ", ".join(m.label for m in cls)
        raise ValidationError(f"unknown {what} {text!r}: use one of {names}")


_E = TypeVar("_E", bound=_Choice)


class Stage(_Choice):
    """How far an application got, in the order a process usually runs."""

    APPLIED = "applied"
    RECRUITER_SCREEN = "recruiter-screen"
    PHONE_SCREEN = "phone-screen"
    TECHNICAL = "technical"
    TAKE_HOME = "take-home"
    ONSITE = "onsite-final"
    OFFER_TALK = "offer-talk"

    @property
    def order(self) -> int:
        """Position in the usual process, 0 for applied."""
        return _STAGE_ORDER[self.value]


_STAGE_ORDER = {stage.value: index for index, stage in enumerate(Stage)}


class Outcome(_Choice):
    """What came of a round."""

    PENDING = "pending"
    ADVANCED = "advanced"
    REJECTED = "rejected"
    GHOSTED = "ghosted"
    OFFER = "offer"
    WITHDREW = "withdrew"

    @property
    def is_setback(self) -> bool:
        return self in (Outcome.REJECTED, Outcome.GHOSTED)


class Factor(_Choice):
    """Reasons for a 'no' that sit outside the candidate's control."""

    INTERNAL_CANDIDATE = "internal-candidate"
    ROLE_CHANGED = "role-changed"
    BUDGET_FREEZE = "budget-or-freeze"
    PROFILE_MISMATCH = "profile-mismatch"
    UNKNOWN = "unknown"


class AppStatus(StrEnum):
    """An application's status, derived from its rounds."""

    ACTIVE = "active"
    OFFER = "offer"
    REJECTED = "rejected"
    GHOSTED = "ghosted"
    WITHDRAWN = "withdrawn"


_LABELS: dict[str, str] = {
    "onsite-final": "onsite/final",
    "budget-or-freeze": "budget or freeze",
}
_ALIASES: dict[str, tuple[str, ...]] = {
    "recruiter-screen": ("recruiter", "recruiter-call"),
    "phone-screen": ("phone", "phone-interview", "screen"),
    "technical": ("tech", "technical-interview", "coding"),
    "take-home": ("takehome", "take-home-task", "assignment"),
    "onsite-final": ("onsite", "final", "on-site", "final-round", "onsite-final-round"),
    "offer-talk": ("offer", "offer-call", "negotiation"),
    "withdrew": ("withdrawn",),
    "budget-or-freeze": ("budget", "freeze", "hiring-freeze", "budget-freeze"),
    "internal-candidate": ("internal",),
    "role-changed": ("role-change",),
    "profile-mismatch": ("mismatch",),
}

RATING_DIMENSIONS: dict[str, str] = {
    "examples": "concrete examples",
    "strengths": "strengths made clear",
    "questions": "questions asked",
    "confidence": "confidence",
}
"""Self-rating keys (as stored) and how they read."""


# --------------------------------------------------------------------------- helpers


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def check_uuid(value: object, what: str) -> str:
    """Return the canonical lower-case form of a UUID, or raise ValidationError."""
    if isinstance(value, str) and _CANONICAL_UUID.fullmatch(value):
        return value
    try:
        import uuid  # only for ids written in a non-canonical form

        return str(uuid.UUID(str(value)))
    except ValueError:
        raise ValidationError(f"{what} {value!r} is not a UUID") from None


def new_id() -> str:
    # A version-4 UUID from the OS's random source, without importing uuid (and
    # with it platform) on the quick check-in path.
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def now_local() -> datetime:
    """The current moment with the machine's local UTC offset."""
    return datetime.now(UTC).astimezone()


def parse_mood(value: object, what: str = "mood") -> int:
    """Read a 1–5 mood (or energy) from an int, a digit string or a mood word."""
    if type(value) is int and 1 <= value <= 5:
        return value
    words = MOODS if what == "mood" else ENERGY
    if isinstance(value, bool):
        raise ValidationError(f"{what} must be a whole number from 1 to 5")
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip().lower()
        by_word = {w: n for n, w in words.items()}
        if text in by_word:
            return by_word[text]
        try:
            number = int(text)
        except ValueError:
            raise ValidationError(
                f"{what} must be a whole number from 1 to 5 ({_scale(words)}); got {str(value)!r}"
            ) from None
    if not 1 <= number <= 5:
        raise ValidationError(f"{what} must be from 1 to 5 ({_scale(words)}); got {number}")
    return number


def _scale(words: Mapping[int, str]) -> str:
    return ", ".join(f"{n} {w}" for n, w in words.items())


@functools.lru_cache(maxsize=1024)
def clean_tag(tag: str, what: str) -> str:
    """Normalise a feeling or activity tag: lower case, single spaces, no commas."""
    text = " ".join(str(tag).split()).lower()
    if not text:
        raise ValidationError(f"{what} tags cannot be empty")
    if len(text) > MAX_TAG_LENGTH:
        raise ValidationError(f"{what} tag {text[:20]!r}… is longer than {MAX_TAG_LENGTH} characters")
    if any(ch in text for ch in ",|") or not text.isprintable():
        raise ValidationError(f"{what} tag {text!r} may not hold commas, '|' or control characters")
    return text


def clean_tags(tags: Iterable[str], what: str) -> tuple[str, ...]:
    if not tags:
        return ()
    seen: dict[str, None] = {}
    for tag in tags:
        seen[clean_tag(tag, what)] = None
    return tuple(seen)


def _text(value: object, what: str, limit: int = MAX_TEXT_LENGTH) -> str:
    if value == "":
        return ""
    text = "" if value is None else str(value)
    if len(text) > limit:
        raise ValidationError(f"{what} is longer than {limit:,} characters")
    if "\x00" in text:
        raise ValidationError(f"{what} may not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Bytes that were not UTF-8 (a terminal in Latin-1, say) reach Python as lone
        # surrogates; the data file is UTF-8 and could not be written.
        raise ValidationError(f"{what} is not valid UTF-8 text (is the terminal set to UTF-8?)") from None
    return text


def _required(value: object, what: str) -> str:
    text = " ".join(_text(value, what, MAX_SHORT_TEXT).split())
    if not text:
        raise ValidationError(f"{what} cannot be empty")
    return text


def aware(moment: datetime, what: str) -> datetime:
    """Check ``moment`` carries a UTC offset; whole seconds are what we keep."""
    if type(moment) is not datetime and not isinstance(moment, datetime):
        raise ValidationError(f"{what} must be a date and time")
    tz = moment.tzinfo
    if tz is None or (type(tz) is not timezone and moment.utcoffset() is None):
        raise ValidationError(f"{what} needs a UTC offset")
    return moment.replace(microsecond=0) if moment.microsecond else moment


def parse_timestamp(text: object, what: str = "timestamp") -> datetime:
    """Read an ISO 8601 timestamp that carries a UTC offset."""
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        raise ValidationError(f"{what} {text!r} is not an ISO 8601 timestamp") from None
    if moment.tzinfo is None:
        raise ValidationError(f"{what} {text!r} needs a UTC offset")
    return moment


def parse_iso_day(text: object, what: str = "date") -> date:
    """Read a stored ISO day (YYYY-MM-DD); for days typed by the user see :mod:`rebound_tui.core.dates`."""
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        raise ValidationError(f"{what} {text!r} is not an ISO date (YYYY-MM-DD)") from None


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


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
        object.__setattr__(self, "note", _text(self.note, "note"))

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
        object.__setattr__(self, "company", _required(self.company, "company"))
        object.__setattr__(self, "role", _required(self.role, "role"))
        object.__setattr__(self, "source", _text(self.source, "source", MAX_SHORT_TEXT).strip())
        object.__setattr__(self, "note", _text(self.note, "note"))

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
            object.__setattr__(self, name, _text(getattr(self, name), name.replace("_", " ")))

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
        object.__setattr__(self, "note", _text(self.note, "note", MAX_SHORT_TEXT))

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
