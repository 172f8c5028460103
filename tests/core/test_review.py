"""The weekly review's core: the period, the figures (worked by hand in tests/review_seed.py), the words."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from rebound_tui.core.metrics import compute_all
from rebound_tui.core.models import RestDay, Settings, Snapshot, ValidationError, WeekNote
from rebound_tui.core.review import (
    Period,
    Privacy,
    build_review,
    md_user,
    read_period,
    render_markdown,
    render_text,
    review_json,
    sections,
    week_of,
)
from tests.review_seed import (
    CONTACT,
    FEELING,
    KEEP,
    LESSON,
    LINK,
    NOTE,
    NOW,
    TODAY,
    TRY,
    WEEK_START,
    seeded_week,
)

WEEK = week_of(WEEK_START, 0)
SHAMING = re.compile(r"\b(fail\w*|broke\w*|lost|miss(ed|ing)?|behind|should have|only|0 of)\b", re.I)


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return seeded_week()


class TestPeriod:
    def test_week_of_follows_the_first_day(self) -> None:
        """Weeks start on the settings' first day: Monday, or Sunday (6)."""
        assert week_of(date(2026, 11, 19), 0) == Period(date(2026, 11, 16), date(2026, 11, 22), True)
        assert week_of(date(2026, 11, 19), 6) == Period(date(2026, 11, 15), date(2026, 11, 21), True)

    def test_when_grammar(self) -> None:
        """--week reads the History grammar plus 'last week'; --since/--until make a span."""
        assert read_period(TODAY, 0).start == date(2026, 11, 23)
        assert read_period(TODAY, 0, week="last week").start == WEEK_START
        assert read_period(TODAY, 0, week="Nov 18").start == WEEK_START
        assert read_period(TODAY, 0, week="2 weeks ago").start == date(2026, 11, 9)
        assert read_period(TODAY, 0, week="2026-11").start == date(2026, 10, 26)
        span = read_period(TODAY, 0, since="Nov 1", until="Nov 10")
        assert (span.start, span.end, span.week) == (date(2026, 11, 1), date(2026, 11, 10), False)
        assert read_period(TODAY, 0, since="Nov 16", until="Nov 22").week  # a whole week typed as a span

    @pytest.mark.parametrize(
        ("kwargs", "words"),
        [
            ({"week": "someday"}, "could not read --week"),
            ({"week": "next week"}, "have not come yet"),
            ({"since": "Nov 10", "until": "Nov 1"}, "is after --until"),
            ({"week": "Nov 1", "since": "Nov 1"}, "either --week or --since"),
        ],
    )
    def test_bad_periods_are_one_line(self, kwargs: dict[str, str], words: str) -> None:
        """Bad WHEN text, a future week, an empty span and mixed options each give one clear line."""
        with pytest.raises(ValidationError, match=words) as caught:
            read_period(TODAY, 0, **kwargs)
        assert "\n" not in str(caught.value)


