"""Reading the dates people type: ISO dates, 'Nov 20', 'yesterday', '3 days ago', 'in 2 weeks'.

python-dateutil reads the calendar forms (always with an explicit default, so
missing fields come from "today" and never from the parser's own guess); the
relative words are ours. It is imported only when a date is actually given.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from rebound_tui.core.models import ValidationError

_RELATIVE = re.compile(r"^(?:(in)\s+)?(\d{1,4})\s*(d|day|days|w|wk|week|weeks)(?:\s+(ago))?$")
_HAS_TIME = re.compile(r"\d:\d\d|\d\s*(am|pm)\b|\dt\d")
_DAY_THEN_TIME = re.compile(r"^(?P<day>.+?)\s+(?:at\s+)?(?P<time>\d{1,2}(?::\d\d)?\s*(?:am|pm)?)$")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
HINT = "try 2026-11-20, 'Nov 20', 'yesterday', '3 days ago' or 'in 2 weeks'"


def parse_day(text: str, today: date, *, what: str = "date") -> date:
    """Read a calendar day relative to ``today``."""
    raw = " ".join(str(text).split()).lower()
    if not raw:
        raise ValidationError(f"{what} is empty; {HINT}")
    words = {"today": 0, "now": 0, "yesterday": -1, "tomorrow": 1}
    if raw in words:
        return today + timedelta(days=words[raw])
    match = _RELATIVE.match(raw)
    if match:
        future, amount, unit, past = match.groups()
        if bool(future) == bool(past):
            raise ValidationError(f"could not read {what} {text!r}: say 'N days ago' or 'in N days'")
        days = int(amount) * (7 if unit.startswith("w") else 1)
        return today + timedelta(days=days if future else -days)
    for prefix, sign in (("last ", -1), ("next ", 1)):
        if raw.startswith(prefix) and raw[len(prefix) :] in _WEEKDAYS:
            target = _WEEKDAYS.index(raw[len(prefix) :])
            delta = (today.weekday() - target) % 7 or 7
            return today + timedelta(days=-delta if sign < 0 else (target - today.weekday()) % 7 or 7)
    return _calendar(text, datetime.combine(today, time()), what).date()


def parse_moment(text: str, now: datetime, *, what: str = "date") -> datetime:
    """Read a day (and optionally a time) relative to ``now``; keep ``now``'s UTC offset.

    With no time given, the time of day is ``now``'s, so "yesterday" lands
    24 hours back rather than at midnight.
    """
    raw = " ".join(str(text).split()).lower()
    if _HAS_TIME.search(raw):
        midnight = datetime.combine(now.date(), time())
        try:
            moment = _calendar(text, midnight, what)
        except ValidationError:
            # dateutil knows no relative words: read "yesterday 3pm" as our day plus its time.
            split = _DAY_THEN_TIME.match(raw)
            if not split:
                raise
            try:
                day = parse_day(split["day"], now.date(), what=what)
                moment = _calendar(split["time"], datetime.combine(day, time()), what)
            except ValidationError:
                raise ValidationError(f"could not read {what} {str(text)!r}; {HINT}") from None
        return moment if moment.tzinfo else moment.replace(tzinfo=now.tzinfo)
    day = parse_day(text, now.date(), what=what)
    return datetime.combine(day, now.timetz()).replace(microsecond=0)


def _calendar(text: str, default: datetime, what: str) -> datetime:
    from dateutil import parser

    try:
        moment: datetime = parser.parse(str(text), default=default)
        moment.utcoffset()  # an offset of a day or more ("12:00 +99:00") raises here, not later
        return moment
    except (ValueError, OverflowError, TypeError):
        raise ValidationError(f"could not read {what} {str(text)!r}; {HINT}") from None
