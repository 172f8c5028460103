"""Managing applications: latest activity, the next step, quiet ones, and how one is closed.

Pure rules on the records (no UI library, no storage): the Interviews screen and
``rebound-tui interview`` both ask here, so they order, close and offer the same
way.

- *Latest activity* is the day of the application's latest round, or the day it
  happened when that is later (never the day it was typed in when it has a day
  of its own): the list is sorted by it.
- The *next step* is the earliest round still to come or follow-up not yet past.
- An application is *quiet* when it is still open (active, not archived), nothing
  is planned (no round to come, no follow-up from today on), and nothing has
  happened for ``settings.quiet_days`` days. Each quiet application is offered
  once (``quiet_offer_made``) to be marked ghosted or given a follow-up date,
  and no more than one offer is made a day, so a long list never turns into nagging.
- Closing an application (withdrawn, or ghosted from the quiet offer) sets the
  outcome of its latest round when that round is still pending. Otherwise (no
  round, or the latest already has an outcome, which the figures keep) a closing
  round is added at the 'applied' stage: that stage is the application itself,
  so the closing round adds no interview to the figures and no stage to the
  funnel; the application's own day is fixed first so the new round cannot move it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from rebound_tui.core.models import (
    Application,
    AppStatus,
    Outcome,
    Round,
    Snapshot,
    Stage,
    application_status,
    applied_day,
)
from rebound_tui.core.wording import days_word, human_day

CLOSING_OUTCOMES = frozenset({Outcome.WITHDREW, Outcome.GHOSTED})
"""Outcomes an application can be closed with from the list (the others are logged with a round)."""


def latest_activity(application: Application, rounds: Iterable[Round]) -> date:
    """The day of the latest thing that happened to ``application``: its latest round, or its own day."""
    rounds = tuple(rounds)
    days = [applied_day(application, rounds), *(r.day for r in rounds)]
    return max(days)


def by_latest_activity(snapshot: Snapshot) -> list[Application]:
    """Every application, the one with the latest activity first (ties: the latest typed in first)."""
    rounds: dict[str, list[Round]] = {}
    for rnd in snapshot.rounds:
        rounds.setdefault(rnd.application_id, []).append(rnd)

    def key(app: Application) -> tuple[date, datetime, datetime, str]:
        theirs = rounds.get(app.id, [])
        latest_when = max((r.when for r in theirs), default=app.created)
        return latest_activity(app, theirs), latest_when, app.created, app.id

    return sorted(snapshot.applications, key=key, reverse=True)


@dataclass(frozen=True)
class NextStep:
    """What comes next for an application: a round still to come, or a follow-up."""

    day: date
    what: str
    """'technical', 'follow up'."""

    def words(self, today: date) -> str:
        """'technical tomorrow', 'follow up Thu 3 Dec'."""
        return f"{self.what} {human_day(self.day, today)}"


def next_step(rounds: Iterable[Round], now: datetime) -> NextStep | None:
    """The earliest round after ``now`` or follow-up from today on; None when nothing is planned."""
    today = now.date()
    steps: list[tuple[date, int, str]] = []
    for rnd in rounds:
        if rnd.when > now:
            steps.append((rnd.day, 0, rnd.stage.label))
        if rnd.follow_up is not None and rnd.follow_up >= today:
            steps.append((rnd.follow_up, 1, "follow up"))
    if not steps:
        return None
    day, _, what = min(steps)
    return NextStep(day, what)


@dataclass(frozen=True)
class QuietApplication:
    """An open application with no news for a while, not offered yet."""

    application: Application
    last_news: date
    days: int

    def offer_words(self) -> str:
        """The kind words of the offer: what is known, that it is common, and what could help."""
        app = self.application
        return (
            f"No news from {app.company} ({app.role}) for {days_word(self.days)}. "
            "Long silences are common in hiring and say nothing about you. "
            "Would it help to mark it as ghosted and let it rest, or to set a day to follow up?"
        )


def quiet_applications(snapshot: Snapshot, today: date) -> list[QuietApplication]:
    """Open applications with no news for ``settings.quiet_days`` days and no offer made yet.

    Open: active (no outcome that closed it) and not archived. Nothing planned: no
    round after today and no follow-up from today on. The most recently quiet first.
    """
    wanted = snapshot.settings.quiet_days
    rounds: dict[str, list[Round]] = {}
    for rnd in snapshot.rounds:
        rounds.setdefault(rnd.application_id, []).append(rnd)
    found = []
    for app in snapshot.applications:
        if app.archived is not None or app.quiet_offer_made is not None:
            continue
        theirs = rounds.get(app.id, [])
        if application_status(theirs) is not AppStatus.ACTIVE:
            continue
        if any(r.day > today or (r.follow_up is not None and r.follow_up >= today) for r in theirs):
            continue
        last = latest_activity(app, theirs)
        days = (today - last).days
        if days >= wanted:
            found.append(QuietApplication(app, last, days))
    found.sort(key=lambda q: (q.days, q.application.company.casefold(), q.application.id))
    return found


def quiet_offer_due(snapshot: Snapshot, today: date) -> QuietApplication | None:
    """The quiet application to offer today, if any: none once an offer was made today."""
    if any(app.quiet_offer_made == today for app in snapshot.applications):
        return None
    quiet = quiet_applications(snapshot, today)
    return quiet[0] if quiet else None


@dataclass(frozen=True)
class Closing:
    """What closes an application: the round to save and, if its day had to be fixed, the application."""

    round: Round
    new_round: bool
    application: Application | None = None
    """The application with ``applied_on`` fixed (None when it needs no change)."""


def closing(application: Application, rounds: Iterable[Round], outcome: Outcome, now: datetime) -> Closing:
    """How to close ``application`` with ``outcome`` (withdrew, ghosted) at ``now`` (see above).

    Raises:
        ValueError: ``outcome`` does not close an application.
    """
    if outcome not in CLOSING_OUTCOMES:
        raise ValueError(f"{outcome.value} does not close an application")
    ordered = sorted(rounds, key=lambda r: (r.when, r.created))
    latest = ordered[-1] if ordered else None
    if latest is not None and latest.outcome is Outcome.PENDING:
        return Closing(latest.touched(now, outcome=outcome), new_round=False)
    fixed = None
    if application.applied_on is None:
        fixed = application.touched(now, applied_on=applied_day(application, ordered))
    when = max(now, latest.when) if latest is not None else now
    rnd = Round.new(application.id, Stage.APPLIED, when=when, outcome=outcome, now=now)
    return Closing(rnd, new_round=True, application=fixed)


def follow_up_round(application: Application, rounds: Iterable[Round], day: date, now: datetime) -> Round:
    """The round that carries a follow-up on ``day``: the latest round, or a first 'applied' round.

    The first round is dated on the application's own day, so it adds nothing to
    the figures: the 'applied' stage is the application itself.
    """
    ordered = sorted(rounds, key=lambda r: (r.when, r.created))
    if ordered:
        return ordered[-1].touched(now, follow_up=day)
    own_day = applied_day(application, ())
    when = (
        application.created if own_day == application.created.date() else datetime.combine(own_day, time(9))
    )
    if when.tzinfo is None:
        when = when.replace(tzinfo=now.tzinfo)
    return Round.new(application.id, Stage.APPLIED, when=when, follow_up=day, now=now)
