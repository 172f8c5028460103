"""Building a weekly review from the records: which days, how they felt, what was done, what came back.

The figures come from the shared metrics, so the review, ``rebound-tui stats``
and the Resilience screen agree on every number:

* job-search actions are :func:`rebound_tui.core.metrics.days.actions_by_day`
  summed over the days of the period (momentum sums the same days), and the
  target is :func:`rebound_tui.core.metrics.week_target`, lowered for rest days
  exactly as momentum lowers it;
* a day's mood is :func:`rebound_tui.core.metrics.days.day_moods` (the mean of
  its check-ins);
* setbacks, bounce-back and rebound are :func:`rebound_tui.core.metrics.setbacks`
  as of today, so a setback of a past week shows how the person came back since.

The breakdown of the actions (applications, rounds, practice, networking, the
person's own tags) follows the rules of ``actions_by_day`` day by day, so its
parts always add up to the total.

Pure functions of their arguments: ``today`` is always passed in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rebound_tui.core.metrics import GROWTH_CHANGE, Setback, setbacks, week_target
from rebound_tui.core.metrics.days import actions_by_day, day_moods, week_start
from rebound_tui.core.models import (
    RATING_DIMENSIONS,
    Outcome,
    RestDay,
    Round,
    Snapshot,
    Stage,
    ValidationError,
    WeekNote,
    applied_day,
)
from rebound_tui.core.timeline import day_span

MONTH_DAYS = 30
"""'More often than last month' compares the 30 days up to the period's end with the 30 before."""

_LAST_WEEK = ("last week", "previous week", "past week")
_NEXT_WEEK = ("next week", "coming week")
_THIS_WEEK = ("this week", "", "now", "today")


# --------------------------------------------------------------------------- the period


@dataclass(frozen=True)
class Period:
    """The days a review looks at, both ends included."""

    start: date
    end: date
    week: bool
    """A whole week as the settings count weeks (from ``first_day_of_week``), not a span typed in."""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1), self.week)

    def next(self) -> Period:
        """The period of the same length just after this one."""
        return Period(self.end + timedelta(days=1), self.end + timedelta(days=self.days), self.week)


def week_of(day: date, first_day_of_week: int) -> Period:
    """The week holding ``day``; weeks start on ``first_day_of_week`` (0 = Monday)."""
    start = date.fromordinal(week_start(day.toordinal(), first_day_of_week))
    return Period(start, start + timedelta(days=6), week=True)


