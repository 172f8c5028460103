"""Daylio's CSV export, read as check-ins with stable ids (importing the same file again adds nothing).

Reading is split so that the command can ask about what it found before any
check-in is made:

1. :func:`scan_daylio` reads and checks every row (dates, times, tags, notes)
   and counts the file's mood names and activities;
2. :func:`mood_levels` says which mood names have a level and which still need
   one (every unknown name; every name when the file has its own scale of more
   than five);
3. :func:`build_checkins` makes the check-ins once every name has a level.

:func:`read_daylio` does all three for a caller whose mood map is complete, and
raises :class:`UnknownMoods` (one line naming every missing name with its
count) otherwise.

The rules, stated once:

- Notes: Daylio writes HTML; ``<br>`` (and the end of a paragraph) becomes a
  line break, other tags are dropped, entities (``&amp;``) are decoded, CRLF
  becomes LF.
- Times: each gets this machine's UTC offset on its own date. A time that does
  not exist there (the hour skipped when clocks go forward) moves forward by
  that gap, as clocks do (02:30 becomes 03:30 summer time); a time that occurs
  twice (the hour repeated in autumn) is the first of the two.
- Old layout (``year`` + a ``date`` in words): the language of each row is told
  from its ``weekday`` cell before its month is read, from CLDR's names
  (:mod:`daylio_months`, a generated table); where a month word means different
  months in the languages the weekday allows, the weekday of each reading
  decides.
- Ids: ``uuid5(DAYLIO_NAMESPACE, date+time+mood name+raw note)`` and how many
  identical rows came before, the same as before these rules were added, so
  re-importing a file adds nothing; see :func:`take_corrections` for a re-import
  with a corrected mood map.
"""

from __future__ import annotations

import html
import re
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path

from rebound_tui.core.models import DEFAULT_FEELINGS, MOODS, CheckIn, Snapshot, ValidationError, clean_tag
from rebound_tui.storage.interop.common import (
    AnyRecord,
    Incoming,
    InteropError,
    Progress,
    cell_tags,
    check_width,
    csv_header,
    csv_rows,
    header_delimiter,
    read_text,
)

DAYLIO_MOODS: dict[str, int] = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}
"""Daylio's default mood names and the 1-5 mood each becomes."""

DAYLIO_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/rebound-tui/rebound-tui#daylio")
"""Check-ins from Daylio get ``uuid5(DAYLIO_NAMESPACE, date+time+mood+note)``: the same row, the same id."""

SCALE = ", ".join(f"{n} {w}" for n, w in MOODS.items())
"""'1 awful, 2 low, 3 okay, 4 good, 5 great'."""

