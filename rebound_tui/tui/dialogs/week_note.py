"""The weekly review's small form: one thing to keep and one thing to try in the coming week."""

from __future__ import annotations

from datetime import date, datetime

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label

from rebound_tui.core.models import MAX_SHORT_TEXT, ValidationError, WeekNote
from rebound_tui.tui.dialogs.forms import FormDialog

KEEP_PROMPT = "One thing to keep (something that helped this week)"
TRY_PROMPT = "One thing to try (small is fine)"


class WeekNoteForm(FormDialog[WeekNote]):
    """Write, or rewrite, the note for the week starting ``week``; answers with the note to save."""

    AUTO_FOCUS = "#keep"

    def __init__(self, now: datetime, week: date, note: WeekNote | None, label: str) -> None:
        super().__init__(now)
        self.week = week
        self.note = note
        self.label = label

    def compose(self) -> ComposeResult:
        note = self.note
        with Vertical(classes="dialog-box form-box", id="week-note-box"):
            yield Label(
                Content(f"For the week of {self.week:%a} {self.week.day} {self.week:%b}"),
                classes="dialog-title",
            )
            yield Label(Content(f"Looking back on {self.label}"), classes="hint")
            yield Label(KEEP_PROMPT, classes="field-label")
            yield Input(
                note.keep if note else "",
                id="keep",
                max_length=MAX_SHORT_TEXT,
                placeholder="e.g. a walk after applying",
            )
            yield Label(TRY_PROMPT, classes="field-label")
            yield Input(
                note.try_next if note else "",
                id="try",
                max_length=MAX_SHORT_TEXT,
                placeholder="e.g. one coffee chat",
            )
            yield Label("", classes="form-error")
            yield self.keys_line()

    def build(self) -> WeekNote:
        keep, try_next = self.value("#keep").strip(), self.value("#try").strip()
        if not keep and not try_next:
            raise ValidationError("Write one thing to keep or one thing to try (or both).")
        return WeekNote.new(self.week, keep=keep, try_next=try_next, now=self.now)
