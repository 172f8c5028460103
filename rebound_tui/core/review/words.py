"""A review in words: sections of plain sentences, then as text, Markdown or JSON.

One wording for the app's Review mode and ``rebound-tui review``. The rules:
plain words, never a grade; an empty week or a pause is said kindly and never
as "0 of 3"; counts and days are worded by :mod:`rebound_tui.core.wording`.

What a report holds is chosen by :class:`Privacy`: by default the figures,
companies, roles, stages and lessons, and not the check-in notes nor the
feelings. Text written by the person goes through one function per format
(``user``), so a note can neither move the terminal (control characters are
made visible) nor turn into Markdown (headings, links, HTML are escaped).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from rebound_tui.core.models import MOODS, WeekNote
from rebound_tui.core.review.build import Review
from rebound_tui.core.text import escape_for_json, one_line, visible
from rebound_tui.core.wording import count_words, days_word, number

BlockKind = Literal["p", "li", "quote"]
Block = tuple[BlockKind, str]
"""A paragraph, a list item, or the person's own words quoted under the item before."""


@dataclass(frozen=True)
class Privacy:
    """What a report holds besides the figures. The defaults are what a coach would see."""

    notes: bool = False
    """Check-in notes."""
    feelings: bool = False
    """The feelings named in check-ins."""
    companies: bool = True
    """Companies and roles (stages and outcomes always show)."""
    lessons: bool = True
    """Lessons written in reflections, and the keep/try notes."""
    contacts: bool = True
    links: bool = True

    def left_out(self) -> list[str]:
        """What this report leaves out, in words (said at the end of a shared report)."""
        out = []
        if not self.notes:
            out.append("check-in notes")
        if not self.feelings:
            out.append("feelings")
        if not self.companies:
            out.append("companies and roles")
        if not self.lessons:
            out.append("lessons and plans")
        if self.companies and not self.contacts:
            out.append("contacts")
        if self.companies and not self.links:
            out.append("links")
        return out


@dataclass(frozen=True)
class Section:
    """One part of a review: a title and its blocks."""

    key: str
    title: str
    blocks: tuple[Block, ...]


# --------------------------------------------------------------------------- small words


