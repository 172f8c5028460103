"""Forms for applications, rounds and the reflection after a round.

Each answers with a validated model object (or None when cancelled); the app
saves it the moment the form is confirmed.
"""

from __future__ import annotations

from abc import abstractmethod
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, SelectionList, Static, TextArea

from rebound_tui.core.dates import parse_day, parse_moment
from rebound_tui.core.models import (
    RATING_DIMENSIONS,
    Application,
    Factor,
    Outcome,
    Round,
    Stage,
    ValidationError,
)
from rebound_tui.tui.dialogs.saving import SavingDialog
from rebound_tui.tui.widgets.reframe import ReframeNote
from rebound_tui.tui.widgets.scale import ScalePicker

T = TypeVar("T")

RATING_PROMPTS = {
    "examples": "Did I give concrete examples?",
    "strengths": "Did I make my strengths clear?",
    "questions": "Did I ask the questions I wanted to?",
    "confidence": "How confident and like myself did I feel?",
}
RATING_WORDS = {1: "not yet", 2: "a little", 3: "partly", 4: "mostly", 5: "fully"}


class FormDialog(SavingDialog[T], Generic[T]):
    """Shared behaviour: ctrl+s saves, ctrl+g or escape closes (asking first), errors in one line.

    Tab, shift+tab and enter (in a one-line field) move between fields as priority
    bindings: the app runs them the moment the key arrives, before it routes the next
    key. Otherwise the focused field handles them later, in its own queue, and text
    typed right after at paste speed was routed to the field being left. Enter in the
    last one-line field saves, as the form's natural end.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
        Binding("ctrl+g", "cancel", "Cancel", id="form.cancel"),
        Binding("escape", "cancel", "Cancel", show=False, id="form.cancel_escape"),
        Binding("tab", "next_field", "Next field", show=False, priority=True, id="form.next"),
        Binding(
            "shift+tab", "previous_field", "Previous field", show=False, priority=True, id="form.previous"
        ),
        Binding("enter", "enter_next", "Next field", show=False, priority=True, id="form.enter_next"),
    ]

    def __init__(self, now: datetime) -> None:
        super().__init__(classes="dialog")
        self.now = now

    def error(self, message: str) -> None:
        self.query_one(".form-error", Label).update(Content(message))

    def keys_line(self) -> Static:
        return Static("ctrl+s save · tab next field · ctrl+g cancel", classes="dialog-keys")

    @abstractmethod
    def build(self) -> T:
        """Read the fields into a model object; raise ValidationError with one line."""

    async def action_save(self) -> None:
        """Save: first the focused field takes the keys already typed into it (text pasted then
        ctrl+s at once would otherwise be saved without its end), then the form is read."""
        await self.settle_focused()
        try:
            result = self.build()
        except ValidationError as exc:
            self.error(str(exc))
            return
        self.error("")
        self.confirm(result)

    def action_cancel(self) -> None:
        self.cancel()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "enter_next":  # only a one-line field: Select, TextArea and pickers keep their enter
            return isinstance(self.focused, Input)
        return super().check_action(action, parameters)

    async def action_next_field(self) -> None:
        await self.settle_focused()
        self.focus_next()

    async def action_previous_field(self) -> None:
        await self.settle_focused()
        self.focus_previous()

    async def action_enter_next(self) -> None:
        """Enter in a one-line field: on to the next field; in the last one, save."""
        await self.settle_focused()
        inputs = list(self.query(Input))
        if inputs and self.focused is inputs[-1]:
            await self.action_save()
        else:
            self.focus_next()

    def value(self, selector: str) -> str:
        return self.query_one(selector, Input).value


class ApplicationForm(FormDialog[Application]):
    """Add or edit an application: company, role, the day applied, where found, a note, a link, a contact.

    The day reads the command line's words ('today', 'Nov 20', '3 days ago'); a new
    application starts at today. An application saved without a day of its own keeps
    it that way while the field is left empty (its day is then its first round's).
    """

    def __init__(self, now: datetime, application: Application | None = None) -> None:
        super().__init__(now)
        self.application = application
        applied = application.applied_on if application else None
        self.day_shown = applied.isoformat() if applied else ("" if application else "today")
        """The day as the form shows it: left as it is, the application keeps its own."""

    def compose(self) -> ComposeResult:
        app = self.application
        with Vertical(classes="dialog-box form-box"):
            yield Label("Edit application" if app else "New application", classes="dialog-title")
            with VerticalScroll(id="application-fields", can_focus=False):
                with Horizontal(classes="form-row"):
                    with Vertical():
                        yield Label("Company", classes="field-label")
                        yield Input(app.company if app else "", id="company", placeholder="Who is it with?")
                    with Vertical():
                        yield Label("Role", classes="field-label")
                        yield Input(app.role if app else "", id="role", placeholder="e.g. Backend Engineer")
                with Horizontal(classes="form-row"):
                    with Vertical():
                        yield Label("Where you found it (optional)", classes="field-label")
                        yield Input(app.source if app else "", id="source", placeholder="referral, job board")
                    with Vertical():
                        yield Label("Applied on", classes="field-label")
                        placeholder = "its first round's day" if app else "today, Nov 20, 3 days ago"
                        yield Input(self.day_shown, id="applied-on", placeholder=placeholder)
                with Horizontal(classes="form-row"):
                    with Vertical():
                        yield Label("Link (optional)", classes="field-label")
                        yield Input(app.link if app else "", id="link", placeholder="the posting")
                    with Vertical():
                        yield Label("Contact (optional)", classes="field-label")
                        yield Input(
                            app.contact if app else "", id="contact", placeholder="recruiter, referrer"
                        )
                yield Label("Note (optional; tab to reach it)", classes="field-label")
                yield TextArea(app.note if app else "", id="note", classes="note-text")
            yield Label("", classes="form-error")
            yield self.keys_line()

    def _applied_on(self) -> date | None:
        text = self.value("#applied-on").strip()
        if self.application is not None and text == self.day_shown:
            return self.application.applied_on
        if not text:
            if self.application is None:
                return self.now.date()
            return None
        return parse_day(text, self.now.date(), what="applied-on date")

    def build(self) -> Application:
        fields: dict[str, Any] = {
            "company": self.value("#company"),
            "role": self.value("#role"),
            "source": self.value("#source"),
            "note": self.query_one("#note", TextArea).text,
            "link": self.value("#link"),
            "contact": self.value("#contact"),
        }
        applied_on = self._applied_on()
        if self.application is None:
            return Application.new(applied_on=applied_on, now=self.now, **fields)
        return self.application.touched(self.now, applied_on=applied_on, **fields)


class FollowUpForm(FormDialog[date]):
    """A day to follow up on an application: today or later, in the command line's words."""

    def __init__(self, now: datetime, application: Application) -> None:
        super().__init__(now)
        self.application = application

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box form-box"):
            yield Label("A day to follow up", classes="dialog-title")
            yield Label(Content(f"{self.application.company} - {self.application.role}"), classes="hint")
            yield Label("Follow up on", classes="field-label")
            yield Input("in 1 week", id="follow-up-day", placeholder="in 5 days, next monday, Dec 3")
            yield Static(
                "A short, friendly note asking where things stand is normal and often welcome.",
                classes="hint",
            )
            yield Label("", classes="form-error")
            yield self.keys_line()

    def on_mount(self) -> None:
        self.query_one("#follow-up-day", Input).focus()

    def build(self) -> date:
        today = self.now.date()
        day = parse_day(self.value("#follow-up-day") or "today", today, what="follow-up date")
        if day < today:
            raise ValidationError("that day has passed: pick today or a day ahead")
        return day


def next_stage(latest: Stage | None) -> Stage:
    """The stage a new round most likely is: the one after ``latest`` (a phone screen for a first round)."""
    if latest is None:
        return Stage.PHONE_SCREEN
    stages = list(Stage)
    return stages[min(stages.index(latest) + 1, len(stages) - 1)]


def _select_options(members: Any) -> list[tuple[str, str]]:
    return [(m.label.capitalize(), m.value) for m in members]


class RoundForm(FormDialog[Round]):
    """Log a new round for an application, or edit one."""

    def __init__(
        self,
        now: datetime,
        application: Application,
        round_: Round | None = None,
        *,
        latest: Stage | None = None,
    ) -> None:
        """``latest``: the stage of the application's latest round; a new round starts at the one after."""
        super().__init__(now)
        self.application = application
        self.round = round_
        self.default_stage = next_stage(latest)
        self.when_shown = round_.when.strftime("%Y-%m-%d %H:%M") if round_ else "today"
        """The time as the form shows it (minutes, no UTC offset): left as it is, the round keeps its own."""

    def compose(self) -> ComposeResult:
        rnd = self.round
        title = "Edit round" if rnd else "Log a round"
        with Vertical(classes="dialog-box form-box"):
            yield Label(title, classes="dialog-title")
            yield Label(Content(f"{self.application.company} - {self.application.role}"), classes="hint")
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Stage", classes="field-label")
                    yield Select(
                        _select_options(Stage),
                        value=(rnd.stage if rnd else self.default_stage).value,
                        allow_blank=False,
                        id="stage",
                    )
                with Vertical():
                    yield Label("Outcome", classes="field-label")
                    yield Select(
                        _select_options(Outcome),
                        value=(rnd.outcome if rnd else Outcome.PENDING).value,
                        allow_blank=False,
                        id="outcome",
                    )
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("When", classes="field-label")
                    yield Input(
                        self.when_shown, id="when", placeholder="today, yesterday, Nov 20, 2026-11-20 14:00"
                    )
                with Vertical():
                    yield Label("Follow up on (optional)", classes="field-label")
                    follow = rnd.follow_up.isoformat() if rnd and rnd.follow_up else ""
                    yield Input(follow, id="follow-up", placeholder="in 5 days, Dec 3")
            yield Label("Feedback you received (optional)", classes="field-label")
            yield Input(rnd.feedback if rnd else "", id="feedback")
            yield Label("", classes="form-error")
            yield self.keys_line()

    def on_mount(self) -> None:
        self.query_one("#stage", Select).focus()

    def build(self) -> Round:
        stage = Stage(str(self.query_one("#stage", Select).value))
        outcome = Outcome(str(self.query_one("#outcome", Select).value))
        when_text = self.value("#when")
        if self.round is not None and when_text.strip() == self.when_shown:
            when = self.round.when  # untouched: keep its seconds and the UTC offset it was logged with
        else:
            when = parse_moment(when_text or "today", self.now, what="interview date")
        follow_text = self.value("#follow-up").strip()
        follow = parse_day(follow_text, self.now.date(), what="follow-up date") if follow_text else None
        feedback = self.value("#feedback")
        if self.round is None:
            return Round.new(
                self.application.id,
                stage,
                when=when,
                outcome=outcome,
                follow_up=follow,
                now=self.now,
                feedback=feedback,
            )
        return self.round.touched(
            self.now, stage=stage, outcome=outcome, when=when, follow_up=follow, feedback=feedback
        )


class ReflectionForm(FormDialog[Round]):
    """Constructive reflection on one round: ratings, what went well, what to improve, a lesson."""

    CHOICES_ARE_WRITING = True  # four ratings thought through are worth a question before they go
    reframe_prompt = False
    """Whether to offer the reframe prompt (settings.reframe_prompt; set by the app)."""

    def __init__(self, now: datetime, application: Application, round_: Round) -> None:
        super().__init__(now)
        self.application = application
        self.round = round_

    def compose(self) -> ComposeResult:
        rnd = self.round
        with Vertical(classes="dialog-box form-box reflection-box"):
            yield Label("Reflect on this round", classes="dialog-title")
            yield Label(
                Content(f"{rnd.stage.label.capitalize()} at {self.application.company}, {rnd.day:%a %d %b}"),
                classes="hint",
            )
            with VerticalScroll(id="reflection-fields", can_focus=False):
                yield Static(
                    "Look for what you can keep and one thing to try next time, not for blame.",
                    classes="hint",
                )
                for key in RATING_DIMENSIONS:
                    yield Label(RATING_PROMPTS[key], classes="field-label")
                    yield ScalePicker(RATING_WORDS, value=rnd.ratings.get(key), id=f"rate-{key}")
                yield Label(
                    "What went well? Where did you feel confident and yourself?", classes="field-label"
                )
                yield TextArea(rnd.went_well, id="went-well", classes="reflect-text")
                yield Label("What would you do differently next time?", classes="field-label")
                yield TextArea(rnd.to_improve, id="to-improve", classes="reflect-text")
                yield Label("One lesson you take with you", classes="field-label")
                yield TextArea(rnd.lesson, id="lesson", classes="reflect-text")
                yield Label("Outside your control (space to mark)", classes="field-label")
                yield SelectionList[str](
                    *((f.label.capitalize(), f.value, f in rnd.factors) for f in Factor), id="factors"
                )
            yield ReframeNote(id="reframe")
            yield Label("", classes="form-error")
            yield self.keys_line()

    def on_mount(self) -> None:
        self.query_one("#rate-examples", ScalePicker).focus()

    @on(ScalePicker.Confirmed)
    def _rating_confirmed(self) -> None:
        self.focus_next()

    @on(TextArea.Changed)
    def _offer_reframe(self) -> None:
        if self.reframe_prompt:
            texts = (
                self.query_one(f"#{key}", TextArea).text for key in ("went-well", "to-improve", "lesson")
            )
            note = self.query_one(ReframeNote)
            note.check(*texts)
            self.set_class(note.display, "-reframe")  # the fields give the prompt room at 80x24

    def build(self) -> Round:
        ratings = {
            key: value
            for key in RATING_DIMENSIONS
            if (value := self.query_one(f"#rate-{key}", ScalePicker).value) is not None
        }
        factors = tuple(Factor(v) for v in self.query_one("#factors", SelectionList).selected)
        return self.round.touched(
            self.now,
            ratings=ratings,
            went_well=self.query_one("#went-well", TextArea).text,
            to_improve=self.query_one("#to-improve", TextArea).text,
            lesson=self.query_one("#lesson", TextArea).text,
            factors=factors,
        )
