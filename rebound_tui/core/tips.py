"""The tip library: short, kind pieces of advice chosen by situation and date.

The tips live in ``tips.json`` beside this module and are read the first time
they are asked for, then kept. Choosing is deterministic: the same date (and
situation) gives the same tip in every process, and a pool of ``n`` tips shows
each of them once in any run of ``n`` consecutive days. Nothing here imports
Textual or Rich, so the CLI's ``tip`` command stays quick.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

SITUATIONS: dict[str, str] = {
    "after-rejection": "After a rejection",
    "low-mood": "Low mood",
    "before-interview": "Before an interview",
    "reflecting": "Reflecting",
    "keeping-going": "Keeping going",
    "milestones": "Milestones",
}
"""Situation keys, in display order, and the label shown for each."""

SETBACK_WINDOW_DAYS = 3
"""A setback this many days ago or fewer still calls for an after-rejection tip."""

LOW_MOOD_AT_OR_BELOW = 2.0
"""A mood (1 to 5) at or below this calls for a low-mood tip."""

_ALIASES: dict[str, str] = {
    "rejection": "after-rejection",
    "rejected": "after-rejection",
    "setback": "after-rejection",
    "low": "low-mood",
    "interview": "before-interview",
    "reflect": "reflecting",
    "reflection": "reflecting",
    "general": "keeping-going",
    "milestone": "milestones",
}
"""Short words people are likely to type, mapped to their situation."""

_FILLER_WORDS = frozenset({"a", "an", "the"})
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Tip:
    """One piece of advice.

    Attributes:
        id: Short kebab-case identifier, unique across the library.
        situation: One of the keys of :data:`SITUATIONS`.
        title: A few words shown as a heading.
        text: One to three sentences.
    """

    id: str
    situation: str
    title: str
    text: str

    @property
    def situation_label(self) -> str:
        """The human label of this tip's situation."""
        return SITUATIONS[self.situation]


def _normalise(text: str) -> str:
    words = [w for w in _WORD_SPLIT.split(text.strip().lower()) if w and w not in _FILLER_WORDS]
    return "-".join(words)


def parse_situation(text: str) -> str:
    """Turn a loosely written situation into its key.

    Case, spaces, underscores and the words "a", "an" and "the" are ignored, so
    "After Rejection", "after_rejection", "After a rejection" and "low mood" all
    work, as do a few short words such as "interview" or "milestone".

    Args:
        text: What the user or caller wrote.

    Returns:
        A key of :data:`SITUATIONS`.

    Raises:
        ValueError: If the text names no known situation.
    """
    key = _normalise(text)
    if key in SITUATIONS:
        return key
    if key in _ALIASES:
        return _ALIASES[key]
    raise ValueError(f"unknown situation {text!r}: use one of {', '.join(SITUATIONS)}")


def tips_from_data(data: object) -> tuple[Tip, ...]:
    """Build and check tips from decoded JSON (a list of objects).

    Args:
        data: The decoded content of ``tips.json``.

    Returns:
        The tips, in file order.

    Raises:
        ValueError: If the data is not a list of objects with string fields
            ``id``, ``situation``, ``title`` and ``text``, if an id repeats, if
            a situation is unknown, or if a title or text is empty.
    """
    if not isinstance(data, list):
        raise ValueError(f"tips data must be a list of objects, got {type(data).__name__}")
    tips: list[Tip] = []
    seen: set[str] = set()
    for position, entry in enumerate(data):
        if not isinstance(entry, dict):
            raise ValueError(f"tip #{position} must be an object, got {type(entry).__name__}")
        fields: dict[str, str] = {}
        for name in ("id", "situation", "title", "text"):
            value = entry.get(name)
            if not isinstance(value, str):
                raise ValueError(f"tip #{position} needs a string {name!r}")
            fields[name] = value.strip()
        tip_id = fields["id"]
        if not tip_id:
            raise ValueError(f"tip #{position} has an empty id")
        if tip_id in seen:
            raise ValueError(f"tip id {tip_id!r} is used more than once")
        seen.add(tip_id)
        if fields["situation"] not in SITUATIONS:
            raise ValueError(
                f"tip {tip_id!r} has unknown situation {fields['situation']!r}: "
                f"use one of {', '.join(SITUATIONS)}"
            )
        if not fields["title"]:
            raise ValueError(f"tip {tip_id!r} has an empty title")
        if not fields["text"]:
            raise ValueError(f"tip {tip_id!r} has an empty text")
        tips.append(Tip(**fields))
    return tuple(tips)