def _figure(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def mood_words(value: float) -> str:
    """'okay (3.3)': the word of the nearest mood, then the figure."""
    return f"{MOODS[min(5, max(1, int(value + 0.5)))]} ({_figure(value)})"


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def span_words(review: Review) -> str:
    """'Mon 23 Nov – Sun 29 Nov 2026'."""
    start, end = review.period.start, review.period.end
    first = _day(start) + ("" if start.year == end.year else f" {start.year}")
    return f"{first} – {_day(end)} {end.year}"


def title(review: Review) -> str:
    """'Your week: Mon 23 Nov – Sun 29 Nov 2026 (so far)' or 'Looking back: ...' for a span."""
    head = "Your week" if review.period.week else "Looking back"
    return f"{head}: {span_words(review)}" + (" (so far)" if review.running else "")


def _noun(review: Review) -> str:
    if not review.period.week:
        return "in these days"
    return "this week" if review.running else "that week"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- sections


def _felt(review: Review, privacy: Privacy, user: Callable[[str], str]) -> list[Block]:
    moods, noun = review.moods, _noun(review)
    blocks: list[Block] = []
    if review.paused:
        blocks.append(("p", "A pause: rest is part of the work, and nothing was asked of you."))
    if moods.checkins == 0:
        if not review.paused:
            again = "The next one picks the thread back up, whenever you like."
            blocks.append(("p", f"No check-ins {noun}{' yet' if review.running else ''}. {again}"))
    else:
        still = "still " if review.paused else ""
        blocks.append(
            (
                "p",
                f"You {still}checked in on {count_words(moods.days_checked_in, 'day')} "
                f"({count_words(moods.checkins, 'check-in')}).",
            )
        )
        assert moods.lowest is not None and moods.highest is not None and moods.mean is not None
        if moods.lowest == moods.highest:
            blocks.append(("p", f"Your mood was {mood_words(moods.lowest)}."))
        else:
            blocks.append(
                (
                    "p",
                    f"Your days ranged from {mood_words(moods.lowest)} to {mood_words(moods.highest)}, "
                    f"{mood_words(moods.mean)} on average.",
                )
            )
    if review.rest_days and not review.paused:
        verb = "was" if review.rest_days == 1 else "were"
        blocks.append(("p", f"{count_words(review.rest_days, 'rest day')} {verb} part of it."))
    if privacy.feelings and moods.checkins:
        named = ", ".join(f"{user(name)} ({n})" for name, n in moods.feelings)
        blocks.append(("p", f"Feelings you named: {named}." if named else "No feelings named."))
    if privacy.notes and moods.notes:
        blocks.append(("p", "Your notes:"))
        for moment, mood, text in moods.notes:
            blocks.append(("li", f"{_day(moment.date())} {moment:%H:%M}, {MOODS[mood]}:"))
            blocks.append(("quote", user(text)))
    return blocks


def actions_words(review: Review) -> str:
    """The job-search actions against the target, kindly: never '0 of 3'."""
    done, noun = review.done, _noun(review)
    if review.paused:
        if done.actions:
            return (
                f"A pause asks for nothing; you still took {count_words(done.actions, 'job-search action')}."
            )
        return "A pause asks for nothing, and nothing was needed."
    if not review.period.week:
        return (
            f"{_cap(count_words(done.actions, 'job-search action'))} {noun} "
            f"(your weekly target is {number(done.weekly_target)}; for these days it comes to "
            f"{number(done.target)})."
        )
    lowered = ""
    if done.target != done.weekly_target:
        lowered = f" (lowered from {number(done.weekly_target)} for the rest days)"
    target = f"your target of {number(done.target)}{lowered}"
    if done.actions == 0:
        if review.running:
            return f"No job-search actions logged yet {noun}; {target} waits for you."
        return f"No job-search actions logged {noun}. Some weeks go to other things; {target} will keep."
    actions = _cap(count_words(done.actions, "job-search action"))
    if done.actions >= done.target:
        return f"{actions} {noun}: {target} is met."
    if review.running:
        return f"{actions} so far, on the way to {target}."
    return f"{actions} {noun}, toward {target}. Every one of them counts."


def _done(review: Review, privacy: Privacy, user: Callable[[str], str]) -> list[Block]:
    done = review.done
    blocks: list[Block] = [("p", actions_words(review))]
    if done.applications:
        blocks.append(("p", f"Applications: {number(len(done.applications))}"))
        if privacy.companies:
            for app in done.applications:
                item = f"{user(app.company)}, {user(app.role)} ({_day(app.day)})"
                if privacy.links and app.link:
                    item += f"; link: {user(app.link)}"
                if privacy.contacts and app.contact:
                    item += f"; contact: {user(app.contact)}"
                blocks.append(("li", item))
    if done.applied_tagged:
        blocks.append(("p", f"Days you marked 'applied' in a check-in: {number(done.applied_tagged)}"))
    if done.rounds:
        blocks.append(("p", f"Interview rounds: {number(len(done.rounds))}"))
        for rnd in done.rounds:
            where = f" at {user(rnd.company)} ({user(rnd.role)})" if privacy.companies and rnd.company else ""
            blocks.append(("li", f"{_cap(rnd.stage.label)}{where}, {rnd.outcome.label} ({_day(rnd.day)})"))
    if done.interviewed_tagged:
        blocks.append(
            ("p", f"Days you marked 'interviewed' in a check-in: {number(done.interviewed_tagged)}")
        )
    if done.practice_days:
        blocks.append(("p", f"Days you practised: {number(done.practice_days)}"))
    if done.networking_days:
        blocks.append(("p", f"Days you networked: {number(done.networking_days)}"))
    if done.own_tags:
        own = ", ".join(f"{user(tag)} ({count_words(n, 'day')})" for tag, n in done.own_tags)
        blocks.append(("p", f"Your own actions: {own}"))
    return blocks


def _setbacks(review: Review, privacy: Privacy, user: Callable[[str], str]) -> list[Block]:
    if not review.setbacks:
        return [("p", f"No setbacks {_noun(review)}.")]
    blocks: list[Block] = []
    for item in review.setbacks:
        s = item.setback
        where = f" at {user(item.company)} ({user(item.role)})" if privacy.companies and item.company else ""
        words = [f"{_cap(s.stage.label)}{where}: {s.outcome.label} on {_day(s.day)}."]
        if s.bounce_back_days is None:
            words.append("The next step can come when you are ready.")
        else:
            words.append(f"Your next step came {days_word(s.bounce_back_days)} later.")
        if s.rebound == "recovered" and s.rebound_days == 0:
            words.append("Your mood held at its usual level.")
        elif s.rebound == "recovered":
            words.append(f"Your mood was back at its usual level in {days_word(s.rebound_days)}.")
        elif s.rebound == "not-yet":
            words.append("Your mood is still finding its way back; that takes the time it takes.")
        blocks.append(("li", " ".join(words)))
    return blocks


def _lessons(review: Review, privacy: Privacy, user: Callable[[str], str]) -> list[Block]:
    if not review.lessons:
        return [("p", f"No lessons written {_noun(review)}. A line after your next round is plenty.")]
    blocks: list[Block] = []
    for lesson in review.lessons:
        where = f" at {user(lesson.company)}" if privacy.companies and lesson.company else ""
        blocks.append(("li", f"{_cap(lesson.stage.label)}{where} ({_day(lesson.day)}):"))
        blocks.append(("quote", user(lesson.text)))
    return blocks


def _progress(review: Review) -> list[Block]:
    if not review.progress:
        return [
            (
                "p",
                "Nothing to point at this time. Progress often shows only over several weeks; "
                "it will appear here as you keep going.",
            )
        ]
    return [("li", line) for line in review.progress]


def note_blocks(note: WeekNote | None, user: Callable[[str], str]) -> list[Block]:
    """'Keep: ...' and 'Try: ...' of a week note (the parts written)."""
    if note is None:
        return []
    blocks: list[Block] = []
    if note.keep.strip():
        blocks += [("li", "Keep:"), ("quote", user(note.keep))]
    if note.try_next.strip():
        blocks += [("li", "Try:"), ("quote", user(note.try_next))]
    return blocks


NO_NOTE = "One thing to keep and one thing to try: not written yet."


def sections(review: Review, privacy: Privacy, user: Callable[[str], str] = one_line) -> list[Section]:
    """The review's sections in reading order; ``user`` makes the person's text safe for the format."""
    noun = _noun(review)
    out: list[Section] = []
    if privacy.lessons and (planned := note_blocks(review.planned, user)):
        out.append(Section("planned", f"What you planned for {noun.removeprefix('in ')}", tuple(planned)))
    if review.empty and not review.paused and review.running:
        quiet = (
            "Nothing logged yet this week, and that is allowed. One check-in, whenever you like, "
            "is a fine start."
        )
        out.append(Section("felt", "How the days felt", (("p", quiet),)))
    elif review.empty and not review.paused:
        quiet = (
            f"A quiet {'week' if review.period.week else 'stretch'} in your log: nothing was logged, "
            "and that is allowed. A week lived counts whether or not it was written down; "
            "one check-in, whenever you like, is a fine way to pick the thread back up."
        )
        out.append(Section("felt", "How the days felt", (("p", quiet),)))
    else:
        out.append(Section("felt", "How the days felt", tuple(_felt(review, privacy, user))))
        out.append(Section("done", "What you did", tuple(_done(review, privacy, user))))
        out.append(
            Section("setbacks", "Setbacks and how you came back", tuple(_setbacks(review, privacy, user)))
        )
        if privacy.lessons:
            out.append(Section("lessons", "Lessons you wrote", tuple(_lessons(review, privacy, user))))
    out.append(Section("progress", "Progress you might not notice", tuple(_progress(review))))
    if privacy.lessons:
        coming = note_blocks(review.coming, user) or [("p", NO_NOTE)]
        out.append(Section("coming", "For the coming week", tuple(coming)))
    return out


# --------------------------------------------------------------------------- formats


def text_user(text: str) -> str:
    """The person's text for a terminal: control characters visible, kept to its own lines."""
    return visible(text).strip("\n")


def render_text(review: Review, privacy: Privacy, *, hint: str = "") -> str:
    """The review as plain text for a terminal; ``hint`` ends the keep/try part while it is unwritten."""
    head = title(review)
    lines = [head, "=" * len(head)]
    for section in sections(review, privacy, text_user):
        lines += ["", section.title, "-" * len(section.title)]
        for kind, text in section.blocks:
            if kind == "p":
                lines.append(text)
            elif kind == "li":
                lines.append(f"  - {text}")
            else:
                lines += [f"      {line}".rstrip() for line in text.splitlines()]
        if section.key == "coming" and review.coming is None and hint:
            lines.append(hint)
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))", re.MULTILINE)


