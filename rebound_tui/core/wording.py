"""The words around figures and care: one definition, so the TUI and the CLI say the same thing.

Numbers and day counts (one format: '3,650', '2.5 days'), shares ('4 of 10
(40%)', never a percentage under three cases), day names, how the mood after
a setback compares with before, the score card's words, what is said when a
rejection or a ghosting is logged, and a round's stage as a noun in a
sentence. The patterns, the rebound table and the funnel are put together in
:mod:`rebound_tui.core.patterns`. Every screen and command that shows one of
these asks here, so a figure cannot be worded one way in the app and another
way by ``rebound-tui stats``.

Pure functions of their arguments; this module imports no UI library and
nothing heavier than the models, because the quick check-in uses it too.
"""

from __future__ import annotations

from datetime import date

from rebound_tui.core.models import Outcome, Stage

NO_FIGURE = "–"
"""What stands where a figure does not apply yet (an en dash)."""

SAME_MOOD_BAND = 0.05
"""Mood changes smaller than this (in mood points) read as 'about the same'."""


# --------------------------------------------------------------------------- day counts and day names


def number(value: float) -> str:
    """A count or a figure the one way it is written everywhere: '3,650', '2.5', '1,234.5'.

    Whole numbers with thousands separators (never '1e+06'); fractions as short as
    they go, to one decimal at most.
    """
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}".rstrip("0").rstrip(".")


def count_words(count: int, word: str) -> str:
    """'1 setback', '3 setbacks', '1,200 setbacks' (a plural made with an s)."""
    return f"{number(count)} {word}" if count == 1 else f"{number(count)} {word}s"


def days_word(value: float | None, missing: str = NO_FIGURE) -> str:
    """'1 day', '3 days', '2.5 days', '3,232 days'; ``missing`` when there is no figure."""
    if value is None:
        return missing
    return f"{number(value)} day" if value == 1 else f"{number(value)} days"


MIN_SAMPLE = 3
"""Fewest cases behind a percentage; under it a share is shown as a count only."""


def share_words(part: int, whole: int) -> str:
    """'2 of 2' under :data:`MIN_SAMPLE` cases, '4 of 10 (40%)' from it on, 'none yet' for none."""
    if whole == 0:
        return "none yet"
    if whole < MIN_SAMPLE:
        return f"{number(part)} of {number(whole)}"
    return f"{number(part)} of {number(whole)} ({part / whole:.0%})"


def week_words(done: int, target: int) -> str:
    """This week's job-search actions against its target, kindly: an empty or paused week is never "0 of 3".

    ``target`` is this week's (lowered for rest days; 0 for a week of rest).
    """
    if target <= 0:
        return "This week is a planned pause: rest is part of the work too."
    if done >= target:
        actions = count_words(done, "job-search action")
        return f"This week: {actions}, your target of {number(target)} met. Well done."
    if done == 0:
        return (
            "Nothing logged this week yet: applying, interviews, practice and networking all count"
            f" (target {number(target)})."
        )
    return f"This week so far: {number(done)} of {number(target)} job-search actions."


def table_day(day: date, today: date) -> str:
    """'Fri 27 Nov' this year (the day of the month padded, so a column lines up), ISO before."""
    return f"{day:%a} {day.day:>2} {day:%b}" if day.year == today.year else day.isoformat()


def human_day(day: date, today: date) -> str:
    """'today', 'yesterday', 'tomorrow', else 'Fri 27 Nov' (with the year when it is not this one)."""
    delta = (today - day).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if delta == -1:
        return "tomorrow"
    return f"{day:%a} {day.day} {day:%b}" + ("" if day.year == today.year else f" {day.year}")


# --------------------------------------------------------------------------- mood after a setback


def mood_change(dip: float) -> str:
    """How the mood after a setback compares with before: '0.3 lower than before', '0.3 higher ...'.

    ``dip`` is the baseline minus the mood after (metrics' ``mood_dip``), so a
    positive dip is a lower mood. Changes under 0.05 read 'about the same as before'.
    """
    if abs(dip) < SAME_MOOD_BAND:
        return "about the same as before"
    if dip > 0:
        return f"{dip:.1f} lower than before"
    return f"{-dip:.1f} higher than before"


# --------------------------------------------------------------------------- the score

SCORE_WORDS = {
    "new": "just getting started",
    "rising": "rising as you keep showing up",
    "steady": "holding steady",
    "easing": "easing a little; it comes back as you show up",
}
"""What the score card says, from the score's actual trend over the last week (metrics.score_trend)."""


def score_words(trend: str) -> str:
    """'rising as you keep showing up', 'holding steady', ...: ``metrics.score_trend`` in words."""
    return SCORE_WORDS[trend]


# --------------------------------------------------------------------------- after a setback


def setback_message(outcome: Outcome, company: str | None = None, *, in_app: bool = False) -> str:
    """What is said when a rejection or a ghosting is logged.

    Args:
        outcome: the round's outcome (rejected or ghosted).
        company: the application's company, named in the app.
        in_app: True for the app's dialog, which shows a tip and offers to
            reflect right away; False for the command line, which points to
            the app for the reflection.
    """
    if in_app:
        return (
            f"A 'no' from {company or 'them'} is one match at one moment, not a measure of your worth. "
            "Many reasons sit where you can't see them. Let yourself feel it; then, when you are "
            "ready, keep what this round taught you."
        )
    if outcome is Outcome.GHOSTED:
        return (
            "Silence says more about their process than about you. When you're ready, "
            "open rebound-tui to reflect on what went well."
        )
    return (
        "A 'no' is one match at one moment, not a verdict on you. Be gentle with yourself today; "
        "when you're ready, open rebound-tui to reflect on what went well."
    )


# --------------------------------------------------------------------------- rounds

ROUND_NOUNS = {
    Stage.TECHNICAL: "technical interview",
    Stage.TAKE_HOME: "take-home task",
    Stage.ONSITE: "onsite/final round",
}
"""Stages whose label alone is not a noun in a sentence ("Saved the technical")."""


def round_noun(stage: Stage) -> str:
    """A stage as a thing one did: "phone screen", "technical interview"."""
    return ROUND_NOUNS.get(stage, stage.label)
