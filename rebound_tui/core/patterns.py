"""The words and rows of the figures the Resilience screen and ``rebound-tui stats`` both show.

One source for the patterns (mood after setbacks, reflection habits and moving
forward), the rebound table and the funnel, so the app and the command line
say the same numbers in the same words (a test compares them). The rules:

- a share is never shown as a percentage under three cases (``wording.MIN_SAMPLE``), and
  then always with its count ("4 of 10 (40%)");
- the caveat that patterns do not prove cause is always shown with them;
- counts carry thousands separators, and days are "days", never "d";
- where a figure cannot be worked out, it says "too little data" rather than
  leaving a sum that does not add up.

Pure functions of metrics' figures; no UI library here.
"""

from __future__ import annotations

from collections.abc import Sequence

from rebound_tui.core.metrics import FunnelStage, HabitInsight, Report, StageDip, StageRebound
from rebound_tui.core.models import Stage
from rebound_tui.core.wording import NO_FIGURE, count_words, days_word, mood_change, number, share_words

CAUSE_CAVEAT = "These go together; they do not prove cause. Many reasons for a no are outside your control."
"""Shown with the patterns, always."""

NO_PATTERNS = "Patterns appear as you log and reflect."

REBOUND_COLUMNS: tuple[str, ...] = (
    "Stage",
    "Setbacks",
    "Mood back",
    "Next step",
    "Not yet",
    "Too little data",
)
"""The columns of the rebound table, the same on the Resilience screen and in ``stats``."""

REBOUND_NOTES: tuple[str, ...] = (
    "Mood back: median days until your 3-day mood reached its level of the two weeks before.",
    "Next step: median days to your next job-search action.",
    "Not yet: mood not back yet, and that is okay. Too little data: too few check-ins before.",
)

FUNNEL_COLUMNS: tuple[str, ...] = ("Stage", "Reached", "Went on")
"""The columns of the funnel, the same on the Resilience screen and in ``stats``."""

FUNNEL_NOTE = (
    "Only the stages you logged count: an application that went from applied to an onsite "
    "is not counted under the stages in between. 'Went on' is how many of those reached a later stage."
)
NO_FUNNEL = "Log applications and rounds to see how far they get."


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- patterns


def dip_line(dip: StageDip) -> str:
    """The mood in the week after setbacks at one stage, in words."""
    average = "" if dip.setbacks == 1 else " on average"
    return (
        f"After {count_words(dip.setbacks, 'setback')} at the {dip.stage.label} stage, your mood over "
        f"the next week was {mood_change(dip.mean_dip)}{average}."
    )


def habit_line(habit: HabitInsight) -> str | None:
    """How rounds went with and without one reflection habit (``metrics.habit_summary``); None under
    three decided rounds (``wording.MIN_SAMPLE``)."""
    return habit.summary or None


def pattern_lines(report: Report) -> list[str]:
    """Every pattern line, then the caveat about cause; a gentle line when there is none yet."""
    lines = [dip_line(dip) for dip in report.insights.dips]
    lines.extend(line for habit in report.insights.habits if (line := habit_line(habit)))
    return [*lines, CAUSE_CAVEAT] if lines else [NO_PATTERNS, CAUSE_CAVEAT]


# --------------------------------------------------------------------------- the rebound table


def _median_cell(value: float | None, item: StageRebound) -> str:
    if value is not None:
        return days_word(value)
    return "too little data" if item.too_little_data == item.setbacks else "not yet"


def rebound_rows(report: Report) -> list[tuple[str, ...]]:
    """One row per stage with setbacks, under :data:`REBOUND_COLUMNS`; recovered + not yet + too
    little data always make the setbacks (recovered ones are those with a 'Mood back')."""
    rows: list[tuple[str, ...]] = []
    for item in report.rebound_by_stage:
        rows.append(
            (
                capitalised(item.stage.label),
                number(item.setbacks),
                _median_cell(item.median_rebound_days, item),
                days_word(item.median_bounce_back_days, "not yet"),
                number(item.not_yet),
                number(item.too_little_data),
            )
        )
    return rows


def rebound_summary(report: Report) -> str:
    """'3 setbacks logged. Mood back: median 4 days. Next step: median 2 days.' ('not yet' where none)."""
    if report.median_rebound_days is not None:
        mood = f"median {days_word(report.median_rebound_days)}"
    elif all(s.rebound == "too-little-data" for s in report.setbacks):
        mood = "too little data"
    else:
        mood = "not yet"
    step = (
        "not yet"
        if report.median_bounce_back_days is None
        else f"median {days_word(report.median_bounce_back_days)}"
    )
    return f"{count_words(len(report.setbacks), 'setback')} logged. Mood back: {mood}. Next step: {step}."


# --------------------------------------------------------------------------- the funnel


def funnel_rows(rows: Sequence[FunnelStage]) -> list[tuple[str, str, str]]:
    """One row per logged stage under :data:`FUNNEL_COLUMNS`; the last stage has nothing to go on to."""
    out = []
    for row in rows:
        went_on = NO_FIGURE if row.stage is Stage.OFFER_TALK else share_words(row.went_on, row.reached)
        out.append((capitalised(row.stage.label), number(row.reached), went_on))
    return out