def md_user(text: str) -> str:
    """The person's text for Markdown: control characters visible, nothing read as Markdown or HTML."""
    safe = _MD_SPECIAL.sub(r"\\\1", visible(text).strip("\n"))
    return _MD_LINE_START.sub(_escape_line_start, safe)


def _escape_line_start(match: re.Match[str]) -> str:
    lead, mark = match.group(1), match.group(2)
    return f"{lead}{mark}\\" if mark[0].isdigit() else f"{lead}\\{mark}"


def render_markdown(review: Review, privacy: Privacy, *, written: date) -> str:
    """The review as Markdown that reads well on its own (for a coach, a mentor or a therapist)."""
    lines = [f"# {title(review)}", ""]
    for section in sections(review, privacy, md_user):
        lines += [f"## {section.title}", ""]
        previous: BlockKind | None = None
        for kind, text in section.blocks:
            if kind == "p":
                if previous is not None:
                    lines.append("")
                lines.append(text)
            elif kind == "li":
                if previous == "p":
                    lines.append("")
                lines.append(f"- {text}")
            else:
                lines += ["", *(f"  > {line}".rstrip() for line in text.splitlines()), ""]
            previous = kind
        while lines[-1] == "":
            lines.pop()
        lines.append("")
    left_out = privacy.left_out()
    lines.append("---")
    lines.append("")
    lines.append(
        f"Written with rebound-tui on {_day(written)} {written.year}. Each thing counts on the day it "
        "happened; a day's mood is the mean of its check-ins, from 1 (awful) to 5 (great)."
    )
    if left_out:
        lines += ["", f"Left out of this report: {', '.join(left_out)}."]
    return "\n".join(lines) + "\n"


