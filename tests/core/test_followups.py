"""Unit tests for rebound_tui.core.followups: which follow-ups are due, and how each is said."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from rebound_tui.core.followups import SNOOZE_DAYS, ago, due_follow_ups, follow_up_line, snoozed_until
from rebound_tui.core.models import Application, Outcome, Round, Snapshot, Stage
from rebound_tui.core.wording import week_words

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 28, 10, 30, tzinfo=TZ)  # a Saturday
TODAY = NOW.date()


def _round(app: Application, stage: Stage, days_ago: int, follow_up: date | None, **extra: object) -> Round:
    return Round.new(
        app.id, stage, when=NOW - timedelta(days=days_ago), follow_up=follow_up, now=NOW, **extra
    )


ACME = Application.new("Acme", "Platform Engineer", now=NOW - timedelta(days=20))
FERNWAY = Application.new("Fernway", "Data Engineer", now=NOW - timedelta(days=20))


class TestDue:
    def test_only_open_rounds_due_by_today(self) -> None:
        """Due: a date today or before on a pending or advanced round; not a settled one, not a later one."""
        today = _round(ACME, Stage.APPLIED, 5, TODAY)
        earlier = _round(FERNWAY, Stage.PHONE_SCREEN, 6, TODAY - timedelta(days=2), outcome=Outcome.ADVANCED)
        later = _round(ACME, Stage.TECHNICAL, 1, TODAY + timedelta(days=1))
        settled = _round(FERNWAY, Stage.TECHNICAL, 3, TODAY, outcome=Outcome.REJECTED)
        none = _round(ACME, Stage.RECRUITER_SCREEN, 4, None)
        snap = Snapshot(applications=(ACME, FERNWAY), rounds=(today, earlier, later, settled, none))
        # The one planned longest ago first.
        assert due_follow_ups(snap, TODAY) == [earlier, today]

    def test_archived_applications_ask_for_nothing(self) -> None:
        """An archived application's follow-up is not offered any more."""
        archived = ACME.touched(NOW, archived=NOW)
        rnd = _round(ACME, Stage.APPLIED, 5, TODAY)
        assert due_follow_ups(Snapshot(applications=(archived,), rounds=(rnd,)), TODAY) == []
        assert due_follow_ups(Snapshot(applications=(ACME,), rounds=(rnd,)), TODAY) == [rnd]


class TestWords:
    def test_applied_planned_today(self) -> None:
        """The issue's example: who, and when it happened, in plain words."""
        rnd = _round(ACME, Stage.APPLIED, 2, TODAY)
        assert (
            follow_up_line(rnd, ACME, TODAY) == "Follow up with Acme, Platform Engineer (applied 2 days ago)"
        )

    def test_a_round_planned_earlier_names_the_day(self) -> None:
        """A date that has passed is named as a fact (Thu 26 Nov), never as lateness."""
        rnd = _round(FERNWAY, Stage.PHONE_SCREEN, 1, TODAY - timedelta(days=2))
        assert follow_up_line(rnd, FERNWAY, TODAY) == (
            "Follow up with Fernway, Data Engineer (phone screen yesterday; planned for Thu 26 Nov)"
        )

    def test_an_application_gone(self) -> None:
        rnd = _round(ACME, Stage.TECHNICAL, 0, TODAY)
        assert follow_up_line(rnd, None, TODAY) == "Follow up with an application (technical today)"

    def test_ago(self) -> None:
        """Today, yesterday, days within two weeks, a date beyond."""
        assert ago(TODAY, TODAY) == "today"
        assert ago(TODAY - timedelta(days=1), TODAY) == "yesterday"
        assert ago(TODAY - timedelta(days=13), TODAY) == "13 days ago"
        assert ago(TODAY - timedelta(days=14), TODAY) == "on Sat 14 Nov"
        assert ago(date(2025, 12, 1), TODAY) == "on Mon 1 Dec 2025"

    def test_snooze(self) -> None:
        """Snoozed on Saturday 28 November: due again on Tuesday 1 December."""
        assert SNOOZE_DAYS == 3
        assert snoozed_until(TODAY) == date(2026, 12, 1)


class TestWeekWords:
    def test_an_empty_week_is_never_zero_of_three(self) -> None:
        """Nothing done yet reads as an open week, not as '0 of 3'."""
        words = week_words(0, 3)
        assert "0 of" not in words and "target 3" in words

    def test_some_and_all(self) -> None:
        assert week_words(1, 3) == "This week so far: 1 of 3 job-search actions."
        assert week_words(3, 3) == "This week: 3 job-search actions, your target of 3 met. Well done."
        assert week_words(4, 3) == "This week: 4 job-search actions, your target of 3 met. Well done."

    def test_a_paused_week(self) -> None:
        """A week of rest asks for nothing."""
        assert week_words(0, 0) == "This week is a planned pause: rest is part of the work too."
