"""The check-in: a mood with the keys 1–5 and enter; everything else is optional."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import AwaitMount, Widget
from textual.widgets import Input, Label, SelectionList, Static

from rebound_tui.core.models import (
    DEFAULT_ACTIVITIES,
    DEFAULT_FEELINGS,
    ENERGY,
    MOODS,
    CheckIn,
    ValidationError,
)
from rebound_tui.core.text import split_tags
from rebound_tui.tui.dialogs.saving import SavingDialog
from rebound_tui.tui.widgets.scale import ScalePicker

LIKELY_FEELINGS = {
    "low": ("disappointed", "frustrated", "anxious", "tired"),
    "okay": ("calm", "tired", "anxious", "hopeful"),
    "good": ("hopeful", "confident", "motivated", "proud", "calm"),
}
"""Feelings listed first for a mood (1-2 low, 3 okay, 4-5 good), so the likely ones show unscrolled."""
CHECKED = "✓ "
UNCHECKED = "  "
"""Before each tag: its state in a character, readable without colour (the box differs only by colour)."""


def feelings_for_mood(tags: tuple[str, ...], mood: int | None) -> tuple[str, ...]:
    """``tags`` with the ones likely for ``mood`` first (the rest in their own order)."""
    if mood is None:
        return tags
    likely = LIKELY_FEELINGS["low" if mood <= 2 else "okay" if mood == 3 else "good"]
    return tuple(dict.fromkeys((*(t for t in likely if t in tags), *tags)))


def tag_prompt(tag: str, chosen: bool) -> str:
    return f"{CHECKED if chosen else UNCHECKED}{tag}"


class CheckinDialog(SavingDialog[CheckIn]):
    """How are you, right now? Answers with a new CheckIn, or None when cancelled.

    Given ``existing``, the same form edits that check-in: it opens filled in and
    answers with a touched copy that keeps its id and moment.

    | Key | Description |
    | :- | :- |
    | `1`–`5` | Mood (awful .. great). |
    | `enter` | Save. |
    | `ctrl+s` | Save from any field. |
    | `tab` | Energy, feelings, activities, note. |
    | `ctrl+g` / `escape` | Close; asks first (y/n) when text was typed. |
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="checkin.save", priority=True),
        Binding("ctrl+g", "cancel", "Cancel", id="checkin.cancel"),
        Binding("escape", "cancel", "Cancel", show=False, id="checkin.cancel_escape"),
        # Priority: run when the key arrives, so text typed right after lands in the next field.
        Binding("tab", "more", "More", show=False, priority=True, id="checkin.more"),
        Binding("shift+tab", "back", "Back", show=False, priority=True, id="checkin.back"),
    ]

    def __init__(
        self,
        now: datetime,
        *,
        extra_feelings: tuple[str, ...] = (),
        extra_activities: tuple[str, ...] = (),
        existing: CheckIn | None = None,
    ) -> None:
        super().__init__(classes="dialog")
        self.now = now
        self.existing = existing
        had_feelings, had_activities = (existing.feelings, existing.activities) if existing else ((), ())
        self.feeling_tags = tuple(dict.fromkeys((*DEFAULT_FEELINGS, *extra_feelings, *had_feelings)))
        self.activity_tags = tuple(dict.fromkeys((*DEFAULT_ACTIVITIES, *extra_activities, *had_activities)))

    def compose(self) -> ComposeResult:
        had = self.existing
        with Vertical(id="checkin-box", classes="dialog-box"):
            if had is None:
                yield Label("How are you feeling right now?", classes="dialog-title")
            else:
                yield Label(
                    f"Edit the check-in of {had.timestamp:%a %d %b %Y, %H:%M}", classes="dialog-title"
                )
            yield ScalePicker(MOODS, value=had.mood if had else None, optional=False, id="mood")
            yield Label("Press 1-5, then enter. The rest is optional.", id="mood-hint", classes="hint")
            # The optional fields are mounted on the first tab (or at once when editing):
            # the five-second path (c, 1-5, enter) should not wait for widgets it never uses.
            yield VerticalScroll(id="checkin-extras", can_focus=False)
            yield Static("enter save · ctrl+s save · tab more · ctrl+g cancel", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#mood", ScalePicker).focus()
        if self.existing is not None:
            self._mount_extras()
        # SavingDialog.on_mount runs next: it notes the fields as they open.

    def _extras(self) -> list[Widget]:
        had = self.existing
        mood = self.query_one("#mood", ScalePicker).value
        feelings = SelectionList[str](
            *(
                (tag_prompt(t, chosen), t, chosen)
                for t in feelings_for_mood(self.feeling_tags, mood)
                for chosen in [had is not None and t in had.feelings]
            ),
            id="feelings",
        )
        activities = SelectionList[str](
            *(
                (tag_prompt(t, chosen), t, chosen)
                for t in self.activity_tags
                for chosen in [had is not None and t in had.activities]
            ),
            id="activities",
        )
        return [
            Label("Energy", classes="field-label"),
            ScalePicker(ENERGY, value=had.energy if had else None, id="energy"),
            Horizontal(
                Vertical(Label("Feelings", classes="field-label"), feelings),
                Vertical(Label("Today I...", classes="field-label"), activities),
                id="tag-columns",
            ),
            Label("More tags (comma-separated, yours to name)", classes="field-label"),
            Input(placeholder="e.g. relieved, walked the dog", id="own-tags"),
            Label("Note", classes="field-label"),
            Input(
                had.note if had else "", placeholder="Anything you want to remember about today", id="note"
            ),
        ]

    def _mount_extras(self) -> AwaitMount | None:
        """Mount the optional fields once; what to await for them, or None if they were there."""
        box = self.query_one("#checkin-extras", VerticalScroll)
        if box.children:
            return None
        mounting = box.mount_all(self._extras())
        self.remember_initial()  # the new fields as they open count as untouched
        return mounting

    async def action_more(self) -> None:
        """Tab: open the optional fields the first time, then move through them.

        Awaited by the app before it routes the next key (a priority binding), so the
        fields exist and have the focus before any text typed after the tab arrives.
        """
        await self.settle_focused()
        mounting = self._mount_extras()
        if mounting is not None:
            await mounting
            # Screen.set_focus, at once: Widget.focus() is queued behind the keys still to come.
            self.set_focus(self.query_one("#energy", ScalePicker))
        else:
            self.focus_next()

    async def action_back(self) -> None:
        await self.settle_focused()
        self.focus_previous()

    @on(SelectionList.SelectedChanged)
    def _mark_chosen_tags(self, event: SelectionList.SelectedChanged[str]) -> None:
        """Mark each tag's state in its text as well (SavingDialog keeps the draft)."""
        tags = event.selection_list
        chosen = set(tags.selected)
        for index in range(tags.option_count):
            value = str(tags.get_option_at_index(index).value)  # type: ignore[attr-defined]
            prompt = tag_prompt(value, value in chosen)
            if str(tags.get_option_at_index(index).prompt) != prompt:
                tags.replace_option_prompt_at_index(index, prompt)

    async def restore_fields(self, fields: dict[str, Any]) -> None:
        """Put a draft back, opening the optional fields first when it filled any."""
        if set(fields) - {"mood"}:
            mounting = self._mount_extras()
            if mounting is not None:
                await mounting
        await super().restore_fields(fields)

    @on(ScalePicker.Confirmed)
    @on(Input.Submitted)
    def _confirmed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        mood = self.query_one("#mood", ScalePicker).value
        if mood is None:
            self.notify("Pick a mood first: press a key from 1 (awful) to 5 (great).", severity="warning")
            self.query_one("#mood", ScalePicker).focus()
            return
        feelings: list[str] = []
        activities: list[str] = []
        own: list[str] = []
        energy: int | None = None
        note = ""
        if self.query("#note"):  # the optional fields were opened
            feelings = list(self.query_one("#feelings", SelectionList).selected)
            activities = list(self.query_one("#activities", SelectionList).selected)
            own = split_tags([self.query_one("#own-tags", Input).value])
            energy = self.query_one("#energy", ScalePicker).value
            note = self.query_one("#note", Input).value
        elif self.existing is not None:
            feelings, activities = list(self.existing.feelings), list(self.existing.activities)
            energy, note = self.existing.energy, self.existing.note
        if self.existing is not None:  # the lists show tags in their own order: keep the saved one
            if set(feelings + own) == set(self.existing.feelings):
                feelings, own = list(self.existing.feelings), []
            if set(activities) == set(self.existing.activities):
                activities = list(self.existing.activities)
        try:
            if self.existing is not None:
                record = self.existing.touched(
                    self.now,
                    mood=mood,
                    energy=energy,
                    feelings=(*feelings, *own),
                    activities=tuple(activities),
                    note=note,
                )
            else:
                record = CheckIn.new(
                    mood,
                    timestamp=self.now,
                    energy=energy,
                    feelings=[*feelings, *own],
                    activities=activities,
                    note=note,
                    now=self.now,
                )
        except ValidationError as exc:
            self.notify(str(exc), severity="error", markup=False)  # may quote what was typed
            return
        self.confirm(record)

    def action_cancel(self) -> None:
        self.cancel()
