"""The Markdown journal: by month, then by day, check-ins (feelings, notes) and interviews (reflections).

Pauses and the weekly review's notes for a week (keep, try) open the month they start in.
"""

from __future__ import annotations

from datetime import date, datetime

from rebound_tui.core.models import (
    ENERGY,
    MOODS,
    RATING_DIMENSIONS,
    Application,
    CheckIn,
    Round,
    Snapshot,
    WeekNote,
)
from rebound_tui.core.text import visible


def _quote(text: str, indent: str) -> list[str]:
    return [f"{indent}> {line}".rstrip() for line in text.strip("\n").splitlines()]


def _checkin_md(checkin: CheckIn) -> list[str]:
    head = f"- **{checkin.timestamp:%H:%M}** check-in: {MOODS[checkin.mood]} ({checkin.mood}/5)"
    if checkin.energy is not None:
        head += f", energy {ENERGY[checkin.energy]} ({checkin.energy}/5)"
    lines = [head]
    if checkin.feelings:
        lines.append(f"  - Feelings: {', '.join(checkin.feelings)}")
    if checkin.activities:
        lines.append(f"  - Did: {', '.join(checkin.activities)}")
    if checkin.note.strip():
        lines += ["", *_quote(checkin.note, "  ")]
    return lines


def _round_md(rnd: Round, app: Application | None) -> list[str]:
    where = f" at {app.company} ({app.role})" if app else ""
    lines = [f"- **{rnd.when:%H:%M}** interview: {rnd.stage.label}{where}, {rnd.outcome.label}"]
    if rnd.ratings:
        ratings = ", ".join(f"{RATING_DIMENSIONS[k]} {v}/5" for k, v in rnd.ratings.items())
        lines.append(f"  - Self-ratings: {ratings}")
    if rnd.factors:
        lines.append(f"  - Outside my control: {', '.join(f.label for f in rnd.factors)}")
    if rnd.follow_up:
        lines.append(f"  - Follow up on {rnd.follow_up:%a %d %b %Y}")
    for title, text in rnd.written_notes():
        lines += [f"  - {title}:", "", *_quote(text, "    "), ""]
    while lines[-1] == "":
        lines.pop()
    return lines


def _week_note_md(note: WeekNote) -> list[str]:
    lines = [f"- For the week of {note.week:%a %d %b %Y}:"]
    for title, text in (("To keep", note.keep), ("To try", note.try_next)):
        if text.strip():
            lines += [f"  - {title}:", "", *_quote(text, "    "), ""]
    while lines[-1] == "":
        lines.pop()
    return lines


def export_markdown(snapshot: Snapshot) -> str:
    """A journal to read: by month, then by day, check-ins (feelings, notes) and interviews (reflections)."""
    apps = {a.id: a for a in snapshot.applications}
    entries: list[tuple[datetime, int, list[str]]] = []
    for checkin in snapshot.checkins:
        entries.append((checkin.timestamp, 0, _checkin_md(checkin)))
    for rnd in snapshot.rounds:
        entries.append((rnd.when, 1, _round_md(rnd, apps.get(rnd.application_id))))
    # What opens a month: its pauses (one line each), then its week notes (a block each).
    openings: dict[tuple[int, int], list[str]] = {}
    for rest in snapshot.rest_days:
        note = f": {rest.note}" if rest.note.strip() else ""
        openings.setdefault((rest.start.year, rest.start.month), []).append(
            f"- Pause from {rest.start:%a %d %b} to {rest.end:%a %d %b %Y}{note}"
        )
    for week_note in sorted(snapshot.week_notes, key=lambda n: n.week):
        if week_note.keep.strip() or week_note.try_next.strip():
            opening = openings.setdefault((week_note.week.year, week_note.week.month), [])
            opening += ["", *_week_note_md(week_note)] if opening else _week_note_md(week_note)
    out = ["# rebound-tui journal", ""]
    if not entries and not openings:
        return "\n".join([*out, "Nothing logged yet.", ""])
    # Each entry is shown at its own local time, as it was logged.
    entries.sort(key=lambda e: (e[0].replace(tzinfo=None), e[1]))
    months = sorted({(e[0].year, e[0].month) for e in entries} | openings.keys())
    by_month: dict[tuple[int, int], list[tuple[datetime, int, list[str]]]] = {m: [] for m in months}
    for entry in entries:
        by_month[(entry[0].year, entry[0].month)].append(entry)
    for month in months:
        out += [f"## {date(month[0], month[1], 1):%B %Y}", ""]
        if month in openings:
            out += [*openings[month], ""]
        current_day: date | None = None
        for moment, _, lines in by_month[month]:
            if moment.date() != current_day:
                current_day = moment.date()
                out += [f"### {current_day:%A} {current_day.day} {current_day:%B}", ""]
            out += [*lines, ""]
    # Escape sequences and bidi controls in notes are shown, never run: it may be printed to a terminal.
    return visible("\n".join(out))
