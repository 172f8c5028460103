"""Today: a greeting, today's check-in, a tip for the moment, streak, momentum, 30 days of mood."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from rebound_tui.core.followups import SNOOZE_DAYS, due_follow_ups, follow_up_line, snoozed_until
from rebound_tui.core.models import MOODS, Outcome, Round, Snapshot
from rebound_tui.core.streaks import Streak
from rebound_tui.core.text import visible
from rebound_tui.core.wording import count_words, days_word, number, round_noun, score_words, week_words
from rebound_tui.tui.messages import (
    DataUnreadable,
    FollowUpAnswered,
    LoadRequested,
    Reflect,
    ReflectionOffered,
)
from rebound_tui.tui.resources import style
from rebound_tui.tui.screens.base import ModeScreen
from rebound_tui.tui.widgets.keybar import KeyBar
from rebound_tui.tui.widgets.mood import MoodLegend
from rebound_tui.tui.widgets.sparkline import MoodSparkline
from rebound_tui.tui.widgets.stat import StatBox

WELCOME_BACK_AFTER_DAYS = 3
"""Days since the last check-in after which Today says welcome back."""
WELCOME_BACK_TIP = "what-you-kept"
"""The tip shown with the welcome back: gaps are rest, and what you built is still there."""

FIRST_PAINT_GRACE = 0.08
"""Seconds between the first paint and the start of the background load."""


def greeting(hour: int) -> str:
    if 5 <= hour < 12:
        return "Good morning."
    if 12 <= hour < 18:
        return "Good afternoon."
    if 18 <= hour < 23:
        return "Good evening."
    return "Hello, night owl."


class WeekBar(Static):
    """This week's actions against the target, as filled and open blocks (readable without colour)."""

    def show(self, done: int, target: int) -> None:
        filled = min(done, target)
        text = Text(no_wrap=True)
        text.append("■ " * filled, "bold")
        text.append("□ " * (target - filled))
        if done > target:
            text.append(f"+{done - target}")
        self.update(text)


def sparkline_dates(today: date, days: int) -> str:
    """The dates under a sparkline of ``days`` days ending today: the first at the left, then 'today'."""
    if days < 2:
        return "today" if days else ""
    first = f"{today - timedelta(days=days - 1):%-d %b}"
    return first + "today".rjust(days - len(first))


def reflected(rnd: Round) -> bool:
    """True once anything of a reflection was written or rated."""
    return bool(rnd.ratings or rnd.went_well or rnd.to_improve or rnd.lesson)


def due_reflection(snapshot: Snapshot, today: date) -> Round | None:
    """The latest setback whose reflection was postponed ("Later") and is due to be offered again."""
    due = [
        r
        for r in snapshot.rounds
        if r.reflect_later is not None
        and r.reflect_later <= today
        and r.outcome.is_setback
        and not reflected(r)
    ]
    return max(due, key=lambda r: r.when, default=None)


def welcome_back(snapshot: Snapshot, today: date) -> str | None:
    """After a gap of days without a check-in: a welcome back, with nothing to catch up on."""
    last = max((c.day for c in snapshot.checkins if c.day <= today), default=None)
    if last is None or (today - last).days < WELCOME_BACK_AFTER_DAYS:
        return None
    gap = (today - last).days
    return (
        f"Welcome back. It has been {gap} days since your last check-in, and there is nothing to "
        "catch up on: press c whenever you are ready."
    )


def streak_lines(streak: Streak) -> tuple[str, str]:
    """The streak card's figure and caption."""
    if streak.current:
        in_all = days_word(streak.total_days)
        return days_word(streak.current), f"longest {days_word(streak.longest)}, {in_all} in all"
    if streak.total_days:
        return "fresh start", f"{days_word(streak.total_days)} kept so far"
    return "fresh start", "your first check-in starts it"


