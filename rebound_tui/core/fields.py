"""Reading and checking single fields: ids, moments, days, moods, tags and free text.

Each function returns the clean value or raises :class:`ValidationError`
with one line. The records in :mod:`rebound_tui.core.models` are built from
these; the command line and the forms use them directly for one field.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timezone, tzinfo

from rebound_tui.core.vocabulary import (
    ENERGY,
    MAX_SHORT_TEXT,
    MAX_TAG_LENGTH,
    MAX_TEXT_LENGTH,
    MOODS,
    ValidationError,
)

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
    """A new random (version 4) UUID in canonical form."""
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
    if any(ch in text for ch in ",|") or (not text.isprintable() and _has_control(text)):
        raise ValidationError(f"{what} tag {text!r} may not hold commas, '|' or control characters")
    return text


_REFUSED_IN_TAGS = frozenset(("Cc", "Cs", "Zl", "Zp"))
"""Control characters, lone surrogates and line/paragraph separators. Format characters (Cf)
such as the zero-width joiner of 👨‍💻 or 🏳️‍🌈 are part of the text and are kept."""


def _has_control(text: str) -> bool:
    """Whether ``text`` holds a real control character or a bidi override/isolate."""
    import unicodedata

    from rebound_tui.core.text import BIDI_CONTROLS  # only for the rare tag that is not printable

    return any(ch in BIDI_CONTROLS or unicodedata.category(ch) in _REFUSED_IN_TAGS for ch in text)


def clean_tags(tags: Iterable[str], what: str) -> tuple[str, ...]:
    """Clean each tag (see :func:`clean_tag`) and drop repeats, keeping the first order."""
    if not tags:
        return ()
    seen: dict[str, None] = {}
    for tag in tags:
        seen[clean_tag(tag, what)] = None
    cleaned = tuple(seen)
    if len(_TAG_SETS) >= MAX_SHARED_TAG_SETS:
        return cleaned
    return _TAG_SETS.setdefault(cleaned, cleaned)


MAX_SHARED_TAG_SETS = 4096
_TAG_SETS: dict[tuple[str, ...], tuple[str, ...]] = {}
"""One tuple per distinct set of tags: years of check-ins repeat the same few (memory)."""


def text_field(value: object, what: str, limit: int = MAX_TEXT_LENGTH) -> str:
    """Free text up to ``limit`` characters, kept as typed; refuses NUL and text that is not UTF-8."""
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


def required_text(value: object, what: str) -> str:
    """A short text (a company, a role) on one line with blanks folded; refuses an empty one."""
    text = " ".join(text_field(value, what, MAX_SHORT_TEXT).split())
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


_ZONES: dict[tzinfo, tzinfo] = {}
"""One tzinfo per UTC offset: ``fromisoformat`` makes a new one (and its timedelta) for every
timestamp, about 1 MB for ten years of records in a long-running TUI."""


_LAST_READ: list[tuple[str, datetime]] = [("", datetime.min)]
"""The timestamp read last and its text: a record's ``created`` and ``updated`` are often the
same moment, read one after the other; they then share one (immutable) datetime. The pair
is replaced whole, so a reader in another thread sees one pair or the other."""


def parse_timestamp(text: object, what: str = "timestamp") -> datetime:
    """Read an ISO 8601 timestamp that carries a UTC offset."""
    last_text, last_moment = _LAST_READ[0]
    if type(text) is str and text == last_text:
        return last_moment
    moment = _parse_timestamp(text, what)
    if type(text) is str:
        _LAST_READ[0] = (text, moment)
    return moment


def _parse_timestamp(text: object, what: str) -> datetime:
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        raise ValidationError(f"{what} {text!r} is not an ISO 8601 timestamp") from None
    zone = moment.tzinfo
    if zone is None:
        raise ValidationError(f"{what} {text!r} needs a UTC offset")
    shared = _ZONES.setdefault(zone, zone)
    return moment if shared is zone else moment.replace(tzinfo=shared)


def parse_iso_day(text: object, what: str = "date") -> date:
    """Read a stored ISO day (YYYY-MM-DD); for days typed by the user see :mod:`rebound_tui.core.dates`."""
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        raise ValidationError(f"{what} {text!r} is not an ISO date (YYYY-MM-DD)") from None


def iso(moment: datetime) -> str:
    """A moment as stored: ISO 8601 to the second, with its UTC offset."""
    return moment.isoformat(timespec="seconds")
