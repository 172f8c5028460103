"""Dialogs that stay open while their answer is saved, keep drafts, and never drop typed text.

The app gives a dialog a ``save_hook`` (attributes down): on confirm the dialog
hands its answer to the hook and stays open while the hook saves it (in a
worker, so a save waiting for another rebound-tui never freezes the screen).
The dialog closes only when the hook says so; otherwise everything typed is
still there, and ctrl+s tries again. Without a hook the dialog simply answers.

Drafts: given a ``drafts`` keeper and a ``draft_key``, the dialog keeps its
fields as a draft a moment after each change (:data:`DRAFT_DELAY`), and at once
when asked (:meth:`SavingDialog.flush_draft`: the app on SIGHUP/SIGTERM or quit).
The draft goes when the answer is saved or the person lets it go. Given an
``offered_draft``, the dialog asks "Continue your draft?" as it opens.

Closing (ctrl+g, escape) a dialog holding typed text (or, in the reflection,
ratings) asks first, y or n, so a reflexive escape never throws writing away;
a check-in with only a mood picked closes at once.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Generic, Protocol, TypeVar

from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widget import Widget

from rebound_tui.tui.resources import style

T = TypeVar("T")

SaveHook = Callable[[T], Awaitable[bool]]
"""Saves the dialog's answer; True when the dialog may close, False to keep it open."""

STILL_SAVING = "Still saving, one moment. Your text is kept."
DRAFT_DELAY = 0.6
"""Seconds after the last change before the draft is written (a burst of typing writes once)."""
LET_GO_QUESTION = "Close this form and let go of what you wrote here?"
CONTINUE_QUESTION = "Continue your draft? It was kept from the last time this form was open."

SETTLE_SECONDS = 2.0
"""The longest a move between fields waits for the field being left (see settle_focused)."""

Fields = dict[str, Any]


class DraftKeeper(Protocol):
    """Where a dialog's drafts go (the app hands one down; dialogs never import storage)."""

    def keep(self, key: str, fields: Mapping[str, Any]) -> None:
        """Keep ``fields`` as the draft of ``key``; never raises (a problem is said once)."""
        ...

    def drop(self, key: str) -> None:
        """Let the draft of ``key`` go; never raises."""
        ...


FIELD_TYPES = ("Input", "TextArea", "Select", "SelectionList", "ScalePicker")
"""The kinds of field a draft holds, by name: the check-in should not import TextArea or Select to ask."""
FIELDS_QUERY = ",".join(FIELD_TYPES)


def _kind(widget: Widget) -> str | None:
    return next((c.__name__ for c in type(widget).__mro__ if c.__name__ in FIELD_TYPES), None)


def field_value(widget: Widget) -> Any:
    """A field's value as JSON holds it (text, a number or None, the tags chosen)."""
    kind = _kind(widget)
    value: Any = None
    if kind == "Input":
        value = getattr(widget, "value", "")
    elif kind == "TextArea":
        value = getattr(widget, "text", "")
    elif kind == "Select":
        value = getattr(widget, "value", None)
        value = None if value is getattr(type(widget), "NULL", None) else str(value)
    elif kind == "SelectionList":
        value = [str(v) for v in getattr(widget, "selected", ())]
    elif kind == "ScalePicker":
        value = getattr(widget, "value", None)
    return value


def set_field_value(widget: Widget, value: Any) -> None:
    """Put a value from a draft back into its field (values that do not fit are skipped)."""
    kind = _kind(widget)
    with contextlib.suppress(Exception):  # a draft written by another version may not fit
        if kind == "TextArea" and isinstance(value, str):
            widget.load_text(value)  # type: ignore[attr-defined]
        elif kind in ("Input", "Select") and isinstance(value, str):
            widget.value = value  # type: ignore[attr-defined]
        elif kind == "SelectionList" and isinstance(value, list):
            widget.deselect_all()  # type: ignore[attr-defined]
            for item in value:
                widget.select(item)  # type: ignore[attr-defined]
        elif kind == "ScalePicker" and (value is None or isinstance(value, int)):
            widget.value = value  # type: ignore[attr-defined]


