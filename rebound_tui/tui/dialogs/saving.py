"""Dialogs that stay open while their answer is saved, and keep the text if it cannot be.

The app gives a dialog a ``save_hook`` (attributes down): on confirm the dialog
hands its answer to the hook and stays open while the hook saves it (in a
worker, so a save waiting for another rebound-tui never freezes the screen).
The dialog closes only when the hook says so; otherwise everything typed is
still there, and ctrl+s tries again. Without a hook the dialog simply answers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from textual.screen import ModalScreen

T = TypeVar("T")

SaveHook = Callable[[T], Awaitable[bool]]
"""Saves the dialog's answer; True when the dialog may close, False to keep it open."""

STILL_SAVING = "Still saving, one moment. Your text is kept."


class SavingDialog(ModalScreen[T | None], Generic[T]):
    """A modal whose answer is saved while it stays open (see the module docstring)."""

    save_hook: SaveHook[T] | None = None
    """Set by the app before the dialog is shown."""
    saving = False
    """True while the hook runs: a second confirm or a cancel waits for it."""

    def confirm(self, answer: T) -> None:
        """Save ``answer`` through the hook (the dialog closes when it is saved), or answer with it."""
        if self.save_hook is None:
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
            self.dismiss(answer)

    def cancel(self) -> None:
        """Close without saving, unless a save is under way (it cannot be taken back halfway)."""
        if self.saving:
            self.notify(STILL_SAVING, timeout=3)
            return
        self.dismiss(None)
