"""Every figure counts events on the day they happened, never on the day they were typed in.

Hand-computed cases for issue 13, items 1 and 2: backfilled applications,
rounds dated over years, a rejection logged late, ``interview add -s applied
--date <past>``, the 'applied' tag beside a logged application, and the
person's own action tags. Dates: 2026-03-09 is a Monday (MON = d(0)).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

from rebound_tui.core.metrics import compute_all, job_search_actions, momentum, setbacks
from rebound_tui.core.models import Application, Outcome, Settings, Stage
from tests.core.test_metrics import TZ, _id, ci, d, moods_before, rnd, snap

TYPED = d(14)
"""The Monday the records below are typed in: 'today' in these tests."""


def typed_in(applied: datetime | None, *, app_id: str | None = None) -> Application:
    """An application typed in on TYPED (its ``created``) that happened on ``applied``'s day."""
    moment = datetime.combine(TYPED, time(21), TZ)
    return Application(
        id=app_id or _id(),
        created=moment,
        updated=moment,
        company="Acme",
        role="SRE",
        applied_on=None if applied is None else applied.date(),
    )


def on(offset: int) -> datetime:
    return datetime.combine(d(offset), time(10), TZ)


class TestApplicationsCountOnTheirOwnDay:
    def test_six_backfilled_applications_count_on_their_days(self) -> None:
        """Six applications typed in on Monday d(14), dated d(0), d(2), d(4) (week 1) and d(7), d(9),
        d(11) (week 2); one check-in on d(14). This week (d(14)..d(20)) has 0 actions, not 6 or 7;
        weeks 1 and 2 have 3 each, so momentum is 2 weeks."""
        apps = [typed_in(on(k)) for k in (0, 2, 4, 7, 9, 11)]
        snapshot = snap(checkins=[ci(TYPED)], applications=apps)
        assert job_search_actions(snapshot, TYPED) == {d(k): 1 for k in (0, 2, 4, 7, 9, 11)}
        mom = momentum(snapshot, TYPED)
        assert (mom.this_week_actions, mom.weeks, mom.longest) == (0, 2, 2)

    def test_without_a_date_its_first_round_decides_then_its_typing(self) -> None:
        """A schema-1 application (no applied_on) with a technical round on d(3) counts on d(3), once
        with the round's own action: 2 on d(3). One without rounds counts on the day it was typed."""
        with_round = typed_in(None)
        alone = typed_in(None)
        snapshot = snap(applications=[with_round, alone], rounds=[rnd(d(3), app_id=with_round.id)])
        assert job_search_actions(snapshot, TYPED) == {d(3): 2, TYPED: 1}

    def test_forty_rounds_over_three_years_are_not_this_week(self) -> None:
        """40 technical rounds, one every 27 days back from d(-1): none this week (d(14)..), and each
        is one action on its own day."""
        app = typed_in(on(-1100))
        rounds = [rnd(d(-1 - 27 * k), app_id=app.id) for k in range(40)]
        snapshot = snap(applications=[app], rounds=rounds)
        actions = job_search_actions(snapshot, TYPED)
        assert momentum(snapshot, TYPED).this_week_actions == 0
        assert sum(actions.values()) == 41 and actions[d(-1)] == 1 and actions[d(-1100)] == 1

    def test_interview_add_applied_with_a_past_date_counts_once_on_that_day(self) -> None:
        """'interview add -s applied --date d(3)' typed on d(14): the application (applied_on d(3)) and
        its 'applied' round are one event on d(3); nothing on d(14)."""
        app = typed_in(on(3))
        applied = replace(rnd(d(3), Stage.APPLIED, app_id=app.id), created=app.created, updated=app.created)
        snapshot = snap(applications=[app], rounds=[applied])
        assert job_search_actions(snapshot, TYPED) == {d(3): 1}

    def test_applied_tag_on_a_day_with_a_logged_application_adds_nothing(self) -> None:
        """d(1): application + 'applied' tag = 1; d(2): the tag alone = 1; d(3): two applications and
        the tag = 2."""
        apps = [typed_in(on(1)), typed_in(on(3)), typed_in(on(3))]
        checkins = [ci(d(k), did=["applied"]) for k in (1, 2, 3)]
        assert job_search_actions(snap(checkins=checkins, applications=apps), TYPED) == {
            d(1): 1,
            d(2): 1,
            d(3): 2,
        }