@cache
def all_tips() -> tuple[Tip, ...]:
    """Every tip in the library, read from ``tips.json`` once and then kept.

    Raises:
        ValueError: If the shipped data is malformed (see :func:`tips_from_data`).
    """
    raw = Path(__file__).with_name("tips.json").read_text(encoding="utf-8")
    return tips_from_data(json.loads(raw))


def tips_for(situation: str) -> tuple[Tip, ...]:
    """The tips for one situation, in file order.

    Args:
        situation: A situation key or a forgiving form of it (see :func:`parse_situation`).

    Raises:
        ValueError: If the situation is unknown.
    """
    key = parse_situation(situation)
    return _tips_by_situation()[key]


@cache
def _tips_by_situation() -> dict[str, tuple[Tip, ...]]:
    return {key: tuple(t for t in all_tips() if t.situation == key) for key in SITUATIONS}


@cache
def _rotation(situation: str | None) -> tuple[Tip, ...]:
    # A fixed shuffle per pool, keyed on stable hashes (never hash(), which is
    # salted per process), so neighbouring tips in the file are not shown on
    # neighbouring days and every process agrees on the order.
    pool = all_tips() if situation is None else tips_for(situation)
    salt = situation or "all"

    return tuple(sorted(pool, key=lambda tip: _stable_fraction(f"{salt}:{tip.id}")))


def tip_of_the_day(day: date, situation: str | None = None) -> Tip:
    """The tip for a date, from one situation or from the whole library.

    The same date always gives the same tip. Walking day by day through a pool
    of ``n`` tips shows each of them once before any repeats.

    Args:
        day: The date to pick for.
        situation: Limit the choice to this situation; ``None`` means all tips.

    Raises:
        ValueError: If the situation is unknown or has no tips.
    """
    key = None if situation is None else parse_situation(situation)
    rotation = _rotation(key)
    if not rotation:
        raise ValueError(f"no tips for situation {key!r}")
    return rotation[day.toordinal() % len(rotation)]


def _is_reflecting_day(day: date) -> bool:
    # About one quiet day in four turns towards reflection. A hash of the date,
    # rather than the weekday or ordinal, keeps this choice independent of the
    # ordinal-based rotation, so every keeping-going tip still gets its turn.
    return _stable_fraction(f"reflect:{day.isoformat()}") < 0.25


def _stable_fraction(text: str) -> float:
    """A number in [0, 1) fixed by ``text``, the same in every process and Python version.

    A string seeds Python's generator through its SHA-512 (documented as stable), with a
    module the interpreter has loaded already: hashlib would load OpenSSL, about 0.6 MiB
    of memory for a few hashes a day.
    """
    return random.Random(text).random()


def situation_for_moment(
    *,
    day: date,
    today_mood: float | None,
    days_since_setback: int | None,
    has_interview_soon: bool,
    milestone: bool,
) -> str:
    """The situation that best fits the user's day; see :func:`tip_for_moment`."""
    if days_since_setback is not None and 0 <= days_since_setback <= SETBACK_WINDOW_DAYS:
        return "after-rejection"
    if today_mood is not None and today_mood <= LOW_MOOD_AT_OR_BELOW:
        return "low-mood"
    if has_interview_soon:
        return "before-interview"
    if milestone:
        return "milestones"
    return "reflecting" if _is_reflecting_day(day) else "keeping-going"


def tip_for_moment(
    *,
    day: date,
    today_mood: float | None,
    days_since_setback: int | None,
    has_interview_soon: bool,
    milestone: bool,
) -> Tip:
    """Pick the tip that suits the user's day.

    The first rule that applies chooses the situation: a setback within
    :data:`SETBACK_WINDOW_DAYS` days, then today's mood at or below
    :data:`LOW_MOOD_AT_OR_BELOW`, then an interview coming soon, then a fresh
    milestone; otherwise "keeping-going", or "reflecting" on about one day in
    four. The tip is then :func:`tip_of_the_day` for that situation.

    Args:
        day: Today.
        today_mood: Today's mood from 1 to 5, or ``None`` before checking in.
        days_since_setback: Days since the latest rejection, or ``None`` if none.
        has_interview_soon: Whether an interview is coming up.
        milestone: Whether a milestone was just reached.
    """
    situation = situation_for_moment(
        day=day,
        today_mood=today_mood,
        days_since_setback=days_since_setback,
        has_interview_soon=has_interview_soon,
        milestone=milestone,
    )
    return tip_of_the_day(day, situation)
