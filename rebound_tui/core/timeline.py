"""Looking back: which check-ins and rounds a filter lets through, and the date ranges people type.

One definition serves the History screen and ``rebound-tui checkin list``, so
the two always pick the same records for the same filter:

* :func:`parse_range` reads the dates box ('last 30 days', 'Nov 2026',
  'since Nov 1', 'Nov 1 to Nov 20', ...) into a first and last day, either open;
  :func:`day_span` reads one part of it (``--since`` and ``--until`` use it).
* :class:`HistoryFilter` is what the person asked to see: words to search for,
  a mood band, feelings or activities, and dates.
* :func:`timeline` is the check-ins and rounds the filter lets through, newest
  first, and :func:`checkins` the check-ins alone.

Pure functions of their arguments: ``today`` is always passed in.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rebound_tui.core.dates import parse_day
from rebound_tui.core.models import Application, CheckIn, Round, Snapshot, ValidationError
from rebound_tui.core.text import split_tags

# --------------------------------------------------------------------------- date ranges

RANGE_HINT = "try 'last 30 days', 'this month', 'Nov 2026', 'since Nov 1' or 'Nov 1 to Nov 20'"

_LAST = re.compile(r"^(?:last|past)\s+(?:(\d{1,4})\s+)?(day|week|month|year)s?$")
_THIS = re.compile(r"^this\s+(week|month|year)$")
_MONTH_WORD = re.compile(r"^([a-z]{3,9})\.?(?:\s+(\d{4}))?$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_BETWEEN = re.compile(r"^(?:from\s+|between\s+)?(.+?)(?:\s+(?:to|until|till|and|-)\s+|\s*\.\.\s*)(.+)$")
_OPEN = re.compile(r"^(since|from|after|until|till|to|before)\s+(.+)$")
_MONTHS = [name.lower() for name in calendar.month_name]
_NO_LIMIT = ("", "all", "any", "everything", "all time")


def _add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def day_span(text: str, today: date, *, what: str = "dates") -> tuple[date, date]:
    """The first and last day meant by one part of a range: a day, a month, a year or 'last N days'.

    Args:
        text: 'last 2 weeks', 'this month', '2026-11', '2025', 'Nov', 'October 2025',
            or any single day :func:`rebound_tui.core.dates.parse_day` reads.
        today: the day 'last', 'this' and a month without a year count from.
        what: how a one-line error names the text (e.g. ``--since day``).

    Raises:
        ValidationError: one line naming ``what`` when the text cannot be read.
    """
    raw = " ".join(text.split()).lower()
    if match := _LAST.match(raw):
        count, unit = int(match[1] or 1), match[2]
        if count < 1:
            raise ValidationError(f"{what} {text!r}: give at least one {unit}")
        if unit == "day":
            start = today - timedelta(days=count - 1)
        elif unit == "week":
            start = today - timedelta(days=7 * count - 1)
        else:
            start = _add_months(today, -count * (12 if unit == "year" else 1)) + timedelta(days=1)
        return start, today
    if match := _THIS.match(raw):
        unit = match[1]
        if unit == "week":
            return today - timedelta(days=today.weekday()), today
        return (today.replace(day=1) if unit == "month" else today.replace(month=1, day=1)), today
    if match := _YEAR_MONTH.match(raw):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise ValidationError(f"{what} {text!r}: there is no month {month}")
        return _month_span(year, month)
    if match := _YEAR.match(raw):
        year = int(match[1])
        return date(year, 1, 1), date(year, 12, 31)
    if (match := _MONTH_WORD.match(raw)) and (
        found := [n for n, name in enumerate(_MONTHS) if n and name.startswith(match[1])]
    ):
        month = found[0]
        year = int(match[2]) if match[2] else today.year - (month > today.month)
        return _month_span(year, month)
    day = parse_day(text, today, what=what)
    return day, day


def parse_range(text: str, today: date) -> tuple[date | None, date | None]:
    """Read the date filter: the first and last day wanted (either may be open).

    Understands 'last 30 days' (and weeks, months, years: rolling, ending
    today), 'this week|month|year', a month ('Nov', 'November 2025',
    '2026-11'), a year, any single day :func:`rebound_tui.core.dates.parse_day`
    reads, 'since X', 'until X', 'before X', 'after X' and 'X to Y' (or
    'X..Y', 'from X to Y', 'between X and Y'). Empty or 'all' means no limit.
    Raises ValidationError with one line when the text cannot be read.
    """
    raw = " ".join(text.split()).lower()
    if raw in _NO_LIMIT:
        return None, None
    try:
        if not _LAST.match(raw) and (match := _BETWEEN.match(raw)):
            start, end = day_span(match[1], today)[0], day_span(match[2], today)[1]
        elif match := _OPEN.match(raw):
            first, last = day_span(match[2], today)
            return {
                "since": (first, None),
                "from": (first, None),
                "after": (last + timedelta(days=1), None),
                "before": (None, first - timedelta(days=1)),
            }.get(match[1], (None, last))
        else:
            start, end = day_span(raw, today)
    except ValidationError:
        raise ValidationError(f"could not read the dates {text.strip()!r}; {RANGE_HINT}") from None
    if start > end:
        raise ValidationError(f"the dates {text.strip()!r} start ({start}) after they end ({end})")
    return start, end


# --------------------------------------------------------------------------- the filter

MOOD_RANGES: dict[str, tuple[int, int]] = {"any": (1, 5), "low": (1, 2), "okay": (3, 3), "good": (4, 5)}
"""The mood bands a filter can ask for, by name, with their lowest and highest mood."""


def _terms(values: Iterable[str]) -> tuple[str, ...]:
    """Comma-separated tag words, trimmed and case-folded, blanks dropped."""
    return tuple(part.casefold() for part in split_tags(values))


@dataclass(frozen=True)
class HistoryFilter:
    """What the person asked to see. Rounds carry no mood or tags, so those filters hide them.

    The text and tags are read as typed: surrounding blanks are dropped, case
    is ignored, and a tag may hold several words separated by commas (each
    must match). ``mood`` is a key of :data:`MOOD_RANGES`.
    """

    text: str = ""
    """Words to find in a note, a tag, a company, a role or a round's notes."""
    mood: str = "any"
    tags: tuple[str, ...] = ()
    """Each must be part of one of a check-in's feelings or activities."""
    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.mood not in MOOD_RANGES:
            raise ValidationError(f"unknown mood filter {self.mood!r}: use one of {', '.join(MOOD_RANGES)}")
        object.__setattr__(self, "text", self.text.strip().casefold())
        object.__setattr__(self, "tags", _terms(self.tags))

    def _in_dates(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def wants_checkin(self, checkin: CheckIn) -> bool:
        """True when ``checkin`` passes every part of the filter."""
        low, high = MOOD_RANGES[self.mood]
        if not (low <= checkin.mood <= high and self._in_dates(checkin.day)):
            return False
        own = (*checkin.feelings, *checkin.activities)
        if any(not any(tag in t for t in own) for tag in self.tags):
            return False
        haystack = "\n".join((checkin.note, *own)).casefold()
        return not self.text or self.text in haystack

    def wants_round(self, rnd: Round, application: Application | None) -> bool:
        """True when ``rnd`` passes: never with a mood or tag filter, since rounds have neither."""
        if self.mood != "any" or self.tags or not self._in_dates(rnd.day):
            return False
        if not self.text:
            return True
        parts = [rnd.stage.label, rnd.outcome.label, rnd.feedback, rnd.went_well, rnd.to_improve, rnd.lesson]
        if application is not None:
            parts += [application.company, application.role]
        return self.text in "\n".join(parts).casefold()


def moment(entry: CheckIn | Round) -> datetime:
    """When an entry happened: a check-in's timestamp, a round's date and time."""
    return entry.timestamp if isinstance(entry, CheckIn) else entry.when


def _newest_first(entry: CheckIn | Round) -> tuple[datetime, str]:
    # Entries at the same moment go by id, so the order never depends on how they were stored.
    return moment(entry), entry.id


def checkins(snapshot: Snapshot, wanted: HistoryFilter) -> list[CheckIn]:
    """The check-ins ``wanted`` lets through, newest first (``rebound-tui checkin list``)."""
    return sorted((c for c in snapshot.checkins if wanted.wants_checkin(c)), key=_newest_first, reverse=True)


def timeline(snapshot: Snapshot, wanted: HistoryFilter) -> list[CheckIn | Round]:
    """The check-ins and rounds ``wanted`` lets through, newest first (the History screen)."""
    apps = {a.id: a for a in snapshot.applications}
    entries: list[CheckIn | Round] = [c for c in snapshot.checkins if wanted.wants_checkin(c)]
    entries += [r for r in snapshot.rounds if wanted.wants_round(r, apps.get(r.application_id))]
    entries.sort(key=_newest_first, reverse=True)
    return entries
