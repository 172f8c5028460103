"""Follow-ups: which are due, how each is said, and what "done" and "later" change.

A follow-up is a date on a round (``rounds.follow_up``): the day the person
meant to write to the company after that round. It is due from that day on
while the round is still open (pending or advanced) and the application is
not archived. Marking it done clears the date (nothing else is recorded: the
round itself says what happened next); snoozing moves it a few days on.

Pure functions of their arguments; no UI library.
"""

from __future__ import annotations

from datetime import date, timedelta

from rebound_tui.core.models import Application, Outcome, Round, Snapshot, Stage
from rebound_tui.core.wording import human_day

SNOOZE_DAYS = 3
"""Days a snoozed follow-up moves on."""

OPEN_OUTCOMES = (Outcome.PENDING, Outcome.ADVANCED)
"""Outcomes of a round that still wants a follow-up."""


def due_follow_ups(snapshot: Snapshot, today: date) -> list[Round]:
    """Rounds whose follow-up is due on ``today``: the longest waiting first (then by company order).

    A round that is settled (rejected, ghosted, an offer, withdrawn) or belongs to an
    archived application does not ask for a follow-up any more.
    """
    archived = {a.id for a in snapshot.applications if a.archived is not None}
    due = [
        r
        for r in snapshot.rounds
        if r.follow_up is not None
        and r.follow_up <= today
        and r.outcome in OPEN_OUTCOMES
        and r.application_id not in archived
    ]
    return sorted(due, key=lambda r: (r.follow_up or today, r.when, r.id))


def ago(day: date, today: date) -> str:
    """'today', 'yesterday', '5 days ago' within two weeks, 'on Fri 6 Nov' before or after that."""
    delta = (today - day).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if 1 < delta < 14:
        return f"{delta} days ago"
    return f"on {human_day(day, today)}"


def follow_up_line(rnd: Round, application: Application | None, today: date) -> str:
    """One follow-up in plain words: 'Follow up with Acme, Platform Engineer (applied 5 days ago)'.

    When the day planned is not today, it is named too ('planned for Sat 28 Nov'),
    as a fact, never as lateness.
    """
    who = f"{application.company}, {application.role}" if application else "an application"
    happened = ago(rnd.day, today)
    what = f"applied {happened}" if rnd.stage is Stage.APPLIED else f"{rnd.stage.label} {happened}"
    planned = rnd.follow_up
    if planned is not None and planned != today:
        what += f"; planned for {human_day(planned, today)}"
    return f"Follow up with {who} ({what})"


def snoozed_until(today: date, days: int = SNOOZE_DAYS) -> date:
    """The new follow-up day of one snoozed on ``today``."""
    return today + timedelta(days=days)