class TestSetbacksLoggedLate:
    def test_a_late_rejection_with_nothing_after_it_has_not_bounced_back(self) -> None:
        """Rejected on d(3), the application (applied d(0)) and the rejection typed in on d(14), nothing
        done after d(3): bounce-back is 'not yet', not 11 days."""
        app = typed_in(on(0))
        rejection = replace(rnd(d(3), outcome=Outcome.REJECTED, app_id=app.id), created=app.created)
        snapshot = snap(applications=[app], rounds=[rejection])
        (item,) = setbacks(snapshot, TYPED)
        assert item.bounce_back_days is None
        assert compute_all(snapshot, TYPED).median_bounce_back_days is None

    def test_a_backfilled_next_step_counts_from_its_own_day(self) -> None:
        """Rejected on d(3); an application dated d(6) but typed in on d(14): bounced back in 3 days."""
        snapshot = snap(applications=[typed_in(on(6))], rounds=[rnd(d(3), outcome=Outcome.REJECTED)])
        assert setbacks(snapshot, TYPED)[0].bounce_back_days == 3


class TestOwnActionTags:
    def test_own_tags_count_once_a_day_each(self) -> None:
        """Settings count 'job application' and 'coding practice': d(0) has both (2), d(1) has
        'job application' twice in two check-ins (1); 'movies / tv' never counts."""
        settings = Settings(action_tags=("job application", "coding practice"))
        checkins = [
            ci(d(0), did=["job application", "coding practice", "movies / tv"]),
            ci(d(1), did=["job application"]),
            ci(d(1), at=time(20), did=["job application", "movies / tv"]),
            ci(d(2), did=["movies / tv"]),
        ]
        assert job_search_actions(snap(checkins=checkins, settings=settings), d(2)) == {d(0): 2, d(1): 1}
        assert job_search_actions(snap(checkins=checkins), d(2)) == {}

    def test_own_tags_make_momentum_and_bounce_back(self) -> None:
        """Ten years of Daylio-style check-ins tagged 'job application' three times a week: with the tag
        counted, momentum holds every week and a rejection on a Monday is followed the next day."""
        settings = Settings(weekly_target=3, action_tags=("job application",))
        start = d(-3640)  # a Monday
        checkins = [
            ci(start + timedelta(days=k), did=["job application"] if k % 7 in (1, 3, 5) else ["rested"])
            for k in range(3647)
        ]
        rejection = rnd(start + timedelta(days=3640 - 14), outcome=Outcome.REJECTED)
        today = start + timedelta(days=3646)  # a Sunday
        counted = compute_all(snap(checkins=checkins, rounds=[rejection], settings=settings), today)
        assert counted.momentum.weeks == 521 and counted.momentum.longest == 521
        assert counted.median_bounce_back_days == 1.0
        plain = compute_all(snap(checkins=checkins, rounds=[rejection]), today)
        assert plain.momentum.weeks == 0 and plain.median_bounce_back_days is None


def test_baseline_fixture_is_untouched() -> None:
    """The helpers of test_metrics build what these tests assume (14 days of mood 4 before a day)."""
    assert len(moods_before(d(20))) == 14


def test_a_setback_long_before_any_check_in_or_action_still_bounces_back() -> None:
    """A rejected 'applied' round on d(-2) (its application is not in this history, so the round is
    no action) and nothing else until a check-in tagged 'applied' on d(14): bounced back in 16 days.
    (The day layout once started 14 days before d(14), and the setback's negative index read the
    wrong end of the list: 'not yet'.) Found by the reference scans of test_metrics_reference."""
    rejected = rnd(d(-2), Stage.APPLIED, Outcome.REJECTED)
    (item,) = setbacks(snap(checkins=[ci(TYPED, did=["applied"])], rounds=[rejected]), TYPED)
    assert (item.day, item.bounce_back_days, item.rebound) == (d(-2), 16, "too-little-data")
