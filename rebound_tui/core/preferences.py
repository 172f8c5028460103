"""Reading settings as people type them: the one set of rules the CLI and the app share.

``rebound-tui settings --first-day tue`` and the app's Settings dialog both turn
text into settings here, and :class:`~rebound_tui.core.models.Settings` checks
the values, so the two cannot accept different things or word a refusal
differently. Every refusal is a :class:`ValidationError` with one line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from rebound_tui.core.models import JOB_SEARCH_ACTIVITIES, Settings, ValidationError, clean_tag

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""Day names by ``date.weekday()``: the first day of the week is stored as an index into these."""


def first_day(text: str) -> int:
    """The weekday meant by ``text`` ("tue", "Tuesday", "su"; its first three letters decide), 0 = Monday.

    Raises:
        ValidationError: not one weekday.
    """
    wanted = text.strip().lower()
    matches = [i for i, name in enumerate(WEEKDAYS) if wanted and name.startswith(wanted[:3])]
    if len(matches) != 1:
        raise ValidationError(f"unknown first day of the week {text!r}: use monday .. sunday")
    return matches[0]


def whole_number(text: str, what: str) -> int:
    """``text`` as a whole number ("3", " 12 "), for ``what`` ("weekly target").

    Raises:
        ValidationError: "weekly target must be a whole number; got 'three'".
    """
    raw = text.strip()
    if not raw.isascii() or not raw.lstrip("+-").isdigit():
        shown = f"; got {text!r}" if raw else ""
        raise ValidationError(f"{what} must be a whole number{shown}")
    return int(raw)


def own_action_tags(text: str | Iterable[str]) -> tuple[str, ...]:
    """The person's own action tags from "job fair, coffee chat" (or a list), cleaned as check-in tags.

    The built-in four always count, so naming one adds nothing; a tag named twice is kept once.

    Raises:
        ValidationError: a tag is not valid (too long, a control character...).
    """
    parts = text.split(",") if isinstance(text, str) else list(text)
    tags: list[str] = []
    for part in parts:
        if not part.strip():
            continue
        tag = clean_tag(part, "action")
        if tag not in JOB_SEARCH_ACTIVITIES and tag not in tags:
            tags.append(tag)
    return tuple(tags)


def read_settings(current: Settings, **typed: Any) -> dict[str, Any]:
    """The settings named in ``typed``, read from what was typed, every value checked.

    Accepts ``weekly_target`` and ``quiet_days`` as text or numbers, ``first_day_of_week``
    as a day name or an index, ``action_tags`` as text or a list, ``theme`` and
    ``reframe_prompt`` as they are. Nothing is written here: the caller saves the
    values inside the store's lock.

    Raises:
        ValidationError: one line for the first value that is not valid (checked as
            :class:`Settings` checks it, with ``current`` for the settings not named).
    """
    values: dict[str, Any] = {}
    for name, value in typed.items():
        if name in ("weekly_target", "quiet_days"):
            what = "weekly target" if name == "weekly_target" else "quiet days"
            values[name] = whole_number(value, what) if isinstance(value, str) else value
        elif name == "first_day_of_week":
            values[name] = first_day(value) if isinstance(value, str) else value
        elif name == "action_tags":
            values[name] = own_action_tags(value)
        elif name in ("theme", "reframe_prompt"):
            values[name] = value
        else:
            raise ValueError(f"not a setting: {name}")
    wanted = replace(current, **values)  # Settings checks every value (ValidationError)
    return {name: getattr(wanted, name) for name in values}


def settings_changes(current: Settings, **typed: Any) -> dict[str, Any]:
    """Like :func:`read_settings`, keeping only the settings that differ from ``current``."""
    read = read_settings(current, **typed)
    return {name: value for name, value in read.items() if value != getattr(current, name)}


def pause_span(start: date, end: date) -> str:
    """A pause's days for people: "2026-12-24", or "2026-12-21 to 2027-01-03 (14 days)"."""
    days = (end - start).days + 1
    return f"{start}" if days == 1 else f"{start} to {end} ({days} days)"


def pause_saved(start: date, end: date) -> str:
    """What is said once a pause is saved (the CLI and the app say the same)."""
    return f"Pause saved: {pause_span(start, end)}. Rest is part of the work; your streak waits for you."
