"""The words around figures and care: one definition, so the TUI and the CLI say the same thing.

Day counts, day names, how the mood after a setback compares with before,
and what is said when a rejection or a ghosting is logged. Every screen and
command that shows one of these asks here, so a figure cannot be worded one
way in the app and another way by ``rebound-tui stats``.

Pure functions of their arguments; this module imports no UI library and
nothing heavier than the models, because the quick check-in uses it too.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rebound_tui.core.models import Outcome

if TYPE_CHECKING:
    from rebound_tui.core.metrics import Score, StageDip

NO_FIGURE = "–"
"""What stands where a figure does not apply yet (an en dash)."""

SAME_MOOD_BAND = 0.05
"""Mood changes smaller than this (in mood points) read as 'about the same'."""


# --------------------------------------------------------------------------- day counts and day names


def _number(value: float) -> str:
    # Whole numbers as they are (never '1e+06'); fractions as short as they go ('2.5').
    return str(value) if isinstance(value, int) else f"{value:g}"


def days_word(value: float | None, missing: str = NO_FIGURE) -> str:
    """'1 day', '3 days', '2.5 days'; ``missing`` when there is no figure."""
    if value is None:
        return missing
    return f"{_number(value)} day" if value == 1 else f"{_number(value)} days"


def days_short(value: float | None) -> str:
    """'3 d' for a narrow column or a figure in a row of figures; '-' when there is none."""
    return "-" if value is None else f"{_number(value)} d"


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


def dip_line(dip: StageDip) -> str:
    """One line on the mood in the week after setbacks at one stage (the Resilience screen)."""
    return (
        f"After a {dip.stage.label} setback, mood over the next week was {mood_change(dip.mean_dip)} "
        f"on average ({dip.setbacks} times)."
    )


# --------------------------------------------------------------------------- the score

SCORE_WORDS = {
    "new": "just getting started",
    "rising": "rising as you keep showing up",
    "steady": "holding steady",
    "easing": "easing a little; it comes back as you show up",
}
"""What the score card says, from the score's actual trend over the last week (metrics.score_trend)."""


def score_words(score: Score) -> str:
    """'rising as you keep showing up', 'holding steady', ...: the score's trend in words."""
    from rebound_tui.core.metrics.score import score_trend  # the metrics import this module's callers

    return SCORE_WORDS[score_trend(score)]


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