class SavingDialog(ModalScreen[T | None], Generic[T]):
    """A modal whose answer is saved while it stays open (see the module docstring)."""

    CSS_PATH = style("dialogs.tcss")

    save_hook: SaveHook[T] | None = None
    """Set by the app before the dialog is shown."""
    saving = False
    """True while the hook runs: a second confirm or a cancel waits for it."""
    drafts: DraftKeeper | None = None
    """Where drafts go; set by the app with ``draft_key`` (without one, no drafts are kept)."""
    draft_key: str | None = None
    offered_draft: Fields | None = None
    """A draft kept from before: the dialog offers to continue it as it opens."""

    _initial: Fields | None = None
    _draft_timer: Timer | None = None
    _draft_dirty = False
    _draft_kept = False
    """True once this dialog wrote a draft (back to untouched, it drops it; else it leaves drafts alone)."""
    _asking = False

    # ----------------------------------------------------------------- fields

    def draft_fields(self) -> Fields:
        """Every field with an id, as it is now (fields not mounted yet are left out)."""
        return {w.id: field_value(w) for w in self.query(FIELDS_QUERY) if w.id}

    def remember_initial(self) -> None:
        """Note how the fields look now as "untouched" (at open, and for fields mounted later)."""
        now = self.draft_fields()
        if self._initial is None:
            self._initial = now
        else:
            for key, value in now.items():
                self._initial.setdefault(key, value)

    def changed_fields(self) -> Fields:
        """The fields that differ from how the dialog opened."""
        initial = self._initial or {}
        return {k: v for k, v in self.draft_fields().items() if k in initial and initial[k] != v}

    @property
    def touched(self) -> bool:
        """True when something differs from how the dialog opened (a draft is worth keeping)."""
        return bool(self.changed_fields())

    CHOICES_ARE_WRITING = False
    """Whether picks (a scale, a list) count as writing that closing must ask about, not only text."""

    @property
    def holds_writing(self) -> bool:
        """True when closing would throw away something written (typed text; picks where they count)."""
        changed = self.changed_fields()
        if self.CHOICES_ARE_WRITING:
            return bool(changed)
        texts = {w.id for w in self.query("Input,TextArea") if w.id}
        return any(key in texts for key in changed)

    async def restore_fields(self, fields: Fields) -> None:
        """Put a draft's values back into the fields (a dialog mounts optional fields first)."""
        for widget in self.query(FIELDS_QUERY):
            if widget.id in fields:
                set_field_value(widget, fields[widget.id])

    # ----------------------------------------------------------------- lifecycle

    def on_mount(self) -> None:
        # Every on_mount along the class hierarchy runs (subclass first): the fields
        # the subclass filled in are there by now.
        self.remember_initial()
        if self.offered_draft:
            self.call_after_refresh(self._offer_draft)

    def _offer_draft(self) -> None:
        from rebound_tui.tui.dialogs.message import ConfirmDialog

        draft = self.offered_draft or {}
        self.offered_draft = None

        async def answered(yes: bool | None) -> None:
            if yes:
                await self.restore_fields(draft)
                self.call_after_refresh(self._focus_where_writing_stopped)
                self.notify("Your draft is back. ctrl+s saves it.", timeout=4)
            else:
                self._drop_draft()

        self.app.push_screen(
            ConfirmDialog(CONTINUE_QUESTION, yes="Continue", no="Start afresh", danger=False, escape=True),
            answered,
        )

    # Each field's change, by handler name (no import of the widget classes needed).
    def on_input_changed(self) -> None:
        self.field_changed()

    def on_text_area_changed(self) -> None:
        self.field_changed()

    def on_select_changed(self) -> None:
        self.field_changed()

    def on_selection_list_selected_changed(self) -> None:
        self.field_changed()

    def on_scale_picker_changed(self) -> None:
        self.field_changed()

    def _focus_where_writing_stopped(self) -> None:
        """After a draft comes back: the last text field it filled, cursor at the end of its text."""
        changed = self.changed_fields()
        texts = [w for w in self.query("Input,TextArea") if w.id in changed]
        if not texts:
            return
        field = texts[-1]
        field.focus()
        with contextlib.suppress(Exception):
            if _kind(field) == "TextArea":
                field.move_cursor(field.document.end)  # type: ignore[attr-defined]
            else:
                field.cursor_position = len(field_value(field))  # type: ignore[attr-defined]

    def field_changed(self) -> None:
        """A field changed: write the draft once the typing pauses."""
        if self.draft_key is None or self.drafts is None or self._initial is None or self.offered_draft:
            return
        self._draft_dirty = True
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.flush_draft)

    def flush_draft(self) -> None:
        """Write the draft now if it changed since it was last written (or drop it if untouched)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if not self._draft_dirty or self.draft_key is None or self.drafts is None:
            return
        self._draft_dirty = False
        if self.touched:
            self.drafts.keep(self.draft_key, self.draft_fields())
            self._draft_kept = True
        elif self._draft_kept:  # typed, then undone by hand: nothing left worth keeping
            self.drafts.drop(self.draft_key)
            self._draft_kept = False

    def _drop_draft(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        self._draft_dirty = False
        if self.draft_key is not None and self.drafts is not None:
            self.drafts.drop(self.draft_key)

    # ----------------------------------------------------------------- moving between fields

    async def settle_focused(self) -> None:
        """Wait until the focused field has handled the keys already sent to it.

        The app routes each key to the field focused when the key arrives, and the
        field handles it later, in its own queue (a digit through the bindings of
        whatever is focused by then). A priority binding that moves the focus waits
        here first, so keys typed before a tab act where they were typed and keys
        after it reach the next field. (A callback queued on the field runs after the
        keys queued before it.)
        """
        field = self.focused
        if field is None:
            return
        handled = asyncio.Event()
        if field.call_later(handled.set):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(handled.wait(), SETTLE_SECONDS)

    # ----------------------------------------------------------------- answers

    def confirm(self, answer: T) -> None:
        """Save ``answer`` through the hook (the dialog closes when it is saved), or answer with it."""
        if self.save_hook is None:
            self._drop_draft()
            self.dismiss(answer)
            return
        if self.saving:
            self.notify(STILL_SAVING, timeout=3)
            return
        self.saving = True
        self.app.run_worker(self._save(self.save_hook, answer), group="save", name="save")

    async def _save(self, hook: SaveHook[T], answer: T) -> None:
        try:
            done = await hook(answer)
        finally:
            self.saving = False
        if done and self.is_attached:
            self._drop_draft()
            self.dismiss(answer)

    def cancel(self) -> None:
        """Close without saving; ask first when something was typed, wait while a save runs."""
        if self.saving:
            self.notify(STILL_SAVING, timeout=3)
            return
        if not self.holds_writing:
            self._drop_draft()
            self.dismiss(None)
            return
        if self._asking:
            return
        from rebound_tui.tui.dialogs.message import ConfirmDialog

        self._asking = True
        self.flush_draft()  # kept while the question is open, whatever happens next

        def answered(yes: bool | None) -> None:
            self._asking = False
            if yes:
                self._drop_draft()
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(LET_GO_QUESTION, yes="Let it go", no="Keep writing"), answered)