def read_period(
    today: date,
    first_day_of_week: int,
    *,
    week: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Period:
    """The period that ``--week WHEN`` or ``--since WHEN --until WHEN`` names (default: this week).

    WHEN is read with the History screen's grammar (:func:`rebound_tui.core.timeline.day_span`):
    '2026-11-20', 'Nov 20', 'yesterday', '2 weeks ago', 'last monday'; and for ``--week``
    also 'this week' and 'last week'. A week is the one holding the day named (for a
    month or a year, its first day). ``--since`` alone runs to today; ``--until`` alone
    starts a week before it.

    Raises:
        ValidationError: one line, when the text cannot be read, the two are mixed,
            the span is empty or the period has not started yet.
    """
    if week is not None and (since is not None or until is not None):
        raise ValidationError("give either --week or --since/--until, not both")
    if since is None and until is None:
        raw = " ".join((week or "").split()).lower()
        if raw in _THIS_WEEK:
            day = today
        elif raw in _LAST_WEEK:
            day = today - timedelta(days=7)
        elif raw in _NEXT_WEEK:
            day = today + timedelta(days=7)
        else:
            assert week is not None
            day = day_span(week, today, what="--week")[0]
        period = week_of(day, first_day_of_week)
    else:
        end = day_span(until, today, what="--until day")[1] if until else today
        start = day_span(since, today, what="--since day")[0] if since else end - timedelta(days=6)
        if start > end:
            raise ValidationError(f"--since ({start}) is after --until ({end}); no days to look back on")
        aligned = (end - start).days == 6 and week_of(start, first_day_of_week).start == start
        period = Period(start, end, week=aligned)
    if period.start > today:
        raise ValidationError(f"the days from {period.start} have not come yet; a review looks back")
    return period


# --------------------------------------------------------------------------- what a review holds


@dataclass(frozen=True)
class Moods:
    """How the days felt: check-ins kept, the range of day moods, feelings and notes."""

    checkins: int
    days_checked_in: int
    lowest: float | None
    """The lowest day mood (a day's mood is the mean of its check-ins)."""
    highest: float | None
    mean: float | None
    """The mean of the day moods."""
    feelings: tuple[tuple[str, int], ...]
    """Feelings named in the check-ins, most often first, with how many check-ins named them."""
    notes: tuple[tuple[datetime, int, str], ...]
    """Check-in notes (moment, mood, text), in time order."""


@dataclass(frozen=True)
class ApplicationItem:
    """An application sent in the period."""

    day: date
    company: str
    role: str
    link: str
    contact: str


@dataclass(frozen=True)
class RoundItem:
    """An interview round in the period (never an 'applied' round: that is the application)."""

    day: date
    company: str
    role: str
    stage: Stage
    outcome: Outcome


@dataclass(frozen=True)
class Done:
    """What was done: the actions against the target, and what they were."""

    actions: int
    """Job-search actions, as momentum counts them."""
    target: int
    """What the period asked for: the weekly target, lowered for rest days (0 for a pause)."""
    weekly_target: int
    applications: tuple[ApplicationItem, ...]
    applied_tagged: int
    """Days tagged 'applied' in a check-in with no application logged that day (each counts once)."""
    rounds: tuple[RoundItem, ...]
    interviewed_tagged: int
    """Days tagged 'interviewed' with no round logged that day (each counts once)."""
    practice_days: int
    networking_days: int
    own_tags: tuple[tuple[str, int], ...]
    """The person's own action tags, with the days they were used."""


@dataclass(frozen=True)
class SetbackItem:
    """A setback in the period and how the person came back from it (as of today)."""

    setback: Setback
    company: str
    role: str


@dataclass(frozen=True)
class Lesson:
    """A lesson written in the reflection of a round in the period."""

    day: date
    company: str
    role: str
    stage: Stage
    text: str


@dataclass(frozen=True)
class Review:
    """Everything a weekly review says, before it is put in words (see :mod:`.words`)."""

    period: Period
    today: date
    rest_days: int
    """Days of the period inside a pause."""
    moods: Moods
    done: Done
    setbacks: tuple[SetbackItem, ...]
    lessons: tuple[Lesson, ...]
    progress: tuple[str, ...]
    """Progress that is easy to miss, in words (no user text in them)."""
    planned: WeekNote | None = None
    """The note written for this period at the review before it (what to keep, what to try)."""
    coming: WeekNote | None = None
    """The note already written for the week after this period."""

    @property
    def through(self) -> date:
        """The last day counted: the period's end, or today while it runs."""
        return min(self.period.end, self.today)

    @property
    def running(self) -> bool:
        """The period holds today: 'this week so far'."""
        return self.period.holds(self.today)

    @property
    def paused(self) -> bool:
        """Every day of the period is a rest day."""
        return self.rest_days >= self.period.days

    @property
    def empty(self) -> bool:
        """Nothing logged in the period at all."""
        return not (
            self.moods.checkins or self.done.actions or self.done.rounds or self.setbacks or self.lessons
        )

    @property
    def coming_week(self) -> date:
        """The first day of the week a keep/try note written at this review looks ahead to."""
        return self.period.end + timedelta(days=1)


# --------------------------------------------------------------------------- building it


def _rest_days(pauses: Iterable[RestDay], period: Period) -> int:
    covered: set[int] = set()
    first, last = period.start.toordinal(), period.end.toordinal()
    for pause in pauses:
        covered.update(range(max(pause.start.toordinal(), first), min(pause.end.toordinal(), last) + 1))
    return len(covered)


def _moods(snapshot: Snapshot, period: Period, through: date) -> Moods:
    inside = sorted(
        (c for c in snapshot.checkins if period.start <= c.day <= through), key=lambda c: (c.timestamp, c.id)
    )
    by_day = day_moods(inside, through.toordinal())
    values = list(by_day.values())
    feelings = Counter(f for c in inside for f in c.feelings)
    return Moods(
        checkins=len(inside),
        days_checked_in=len(by_day),
        lowest=min(values, default=None),
        highest=max(values, default=None),
        mean=sum(values) / len(values) if values else None,
        feelings=tuple(sorted(feelings.items(), key=lambda kv: (-kv[1], kv[0]))),
        notes=tuple((c.timestamp, c.mood, c.note) for c in inside if c.note.strip()),
    )


def _done(snapshot: Snapshot, period: Period, through: date, rest: int) -> Done:
    first, last = period.start.toordinal(), through.toordinal()
    settings = snapshot.settings
    actions = sum(actions_by_day(snapshot, last, since=first).values())
    rounds_by_app: dict[str, list[Round]] = defaultdict(list)
    for rnd in snapshot.rounds:
        rounds_by_app[rnd.application_id].append(rnd)
    apps = []
    app_days: Counter[date] = Counter()
    for app in snapshot.applications:
        day = applied_day(app, rounds_by_app.get(app.id, ()))
        if period.start <= day <= through:
            apps.append(ApplicationItem(day, app.company, app.role, app.link, app.contact))
            app_days[day] += 1
    names = {a.id: (a.company, a.role) for a in snapshot.applications}
    rounds = []
    round_days: Counter[date] = Counter()
    for rnd in snapshot.rounds:
        if rnd.stage is not Stage.APPLIED and period.start <= rnd.day <= through:
            company, role = names.get(rnd.application_id, ("", ""))
            rounds.append(RoundItem(rnd.day, company, role, rnd.stage, rnd.outcome))
            round_days[rnd.day] += 1
    tags: dict[date, set[str]] = defaultdict(set)
    wanted = settings.job_search_tags
    for checkin in snapshot.checkins:
        if period.start <= checkin.day <= through:
            tags[checkin.day].update(wanted.intersection(checkin.activities))
    own: Counter[str] = Counter()
    for day_tags in tags.values():
        own.update(day_tags - {"applied", "interviewed", "practiced", "networked"})
    return Done(
        actions=actions,
        target=week_target(settings.weekly_target, rest, period.days),
        weekly_target=settings.weekly_target,
        applications=tuple(sorted(apps, key=lambda a: (a.day, a.company.lower(), a.role.lower()))),
        applied_tagged=sum(1 for d, t in tags.items() if "applied" in t and not app_days[d]),
        rounds=tuple(sorted(rounds, key=lambda r: (r.day, r.stage.order, r.company.lower()))),
        interviewed_tagged=sum(1 for d, t in tags.items() if "interviewed" in t and not round_days[d]),
        practice_days=sum(1 for t in tags.values() if "practiced" in t),
        networking_days=sum(1 for t in tags.values() if "networked" in t),
        own_tags=tuple(sorted(own.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def _rating_progress(rounds: Sequence[Round], period: Period, through: date, noun: str) -> list[str]:
    lines = []
    for key, label in RATING_DIMENSIONS.items():
        now = [r.ratings[key] for r in rounds if key in r.ratings and period.start <= r.day <= through]
        before = [r.ratings[key] for r in rounds if key in r.ratings and r.day < period.start]
        if not now or not before:
            continue
        mean_now, mean_before = sum(now) / len(now), sum(before) / len(before)
        if mean_now - mean_before >= GROWTH_CHANGE:
            lines.append(
                f"You rated {label} {_figure(mean_now)} {noun}, up from {_figure(mean_before)} "
                "on average before."
            )
    return lines


def _stage_progress(rounds: Sequence[Round], period: Period, through: date) -> list[str]:
    lines = []
    for stage in Stage:
        if stage is Stage.APPLIED:
            continue
        at_stage = [r.day for r in rounds if r.stage is stage and r.day <= through]
        if not any(period.start <= d for d in at_stage):
            continue
        if not any(d < period.start for d in at_stage):
            lines.append(f"You reached the {stage.label} stage for the first time.")
            continue
        recent = sum(1 for d in at_stage if (through - d).days < MONTH_DAYS)
        before = sum(1 for d in at_stage if MONTH_DAYS <= (through - d).days < 2 * MONTH_DAYS)
        if recent > before:
            lines.append(
                f"You reached the {stage.label} stage {_times(recent)} in the last {MONTH_DAYS} days, "
                f"more often than in the {MONTH_DAYS} days before ({_times(before) if before else 'none'})."
            )
    return lines


def _rebound_progress(found: Sequence[Setback], period: Period) -> list[str]:
    from rebound_tui.core.wording import days_word

    lines = []
    last: int | None = None
    for item in found:  # oldest first
        if item.rebound_days is None:
            continue
        if period.holds(item.day) and last is not None and item.rebound_days < last:
            news = "the silence" if item.outcome is Outcome.GHOSTED else "the no"
            lines.append(
                f"After {news} on {item.day:%a} {item.day.day} {item.day:%b} "
                f"({item.stage.label}), your mood came back in {days_word(item.rebound_days)}; "
                f"the time before, it took {days_word(last)}."
            )
        last = item.rebound_days
    return lines


def _figure(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def build_review(
    snapshot: Snapshot, period: Period, today: date, found: Sequence[Setback] | None = None
) -> Review:
    """The review of ``period`` as of ``today``.

    Args:
        snapshot: every record.
        period: the days to look back on (:func:`week_of`, :func:`read_period`).
        today: the day figures are worked out for (records after it are left out).
        found: the setbacks as of ``today`` if already worked out (the app's report has them).
    """
    through = min(period.end, today)
    rest = _rest_days(snapshot.rest_days, period)
    all_setbacks = tuple(found) if found is not None else setbacks(snapshot, today)
    apps = {a.id: a for a in snapshot.applications}

    def names(application_id: str) -> tuple[str, str]:
        app = apps.get(application_id)
        return (app.company, app.role) if app else ("", "")

    inside = [s for s in all_setbacks if period.start <= s.day <= through]
    rounds = sorted((r for r in snapshot.rounds if r.day <= today), key=lambda r: (r.when, r.id))
    lessons = [
        Lesson(r.day, *names(r.application_id), r.stage, r.lesson)
        for r in rounds
        if period.start <= r.day <= through and r.lesson.strip()
    ]
    noun = ("this week" if period.holds(today) else "that week") if period.week else "in these days"
    progress = [
        *_stage_progress(rounds, period, through),
        *_rating_progress(rounds, period, through, noun),
        *_rebound_progress(all_setbacks, period),
    ]
    notes = {n.week: n for n in snapshot.week_notes}
    return Review(
        period=period,
        today=today,
        rest_days=rest,
        moods=_moods(snapshot, period, through),
        done=_done(snapshot, period, through, rest),
        setbacks=tuple(SetbackItem(s, *names(s.application_id)) for s in inside),
        lessons=tuple(lessons),
        progress=tuple(progress),
        planned=notes.get(period.start),
        coming=notes.get(period.end + timedelta(days=1)),
    )
