"""The rules for managing applications: latest activity, next step, quiet ones, closing, follow-ups."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from rebound_tui.core.applications import (
    by_latest_activity,
    closing,
    follow_up_round,
    latest_activity,
    next_step,
    quiet_applications,
    quiet_offer_due,
)
from rebound_tui.core.models import Application, Outcome, Round, Settings, Snapshot, Stage

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=TZ)
TODAY = NOW.date()


def _app(
    company: str = "Acme", *, applied: date | None = None, typed: datetime = NOW, **more: object
) -> Application:
    app = Application.new(company, "Dev", applied_on=applied, now=typed)
    return replace(app, **more) if more else app


def _round(app: Application, day: date, stage: Stage = Stage.APPLIED, **more: object) -> Round:
    when = datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ)
    return Round.new(app.id, stage, when=when, now=NOW, **more)  # type: ignore[arg-type]


def _snap(apps: list[Application], rounds: list[Round], quiet_days: int = 14) -> Snapshot:
    return Snapshot(applications=tuple(apps), rounds=tuple(rounds), settings=Settings(quiet_days=quiet_days))


# --------------------------------------------------------------------------- latest activity


def test_latest_activity_is_the_latest_round_or_the_applied_day_never_the_day_typed_in() -> None:
    """Typed in today, applied 2 Nov, a round on 10 Nov: its latest activity is 10 Nov."""
    app = _app(applied=date(2026, 11, 2))
    assert latest_activity(app, []) == date(2026, 11, 2)
    assert latest_activity(app, [_round(app, date(2026, 11, 10), Stage.TECHNICAL)]) == date(2026, 11, 10)


def test_by_latest_activity_puts_the_most_recent_first() -> None:
    """An application typed in last but applied long ago sorts after one that moved this week."""
    old = _app("Old", applied=date(2026, 10, 1), typed=NOW)
    busy = _app("Busy", applied=date(2026, 11, 1), typed=NOW - timedelta(days=20))
    rounds = [_round(busy, date(2026, 11, 26), Stage.TECHNICAL)]
    assert [a.company for a in by_latest_activity(_snap([old, busy], rounds))] == ["Busy", "Old"]


# --------------------------------------------------------------------------- next step


def test_next_step_is_the_earliest_round_to_come_or_follow_up() -> None:
    """A follow-up on 1 Dec comes before a technical on 3 Dec; past follow-ups are not a next step."""
    app = _app()
    rounds = [
        _round(app, date(2026, 11, 20), follow_up=date(2026, 11, 25)),
        _round(app, date(2026, 12, 3), Stage.TECHNICAL),
        _round(app, date(2026, 11, 21), Stage.PHONE_SCREEN, follow_up=date(2026, 12, 1)),
    ]
    step = next_step(rounds, NOW)
    assert step is not None and (step.day, step.what) == (date(2026, 12, 1), "follow up")
    assert step.words(TODAY) == "follow up Tue 1 Dec"
    assert next_step(rounds[:1], NOW) is None


def test_a_round_later_today_is_a_next_step() -> None:
    """A round at 15:00 today, seen at 10:00, is still to come."""
    app = _app()
    later = Round.new(app.id, Stage.ONSITE, when=NOW + timedelta(hours=5), now=NOW)
    step = next_step([later], NOW)
    assert step is not None and step.words(TODAY) == "onsite/final today"


# --------------------------------------------------------------------------- quiet applications


def test_an_application_with_no_news_for_quiet_days_is_quiet() -> None:
    """Last round 14 days ago (quiet_days 14): quiet, 14 days; 13 days ago: not yet."""
    app = _app()
    quiet = quiet_applications(_snap([app], [_round(app, TODAY - timedelta(days=14))]), TODAY)
    assert [(q.application.id, q.days) for q in quiet] == [(app.id, 14)]
    assert quiet_applications(_snap([app], [_round(app, TODAY - timedelta(days=13))]), TODAY) == []


def test_the_setting_decides_how_long_is_quiet() -> None:
    """With quiet_days 30, 20 days without news is not quiet yet."""
    app = _app()
    snap = _snap([app], [_round(app, TODAY - timedelta(days=20))], quiet_days=30)
    assert quiet_applications(snap, TODAY) == []


def test_an_application_without_rounds_is_quiet_from_its_own_day() -> None:
    """Applied 20 days ago, typed in today, no rounds: 20 days quiet."""
    app = _app(applied=TODAY - timedelta(days=20))
    (quiet,) = quiet_applications(_snap([app], []), TODAY)
    assert quiet.days == 20 and quiet.last_news == TODAY - timedelta(days=20)


@pytest.mark.parametrize(
    "why",
    [
        "offered",
        "archived",
        "rejected",
        "withdrew",
        "offer",
        "round to come",
        "follow-up ahead",
        "follow-up today",
    ],
)
def test_what_keeps_an_application_from_being_quiet(why: str) -> None:
    """Offered once already, archived, closed, or something planned: never offered."""
    app = _app()
    old = TODAY - timedelta(days=40)
    rounds = [_round(app, old)]
    if why == "offered":
        app = replace(app, quiet_offer_made=TODAY - timedelta(days=3))
    elif why == "archived":
        app = replace(app, archived=NOW)
    elif why in ("rejected", "withdrew", "offer"):
        rounds = [_round(app, old, outcome=Outcome(why))]
    elif why == "round to come":
        rounds.append(_round(app, TODAY + timedelta(days=2), Stage.TECHNICAL))
    elif why == "follow-up ahead":
        rounds = [_round(app, old, follow_up=TODAY + timedelta(days=1))]
    else:
        rounds = [_round(app, old, follow_up=TODAY)]
    assert quiet_applications(_snap([app], rounds), TODAY) == []


def test_an_overdue_follow_up_does_not_keep_it_from_being_quiet() -> None:
    """A follow-up day that has passed is no plan any more."""
    app = _app()
    rounds = [_round(app, TODAY - timedelta(days=30), follow_up=TODAY - timedelta(days=16))]
    assert len(quiet_applications(_snap([app], rounds), TODAY)) == 1


def test_the_most_recently_quiet_comes_first_and_the_words_are_kind() -> None:
    """Two quiet ones: 15 days before 90 days; the offer names the company and never blames."""
    a, b = _app("Long"), _app("Recent")
    rounds = [_round(a, TODAY - timedelta(days=90)), _round(b, TODAY - timedelta(days=15))]
    quiet = quiet_applications(_snap([a, b], rounds), TODAY)
    assert [q.application.company for q in quiet] == ["Recent", "Long"]
    words = quiet[0].offer_words()
    assert words.startswith("No news from Recent (Dev) for 15 days.")
    assert "say nothing about you" in words
    for harsh in ("fail", "should have", "your fault", "ignored you"):
        assert harsh not in words.lower()


def test_one_offer_a_day_at_most() -> None:
    """Two quiet applications: the first is due today; once offered today, the other waits for tomorrow."""
    a, b = _app("First"), _app("Second")
    rounds = [_round(a, TODAY - timedelta(days=15)), _round(b, TODAY - timedelta(days=20))]
    due = quiet_offer_due(_snap([a, b], rounds), TODAY)
    assert due is not None and due.application.id == a.id
    offered = replace(a, quiet_offer_made=TODAY)
    assert quiet_offer_due(_snap([offered, b], rounds), TODAY) is None
    tomorrow = quiet_offer_due(_snap([offered, b], rounds), TODAY + timedelta(days=1))
    assert tomorrow is not None and tomorrow.application.id == b.id
    assert quiet_offer_due(_snap([], []), TODAY) is None


# --------------------------------------------------------------------------- closing


def test_closing_sets_a_pending_latest_round() -> None:
    """The latest round, pending, becomes 'withdrew' and keeps its day; nothing new is added."""
    app = _app(applied=date(2026, 11, 1))
    first = _round(app, date(2026, 11, 1), outcome=Outcome.ADVANCED)
    latest = _round(app, date(2026, 11, 10), Stage.PHONE_SCREEN)
    plan = closing(app, [latest, first], Outcome.WITHDREW, NOW)
    assert not plan.new_round and plan.application is None
    assert plan.round.id == latest.id and plan.round.outcome is Outcome.WITHDREW
    assert plan.round.when == latest.when and plan.round.updated == NOW


def test_closing_after_an_outcome_adds_an_applied_round_and_fixes_the_day() -> None:
    """The latest round 'advanced' is kept; a closing 'applied' round dated now, and the application's
    own day (its first round's, 3 Nov) is written down so the new round cannot move it."""
    app = _app(typed=NOW - timedelta(days=30))
    advanced = _round(app, date(2026, 11, 3), Stage.PHONE_SCREEN, outcome=Outcome.ADVANCED)
    plan = closing(app, [advanced], Outcome.GHOSTED, NOW)
    assert plan.new_round
    assert (plan.round.stage, plan.round.outcome, plan.round.when) == (Stage.APPLIED, Outcome.GHOSTED, NOW)
    assert plan.application is not None and plan.application.applied_on == date(2026, 11, 3)


def test_closing_with_another_outcome_is_refused() -> None:
    """Only withdrew and ghosted close an application from the list."""
    with pytest.raises(ValueError, match="does not close"):
        closing(_app(), [], Outcome.OFFER, NOW)


def test_a_follow_up_goes_on_the_latest_round_or_a_first_applied_round_on_its_own_day() -> None:
    """With rounds: the latest gets it. Without: an 'applied' round on the application's day carries it."""
    app = _app(applied=date(2026, 11, 2))
    rnd = _round(app, date(2026, 11, 5), Stage.PHONE_SCREEN)
    assert follow_up_round(app, [rnd], date(2026, 12, 2), NOW).id == rnd.id
    first = follow_up_round(app, [], date(2026, 12, 2), NOW)
    assert (first.stage, first.day, first.follow_up) == (Stage.APPLIED, date(2026, 11, 2), date(2026, 12, 2))