_FEELINGS = frozenset(DEFAULT_FEELINGS)
_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")
_DATE_TOKENS = re.compile(r"\d+|[^\W\d_]+")
_CLOCK = re.compile(r"\s*(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?\s*", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>|</p\s*>|</div\s*>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


def parse_mood_map(items: Sequence[str]) -> dict[str, int]:
    """Read ``--mood-map NAME=N`` options (N 1-5) into {name (case-folded): N}."""
    mapping: dict[str, int] = {}
    for item in items:
        name, sep, number = item.rpartition("=")
        name = " ".join(name.split()).casefold()
        if not sep or not name:
            raise ValidationError(f"--mood-map {item!r} must look like NAME=N with N from 1 to 5 ({SCALE})")
        try:
            value = int(number.strip())
        except ValueError:
            value = 0
        if not 1 <= value <= 5:
            raise ValidationError(f"--mood-map {item!r}: N must be from 1 to 5 ({SCALE})")
        mapping[name] = value
    return mapping


def clean_note(text: str) -> str:
    """A Daylio note as plain text: ``<br>`` a line break, tags dropped, entities decoded, LF line ends."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "<" in text:
        text = _TAG.sub("", _BREAK.sub("\n", text))
    if "&" in text:
        text = html.unescape(text)
    return text.strip()


def local_moment(day: date, clock: time) -> datetime:
    """``day`` at ``clock`` with this machine's UTC offset on that date.

    A time in the spring gap (it never shows on the clock there) moves forward by
    the gap, as the clocks do; a time that happens twice in autumn is the first.
    """
    naive = datetime.combine(day, clock)
    moment = naive.astimezone()
    if moment.replace(tzinfo=None) == naive:
        return moment
    # In the gap: read it with the offset in force just before, which lands after the jump.
    before = (naive - timedelta(hours=12)).astimezone().utcoffset() or timedelta(0)
    return (naive - before).replace(tzinfo=UTC).astimezone()


# --------------------------------------------------------------------------- dates in words


def _fold(name: str) -> str:
    text = " ".join(name.split()).casefold()
    return text[:-1] if text.endswith(".") else text


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, str], dict[str, dict[str, int]], dict[str, dict[str, int]]]:
    from rebound_tui.storage.interop import daylio_months

    return daylio_months.LANGUAGES, daylio_months.MONTHS, daylio_months.WEEKDAYS


def known_languages() -> list[str]:
    """The languages whose old-layout dates can be read, by name."""
    return sorted(_names()[0].values())


@lru_cache(maxsize=4096)
def _month_readings(weekday: str, words: tuple[str, ...]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """('', ((month, weekday number), ...)) for a row's weekday and the words of its date, or (reason, ())."""
    languages, months, weekdays = _names()
    if weekday:
        allowed = [code for code, days in weekdays.items() if weekday in days]
        if not allowed:
            return (
                f"the weekday {weekday!r} is not a weekday name in any language rebound-tui knows "
                f"({', '.join(known_languages())}), so its date cannot be read",
                (),
            )
    else:
        allowed = list(months)
    readings = {
        (months[code][word], weekdays[code].get(weekday, -1))
        for code in allowed
        for word in words
        if word in months[code]
    }
    if not readings:
        names = ", ".join(sorted({languages[code] for code in allowed}))
        told = f" (the language of the weekday {weekday!r})" if weekday else ""
        return f"no month name in {names}{told}", ()
    return "", tuple(sorted(readings))


def _old_layout_day(cells: Mapping[str, str], source: str, line: int) -> date:
    year_text = cells["year"].strip()
    text = cells["date"]
    tokens = _DATE_TOKENS.findall(text)
    digits = [t for t in tokens if t.isdigit()]
    words = tuple(_fold(t) for t in tokens if not t.isdigit())
    shown = f"{' '.join(text.split())} {year_text}"
    if (
        len(digits) != 1
        or not words
        or not (year_text.isascii() and year_text.isdigit())
        or len(year_text) > 4
    ):
        raise InteropError(source, line, f"date {shown!r} is not a real date like 2021-05-18 or '18 May'")
    year, day = int(year_text), int(digits[0])
    reason, readings = _month_readings(_fold(cells.get("weekday", "")), words)
    if reason:
        raise InteropError(source, line, f"date {shown!r}: {reason}")
    found: set[int] = set()
    fitting: set[int] = set()
    for month, weekday in readings:
        try:
            candidate = date(year, month, day)
        except (ValueError, OverflowError):
            continue
        found.add(month)
        if weekday == candidate.weekday():
            fitting.add(month)
    chosen = found if len(found) <= 1 else fitting
    if len(chosen) == 1:
        return date(year, chosen.pop(), day)
    if not found:
        raise InteropError(source, line, f"date {shown!r} is not a real date like 2021-05-18 or '18 May'")
    raise InteropError(
        source, line, f"date {shown!r} could be more than one month, and its weekday does not tell which"
    )


def _iso_day(text: str, source: str, line: int) -> date:
    if match := _ISO_DAY.fullmatch(text):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except (ValueError, OverflowError):  # year 0, a day 31 in a 30-day month
            pass
    raise InteropError(source, line, f"date {text.strip()!r} is not a real date like 2021-05-18 or '18 May'")


def _daylio_time(text: str, source: str, line: int) -> time:
    match = _CLOCK.fullmatch(text)
    if match:
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
        half = (match[4] or "").lower()
        if half and 1 <= hour <= 12:
            hour = hour % 12 + (12 if half == "p" else 0)
        elif half:
            hour = 99
        if hour < 24 and minute < 60 and second < 60:
            return time(hour, minute, second)
    raise InteropError(source, line, f"time {text.strip()!r} is not a time like 22:00 or 10:00 pm")


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class DaylioRow:
    """One checked row of a Daylio export, before its mood has a level."""

    line: int
    id: str
    moment: datetime
    mood: str
    """The mood name, case-folded with blanks folded."""
    feelings: tuple[str, ...]
    activities: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class DaylioFile:
    """Every row of a Daylio export, checked, with the file's mood names and activities counted.

    Attributes:
        source: the file as the user named it.
        rows: the rows, in file order.
        moods: mood name (case-folded) -> how many rows have it, most used first.
        spelling: mood name (case-folded) -> the name as the file first writes it.
        activities: activity tag -> how many rows have it, most used first (feelings not included).
    """

    source: str
    rows: tuple[DaylioRow, ...]
    moods: dict[str, int]
    spelling: dict[str, str]
    activities: dict[str, int]

    @property
    def own_scale(self) -> bool:
        """The file uses more mood names than Daylio's five: its own scale, whose levels must be said."""
        return len(self.moods) > len(DAYLIO_MOODS)


def _check_header(header: list[str], source: str) -> None:
    present = set(header)
    if {"id", "timestamp"} <= present:
        raise InteropError(
            source, 1, "this looks like a rebound-tui CSV, not a Daylio export: use --format csv"
        )
    needed = ["full_date"] if "full_date" in present or "year" not in present else ["year", "date"]
    missing = [c for c in (*needed, "time", "mood") if c not in present]
    if missing:
        raise InteropError(
            source,
            1,
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"(a Daylio export starts with full_date,date,weekday,time,mood,activities,... "
            f"with cells separated by commas, tabs or semicolons; this header has {','.join(header)})",
        )


def scan_daylio(path: Path, progress: Progress | None = None) -> DaylioFile:
    """Read and check every row of a Daylio CSV export; moods are counted, not yet scored.

    Columns are found by header name, so every layout Daylio has used works:
    ``full_date`` (or the older ``year`` + ``date`` in words), ``time``,
    ``mood``, ``activities``, ``note_title`` and/or ``note``; others (``weekday``
    but in the old layout, ``scales``) are ignored. Cells may be separated by
    commas, tabs or semicolons (told from the header). Activities that are
    default feelings (tired, hopeful, ...) become feelings, the rest activities.

    Raises:
        InteropError: the first row that cannot be read, with its line.
    """
    source = str(path)
    text = read_text(path)
    delimiter = header_delimiter(text.split("\n", 1)[0])
    rows: Iterator[tuple[int, list[str]]] = csv_rows(text, source, progress, delimiter)
    header = csv_header(rows, source)
    _check_header(header, source)
    old_layout = "full_date" not in header
    width = len(header)
    seen: Counter[str] = Counter()
    moods: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    activity_counts: Counter[str] = Counter()
    found: list[DaylioRow] = []
    for line, row in rows:
        if len(row) != width:
            check_width(row, header, source, line)
        cells = dict(zip(header, row, strict=True))
        day = (
            _old_layout_day(cells, source, line) if old_layout else _iso_day(cells["full_date"], source, line)
        )
        clock = _daylio_time(cells["time"], source, line)
        mood_text = " ".join(cells["mood"].split())
        if not mood_text:
            raise InteropError(source, line, "has no mood")
        mood = mood_text.casefold()
        moods[mood] += 1
        spelling.setdefault(mood, mood_text)
        feelings: list[str] = []
        activities: list[str] = []
        for name in cell_tags(cells.get("activities", "")):
            try:
                tag = clean_tag(name, "activity")
            except ValidationError as exc:
                raise InteropError(source, line, str(exc)) from None
            (feelings if tag in _FEELINGS else activities).append(tag)
        activity_counts.update(dict.fromkeys(activities, 1))
        title, body = cells.get("note_title", ""), cells.get("note", "")
        raw_note = "\n\n".join(part for part in (title.strip(), body.strip()) if part)
        note = "\n\n".join(part for part in (clean_note(title), clean_note(body)) if part)
        name = f"{day.isoformat()}T{clock.isoformat()}|{mood}|{raw_note}"
        repeat = seen[name]
        seen[name] += 1
        key = str(uuid.uuid5(DAYLIO_NAMESPACE, f"{name}|{repeat}" if repeat else name))
        found.append(
            DaylioRow(line, key, local_moment(day, clock), mood, tuple(feelings), tuple(activities), note)
        )
    return DaylioFile(
        source,
        tuple(found),
        dict(moods.most_common()),
        spelling,
        dict(activity_counts.most_common()),
    )


def mood_levels(
    file: DaylioFile, mood_map: Mapping[str, int] | None = None
) -> tuple[dict[str, int], list[str]]:
    """(level of each mood name of the file that has one, names that still need one).

    ``mood_map`` (case-folded names) scores custom names and may re-score the
    defaults. Daylio's default names keep their levels unless the file has its
    own scale (more than five names): then every name must be in ``mood_map``,
    as a default name may sit elsewhere on that scale. Both are in the file's
    order of use, most rows first.
    """
    given = {" ".join(k.split()).casefold(): v for k, v in (mood_map or {}).items()}
    levels: dict[str, int] = {}
    missing: list[str] = []
    for name in file.moods:
        if name in given:
            levels[name] = given[name]
        elif name in DAYLIO_MOODS and not file.own_scale:
            levels[name] = DAYLIO_MOODS[name]
        else:
            missing.append(name)
    return levels, missing


class UnknownMoods(InteropError):
    """Mood names of a Daylio export with no level yet; the message names each with its count."""

    def __init__(self, file: DaylioFile, missing: Sequence[str]) -> None:
        self.names = [(file.spelling[name], file.moods[name]) for name in missing]
        listed = ", ".join(
            f"{spelled!r} ({count:,} row{'s' * (count != 1)})" for spelled, count in self.names
        )
        if file.own_scale:
            reason = (
                f"this file has {len(file.moods)} mood names, its own scale, so each needs a level "
                f"from 1 awful to 5 great; not given yet: {listed}"
            )
        else:
            many = len(self.names) != 1
            reason = (
                f"{len(self.names)} mood name{'s' * many} {'are' if many else 'is'} not one of "
                f"{', '.join(DAYLIO_MOODS)}: {listed}; give {'each' if many else 'it'} a level "
                "from 1 awful to 5 great"
            )
        super().__init__(file.source, None, reason)


def build_checkins(file: DaylioFile, levels: Mapping[str, int]) -> Incoming:
    """The file's rows as check-ins, each mood scored by ``levels`` (every name must have one)."""
    missing = [name for name in file.moods if name not in levels]
    if missing:
        raise UnknownMoods(file, missing)
    records: list[AnyRecord] = []
    origins: dict[str, tuple[str, int | None]] = {}
    for row in file.rows:
        try:
            record = CheckIn(
                id=row.id,
                created=row.moment,
                updated=row.moment,
                timestamp=row.moment,
                mood=levels[row.mood],
                feelings=row.feelings,
                activities=row.activities,
                note=row.note,
            )
        except ValidationError as exc:
            raise InteropError(file.source, row.line, str(exc)) from None
        records.append(record)
        origins[row.id] = (file.source, row.line)
    return Incoming(file.source, tuple(records), origins=origins)


def read_daylio(
    path: Path, mood_map: Mapping[str, int] | None = None, progress: Progress | None = None
) -> Incoming:
    """Read a Daylio CSV export as check-ins (see :func:`scan_daylio` and :func:`mood_levels`).

    Raises:
        InteropError: a row cannot be read; :class:`UnknownMoods` when mood names
            have no level (all of them are named, with their counts).
    """
    file = scan_daylio(path, progress)
    levels, missing = mood_levels(file, mood_map)
    if missing:
        raise UnknownMoods(file, missing)
    return build_checkins(file, levels)


def take_corrections(incoming: Incoming, current: Snapshot, now: datetime) -> tuple[Incoming, frozenset[str]]:
    """Let a re-import correct what an earlier import of the same rows brought in.

    A check-in here with the same id that was never edited here (``updated`` is
    still ``created``) but reads differently now (a corrected mood map, a note
    now cleaned of HTML) takes the file's reading: its ``updated`` becomes
    ``now`` so the merge keeps it. A check-in edited here keeps that edit.
    Returns the new incoming records and the ids of those corrected.
    """
    here = {c.id: c for c in current.checkins}
    corrected: set[str] = set()
    records: list[AnyRecord] = []
    for record in incoming.records:
        ours = here.get(record.id)
        if (
            isinstance(record, CheckIn)
            and ours is not None
            and ours.updated == ours.created
            and ours != record
        ):
            record = replace(record, updated=now)
            corrected.add(record.id)
        records.append(record)
    if not corrected:
        return incoming, frozenset()
    return replace(incoming, records=tuple(records)), frozenset(corrected)