class TodayScreen(ModeScreen):
    """The daily landing page.

    | Key | Description |
    | :- | :- |
    | `f` | Reflect on the setback offered again (shown only then). |
    | `d` | Mark the first follow-up due as done (shown only when one is due). |
    | `z` | Snooze the first follow-up due for a few days (shown only when one is due). |
    """

    CSS_PATH = style("today.tcss")

    BINDINGS = [
        Binding("f", "reflect_offered", "Reflect", id="today.reflect_offered"),
        Binding("d", "follow_up_done", "Follow-up done", id="today.follow_up_done"),
        Binding("z", "follow_up_snooze", f"Snooze {SNOOZE_DAYS} days", id="today.follow_up_snooze"),
    ]

    follow_ups: list[Round] = []
    """Follow-ups due, the first one first: ``d`` and ``z`` answer that one."""

    offered: Round | None = None
    """A postponed reflection offered again (once: the app clears its day); kept while the app runs."""

    # Focus restyles the focused container and everything in it (twice, measured: about
    # 40 ms with this screen): on the first showing it waits until the first frame is out.
    AUTO_FOCUS = ""  # (None would mean the app's choice: focus the first focusable widget)
    _shown_before = False
    _streak_shown = False
    """True once compose has put the quick streak into the first frame."""
    _greeting = ""

    def on_screen_resume(self) -> None:
        if self._shown_before:
            self._focus_page()
        else:
            self._shown_before = True
            self.set_timer(FIRST_PAINT_GRACE, self._focus_page)

    def _focus_page(self) -> None:
        if self.is_current and self.focused is None:
            self.query_one("#today").focus()

    def compose(self) -> ComposeResult:
        # The first frame is laid out from what compose gives: the greeting and the quick
        # streak are in it, so it is not laid out again a moment later (about 20 ms).
        now = self.data.now()
        self._greeting = greeting(now.hour)
        streak_words = ("-", "")
        if not self.data.data_ready:
            with contextlib.suppress(DataUnreadable):  # said by refresh_data, on mount
                streak_words = streak_lines(self.data.quick_streak(now.date()))
                self._streak_shown = True
        with VerticalScroll(id="today"):
            yield Label(self._greeting, id="greeting")
            yield Static("", id="checkin-state")
            yield Static("", id="reflect-offer")
            # Above the figures, so a follow-up due is seen at 80x24 without scrolling.
            with Vertical(id="follow-ups"):
                yield Label("Follow-ups due", classes="section-title")
                yield Static("", id="follow-up-list")
                yield Static(
                    Content.from_markup(
                        f"[b]d[/b] marks the first one done · [b]z[/b] snoozes it {SNOOZE_DAYS} days"
                    ),
                    id="follow-up-keys",
                )
            with Horizontal(id="stats"):
                yield StatBox("Check-in streak", *streak_words, id="streak")
                yield StatBox("Weekly momentum", id="momentum")
                yield StatBox("Resilience", id="score")
            yield Static("", id="week-label")
            yield WeekBar(id="week-bar")
            yield Label("Mood, last 30 days", classes="section-title")
            with Horizontal(id="mood-chart"):
                with Vertical(id="sparkline-box"):
                    yield MoodSparkline(id="sparkline")
                    yield Static("", id="sparkline-dates")
                yield MoodLegend(id="sparkline-legend")
            yield Label("", id="tip-title", classes="section-title")
            yield Static("", id="tip-text")
            yield Static(
                "Follow-ups: nothing due. Follow-up dates you set on rounds show at the top.",
                id="follow-ups-none",
            )
        yield KeyBar()

    def refresh_data(self) -> None:
        data = self.data
        now = data.now()
        if greeting(now.hour) != self._greeting:
            self._greeting = greeting(now.hour)
            self.query_one("#greeting", Label).update(self._greeting)
        if not data.data_ready:
            # First paint: the streak straight from the raw file (read once, by compose); the
            # rest follows from a thread.
            try:
                if not self._streak_shown:
                    self._show_streak(data.quick_streak(now.date()))
            except DataUnreadable as exc:
                self.query_one("#checkin-state", Static).update(Content(str(exc)))
                return
            # Give the first frame time to reach the terminal before the load takes the GIL.
            self.set_timer(FIRST_PAINT_GRACE, self._first_frame_out)
            return
        snapshot, report = data.snapshot, data.report
        today = now.date()
        todays = [c for c in snapshot.checkins if c.day == today]
        if todays:
            last = todays[-1]
            more = f" ({len(todays)} check-ins today)" if len(todays) > 1 else ""
            state = f"You checked in today: {MOODS[last.mood]} ({last.mood}/5){more}. Press c to add another."
        else:
            state = welcome_back(snapshot, today) or (
                "Today's check-in is open whenever you are: press c, then 1-5 and enter."
            )
        self.query_one("#checkin-state", Static).update(Content(state))
        self._show_reflection_offer(snapshot, today)

        streak = report.streak
        self._show_streak(streak)
        momentum = report.momentum
        self.query_one("#momentum", StatBox).show(
            count_words(momentum.weeks, "week"),
            f"weeks in a row at {number(momentum.target)}+ actions",
        )
        score = report.score
        from rebound_tui.core.metrics import score_trend  # loaded with the report; not for the first paint

        self.query_one("#score", StatBox).show(f"{score.value:.0f} / 100", score_words(score_trend(score)))

        target = momentum.this_week_target
        done = momentum.this_week_actions
        bar = self.query_one("#week-bar", WeekBar)
        bar.display = target > 0
        bar.show(done, max(1, target))
        self.query_one("#week-label", Static).update(week_words(done, target))
        self.query_one("#sparkline", MoodSparkline).moods = report.mood_30
        self.query_one("#sparkline-dates", Static).update(sparkline_dates(today, len(report.mood_30)))

        last_setback = max((s.day for s in report.setbacks), default=None)
        since = (today - last_setback).days if last_setback else None
        soon = today + timedelta(days=2)
        interview_soon = any(r.outcome is Outcome.PENDING and today <= r.day <= soon for r in snapshot.rounds)
        todays_mood = sum(c.mood for c in todays) / len(todays) if todays else None
        milestone = streak.current in (7, 14, 30, 50, 100, 365) or momentum.weeks in (4, 8, 12, 26, 52)
        from rebound_tui.core.tips import tip_for_moment  # not needed for the first paint

        tip = tip_for_moment(
            day=today,
            today_mood=todays_mood,
            days_since_setback=since,
            has_interview_soon=interview_soon,
            milestone=milestone,
        )
        if not todays and welcome_back(snapshot, today):
            from rebound_tui.core.tips import all_tips

            tip = next((t for t in all_tips() if t.id == WELCOME_BACK_TIP), tip)
        self.query_one("#tip-title", Label).update(Content(f"For today: {tip.title}"))
        self.query_one("#tip-text", Static).update(Content(tip.text))
        self._show_follow_ups(snapshot, today)

    def _show_reflection_offer(self, snapshot: Snapshot, today: date) -> None:
        """Offer again, gently and once, a reflection postponed a couple of days ago."""
        if self.offered is not None:
            fresh = next((r for r in snapshot.rounds if r.id == self.offered.id), None)
            self.offered = fresh if fresh is not None and not reflected(fresh) else None
        else:
            self.offered = due_reflection(snapshot, today)
            if self.offered is not None:
                self.post_message(ReflectionOffered(self.offered))  # the app makes it the only time
        line = self.query_one("#reflect-offer", Static)
        line.display = self.offered is not None
        if self.offered is not None:
            app = snapshot.application(self.offered.application_id)
            where = f" at {app.company}" if app else ""
            noun = round_noun(self.offered.stage)
            offer = (
                f"When you feel ready: the {noun}{where} did not go your way. A few minutes of "
                "reflection can turn it into something you keep. Press f to reflect;"
                " this is the only reminder."
            )
            line.update(Content(visible(offer)))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reflect_offered":
            return self.offered is not None
        if action in ("follow_up_done", "follow_up_snooze"):
            return bool(self.follow_ups)
        return True

    def action_follow_up_done(self) -> None:
        """Mark the first follow-up due as done: its date is cleared (saved like any other change)."""
        if self.follow_ups:
            self.post_message(FollowUpAnswered(self.follow_ups[0], None))

    def action_follow_up_snooze(self) -> None:
        """Move the first follow-up due a few days on."""
        if self.follow_ups:
            today = self.data.now().date()
            self.post_message(FollowUpAnswered(self.follow_ups[0], snoozed_until(today)))

    def action_reflect_offered(self) -> None:
        if self.offered is not None:
            self.post_message(Reflect(self.offered))

    def _first_frame_out(self) -> None:
        self.post_message(LoadRequested())

    def _show_streak(self, streak: Streak) -> None:
        self.query_one("#streak", StatBox).show(*streak_lines(streak))

    def _show_follow_ups(self, snapshot: Snapshot, today: date) -> None:
        """The follow-ups due, near the top (the first one marked: the keys answer it), or a quiet line."""
        self.follow_ups = due_follow_ups(snapshot, today)
        self.query_one("#follow-ups").display = bool(self.follow_ups)
        self.query_one("#follow-ups-none").display = not self.follow_ups
        lines = [follow_up_line(r, snapshot.application(r.application_id), today) for r in self.follow_ups]
        # Companies are user text: control and bidi characters are shown, never sent to the terminal.
        # The first one, which d and z answer, in bold (it reads without colour).
        shown = Content(visible("\n".join(lines)))
        first = len(visible(lines[0])) if lines else 0
        self.query_one("#follow-up-list", Static).update(shown.stylize("bold", 0, first))
        self.refresh_bindings()