class TestFigures:
    def test_moods(self, snapshot: Snapshot) -> None:
        """4 days, 5 check-ins; day moods 4, 2.5, 4, 5: lowest 2.5, highest 5, mean 3.875."""
        moods = build_review(snapshot, WEEK, TODAY).moods
        assert (moods.days_checked_in, moods.checkins) == (4, 5)
        assert (moods.lowest, moods.highest, moods.mean) == (2.5, 5, 3.875)
        assert moods.feelings == ((FEELING, 2), ("disappointed", 1))
        assert [text for _, _, text in moods.notes] == [NOTE]

    def test_done(self, snapshot: Snapshot) -> None:
        """5 actions against a target of ceil(3 * 4 / 7) = 2 (three rest days); the parts add up."""
        review = build_review(snapshot, WEEK, TODAY)
        done = review.done
        assert (done.actions, done.target, done.weekly_target, review.rest_days) == (5, 2, 3, 3)
        assert [a.company for a in done.applications] == ["Acme"]
        assert [(r.company, r.stage.value) for r in done.rounds] == [
            ("Globex", "phone-screen"),
            ("Hooli", "take-home"),
        ]
        assert (done.practice_days, done.networking_days) == (1, 1)
        parts = len(done.applications) + done.applied_tagged + len(done.rounds) + done.interviewed_tagged
        parts += done.practice_days + done.networking_days + sum(n for _, n in done.own_tags)
        assert parts == done.actions

    def test_setbacks_and_lessons(self, snapshot: Snapshot) -> None:
        """Globex: next step 1 day later, mood back in 2 days; its lesson is kept."""
        review = build_review(snapshot, WEEK, TODAY)
        (item,) = review.setbacks
        assert (item.company, item.setback.bounce_back_days, item.setback.rebound_days) == ("Globex", 1, 2)
        assert item.setback.baseline == pytest.approx(51 / 14)
        assert [lesson.text for lesson in review.lessons] == [LESSON]

    def test_progress(self, snapshot: Snapshot) -> None:
        """A stage more often than last month, one reached first, a rating that rose, a quicker rebound."""
        assert build_review(snapshot, WEEK, TODAY).progress == (
            "You reached the phone screen stage twice in the last 30 days, more often than in the "
            "30 days before (none).",
            "You reached the take home stage for the first time.",
            "You rated concrete examples 4 that week, up from 2.5 on average before.",
            "After the no on Tue 17 Nov (phone screen), your mood came back in 2 days; "
            "the time before, it took 5 days.",
        )

    def test_the_notes_of_the_weeks(self, snapshot: Snapshot) -> None:
        """The note written for this week is 'planned'; one for the week after is 'coming'."""
        review = build_review(snapshot, WEEK, TODAY)
        assert review.planned is not None and (review.planned.keep, review.planned.try_next) == (KEEP, TRY)
        assert review.coming is None and review.coming_week == date(2026, 11, 23)
        ahead = WeekNote.new(date(2026, 11, 23), keep="k", now=NOW)
        later = build_review(replace(snapshot, week_notes=(*snapshot.week_notes, ahead)), WEEK, TODAY)
        assert later.coming == ahead

    def test_agrees_with_momentum_and_setbacks(self, snapshot: Snapshot) -> None:
        """While the week runs (today Thu 19), its actions and target are momentum's; setbacks are stats'."""
        thursday = date(2026, 11, 19)
        report = compute_all(snapshot, thursday)
        review = build_review(snapshot, WEEK, thursday)
        assert review.running
        assert (review.done.actions, review.done.target) == (
            report.momentum.this_week_actions,
            report.momentum.this_week_target,
        )
        assert (review.done.actions, review.done.target) == (5, 2)
        inside = [s for s in report.setbacks if WEEK.holds(s.day)]
        assert [item.setback for item in review.setbacks] == inside

    def test_agrees_with_momentum_on_sample_data(self) -> None:
        """On generated data, for today's week under both first days, the figures are momentum's."""
        from rebound_tui.core.sample_data import generate

        sample = generate(days=120, rounds=30, end=TODAY)
        for first in (0, 6):
            data = replace(sample, settings=Settings(first_day_of_week=first))
            report = compute_all(data, TODAY)
            review = build_review(data, week_of(TODAY, first), TODAY)
            assert review.done.actions == report.momentum.this_week_actions
            assert review.done.target == report.momentum.this_week_target


