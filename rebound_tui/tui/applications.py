"""What the app does when a person manages an application: delete, archive, withdraw, the quiet offer.

A part of the app like :class:`~rebound_tui.tui.changes.ChangeDialogs`, which it
extends: the Interviews screen posts an intent (:mod:`rebound_tui.tui.messages`),
this asks when the step is hard to take back (y or n, keyboard only), the session
saves it inside the lock, and one line says what became of it, kindly. Kept apart
from ``changes.py`` so each stays short enough to read on its own.
"""

from __future__ import annotations

import contextlib
from datetime import date
from functools import partial

from textual import on

from rebound_tui.core.models import Application
from rebound_tui.core.wording import human_day
from rebound_tui.tui import messages
from rebound_tui.tui.changes import WAITING_NO_TEXT, ChangeDialogs
from rebound_tui.tui.messages import DataUnreadable


def _label(application: Application) -> str:
    """'Acme (Backend Engineer)': user text on one line, for a question or a toast (never markup)."""
    from rebound_tui.core.text import one_line

    return f"{one_line(application.company, 40)} ({one_line(application.role, 40)})"


class ApplicationDialogs(ChangeDialogs):
    """The dialogs and words behind managing an application (a part of the app, see above)."""

    @on(messages.DeleteApplication)
    def _delete_application_requested(self, message: messages.DeleteApplication) -> None:
        self.delete_application(message.application)

    @on(messages.ArchiveApplication)
    def _archive_requested(self, message: messages.ArchiveApplication) -> None:
        self.run_worker(self._archive(message.application, message.archived), group="save", name="archive")

    @on(messages.WithdrawApplication)
    def _withdraw_requested(self, message: messages.WithdrawApplication) -> None:
        self.withdraw_application(message.application)

    @on(messages.QuietOfferShown)
    def _quiet_offer_shown(self, message: messages.QuietOfferShown) -> None:
        app, day = message.application, message.day
        self.run_worker(self._note_quiet_offer(app, day), group="save", name="quiet offer")

    @on(messages.QuietAnswered)
    def _quiet_answered(self, message: messages.QuietAnswered) -> None:
        if message.answer == "ghosted":
            self.run_worker(self._mark_ghosted(message.application), group="save", name="ghosted")
        elif message.answer == "follow_up":
            self.ask_follow_up(message.application)

    def delete_application(self, application: Application) -> None:
        """Ask (y/n), then delete ``application`` with its rounds; ctrl+z brings them back (app open)."""
        from rebound_tui.core.wording import count_words
        from rebound_tui.tui.dialogs.message import ConfirmDialog

        label = _label(application)
        count = 0
        with contextlib.suppress(DataUnreadable):
            count = len(self.session.snapshot.rounds_of(application.id))
        what = f"{label} and its {count_words(count, 'round')}" if count else label
        question = (
            f"Delete {what}? It leaves every figure, as if it had never been logged. "
            "While the app stays open, ctrl+z on Interviews brings it back."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._delete_application(application, label), group="save", name="delete")

        self.push_screen(ConfirmDialog(question, yes="Delete"), answered)

    async def _delete_application(self, application: Application, label: str) -> None:
        result = await self.save_in_thread(
            partial(self.session.delete_application, application, undo_label=label),
            waiting_words=WAITING_NO_TEXT,
        )
        self.show_result(result, f"Deleted {label}. ctrl+z undoes it.")

    async def _archive(self, application: Application, archived: bool) -> None:
        label = _label(application)
        result = await self.save_in_thread(
            partial(self.session.set_archived, application, archived, undo_label=label),
            waiting_words=WAITING_NO_TEXT,
        )
        if archived:
            done = f"Archived {label}. What it reached still counts; l shows the archived ones."
        else:
            done = f"{label} is back in the list."
        self.show_result(result, done + " ctrl+z undoes it.")

    def withdraw_application(self, application: Application) -> None:
        """Ask (y/n), then mark ``application`` as withdrawn (what it reached still counts)."""
        from rebound_tui.core.models import AppStatus
        from rebound_tui.tui.dialogs.message import ConfirmDialog

        label = _label(application)
        with contextlib.suppress(DataUnreadable):
            if self.session.snapshot.status_of(application.id) is AppStatus.WITHDRAWN:
                self.notify(f"{label} is marked as withdrawn already.", timeout=4, markup=False)
                return
        question = f"Mark {label} as withdrawn by you? What it reached still counts."

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._close(application, label), group="save", name="withdraw")

        self.push_screen(ConfirmDialog(question, yes="Withdraw", no="Not now", danger=False), answered)

    async def _close(self, application: Application, label: str) -> None:
        from rebound_tui.core.models import Outcome

        result = await self.save_in_thread(
            partial(self.session.close_application, application, Outcome.WITHDREW),
            waiting_words=WAITING_NO_TEXT,
        )
        self.show_result(
            result, f"Withdrawn from {label}. Choosing where your energy goes is part of the search."
        )

    async def _note_quiet_offer(self, application: Application, day: date) -> None:
        """Quiet when it works: a note that the offer was made, not something the person asked to save."""
        result = await self.save_in_thread(partial(self.session.note_quiet_offer, application, day))
        if not result.saved:
            self.show_result(result)

    async def _mark_ghosted(self, application: Application) -> None:
        from rebound_tui.core.models import Outcome
        from rebound_tui.core.text import one_line

        result = await self.save_in_thread(
            partial(self.session.close_application, application, Outcome.GHOSTED),
            waiting_words=WAITING_NO_TEXT,
        )
        company = one_line(application.company, 40)
        self.show_result(
            result, f"Marked {company} as ghosted. Their silence is about their process, not you."
        )

    def ask_follow_up(self, application: Application) -> None:
        """Ask for a day to follow up on ``application`` and save it."""
        from rebound_tui.core.text import one_line
        from rebound_tui.tui.dialogs.forms import FollowUpForm

        async def save(day: date) -> bool:
            result = await self.save_in_thread(lambda: self.session.set_follow_up(application, day))
            when = human_day(day, self.now().date())
            return self.show_result(result, f"Follow-up set for {when}: {one_line(application.company, 40)}.")

        form = FollowUpForm(self.now(), application)
        form.save_hook = save
        self.push_screen(self.with_draft(form, f"follow-up:{application.id}"))
