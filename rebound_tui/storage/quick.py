"""The one-line answers of the quick commands (``status``, the reply to ``checkin MOOD``).

These run from a shell prompt or an SSH login banner, so they read the raw
documents instead of building every model object, and import no Textual or Rich.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

from rebound_tui.core.models import MOODS, THEMES, CheckIn, Outcome, Settings, ValidationError, parse_mood
from rebound_tui.core.streaks import Streak, streak_from_days
from rebound_tui.core.text import split_tags, text_or_stdin
from rebound_tui.core.wording import human_day
from rebound_tui.storage import files
from rebound_tui.storage.store import CorruptStoreError, Store


def _checkin_days(store: Store) -> tuple[set[date], list[tuple[date, date]]]:
    raw = store.raw()
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


# What a glance at the file's bytes looks for. Only check-ins have a "timestamp" and only
# pauses a "start" (tests/storage/test_quick_glance.py holds every record kind to this);
# text typed by the person cannot fake a key: its quotes are escaped in the file.
_CHECKIN_DAY = re.compile(rb'"timestamp":(?:\s*"(\d{4}-\d{2}-\d{2}))?')
"""Every "timestamp" key with its day, in one pass; b"" (not a date: the file is parsed) when it has none."""
_PAUSE_KEY = b'"start":'
_PAUSE = re.compile(rb'"start":\s*"(\d{4}-\d{2}-\d{2})",\s*"end":\s*"(\d{4}-\d{2}-\d{2})"')
_THEME = re.compile(rb'"theme":\s*"([a-z-]{1,40})"')


def glance_streak(store: Store, today: date) -> Streak:
    """The check-in streak for the TUI's first paint, read from the file's bytes without parsing them.

    A glance at ten years of data takes a few milliseconds where parsing them takes
    15-40. When the bytes do not look exactly as rebound-tui writes them (a key
    counted that the pattern does not read, a day that is not a date), this is
    :func:`quick_streak`, which parses and checks. The full load that follows the
    first paint checks everything either way.
    """
    payload, _ = files.read_file(store.path)
    if not _looks_whole(payload):
        return quick_streak(store, today)
    days_found = _CHECKIN_DAY.findall(payload)
    pause_keys = payload.count(_PAUSE_KEY)
    pauses_found = _PAUSE.findall(payload) if pause_keys else []  # the search costs ~1.5 ms on ten years
    if pause_keys != len(pauses_found):
        return quick_streak(store, today)
    try:
        days = {date.fromisoformat(day.decode()) for day in set(days_found)}
        pauses = [(date.fromisoformat(a.decode()), date.fromisoformat(b.decode())) for a, b in pauses_found]
    except ValueError:
        return quick_streak(store, today)
    return streak_from_days(days, pauses, today)


def _looks_whole(payload: bytes) -> bool:
    """No file yet, or one object from its first byte to its last: a cut-off file is parsed (and named)."""
    whole = payload.strip()
    return not whole or (whole.startswith(b"{") and whole.endswith(b"}"))


def glance_theme(store: Store) -> str:
    """The theme kept in the settings, for the TUI's first frame, without parsing the file when it can.

    Raises StoreError as :meth:`Store.settings` does when it has to parse.
    """
    payload, _ = files.read_file(store.path)
    if not _looks_whole(payload):
        return store.settings().theme
    if b'"theme"' not in payload:
        return Settings.from_doc({}).theme  # no settings saved yet: the default
    found = [bytes(name).decode() for name in _THEME.findall(payload)]
    if len(found) == 1 and found[0] in THEMES:
        return found[0]
    return store.settings().theme


def streak_days(store: Store, today: date) -> int:
    """The current check-in streak in days."""
    return quick_streak(store, today).current


def status_line(store: Store, today: date) -> str:
    """One calm line: streak, whether today is checked in, follow-ups due."""
    days, rests = _checkin_days(store)
    streak = streak_from_days(days, rests, today)
    raw = store.raw()
    try:
        due = sum(
            1
            for doc in raw.get("rounds", {}).values()
            if doc.get("follow_up")
            and date.fromisoformat(doc["follow_up"]) <= today
            and doc.get("outcome", "pending") in (Outcome.PENDING.value, Outcome.ADVANCED.value)
        )
    except (TypeError, ValueError) as exc:  # a follow-up date that is not a date
        store.snapshot()  # names the record, as the full load would
        raise CorruptStoreError(f"{store.path} holds a record that cannot be read ({exc!r})") from None
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


# --------------------------------------------------------------------------- the quick check-in


def moment_of(text: str | None, now: datetime, *, what: str = "date", future_ok: bool = False) -> datetime:
    """The moment a date option names (``now`` when it is not given)."""
    if text is None:
        return now
    from rebound_tui.core.dates import parse_moment  # dateutil only when a date is typed

    moment = parse_moment(text, now, what=what)
    if not future_ok and moment.date() > now.date():
        raise ValidationError(f"{what} {text!r} is in the future ({moment.date()})")
    return moment


def save_checkin(
    store: Store,
    now: datetime,
    mood: str,
    *,
    energy: str | None = None,
    feelings: Iterable[str] = (),
    activities: Iterable[str] = (),
    note: str | None = None,
    when: str | None = None,
) -> str:
    """Validate and save one check-in; return the reply line. Raises ValidationError first."""
    record = CheckIn.new(
        parse_mood(mood),
        timestamp=moment_of(when, now),
        energy=energy,
        feelings=split_tags(feelings),
        activities=split_tags(activities),
        note=text_or_stdin(note) or "",
        now=now,
    )
    store.add(record)
    if record.mood <= 2:
        words = "Thank you for checking in on a hard day; that counts too."
    else:
        days = glance_streak(store, now.date()).current  # the file was not parsed to save it
        words = f"That's {days} days in a row." if days >= 2 else "Nice to see you."
    return f"Saved: {MOODS[record.mood]} ({record.mood}/5) for {human_day(record.day, now.date())}. {words}"
