"""The one-line answers of the quick commands (``status``, the reply to ``checkin MOOD``).

These run from a shell prompt or an SSH login banner, so they read the raw
documents instead of building every model object, and import no Textual or Rich.
"""

from __future__ import annotations

from datetime import date

from rebound_tui.models import Outcome
from rebound_tui.store import CorruptStoreError, Store
from rebound_tui.streaks import Streak, streak_from_days


def _checkin_days(store: Store) -> tuple[set[date], list[tuple[date, date]]]:
    raw = store._load().raw
    try:
        # A check-in's local date is the date part of its timestamp, written with the user's offset.
        days = {date.fromisoformat(doc["timestamp"][:10]) for doc in raw.get("checkins", {}).values()}
        rests = [
            (date.fromisoformat(doc["start"]), date.fromisoformat(doc["end"]))
            for doc in raw.get("rest_days", {}).values()
        ]
    except (KeyError, TypeError, ValueError) as exc:
        # Same answer as the full load would give: the file is named, never rewritten.
        store.snapshot()
        raise CorruptStoreError(f"{store.path} holds a record that cannot be read ({exc!r})") from None
    return days, rests


def quick_streak(store: Store, today: date) -> Streak:
    """The check-in streak straight from the raw documents (no model objects built)."""
    days, rests = _checkin_days(store)
    return streak_from_days(days, rests, today)


def streak_days(store: Store, today: date) -> int:
    """The current check-in streak in days."""
    return quick_streak(store, today).current


def status_line(store: Store, today: date) -> str:
    """One calm line: streak, whether today is checked in, follow-ups due."""
    days, rests = _checkin_days(store)
    streak = streak_from_days(days, rests, today)
    raw = store._load().raw
    due = sum(
        1
        for doc in raw.get("rounds", {}).values()
        if doc.get("follow_up")
        and date.fromisoformat(doc["follow_up"]) <= today
        and doc.get("outcome", "pending") in (Outcome.PENDING.value, Outcome.ADVANCED.value)
    )
    parts = []
    if streak.current:
        parts.append(f"{streak.current}-day check-in streak")
    elif days:
        parts.append(f"{len(days)} days checked in so far")
    else:
        parts.append("no check-ins yet")
    parts.append("checked in today" if today in days else "today's check-in is open")
    if due:
        parts.append(f"{due} follow-up{'s' if due != 1 else ''} due")
    return "rebound: " + ", ".join(parts)