def _note_json(note: WeekNote | None) -> dict[str, str] | None:
    return None if note is None else {"week": note.week.isoformat(), "keep": note.keep, "try": note.try_next}


def review_json(review: Review, privacy: Privacy) -> dict[str, Any]:
    """The review as a JSON-ready dict; what ``privacy`` leaves out is not there at all."""
    moods, done = review.moods, review.done

    def named(company: str, role: str) -> dict[str, str]:
        return {"company": company, "role": role} if privacy.companies else {}

    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 3)

    mood: dict[str, Any] = {
        "checkins": moods.checkins,
        "days_checked_in": moods.days_checked_in,
        "lowest": rounded(moods.lowest),
        "highest": rounded(moods.highest),
        "mean": rounded(moods.mean),
    }
    if privacy.feelings:
        mood["feelings"] = dict(moods.feelings)
    if privacy.notes:
        mood["notes"] = [{"at": m.isoformat(), "mood": v, "note": t} for m, v, t in moods.notes]
    applications = []
    for app in done.applications:
        item: dict[str, Any] = {"day": app.day.isoformat(), **named(app.company, app.role)}
        if privacy.companies and privacy.links:
            item["link"] = app.link
        if privacy.companies and privacy.contacts:
            item["contact"] = app.contact
        applications.append(item)
    result: dict[str, Any] = {
        "period": {
            "start": review.period.start.isoformat(),
            "end": review.period.end.isoformat(),
            "week": review.period.week,
            "through": review.through.isoformat(),
            "so_far": review.running,
            "rest_days": review.rest_days,
            "paused": review.paused,
            "empty": review.empty,
        },
        "moods": mood,
        "done": {
            "actions": done.actions,
            "target": done.target,
            "weekly_target": done.weekly_target,
            "words": actions_words(review),
            "applications": applications,
            "applied_tagged_days": done.applied_tagged,
            "rounds": [
                {
                    "day": r.day.isoformat(),
                    "stage": r.stage.value,
                    "outcome": r.outcome.value,
                    **named(r.company, r.role),
                }
                for r in done.rounds
            ],
            "interviewed_tagged_days": done.interviewed_tagged,
            "practice_days": done.practice_days,
            "networking_days": done.networking_days,
            "own_tags": dict(done.own_tags),
        },
        "setbacks": [
            {
                "day": s.setback.day.isoformat(),
                "stage": s.setback.stage.value,
                "outcome": s.setback.outcome.value,
                "bounce_back_days": s.setback.bounce_back_days,
                "rebound": s.setback.rebound,
                "rebound_days": s.setback.rebound_days,
                **named(s.company, s.role),
            }
            for s in review.setbacks
        ],
        "progress": list(review.progress),
        "left_out": privacy.left_out(),
    }
    if privacy.lessons:
        result["lessons"] = [
            {"day": x.day.isoformat(), "stage": x.stage.value, "text": x.text, **named(x.company, x.role)}
            for x in review.lessons
        ]
        result["planned"] = _note_json(review.planned)
        result["coming"] = _note_json(review.coming)
    return result


def render_json(review: Review, privacy: Privacy) -> str:
    """:func:`review_json` as text, with control and bidi characters escaped (safe on a terminal)."""
    return escape_for_json(json.dumps(review_json(review, privacy), ensure_ascii=False, indent=2)) + "\n"
