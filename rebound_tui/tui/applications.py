"""What the app does when a person manages an application: delete, archive, withdraw, the quiet offer.

The Interviews screen posts an intent (:mod:`rebound_tui.tui.messages`); the
app's one handler for them (:class:`~rebound_tui.tui.changes.ChangeDialogs`)
imports this module when the first one arrives, so the first paint never pays
for it. Here the app asks when the step is hard to take back (y or n, keyboard
only), the session saves it inside the lock, and one line says what became of
it, kindly.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import date
from functools import partial
from typing import Any

from textual.message import Message

from rebound_tui.core.models import Application
from rebound_tui.core.wording import human_day
from rebound_tui.tui import messages
from rebound_tui.tui.messages import DataUnreadable


def _label(application: Application) -> str:
    """'Acme (Backend Engineer)': user text on one line, for a question or a toast (never markup)."""
    from rebound_tui.core.text import one_line

    return f"{one_line(application.company, 40)} ({one_line(application.role, 40)})"


class ApplicationDialogs:
    """The dialogs and words behind managing an application, for ``app``.

    Args:
        app: the running app, a :class:`~rebound_tui.tui.changes.ChangeDialogs` (not
            imported here: ``changes`` imports this module, and the arrows have no cycles).
        waiting_words: what a save waiting for another rebound-tui says.
    """

    def __init__(self, app: Any, waiting_words: str) -> None:
        self.app = app
        self.waiting_words = waiting_words

    def handle(self, message: Message) -> None:
        """Do what ``message`` asks (one of the managing intents of :mod:`rebound_tui.tui.messages`)."""
        app = self.app
        if isinstance(message, messages.DeleteApplication):
            self.delete_application(message.application)
        elif isinstance(message, messages.ArchiveApplication):
            work = self._archive(message.application, message.archived)
            app.run_worker(work, group="save", name="archive")
        elif isinstance(message, messages.WithdrawApplication):
            self.withdraw_application(message.application)
        elif isinstance(message, messages.QuietOfferShown):
            work = self._note_quiet_offer(message.application, message.day)
            app.run_worker(work, group="save", name="quiet offer")
        elif isinstance(message, messages.QuietAnswered) and message.answer == "ghosted":
            app.run_worker(self._mark_ghosted(message.application), group="save", name="ghosted")
        elif isinstance(message, messages.QuietAnswered) and message.answer == "follow_up":
            self.ask_follow_up(message.application)

    def delete_application(self, application: Application) -> None:
        """Ask (y/n), then delete ``application`` with its rounds; ctrl+z brings them back (app open)."""
        from rebound_tui.core.wording import count_words
        from rebound_tui.tui.dialogs.message import ConfirmDialog

        label = _label(application)
        count = 0
        with contextlib.suppress(DataUnreadable):
            count = len(self.app.session.snapshot.rounds_of(application.id))
        what = f"{label} and its {count_words(count, 'round')}" if count else label
        question = (
            f"Delete {what}? It leaves every figure, as if it had never been logged. "
            "While the app stays open, ctrl+z on Interviews brings it back."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.run_worker(self._delete_application(application, label), group="save", name="delete")

        self.app.push_screen(ConfirmDialog(question, yes="Delete"), answered)

    async def _delete_application(self, application: Application, label: str) -> None:
        result = await self.app.save_in_thread(
            partial(self.app.session.delete_application, application, undo_label=label),
            waiting_words=self.waiting_words,
        )
        self.app.show_result(result, f"Deleted {label}. ctrl+z undoes it.")

    async def _archive(self, application: Application, archived: bool) -> None:
        label = _label(application)
        result = await self.app.save_in_thread(
            partial(self.app.session.set_archived, application, archived, undo_label=label),
            waiting_words=self.waiting_words,
        )
        if archived:
            done = f"Archived {label}. What it reached still counts; l shows the archived ones."
        else:
            done = f"{label} is back in the list."
        self.app.show_result(result, done + " ctrl+z undoes it.")

    def withdraw_application(self, application: Application) -> None:
        """Ask (y/n), then mark ``application`` as withdrawn (what it reached still counts)."""
        from rebound_tui.core.models import AppStatus
        from rebound_tui.tui.dialogs.message import ConfirmDialog

        label = _label(application)
        with contextlib.suppress(DataUnreadable):
            if self.app.session.snapshot.status_of(application.id) is AppStatus.WITHDRAWN:
                self.app.notify(f"{label} is marked as withdrawn already.", timeout=4, markup=False)
                return
        question = f"Mark {label} as withdrawn by you? What it reached still counts."

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.run_worker(self._close(application, label), group="save", name="withdraw")

        self.app.push_screen(ConfirmDialog(question, yes="Withdraw", no="Not now", danger=False), answered)

    async def _close(self, application: Application, label: str) -> None:
        from rebound_tui.core.models import Outcome

        result = await self.app.save_in_thread(
            partial(self.app.session.close_application, application, Outcome.WITHDREW),
            waiting_words=self.waiting_words,
        )
        self.app.show_result(
            result, f"Withdrawn from {label}. Choosing where your energy goes is part of the search."
        )

    async def _note_quiet_offer(self, application: Application, day: date) -> None:
        """Quiet when it works: a note that the offer was made, not something the person asked to save.

        So it says nothing while it waits for another rebound-tui's lock either (a
        "waiting" toast would be about a save the person never asked for).
        """
        result = await asyncio.to_thread(partial(self.app.session.note_quiet_offer, application, day))
        if not result.saved:
            self.app.show_result(result)

    async def _mark_ghosted(self, application: Application) -> None:
        from rebound_tui.core.models import Outcome
        from rebound_tui.core.text import one_line

        result = await self.app.save_in_thread(
            partial(self.app.session.close_application, application, Outcome.GHOSTED),
            waiting_words=self.waiting_words,
        )
        company = one_line(application.company, 40)
        self.app.show_result(
            result, f"Marked {company} as ghosted. Their silence is about their process, not you."
        )

    def ask_follow_up(self, application: Application) -> None:
        """Ask for a day to follow up on ``application`` and save it."""
        from rebound_tui.core.text import one_line
        from rebound_tui.tui.dialogs.forms import FollowUpForm

        async def save(day: date) -> bool:
            result = await self.app.save_in_thread(lambda: self.app.session.set_follow_up(application, day))
            when = human_day(day, self.app.now().date())
            said: bool = self.app.show_result(
                result, f"Follow-up set for {when}: {one_line(application.company, 40)}."
            )
            return said

        form = FollowUpForm(self.app.now(), application)
        form.save_hook = save
        self.app.push_screen(self.app.with_draft(form, f"follow-up:{application.id}"))
