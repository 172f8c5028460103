"""Daylio's CSV export, read as check-ins with stable ids (importing the same file again adds nothing)."""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from pathlib import Path

from rebound_tui.core.models import DEFAULT_FEELINGS, MOODS, CheckIn, ValidationError, clean_tag
from rebound_tui.storage.interop.common import (
    AnyRecord,
    Incoming,
    InteropError,
    Progress,
    cell_tags,
    check_width,
    csv_header,
    csv_rows,
    read_text,
)

DAYLIO_MOODS: dict[str, int] = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}
"""Daylio's default mood names and the 1-5 mood each becomes."""

DAYLIO_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/rebound-tui/rebound-tui#daylio")
"""Check-ins from Daylio get ``uuid5(DAYLIO_NAMESPACE, date+time+mood+note)``: the same row, the same id."""

_FEELINGS = frozenset(DEFAULT_FEELINGS)
_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(
    (
        *("january", "february", "march", "april", "may", "june"),
        *("july", "august", "september", "october", "november", "december"),
    ),
    1,
):
    _MONTHS[_name] = _MONTHS[_name[:3]] = _number
_MONTHS["sept"] = 9

_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")
_DAY_MONTH = re.compile(r"\s*(\d{1,2})\.?\s+([^\W\d_]+)\.?\s*")
_MONTH_DAY = re.compile(r"\s*([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*")
_CLOCK = re.compile(r"\s*(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?\s*", re.IGNORECASE)


def parse_mood_map(items: Iterable[str]) -> dict[str, int]:
    """Read ``--mood-map NAME=N`` options (N 1-5) into {name (case-folded): N}."""
    mapping: dict[str, int] = {}
    scale = ", ".join(f"{n} {w}" for n, w in MOODS.items())
    for item in items:
        name, sep, number = item.rpartition("=")
        name = " ".join(name.split()).casefold()
        if not sep or not name:
            raise ValidationError(f"--mood-map {item!r} must look like NAME=N with N from 1 to 5 ({scale})")
        try:
            value = int(number.strip())
        except ValueError:
            value = 0
        if not 1 <= value <= 5:
            raise ValidationError(f"--mood-map {item!r}: N must be from 1 to 5 ({scale})")
        mapping[name] = value
    return mapping


def _daylio_day(cells: Mapping[str, str], source: str, line: int) -> date:
    numbers: tuple[int, int, int] | None = None
    if "full_date" in cells:
        text = cells["full_date"]
        if match := _ISO_DAY.fullmatch(text):
            numbers = (int(match[1]), int(match[2]), int(match[3]))
    else:
        # Older exports: a year column and a day like "18 May" or "May 18".
        year = cells["year"].strip()
        text = f"{cells['date'].strip()} {year}"
        day_month = None
        if match := _DAY_MONTH.fullmatch(cells["date"]):
            day_month = (match[1], match[2])
        elif match := _MONTH_DAY.fullmatch(cells["date"]):
            day_month = (match[2], match[1])
        month = _MONTHS.get(day_month[1].lower()) if day_month else None
        if day_month and month and year.isascii() and year.isdigit() and len(year) <= 4:
            numbers = (int(year), month, int(day_month[0]))
    if numbers is not None:
        try:
            return date(*numbers)
        except (ValueError, OverflowError):  # year 0, a day 31 in a 30-day month, a huge number
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


def read_daylio(
    path: Path, mood_map: Mapping[str, int] | None = None, progress: Progress | None = None
) -> Incoming:
    """Read a Daylio CSV export as check-ins.

    Columns are found by header name, so every layout Daylio has used works:
    ``full_date`` (or the older ``year`` + ``date``), ``time``, ``mood``,
    ``activities``, and ``note_title`` and/or ``note``; others (``weekday``,
    ``scales``) are ignored. Moods rad/good/meh/bad/awful become 5..1;
    ``mood_map`` scores custom names (and may re-score the defaults). Activities
    that are default feelings (tired, hopeful, ...) become feelings, the rest
    activities. Each check-in's time gets this machine's UTC offset on that date.

    Ids are UUID5s of (date, time, mood, note) -- and how many identical rows came
    before -- so importing the same export twice adds nothing.
    """
    source = str(path)
    moods = {**DAYLIO_MOODS, **{k.casefold(): v for k, v in (mood_map or {}).items()}}
    rows = csv_rows(read_text(path), source, progress)
    header = csv_header(rows, source)
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
            f"(a Daylio export starts with full_date,date,weekday,time,mood,activities,...; "
            f"this header has {','.join(header)})",
        )
    mood_names = ", ".join(moods)
    seen: Counter[str] = Counter()
    records: list[AnyRecord] = []
    origins: dict[str, tuple[str, int | None]] = {}
    for line, row in rows:
        check_width(row, header, source, line)
        cells = dict(zip(header, row, strict=True))
        day = _daylio_day(cells, source, line)
        clock = _daylio_time(cells["time"], source, line)
        mood_text = " ".join(cells["mood"].split())
        mood = moods.get(mood_text.casefold())
        if mood is None:
            raise InteropError(
                source,
                line,
                f"mood {mood_text!r} is not one of {mood_names} "
                f"(add --mood-map '{mood_text}=N' with N from 1 awful to 5 great)",
            )
        feelings: list[str] = []
        activities: list[str] = []
        for name in cell_tags(cells.get("activities", "")):
            try:
                tag = clean_tag(name, "activity")
            except ValidationError as exc:
                raise InteropError(source, line, str(exc)) from None
            (feelings if tag in _FEELINGS else activities).append(tag)
        note = "\n\n".join(
            part for part in (cells.get("note_title", "").strip(), cells.get("note", "").strip()) if part
        )
        moment = datetime.combine(day, clock).astimezone()
        name = f"{day.isoformat()}T{clock.isoformat()}|{mood_text.casefold()}|{note}"
        repeat = seen[name]
        seen[name] += 1
        key = str(uuid.uuid5(DAYLIO_NAMESPACE, f"{name}|{repeat}" if repeat else name))
        try:
            record = CheckIn(
                id=key,
                created=moment,
                updated=moment,
                timestamp=moment,
                mood=mood,
                feelings=tuple(feelings),
                activities=tuple(activities),
                note=note,
            )
        except ValidationError as exc:
            raise InteropError(source, line, str(exc)) from None
        records.append(record)
        origins[key] = (source, line)
    return Incoming(source, tuple(records), origins=origins)
