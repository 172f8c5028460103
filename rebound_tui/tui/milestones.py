"""Moments that deserve more than "Saved.": the words after a save, read from the data as saved.

Pure functions of the snapshot (no Textual, no store), so each rule is tested
on its own: an offer, a first interview, the tenth application, a streak kept
through a hard week, and the plain line for every other round. The voice is
the product's: warm, about what the person did, never about luck or others.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rebound_tui.core.models import Application, Outcome, Round, Snapshot, Stage
from rebound_tui.core.wording import round_noun

APPLICATION_COUNTS = {
    1: "Your first application is in. Starting is often the hardest part.",
    10: "That's your tenth application. Ten times you put yourself forward; that takes something.",
    25: "Twenty-five applications. That is a lot of showing up, and it counts whatever comes back.",
    50: "Fifty applications. Keep the days kind to yourself too; you have earned some rest.",
    100: "A hundred applications. Few people keep going this long; you did.",
}
"""Counts of applications worth a word of their own, with that word."""

STREAK_STEP = 7
"""A streak is marked every this many days when the week behind it was hard."""
LOW_MOOD = 2
"""A check-in at or below this mood makes a day hard."""
HARD_WEEK_LOW_DAYS = 2
"""A week with this many low days (or a setback) was a hard one."""


@dataclass(frozen=True)
class Milestone:
    """What to say: a title and words for a dialog (an offer), or one line for a toast."""

    title: str
    words: str
    dialog: bool = False


def round_saved(rnd: Round, application: Application | None) -> str:
    """The plain line after a round is logged: "Saved the phone screen with Fernway."."""
    with_whom = f" with {application.company}" if application else ""
    if rnd.stage is Stage.APPLIED:
        return f"Saved: applied{' to ' + application.company if application else ''}."
    return f"Saved the {round_noun(rnd.stage)}{with_whom}."


def after_round(snapshot: Snapshot, rnd: Round, before: Round | None = None) -> Milestone | None:
    """A milestone reached by saving ``rnd`` (``before``: the round as it was, for an edit).

    An offer (newly an offer), else the first interview ever logged (a stage past
    applying, new). None for every other round.
    """
    app = snapshot.application(rnd.application_id)
    company = app.company if app else "them"
    if rnd.outcome is Outcome.OFFER and (before is None or before.outcome is not Outcome.OFFER):
        return Milestone(
            f"An offer from {company}.",
            "After everything this search has asked of you, this one is yours. "
            "Take a moment with it before deciding anything; you got here by keeping going.",
            dialog=True,
        )
    if before is None and rnd.stage is not Stage.APPLIED:
        interviews = [r for r in snapshot.rounds if r.stage is not Stage.APPLIED]
        if [r.id for r in interviews] == [rnd.id]:
            return Milestone(
                "Your first interview",
                f"Your first interview is logged ({round_noun(rnd.stage)} with {company}). "
                "Getting a conversation is a step forward, whatever comes of it.",
            )
    return None


def after_application(snapshot: Snapshot) -> Milestone | None:
    """A count of applications worth marking, reached with the one just added."""
    words = APPLICATION_COUNTS.get(len(snapshot.applications))
    return Milestone("Applications", words) if words else None


def hard_week(snapshot: Snapshot, today: date) -> bool:
    """The last seven days held a setback, or low moods on at least HARD_WEEK_LOW_DAYS days."""
    start = today - timedelta(days=6)
    if any(r.outcome.is_setback and start <= r.day <= today for r in snapshot.rounds):
        return True
    low_days = {c.day for c in snapshot.checkins if c.mood <= LOW_MOOD and start <= c.day <= today}
    return len(low_days) >= HARD_WEEK_LOW_DAYS


def after_checkin(snapshot: Snapshot, streak: int, today: date) -> Milestone | None:
    """A streak of whole weeks kept through a hard week: said once, at the day's first check-in."""
    if streak < STREAK_STEP or streak % STREAK_STEP or not hard_week(snapshot, today):
        return None
    if sum(c.day == today for c in snapshot.checkins) > 1:
        return None  # said already today
    return Milestone(
        "Kept through a hard week",
        f"{streak} days in a row, through a hard week. "
        "Showing up when it is hard is what resilience looks like.",
    )
