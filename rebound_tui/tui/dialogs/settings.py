"""Settings in the app (key ``s``): weekly target, first day, action tags, quiet days, theme, pauses.

The settings are read and checked by :mod:`rebound_tui.core.preferences`, the
same rules as ``rebound-tui settings``, so a target of 0 or "three" gets the
same one line in both, and the dialog stays open with everything as typed.
ctrl+s hands the changed settings (only those) to the app, which saves them
inside the lock. Pauses are records of their own: each one added (enter in its
note) or deleted (``d`` on the list) is saved at once, through hooks the app
sets (attributes down); the list then shows the pauses as saved.

The module is imported the first time Settings opens, never for the first paint.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from rebound_tui.core.dates import parse_day
from rebound_tui.core.models import JOB_SEARCH_ACTIVITIES, THEMES, RestDay, Settings, ValidationError
from rebound_tui.core.preferences import WEEKDAYS, pause_span, settings_changes
from rebound_tui.core.text import one_line
from rebound_tui.tui.dialogs.forms import FormDialog
from rebound_tui.tui.themes import friendly

PauseHook = Callable[[RestDay], Awaitable["Sequence[RestDay] | None"]]
"""Saves (or deletes) one pause; the pauses as saved afterwards, or None when it was not saved."""

NO_PAUSES = "No pauses yet. Add one below: a planned break your streak passes over."
PAUSE_KEYS = "Pauses save at once: enter in Note adds one, d deletes the one selected."


def pause_label(rest: RestDay) -> Content:
    """One pause on one line: its days and its note (user text, never markup)."""
    note = f"  {one_line(rest.note, 36)}" if rest.note else ""
    return Content(pause_span(rest.start, rest.end) + note)


class PauseList(OptionList):
    """The pauses, newest first; ``d`` or delete asks to delete the one selected.

    | Key | Description |
    | :- | :- |
    | `d` / `delete` | Delete the pause selected (asks first). |
    """

    BINDINGS = [Binding("d,delete", "delete_pause", "Delete pause", id="settings.delete_pause")]

    @dataclass
    class DeleteAsked(Message):
        """The person asked to delete the pause with ``rest_id``."""

        rest_id: str

    def action_delete_pause(self) -> None:
        index = self.highlighted
        if index is None:
            return
        option = self.get_option_at_index(index)
        if option.id is not None:
            self.post_message(self.DeleteAsked(option.id))


class SettingsDialog(FormDialog[dict[str, Any]]):
    """The settings as a form; answers with the settings changed (see the module docstring).

    | Key | Description |
    | :- | :- |
    | `ctrl+s` | Save the settings. |
    | `enter` | Next field; in a pause's note, add the pause. |
    | `d` | On the list of pauses: delete the one selected. |
    | `ctrl+g` / `escape` | Close (asks first when something was typed). |
    """

    add_pause_hook: PauseHook | None = None
    delete_pause_hook: PauseHook | None = None

    def __init__(self, now: datetime, settings: Settings, pauses: Sequence[RestDay]) -> None:
        super().__init__(now)
        self.settings = settings
        self.pauses = sorted(pauses, key=lambda r: r.start, reverse=True)
        self._pause_busy = False

    def compose(self) -> ComposeResult:
        current = self.settings
        with Vertical(classes="dialog-box form-box settings-box"):
            yield Label("Settings", classes="dialog-title")
            with VerticalScroll(id="settings-fields", can_focus=False):
                with Horizontal(classes="form-row", id="settings-first-row"):
                    with Vertical():
                        yield Label("Actions a week", classes="field-label")
                        yield Input(str(current.weekly_target), id="weekly-target", placeholder="1 to 50")
                    with Vertical():
                        yield Label("Week starts on", classes="field-label")
                        yield Select(
                            [(day.capitalize(), day) for day in WEEKDAYS],
                            value=WEEKDAYS[current.first_day_of_week],
                            allow_blank=False,
                            id="first-day",
                        )
                    with Vertical():
                        yield Label("Theme", classes="field-label")
                        yield Select(
                            [(friendly(name), name) for name in THEMES],
                            value=current.theme if current.theme in THEMES else THEMES[0],
                            allow_blank=False,
                            id="theme",
                        )
                with Horizontal(classes="form-row"):
                    with Vertical(classes="wide"):
                        yield Label("Your own tags that count as actions", classes="field-label")
                        yield Input(
                            ", ".join(current.action_tags),
                            id="action-tags",
                            placeholder="e.g. job fair, mentoring",
                        )
                    with Vertical():
                        yield Label("Quiet after (days)", classes="field-label")
                        yield Input(str(current.quiet_days), id="quiet-days", placeholder="1 to 365")
                yield Static(
                    "Always counted: " + ", ".join(sorted(JOB_SEARCH_ACTIVITIES)) + ".",
                    id="built-in-tags",
                    classes="hint",
                )
                yield Checkbox(
                    "Offer a kinder look when a reflection is hard on you",
                    current.reframe_prompt,
                    id="reframe-prompt",
                )
                yield Label("Pauses", classes="section-title")
                yield PauseList(id="pauses")
                with Horizontal(classes="form-row"):
                    with Vertical():
                        yield Label("From", classes="field-label")
                        yield Input(id="pause-from", placeholder="e.g. Dec 24")
                    with Vertical():
                        yield Label("To (optional)", classes="field-label")
                        yield Input(id="pause-to", placeholder="e.g. Jan 2")
                    with Vertical(classes="wide"):
                        yield Label("Note (optional)", classes="field-label")
                        yield Input(id="pause-note", placeholder="what it is for")
                yield Static(PAUSE_KEYS, classes="hint")
            yield Label("", classes="form-error")
            yield Static("ctrl+s save · tab next field · ctrl+g close", classes="dialog-keys")

    def on_mount(self) -> None:
        self.show_pauses(self.pauses)
        self.query_one("#weekly-target", Input).focus()

    # ----------------------------------------------------------------- settings

    def build(self) -> dict[str, Any]:
        """The settings changed since the dialog opened, each checked (one line if not valid)."""
        first_day = self.query_one("#first-day", Select).value
        theme = self.query_one("#theme", Select).value
        return settings_changes(
            self.settings,
            weekly_target=self.value("#weekly-target"),
            first_day_of_week=str(first_day),
            theme=str(theme),
            action_tags=self.value("#action-tags"),
            quiet_days=self.value("#quiet-days"),
            reframe_prompt=self.query_one("#reframe-prompt", Checkbox).value,
        )

    async def action_enter_next(self) -> None:
        """Enter in a pause's note adds the pause; elsewhere it moves on (the last settings field saves)."""
        if self.focused is not None and self.focused.id == "pause-note":
            await self.settle_focused()
            self.add_pause()
            return
        if self.focused is not None and self.focused.id == "quiet-days":
            await self.settle_focused()
            await self.action_save()
            return
        await self.settle_focused()
        self.focus_next()

    # ----------------------------------------------------------------- pauses

    def show_pauses(self, pauses: Sequence[RestDay]) -> None:
        """Show ``pauses`` (newest first), or a kind line when there are none."""
        self.pauses = sorted(pauses, key=lambda r: r.start, reverse=True)
        listing = self.query_one("#pauses", PauseList)
        listing.clear_options()
        if self.pauses:
            listing.add_options(Option(pause_label(rest), id=rest.id) for rest in self.pauses)
            listing.highlighted = 0
        else:
            listing.add_option(Option(NO_PAUSES, disabled=True))

    def add_pause(self) -> None:
        """Read the pause typed below the list and save it through the app (text kept if it is not valid)."""
        if self.add_pause_hook is None or self._pause_busy:
            return
        today = self.now.date()
        try:
            start = parse_day(self.value("#pause-from"), today, what="pause start")
            end_text = self.value("#pause-to")
            end = parse_day(end_text, today, what="pause end") if end_text.strip() else start
            rest = RestDay.new(start, end, note=self.value("#pause-note"), now=self.now)
        except ValidationError as exc:
            self.error(str(exc))
            return
        self.error("")
        self._pause_busy = True
        self.app.run_worker(self._save_pause(self.add_pause_hook, rest, added=True), group="save")

    async def _save_pause(self, hook: PauseHook, rest: RestDay, *, added: bool) -> None:
        try:
            pauses = await hook(rest)
        finally:
            self._pause_busy = False
        if pauses is None or not self.is_attached:
            return  # not saved: the app said why; what was typed stays
        self.show_pauses(pauses)
        if added:
            for selector in ("#pause-from", "#pause-to", "#pause-note"):
                self.query_one(selector, Input).value = ""
            self.query_one("#pause-from", Input).focus()

    @on(PauseList.DeleteAsked)
    def _delete_asked(self, message: PauseList.DeleteAsked) -> None:
        rest = next((r for r in self.pauses if r.id == message.rest_id), None)
        hook = self.delete_pause_hook
        if rest is None or hook is None or self._pause_busy:
            return
        from rebound_tui.tui.dialogs.message import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self._pause_busy = True
                self.app.run_worker(self._save_pause(hook, rest, added=False), group="save")

        question = f"Delete the pause {pause_span(rest.start, rest.end)}?"
        self.app.push_screen(ConfirmDialog(question, yes="Delete"), answered)
