"""The words the model is made of: moods, energy, default tags, stages, outcomes, factors, statuses.

Also the limits on text and tags, the self-rating dimensions, and
:class:`ValidationError`, which every check in the domain raises with one
line naming the field and what would be accepted. Import these from
:mod:`rebound_tui.core.models`, which re-exports them with the records.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TypeVar

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
        names = ", ".join(m.label for m in cls)
        if not isinstance(text, str):  # a stage that is a number, an outcome that is null, in a file
            raise ValidationError(f"{what} {text!r} is not one of {names}")
        wanted = _slug(text)
        for member in cls:
            if wanted == member.value or wanted in _ALIASES.get(member.value, ()):
                return member
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