class TestWords:
    def test_text_says_the_figures_kindly(self, snapshot: Snapshot) -> None:
        """The hand-computed figures in words; nothing shaming, no grade."""
        text = render_text(build_review(snapshot, WEEK, TODAY), Privacy())
        for line in (
            "Your week: Mon 16 Nov – Sun 22 Nov 2026",
            "You checked in on 4 days (5 check-ins).",
            "Your days ranged from okay (2.5) to great (5), good (3.9) on average.",
            "3 rest days were part of it.",
            "5 job-search actions that week: your target of 2 (lowered from 3 for the rest days) is met.",
            f"  - Acme, Backend engineer (Thu 19 Nov); link: {LINK}; contact: {CONTACT}",
            "  - Phone screen at Globex (SRE), rejected (Tue 17 Nov)",
            "  - Take home at Hooli (Data engineer), pending (Wed 18 Nov)",
            "Days you practised: 1",
            "Days you networked: 1",
            "  - Phone screen at Globex (SRE): rejected on Tue 17 Nov. Your next step came 1 day later. "
            "Your mood was back at its usual level in 2 days.",
            f"      {LESSON}",
            f"      {KEEP}",
            f"      {TRY}",
        ):
            assert line in text.splitlines(), line
        assert not SHAMING.search(text)

    def test_an_empty_week_is_said_kindly(self) -> None:
        """No records: a quiet week, never '0 of 3', no list of nothings."""
        text = render_text(build_review(Snapshot(), WEEK, TODAY), Privacy())
        assert "A quiet week in your log" in text
        assert "What you did" not in text
        assert not re.search(r"\b0 of\b|\bnone of\b", text)
        running = render_text(build_review(Snapshot(), week_of(TODAY, 0), TODAY), Privacy())
        assert "Nothing logged yet this week, and that is allowed." in running

    def test_a_paused_week_asks_for_nothing(self) -> None:
        """A week that is all pause: rest is part of the work, nothing asked; no target figure at all."""
        pause = RestDay.new(WEEK.start, WEEK.end, now=NOW)
        review = build_review(Snapshot(rest_days=(pause,)), WEEK, TODAY)
        assert review.paused and review.done.target == 0
        text = render_text(review, Privacy())
        assert "A pause: rest is part of the work, and nothing was asked of you." in text
        assert "A pause asks for nothing, and nothing was needed." in text
        assert "target" not in text and not re.search(r"\b0 of\b", text)

    def test_no_actions_in_a_past_week_is_not_zero_of_three(self, snapshot: Snapshot) -> None:
        """Check-ins but no actions: the target is named as something that keeps, never '0 of 3'."""
        quiet = Snapshot(checkins=tuple(c for c in snapshot.checkins if not c.activities))
        text = render_text(build_review(quiet, week_of(date(2026, 11, 2), 0), TODAY), Privacy())
        assert "No job-search actions logged that week. Some weeks go to other things; " in text
        assert not re.search(r"\b0 of\b", text)

    def test_privacy_defaults_and_options(self, snapshot: Snapshot) -> None:
        """By default notes and feelings stay out; options add them, or take companies/lessons out."""
        review = build_review(snapshot, WEEK, TODAY)
        plain = render_text(review, Privacy())
        assert NOTE not in plain and "Feelings you named" not in plain and "Globex" in plain
        full = render_text(review, Privacy(notes=True, feelings=True))
        assert NOTE in full and f"Feelings you named: {FEELING} (2), disappointed (1)." in full
        bare = render_text(review, Privacy(companies=False, lessons=False))
        for secret in ("Globex", "Acme", "Hooli", "SRE", LESSON, KEEP, TRY, LINK, CONTACT):
            assert secret not in bare, secret
        assert "Phone screen: rejected on Tue 17 Nov." in bare

    def test_markdown_reads_on_its_own(self, snapshot: Snapshot) -> None:
        """Headings, lists, quotes, what the figures mean and what was left out."""
        md = render_markdown(build_review(snapshot, WEEK, TODAY), Privacy(), written=TODAY)
        assert md.startswith("# Your week: Mon 16 Nov – Sun 22 Nov 2026\n")
        assert "## What you did" in md and "  > LESSON-ask about the team" in md
        assert "from 1 (awful) to 5 (great)" in md
        assert md.rstrip().endswith("Left out of this report: check-in notes, feelings.")

    def test_user_text_cannot_become_markdown_or_escapes(self) -> None:
        """A heading, a link, HTML and an escape sequence in user text stay plain text."""
        assert md_user("# [x](http://e) <b>") == r"\# \[x\](http://e) \<b\>"
        assert md_user("- item\n1. one") == "\\- item\n1\\. one"
        assert "\x1b" not in md_user("\x1b[31mred")

    def test_json_leaves_out_what_privacy_says(self, snapshot: Snapshot) -> None:
        """The JSON has the figures; the keys left out are absent, not empty."""
        review = build_review(snapshot, WEEK, TODAY)
        data = review_json(review, Privacy())
        assert data["done"]["actions"] == 5 and data["done"]["target"] == 2
        assert data["moods"]["mean"] == 3.875 and "notes" not in data["moods"]
        bare = review_json(review, Privacy(companies=False, lessons=False))
        assert "lessons" not in bare and "company" not in bare["setbacks"][0]

    def test_sections_in_order(self, snapshot: Snapshot) -> None:
        """Planned, felt, done, setbacks, lessons, progress, coming."""
        keys = [s.key for s in sections(build_review(snapshot, WEEK, TODAY), Privacy())]
        assert keys == ["planned", "felt", "done", "setbacks", "lessons", "progress", "coming"]

    def test_a_span_is_not_held_to_a_week(self, snapshot: Snapshot) -> None:
        """A span of days says the weekly target and what it comes to for those days."""
        span = Period(date(2026, 11, 9), date(2026, 11, 22), week=False)
        review = build_review(snapshot, span, TODAY)
        # Nov 9: Initech's technical round (1); Nov 16-19: 5. Target: ceil(3 * 11 / 7) = 5.
        assert (review.done.actions, review.done.target) == (6, 5)
        assert (
            "6 job-search actions in these days (your weekly target is 3; for these days it comes to 5)."
            in (render_text(review, Privacy()))
        )

    def test_a_quicker_rebound_only_against_the_one_before(self, snapshot: Snapshot) -> None:
        """The week of the first setback has nothing to compare its rebound with."""
        earlier = build_review(snapshot, week_of(date(2026, 11, 9), 0), TODAY)
        assert not any("mood came back" in line for line in earlier.progress)
        assert [item.setback.rebound_days for item in earlier.setbacks] == [5]
